"""Expected values for the published worked examples in this folder, computed independently.

Plain Python floats and ``math`` only (nothing from the package). For every document: where it
comes from, the exact value of the quantities it computes, and which of its written numbers
are mistakes of the source, each on its line (found by a unique piece of the line's text).

- ``mistakes``: written numbers or formulas that are wrong; a reader must flag each on its line.
- ``carried``: numbers that follow correctly from an earlier mistake (wrong, but not a new slip);
  a flag there is not a false alarm.
- ``borderline``: numbers off by about one unit in their last place with fewer than six
  significant digits, where the precision of the numbers written does not settle it; either
  verdict is accepted.
- ``unverifiable``: numbers that depend on something the page does not give (a figure lost
  from the page, 10,000 training steps); "not understood" is the right answer there.

Tolerance policy (shared with the checker's docs): one unit in the last place of a number with
six or more significant digits is rounding; otherwise the tolerance comes from the precision of
the numbers written.

Run ``python tests/published/expected.py`` to rewrite the ``*.expected.json`` files.
"""

from __future__ import annotations

import json
import re
from math import exp, log, tanh
from pathlib import Path

HERE = Path(__file__).resolve().parent


def sigma(t: float) -> float:
    return 1 / (1 + exp(-t))


def softmax(zs: list[float]) -> list[float]:
    m = max(zs)
    es = [exp(z - m) for z in zs]
    return [e / sum(es) for e in es]


def mazur() -> dict[str, float]:
    i1, i2, t1, t2, eta = 0.05, 0.10, 0.01, 0.99, 0.5
    w = [0.15, 0.20, 0.25, 0.30, 0.40, 0.45, 0.50, 0.55]
    b1, b2 = 0.35, 0.60

    def forward(w: list[float]) -> dict[str, float]:
        nh1, nh2 = w[0] * i1 + w[1] * i2 + b1, w[2] * i1 + w[3] * i2 + b1
        h1, h2 = sigma(nh1), sigma(nh2)
        no1, no2 = w[4] * h1 + w[5] * h2 + b2, w[6] * h1 + w[7] * h2 + b2
        o1, o2 = sigma(no1), sigma(no2)
        e1, e2 = 0.5 * (t1 - o1) ** 2, 0.5 * (t2 - o2) ** 2
        return dict(net_h1=nh1, net_h2=nh2, out_h1=h1, out_h2=h2, net_o1=no1, net_o2=no2,
                    out_o1=o1, out_o2=o2, E_o1=e1, E_o2=e2, E_total=e1 + e2)

    v = forward(w)
    d1 = (v["out_o1"] - t1) * v["out_o1"] * (1 - v["out_o1"])
    d2 = (v["out_o2"] - t2) * v["out_o2"] * (1 - v["out_o2"])
    h1, h2 = v["out_h1"], v["out_h2"]
    dh1 = (d1 * w[4] + d2 * w[6]) * h1 * (1 - h1)
    dh2 = (d1 * w[5] + d2 * w[7]) * h2 * (1 - h2)
    grads = [dh1 * i1, dh1 * i2, dh2 * i1, dh2 * i2, d1 * h1, d1 * h2, d2 * h1, d2 * h2]
    new = [wi - eta * g for wi, g in zip(w, grads)]
    v.update({f"dE/dw{k + 1}": g for k, g in enumerate(grads)})
    v.update({f"w{k + 1}+": x for k, x in enumerate(new)})
    v.update({"delta_o1": d1, "dE_o1/dout_h1": d1 * w[4], "dE_o2/dout_h1": d2 * w[6],
              "dE_total/dout_h1": d1 * w[4] + d2 * w[6], "dout_h1/dnet_h1": h1 * (1 - h1)})
    v["E_total after one step"] = forward(new)["E_total"]
    return v


def postnetwork() -> dict[str, float]:
    z1 = 0.2 * 1 - 0.3 * 2 + 0.4 * -1 + 0.5
    z2 = -0.5 * 1 + 0.1 * 2 + 0.2 * -1 + 0.5
    a1, a2 = sigma(z1), sigma(z2)
    z3 = 0.3 * a1 + 0.4 * a2 + 0.1
    z4 = -0.1 * a1 + 0.2 * a2 + 0.1
    p1, p2 = softmax([z3, z4])
    own_p1 = 1 / (1 + exp(0.185 - 0.428))  # from the page's own z(3), z(4)
    return {"z(1)": z1, "z(2)": z2, "a(1)": a1, "a(2)": a2, "z(3)": z3, "z(4)": z4,
            "yhat_1": p1, "yhat_2": p2, "L": -log(p1), "yhat_1 from written": own_p1,
            "L from written": -log(0.561), "dL/dw7": (p1 - 1) * a1, "dL/dw9": (p1 - 1) * a2,
            "dL/dw8": p2 * a1, "dL/dw10": p2 * a2}


def sreekanth() -> dict[str, float]:
    z1 = 1.0 * 0.5
    a1 = max(0.0, z1)
    z2 = a1 * 0.5
    a2 = sigma(z2)
    dl_da2 = 1 / (1 - a2)  # L = -log(1 - a2)
    dl_dz2 = a2 - 0.0
    return {"z1": z1, "a1": a1, "z2": z2, "a2": a2, "L": -log(1 - a2), "dL/da2": dl_da2,
            "da2/dz2": a2 * (1 - a2), "dL/dz2": dl_dz2, "dL/dw2": dl_dz2 * a1,
            "dL/da1": dl_dz2 * 0.5, "dL/dz1": dl_dz2 * 0.5, "dL/dw1": dl_dz2 * 0.5 * 1.0,
            "w2'": 0.5 - 0.1 * dl_dz2 * a1, "w1'": 0.5 - 0.1 * dl_dz2 * 0.5}


def adilce() -> dict[str, float]:
    v: dict[str, float] = {"yhat": 6.0, "L": 16.0, "dL/dyhat": -8.0, "dL/dw": -16.0,
                           "w_new": 4.6, "yhat after": 9.2, "L after": (10 - 9.2) ** 2}
    x, w1, w2, y = 1.0, 0.5, -1.0, 0.5
    h = sigma(w1 * x)
    yh = w2 * h
    dy = -2 * (y - yh)
    s = h * (1 - h)
    g2, g1 = dy * h, dy * w2 * s * x
    n2, n1 = w2 - 0.1 * g2, w1 - 0.1 * g1
    v.update({"h": h, "yhat2": yh, "L2": (y - yh) ** 2, "dL/dyhat2": dy, "dL/dw2": g2,
              "sigma'(z1)": s, "dL/dw1": g1, "w2 new": n2, "w1 new": n1,
              "L2 after": (y - n2 * sigma(n1 * x)) ** 2,
              "L2 after, from the written weights": (y - (-0.861) * sigma(0.447)) ** 2,
              "relu yhat": -0.5, "relu L": 1.0, "relu dL/dw1": (-2) * (0.5 + 0.5) * (-1)})
    return v


def melfm() -> dict[str, float]:
    z1 = 0.15 * 0.05 + 0.2 * 0.1 + 0.30
    h1 = sigma(z1)
    y1 = 0.4 * 0.5812 + 0.45 * 0.5812 + 0.6  # the page's own formula (h1 twice)
    yh1 = sigma(y1)
    return {"z1": z1, "h1": h1, "y1 (as written, h1 twice)": y1, "yhat1": yh1,
            "E_y1": 0.5 * (0.01 - 0.7491) ** 2, "E_y2 with target 0.99": 0.5 * (0.99 - 0.7703) ** 2,
            "E_y2 as written (target 0.01)": 0.5 * (0.01 - 0.7703) ** 2,
            "dE/dyhat1": -(0.01 - 0.7491), "dyhat1/dnet": 0.7491 * (1 - 0.7491),
            "as written 0.7391(1 - 0.7391)": 0.7391 * (1 - 0.7391)}


def samanta() -> dict[str, float]:
    r1, r2 = softmax([4.0, 2.0, 1.0]), softmax([0.0, 5.0, 1.0])
    ce1 = -log(r1[0])
    ce2 = -(0.8 * log(r2[1]) + 0.2 * log(r2[2]))
    row1_formula = exp(4) / (exp(4) + exp(2) + exp(1))
    return {"f(4.0)": r1[0], "f(2.0)": r1[1], "f(1.0) row 1": r1[2], "f(0)": r2[0],
            "f(5.0)": r2[1], "f(1.0) row 2": r2[2], "CE row 1": ce1, "CE row 2": ce2,
            "e^4.0 / (e^4.0 + e^2.0 + e^1.0)": row1_formula,
            "e^4.0 / (e^0 + e^5.0 + e^1.0)": exp(4) / (1 + exp(5) + exp(1)),
            "CE row 2 with the written label 5": -(5 * log(r2[1]) + log(r2[2]))}


def pythonandml() -> dict[str, float]:
    x = [1.0, 4.0, 5.0]
    y = [0.1, 0.05]
    W1 = [[0.1, 0.2], [0.3, 0.4], [0.5, 0.6]]
    W2 = [[0.7, 0.8], [0.9, 0.1]]
    z1 = [sum(x[i] * W1[i][j] for i in range(3)) + 0.5 for j in range(2)]
    a1 = [sigma(z) for z in z1]
    z2 = [sum(a1[i] * W2[i][j] for i in range(2)) + 0.5 for j in range(2)]
    a2 = [sigma(z) for z in z2]
    d2 = [(a2[j] - y[j]) * a2[j] * (1 - a2[j]) for j in range(2)]
    d1 = [sum(d2[j] * W2[i][j] for j in range(2)) * a1[i] * (1 - a1[i]) for i in range(2)]
    v: dict[str, float] = {}
    for j in range(2):
        v[f"z_1[{j + 1}]"], v[f"a_1[{j + 1}]"] = z1[j], a1[j]
        v[f"z_2[{j + 1}]"], v[f"a_2[{j + 1}]"] = z2[j], a2[j]
        v[f"dJ/da_2[{j + 1}]"] = a2[j] - y[j]
        v[f"f'_2[{j + 1}]"] = a2[j] * (1 - a2[j])
        v[f"f'_1[{j + 1}]"] = a1[j] * (1 - a1[j])
        v[f"delta_2[{j + 1}]"], v[f"delta_1[{j + 1}]"] = d2[j], d1[j]
        v[f"b_1 new[{j + 1}]"] = 0.5 - 0.01 * d1[j]
        v[f"b_2 new[{j + 1}]"] = 0.5 - 0.01 * d2[j]
    for i in range(3):
        for j in range(2):
            v[f"dJ/dW_1[{i + 1}{j + 1}]"] = x[i] * d1[j]
            v[f"W_1 new[{i + 1}{j + 1}]"] = W1[i][j] - 0.01 * x[i] * d1[j]
    for i in range(2):
        for j in range(2):
            v[f"dJ/dW_2[{i + 1}{j + 1}]"] = a1[i] * d2[j]
            v[f"W_2 new[{i + 1}{j + 1}]"] = W2[i][j] - 0.01 * a1[i] * d2[j]
    return v


def gradient_quiz() -> dict[str, float]:
    return {"(J(1.01) - J(0.99)) / (2 * 0.01)": (1.01**3 - 0.99**3) / (2 * 0.01),
            "as written / (2 * 0.10)": (1.01**3 - 0.99**3) / (2 * 0.10), "dJ/dtheta": 3.0}


def qa_linear() -> dict[str, float]:
    xs, ys = [1, 1, 2], [22, 3, 3]
    return {"h - y": -21.0, "gradient(b1)": sum((x - y) * x for x, y in zip(xs, ys)) / 3,
            "MSE (1/2m)": sum((x - y) ** 2 for x, y in zip(xs, ys)) / 6}


def unicamp() -> dict[str, float]:
    return {"u": 2.0, "z": 2.0, "dz/du": 1.0, "dz/dx": 2.0, "dz/dw": 1.0}


def dsc140b() -> dict[str, float]:
    gz = (-3.0, 1.0)  # dH/dz^(2)_k as substituted on the page
    return {"dH/da1": 5 * gz[0] + 1 * gz[1], "dH/da2": 1 * gz[0] + 2 * gz[1],
            "dH/dz1": (5 * gz[0] + gz[1]) * 1.0, "dH/dz2": 0.0, "dH/dW11": 3 * gz[0],
            "dH/dW21": 0.0}


