"""Measures as canvas styles: node size from one measure, node colour from communities or a measure.

A :class:`MeasureStyle` holds the values it was made from, so it can be drawn, explained in a
legend, saved with a snapshot and written into exports without the graph. :class:`RestyleCanvas`
applies one to a scene as an undoable command (the session's history runs it); clearing the
style is the same command with ``None``.

>>> style = MeasureStyle.build(size_by="degree", sizes={"a": 1.0, "b": 4.0})
>>> style.node_size("a") < style.node_size("b")
True
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from explorer.core.errors import ExplorerError

if TYPE_CHECKING:
    from explorer.core.analysis.measures import CommunityResult, MeasureResult
    from explorer.core.graph import KnowledgeGraph


class Scene(Protocol):
    """What restyling needs of :class:`explorer.core.scene.Scene` (which imports this module)."""

    nodes: dict[str, Any]
    edges: dict[str, Any]
    events: Any
    style_rules: list[Any]
    style_base: dict[str, tuple[str, str, float]]

    @property
    def style_memory(self) -> Any: ...

SIZE_RANGE = (16.0, 64.0)
#: Colours for communities: Paul Tol's "muted" set and Okabe-Ito, distinguishable by the common
#: forms of colour blindness in neighbouring pairs. The largest communities get the colours that
#: read on both light and dark canvases; the two darkest come last.
COMMUNITY_PALETTE = (
    "#88CCEE", "#44AA99", "#DDCC77", "#CC6677", "#AA4499", "#117733", "#E69F00", "#56B4E9",
    "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#999933", "#882255", "#332288",
)  # fmt: skip
#: A sequential scale (viridis stops) for colouring by a measure, low to high.
GRADIENT = ("#440154", "#3B528B", "#21918C", "#5EC962", "#FDE725")
#: Communities beyond the palette share this colour and one legend line.
OTHER_COLOR = "#BBBBBB"
MEASURE_WORDS = {"pagerank": "PageRank", "degree": "Degree", "betweenness": "Betweenness", "community": "Community"}


@dataclass(frozen=True)
class LegendEntry:
    """One legend line: a colour swatch or a size sample, and what it stands for."""

    kind: str  # "colour" or "size"
    text: str
    color: str = "#9E9E9E"
    size: float = 0.0


@dataclass
class MeasureStyle:
    """Node size and colour driven by measures.

    ``sizes`` maps entities to the size measure's values; ``colors`` maps entities to a
    community number (``color_by == "community"``) or to the colour measure's values.
    ``community_names`` names each shown community by its best-known member.
    """

    size_by: str | None = None
    color_by: str | None = None
    sizes: dict[str, float] = field(default_factory=dict)
    colors: dict[str, float] = field(default_factory=dict)
    community_names: dict[int, str] = field(default_factory=dict)
    scope: str = ""

    @classmethod
    def build(cls, *, size_by: str | None = None, sizes: Mapping[str, float] | None = None,
              color_by: str | None = None, colors: Mapping[str, float] | None = None,
              community_names: Mapping[int, str] | None = None, scope: str = "") -> MeasureStyle:
        return cls(size_by, color_by, dict(sizes or {}), {k: float(v) for k, v in (colors or {}).items()},
                   dict(community_names or {}), scope)

    # ------------------------------------------------------------------ drawing
    def node_size(self, entity: str) -> float | None:
        """The node's diameter, by the square root of its value between the smallest and largest."""
        if self.size_by is None or entity not in self.sizes:
            return None
        low, high = self._size_bounds
        value = self.sizes[entity]
        share = 0.0 if high <= low else (math.sqrt(max(value, 0.0) - low) / math.sqrt(high - low))
        return round(SIZE_RANGE[0] + share * (SIZE_RANGE[1] - SIZE_RANGE[0]), 1)

    def looks_of(self, entities: list[str]) -> tuple[list[float | None], list[str | None]]:
        """:meth:`node_size` and :meth:`node_color` of many entities at once (a whole canvas)."""
        import numpy as np

        sizes: list[float | None] = [None] * len(entities)
        if self.size_by is not None and self.sizes:
            low, high = self._size_bounds
            present = [(i, self.sizes[e]) for i, e in enumerate(entities) if e in self.sizes]
            if present:
                values = np.maximum(np.fromiter((v for _, v in present), dtype=float, count=len(present)), 0.0)
                share = np.sqrt(values - low) / math.sqrt(high - low) if high > low else np.zeros(len(present))
                scaled = np.round(SIZE_RANGE[0] + share * (SIZE_RANGE[1] - SIZE_RANGE[0]), 1).tolist()
                for (i, _), size in zip(present, scaled, strict=True):
                    sizes[i] = size
        colours: list[str | None] = [self.node_color(e) for e in entities] if self.color_by else [None] * len(entities)
        return sizes, colours

    def node_color(self, entity: str) -> str | None:
        if self.color_by is None or entity not in self.colors:
            return None
        value = self.colors[entity]
        if self.color_by == "community":
            number = int(value)
            return COMMUNITY_PALETTE[number] if 0 <= number < len(COMMUNITY_PALETTE) else OTHER_COLOR
        return GRADIENT[self._bin(value)]

    @property
    def _size_bounds(self) -> tuple[float, float]:
        cached = getattr(self, "_bounds_cache", None)
        if cached is None or cached[0] != len(self.sizes):
            values = [max(v, 0.0) for v in self.sizes.values()] or [0.0]
            cached = (len(self.sizes), min(values), max(values))
            object.__setattr__(self, "_bounds_cache", cached)
        return cached[1], cached[2]

    def _color_bounds(self) -> tuple[float, float]:
        values = list(self.colors.values()) or [0.0]
        return min(values), max(values)

    def _bin(self, value: float) -> int:
        low, high = self._color_bounds()
        if high <= low:
            return len(GRADIENT) - 1
        return min(len(GRADIENT) - 1, int((value - low) / (high - low) * len(GRADIENT)))

    def legend(self) -> list[LegendEntry]:
        """Colour lines (communities, or value bands of the colour measure), then three size samples."""
        entries: list[LegendEntry] = []
        if self.color_by == "community":
            counts: dict[int, int] = {}
            for value in self.colors.values():
                counts[int(value)] = counts.get(int(value), 0) + 1
            others = 0
            for number in sorted(counts):
                if number >= len(COMMUNITY_PALETTE):
                    others += counts[number]
                    continue
                name = self.community_names.get(number, "")
                text = f"Community {number + 1}" + (f": {name} …" if name else "") + f" ({counts[number]})"
                entries.append(LegendEntry("colour", text, COMMUNITY_PALETTE[number]))
            if others:
                entries.append(LegendEntry("colour", f"Other communities ({others})", OTHER_COLOR))
        elif self.color_by is not None and self.colors:
            low, high = self._color_bounds()
            step = (high - low) / len(GRADIENT) if high > low else 0.0
            title = MEASURE_WORDS.get(self.color_by, self.color_by)
            for index, colour in enumerate(GRADIENT):
                if step == 0.0 and index < len(GRADIENT) - 1:
                    continue
                start, end = low + index * step, low + (index + 1) * step
                entries.append(LegendEntry("colour", f"{title} {_figure(start)}–{_figure(end if step else high)}", colour))
        if self.size_by is not None and self.sizes:
            low, high = self._size_bounds
            title = MEASURE_WORDS.get(self.size_by, self.size_by)
            for value in (low, (low + high) / 2, high):
                share = 0.0 if high <= low else math.sqrt(value - low) / math.sqrt(high - low)
                size = SIZE_RANGE[0] + share * (SIZE_RANGE[1] - SIZE_RANGE[0])
                entries.append(LegendEntry("size", f"{title} {_figure(value)}", size=round(size, 1)))
        return entries

    def describe(self) -> str:
        """E.g. "size: PageRank · colour: Community"."""
        parts = []
        if self.size_by:
            parts.append(f"size: {MEASURE_WORDS.get(self.size_by, self.size_by)}")
        if self.color_by:
            parts.append(f"colour: {MEASURE_WORDS.get(self.color_by, self.color_by)}")
        return " · ".join(parts) or "no measure"

    # ------------------------------------------------------------------ persistence
    def to_dict(self) -> dict[str, Any]:
        return {
            "size_by": self.size_by,
            "color_by": self.color_by,
            "sizes": dict(self.sizes),
            "colors": dict(self.colors),
            "community_names": {str(k): v for k, v in self.community_names.items()},
            "scope": self.scope,
        }

    @classmethod
    def from_dict(cls, data: Any, where: str = "measure_style") -> MeasureStyle:
        """Read :meth:`to_dict`'s data back; an error names the first bad field."""
        if not isinstance(data, Mapping):
            raise ExplorerError(f"{where}: expected an object")
        for key in ("size_by", "color_by"):
            if data.get(key) is not None and not isinstance(data.get(key), str):
                raise ExplorerError(f"{where}.{key}: expected text or null")
        values: dict[str, dict[str, float]] = {}
        for key in ("sizes", "colors"):
            raw = data.get(key, {})
            if not isinstance(raw, Mapping) or not all(_finite_number(v) for v in raw.values()):
                raise ExplorerError(f"{where}.{key}: expected an object of entity → number")
            values[key] = {str(k): float(v) for k, v in raw.items()}
        names = data.get("community_names", {})
        if not isinstance(names, Mapping) or not all(str(k).isdigit() and isinstance(v, str) for k, v in names.items()):
            raise ExplorerError(f"{where}.community_names: expected an object of community number → text")
        scope = data.get("scope", "")
        if not isinstance(scope, str):
            raise ExplorerError(f"{where}.scope: expected text")
        return cls(data.get("size_by"), data.get("color_by"), values["sizes"], values["colors"],
                   {int(k): v for k, v in names.items()}, scope)


