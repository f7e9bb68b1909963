"""The explorer as one standalone HTML file: script, styles, SVG and every answer inlined.

The page asks nothing of any network (its Content-Security-Policy forbids it), so a teacher
can mail it and a student open it from disk. Click, hover and step-through work as in the
widget, from answers computed in advance; changing a leaf needs Python, so the page has no
number boxes.

>>> from autograd import Value
>>> x = Value(2.0, label="x"); y = x * x; y.label = "y"
>>> text = page(y, picture=False)
>>> text.startswith("<!DOCTYPE html>"), "default-src 'none'" in text
(True, True)
"""

from __future__ import annotations

import html
import json
from collections.abc import Collection, Mapping
from pathlib import Path
from typing import Any

from ..audit.report import Report
from ..graph import find, topological_order
from ..value import Value
from .scene import scene
from .worksheet import pick, root_of, worksheet_scene

__all__ = ["page", "scene_page"]

HERE = Path(__file__).resolve().parent

_TEMPLATE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; \
script-src 'unsafe-inline'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>
body {{ margin: 10px 12px; }}
h1 {{ font: 18px "DejaVu Sans", system-ui, sans-serif; margin: 0 0 8px; white-space: nowrap;
      overflow: hidden; text-overflow: ellipsis; }}  /* one line: the picture below fits */
#explorer .agx-picture {{ --agx-height: calc(100vh - 80px); }}
{css}
</style>
</head>
<body>
<h1>{title}</h1>
<div id="explorer"></div>
<script type="application/json" id="explorer-state">{state}</script>
<script type="module">
{js}
// the page's explorer: the state above, and no kernel behind it
mount(document.getElementById("explorer"),
      JSON.parse(document.getElementById("explorer-state").textContent));
</script>
</body>
</html>
"""


def page(
    root: Value | Report,
    *,
    groups: Mapping[str, Mapping[str, Collection[str]]] | None = None,
    digits: int = 4,
    select: Value | str | None = None,
    title: str | None = None,
    picture: bool = True,
    part: str | None = None,
) -> str:
    """The standalone explorer of ``root`` as HTML text; ``select`` a node to show first.
    Given a checked worksheet (``autograd.audit.check``'s report), its ``part`` (the first
    with an error by default) with every number the student wrote on its graph."""
    if isinstance(root, Report):
        chosen = pick(root, part)
        shown = worksheet_scene(root, chosen.name, digits=digits, picture=picture)
        title = title or f"{chosen.title}: your worksheet on its graph"
        root = root_of(chosen)
    else:
        shown = scene(root, groups=groups, digits=digits, picture=picture)
    selected = ""
    if select is not None:
        order = topological_order(root)
        selected = f"v{order.index(find(order, select, 'explore: select'))}"
    return scene_page(shown, title, selected)


def scene_page(shown: Mapping[str, Any], title: str | None = None, selected: str = "") -> str:
    """The standalone explorer of a scene made already (a training run's, from
    ``autograd.explore.training.record``), ``selected`` a node id."""
    if title is None:
        title = f"The chain rule of {shown['nodes'][shown['root']]['name']}: an explorer"
    state = {"scene": shown, "selected": selected, "values": {}, "error": "", "live": False}
    # every "<" as \u003c: "</script>" would end the element early, and "<!--<script>" would
    # swallow the page's own script (JSON has "<" only inside strings, where this is the same)
    text = json.dumps(state, ensure_ascii=False).replace("<", "\\u003c")
    js = (HERE / "explorer.js").read_text(encoding="utf-8")
    css = (HERE / "explorer.css").read_text(encoding="utf-8")
    return _TEMPLATE.format(title=html.escape(title), css=css, state=text, js=js)