def ninjakx() -> dict[str, float]:
    h11 = sigma(0.5 * 1 + 0.4 * 2 + 0.1 * -1 + 0.2 * 1)
    h12 = sigma(0.65 * 1 + 0.15 * 2 + 0.2 * -1 + 0.7 * 1)
    n21, n22 = 0.1 * 0.802184 + 0.2 * 0.80998, 0.3 * 0.802184 + 0.4 * 0.80998
    o21, o22 = sigma(n21), sigma(n22)
    no1 = -0.25 * 0.56026 + 0.5 * 0.637529
    return {"net_H11": 1.4, "out_H11": h11, "net_H12": 1.45, "out_H12": h12, "net_H21": n21,
            "out_H21": o21, "1/(1+e^0.43) as written": 1 / (1 + exp(0.43)), "net_H22": n22,
            "out_H22": o22, "1/(1+e^-1) as written": sigma(1.0), "net_O1": no1,
            "out_O1": sigma(no1), "1/(1+e^0.17) as written": 1 / (1 + exp(0.17))}


def smaxx73_session6() -> dict[str, float]:
    z = 0.8 * 1.5 - 0.3
    yh = sigma(z)
    e = yh - 1
    dz = 2 * e * yh * (1 - yh)
    s6, s3 = sigma(0.6), sigma(-0.3)
    return {"MSE": (0.25 + 1.0 + 0.25) / 3, "L(0)": (0 - 3) ** 2 + 1, "L(1.2)": (1.2 - 3) ** 2 + 1,
            "dL/dw(0)": -6.0, "dL/dw(1.2)": 2 * 1.2 - 6, "w after step 1": 1.2,
            "w after step 2": 1.2 - 0.2 * (2 * 1.2 - 6), "dy/dx at 1": 54.0, "z": z,
            "yhat": yh, "e": e, "L": e * e, "dL/de": 2 * e, "dL/dz": dz,
            "dL/dz from written": -0.5782 * 0.7109 * 0.2891, "dL/dw": dz * 1.5, "dL/db": dz,
            "w new": 0.8 - dz * 1.5, "b new": -0.3 - dz, "sigma(0.6)": s6,
            "sigma'(0.6)": s6 * (1 - s6), "sigma(-0.3)": s3, "sigma'(-0.3)": s3 * (1 - s3),
            "delta1_1": -0.12 * s6 * (1 - s6), "delta1_2": 0.08 * s3 * (1 - s3)}


def smaxx73_session7() -> dict[str, float]:
    p = softmax([2.0, 1.0, 0.5])
    q = softmax([1.0, 2.0, 3.0])
    bce = [-log(0.9), -log(0.8), -log(0.3), -log(0.2)]
    cce = [-log(0.7), -log(0.8), -log(0.5)]
    return {"MSE dL/dz": 2 * (0.01 - 1) * 0.01 * 0.99, "CE dL/dz": 0.01 - 1,
            "BCE samples": bce[0], "BCE mean": sum(bce) / 4, "softmax [2,1,0.5]": p[0],
            "softmax [2,1,0.5] 2": p[1], "softmax [2,1,0.5] 3": p[2],
            "sum e^z [2,1,0.5]": exp(2) + exp(1) + exp(0.5), "softmax [1,2,3]": q[0],
            "softmax [1,2,3] 2": q[1], "softmax [1,2,3] 3": q[2],
            "sum e^z [1,2,3]": exp(1) + exp(2) + exp(3), "CCE mean": sum(cce) / 3}


def kiotto() -> dict[str, float]:
    xs, ys = [10, 20, 30], [20, 18, 15]
    errs = [0 - y for y in ys]
    dw = sum(x * e for x, e in zip(xs, errs)) / 3
    db = sum(errs) / 3
    return {"dw": dw, "db": db, "w": 0 - 0.01 * dw, "b": 0 - 0.01 * db}


def diaz() -> dict[str, float]:
    z1 = [0.1 * 0.5 + 0.4 * -0.2 + 0.1, -0.2 * 0.5 + 0.1 * -0.2 + 0, 0.3 * 0.5 + -0.1 * -0.2 - 0.1]
    a1 = [max(0.0, z) for z in z1]
    w2 = [[0.2, -0.1, 0.3], [0.1, 0.4, -0.2]]
    z2 = [sum(w2[k][i] * a1[i] for i in range(3)) + b for k, b in enumerate((0.2, -0.1))]
    p = softmax(z2)
    d2 = [p[0] - 0, p[1] - 1]
    da1 = [sum(w2[k][i] * d2[k] for k in range(2)) for i in range(3)]
    d1 = [da1[i] * (1.0 if z1[i] > 0 else 0.0) for i in range(3)]
    v = {f"Z1_{i + 1}": z for i, z in enumerate(z1)}
    v.update({f"Z2_{k + 1}": z for k, z in enumerate(z2)})
    v.update({"e^z1": exp(z2[0]), "e^z2": exp(z2[1]), "Yhat_1": p[0], "Yhat_2": p[1],
              "J": -log(p[1]), "delta2_1": d2[0], "delta2_2": d2[1], "dJ/dW2_11": d2[0] * a1[0]})
    v.update({f"dJ/dA1_{i + 1}": g for i, g in enumerate(da1)})
    v.update({f"dJ/dW1_{i + 1}{j + 1}": d1[i] * x for i in range(3) for j, x in enumerate((0.5, -0.2))})
    return v


def sghosh() -> dict[str, float]:
    z = 0.5 * 1.0 + -0.4 * 2.0 + 0.1
    yp = sigma(z)
    dz = (yp - 1.0) * yp * (1 - yp)
    return {"z": z, "y_pred": yp, "Loss": 0.5 * (1 - yp) ** 2, "dL/dy_pred": yp - 1,
            "dy_pred/dz": yp * (1 - yp), "dL/dz": dz, "dL/dz from written": -0.5498 * 0.2475,
            "dL/dw12": 2 * dz, "w11": 0.5 - 0.1 * dz, "w12": -0.4 - 0.1 * 2 * dz, "b": 0.1 - 0.1 * dz}


def splinter() -> dict[str, float]:
    def loss(i: float, w: float, b: float) -> float:
        return (tanh(i * w + b) - 0.7) ** 2 / 2

    tiny = 0.0001
    out = tanh(0.8)
    l0 = loss(0.4, 0.5, 0.6)
    de = (out - 0.7) * (1 - out * out)
    return {"Output": out, "Error": out - 0.7, "Loss": l0, "1-F2^2": 1 - out * out,
            "dL/dnet": de, "dL/dinput": de * 0.5, "dL/dweight": de * 0.4, "dL/dbias": de,
            "faux output": ((out + tiny - 0.7) ** 2 / 2 - l0) / tiny,
            "faux net": (loss(1, 0.8001, 0) - l0) / tiny,
            "faux weight": (loss(0.4, 0.5001, 0.6) - l0) / tiny,
            "tanh(0.80004)": tanh(0.80004), "tanh(0.80005)": tanh(0.80005),
            "loss weight+": loss(0.4, 0.5001, 0.6), "loss input+": loss(0.4001, 0.5, 0.6)}


def abdulrehman() -> dict[str, float]:
    x1, x2, t1, t2, lr = 0.10, 0.20, 0.05, 0.95, 0.3
    w = [0.20, 0.25, 0.30, 0.35, 0.45, 0.50, 0.55, 0.60]
    b1, b2 = 0.40, 0.65

    def forward(w: list[float], b1: float, b2: float) -> tuple[float, ...]:
        h1, h2 = sigma(x1 * w[0] + x2 * w[1] + b1), sigma(x1 * w[2] + x2 * w[3] + b1)
        y1, y2 = sigma(h1 * w[4] + h2 * w[5] + b2), sigma(h1 * w[6] + h2 * w[7] + b2)
        return h1, h2, y1, y2, 0.5 * (t1 - y1) ** 2, 0.5 * (t2 - y2) ** 2

    h1, h2, y1, y2, e1, e2 = forward(w, b1, b2)
    d1, d2 = (y1 - t1) * y1 * (1 - y1), (y2 - t2) * y2 * (1 - y2)
    new_out = [w[4] - lr * d1 * h1, w[5] - lr * d1 * h2, w[6] - lr * d2 * h1, w[7] - lr * d2 * h2]
    dh1 = (d1 * w[4] + d2 * w[6]) * h1 * (1 - h1)  # through the weights before the update
    dh2 = (d1 * w[5] + d2 * w[7]) * h2 * (1 - h2)
    new_in = [w[0] - lr * dh1 * x1, w[1] - lr * dh1 * x2, w[2] - lr * dh2 * x1, w[3] - lr * dh2 * x2]
    nb1, nb2 = b1 - lr * (dh1 + dh2), b2 - lr * (d1 + d2)
    a = forward(new_in + new_out, nb1, nb2)
    return {"H1": h1, "H2": h2, "y1": y1, "y2": y2, "E1": e1, "E2": e2, "E_total": e1 + e2,
            "delta1": d1, "delta2": d2, "w5 new": new_out[0], "delta_H1": dh1, "delta_H2": dh2,
            "w1 new": new_in[0], "b1 new": nb1,
            "b2 new": nb2, "H1 after": a[0], "y1 after": a[2], "E_total after": a[4] + a[5],
            "reduction": e1 + e2 - a[4] - a[5]}


def bp_cn() -> dict[str, float]:
    v = mazur()
    return {k: v[k] for k in ("out_h1", "out_h2", "net_o1", "out_o1", "E_total", "dE_o1/dout_h1",
                              "dE_total/dout_h1", "dE/dw1", "dE/dw5", "w5+", "w1+")}


def ee4210() -> dict[str, float]:
    v_h1, v_h2 = -0.5 * 0 + 0.1 * 1 + -0.6 * -1, -0.4 * 0 + 0.2 * 1 + 0.3 * -1  # bias input -1
    y_h1, y_h2 = sigma(v_h1), sigma(v_h2)
    y = sigma(0.6 * y_h1 - 0.7 * y_h2 - 0.8 * -1)
    d = (0.9 - y) * y * (1 - y)
    return {"v_H1": v_h1, "y_H1": y_h1, "v_H2": v_h2, "y_H2": y_h2, "y_Y1": y, "error": 0.9 - y,
            "delta_Y1": d, "dw_Y1H1": 0.7 * d * y_h1, "dw_Y1H2": 0.7 * d * y_h2,
            "db_Y1": -0.7 * d, "delta_H1": d * 0.6 * y_h1 * (1 - y_h1),
            "delta_H2": d * -0.7 * y_h2 * (1 - y_h2)}


def qa_unit_error() -> dict[str, float]:
    def delta(t: float, z: float) -> float:  # an output unit's delta from its own output z
        return z * (1 - z) * (t - z)

    return {"sigma(0.982)": sigma(0.982), "asker's d1": 0.728 * 0.272 * -0.25,
            "f'(Ik) = -0.0353 / -0.25": 0.0353 / 0.25, "delta1": delta(0.58, 0.83),
            "delta2": delta(0.70, 0.26), "delta3": delta(0.20, 0.56)}


def fiqlab() -> dict[str, float]:
    net_h1, net_h2 = 0.15 * 0.05 + 0.20 * 0.10 + 0.35, 0.25 * 0.05 + 0.30 * 0.10 + 0.35
    net_o1 = 0.40 * sigma(net_h1) + 0.45 * sigma(net_h2) + 0.60
    return {"net_h1": net_h1, "e^-net_h1": exp(-net_h1), "out_h1": sigma(net_h1),
            "net_h2": net_h2, "e^-net_h2": exp(-net_h2), "out_h2": sigma(net_h2),
            "net_o1": net_o1, "e^-net_o1": exp(-net_o1), "out_o1": sigma(net_o1)}


def nafiz() -> dict[str, float]:
    w = [[[0.2, -0.1, 0.4], [0.5, 0.3, -0.6], [-0.2, 0.1, 0.3]],
         [[0.1, -0.2, 0.5], [0.4, 0.1, -0.3], [-0.1, 0.3, 0.2]],
         [[0.3, 0.1, -0.4], [0.2, -0.5, 0.6], [-0.3, 0.2, 0.4]],
         [[0.2, -0.1, 0.5], [0.4, 0.1, -0.3], [-0.2, 0.3, 0.2]]]
    x, y = [1.0, 4.0, 7.0], [1.0, 0.0, 0.0]

    def times(m: list[list[float]], v: list[float]) -> list[float]:
        return [sum(m[i][j] * v[j] for j in range(3)) for i in range(3)]

    def transposed(m: list[list[float]]) -> list[list[float]]:
        return [[m[j][i] for j in range(3)] for i in range(3)]

    zs, a = [], x
    for k in range(4):
        zs.append(times(w[k], a))
        a = [max(0.0, z) for z in zs[-1]]
    es = [exp(z) for z in zs[3]]
    v = {f"Z[{k + 1}]_{i + 1}": zs[k][i] for k in range(4) for i in range(3)}
    v.update({f"e^Z[4]_{i + 1}": e for i, e in enumerate(es)})
    v.update({f"softmax_{i + 1}": e / sum(es) for i, e in enumerate(es)})
    v["sum"] = sum(es)
    dz = [zs[3][i] - y[i] for i in range(3)]  # the page's own A[4] = Z[4]
    for k in (3, 2, 1, 0):
        below = x if k == 0 else [max(0.0, z) for z in zs[k - 1]]
        v.update({f"dZ[{k + 1}]_{i + 1}": dz[i] for i in range(3)})
        v.update({f"dW[{k + 1}]_{i + 1}{j + 1}": dz[i] * below[j] for i in range(3) for j in range(3)})
        if k:
            back = times(transposed(w[k]), dz)
            v.update({f"W[{k + 1}]^T dZ[{k + 1}]_{i + 1}": b for i, b in enumerate(back)})
            dz = [b if z > 0 else 0.0 for b, z in zip(back, zs[k - 1])]
    return v


