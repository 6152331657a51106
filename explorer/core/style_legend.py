"""The legend of a styled scene, the same in the app, the pictures and the exports.

Lines come in three groups: the classes on the canvas (each with the colour and shape its nodes
show), the styling rules that set a colour, shape or icon (what their selector picks out), and a
measure rule's scale (community colours, value bands, size samples).

>>> from explorer.core.scene import Scene
>>> style_legend(Scene())
[]
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from explorer.core.style_rules import StyleRule

#: A legend swatch for a rule that sets no colour (its shape or icon is what tells it apart).
UNCOLOURED = "#BBBBBB"


@dataclass(frozen=True)
class LegendLine:
    """One legend line. ``group``: "class", "rule", "link" or "measure"; ``size`` > 0 for a size sample."""

    group: str
    text: str
    color: str
    shape: str = "ellipse"
    icon: str = ""
    size: float = 0.0
    key: str = ""


def rule_lines(rules: list[StyleRule], name_of: Callable[[str], str] = str) -> list[LegendLine]:
    """A line per enabled rule that changes how its nodes or links look, then the measure's scale."""
    lines: list[LegendLine] = []
    for rule in rules:
        if not rule.enabled:
            continue
        if rule.kind == "measure":
            if rule.measure is not None:
                for entry in rule.measure.legend():
                    lines.append(LegendLine("measure", entry.text, entry.color if entry.kind == "colour" else "#FFFFFF",
                                            rule.shape or "ellipse", size=entry.size))
            continue
        if rule.for_links:
            if rule.color is not None or rule.width is not None:
                lines.append(LegendLine("link", rule.selector_text(name_of), rule.color or UNCOLOURED, "line",
                                        size=rule.width or 0.0))
            continue
        if rule.color is None and rule.shape is None and rule.icon in (None, ""):
            continue
        lines.append(LegendLine("rule", rule.selector_text(name_of), rule.color or UNCOLOURED, rule.shape or "ellipse",
                                rule.icon or "", key=rule.target))
    return lines


def scene_names(scene: Any) -> Callable[[str], str]:
    """Names for the IRIs rules are about, from what the scene shows (class words, link words),
    else the IRI's local name: for legends drawn without the graph (pictures)."""
    from explorer.core.style_resolution import local_name

    names = {node.class_iri: node.class_label for node in scene.nodes.values() if node.class_iri and node.class_label}
    names.update((edge.predicate, edge.label) for edge in scene.edges.values() if edge.predicate and edge.label)
    return lambda iri: names.get(iri) or local_name(iri)


def style_legend(scene: Any, name_of: Callable[[str], str] = str, *, classes: bool = True) -> list[LegendLine]:
    """The classes shown (unless a measure colours the nodes: then its scale replaces them) and the rules."""
    measure = scene.measure_style
    lines: list[LegendLine] = []
    if classes and (measure is None or measure.color_by is None):
        lines = [LegendLine("class", label, color, shape, key=iri) for iri, label, color, shape in scene.legend()]
    return lines + rule_lines(list(scene.style_rules), name_of)


__all__ = ["LegendLine", "rule_lines", "scene_names", "style_legend"]
