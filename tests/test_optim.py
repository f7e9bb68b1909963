"""The optimizers against PyTorch's documented update rules, transcribed below in plain
Python on the hand-worked gradient of a small loss, and against torch.optim in float64
where PyTorch is installed: trajectories of 100 steps to 1e-12 relative."""

import json
import math

import pytest

from autograd import Value
from autograd.files import FileError
from autograd.nn import SGD, Adam, AdamW

STEPS = 100
REL = 1e-12
START = (-1.2, 1.0)


def loss(x, y):
    """Rosenbrock's valley, gentler: (1 − x)² + 5(y − x²)²."""
    return (1 - x) ** 2 + 5 * (y - x * x) ** 2


def gradient(x, y):
    # by hand: ∂/∂x = −2(1 − x) − 20x(y − x²), ∂/∂y = 10(y − x²)
    return [-2 * (1 - x) - 20 * x * (y - x * x), 10 * (y - x * x)]


def reference_sgd(lr, momentum=0.0, dampening=0.0, weight_decay=0.0, nesterov=False):
    """torch.optim.SGD's algorithm as its documentation writes it."""
    theta, b = list(START), [None, None]
    path = []
    for _ in range(STEPS):
        g = gradient(*theta)
        for i in range(2):
            gi = g[i] + weight_decay * theta[i] if weight_decay else g[i]
            if momentum:
                b[i] = gi if b[i] is None else momentum * b[i] + (1 - dampening) * gi
                gi = gi + momentum * b[i] if nesterov else b[i]
            theta[i] = theta[i] - lr * gi
        path.append(tuple(theta))
    return path


def reference_adam(
    lr, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0, amsgrad=False, decoupled=False
):
    """torch.optim.Adam's (and, decoupled, AdamW's) algorithm as documented."""
    b1, b2 = betas
    theta, m, v, vmax = list(START), [0.0, 0.0], [0.0, 0.0], [0.0, 0.0]
    path = []
    for t in range(1, STEPS + 1):
        g = gradient(*theta)
        for i in range(2):
            gi = g[i]
            if decoupled:
                theta[i] = theta[i] - lr * weight_decay * theta[i]
            elif weight_decay:
                gi = gi + weight_decay * theta[i]
            m[i] = b1 * m[i] + (1 - b1) * gi
            v[i] = b2 * v[i] + (1 - b2) * gi * gi
            m_hat = m[i] / (1 - b1**t)
            if amsgrad:
                vmax[i] = max(vmax[i], v[i])
                v_hat = vmax[i] / (1 - b2**t)
            else:
                v_hat = v[i] / (1 - b2**t)
            theta[i] = theta[i] - lr * m_hat / (math.sqrt(v_hat) + eps)
        path.append(tuple(theta))
    return path


def run(make):
    params = [Value(START[0]), Value(START[1])]
    opt = make(params)
    path = []
    for _ in range(STEPS):
        opt.zero_grad()
        loss(*params).backward()
        opt.step()
        path.append((params[0].data, params[1].data))
    return path


def assert_same(path, reference):
    for step, (ours, theirs) in enumerate(zip(path, reference)):
        for a, b in zip(ours, theirs):
            assert abs(a - b) <= REL * max(abs(a), abs(b), 1e-3), (step, ours, theirs)


SGD_CASES = [
    dict(lr=0.01),
    dict(lr=0.01, momentum=0.9),
    dict(lr=0.01, momentum=0.9, dampening=0.3),
    dict(lr=0.01, momentum=0.9, nesterov=True),
    dict(lr=0.01, momentum=0.5, weight_decay=0.1),
]
ADAM_CASES = [
    dict(lr=0.05),
    dict(lr=0.05, betas=(0.8, 0.99), eps=1e-6),
    dict(lr=0.05, weight_decay=0.1),
    dict(lr=0.05, amsgrad=True),
]


@pytest.mark.parametrize("options", SGD_CASES)
def test_sgd_follows_the_documented_rule(options):
    assert_same(run(lambda ps: SGD(ps, **options)), reference_sgd(**options))