def ar007() -> dict[str, float]:
    g = (0.6 - 0.8) * 0.24  # the page's own y' and y'(1 - y')
    h1, h2 = sigma(0.10 * 0.15 + 0.35 * 0.25 + 0.60), sigma(0.10 * 0.30 + 0.35 * 0.35 + 0.60)
    return {"Error": 0.8 - 0.6, "dL/dy'": 0.6 - 0.8, "dL/dW_1": g * 1, "dL/dW_2": g * 2,
            "W_1 new": 0.4 - 0.1 * g * 1, "W_2 new": -0.2 - 0.1 * g * 2,
            "y' from x, W, b (sigmoid)": sigma(0.4 * 1 - 0.2 * 2 + 0.1),
            "QN3 z": 0.5 * 2 + 1, "QN3 e^-2": exp(-2), "QN3 sigma(2)": sigma(2.0),
            "QN5 z_H1": 0.10 * 0.15 + 0.35 * 0.25 + 0.60, "QN5 H1": h1,
            "QN5 z_H2": 0.10 * 0.30 + 0.35 * 0.35 + 0.60, "QN5 H2": h2,
            "QN5 z_y1": 0.40 * h1 + 0.45 * h2, "QN5 y1": sigma(0.40 * h1 + 0.45 * h2),
            "QN5 z_y2": 0.50 * h1 + 0.55 * h2, "QN5 y2": sigma(0.50 * h1 + 0.55 * h2),
            "QN5 y2 from the written 0.7081": sigma(0.7081)}


def geoj_cs231n() -> dict[str, float]:
    x, w1, w2 = [16.0, -6.0], [[0.18, 0.04], [0.1, 0.22]], [[0.19, -0.1, 0.1], [-0.02, -0.01, 0.04]]
    m = [x[0] * w1[0][j] + x[1] * w1[1][j] for j in range(2)]
    h1 = [max(0.0, v) for v in m]
    scores = [h1[0] * w2[0][k] + h1[1] * w2[1][k] for k in range(3)]
    p = softmax(scores)
    dscores = [p[0], p[1], p[2] - 1]  # y = 2 is the class index: trueprob = [0, 0, 1]
    dh1 = [sum(dscores[k] * w2[j][k] for k in range(3)) for j in range(2)]
    dm = [dh1[j] if m[j] > 0 else 0.0 for j in range(2)]
    v = {f"M_{j}": m[j] for j in range(2)}
    v.update({f"h1_{j}": h1[j] for j in range(2)})
    v.update({f"scores_{k}": scores[k] for k in range(3)})
    v["loss"] = -log(p[2])
    v.update({f"dloss/dscores_{k}": dscores[k] for k in range(3)})
    v.update({f"dloss/dW2_{j}{k}": h1[j] * dscores[k] for j in range(2) for k in range(3)})
    v.update({f"dloss/db2_{k}": dscores[k] for k in range(3)})
    v.update({f"dloss/dh1_{j}": dh1[j] for j in range(2)})
    v.update({f"dloss/dM_{j}": dm[j] for j in range(2)})
    v.update({f"dloss/dW1_{i}{j}": x[i] * dm[j] for i in range(2) for j in range(2)})
    v.update({f"dloss/db1_{j}": dm[j] for j in range(2)})
    # the printed differences |network - math| from the page's 12-decimal values
    v["difference loss"] = abs(v["loss"] - 1.051375468504)
    v["difference dW2"] = sum(abs(h1[0] * d - w) for d, w in
                              zip(dscores, (0.978240210068, 0.504998396209, -1.483238606277)))
    v["difference dW1"] = abs(x[0] * dm[0] + 0.090933756736) + abs(x[1] * dm[0] - 0.034100158776)
    return v


def rnn_bptt_cn() -> dict[str, float]:
    wxh, whh, wyh, bh, by, xs = 0.1, 0.3, 0.5, 0.2, 0.1, (0.5, 0.1, 0.6)
    h1 = tanh(wxh * xs[0] + bh)  # the page's model: b_h at t = 1 only, b_y in every output
    h2 = tanh(whh * h1 + wxh * xs[1])
    h3 = tanh(whh * h2 + wxh * xs[2])
    dh3 = 1 * wyh  # the page assumes dL/dy3 = 1 and dL/dy2 = 0 (no loss function is given)
    dh2 = 0 * wyh + dh3 * whh * (1 - h3**2)
    whh_3 = dh3 * (1 - h3**2) * h2
    return {"h_1": h1, "y_1": wyh * h1 + by, "h_2": h2, "y_2": wyh * h2 + by,
            "h_3": h3, "y_3": wyh * h3 + by, "grad h_3": dh3, "grad W_yh (t=3)": h3,
            "grad W_hh (t=3)": whh_3, "grad W_xh (t=3)": dh3 * (1 - h3**2) * xs[2],
            "grad h_2": dh2, "grad W_yh (t=2)": h3 + 0 * h2,
            "grad W_hh (t=2)": whh_3 + dh2 * (1 - h2**2) * h1,
            "grad W_xh (t=2)": dh3 * (1 - h3**2) * xs[2] + dh2 * (1 - h2**2) * xs[1],
            # from the page's own written values, to tell new slips from carried ones
            "h_2 from the written h_1 = 0.375": tanh(0.3 * 0.375 + 0.1 * 0.1),
            "h_3 from the written h_2 = 0.1875": tanh(0.3 * 0.1875 + 0.1 * 0.6),
            "y_3 from the written h_3 = 0.3375": 0.5 * 0.3375 + 0.1,
            "grad W_hh (t=3) from the written values": 0.5 * (1 - 0.3375**2) * 0.1875,
            "grad W_xh (t=3) from the written values": 0.5 * (1 - 0.3375**2) * 0.6,
            "grad h_2 from the written values": 0.5 * 0.3 * (1 - 0.3375**2),
            "grad W_hh (t=2) from the written values": 0.03125 + 0.05625 * (1 - 0.1875**2) * 0.375}


def minibatch_bn() -> dict[str, float]:
    w, b, eta, v = 1.0, 0.0, 0.1, {}
    for batch, samples in ((1, ((1, 2), (2, 3))), (2, ((3, 5), (4, 4)))):
        gw, gb = [], []
        for x, y in samples:
            yhat = w * x + b
            e = y - yhat
            gw.append(-e * x)
            gb.append(-e)  # l = ½(y − ŷ)²: dl/dw = −(y − ŷ)x, dl/db = −(y − ŷ)
            v.update({f"yhat ({x},{y})": yhat, f"e ({x},{y})": e,
                      f"dl/dw ({x},{y})": -e * x, f"dl/db ({x},{y})": -e})
        djw, djb = sum(gw) / 2, sum(gb) / 2
        w, b = w - eta * djw, b - eta * djb
        v.update({f"dJ/dw batch {batch}": djw, f"dJ/db batch {batch}": djb,
                  f"w after batch {batch}": w, f"b after batch {batch}": b})
    return v


def mihir_dlp2() -> dict[str, float]:
    x, w = [1.0, 2.0], [[0.2, -0.3, 0.5], [-0.5, 0.7, -0.2]]
    logits = [x[0] * w[0][k] + x[1] * w[1][k] for k in range(3)]
    p = softmax(logits)
    grad = [p[0], p[1] - 1, p[2]]  # y_true = [0, 1, 0]
    v = {f"logit {k}": logits[k] for k in range(3)}
    v.update({f"logit {k} - max": logits[k] - max(logits) for k in range(3)})
    v.update({f"exp {k}": exp(logits[k] - max(logits)) for k in range(3)})
    v["sum"] = sum(exp(z - max(logits)) for z in logits)
    v.update({f"y_pred {k}": p[k] for k in range(3)})
    v["Loss"] = -log(p[1])
    v.update({f"grad {k}": grad[k] for k in range(3)})
    v.update({f"W update {i}{k}": x[i] * grad[k] for i in range(2) for k in range(3)})
    v.update({f"Delta W {i}{k}": -0.1 * x[i] * grad[k] for i in range(2) for k in range(3)})
    v["y_pred 0 from the written 0.149 / 1.517"] = 0.149 / 1.517
    v["y_pred 2 from the written 0.368 / 1.517"] = 0.368 / 1.517
    return v


def kaifeng_cn() -> dict[str, float]:
    x, y, eta = (1.0, 2.0), 0.5, 0.1
    w1 = ((0.5, 0.6), (0.7, 0.8))  # z1 = X·W1: row i of W1 takes input i
    b1, w2, b2 = (0.1, 0.2), (0.9, 0.1), 0.3
    z1 = [x[0] * w1[0][j] + x[1] * w1[1][j] + b1[j] for j in range(2)]
    a1 = [sigma(z) for z in z1]
    z2 = a1[0] * w2[0] + a1[1] * w2[1] + b2
    yh = sigma(z2)
    d2 = (yh - y) * yh * (1 - yh)  # L = ½(ŷ − y)²
    da = [d2 * w for w in w2]
    sp = [a * (1 - a) for a in a1]
    d1 = [da[j] * sp[j] for j in range(2)]
    v = {"z1 1": z1[0], "z1 2": z1[1], "a1 1": a1[0], "a1 2": a1[1], "z2": z2, "yhat": yh,
         "L": 0.5 * (yh - y) ** 2, "dL/dyhat": yh - y, "sigma'(z2)": yh * (1 - yh), "delta2": d2,
         "dL/dW2 1": d2 * a1[0], "dL/dW2 2": d2 * a1[1], "dL/da1 1": da[0], "dL/da1 2": da[1],
         "sigma'(z1) 1": sp[0], "sigma'(z1) 2": sp[1], "delta1 1": d1[0], "delta1 2": d1[1]}
    v.update({f"dL/dW1 {i + 1}{j + 1}": x[i] * d1[j] for i in range(2) for j in range(2)})
    v.update({f"W1 {i + 1}{j + 1} after": w1[i][j] - eta * x[i] * d1[j]
              for i in range(2) for j in range(2)})
    v.update({"W2 1 after": w2[0] - eta * d2 * a1[0], "W2 2 after": w2[1] - eta * d2 * a1[1],
              "b2 after": b2 - eta * d2, "b1 1 after": b1[0] - eta * d1[0],
              "b1 2 after": b1[1] - eta * d1[1],
              # from the page's own written values, to tell new slips from carried ones
              "z2 from the written a1": 0.8808 * 0.9 + 0.9084 * 0.1 + 0.3,
              "yhat from the written z2 = 1.1835": sigma(1.1835),
              "L from the written yhat = 0.7692": 0.5 * (0.7692 - 0.5) ** 2,
              "0.7692 x (1 - 0.7692)": 0.7692 * (1 - 0.7692),
              "0.8808 x 0.1192": 0.8808 * 0.1192, "0.9084 x 0.0916": 0.9084 * 0.0916,
              "0.7 - 0.00004": 0.7 - 0.00004})
    return v


def ch20_batchnorm() -> dict[str, float]:
    xs, gamma, up = (1.0, 3.0, 5.0), 1.0, 1.0  # ε = 0, ∂L/∂y_i = 1
    m = len(xs)
    mu = sum(xs) / m
    var = sum((x - mu) ** 2 for x in xs) / m
    xh = [(x - mu) / var**0.5 for x in xs]
    dxh = [up * gamma for _ in xs]
    dvar = sum(d * (x - mu) for d, x in zip(dxh, xs)) * -0.5 * var**-1.5
    dmu = sum(-d / var**0.5 for d in dxh) + dvar * -2 / m * sum(x - mu for x in xs)
    dx = [d / var**0.5 + dvar * 2 * (x - mu) / m + dmu / m for d, x in zip(dxh, xs)]
    v = {"mu": mu, "var": var, "sqrt var": var**0.5, "dL/dgamma": sum(up * h for h in xh),
         "dL/dbeta": up * m, "dL/dvar": dvar, "dL/dmu": dmu, "1/sqrt var": 1 / var**0.5,
         "dmu / 3": dmu / 3}
    v.update({f"xhat {k + 1}": xh[k] for k in range(m)})
    v.update({f"dL/dx {k + 1}": dx[k] for k in range(m)})
    return v


