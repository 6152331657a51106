"""The styling rules of a scene as snapshot data, and back (older snapshots' ``measure_style`` too).

A scene saves ``style_rules`` (the rules in order, see :mod:`explorer.core.style_rules`) and
``style_base`` (the class looks, ``[colour, shape, size]``, of the nodes the rules restyled).
Snapshots written before styling rules hold ``measure_style`` and ``measure_base``
(``[colour, size]``): they open as one measure rule. Both fields are optional on read.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from explorer.core.errors import ExplorerError
from explorer.core.scene_items import SHAPES
from explorer.core.style_rules import check_colour, measure_rule, rules_from_list, rules_to_list


def styles_to_dict(scene: Any) -> dict[str, Any]:
    """The ``style_rules`` and ``style_base`` fields of a saved scene."""
    return {
        "style_rules": rules_to_list(scene.style_rules),
        "style_base": {key: list(value) for key, value in scene.style_base.items() if key in scene.nodes},
    }


def styles_from_dict(scene: Any, data: Mapping[str, Any]) -> None:
    """Read the styling fields into ``scene`` (already holding its nodes); an error names the field."""
    from explorer.core.analysis.styling import MeasureStyle

    if data.get("style_rules") is not None:
        scene.style_rules = rules_from_list(data["style_rules"], "scene: style_rules", MeasureStyle.from_dict)
    elif data.get("measure_style") is not None:
        scene.style_rules = [measure_rule(MeasureStyle.from_dict(data["measure_style"], "scene: measure_style"))]
    if "measure_base" in data:  # older snapshots
        _read_base(scene, data["measure_base"], "scene: measure_base", 2)
    if "style_base" in data:
        _read_base(scene, data["style_base"], "scene: style_base", 3)


def _read_base(scene: Any, base: Any, where: str, width: int) -> None:
    if not isinstance(base, Mapping):
        raise ExplorerError(f"{where}: expected an object")
    shape_text = "[colour, shape, size]" if width == 3 else "[colour, size]"
    for key, value in base.items():
        if (not isinstance(value, list) or len(value) != width or not isinstance(value[0], str)
                or not isinstance(value[-1], (int, float)) or isinstance(value[-1], bool)):
            raise ExplorerError(f"{where}[{key!r}]: expected {shape_text}")
        check_colour(value[0], f"{where}[{key!r}]")
        if width == 3 and value[1] not in SHAPES:
            raise ExplorerError(f"{where}[{key!r}]: the shape is not one of {', '.join(SHAPES)}")
        try:
            size = float(value[-1])
        except OverflowError:
            raise ExplorerError(f"{where}[{key!r}]: the size is not a finite number") from None
        if not math.isfinite(size):
            raise ExplorerError(f"{where}[{key!r}]: the size is not a finite number")
        node = scene.nodes.get(key)
        if node is not None:
            shape = value[1] if width == 3 else node.shape
            scene.style_base[str(key)] = (value[0], shape, size)


__all__ = ["styles_from_dict", "styles_to_dict"]