@pytest.mark.parametrize("options", ADAM_CASES)
def test_adam_follows_the_documented_rule(options):
    assert_same(run(lambda ps: Adam(ps, **options)), reference_adam(**options))


def test_adamw_decays_the_weights_apart_from_the_gradient():
    path = run(lambda ps: AdamW(ps, lr=0.05, weight_decay=0.1))
    assert_same(path, reference_adam(lr=0.05, weight_decay=0.1, decoupled=True))


def test_the_defaults_are_pytorchs():
    p = [Value(1.0)]
    assert SGD(p).hyper == dict(
        lr=0.001, momentum=0.0, dampening=0.0, weight_decay=0.0, nesterov=False, maximize=False
    )
    assert Adam(p).hyper == dict(
        lr=0.001, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0, amsgrad=False, maximize=False
    )
    assert AdamW(p).weight_decay == 0.01 and AdamW(p).lr == 0.001


def test_maximize_climbs():
    w = Value(0.0)
    (w * 2).backward()
    SGD([w], lr=0.5, maximize=True).step()
    assert w.data == 1.0


def test_state_saves_as_json_and_training_continues_as_if_never_stopped(tmp_path):
    def steps(params, opt, n):
        for _ in range(n):
            opt.zero_grad()
            loss(*params).backward()
            opt.step()

    for make in (lambda ps: SGD(ps, lr=0.01, momentum=0.9), lambda ps: Adam(ps, lr=0.05)):
        straight = [Value(START[0]), Value(START[1])]
        steps(straight, make(straight), 40)
        first = [Value(START[0]), Value(START[1])]
        opt = make(first)
        steps(first, opt, 25)
        opt.save(tmp_path / "opt.json")
        json.loads((tmp_path / "opt.json").read_text())  # plain JSON
        resumed = [Value(p.data) for p in first]
        again = make(resumed)
        again.load(tmp_path / "opt.json")
        steps(resumed, again, 15)
        assert [p.data for p in resumed] == [p.data for p in straight]


@pytest.mark.parametrize(
    "make, message",
    [
        (lambda: SGD([Value(1.0)], lr=-1), "SGD: lr: expected a number ≥ 0, got -1.0"),
        (lambda: SGD([Value(1.0)], lr="a"), "SGD: lr: expected a real number, got str 'a'"),
        (lambda: SGD([Value(1.0)], lr=0.1, nesterov=True), "Nesterov momentum requires"),
        (lambda: Adam([Value(1.0)], betas=(0.9, 1.0)), r"Adam: betas: each must be in \[0, 1\)"),
        (lambda: Adam([1.0]), "Adam: expected parameters that are Values, got 1.0"),
        (lambda: SGD([Value(1.0)], lr=math.inf), "SGD: lr: expected a finite number, got inf"),
    ],
)
def test_bad_hyperparameters_are_one_line(make, message):
    with pytest.raises((TypeError, ValueError), match=message) as caught:
        make()
    assert "\n" not in str(caught.value)


def test_an_overflowing_step_names_the_parameter():
    w = Value(1e308, label="w1")
    w.grad = -1e308
    with pytest.raises(OverflowError, match=r"^SGD: w1 would become inf"):
        SGD([w], lr=10.0).step()


@pytest.mark.parametrize(
    "document, field",
    [
        ({"state": {}, "param_groups": []}, "param_groups"),
        ({"state": {"5": {"step": 1}}, "param_groups": None}, "param_groups"),
        ({"state": {"7": {"exp_avg": 1.0}}}, "state"),
        ({"state": {"0": {"bogus": 1.0}}}, "state.0"),
        ({"state": {"0": {"exp_avg": "x"}}}, "state"),
        # "00" beside "0" was the same parameter, the later silently kept; "٣" was position 3
        ({"state": {"0": {"step": 1}, "00": {"step": 2}}}, "state"),
        ({"state": {"٣": {"step": 1}}}, "state"),
    ],
)
def test_a_malformed_state_file_names_the_field(tmp_path, document, field):
    opt = Adam([Value(1.0)])
    if "param_groups" not in document:
        document["param_groups"] = opt.state_dict()["param_groups"]
    path = tmp_path / "opt.json"
    path.write_text(json.dumps(document))
    with pytest.raises(FileError, match=f"field '{field}'"):
        opt.load(path)