def optimizers_ch03() -> dict[str, float]:
    beta, eta, v = 0.9, 0.1, {}
    vel = 0.0
    for t in range(1, 5):  # momentum, v_t = βv_{t-1} + η∇L, constant ∇L = −2
        vel = beta * vel + eta * -2.0
        v[f"momentum v_{t}"] = vel
    v["momentum v_inf"] = eta * -2.0 / (1 - beta)
    vel = 0.0
    for t, g in enumerate((-2.0, 1.5, -2.0), 1):
        vel = beta * vel + eta * g
        v[f"oscillating v_{t}"] = vel
    s = 0.0
    for t in range(1, 4):  # RMSprop, s_t = βs_{t-1} + (1 − β)∇L², ∇L = −2
        s = beta * s + (1 - beta) * 4.0
        v[f"rmsprop s_{t}"] = s
    v["rmsprop s_1 (grad 10)"] = (1 - beta) * 100
    v["rmsprop s_2 (grad 0.1)"] = beta * 10 + (1 - beta) * 0.01
    v["update A"] = 0.1 * 10.0 / 100**0.5
    v["update B"] = 0.1 * 0.1 / 0.01**0.5
    b1, b2 = 0.9, 0.999
    m1, v1 = (1 - b1) * 2.0, (1 - b2) * 4.0  # Adam, ∇L = 2
    v.update({"adam m_1": m1, "adam v_1": v1, "adam mhat_1": m1 / (1 - b1),
              "adam vhat_1": v1 / (1 - b2),
              "adam update 1": 0.1 / (v1 / (1 - b2)) ** 0.5 * m1 / (1 - b1),
              "adam m_2": b1 * m1 + (1 - b1) * 2.0, "adam v_2": b2 * v1 + (1 - b2) * 4.0,
              "0.9^10": b1**10, "1 - 0.9^10": 1 - b1**10, "0.9^100": b1**100,
              "1 - 0.999^1000": 1 - b2**1000, "1/(1 - beta)": 1 / (1 - beta)})
    return v


def hankamber() -> dict[str, float]:
    x = {1: 1.0, 2: 0.0, 3: 1.0}
    w = {(1, 4): 0.2, (1, 5): -0.3, (2, 4): 0.4, (2, 5): 0.1, (3, 4): -0.5, (3, 5): 0.2,
         (4, 6): -0.3, (5, 6): -0.2}
    theta, rate, target = {4: -0.4, 5: 0.2, 6: 0.1}, 0.9, 1.0
    net = {j: sum(x[i] * w[(i, j)] for i in (1, 2, 3)) + theta[j] for j in (4, 5)}
    out = {j: sigma(net[j]) for j in (4, 5)}
    net[6] = out[4] * w[(4, 6)] + out[5] * w[(5, 6)] + theta[6]
    out[6] = sigma(net[6])
    err = {6: out[6] * (1 - out[6]) * (target - out[6])}  # Err_j = O_j(1 − O_j)(T_j − O_j)
    for j in (4, 5):
        err[j] = out[j] * (1 - out[j]) * err[6] * w[(j, 6)]
    v = {f"I_{j}": net[j] for j in (4, 5, 6)}
    v.update({f"O_{j}": out[j] for j in (4, 5, 6)})
    v.update({f"Err_{j}": err[j] for j in (4, 5, 6)})
    v.update({f"w_{i}{j} new": w[(i, j)] + rate * err[j] * (x[i] if i < 4 else out[i])
              for i, j in w})
    v.update({f"theta_{j} new": theta[j] + rate * err[j] for j in (4, 5, 6)})
    v["I_6 as substituted, -0.3 * -0.332 - 0.2 * 0.525 + 0.1"] = -0.3 * -0.332 - 0.2 * 0.525 + 0.1
    return v


def course_notes_conv() -> dict[str, float]:
    x, y, w1, b1, w2, b2, eta = 0.5, 1.0, 2.0, 0.5, 1.5, -1.0, 0.5
    z1 = w1 * x + b1
    a1 = sigma(z1)
    z2 = w2 * a1 + b2
    a2 = sigma(z2)
    d2 = -(y - a2) * a2 * (1 - a2)  # L = ½(y − ŷ)²
    d1 = d2 * w2 * a1 * (1 - a1)
    v = {"z_1": z1, "a_1": a1, "w_2 a_1": w2 * a1, "z_2": z2, "a_2": a2,
         "L": 0.5 * (y - a2) ** 2, "dL/da_2": -(y - a2), "a_2(1 - a_2)": a2 * (1 - a2),
         "delta_2": d2, "dL/dw_2": d2 * a1, "delta_2 w_2": d2 * w2, "a_1(1 - a_1)": a1 * (1 - a1),
         "delta_1": d1, "dL/dw_1": d1 * x, "w_2 new": w2 - eta * d2 * a1, "b_2 new": b2 - eta * d2,
         "w_1 new": w1 - eta * d1 * x, "b_1 new": b1 - eta * d1}
    image = ((1, 2, 3), (0, 4, 1), (2, 1, 1))
    kernel = ((1, 0), (-1, 2))
    for r in range(2):
        for c in range(2):
            v[f"y_{r + 1},{c + 1}"] = sum(image[r + i][c + j] * kernel[i][j]
                                          for i in range(2) for j in range(2))
    v["output size (3 - 2 + 0)/1 + 1"] = (3 - 2 + 0) / 1 + 1
    return v


def every(needle: str, count: int, written: str, why: str) -> list[tuple[str, int, str, str]]:
    """The same entry for each of the first count lines that hold needle."""
    return [(needle, nth, written, why) for nth in range(1, count + 1)]


