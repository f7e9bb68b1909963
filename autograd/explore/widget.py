"""The explorer as a Jupyter widget (anywidget): the front end is ``explorer.js``.

Its state is a few traits, synced with the browser: ``scene`` (everything shown, from
``scene.py``), ``selected`` (the node whose chain rule is shown), ``values`` (leaves changed
in the number boxes, by node id) and ``error``. Changing ``values``, from the browser or
from Python (``set_leaf``), computes the scene again: forward and backward on a fresh copy.

>>> from autograd import Value
>>> x = Value(2.0, label="x"); y = x * x; y.label = "y"
>>> view = Explorer(y, picture=False)
>>> view.select("x"); view.chain["total"]
'4'
>>> view.set_leaf("x", 5.0); view.chain["total"], x.data
('10', 2.0)
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from pathlib import Path
from typing import Any

import anywidget
import traitlets

from ..audit.report import Report
from ..graph import find, topological_order
from ..value import Value
from .page import scene_page
from .scene import scene
from .worksheet import pick, root_of, worksheet_scene

__all__ = ["Explorer"]

HERE = Path(__file__).resolve().parent


class Explorer(anywidget.AnyWidget):
    """The chain-rule explorer of ``root`` in a notebook: click, hover, step, change a leaf."""

    _esm = HERE / "explorer.js"
    _css = HERE / "explorer.css"
    scene = traitlets.Dict().tag(sync=True)
    selected = traitlets.Unicode("").tag(sync=True)
    values = traitlets.Dict().tag(sync=True)
    error = traitlets.Unicode("").tag(sync=True)
    live = traitlets.Bool(True).tag(sync=True)

    def __init__(
        self,
        root: Value | Report,
        *,
        groups: Mapping[str, Mapping[str, Collection[str]]] | None = None,
        digits: int = 4,
        select: Value | str | None = None,
        picture: bool = True,
        part: str | None = None,
    ) -> None:
        self._options = {"groups": groups, "digits": digits, "picture": picture}
        if isinstance(root, Report):  # a checked worksheet: its numbers, not a leaf to change
            chosen = pick(root, part)
            shown = worksheet_scene(root, chosen.name, digits=digits, picture=picture)
            root = root_of(chosen)
            super().__init__(scene=shown, live=False)
        else:
            super().__init__(scene=scene(root, **self._options))
        self._order = topological_order(root)
        if select is not None:
            self.select(select)

    @classmethod
    def of_scene(cls, shown: dict[str, Any]) -> Explorer:
        """The explorer of a scene made already (a training run's): nothing to recompute."""
        view = cls.__new__(cls)
        view._order = None
        view._options = {}
        anywidget.AnyWidget.__init__(view, scene=shown, live=False)
        return view

    def page(self, title: str | None = None) -> str:
        """What this explorer shows, as one standalone HTML file's text."""
        return scene_page(self.scene, title, self.selected)

    @property
    def chain(self) -> dict[str, Any] | None:
        """The chain rule shown: ``explain`` of the selected node, as data."""
        return self.scene["chains"].get(self.selected)

    def select(self, node: Value | str) -> None:
        """Show the chain rule for ``node`` (a Value or its label), its paths lit."""
        if self._order is None:  # a scene made already: its nodes by name
            found = [i for i, n in self.scene["nodes"].items() if n["name"] == node]
            if len(found) != 1:
                raise ValueError(f"explore: select: no one node named {node!r}")
            self.selected = found[0]
            return
        self.selected = self._id(find(self._order, node, "explore: select"))

    def set_leaf(self, leaf: Value | str, value: float) -> None:
        """Set a leaf (a Value or its label) to ``value``: forward and backward run again."""
        if self._order is None:
            raise ValueError("explore: set_leaf: a recorded run has no leaf to change")
        self.values = {**self.values, self._id(find(self._order, leaf, "explore: set_leaf")): value}

    def _id(self, node: Value) -> str:
        return f"v{self._order.index(node)}"

    @traitlets.observe("values")
    def _recompute(self, change: dict[str, Any]) -> None:
        try:
            leaves = {self._node(key): value for key, value in change["new"].items()}
            fresh = scene(self._order[-1], leaves, **self._options)
        except (ArithmeticError, ValueError, TypeError) as error:
            self.error = str(error)
            return
        self.error = fresh["error"] or ""
        self.scene = fresh

    def _node(self, key: str) -> Value:
        index = int(key[1:]) if key[:1] == "v" and key[1:].isdigit() else -1
        if not 0 <= index < len(self._order) or self._order[index].op is not None:
            raise ValueError(f"explore: values: {key!r} is no leaf of this graph")
        return self._order[index]

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        # Where widgets do not run (a code host, a converted page), the static picture: the
        # network view where there is one, else the graph
        data, metadata = super()._repr_mimebundle_(**kwargs)
        still = self.scene.get("network_svg") or self.scene.get("svg")
        if still:
            data["image/svg+xml"] = still
        return data, metadata

    def __repr__(self) -> str:
        root = self.scene["nodes"][self.scene["root"]]["name"]
        return f"<Explorer of {root}: {len(self.scene['nodes'])} nodes>"