# ---- PyTorch, float64, where installed ---------------------------------------------------


@pytest.mark.parametrize(
    "name, options",
    [("SGD", o) for o in SGD_CASES]
    + [("SGD", dict(lr=1e-4, weight_decay=0.1, maximize=True))]
    + [("Adam", o) for o in ADAM_CASES]
    + [("AdamW", dict(lr=0.05)), ("Adam", dict(lr=1e-3, maximize=True, weight_decay=0.1))],
)
def test_trajectories_agree_with_torch_optim(name, options):
    torch = pytest.importorskip("torch", reason="PyTorch is a benchmark-only dependency")
    ours = {"SGD": SGD, "Adam": Adam, "AdamW": AdamW}[name]
    params = [torch.tensor(v, dtype=torch.float64, requires_grad=True) for v in START]
    opt = getattr(torch.optim, name)(params, **options)
    theirs = []
    for _ in range(STEPS):
        opt.zero_grad()
        loss(*params).backward()
        opt.step()
        theirs.append(tuple(p.item() for p in params))
    assert_same(run(lambda ps: ours(ps, **options)), theirs)


def test_the_compiled_step_writes_each_optimizers_update_and_refuses_amsgrad():
    from autograd.compile import trace

    w, twin = Value(0.5, label="w"), Value(0.5)
    tape = trace(lambda x: (w * x - 1.0) ** 2, 0.0)
    for make in (
        lambda p: SGD(p, lr=0.1, maximize=True),
        lambda p: SGD(p, lr=0.1, momentum=0.9),
        lambda p: Adam(p, lr=0.1),
    ):
        step, opt = tape.step(make([w])), make([twin])
        for _ in range(5):
            opt.zero_grad()
            ((twin * 2.0 - 1.0) ** 2).backward()
            opt.step()
            step(2.0)
            assert w.data == twin.data
    with pytest.raises(TypeError, match=r"^tape.step: Adam's update decides on a value"):
        tape.step(Adam([w], amsgrad=True))


def test_a_rate_set_between_steps_is_followed_and_checked():
    # p ← p − lr·g with g = 2: from 1.0, lr 0.1 then 0.25: 1 − 0.2 − 0.5 = 0.3
    w = Value(1.0)
    opt = SGD([w], lr=0.1)
    for rate in (0.1, 0.25):
        opt.lr = rate
        opt.zero_grad()
        (w * 2).backward()
        opt.step()
    assert w.data == pytest.approx(0.3, rel=1e-15)
    assert opt.state_dict()["param_groups"][0]["lr"] == 0.25
    with pytest.raises(ValueError, match=r"^SGD: lr: expected a number ≥ 0, got -1.0$"):
        opt.lr = -1


@pytest.mark.parametrize(
    "params, error, message",
    [
        ([], ValueError, "SGD: got an empty parameter list"),  # torch's words
        (Value(1.0), TypeError, "SGD: expected an iterable of Values"),
        (None, TypeError, "SGD: expected an iterable of Values"),
    ],
)
def test_parameters_that_are_not_a_list_of_values_are_one_line(params, error, message):
    with pytest.raises(error, match=message):
        SGD(params, lr=0.1)


def test_a_parameter_listed_twice_is_refused_not_stepped_twice():
    # w ← w − lr·g applied twice a step: SGD([w, w], lr=0.1) moved w from 1 to 0.8 on a
    # gradient of 1, where one step gives 0.9 (torch warns of duplicate parameters)
    w = Value(1.0, label="w")
    with pytest.raises(ValueError, match=r"^SGD: parameter 1 \(.*\) is listed twice$"):
        SGD([w, w], lr=0.1)
    w.grad = 1.0
    SGD([w], lr=0.1).step()
    assert w.data == 0.9