# name: (file, title, author/site, url, compute, mistakes, carried, borderline, unverifiable)
# mistakes and the rest: (text that finds the line, occurrence, written, why)
DOCUMENTS = {
    "mazur_step_by_step": dict(
        file="mazur_step_by_step.md", title="A Step by Step Backpropagation Example",
        author="Matt Mazur (mattmazur.com)",
        url="https://mattmazur.com/2015/03/17/a-step-by-step-backpropagation-example/",
        kind="blog post: 2-2-2 sigmoid, squared error, one step, error after the step",
        compute=mazur,
        mistakes=[("net_{h1} = w_1 * i_1 + w_3 * i_2", 1, "w_3",
                   "formula: net_h1 takes w2 with i2 (the forward pass writes w_2 * i_2)"),
                  ("is now down to 0.291027924", 1, "0.291027924",
                   "the updated weights give 0.291027774; 0.291027924 is what the hidden layer "
                   "gives when backpropagated through the already updated w5…w8, which the post "
                   "says not to do")],
        borderline=[("= -\\delta_{o1} out_{h1}$$", 1, "−δ_o1 out_h1",
                     "another convention the post quotes (δ with its sign taken out), wrong "
                     "under the post's own δ; a reader may flag it or not")],
        unverifiable=[("0.0000351085", 1, "0.0000351085", "needs 10,000 training steps"),
                      ("0.0000351085", 1, "0.015912196", "needs 10,000 training steps"),
                      ("0.0000351085", 1, "0.984065734", "needs 10,000 training steps"),
                      ("0.0000351085", 1, "10,000", "a count of steps")]),
    "bp_cn_mazur_rework": dict(
        file="bp_cn_mazur_rework.md", title="BP神经网络训练实例 (BP network training example)",
        author="a Chinese 'CV study notes' blog post, as stored in a public GitHub repository",
        url="(search-index file id 4905934157)",
        kind="blog post reworking Mazur's example in z/a notation, \\times",
        compute=bp_cn,
        mistakes=[("0.055399435", 1, "0.055399435",
                   "∂E_o1/∂a_h1 = 0.138498562 × 0.4 = 0.055399425 (digit copied as 3)"),
                  ("其中：", 1, "∂E_o1/∂a_h1 × ∂E_o2/∂a_h1",
                   "formula: the two paths to a_h1 add (the page adds their numbers below); "
                   "found by the checker after the corpus was committed"),
                  ("\\frac{\\part E_{total}}{\\part a_{h1}}=\\frac{\\part E_{o1}}", 2,
                   "∂E_o1/∂a_h1 × ∂E_o2/∂a_h1", "the same product written again for the sum")]),
    "postnetwork_softmax_ce": dict(
        file="postnetwork_softmax_ce.md",
        title="Understanding Neural Networks: Softmax, Cross-Entropy, and Backpropagation",
        author="Bindeshwar Singh Kushwaha, PostNetwork Academy",
        url="https://www.postnetwork.co/understanding-neural-networks-softmax-cross-entropy-and-backpropagation",
        kind="blog post: sigmoid hidden layer, softmax, cross-entropy; en dash minus, \\;",
        compute=postnetwork,
        mistakes=[("z^{(4)} = -0.1(0.426)", 1, "0.185", "-0.0426 + 0.1 + 0.1 = 0.157"),
                  ("\\partial w_8} = (\\hat{y}_1", 1, "(ŷ1 − y1)a(2)",
                   "formula: w8 feeds z(4) (−0.1 · a(1)), so ∂L/∂w8 = (ŷ2 − y2)a(1)"),
                  ("\\partial w_9} = (\\hat{y}_2", 1, "(ŷ2 − y2)a(1)",
                   "formula: w9 feeds z(3) (0.4 · a(2)), so ∂L/∂w9 = (ŷ1 − y1)a(2)")],
        carried=[("\\hat{y}_1 = \\dfrac{e^{0.428}}", 1, "0.561", "from the wrong z(4)"),
                 ("\\hat{y}_2 = \\dfrac{e^{0.185}}", 1, "0.439", "from the wrong z(4)"),
                 ("\\ln(0.561)", 1, "0.579", "from the wrong z(4)")]),
    "sreekanth_tiny_network_bce": dict(
        file="sreekanth_tiny_network_bce.md",
        title="Understanding Backpropagation: Step-by-Step Gradient Derivation in a Tiny Neural Network",
        author="sreekanth9999/Interview_Prep (GitHub)",
        url="https://github.com/sreekanth9999/Interview_Prep/blob/main/simple_nn_calculation.md",
        kind="notes: ReLU then sigmoid, binary cross-entropy, one update",
        compute=sreekanth,
        mistakes=[("\\frac{dL}{da_2} = a_2 - y", 1, "0.562",
                   "formula: for L = −log(1 − a2), dL/da2 = 1/(1 − a2) = 2.283; a2 − y is dL/dz2")],
        carried=[("\\frac{dL}{dz_2} = \\frac{dL}{da_2}", 1, "0.138", "dL/dz2 = a2 − y = 0.562"),
                 ("\\frac{dL}{dw_2} = \\frac{dL}{dz_2}", 1, "0.069", "0.281"),
                 ("\\frac{dL}{da_1} =", 1, "0.069", "0.281"),
                 ("\\Rightarrow \\frac{dL}{dz_1}", 1, "0.069", "0.281"),
                 ("\\frac{dL}{dw_1} = \\frac{dL}{dz_1}", 1, "0.069", "0.281"),
                 ("| `w2`      | 0.069", 1, "0.069", "0.281"),
                 ("| `w1`      | 0.069", 1, "0.069", "0.281"),
                 ("w_2 = w_2 - \\eta", 1, "0.4931", "0.4719"),
                 ("w_1 = w_1 - \\eta", 1, "0.4931", "0.4719"),
                 ("gradients like `0.069`", 1, "0.069", "0.281")]),
    "adilce_toy_examples": dict(
        file="adilce_toy_examples.md", title="Understanding Backpropagation — With Toy Examples",
        author="adilce009.github.io (GitHub Pages blog)",
        url="https://github.com/adilce009/adilce009.github.io/blob/main/_posts/backpropagation.md",
        kind="blog post: linear, sigmoid, ReLU; second forward pass after the step; --- rules",
        compute=adilce,
        mistakes=[("= -1.394", 1, "-1.394", "−2.2449 × 0.6225 = −1.3974 (−1.3958 from 2.244 × 0.622)"),
                  ("1.259 → 1.052", 1, "1.052",
                   "the loss after the step is 1.0501 (1.0509 from the written −0.861 and 0.447)")],
        carried=[("w_2 \\to -0.861", 1, "-0.861", "from −1.394; exact −0.8603"),
                 ("\\approx 1.259", 1, "1.259", "1.1225² = 1.2599; 1.122² = 1.2589"),
                 ("= -2.244", 1, "-2.244", "−2.2449 from the unrounded h"),
                 ("So: \\(0.527", 1, "0.527", "0.5276 exact, 0.5273 from the written factors"),
                 ("1.259 → 1.052", 1, "1.259", "as above")]),
    "melfm_numerical_example": dict(
        file="melfm_numerical_example.md", title="Backpropagation Numerical example",
        author="melfm/notes (GitHub)",
        url="https://github.com/melfm/notes/blob/master/docs/machine_learning/backprop.md",
        kind="notes: Mazur-like 2-2-2, * for times, \\begin{align} chains",
        compute=melfm,
        mistakes=[("y1 = w5 * h1 + w6 * h1", 1, "w6 * h1", "formula: w6 multiplies h2, not h1"),
                  ("E_y2 = \\frac{1}{2}(0.01 - 0.7703)", 1, "0.01", "the second target is 0.99"),
                  ("(t1 - \\hat{y1})^{2-1} + 0", 1, "2 * ½ (t1 − ŷ1)",
                   "formula: the inner derivative −1 is dropped (the next line has the minus)"),
                  ("\\hat{y1} = \\frac{1}{1 + e ^{-\\hat{y1}}}", 1, "ŷ1 = σ(ŷ1)",
                   "formula: the output is σ of its net input y1, not of itself"),
                  ("= 0.7391(1 - 0.7391)", 1, "0.7391", "ŷ1 = 0.7491 (0.7391 is ∂E/∂ŷ1)")],
        carried=[("= 0.1928", 1, "0.1928", "0.7491 × 0.2509 = 0.1880")],
        borderline=[("\\frac{\\partial \\hat{y1}}{\\partial h1} = ", 1, "∂ŷ1/∂h1 = ŷ1(1 − ŷ1)",
                     "the text asks for ŷ1 by its total net input y1, the symbols say by h1: as "
                     "written the factor ∂y1/∂h1 = w5 + w6 is missing; either verdict is accepted")],
        unverifiable=[("We repeat the same for $h2", 1, "0.5969", "w3, w4, b1 only in a lost figure"),
                      ("Same for $out_y2", 1, "0.7703", "w7, w8 only in a lost figure"),
                      ("z1 = 0.15 * 0.05 + 0.2 * 0.1 + 0.30", 1, "0.30",
                       "b1 = 0.30 only in a lost figure")]),
    "samanta_softmax_ce": dict(
        file="samanta_softmax_ce.md", title='How does "softmax_cross_entropy_with_logits" work ?',
        author="samanta-scratch/softmax-cross-entropy (GitHub)",
        url="https://github.com/samanta-scratch/softmax-cross-entropy",
        kind="README: softmax and cross-entropy of two rows of logits, soft labels",
        compute=samanta,
        mistakes=[("f(0) = e^4.0 / (e^0 + e^5.0", 1, "e^4.0", "numerator of f(0) is e^0"),
                  ("f(2.0) = e^4.0", 1, "e^4.0", "numerator of f(2.0) is e^2.0 (e^4.0/… = 0.8438)"),
                  ("f(5.0) = e^4.0 / (e^4.0 + e^2.0 + e^1.0)", 1, "e^4.0 / (e^4.0 + e^2.0 + e^1.0)",
                   "f(5.0) is e^5.0 / (e^0 + e^5.0 + e^1.0); the written expression is 0.8438"),
                  ("f(1.0) = e^4.0 / (e^4.0 + e^2.0 + e^1.0) = 0.04201007", 1, "e^4.0",
                   "numerator is e^1.0"),
                  ("f(1.0) = e^4.0 / (e^4.0 + e^2.0 + e^1.0) = 0.01786798", 1,
                   "e^4.0 / (e^4.0 + e^2.0 + e^1.0)", "f(1.0) of the second row is e^1.0 / (e^0 + e^5.0 + e^1.0)"),
                  ("5 * log(0.9755587)", 1, "5", "the label is 0.8 (the written 0.82474496 uses 0.8)")]),
    "pythonandml_numerical_example": dict(
        file="pythonandml_numerical_example.ipynb", title="2.12. Numerical example Forward and Back pass",
        author="pythonandml, Deep Learning book (Jupyter Book)",
        url="https://pythonandml.github.io/dlbook/content/multilayer_perceptrons/numerical_example_forward_backward_propagation.html",
        kind="notebook: matrix notation (bmatrix), sigmoid, MSE, update of W and b; printed outputs",
        compute=pythonandml,
        # each a truncation or one unit in the sixth digit: a rounding under the one
        # tolerance policy (autograd/audit/verdict.py), so either verdict is accepted
        borderline=[('"0.0775\\\\\\\\ \\n"', 1, "0.0775",
                     "∂J/∂b2 = Σδ2 = 0.0775736 (written 0.0776 above): truncated, not rounded"),
                    ('"0.09998 & 0.1999', 1, "0.1999",
                     "0.2 − 0.01 × 0.0004 = 0.199996 ≈ 0.2000: truncated, not rounded"),
                    ('"0.499995', 1, "0.499995",
                     "0.5 − 0.01 × 0.0004 = 0.499996: one unit in the sixth significant digit")]),
    "gradient_checking_quiz": dict(
        file="gradient_checking_quiz.md", title="Gradient Checking Quiz",
        author="a machine-learning course blog (April 15, 2014), as re-published",
        url="(Nemotron-CC-Math page copy of the post)",
        kind="quiz answer: numerical derivative (central difference) of θ³",
        compute=gradient_quiz,
        mistakes=[("(2 * 0.10)", 1, "0.10",
                   "ε = 0.01: the written expression gives 0.30001, not the stated 3.0001")]),
    "qa_linear_regression_mse_gradient": dict(
        file="qa_linear_regression_mse_gradient.txt",
        title="Gradient of MSE with respect to B1 (Q&A answer)", author="a Q&A site answer",
        url="https://example-a.com/answer/64281861",
        kind="Q&A answer: batch of 3, lists, '.' and ** as operators", compute=qa_linear),
    "unicamp_graph_forward_backward": dict(
        file="unicamp_graph_forward_backward.md",
        title="MO810 test: forward and backpropagation on a computational graph",
        author="João Meidanis, IC-Unicamp (course MO810, 2018)",
        url="https://ic.unicamp.br/~meidanis/courses/mo810/2018s1/tests/2018-04-17-ref-2018-04-12-deep-forw.html",
        kind="course quiz with answers: product and ReLU, tables of node values",
        compute=unicamp,
        mistakes=[("x*y = 2", 1, "x*y", "the product node multiplies x and w (there is no y)")]),
    "dsc140b_quiz07_relu": dict(
        file="dsc140b_quiz07_relu.md", title="DSC 140B practice problems, Quiz 07 (backpropagation)",
        author="DSC 140B, UC San Diego", url="https://dsc140b.com/practice/quiz-07.html",
        kind="quiz solutions: layer indices a_1^{(1)}, W_{11}^{(2)}, \\text{ReLU}, several questions",
        compute=dsc140b),
    "ninjakx_solver": dict(
        file="ninjakx_solver.tex", title="Neural_network_solver (README equations)",
        author="ninjakx (GitHub)", url="https://github.com/ninjakx/Neural_network_solver",
        kind="LaTeX align*: 4-2-2-1 sigmoid forward pass (the README's equation images)",
        compute=ninjakx,
        mistakes=[("(0.1 * 0.802184) + (0.2 * 0.80998)", 1, "0.43", "net_H21 = 0.24222"),
                  ("(0.1 * 0.802184) + (0.2 * 0.80998)", 1, "e^{0.43}",
                   "out_H21 = 1/(1 + e^{−0.24222}) (sign and value); the written 0.56026 is right"),
                  ("(0.1 * 0.802184) + (0.2 * 0.80998)", 1, "1", "net_H22 = 0.56465"),
                  ("(0.1 * 0.802184) + (0.2 * 0.80998)", 1, "e^{-1}",
                   "out_H22 = 1/(1 + e^{−0.56465}); the written 0.637529 is right"),
                  ("(-0.25 * 0.56026)", 1, "0.17", "net_O1 = 0.17874 (0.18 to two places)"),
                  ("(-0.25 * 0.56026)", 1, "e^{0.17}",
                   "out_O1 = 1/(1 + e^{−0.17874}); the written 0.544556 is right")]),
    "smaxx73_session6_solutions": dict(
        file="smaxx73_session6_solutions.tex", title="Session 6 — Solutions (Backpropagation & Chain Rule)",
        author="smaxx73, Neural Networks for Engineers (course, GitHub)",
        url="https://github.com/smaxx73/Neural-Network-Course/blob/main/module-3-mathematics-of-learning/session6_solutions.tex",
        kind="LaTeX quiz solutions: tables, many questions reusing w, x, y, L; δ vectors",
        compute=smaxx73_session6,
        mistakes=[("$4.840$", 1, "4.840", "L(1.2) = (1.2 − 3)² + 1 = 4.240")],
        borderline=[("\\approx -0.1189$", 1, "-0.1189",
                     "−0.5782 × 0.7109 × 0.2891 = −0.11883 (exact −0.11880): −0.1188")],
        carried=[("-0.1189 \\times 1.5", 1, "-0.1189", "as above"),
                 ("& $\\approx -0.1189$", 1, "-0.1189", "as above"),
                 ("b &\\leftarrow -0.3", 1, "-0.1189", "as above")]),
    "smaxx73_session7_classification": dict(
        file="smaxx73_session7_classification.md",
        title="Session 7 — Logistic regression and softmax (sections 4, 5, 7 and 8)",
        author="smaxx73, Neural Networks for Engineers (course, GitHub)",
        url="https://github.com/smaxx73/Neural-Network-Course/blob/main/module-3-mathematics-of-learning/session7_logistic_softmax.md",
        kind="course notes: BCE over a batch of 4 (Markdown table), softmax tables, CCE average",
        compute=smaxx73_session7),
    "kiotto_car_mileage_gradient": dict(
        file="kiotto_car_mileage_gradient.md", title="Gradient descent maths: mileage vs. price",
        author="Kiotto-code/42KL_ft_linear_regression (GitHub)",
        url="https://github.com/Kiotto-code/42KL_ft_linear_regression/blob/main/NOTES/gradientDescentMaths.md",
        kind="notes: linear regression, a batch of 3 as a Markdown table, vectors, one step",
        compute=kiotto),
    "diaz_relu_softmax_matrix": dict(
        file="diaz_relu_softmax_matrix.md", title="Backpropagation Algorithm Example",
        author="Diaz-De-Vivar/deep-learning (GitHub)",
        url="https://github.com/Diaz-De-Vivar/deep-learning/blob/main/neural-networks-from-sratch/09.04.backpropagation.md",
        kind="notes: matrix notation W^{[1]}, bmatrix, ReLU, softmax, categorical cross-entropy",
        compute=diaz),
    "sghosh_single_neuron": dict(
        file="sghosh_single_neuron.ipynb",
        title="Simple Neural Network: Manual Backpropagation (1 Hidden Neuron)",
        author="Sghosh1999/Machine-Learning-Deep-Learning-Fundamentals-Scratch (GitHub)",
        url="https://github.com/Sghosh1999/Machine-Learning-Deep-Learning-Fundamentals-Scratch/blob/main/Deep_Learning_Fundamentals-Notebooks/Backpropagation-Mathematics.ipynb",
        kind="notebook Markdown: one sigmoid neuron, half squared error, plain-text * chains, one step",
        compute=sghosh,
        borderline=[("-0.5498 * 0.2475", 1, "-0.1360",
                     "−0.5498 × 0.2475 = −0.13608 (exact −0.13609): −0.1361")],
        carried=[("-0.1360 * 1.0", 1, "-0.1360", "as above"), ("-0.1360 * 2.0", 1, "-0.2720", "as above"),
                 ("dL/db   = dL/dz", 1, "-0.1360", "as above")]),
    "splinter_tanh_neuron_spreadsheet": dict(
        file="splinter_tanh_neuron_spreadsheet.txt",
        title="Neural Networks Explained with Spreadsheets, Part 2: Gradients for a single neuron",
        author="Chris Hulbert, splinter.com.au", url="http://www.splinter.com.au/2024/03/20/neural-networks-2/",
        kind="spreadsheet as text: tanh neuron, half squared error, finite-difference gradients",
        compute=splinter),
    "abdulrehman_2_2_2_notebook": dict(
        file="abdulrehman_2_2_2_notebook.ipynb", title="Backpropagation (AI lab notebook)",
        author="AbdulRehman393/AI-LAB (GitHub)",
        url="https://github.com/AbdulRehman393/AI-LAB/blob/main/BackPropagation/Backpropagation.ipynb",
        kind="notebook outputs: 2-2-2 sigmoid, one step including biases, error after the step",
        compute=abdulrehman),
    "ee4210_tutorial4_solution": dict(
        file="ee4210_tutorial4_solution.md", title="EE 4210 Solution to Tutorial 4 Backpropagation",
        author="EE 4210 course tutorial solution, as re-published",
        url="(Nemotron-CC-Math page copy; held out: added after the reader work began)",
        kind="tutorial solution: 2-2-1 sigmoid, bias input −1, weight vectors [a, b, c], (a)(b) "
             "products, Δw = ηδy, v_H1 the weight vector and then the net input",
        compute=ee4210,
        borderline=[("(0.7)(0.041)(-1) = -0.0285", 1, "-0.0285",
                     "(0.7)(0.041) = 0.0287 as written, 0.0286 from the unrounded δ; within "
                     "the precision of the written 0.041")]),
    "qa_error_for_a_unit": dict(
        file="qa_error_for_a_unit.md", title="Neural network: How to calculate the error for a unit",
        author="a Q&A site question and its answer",
        url="https://coderapp.vercel.app/answer/65467354 (held out: added after the reader work began)",
        kind="Q&A: the asker's attempt and an answer, δ = z(1 − z)(t − z) for three outputs; "
             "[ ] and · as brackets and times, ≈, → before each line",
        compute=qa_unit_error,
        mistakes=[("δ₂ = 0.26·[1 - 0.26]·(0.70 - 0.26)", 1, "-0.0847",
                   "0.26 × 0.74 × 0.44 = +0.0847 (t₂ > z₂): the sign is wrong")],
        borderline=[("d1 = -0.049", 1, "-0.049",
                     "(0.728)(0.272)(−0.25) = −0.0495: truncated, not rounded")]),
    "fiqlab_manual_calculation": dict(
        file="fiqlab_manual_calculation.md",
        title="Backpropagation manual calculation (digit by digit)", author="fiqlab blog",
        url="https://fiqlab.vercel.app/blog/backpropagation-manual-calculation "
            "(page copy ends at the loss; held out: added after the reader work began)",
        kind="blog post: givens in a Markdown table, chains of '= …' lines under a heading, "
             "× and · for times, e^(−x)",
        compute=fiqlab,
        mistakes=[("= 1 / (1 + 0.68566)", 1, "0.68566", "e^(−0.3775) = 0.68557"),
                  ("= 1 / (1 + 0.67530)", 1, "0.67530", "e^(−0.3925) = 0.67537")],
        carried=[("= 1 / 1.68566", 1, "1.68566", "from the wrong 0.68566"),
                 ("= 1 / 1.67530", 1, "1.67530", "from the wrong 0.67530")],
        borderline=[("= 0.59327", 1, "0.59327",
                     "σ(0.3775) = 0.59327, but 1 / 1.68566 as the line before writes is 0.59324"),
                    ("= 0.59688", 1, "0.59688",
                     "σ(0.3925) = 0.59688, but 1 / 1.67530 as the line before writes is 0.59691")]),
    "nafiz_backprop_by_hand": dict(
        file="nafiz_backprop_by_hand.md",
        title="Backprop by Hand - A Deep Dive into Neural Networks (NN)",
        author="Ahammad Nafiz (ahammadnafiz.github.io, Jekyll post source)",
        url="https://github.com/ahammadnafiz/ahammadnafiz.github.io/blob/main/_posts/"
            "2024-09-21-Backprop-by-Hand-A-Deep-Dive-into-Neural-Networks-(NN).md "
            "(held out: added after the reader work of the 15:10 session began)",
        kind="blog post: 3-3-3-3-3 ReLU network in matrix form (bmatrix), softmax, then "
             "'assume A[4] = Z[4]' for the backward pass; transposes, ⊙, front matter, mermaid",
        compute=nafiz,
        mistakes=[("2. $e^{0.1739} \\approx 1.1904$", 1, "1.1904", "e^0.1739 = 1.18994"),
                  ("1. $frac{1.0543}{3.2372}", 1, "0.3252", "1.0543 / 3.2372 = 0.32568"),
                  ("2. $frac{1.1904}{3.2372}", 1, "0.3685", "1.1904 / 3.2372 = 0.36773"),
                  ("3. $frac{0.9925}{3.2372}", 1, "0.3063", "0.9925 / 3.2372 = 0.30659"),
                  ("-0.3576 & -0.2144 & 0", 1, "-0.3576",
                   "−0.9471 × 0.378 = −0.35800 (and −0.9471 × 0.227 = −0.21499, not −0.2144)"),
                  ("0.0014 & 0.0008 & 0", 1, "0.0014",
                   "−0.0075 × 0.378 = −0.0028 and −0.0075 × 0.227 = −0.0017 (sign and value)"),
                  ("-0.47355 - 0.52107", 1, "-0.52107", "(−0.3) × 0.1739 = −0.05217"),
                  ("-0.16738 & -0.04149", 1, "-0.16738",
                   "−0.11836 × 1.41 = −0.16689 (and × 0.35 = −0.04143, not −0.04149)"),
                  ("0.15576 & 0.03849", 1, "0.15576",
                   "0.10985 × 1.41 = 0.15489 (and × 0.35 = 0.03845, not 0.03849)"),
                  ("0.47344 + 0.06591", 1, "0.47344", "(−0.4) × (−0.11836) = 0.047344"),
                  ("-0.03519 & 0 & -0.03111", 1, "-0.03111", "−0.01354 × 2.3 = −0.03114"),
                  ("0.17335 & 0 & 0.13535", 1, "0.17335",
                   "−0.06677 × 2.6 = −0.17360 and × 2.3 = −0.15357 (sign and value)"),
                  ("0.37574 & 0 & 0.20557", 1, "0.37574",
                   "0.53935 × 2.6 = 1.40231 and × 2.3 = 1.24051 (from the page's own dZ[2])"),
                  ("-0.327988 & -0.57392", 1, "-0.57392", "−0.081997 × 7 = −0.573979")],
        carried=[*every("1.1904", 6, "1.1904", "from the wrong e^0.1739"),
                 *every("3.2372", 8, "3.2372", "the sum of the written exponentials (3.2368 exactly)"),
                 ("0.3252 \\\\", 1, "0.3252", "as above"), ("0.3685 \\\\", 1, "0.3685", "as above"),
                 ("0.3063", 2, "0.3063", "as above"),
                 *every("-0.99612", 3, "-0.99612", "from the wrong −0.52107"),
                 *every("0.53935", 8, "0.53935", "from the wrong 0.47344"),
                 *every("-0.081997", 6, "-0.081997", "from the wrong 0.53935"),
                 *every("0.121131", 6, "0.121131", "from the wrong 0.53935"),
                 *every("0.157836", 2, "0.157836", "from the wrong 0.53935")],
        borderline=[("A[4] = Z[4]", 1, "A[4] = Z[4]",
                     "the page replaces its softmax output by Z[4] on purpose ('let's simplify "
                     "by assuming'); a reader may read it as a new model or flag the clash"),
                    ("-0.03519 & 0 & -0.03111", 1, "-0.03519",
                     "−0.01354 × 2.6 = −0.035204: one unit in the fourth significant digit"),
                    *every("-0.06677", 7, "-0.06677",
                           "(0.1)(−0.11836) + (−0.5)(0.10985) = −0.066761, −0.06676; the page "
                           "sums its rounded terms −0.01184 − 0.05493: one unit in the fourth "
                           "significant digit (added after the first scoring: the policy's "
                           "borderline, missed when the page was transcribed)"),
                    ("-0.01184 - 0.05493", 1, "-0.05493", "(−0.5)(0.10985) = −0.054925: a half unit")]),
    "ar007_single_neuron_questions": dict(
        file="ar007_single_neuron_questions.md",
        title="CH-1 QN1, QN3, QN5 (backpropagation for a single neuron, a sigmoid, a 2-2-2 forward pass)",
        author="A-R007/Loss-Calculation (GitHub README)",
        url="https://github.com/A-R007/Loss-Calculation/blob/main/README.md "
            "(held out: added after the reader work of the 15:10 session began)",
        kind="exercise answers: three questions reusing x, w, b; vectors x = [1,2]; y' as a name; "
             "updates written in place (W_1 = 0.4 − …); (a × b) products; ≈",
        compute=ar007,
        borderline=[("\\( y' = 0.6 \\)", 1, "0.6",
                     "a given: σ(0.4·1 − 0.2·2 + 0.1) = 0.525 from the page's x, W, b, but the "
                     "page never computes y' from them"),
                    ("0.3343 + 0.3738", 1, "0.3343", "0.6687 × 0.50 = 0.33435: a half unit"),
                    ("\\approx 0.6699", 1, "0.6699", "σ(0.7081) = 0.66998: truncated, not rounded"),
                    ("y_2 \\approx 0.6699", 1, "0.6699", "as above")]),
    "geoj_cs231n_two_layer_notebook": dict(
        file="geoj_cs231n_two_layer_notebook.ipynb",
        title="cs231n Two-Layer Backprop Mathematics Example",
        author="g-eoj (GitHub, deep-learning-notebooks)",
        url="https://github.com/g-eoj/cs231n/blob/4645873f82b41c90bf4ce4854e8d8ef5c53935b9/"
            "cs231n-two-layer-backprop-math.ipynb (held out: added after the reader work of the "
            "17:55 session began, unseen by its helpers)",
        kind="notebook: ReLU then softmax cross-entropy with a class index (y = 2), row-vector "
             "matrices (bmatrix), 0-based W2_{00} inside \\mathit{}, 12-decimal values checked "
             "against printed numpy outputs and their differences",
        compute=geoj_cs231n,
        mistakes=[("mathit{h1_2}", 1, "h1_2",
                   "formula: h1 has the components h1_0 and h1_1 (indices start at 0, the page "
                   "says); the column h1^T is [h1_0, h1_1]")],
        borderline=[("0.978240210068 & 0.504998396209", 1, "0.504998396209",
                     "2.28 × 0.221490524652532 = 0.504998396207772: 1.2 units in the twelfth "
                     "decimal, from the rounded factor (2.28 × 0.221490524653 = 0.50499839620884)"),
                    ("-0.090933756736 & 0", 1, "-0.090933756736",
                     "16 × (−0.005683359796208) = −0.090933756739: 3.3 units in the twelfth "
                     "decimal, exactly 16 × the written −0.005683359796"),
                    ("0.034100158776 & 0", 1, "0.034100158776",
                     "−6 × (−0.005683359796208) = 0.034100158777246: 1.2 units in the twelfth "
                     "decimal, from the rounded factor")],
        unverifiable=[("5.551115123125783e-17", 1, "5.551115123125783e-17",
                       "floating-point noise: the exact difference is 0"),
                      ("3.6348701826227625e-13", 1, "3.6348701826227625e-13",
                       "a difference of two values equal to twelve decimals: beyond its fourth "
                       "digit it is the code's floating-point arithmetic"),
                      ("2.4562574196806963e-12", 1, "2.4562574196806963e-12", "as above"),
                      ("9.368616993299383e-13", 1, "9.368616993299383e-13", "as above"),
                      ("4.570302469808496e-12", 1, "4.570302469808496e-12", "as above"),
                      ("2.0774094250386455e-13", 1, "2.0774094250386455e-13", "as above"),
                      ("W2 max relative error", 1, "3.038736e-09",
                       "a numerical gradient with regularization 0.05 and a step the page does "
                       "not show"),
                      ("b2 max relative error", 1, "5.774141e-12", "as above"),
                      ("W1 max relative error", 1, "5.724374e-10", "as above"),
                      ("b1 max relative error", 1, "7.733046e-10", "as above")]),
    "rnn_bptt_cn_numerical": dict(
        file="rnn_bptt_cn_numerical.md", title="循环神经网络(RNN)：序列数据的得力助手 (RNN: a helper for sequence data)",
        author="a Chinese blog-style article stored in a public GitHub repository (the stored copy "
               "ends mid-line, as transcribed)",
        url="(search-index file id 30418986499; held out: added after the reader work of the "
            "17:55 session began, unseen by its helpers)",
        kind="blog post: a one-unit RNN through three time steps, tanh, \\times, aligned chains "
             "with line breaks, backpropagation through time with accumulations written "
             "'\\nabla W_{hh} \\leftarrow 0.03125 + …', \\nabla_{h_3}\\mathcal{L}, transposes of scalars",
        compute=rnn_bptt_cn,
        mistakes=[("    &= 0.375 \\\\", 1, "0.375", "tanh(0.1 × 0.5 + 0.2) = tanh(0.25) = 0.2449"),
                  ("    &= 0.1875 \\\\", 1, "0.1875",
                   "tanh(0.3 × 0.375 + 0.1 × 0.1) = tanh(0.1225) = 0.1219 from the page's own h_1 "
                   "(0.0833 from the true one)"),
                  ("    &= 0.3375 \\\\", 1, "0.3375",
                   "tanh(0.3 × 0.1875 + 0.1 × 0.6) = tanh(0.11625) = 0.1157 from the page's own h_2"),
                  ("    &= 0.27875", 1, "0.27875", "0.5 × 0.3375 + 0.1 = 0.26875"),
                  ("\\times 0.1875 = 0.03125", 1, "0.03125",
                   "0.5 × (1 − 0.3375²) × 0.1875 = 0.08307"),
                  ("\\times 0.6 = 0.1", 1, "0.1", "0.5 × (1 − 0.3375²) × 0.6 = 0.26583"),
                  ("&= 0.05625", 1, "0.05625", "0.5 × 0.3 × (1 − 0.3375²) = 0.13291"),
                  ("= 0.05859", 1, "0.05859",
                   "0.03125 + 0.05625 × (1 − 0.1875²) × 0.375 = 0.05160")],
        carried=[("    &= 0.5 \\times 0.375 + 0.1", 1, "0.375", "the wrong h_1"),
                 ("    &= 0.2875", 1, "0.2875", "0.5 × 0.375 + 0.1, from the wrong h_1 (0.2225)"),
                 ("\\tanh(0.3 \\times 0.375", 1, "0.375", "the wrong h_1"),
                 ("    &= 0.5 \\times 0.1875 + 0.1", 1, "0.1875", "the wrong h_2"),
                 ("    &= 0.19375", 1, "0.19375", "0.5 × 0.1875 + 0.1, from the wrong h_2"),
                 ("\\tanh(0.3 \\times 0.1875", 1, "0.1875", "the wrong h_2"),
                 ("    &= 0.5 \\times 0.3375 + 0.1", 1, "0.3375", "the wrong h_3"),
                 ("该 RNN 模型的输出序列为", 1, "0.2875, 0.19375, 0.27875", "the outputs above, restated"),
                 ("\\leftarrow 0 + 1 \\times 0.3375", 1, "0.3375", "h_3 as written"),
                 ("(1 - 0.3375^2) \\times 0.1875", 1, "0.3375, 0.1875", "h_3, h_2 as written"),
                 ("(1 - 0.3375^2) \\times 0.6", 1, "0.3375", "h_3 as written"),
                 ("&= 0 + 0.5 \\times 0.3", 1, "0.3375", "h_3 as written"),
                 ("\\leftarrow 0.3375 + 0", 1, "0.3375", "h_3 as written"),
                 ("\\leftarrow 0.03125 + 0.05625", 1, "0.03125, 0.05625",
                  "the wrong gradients above, reused"),
                 ("\\leftarrow 0.1 + 0.", 1, "0.1", "the wrong ∇W_xh above (the line is cut off)")],
        unverifiable=[("\\mathcal{L} = 0.1$", 1, "0.1", "no loss function is given"),
                      ("\\partial y_3} = 1", 1, "1", "assumed: no loss function is given"),
                      ("\\partial y_2} = 0", 1, "0", "assumed: no loss function is given")]),
    "minibatch_sgd_bn_numerical": dict(
        file="minibatch_sgd_bn_numerical.md", title="Mini-Batch SGD — Numerical Example (Step-by-Step)",
        author="Bengali-and-English study notes stored in a public GitHub repository",
        url="(search-index file id 39091698908; held out: added after the reader work of the "
            "17:55 session began, unseen by its helpers)",
        kind="notes: linear regression, two mini-batches of two samples, gradients averaged, "
             "updates written in place (w = 1 − 0.1(−1.5) = 1.15, then 'Now: w = 1.15'), samples "
             "as ((x=1,y=2)) list items reusing x and y, e_1 = y − ŷ, \\boxed, \\approx, \\quad",
        compute=minibatch_bn),
    "mihir_softmax_ce_dlp2": dict(
        file="mihir_softmax_ce_dlp2.md", title="Softmax and categorical cross-entropy, forward and backward (DLP2)",
        author="MihirSaiDudekula/VIsem_Labs (GitHub, lab notes)",
        url="https://github.com/MihirSaiDudekula/VIsem_Labs/blob/2cdbbffc4566660a3dd296ce268a6f7af5193ba4/DLP2.md "
            "(held out: added after the reader work of the 17:55 session began, unseen by its helpers)",
        kind="lab notes (CRLF line ends, opening with a --- rule): one sample X·W to three logits, "
             "softmax after subtracting the max, cross-entropy, grad = y_pred − y_true as lists "
             "[0.098, −0.341, 0.242], an outer product in bmatrix with * for times, ΔW = −0.1 · "
             "W update, ≈, a summary table in backticks",
        compute=mihir_dlp2,
        # e^{-1.9} = 0.1496 is written 0.149 (truncated): the page's 0.149 / 1.517 = 0.0982 is
        # right for its written numbers, the softmax is 0.0986; either verdict is accepted
        borderline=[("≈ [0.149, 1.0, 0.368]", 1, "0.149", "e^{−1.9} = 0.14957: truncated, not rounded"),
                    ("= 0.149 + 1.0 + 0.368", 1, "0.149", "as above"),
                    ("\\frac{0.149}{1.517}", 1, "0.149", "as above"),
                    *every("0.098", 9, "0.098",
                           "softmax 0.098566 (0.099); 0.149 / 1.517 = 0.0982 from the truncated "
                           "e^{−1.9}"),
                    ("\\frac{0.368}{1.517} \\right] ≈", 1, "0.242",
                     "0.368 / 1.517 = 0.24258 (0.243) as written, the softmax is 0.24243 (0.242)"),
                    ("0.196 & -0.682 & 0.484", 1, "0.196, 0.484",
                     "2 × the written 0.098 and 0.242; from the softmax 0.19713 and 0.48487"),
                    ("-0.0098 & 0.0341", 1, "-0.0098", "−0.1 × the written 0.098; −0.0098566"),
                    ("-0.0196 & 0.0682 & -0.0484", 1, "-0.0196, -0.0484",
                     "−0.2 × the written 0.098 and 0.242; −0.019713 and −0.048487")]),
    "kaifeng_backprop_cn": dict(
        file="kaifeng_backprop_cn.md", title="反向传播的梯度计算 (Computing gradients by backpropagation)",
        author="kaifeng/llm-learn (GitHub, Chinese study notes, Sphinx/Markdown)",
        url="https://github.com/kaifeng/llm-learn/blob/68e429bd9d5c88cfce03dae97e1bb8781e0a0911/"
            "source/part_basics/training/backpropagation.md (held out: added at the start of the "
            "20:57 session, unseen by its helpers)",
        kind="Chinese notes: 2-2-1 sigmoid with row vectors X·W₁ + b₁, lists [2.0, 2.4], bmatrix, "
             "\\approx chains, δ{_2} for δ₂, an outer product δ₁ᵀ·X, a gradient table, "
             "updates written W ← W − η·∂L/∂W ≈ [0.9-0.0042, …]",
        compute=kaifeng_cn,
        mistakes=[("\\sigma(x)=1+e^{-x}1", 1, "1+e^{-x}1",
                   "formula: the sigmoid is 1/(1 + e^{−x}); the page itself uses σ(2.0) = 0.8808"),
                  ("\\approx [0.8808, 0.9084]$", 1, "0.9084", "σ(2.4) = 0.91683 (0.9168)"),
                  ("e^{-1.1835}} \\approx 0.7692", 1, "0.7692",
                   "σ(1.1835) = 0.76558 (0.7656); from the true z₂ = 1.1844, 0.76574"),
                  ("\\frac{\\partial L}{\\partial W_1} = \\delta{_1}^T \\cdot X", 1,
                   "[[0.0045, 0.0090], [0.0004, 0.0008]]",
                   "transposed: with z₁ = X·W₁ (row i of W₁ takes input i) ∂L/∂W₁ = Xᵀ·δ₁ = "
                   "[[0.0045, 0.0004], [0.0090, 0.0008]] (true [[0.0045, 0.00036], [0.0090, 0.00073]])"),
                  ("0.7-0.00004", 1, "0.6-0.0009, 0.7-0.00004, 0.6996",
                   "the transposed gradient: w₁₂ = 0.6 takes −0.1·x₁δ₁₂ = −0.00004 and w₂₁ = 0.7 takes "
                   "−0.1·x₂δ₁₁ = −0.0009 (true W₁ [[0.49955, 0.59996], [0.69910, 0.79993]]); and "
                   "0.7 − 0.00004 = 0.69996 as written, not 0.6996")],
        carried=[("0.3 \\approx 1.1835", 1, "0.9084, 1.1835",
                  "the wrong σ(2.4): 0.8808 × 0.9 + 0.9084 × 0.1 + 0.3 = 1.18356 (true z₂ = 1.1844)"),
                 ("= 0.7692 - 0.5 = 0.2692", 1, "0.7692, 0.2692", "the wrong ŷ (true 0.26574)"),
                 ("0.7692 \\times (1 - 0.7692)", 1, "0.7692, 0.1776",
                  "the wrong ŷ: 0.7692 × 0.2308 = 0.17753 (true σ'(z₂) = 0.17938)"),
                 ("0.2692 \\times 0.1776 \\approx 0.0478", 1, "0.2692, 0.1776, 0.0478",
                  "the wrong ŷ (true δ₂ = 0.04767)"),
                 ("0.0478 \\times [0.8808, 0.9084]", 1, "0.0478, 0.9084, 0.0434",
                  "the wrong σ(2.4) and δ₂ (true [0.04199, 0.04370])"),
                 ("\\partial b_2} = \\delta{_2} \\approx 0.0478", 1, "0.0478", "δ₂ as above"),
                 ("0.0478 \\times [0.9, 0.1]", 1, "0.0478, 0.0430", "δ₂ as above (true 0.04290)"),
                 ("0.9084 \\times 0.0916", 1, "0.9084, 0.0916, 0.0833, 0.1051",
                  "the wrong σ(2.4) (σ'(2.4) = 0.07625); 0.8808 × 0.1192 = 0.10499 written 0.1051"),
                 ("\\approx [0.0430 \\times 0.1051", 1, "0.0430, 0.1051, 0.0833",
                  "the values above (the result [0.0045, 0.0004] is right)"),
                 ("| $W_2$ |", 1, "[0.0421, 0.0434]", "∂L/∂W₂ above, restated"),
                 ("| $b_2$ |", 1, "0.0478", "δ₂ above, restated"),
                 ("| $W_1$ |", 1, "[[0.0045, 0.0090], [0.0004, 0.0008]]",
                  "the transposed ∂L/∂W₁ above, restated"),
                 ("[0.9-0.0042, 0.1-0.0043]", 1, "0.0043, 0.0957",
                  "the wrong ∂L/∂W₂ (true w₂₂ after the step 0.09563)")],
        borderline=[("\\frac{1}{2}(0.7692 - 0.5)^2 \\approx 0.035", 1, "0.035",
                     "½(0.7692 − 0.5)² = 0.0362 as written, but the true loss ½(0.76574 − 0.5)² is "
                     "0.0353: the result is right and the substituted ŷ (carried) wrong; either "
                     "verdict accepted")]),
    "ch20_batchnorm_exercise_cn": dict(
        file="ch20_batchnorm_exercise_cn.md",
        title="第20章 归一化技术：练习 20.1 手动计算 BatchNorm 的反向传播 (exercise and answer)",
        author="a Chinese deep-learning textbook chapter stored in a public GitHub repository",
        url="(search-index file id 51951379284; the exercise 20.1 statement and its answer, "
            "transcribed as published, the chapter's prose, code and other exercises left out; "
            "held out: added at the start of the 20:57 session, unseen by its helpers)",
        kind="textbook exercise solution in LaTeX display maths: batch norm over three samples, "
             "μ_\\mathcal{B}, σ² = 8/3, x̂ = (x − μ)/1.633, ∂L/∂γ and ∂L/∂β as sums, ∂L/∂σ² with "
             "(8/3)^{−3/2}, ∂L/∂μ, ∂L/∂x₁ = 0.612 − 0.612 = 0, Chinese prose between",
        compute=ch20_batchnorm),
    "optimizers_ch03_momentum_adam": dict(
        file="optimizers_ch03_momentum_adam.md",
        title="Chapter 03: Optimization Algorithms, sections 3-5 (SGD with momentum, RMSprop, Adam)",
        author="an English deep-learning course chapter stored in a public GitHub repository",
        url="(search-index file id 10482751069; sections 3 to 5, the ones with worked numbers, "
            "transcribed as published; held out: added at the start of the 20:57 session, unseen "
            "by its helpers)",
        kind="course chapter: momentum v_t = βv_{t−1} + η∇L over four steps, an oscillating "
             "gradient written '0.9(-0.2) + 0.1(1.5)', RMSprop s_t with (−2.0)², Adam m, v, bias "
             "correction \\frac{0.2}{1-0.9^1}, powers 0.9^{10} ≈ 0.349, 1-0.999^{1000} ≈ 0.632; "
             "'Step 1:' list items, → between a gradient and its velocity",
        compute=optimizers_ch03),
    "hankamber_err_theta_blog": dict(
        file="hankamber_err_theta_blog.md", title="Back Propagation",
        author="a personal Jekyll blog post (2019-02-06) stored in a public GitHub repository, "
               "working the numerical example of Han and Kamber's Data Mining: Concepts and "
               "Techniques",
        url="(search-index file id 4723294009; the post's body transcribed as published, its front "
            "matter and reference list left out; held out: added at the start of the 00:12 "
            "session, scored before any rule was written for it)",
        kind="blog post in Han and Kamber's notation: units 1-6, net input I_j, output O_j, bias "
             "θ_j, error Err_j = O_j(1 − O_j)(T_j − O_j), update w_ij = w_ij + l·Err_j·O_i with "
             "l = 0.9; all numbers in Markdown tables whose formatting was mangled ('_' for '×', "
             "'/frac', '\\$\\$', 'w*{25}'), '- 0.3' with a space after the minus",
        compute=hankamber,
        mistakes=[("I_{j} = \\sum_{i=1}(w_{ij}jO_{i} + θ_{j})", 1, "θ_j inside the sum",
                   "formula: the bias is added once, I_j = Σ_i w_ij O_i + θ_j (and a stray j "
                   "multiplies the term)"),
                  ("-0.3*-0.332", 1, "-0.332",
                   "O_4 = 0.332, not −0.332: −0.3 × −0.332 − 0.2 × 0.525 + 0.1 = 0.0946, while "
                   "the result −0.105 is right for O_4 = 0.332"),
                  ("| 7 | 0.332", 1, "7",
                   "the unit is 4 (its output O_4 = 0.332 and weight w_46 = −0.3); the network "
                   "has no unit 7")]),
    "course_notes_sigmoid_chain_conv": dict(
        file="course_notes_sigmoid_chain_conv.md",
        title="Step-by-Step Numerical Example of Backpropagation; Step-by-Step Example of a 2D "
              "Convolution",
        author="an English deep-learning course's study notes (modules on neural networks and "
               "LLMs) stored in a public GitHub repository",
        url="(search-index file id 60974452013; the two worked examples transcribed as published, "
            "the CNN prose between them left out; held out: added at the start of the 00:12 "
            "session, scored before any rule was written for it)",
        kind="course notes: 1-1-1 sigmoid chain x → z_1 → a_1 → z_2 → a_2, L = ½(y − ŷ)², δ_2 "
             "and δ_1 with \\cdot and square brackets, one update w_{2,\\text{new}}, then a 3×3 "
             "input and 2×2 kernel in pmatrix, a valid convolution written term by term "
             "(1\\cdot1) + (2\\cdot0) + (0\\cdot(-1)), an output shape written '= 2 \\times 2'",
        compute=course_notes_conv,
        borderline=[("= -0.9453$$", 1, "-0.9453",
                     "−1 + 0.5 × 0.1095 = −0.94525 from the written δ_2; −0.945248 from the exact"),
                    ("= 0.5123$$", 1, "0.5123",
                     "0.5 + 0.5 × 0.0245 = 0.51225 from the written δ_1; 0.512249 from the exact"),
                    ("\\cdot 0.5 \\approx -0.0123", 1, "-0.0123",
                     "−0.0245 × 0.5 = −0.01225 as written; −0.012249 from the exact"),
                    ("2.0 + 0.0062 = 2.0062", 1, "-0.0123, 0.0062, 2.0062",
                     "from the written −0.0123: 0.5 × 0.0123 = 0.00615; the exact step 0.006125 "
                     "(2.006125)"),
                    ("= 2 \\times 2$$", 1, "2 \\times 2",
                     "an output shape, 2 by 2, written as a product after the size 2")]),
}


