"""Styling rules: what the analyst says about the looks of nodes and links, in order.

A :class:`StyleRule` has a selector (which nodes or links it is about) and the looks it sets:
colour, shape, size, icon and label for nodes; colour, width and label for links. Rules are kept
in order and resolved per property: a later rule overrides an earlier one for the properties it
sets and leaves the others alone (see :mod:`explorer.core.style_resolution`). A class's own look
is the starting point; a per-class style is just a rule by class.

Selectors:

* ``class`` — entities of the class ``target`` (and of its subclasses unless ``subclasses`` is off);
* ``property`` — entities with a value for the property ``target`` (any value, or ``value``:
  an IRI, or text matched without regard to case);
* ``predicate`` — links of the predicate ``target``;
* ``evidence`` — links by what backs them: ``value`` is one of :data:`EVIDENCE_STATUSES`;
* ``measure`` — entities by a measure's values: ``measure`` holds the values and scales
  (:class:`~explorer.core.analysis.styling.MeasureStyle`), size by a numeric measure and colour by
  communities or a measure's value bands.

>>> rule = StyleRule("class", "urn:City", color="#0072B2", shape="star")
>>> rule_from_dict(rule_to_dict(rule), "rule") == rule
True
>>> rule.describe(lambda iri: iri.rsplit(":", 1)[-1])
'Class City (and subclasses): colour #0072B2, shape star'
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from explorer.core.errors import ExplorerError
from explorer.core.scene_items import SHAPES

#: A measure style (:class:`explorer.core.analysis.styling.MeasureStyle`, which builds on these rules).
MeasureStyleLike = Any

SELECTOR_KINDS = ("class", "property", "predicate", "evidence", "measure")
NODE_KINDS = ("class", "property", "measure")
LINK_KINDS = ("predicate", "evidence")
#: Links by what backs them: a quote or other evidence record, none, or added by an analyst.
EVIDENCE_STATUSES = ("with-evidence", "without-evidence", "analyst-added")
EVIDENCE_WORDS = {"with-evidence": "with evidence", "without-evidence": "without evidence",
                  "analyst-added": "added by an analyst"}
#: The built-in icons, drawn inside the node by the canvas (and named in exports).
ICONS = ("person", "organisation", "place", "warning", "document", "antenna", "chip", "link", "flag", "star")
#: What a node's label shows: its name, nothing, its class, both, the IRI's local name; or
#: ``property:<IRI>`` for the first value of that property.
LABEL_CHOICES = ("name", "hidden", "class", "name-class", "local-name")
LABEL_WORDS = {"name": "name", "hidden": "hidden", "class": "class", "name-class": "name and class",
               "local-name": "IRI local name"}
PROPERTY_LABEL = "property:"
SIZE_LIMITS = (4.0, 200.0)
WIDTH_LIMITS = (0.5, 12.0)
#: A snapshot holds at most this many rules; the texts in a rule at most this many characters.
MAX_RULES = 200
MAX_TEXT = 2000
_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")


@dataclass(frozen=True, eq=True)
class StyleRule:
    """One rule: a selector (``kind``, ``target``, ``value``, ``subclasses``, ``measure``) and looks.

    ``None`` for a look means "this rule leaves it alone". ``icon=""`` removes an icon an earlier
    rule set. ``size`` is a node's diameter in canvas units; ``width`` a link's line width.
    """

    kind: str
    target: str = ""
    value: str = ""
    subclasses: bool = True
    color: str | None = None
    shape: str | None = None
    size: float | None = None
    icon: str | None = None
    label: str | None = None
    width: float | None = None
    enabled: bool = True
    measure: MeasureStyleLike | None = None

    @property
    def for_links(self) -> bool:
        return self.kind in LINK_KINDS

    def looks(self) -> dict[str, Any]:
        """The looks this rule sets (only those it sets)."""
        names = ("color", "width", "label") if self.for_links else ("color", "shape", "size", "icon", "label")
        return {name: getattr(self, name) for name in names if getattr(self, name) is not None}

    def with_looks(self, **looks: Any) -> StyleRule:
        return replace(self, **looks)

    def selector_text(self, name_of: Callable[[str], str] = str) -> str:
        """The selector in words: "Class City (and subclasses)", "Links 'located in'"."""
        if self.kind == "class":
            return f"Class {name_of(self.target)}" + (" (and subclasses)" if self.subclasses else "")
        if self.kind == "property":
            value = f" = {name_of(self.value) if ':' in self.value else repr(self.value)}" if self.value else ""
            return f"Entities with {name_of(self.target)}{value}"
        if self.kind == "predicate":
            return f"Links {name_of(self.target)}"
        if self.kind == "evidence":
            return f"Links {EVIDENCE_WORDS.get(self.value, self.value)}"
        return "Measures: " + (self.measure.describe() if self.measure is not None else "(none)")

    def describe(self, name_of: Callable[[str], str] = str) -> str:
        """The rule in one line: selector, then what it sets."""
        parts = []
        for name, value in self.looks().items():
            if name == "label":
                value = label_words(value, name_of)
            parts.append(f"{'colour' if name == 'color' else name} {value}")
        if self.kind == "measure" and self.measure is not None:
            parts = [p for p in ("size by measure" if self.measure.size_by else "",
                                 "colour by measure" if self.measure.color_by else "") if p] + parts
        text = self.selector_text(name_of) + (": " + ", ".join(parts) if parts else ": (no looks set)")
        return text if self.enabled else text + " [off]"


def label_words(choice: str, name_of: Callable[[str], str] = str) -> str:
    if choice.startswith(PROPERTY_LABEL):
        return f"property {name_of(choice[len(PROPERTY_LABEL):])}"
    return LABEL_WORDS.get(choice, choice)


def measure_rule(style: MeasureStyleLike) -> StyleRule:
    """The rule a measure-driven style (Measures panel: size by PageRank, colour by community) becomes."""
    return StyleRule("measure", style.size_by or style.color_by or "", measure=style)


def measure_of(rules: Sequence[StyleRule]) -> MeasureStyleLike | None:
    """The measure style of the last enabled measure rule (what the Measures panel shows)."""
    for rule in reversed(rules):
        if rule.kind == "measure" and rule.enabled and rule.measure is not None:
            return rule.measure
    return None


def with_measure(rules: Sequence[StyleRule], style: MeasureStyleLike | None) -> list[StyleRule]:
    """``rules`` with the measure rule replaced by one for ``style`` (in place), added last, or dropped (``None``)."""
    kept: list[StyleRule] = []
    placed = False
    for rule in rules:
        if rule.kind == "measure":
            if style is not None and not placed:
                kept.append(measure_rule(style))
                placed = True
            continue
        kept.append(rule)
    if style is not None and not placed:
        kept.append(measure_rule(style))
    return kept


# ---------------------------------------------------------------------- saving and reading
def rule_to_dict(rule: StyleRule) -> dict[str, Any]:
    """JSON-safe data: the selector and only the looks the rule sets."""
    data: dict[str, Any] = {"kind": rule.kind}
    if rule.target:
        data["target"] = rule.target
    if rule.value:
        data["value"] = rule.value
    if rule.kind == "class":
        data["subclasses"] = rule.subclasses
    if not rule.enabled:
        data["enabled"] = False
    for name in ("color", "shape", "size", "icon", "label", "width"):
        value = getattr(rule, name)
        if value is not None:
            data[name] = value
    if rule.measure is not None:
        data["measure"] = rule.measure.to_dict()
    return data


def rules_to_list(rules: Sequence[StyleRule]) -> list[dict[str, Any]]:
    return [rule_to_dict(rule) for rule in rules]


MeasureReader = Callable[[Any, str], Any]


def rules_from_list(raw: Any, where: str = "style_rules", read_measure: MeasureReader | None = None) -> list[StyleRule]:
    """Read :func:`rules_to_list`'s data; an error names the first bad field (``style_rules[2].color``).

    ``read_measure`` reads a measure rule's values (``MeasureStyle.from_dict``); without it a
    measure rule is refused.
    """
    if not isinstance(raw, list):
        raise ExplorerError(f"{where}: expected a list of rules")
    if len(raw) > MAX_RULES:
        raise ExplorerError(f"{where}: {len(raw)} rules; at most {MAX_RULES} are read")
    return [rule_from_dict(item, f"{where}[{index}]", read_measure) for index, item in enumerate(raw)]


def rule_from_dict(raw: Any, where: str, read_measure: MeasureReader | None = None) -> StyleRule:
    if not isinstance(raw, Mapping):
        raise ExplorerError(f"{where}: expected an object")
    kind = raw.get("kind")
    if kind not in SELECTOR_KINDS:
        raise ExplorerError(f"{where}.kind: expected one of {', '.join(SELECTOR_KINDS)}")
    texts = {name: _text(raw, name, where) for name in ("target", "value")}
    if kind in ("class", "property", "predicate") and not texts["target"]:
        raise ExplorerError(f"{where}.target: missing (the {'class' if kind == 'class' else kind} the rule is about)")
    if kind == "evidence" and texts["value"] not in EVIDENCE_STATUSES:
        raise ExplorerError(f"{where}.value: expected one of {', '.join(EVIDENCE_STATUSES)}")
    for name in ("subclasses", "enabled"):
        if name in raw and not isinstance(raw[name], bool):
            raise ExplorerError(f"{where}.{name}: expected true or false")
    looks: dict[str, Any] = {}
    if raw.get("color") is not None:
        looks["color"] = check_colour(raw["color"], f"{where}.color")
    if raw.get("shape") is not None:
        if raw["shape"] not in SHAPES:
            raise ExplorerError(f"{where}.shape: expected one of {', '.join(SHAPES)}")
        looks["shape"] = raw["shape"]
    for name, limits in (("size", SIZE_LIMITS), ("width", WIDTH_LIMITS)):
        if raw.get(name) is not None:
            looks[name] = _number(raw[name], limits, f"{where}.{name}")
    if raw.get("icon") is not None:
        if raw["icon"] not in ICONS and raw["icon"] != "":
            raise ExplorerError(f"{where}.icon: expected one of {', '.join(ICONS)} or \"\"")
        looks["icon"] = raw["icon"]
    if raw.get("label") is not None:
        looks["label"] = check_label(raw["label"], f"{where}.label")
    measure = None
    if kind == "measure":
        if "measure" not in raw:
            raise ExplorerError(f"{where}.measure: missing (the measure's values)")
        if read_measure is None:
            raise ExplorerError(f"{where}.measure: measure rules are not read here")
        measure = read_measure(raw["measure"], f"{where}.measure")
    return StyleRule(kind, texts["target"], texts["value"], raw.get("subclasses", True), enabled=raw.get("enabled", True),
                     measure=measure, **looks)


def check_colour(value: Any, where: str) -> str:
    if not isinstance(value, str) or not _COLOUR.fullmatch(value):
        raise ExplorerError(f"{where}: expected #rrggbb, got {value!r}"[:200])
    return value


def check_label(value: Any, where: str) -> str:
    if not isinstance(value, str) or not (value in LABEL_CHOICES or (value.startswith(PROPERTY_LABEL)
                                                                     and len(value) > len(PROPERTY_LABEL))):
        raise ExplorerError(f"{where}: expected one of {', '.join(LABEL_CHOICES)} or property:<IRI>")
    if len(value) > MAX_TEXT:
        raise ExplorerError(f"{where}: longer than {MAX_TEXT} characters")
    return value


def _text(raw: Mapping[str, Any], name: str, where: str) -> str:
    value = raw.get(name, "")
    if not isinstance(value, str):
        raise ExplorerError(f"{where}.{name}: expected text")
    if len(value) > MAX_TEXT:
        raise ExplorerError(f"{where}.{name}: longer than {MAX_TEXT} characters")
    return value


def _number(value: Any, limits: tuple[float, float], where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ExplorerError(f"{where}: expected a number")
    try:
        number = float(value)
    except OverflowError:
        raise ExplorerError(f"{where}: not a finite number") from None
    if not math.isfinite(number) or not limits[0] <= number <= limits[1]:
        raise ExplorerError(f"{where}: expected a number from {limits[0]:g} to {limits[1]:g}")
    return number


__all__ = [
    "EVIDENCE_STATUSES",
    "ICONS",
    "LABEL_CHOICES",
    "LINK_KINDS",
    "MAX_RULES",
    "NODE_KINDS",
    "PROPERTY_LABEL",
    "SELECTOR_KINDS",
    "StyleRule",
    "check_colour",
    "label_words",
    "measure_of",
    "measure_rule",
    "rule_from_dict",
    "rule_to_dict",
    "rules_from_list",
    "rules_to_list",
    "with_measure",
]