def style_from_results(kg: KnowledgeGraph, size: MeasureResult | None,
                       color: CommunityResult | MeasureResult | None) -> MeasureStyle:
    """A style sizing nodes by ``size`` and colouring them by ``color`` (communities or a measure)."""
    from explorer.core.analysis.measures import CommunityResult

    if isinstance(color, CommunityResult):
        names = {number: kg.label(leader) for number, leader in enumerate(color.leaders[:len(COMMUNITY_PALETTE)])}
        return MeasureStyle.build(size_by=size.measure if size else None, sizes=size.values if size else None,
                                  color_by="community", colors={e: float(c) for e, c in color.membership.items()},
                                  community_names=names, scope=color.scope.describe(kg.label))
    either = size or color
    scope = either.scope.describe(kg.label) if either is not None else ""
    return MeasureStyle.build(size_by=size.measure if size else None, sizes=size.values if size else None,
                              color_by=color.measure if color else None, colors=color.values if color else None,
                              scope=scope)


def _figure(value: float) -> str:
    return f"{value:.3g}"


# ---------------------------------------------------------------------- applying to a scene
class RestyleCanvas:
    """Undoable: size and colour the scene's entity nodes by ``style`` (``None`` clears measure styling).

    The style is one of the scene's styling rules (:func:`explorer.core.style_rules.measure_rule`):
    it replaces the measure rule there is, or comes last. Nodes the style has no value for keep
    the looks the other rules give them. Undo puts back the previous rules and every changed
    node's looks; one ``nodes_restyled`` event carries every changed node, so a view redraws once.
    """

    def __init__(self, scene: Scene, style: MeasureStyle | None, text: str | None = None) -> None:
        from explorer.core.style_resolution import ApplyStyleRules
        from explorer.core.style_rules import with_measure

        self.scene = scene
        self.style = style
        self.text = text or (f"Style canvas by measures ({style.describe()})" if style else "Clear measure styling")
        self._command = ApplyStyleRules(scene, with_measure(scene.style_rules, style), text=self.text)

    def redo(self) -> None:
        from explorer.core.style_rules import with_measure

        self._command.rules = with_measure(self.scene.style_rules, self.style)
        self._command.redo()

    def undo(self) -> None:
        self._command.undo()


def _finite_number(value: object) -> bool:
    """A JSON number that is finite as a float (an integer of hundreds of digits is not)."""
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        return False
    try:
        return math.isfinite(value)
    except OverflowError:
        return False