def line_of(path: Path, needle: str, nth: int) -> int:
    hits = [n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
            if needle in line]
    if len(hits) < nth:
        raise SystemExit(f"{path.name}: {needle!r} occurs {len(hits)} times, wanted {nth}")
    return hits[nth - 1]


MATHS = re.compile(r"\$\$.*?\$\$|\$[^$\n]+\$|\\\[.*?\\\]|\\\(.*?\\\)|\\begin\{(align\*?|equation\*?|aligned)\}.*?\\end\{\1\}",
                   re.S)
NUMBER = re.compile(r"(?<![\w.])[-−–]?(?:\d+(?:[.,]\d+)?|\.\d+)")


def text_of(path: Path) -> list[str]:
    """The lines a reader sees: a notebook's Markdown sources (their numbering blanked, as a
    Markdown page's) and printed outputs."""
    if path.suffix != ".ipynb":
        return path.read_text(encoding="utf-8").splitlines()
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    lines: list[str] = []
    for cell in cells:
        if cell["cell_type"] == "markdown":
            lines += ordinals_blanked("".join(cell["source"])).splitlines()
        for out in cell.get("outputs", []):
            lines += "".join(out.get("text", [])).splitlines()
    return lines


def count_numbers(path: Path) -> int:
    """Numbers written in the document's maths: LaTeX spans where the document has them,
    else every line with an '='; code blocks and names with digits (w1, z_{1}, ^{(2)}) left out."""
    return sum(numbers_per_line(path).values())


