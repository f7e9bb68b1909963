"""What the words around a line's maths say: a label and its colon, givens side by side
(``x1 = 0, x2 = 1``), an implication, a left side named in words (``Total error E_total``),
and the loss a sentence states before and after the step.

>>> split_givens("x1 = 0, x2 = 1")
['x1 = 0', 'x2 = 1']
>>> givens_in_words("Consider a model with N=3 and D=1 with pairs as follows:")
'N = 3, D = 1'
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import replace

from .read_chain import normal
from .worksheet import (
    LOSS_NAMES,
    LOSS_WORDS,
    Call,
    Expr,
    Name,
    Num,
    Part,
    Unread,
    names_in,
    ungrouped,
)

# (?<!\s): a match starts where its spaces do, not again at each of a long run of them
# z1 = 0.5 > 0: a comparison ending an equation, its relation and its bound
_CONDITION = re.compile(r"(?<!\s)\s*(>=|<=|[<>≥≤])\s*([-−]?\d+(?:\.\d+)?)\s*$")
_RELATIONS = {">=": "≥", "<=": "≤"}


_IMPLIES = re.compile(r"(?<!\s)\s*(?:⇒|=>|⟹|→|(?<![<-])->|\\Rightarrow)\s*")


_NUMBER = r"[-−–]?(?:\d+(?:\.\d*)?|\.\d+)"


_SYMBOL_COLON = re.compile(rf"\s*([^\W\d][\w']*)\s*:\s*({_NUMBER}\s*(?:(?:->|→)\s*{_NUMBER}\s*)?)")


def symbol_colon(text: str) -> str | None:
    """``w5: 0.45 -> 0.4267`` (a symbol, not a word of prose, a colon and its value, then
    what it becomes) as the equation it means, else None.

    >>> symbol_colon("w5: 0.450000000 -> 0.426670658"), symbol_colon("Given: 2")
    ('w5 = 0.450000000 -> 0.426670658', None)
    """
    m = _SYMBOL_COLON.fullmatch(text)
    if m is None or _WORD.fullmatch(m.group(1)):
        return None
    return f"{m.group(1)} = {m.group(2).strip()}"


# a label of one to three words and one number: the quantity the words name
_LABELLED = re.compile(
    rf"([A-Za-z]{{2,}}(?: [A-Za-z]{{2,}}){{0,2}})\s*:\s*({_NUMBER})\s*"
    rf"|([A-Za-z]{{2,}}(?: [A-Za-z]{{2,}}){{1,2}})\s*=\s*({_NUMBER})\s*"
)


def number_labelled(line: str) -> tuple[str, str] | None:
    """(the words, the number) of a line that labels one number with one to three words
    (``Learning rate: 0.3``, ``Total loss = 0.25``), else None.

    >>> number_labelled("Learning rate: 0.3"), number_labelled("the rate is 0.3")
    (('Learning rate', '0.3'), None)
    """
    m = _LABELLED.fullmatch(line)
    if m is None:
        return None
    return (m[1], m[2]) if m[1] else (m[3], m[4])


#: a total of losses said in words (Total loss: 0.25): the part's loss where that sums some
TOTAL_LOSS = "total_loss"
TOTAL_SAID = ("a total of losses said in words: which losses it sums, the page does not say "
              "(the part's loss is not a sum)")
#: why a number labelled as a result in words is not read (Output: 0.73, Updated weight: 0.48)
RESULT_SAID = "a result named in words, not which quantity it is (read by no formula)"
#: a loss named in words with what qualifies it (Total loss, Mean squared error, Overall cost)
_LOSS_LABEL = re.compile(
    r"(?:(?:total|overall|average|mean|batch|current|initial|training|computed)\s+){0,2}"
    r"(?P<word>loss|cost|error|squared\s+error|mse)", re.IGNORECASE)
#: words that make a labelled number a result the page worked out (Output: 0.73, Updated
#: weight: 0.48), where they name no given (Target output: 0.99, Learning rate: 0.3)
_RESULT_WORDS = frozenset(
    "output outputs prediction predicted gradient gradients derivative update updated new "
    "result answer activation final delta change error sum product".split())
_GIVEN_WORDS = frozenset("target targets desired expected input inputs learning rate initial "
                         "momentum epsilon size label true given".split())


def results_said_apart(part: Part) -> None:
    """A word naming a result given a number alone (``Output = 0.25``, ``Prediction =
    0.73``, ``Error = 0.1``) that no formula of the part defines or reads: a result stated
    with nothing to check it against, not a given of its own; listed apart, with why. A
    total of losses said in words (``Total loss: 0.25``) is the part's loss where that is a
    total itself (E_total = E_1 + E_2); else (one sample's loss, the samples in parts of
    their own) which losses it sums, the part does not say: listed apart too."""
    chains = (*part.front, *part.chains)
    read = {n for c in chains for link in c.links[1:] for n in names_in(link)}
    defined = {c.quantity.name: c.links[1] for c in chains if isinstance(c.quantity, Name)
               and len(c.links) > 1 and names_in(c.links[1])}  # fmt: skip
    loss = part.loss or next((n for n in LOSS_NAMES if n in defined), None)
    total = loss in defined and _sums_terms(defined[loss])
    kept = []
    for c in part.chains:
        q = c.quantity
        alone = isinstance(q, Name) and len(c.links) == 2 and isinstance(c.links[1], Num)
        if alone and q.name == TOTAL_LOSS and total:
            kept.append(replace(c, links=(Name("loss"), c.links[1])))
        elif alone and q.name == TOTAL_LOSS and q.name not in read | defined.keys():
            part.unread.append(Unread(c.line, c.source, TOTAL_SAID))
        elif (alone and q.name.lower() in _RESULT_WORDS
                and q.name not in read | defined.keys()):  # fmt: skip
            part.unread.append(Unread(c.line, c.source, RESULT_SAID))
        else:
            kept.append(c)
    part.chains[:] = kept


def _sums_terms(e: Expr) -> bool:
    """Whether ``e`` adds two terms or more, or is such a sum scaled (their mean)."""
    e = ungrouped(e)
    if isinstance(e, Call) and e.fn in ("mul", "div"):
        return any(_sums_terms(a) for a in e.args)
    return isinstance(e, Call) and e.fn == "add" and len(e.args) > 1


def labelled_value(words: str, number: str) -> str | None:
    """A number labelled in words (``Learning rate: 0.3``, ``Total loss: 0.25``) as the
    equation it means: the page's loss where the words name a loss (``loss``, ``cost``, the
    total error: the model takes them as the loss the page computes, so a wrong one is an
    error), a given of the words' name where they name one (``learning_rate = 0.3``); None
    where they name a result the page worked out but not which (Output, Gradient, Updated
    weight, Final loss: which step's?), which a reader cannot judge.

    >>> labelled_value("Total loss", "0.25"), labelled_value("Mean squared error", "0.2")
    ('total_loss = 0.25', 'loss = 0.2')
    >>> labelled_value("Total error", "0.3"), labelled_value("Learning rate", "0.3")
    ('total_error = 0.3', 'learning_rate = 0.3')
    >>> labelled_value("Updated weight", "0.48"), labelled_value("Final loss", "0.25")
    (None, None)
    """
    said = [w.lower() for w in words.split()]
    if m := _LOSS_LABEL.fullmatch(words.strip()):
        word = m["word"].lower()
        if word in ("loss", "cost") and len(said) > 1:  # Total loss: a sum of losses
            return f"{TOTAL_LOSS} = {number}"
        if word in ("loss", "cost"):
            return f"{word} = {number}"
        if word != "error":
            return f"loss = {number}"  # a squared error, the mean of it
        if len(said) > 1:  # the total error, the mean error: the loss; "error" alone is not
            return f"{'total_error' if said[0] in ('total', 'overall') else 'loss'} = {number}"
    if not set(said) & _GIVEN_WORDS and set(said) & _RESULT_WORDS:
        return None
    return f"{'_'.join(said)} = {number}"


_PAIRS = re.compile(
    rf"\s*\(((?:\s*[^\W\d][\w']*\s*,)+\s*[^\W\d][\w']*\s*)\)\s*=\s*"
    rf"\(((?:\s*{_NUMBER}\s*,)+\s*{_NUMBER})\s*\)\s*"
)


# the loss named in words, as the model takes it: the loss, the total error, the cost
_LOSS_WORD = r"(?:the\s+)?(?P<word>" + "|".join(w.replace("_", r"\s+") for w in LOSS_WORDS) + ")"


_LOSS_MOVES = re.compile(  # Loss decreases from 1.259 → 1.052; the cost went down from … to …
    rf"\b{_LOSS_WORD}\s+(?:\w+\s+){{1,3}}?from\s+({_NUMBER})\s*"
    rf"(?:→|->|⟶|to)\s*({_NUMBER})", re.IGNORECASE)


# After this first round of backpropagation, the total error is now down to 0.291027924; after
# one update (η = 0.5) the loss becomes 0.21: the clause after "after" (a decimal point in it),
# the loss's word, up to four words or a sign, and its number
_LOSS_AFTER = re.compile(
    rf"\b(?:after|once|when)\b(?P<after>(?:[^.;,]|\.(?=\d)){{0,80}}?),?\s*{_LOSS_WORD}\s*"
    rf"(?:(?:[^\W\d]+|[=:])\s*){{1,4}}?({_NUMBER})(?!\d)", re.IGNORECASE)


_ONE_STEP = re.compile(  # what the sentence is after: one update, not the forward pass
    r"\b(?:updated?|step|round|iteration|backprop\w*|backward pass|gradient descent)\b", re.I)


# the new loss is 0.19; the updated cost becomes 0.19: the loss's word marked as after the step
_LOSS_NEW = re.compile(
    rf"\b(?:new|updated)\s+{_LOSS_WORD}\s*(?:[=:]|\bis\b|\bbecomes\b)\s*({_NUMBER})(?!\d)",
    re.IGNORECASE)


_STEP_WORDS = r"(?:times|updates|steps|rounds|iterations|epochs)"


_MANY_STEPS = re.compile(  # steps in the plural, a count of them, epoch 2, over training
    rf"\b{_STEP_WORDS}\b|(?<![\d.])(?:[2-9]|[1-9][\d,]+)\s+(?:more\s+)?{_STEP_WORDS}\b"
    r"|\bepoch\s+(?:[2-9]|[1-9]\d+)\b|\btraining\b", re.I)


# so the total loss is 0.25.; the cost comes to ≈ 0.31: the page's loss stated, a sentence's end
_LOSS_IS = re.compile(
    rf"\b(?P<total>(?:total|overall|average|mean|batch)\s+)?{_LOSS_WORD}\s+(?:is|equals|comes\s+to"
    rf"|works\s+out\s+to)\s+(?:now\s+)?(?:about\s+|approximately\s+|≈\s*)?(?P<number>{_NUMBER})"
    r"(?=\s*(?:\.\s*)?$|,\s)", re.IGNORECASE)
# a loss the sentence supposes or aims at, not the page's: if the loss is 0.25, a target loss
_SUPPOSED = re.compile(r"\b(?:if|suppose|supposing|assume|assuming|when|whenever|unless|target"
                       r"|goal|below|under|until|would|should|could|want|desired)\b", re.I)


def loss_said(line: str) -> list[str]:
    """The loss before and after the step, as a sentence says them (``Loss decreases from
    1.259 → 1.052``: ``loss = 1.259``, ``loss' = 1.052``; after, once or when the step is
    taken, the loss is …; the new or updated loss), the loss named by its word.

    >>> loss_said("✅ Loss decreases from 1.259 → 1.052.")
    ['loss = 1.259', "loss' = 1.052"]
    >>> loss_said("After this first round of backpropagation, the total error is now down to 0.29.")
    ["total_error' = 0.29"]
    >>> loss_said("After the forward pass, the loss is 0.25.")  # not after a step: the loss
    ['loss = 0.25']
    >>> loss_said("If the loss is 0.25, the step is small.")  # supposed: no value of the page's
    []
    >>> loss_said("After 100 steps, the loss is 0.01.")  # many steps, not the one worked
    []
    >>> loss_said("After one update with η = 0.5 the cost drops to 0.21.")
    ["cost' = 0.21"]
    >>> loss_said("Once the weight is updated, the loss becomes 0.19.")
    ["loss' = 0.19"]
    >>> loss_said("The updated cost becomes 0.19.")
    ["cost' = 0.19"]
    """
    if (m := _LOSS_MOVES.search(line)) and not _MANY_STEPS.search(_LOSS_MOVES.sub("", line)):
        word = "_".join(m["word"].lower().split())
        return [f"{word} = {m[2]}", f"{word}' = {m[3]}"]
    m = _LOSS_AFTER.search(line)
    if m and _ONE_STEP.search(m["after"]) and not _MANY_STEPS.search(m["after"]):
        return [f"{'_'.join(m['word'].lower().split())}' = {m[3]}"]
    if (m := _LOSS_NEW.search(line)) and not _MANY_STEPS.search(line):
        return [f"{'_'.join(m['word'].lower().split())}' = {m[2]}"]
    m = _LOSS_IS.search(line)
    if m and not _SUPPOSED.search(line) and not _MANY_STEPS.search(line) and not (
            (after := _LOSS_AFTER.search(line)) and _ONE_STEP.search(after["after"])):
        word = TOTAL_LOSS if m["total"] else "_".join(m["word"].lower().split())
        return [f"{word} = {m['number']}"]  # the loss the page computes
    return []


#: the name each value of a list of targets said in words is given under (``targets 0.01
#: and 0.99``): the k-th is ``TARGETS_LISTED`` + k, a name no page writes, which the model
#: reads as the k-th member of the page's family of targets (``labelled.targets_listed``)
TARGETS_LISTED = "targets_listed"
_TARGETS = re.compile(  # targets 0.01 and 0.99; the desired output is 0.01 and 0.99
    r"\b(?:targets?|desired\s+outputs?|target\s+outputs?|expected\s+outputs?)"
    r"(?:\s+(?:values?\s+)?(?:is|are|as|of|to\s+be)|\s*[=:])?\s*\[?\s*"
    rf"({_NUMBER}(?:\s*(?:,\s*and|,|and)\s*{_NUMBER})+)\s*\]?(?![\w.]\d|\s*[=+*/×·^])",
    re.IGNORECASE,
)


def targets_listed(line: str) -> list[str]:
    """The targets a sentence lists (``assume the desired output is 0.01 and 0.99``), each
    given under the name of its place in the list, as the page's targets are then read.

    >>> targets_listed("Inputs i1 = 0.05, i2 = 0.10; targets 0.01 and 0.99; the sigmoid.")
    ['targets_listed1 = 0.01', 'targets_listed2 = 0.99']
    >>> targets_listed("Target outputs: 0.01, 0.99")
    ['targets_listed1 = 0.01', 'targets_listed2 = 0.99']
    >>> targets_listed("the target is 0.5")  # one value: no list
    []
    """
    m = _TARGETS.search(line)
    if m is None:
        return []
    values = re.findall(_NUMBER, m[1])
    return [f"{TARGETS_LISTED}{k} = {v}" for k, v in enumerate(values, 1)]


def without_targets(line: str) -> str:
    """``line`` with the clause that lists targets in words taken out (``targets_listed``
    reads it), from the end of the clause before it, so that the givens beside it are read
    as written.

    >>> without_targets("o1 = 0.75, o2 = 0.77. The desired outputs are 0.01 and 0.99.")
    'o1 = 0.75, o2 = 0.77'
    >>> without_targets("Outputs o1 = 0.75; the targets are 0.01 and 0.99; the sigmoid.")
    'Outputs o1 = 0.75; the sigmoid.'
    """
    m = _TARGETS.search(line)
    if m is None:
        return line
    before = line[: m.start()]
    cuts = [k.start() for k in re.finditer(r"[.;,](?=\s)", before)]  # no decimal point
    if cuts and "=" not in before[cuts[-1] + 1 :]:  # the words that open the clause: out too
        before = before[: cuts[-1]]
    after = re.sub(r"^\s*[.;,]?\s*", "", line[m.end() :])
    return f"{before.rstrip(' .;,')}; {after}" if after else before.rstrip(" .;,")


def compared(text: str) -> dict[str, tuple[str, str]]:
    """Each equation of ``text`` that ends in a comparison (``z1 = 0.5 > 0``), as
    ``split_givens`` gives it: its relation and its bound, a claim about the equation's
    quantity that a reader checks.

    >>> compared("z1 = 0.5 > 0 ⇒ h1 = 0.5")
    {'z1 = 0.5': ('>', '0')}

    Only where the value written stands right before the relation: in ``h = 0 because
    z < 0`` the comparison is of z, not of h.

    >>> compared("h = max(0, z) = 0 because z < 0")
    {}
    """
    found = {}
    for side in _IMPLIES.split(text):
        m = _CONDITION.search(side)
        before = side[: m.start()] if m else ""
        if m and "=" in before and re.fullmatch(rf"\s*{_NUMBER}\s*", before.rsplit("=", 1)[-1]):
            found[before.strip()] = (_RELATIONS.get(m[1], m[1]), m[2].replace("−", "-"))
    return found


def split_givens(text: str) -> list[str]:
    """``x1 = 0, x2 = 1`` as two equations; a comma inside brackets (``max(0, z)``) or between
    digits (``0,5``) stays;
    ``z1 > 0 ⇒ h = 0.5``: each side of an implication on its own; ``(w1, w2) = (1, 0)``
    one name at a time.

    >>> split_givens("H1_net = 0.47 => H1 = σ(H1_net) = 0.6154")
    ['H1_net = 0.47', 'H1 = σ(H1_net) = 0.6154']
    """
    pair = _PAIRS.fullmatch(text)  # (w1, w2) = (1, 0): w1 = 1 and w2 = 0
    # (0,5, 1,5): commas between digits beside commas and a space, decimal commas in a list,
    # not four numbers (a, b, c, d were 0, 5, 1, 5): no pairing, and the line not understood
    mixed = pair and re.search(r"\d,\d", pair[2]) and re.search(r",\s", pair[2])
    if pair and not mixed and len(names := pair[1].split(",")) == len(values := pair[2].split(",")):
        return [f"{n.strip()} = {v.strip()}" for n, v in zip(names, values)]
    sides = [_CONDITION.sub("", s) for s in _IMPLIES.split(text) if s.strip()]
    text = sides[0] if len(sides) == 1 else text
    if len(sides) == 2 and re.fullmatch(r"\s*[^\W\d][\w']*\s*", sides[0]) and "=" not in sides[1]:
        return [f"{sides[0].strip()}' = {sides[1].strip()}"]  # w2 → −0.861: w2 becomes −0.861
    before = len(sides) == 2 and re.fullmatch(rf"\s*([^\W\d][\w']*)\s*=\s*{_NUMBER}\s*", sides[0])
    if len(sides) == 2 and before and re.fullmatch(rf"\s*{_NUMBER}\s*", sides[1]):
        return [sides[0].strip(), f"{before.group(1)}' = {sides[1].strip()}"]  # w5 = 0.45 → 0.43
    if len(sides) > 1:
        return [piece for side in sides for piece in split_givens(side)]
    pieces, depth, start = [], 0, 0
    for i, c in enumerate(text):
        depth += (c in "([{") - (c in ")]}")
        # a comma between digits (0,5 or 1,000) is part of a number, never where one ends
        between_digits = text[i - 1 : i].isdigit() and text[i + 1 : i + 2].isdigit()
        if depth == 0 and (c == ";" or (c == "," and not between_digits)):
            pieces.append(text[start:i])
            start = i + 1
    pieces.append(text[start:])
    pieces = [p.strip() for p in pieces if p.strip()]
    if pieces and all("=" in p for p in pieces):  # a separator ending the row (-1, \quad) too
        return pieces
    return [text.strip()]


ENUMERATOR = re.compile(
    r"^\s*(\(?\d+[.)](?=\s)|[a-z]\)|[→⇒↳]|->|=>|[-*•](?=\s)"
    r"|[^\W\d_][\w ]{0,20}(?:\(\w{1,8}\))?\s*[:：](?!=))\s*"
)  # 1) 2. a) → - • and a word with a colon (Given:, 其中：, gradient(b1) :) before an equation


_WORD = re.compile(r"[A-Za-z]{3,}")  # a word of prose: total, error, true, label, for


AFTER_WORDS = {"after", "new", "updated"}  # H1 (after): H1 after the update


# Gradient w, nabla w: the gradient by w (dw, as ∇w is read), never w itself
_GRADIENT_WORDS = {"gradient", "grad", "nabla"}


def named_left_side(q: Expr, left: str) -> Expr:
    """The quantity a left side written with words names (``left``: its text): a note in
    brackets after it (``y (true label)``, ``dw5 (for w5)``), words before it (``Total error
    E_total``), the symbol in brackets after words (``learning rate (eta)``), or words of
    when after a word (``Loss before update``). A note that says *after* or *new* names the
    updated value: ``H1 (after)`` is ``H1'``; one that says *gradient* the gradient by it:
    ``Gradient w`` is ``dw``. Anything else stays as written."""
    if not (isinstance(q, Call) and q.fn == "mul"):
        return q
    symbol = _SYMBOL_AFTER_WORDS.fullmatch(normal(left).strip())
    if symbol:  # learning rate (eta)
        return Name(symbol.group(1))
    words: list[str] = []
    outside: list[str] = []  # the symbols before any bracket: dw5 of dw5 (for w5)
    for a in q.args:
        inner = a.args[0] if isinstance(a, Call) and a.fn == "group" else a
        names = inner.args if isinstance(inner, Call) and inner.fn == "mul" else (inner,)
        if not all(isinstance(n, Name) for n in names):
            return q
        words += [n.name for n in names]
        outside += [a.name] if isinstance(a, Name) and not _WORD.fullmatch(a.name) else []
    symbols = [n for n in words if not _WORD.fullmatch(n)]
    if len(outside) == 1 or len(symbols) == 1:  # Total error E_total, dw5 (for w5)
        name = outside[0] if len(outside) == 1 else symbols[0]
    elif not symbols and words[1].lower() in (*AFTER_WORDS, "before"):  # Loss before update
        name = words[0]
    else:
        return q
    words.remove(name)
    said = {w.lower() for w in words}
    if said & _GRADIENT_WORDS:
        return Name("d" + name)
    return Name(name + "'") if said & AFTER_WORDS else Name(name)


_SYMBOL_AFTER_WORDS = re.compile(r"(?:[A-Za-z]{3,}\s+)+\(\s*([^\W\d][\w']*)\s*\)")


# Letters of scripts that write words, not symbols (时刻, шаг, समय): never a name of the maths
_SCRIPTS = (
    "\u0400-\u04FF\u0590-\u06FF\u0900-\u0DFF\u0E00-\u0E7F\u3040-\u30FF\u3400-\u9FFF"
    "\uAC00-\uD7AF"
)


# A word of prose in any language: three Latin letters or more (``with``), or such letters
_PROSE = re.compile(rf"[A-Za-z]{{3,}}|[{_SCRIPTS}]+")


# a symbol given a number inside a sentence, apart from the words before it (a space, a
# bracket, a comma, a colon or a letter of such a script between): N=3, 权重w=0.5; not
# ∂loss/∂M0 = 0, whose "loss" is no word of prose
_SYMBOL_LETTER = rf"(?![{_SCRIPTS}])[^\W\d]"
_GIVEN_IN_WORDS = re.compile(
    rf"(?<![^\s(（,，:：{_SCRIPTS}])({_SYMBOL_LETTER}(?:{_SYMBOL_LETTER}|[\d_']){{0,7}})"
    rf"\s*=\s*({_NUMBER})"
    r"(?!\w|\.\w|\s*[-+*/×·^(−]|\s*,\s*(?:[-−]?\d|\.\.|…))"  # not 3 + 1, not t=2,3,…,T
)


# what a sentence says it should, would or might be is not the page's working (But the answer
# should be d1 = −0.0353): a value claimed by another source, or a case supposed
_MODAL = re.compile(
    r"\b(?:should|would|could|might|must|expected|supposed|instead|suppose|if|assume)\b"
    r"|应该|应当|如果|假如|若", re.IGNORECASE)


# an operation written among the words: a formula, so its symbol's number is worked, not given
_OPERATION = re.compile(r"[−+*×·÷²³^√Σ∑∂]")


def givens_in_words(text: str, read: Collection[str] = ()) -> str | None:
    """The givens a sentence states, each a symbol and its number among words (``Consider a
    model with N=3 and D=1 with …``: ``N = 3, D = 1``; ``时刻 t=1:``: ``t = 1``), as a reader
    takes them: the words are the sentence's, the maths is each symbol with its number. None
    where the line starts with its maths (no words before it: ``x = 2, y = 0``), where a
    symbol is given anything but a number, where a formula above has read one (``read``:
    "after one step, w=0.46" is a new state of the page's w, not a given; a label's index,
    时刻 t=2, read by none, is given, and set apart later),
    where the sentence says what should or would be (a value claimed elsewhere, or a case
    supposed), or where no word of prose is written.

    >>> givens_in_words("时刻 t=1:"), givens_in_words("x = 2, y = 0")
    ('t = 1', None)
    >>> givens_in_words("But the answer should be d1 = -0.0353") is None
    True
    >>> givens_in_words("After one step, w=0.46.", {"w"}) is None  # y = w·x read it above
    True
    >>> givens_in_words("对于后续的每个时刻 t (t=2,3,...,T):") is None  # a range, not a value
    True
    """
    first = text.find("=")
    if first < 0 or _MODAL.search(text):
        return None
    found = list(_GIVEN_IN_WORDS.finditer(text))
    if not found:
        return None
    before = text[: found[0].start()]
    if not _PROSE.search(before) or re.search(r"(?<![\w.])\d|[=∂/^]", before):
        return None  # no words before the maths, or maths among them (∂loss/∂h, set to 0)
    rest = _GIVEN_IN_WORDS.sub(" ", text)
    if "=" in rest or any(_WORD.fullmatch(m[1]) or m[1] in read for m in found):
        return None  # another equation among the words (f(Iₖ) = zₖ), or a word given a number
    if _OPERATION.search(rest):
        return None  # a formula among the words (the error (y − t)² gives E=0.25): a result
    return ", ".join(f"{m[1]} = {m[2]}" for m in found)