def test_adam_with_eps_zero_and_no_gradient_names_the_parameter():
    # torch gives nan (0/0); a NaN must not creep in, so the step says where it divides by 0
    w = Value(1.0, label="w1")
    w.grad = 0.0
    with pytest.raises(ZeroDivisionError, match=r"^Adam: w1's update divides by zero .*eps > 0"):
        Adam([w], lr=0.1, eps=0.0).step()
    assert w.data == 1.0


@pytest.mark.parametrize(
    "entry, field",
    [
        ({"step": -1.0, "exp_avg": 0.0, "exp_avg_sq": 0.0}, "state.0.step"),  # 1 − β₁⁰ = 0
        ({"step": 0.0, "exp_avg": 0.0, "exp_avg_sq": 0.0}, "state.0.step"),
        ({"step": 1.0, "exp_avg": 0.0, "exp_avg_sq": -1.0}, "state.0.exp_avg_sq"),  # √ of it
    ],
)
def test_a_state_adam_cannot_step_from_is_refused_when_loaded(entry, field):
    w = Value(1.0)
    opt = Adam([w], lr=0.1)
    document = {"state": {"0": entry}, "param_groups": opt.state_dict()["param_groups"]}
    with pytest.raises(FileError, match=field):
        opt.load_state_dict(document)


def test_named_parameters_are_taken_as_torch_takes_them(tmp_path):
    # torch.optim.SGD(model.named_parameters()) steps the parameters and keeps the names in
    # param_groups[0]["param_names"]; here it was refused ("expected parameters that are Values")
    from autograd.nn import MLP

    net, twin = MLP(2, [2, 1]), MLP(2, [2, 1])
    twin.load_state_dict(net.state_dict())
    named = Adam(net.named_parameters(), lr=0.1)
    plain = Adam(twin.parameters(), lr=0.1)
    for model, opt in ((net, named), (twin, plain)):
        for _ in range(3):
            opt.zero_grad()
            model([0.5, -1.0]).backward()
            opt.step()
    assert [p.data for p in net.parameters()] == [p.data for p in twin.parameters()]
    names = [n for n, _ in net.named_parameters()]
    assert named.state_dict()["param_groups"][0]["param_names"] == names
    assert "param_names" not in plain.state_dict()["param_groups"][0]
    named.save(tmp_path / "opt.json")
    plain.load(tmp_path / "opt.json")  # torch: the saved names replace the optimizer's
    assert plain.state_dict() == named.state_dict()
    w = Value(1.0)
    w.grad = -1e308
    with pytest.raises(OverflowError, match=r"^SGD: weight would become inf"):
        SGD([("weight", w)], lr=10.0).step()


@pytest.mark.parametrize(
    "params, error, message",
    [
        ([("w", Value(1.0)), Value(2.0)], ValueError, r"^SGD: parameter 1 .* all as Values$"),
        ([(3, Value(1.0))], TypeError, r"^SGD: parameter 0: expected a \(name, Value\) pair"),
        ([{"params": [Value(1.0)], "lr": 0.1}], TypeError, r"^SGD: parameter groups are not"),
    ],
)
def test_names_given_to_some_parameters_or_groups_are_one_line(params, error, message):
    with pytest.raises(error, match=message):
        SGD(params, lr=0.1)
    document = {"state": {}, "param_groups": [{**SGD([Value(1.0)]).hyper, "params": [0]}]}
    document["param_groups"][0]["param_names"] = ["a", "b"]
    with pytest.raises(FileError, match=r"field 'param_groups.param_names': expected 1 names"):
        SGD([Value(1.0)]).load_state_dict(document)


def test_a_set_of_parameters_is_refused_as_it_has_no_order():
    # a set iterates in the order of its members' ids: a state saved by position in one run
    # was loaded onto other parameters in the next, silently (Adam's m and v swapped)
    w, b = Value(1.0, label="w"), Value(2.0, label="b")
    with pytest.raises(TypeError, match=r"^Adam: a set of parameters has no fixed order"):
        Adam({w, b})
    with pytest.raises(TypeError, match=r"^SGD: a set"):
        SGD(frozenset([w]))