def numbers_per_line(path: Path) -> dict[int, int]:
    """``count_numbers`` line by line (lines counted from 1; a span over several lines counts
    each line's part on it), so that what a reader judged on a line is never counted beyond
    what the document is counted to write there."""
    lines = text_of(path)
    text = "\n".join(lines)
    blank = lambda m: re.sub(r"[^\n]", " ", m.group(0))  # noqa: E731  (lines kept in place)
    text = re.sub(r"```.*?```", blank, text, flags=re.S)
    if path.suffix == ".md":
        text = ordinals_blanked(text)
    if path.suffix == ".txt":
        text = spreadsheet_rows_blanked(text)
    if path.suffix == ".tex":
        text = "\n".join(line.split("%", 1)[0] if not line.lstrip().startswith("%") else ""
                         for line in text.splitlines())
        text = re.sub(r"\\\\\[[^\]\n]*\]", r"\\\\", text)  # a row's \\[0.8em]: spacing, not \[ maths
    counts: dict[int, int] = {}

    def add(start: int, piece: str) -> None:
        first = text.count("\n", 0, start) + 1
        for k, part in enumerate(piece.split("\n")):
            n = numbers_in(part)
            if n:
                counts[first + k] = counts.get(first + k, 0) + n

    spans = list(MATHS.finditer(text))
    if not spans or path.suffix in (".txt",):
        for k, line in enumerate(text.splitlines(), 1):
            if re.search(r"[=:→≈]", line):
                counts[k] = counts.get(k, 0) + numbers_in(line)
        return counts
    for m in spans:
        add(m.start(), m.group(0))
    if path.suffix == ".md":  # plain-text chains beside the LaTeX (tables, lists)
        rest = MATHS.sub(blank, text)
        for k, line in enumerate(rest.splitlines(), 1):
            if "=" in line or "≈" in line or line.lstrip().startswith("|"):
                counts[k] = counts.get(k, 0) + numbers_in(line)
    return counts


