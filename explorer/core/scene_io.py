"""A scene as JSON-safe data (snapshots, the crash journal) and back, with exact error messages.

:func:`scene_to_dict` writes every node, edge, filter, pin and highlight;
:func:`scene_from_dict` reads it back and names the first field that is missing or wrong.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import asdict
from typing import Any, Protocol, TypeVar, cast

from explorer.core import scene_groups
from explorer.core.errors import ExplorerError
from explorer.core.path_history import history_from_list, history_to_list
from explorer.core.scene_items import KINDS, NEUTRAL_COLOR, SCHEMA_VERSION, SHAPES, SceneEdge, SceneNode
from explorer.core.style_io import styles_from_dict, styles_to_dict
from explorer.core.style_rules import ICONS


class SceneContent(Protocol):
    """What is read and written: a :class:`~explorer.core.scene.Scene` has it."""

    nodes: dict[str, SceneNode]
    edges: dict[str, SceneEdge]
    focus: str | None
    notes: dict[str, str]
    path_history: list[Any]
    hidden_classes: set[str]
    hidden_predicates: set[str]
    highlighted: set[str]
    expanded: dict[str, list[str]]
    style_rules: list[Any]
    style_base: dict[str, tuple[str, str, float]]
    groups: dict[str, Any]

    def reindex(self) -> None: ...


Content = TypeVar("Content", bound=SceneContent)


def scene_to_dict(scene: SceneContent) -> dict[str, Any]:
    """Everything about the scene as JSON-safe data (see :data:`SCHEMA_VERSION`)."""
    groups = scene_groups.groups_to_data(scene)  # type: ignore[arg-type]
    return ({"groups": groups} if groups else {}) | {
        "schema_version": SCHEMA_VERSION,
        "nodes": [asdict(node) for node in scene.nodes.values()],
        "edges": [asdict(edge) for edge in scene.edges.values()],
        "focus": scene.focus,
        "notes": dict(scene.notes),  # the canvas note under "" (explorer.core.scene_notes)
        "path_history": history_to_list(scene.path_history),
        "hidden_classes": sorted(scene.hidden_classes),
        "hidden_predicates": sorted(scene.hidden_predicates),
        "highlighted": sorted(scene.highlighted),
        "expanded": {key: list(value) for key, value in scene.expanded.items()},
        **styles_to_dict(scene),
    }


def scene_from_dict(scene: Content, data: Mapping[str, Any]) -> Content:
    """Fill the empty ``scene`` from data written by :func:`scene_to_dict` (no events).

    Raises:
        ExplorerError: naming the first field that is missing or of the wrong type.
    """
    if not isinstance(data, Mapping):
        raise ExplorerError("scene: expected an object")
    version = data.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise ExplorerError("scene: schema_version: missing or not an integer")
    if version > SCHEMA_VERSION:
        raise ExplorerError(f"scene: schema_version {version} is newer than this version of the program reads ({SCHEMA_VERSION})")
    for index, raw in enumerate(_list(data, "nodes")):
        node = _node_from(raw, f"scene: nodes[{index}]")
        if node.id in scene.nodes:
            raise ExplorerError(f"scene: nodes[{index}].id: duplicate id {node.id!r}")
        scene.nodes[node.id] = node
    for index, raw in enumerate(_list(data, "edges")):
        edge = _edge_from(raw, f"scene: edges[{index}]")
        for end in ("source", "target"):
            if getattr(edge, end) not in scene.nodes:
                raise ExplorerError(f"scene: edges[{index}].{end}: no node with id {getattr(edge, end)!r}")
        scene.edges[edge.id] = edge
    scene.reindex()
    focus = data.get("focus")
    if focus is not None and (not isinstance(focus, str) or focus not in scene.nodes):
        raise ExplorerError("scene: focus: not the id of a node in the scene")
    scene.focus = focus
    from explorer.core.scene_notes import notes_from_dict

    scene.notes = notes_from_dict(data.get("notes"))
    scene.path_history = history_from_list(data.get("path_history"))
    scene.hidden_classes = set(_strings(data, "hidden_classes"))
    scene.hidden_predicates = set(_strings(data, "hidden_predicates"))
    scene.highlighted = {i for i in _strings(data, "highlighted") if i in scene.nodes or i in scene.edges}
    expanded = data.get("expanded", {})
    if not isinstance(expanded, Mapping):
        raise ExplorerError("scene: expanded: expected an object")
    for key, value in expanded.items():
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ExplorerError(f"scene: expanded[{key!r}]: expected a list of node ids")
        if key in scene.nodes:
            scene.expanded[str(key)] = [v for v in value if v in scene.nodes]
    styles_from_dict(scene, data)
    scene.groups = scene_groups.groups_from_data(data.get("groups"), _node_from, _edge_from)
    return scene


def _list(data: Mapping[str, Any], key: str) -> list[Any]:
    value = data.get(key, [])
    if not isinstance(value, list):
        raise ExplorerError(f"scene: {key}: expected a list")
    return value


def _strings(data: Mapping[str, Any], key: str) -> list[str]:
    values = _list(data, key)
    for index, value in enumerate(values):
        if not isinstance(value, str):
            raise ExplorerError(f"scene: {key}[{index}]: expected a string")
    return values


_NODE_FIELDS: dict[str, tuple[type, ...]] = {
    "id": (str,), "entity": (str,), "label": (str,), "class_iri": (str,), "class_label": (str,),
    "x": (int, float), "y": (int, float), "pinned": (bool,), "hidden": (bool,), "kind": (str,),
    "more_count": (int,), "color": (str,), "shape": (str,), "size": (int, float),
    "icon": (str,), "label_shown": (str, type(None)),
}  # fmt: skip
_EDGE_FIELDS: dict[str, tuple[type, ...]] = {
    "id": (str,), "source": (str,), "target": (str,), "predicate": (str,), "label": (str,),
    "hidden": (bool,), "evidence_count": (int,), "color": (str, type(None)),
    "line_color": (str, type(None)), "width": (int, float), "label_hidden": (bool,),
}  # fmt: skip
_REQUIRED_NODE = ("id", "entity", "label")
_REQUIRED_EDGE = ("id", "source", "target")


def _checked(raw: Any, where: str, fields: dict[str, tuple[type, ...]], required: tuple[str, ...]) -> dict[str, Any]:
    if not isinstance(raw, Mapping):
        raise ExplorerError(f"{where}: expected an object")
    values: dict[str, Any] = {}
    for name, types in fields.items():
        if name not in raw:
            if name in required:
                raise ExplorerError(f"{where}.{name}: missing")
            continue
        value: Any = raw[name]
        numeric = types == (int, float) or types == (int,)
        if (isinstance(value, bool) and numeric) or not isinstance(value, types):
            raise ExplorerError(f"{where}.{name}: expected {' or '.join(t.__name__ for t in types)}, got {type(value).__name__}")
        if types == (int, float):
            try:
                number = float(cast(float, value))
            except OverflowError:  # an integer with hundreds of digits
                raise ExplorerError(f"{where}.{name}: not a finite number") from None
            if not math.isfinite(number):
                raise ExplorerError(f"{where}.{name}: not a finite number")
            value = number
        values[name] = value
    return values


def _node_from(raw: Any, where: str) -> SceneNode:
    values = _checked(raw, where, _NODE_FIELDS, _REQUIRED_NODE)
    values.setdefault("class_iri", "")
    values.setdefault("class_label", "")
    if values.get("kind", "entity") not in KINDS:
        raise ExplorerError(f"{where}.kind: expected one of {', '.join(KINDS)}")
    if values.get("shape", "ellipse") not in SHAPES:
        raise ExplorerError(f"{where}.shape: expected one of {', '.join(SHAPES)}")
    if values.get("icon", "") not in ("", *ICONS):
        raise ExplorerError(f"{where}.icon: expected one of {', '.join(ICONS)} or \"\"")
    color = values.get("color", NEUTRAL_COLOR)
    if not (len(color) == 7 and color[0] == "#" and all(c in "0123456789abcdefABCDEF" for c in color[1:])):
        raise ExplorerError(f"{where}.color: expected #rrggbb, got {color!r}")
    return SceneNode(**values)


def _edge_from(raw: Any, where: str) -> SceneEdge:
    values = _checked(raw, where, _EDGE_FIELDS, _REQUIRED_EDGE)
    values.setdefault("predicate", "")
    values.setdefault("label", "")
    for name in ("color", "line_color"):
        color = values.get(name)
        if color is not None and not (len(color) == 7 and color[0] == "#"
                                      and all(c in "0123456789abcdefABCDEF" for c in color[1:])):
            raise ExplorerError(f"{where}.{name}: expected #rrggbb, got {color!r}")
    return SceneEdge(**values)


__all__ = ["SceneContent", "scene_from_dict", "scene_to_dict"]
