"""Taking a copy of what a scene shows and putting it back (undo and redo of canvas changes).

:func:`capture` copies the nodes, edges, filters, focus, highlight and expansions;
:func:`restore` makes the scene show exactly that again. A small difference (the usual
undo: an expansion, a hidden node, a path) is put back with the scene's fine-grained
events, so the canvas redraws only what changed; a large one is replaced wholesale with
one ``reset``.
"""

from __future__ import annotations

from typing import Any, Protocol, TypeVar

from explorer.core.scene_io import SceneContent
from explorer.core.scene_items import SceneEdge, SceneEvents, SceneNode, SceneState

#: Differences larger than this (nodes and edges added, removed or changed) are restored with
#: one ``reset`` instead of one event each: past it, redrawing everything is cheaper.
FINE_GRAINED_UP_TO = 400

_Item = TypeVar("_Item", SceneNode, SceneEdge)


class _Restorable(SceneContent, Protocol):
    events: SceneEvents

    def reindex(self) -> None: ...


def _clone(item: _Item) -> _Item:
    # About six times faster than copy.copy for these plain dataclasses; undo copies whole scenes.
    twin: Any = object.__new__(type(item))
    twin.__dict__.update(item.__dict__)
    return twin


def capture(scene: _Restorable) -> SceneState:
    """What ``scene`` shows now (independent copies: later edits do not reach them)."""
    return SceneState(
        nodes={key: _clone(node) for key, node in scene.nodes.items()},
        edges={key: _clone(edge) for key, edge in scene.edges.items()},
        focus=scene.focus,
        hidden_classes=frozenset(scene.hidden_classes),
        hidden_predicates=frozenset(scene.hidden_predicates),
        highlighted=frozenset(scene.highlighted),
        notes=dict(scene.notes),
        path_history=tuple(scene.path_history),
        expanded={key: tuple(value) for key, value in scene.expanded.items()},
        style_rules=tuple(scene.style_rules),
        style_base=dict(scene.style_base),
        groups=dict(scene.groups),
    )


def restore(scene: _Restorable, state: SceneState) -> None:
    """Make ``scene`` show exactly what ``state`` holds (``state`` itself stays untouched)."""
    gone_edges = [e for e in scene.edges if e not in state.edges]
    gone_nodes = [n for n in scene.nodes if n not in state.nodes]
    new_nodes = [n for n in state.nodes if n not in scene.nodes]
    new_edges = [e for e in state.edges if e not in scene.edges]
    changed_nodes = [n for n, node in scene.nodes.items() if n in state.nodes and node.__dict__ != state.nodes[n].__dict__]
    changed_edges = [e for e, edge in scene.edges.items() if e in state.edges and edge.__dict__ != state.edges[e].__dict__]
    size = len(gone_edges) + len(gone_nodes) + len(new_nodes) + len(new_edges) + len(changed_nodes) + len(changed_edges)
    if size > FINE_GRAINED_UP_TO:
        _replace(scene, state)
        return
    # First the scene becomes what was saved (one re-index), then the views hear what changed:
    # removed edges before removed nodes, added nodes before added edges, as Scene.remove/add do.
    removed_edges = [scene.edges[e] for e in gone_edges]
    removed_nodes = [scene.nodes[n] for n in gone_nodes]
    moved: list[str] = []
    changed: list[SceneNode] = []
    for node_id in changed_nodes:
        node, wanted = scene.nodes[node_id], state.nodes[node_id]
        only_moved = {**node.__dict__, "x": wanted.x, "y": wanted.y} == wanted.__dict__
        node.__dict__.update(wanted.__dict__)
        if only_moved:
            moved.append(node_id)
        else:
            changed.append(node)
    for edge_id_ in changed_edges:
        scene.edges[edge_id_].__dict__.update(state.edges[edge_id_].__dict__)
    # Kept objects stay (the views hold them); the order of the dictionaries is part of what was saved.
    scene.nodes = {key: scene.nodes[key] if key in scene.nodes else _clone(node) for key, node in state.nodes.items()}
    scene.edges = {key: scene.edges[key] if key in scene.edges else _clone(edge) for key, edge in state.edges.items()}
    scene.reindex()
    notes_changed, paths_changed = _restore_notes(scene, state)
    scene.expanded = {key: list(value) for key, value in state.expanded.items()}
    filters_changed = bool(changed_edges) or scene.hidden_classes != state.hidden_classes \
        or scene.hidden_predicates != state.hidden_predicates
    scene.hidden_classes, scene.hidden_predicates = set(state.hidden_classes), set(state.hidden_predicates)
    highlight_changed = scene.highlighted != state.highlighted
    scene.highlighted = set(state.highlighted)
    focus_changed = scene.focus != state.focus
    scene.focus = state.focus
    restyled = tuple(scene.style_rules) != state.style_rules or scene.style_base != state.style_base
    scene.style_rules, scene.style_base = list(state.style_rules), dict(state.style_base)
    scene.groups = dict(state.groups)

    events = scene.events
    if notes_changed:
        events.emit("notes_changed", None)
    if paths_changed:
        events.emit("paths_changed")
    for edge in removed_edges:
        events.emit("edge_removed", edge)
    for node in removed_nodes:
        events.emit("node_removed", node)
    for node_id in new_nodes:
        events.emit("node_added", scene.nodes[node_id])
    for edge_id_ in new_edges:
        events.emit("edge_added", scene.edges[edge_id_])
    for node in changed:
        events.emit("node_changed", node)
    if moved:
        events.emit("positions_changed", moved)
    if filters_changed:
        events.emit("filters_changed")
    if highlight_changed:
        events.emit("highlight_changed", set(scene.highlighted))
    if focus_changed:
        events.emit("focus_changed", scene.focus)
    if restyled:
        events.emit("nodes_restyled", [scene.nodes[n] for n in changed_nodes])
    if changed_edges:
        events.emit("edges_restyled", [scene.edges[e] for e in changed_edges])


def _restore_notes(scene: _Restorable, state: SceneState) -> tuple[bool, bool]:
    """Put back the notes and path searches; whether each changed."""
    notes_changed = scene.notes != state.notes
    paths_changed = tuple(scene.path_history) != state.path_history
    scene.notes, scene.path_history = dict(state.notes), list(state.path_history)
    return notes_changed, paths_changed


def _replace(scene: _Restorable, state: SceneState) -> None:
    scene.nodes = {key: _clone(node) for key, node in state.nodes.items()}
    scene.edges = {key: _clone(edge) for key, edge in state.edges.items()}
    scene.reindex()
    _restore_notes(scene, state)
    scene.focus = state.focus
    scene.hidden_classes = set(state.hidden_classes)
    scene.hidden_predicates = set(state.hidden_predicates)
    scene.highlighted = set(state.highlighted)
    scene.expanded = {key: list(value) for key, value in state.expanded.items()}
    scene.style_rules, scene.style_base = list(state.style_rules), dict(state.style_base)
    scene.groups = dict(state.groups)
    scene.events.emit("reset")


__all__ = ["FINE_GRAINED_UP_TO", "capture", "restore"]