_COLUMN_LETTERS = re.compile(r"^\s*(?:[A-Z]\s+){2,}[A-Z]\s*$")  # A B C D …: a spreadsheet's columns


def spreadsheet_rows_blanked(text: str) -> str:
    """A spreadsheet typed as text (a row of column letters ``A B C …``, then rows that begin
    with their numbers 1, 2, 3, …, as ``C2`` and ``F2`` in its formulas name them) with those
    row numbers blanked: labels of its rows, not numbers of its maths."""
    lines = text.split("\n")
    row = 0
    for k, line in enumerate(lines):
        if _COLUMN_LETTERS.match(line):
            row = 1
            continue
        m = re.match(rf"(\s*){row}(?=\s)", line) if row else None
        if m:
            lines[k] = m.group(1) + " " * len(str(row)) + line[m.end():]
            row += 1
        elif row and line.strip():
            row = 0  # the rows stop numbering: the spreadsheet is over
    return "\n".join(lines)


_HEADING_NUMBER = re.compile(  # ### Step - 01:, ## 5. Loss, ### **1. Forward, ## Sample 1: (1,2)
    r"^(\s{0,3}#{1,6}\s+[^\w\s]*\s*(?:[A-Za-z]+\s*[-–—]?\s*)?)(\d+(?:\.\d+)*)(?![\d,])")
_LIST_MARKER = re.compile(r"^(\s*)(\d{1,3}[.)])(?=\s)")  # 1. ((x=1,y=2)): an ordered list's marker
_CELL_STEP = re.compile(r"(\|\s*[*_]*)(\d{1,3}\.)(?=\s+[*_]*[^\W\d])")  # | 2. Sum |: a step's number
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
_ORDINAL_HEADER = re.compile(r"[*_\s]*(?:#|[Nn]o\.?|[A-Za-z]{3,}(?:\s[A-Za-z]{2,})?)[*_\s]*")


def ordinals_blanked(text: str) -> str:
    """A Markdown page with the numbers that only number things blanked (lines kept in place):
    a heading's numbering (``### Step - 01:``, ``## 5. Loss``), an ordered list's markers
    (``1. ((x=1,y=2))``), a step's number opening a table cell (``| 2. Sum |``), and a table's
    first column when it only numbers the rows (headed by a word, ``Sample`` or ``Step``, its
    cells 1, 2, 3, … or 0, 1, 2, …): labels of the page's parts, not numbers of its maths."""
    spaces = lambda m: m.group(1) + " " * len(m.group(2))  # noqa: E731
    lines = text.split("\n")
    for k, line in enumerate(lines):
        line = _HEADING_NUMBER.sub(spaces, line)
        line = _LIST_MARKER.sub(spaces, line)
        lines[k] = _CELL_STEP.sub(spaces, line)
    k = 0
    while k + 1 < len(lines):
        if not (lines[k].lstrip().startswith("|") and "|" in lines[k + 1]
                and _TABLE_RULE.match(lines[k + 1])):
            k += 1
            continue
        header = lines[k].strip().strip("|").split("|")[0]
        body = k + 2
        end = body
        while end < len(lines) and lines[end].lstrip().startswith("|"):
            end += 1
        firsts = [lines[j].strip().strip("|").split("|")[0].strip() for j in range(body, end)]
        if (len(firsts) > 1 and _ORDINAL_HEADER.fullmatch(header) and "$" not in header
                and all(f.isdigit() for f in firsts) and int(firsts[0]) in (0, 1)
                and [int(f) for f in firsts] == list(range(int(firsts[0]), int(firsts[0]) + len(firsts)))):
            for j, first in zip(range(body, end), firsts):
                at = lines[j].index(first, lines[j].index("|") + 1)
                lines[j] = lines[j][:at] + " " * len(first) + lines[j][at + len(first):]
        k = end
    return "\n".join(lines)


def numbers_in(s: str) -> int:
    """How many numbers a piece of maths writes: indices and exponents (_{1}, ^{(2)}, ^2),
    a layer in brackets after a name (W[1], A[l-1]), commands and names with digits (w1) left
    out."""
    s = re.sub(r"(?<=[A-Za-z])\[[A-Za-z]?\s*[-+]?\s*\d+\]", " ", s)
    for _ in range(3):
        s = re.sub(r"[_^]\{[^{}]*\}", " ", s)
    s = re.sub(r"[_^]\(?\[?\d+\]?\)?", " ", s)
    s = re.sub(r"\\[A-Za-z]+", " ", s)
    s = re.sub(r"[A-Za-zα-ωΑ-Ωŷ∂'’]+\d+", " ", s)
    return len(NUMBER.findall(s))


def expected(name: str) -> dict:
    doc = DOCUMENTS[name]
    path = HERE / doc["file"]

    def located(entries: list) -> list[dict]:
        return [{"line": line_of(path, needle, nth), "written": written, "why": why}
                for needle, nth, written, why in entries]

    return {
        "source": {k: doc[k] for k in ("title", "author", "url", "kind")},
        "file": doc["file"],
        "numbers": count_numbers(path),
        "values": doc["compute"](),
        "mistakes": located(doc.get("mistakes", [])),
        "carried": located(doc.get("carried", [])),
        "borderline": located(doc.get("borderline", [])),
        "unverifiable": located(doc.get("unverifiable", [])),
    }


def main() -> None:
    for name in DOCUMENTS:
        out = HERE / f"{name}.expected.json"
        out.write_text(json.dumps(expected(name), indent=1, ensure_ascii=False) + "\n", "utf-8")
        print(out.name)


if __name__ == "__main__":
    main()
