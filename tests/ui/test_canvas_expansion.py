"""An expansion on a canvas already drawn: the hit index, the label layer's arrays and the filter
tables take the new nodes and links as appended rows (not rebuilt from the whole scene), and the
canvas must then behave exactly as one made afresh: new nodes hit-testable, labelled, filterable,
hidden by their own row, and gone again after undo."""

from __future__ import annotations

import numpy as np
import pytest
from canvas_support import fitted_canvas
from PySide6.QtCore import QPointF, QRectF

from explorer.core.graph import KnowledgeGraph
from explorer.core.layout import force_directed
from explorer.core.scene import more_node_id
from explorer.core.session import Session
from explorer.ui.canvas.canvas_labels import _largest
from explorer.ui.canvas.graph_canvas import GraphCanvasView

ONT = "https://w3id.org/kg-explorer/ontology#"
LABEL = "<http://www.w3.org/2000/01/rdf-schema#label>"
TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
HUB, BRANCH = "urn:x:hub", "urn:x:branch"
BRANCH_PARTNERS = 9


def _graph() -> KnowledgeGraph:
    """A hub with eight partners; one of them (the branch) has nine suppliers of its own, all labelled."""
    lines = [f'<{HUB}> {LABEL} "Hub operator" .', f"<{HUB}> {TYPE} <{ONT}TelecomOperator> .",
             f'<urn:x:partner> {LABEL} "partners with" .', f'<urn:x:supplies> {LABEL} "supplies" .']
    partners = [BRANCH] + [f"urn:x:p{i}" for i in range(7)]
    for k, partner in enumerate(partners):
        lines.append(f"<{HUB}> <urn:x:partner> <{partner}> .")
        lines.append(f'<{partner}> {LABEL} "Partner {k}" .')
        lines.append(f"<{partner}> {TYPE} <{ONT}TelecomOperator> .")
    for i in range(BRANCH_PARTNERS):
        lines.append(f"<urn:x:s{i}> <urn:x:supplies> <{BRANCH}> .")
        lines.append(f'<urn:x:s{i}> {LABEL} "Supplier {i}" .')
        lines.append(f"<urn:x:s{i}> {TYPE} <{ONT}DeviceVendor> .")
    kg = KnowledgeGraph()
    kg.load_text("\n".join(lines) + "\n", "ntriples")
    return kg


def _canvas(qtbot, scene) -> GraphCanvasView:
    return fitted_canvas(qtbot, scene, 1000, 700)


def _rows(view: GraphCanvasView) -> dict[str, tuple[float, float, float, bool]]:
    """The hit index by node id: (x, y, half size, visible)."""
    view._ensure_index()
    return {node_id: (*view._index_xy[row].tolist(), float(view._index_half[row]), bool(view._index_visible[row]))
            for node_id, row in view._index_pos.items()}


def _state(view: GraphCanvasView) -> tuple:
    """What the canvas worked out and drew, by id (row numbers differ between a kept and a fresh canvas)."""
    view.fit_to_view()
    view.grab()
    view.flush()
    layer = view.label_layer
    words = {(kind, item_id, text) for kind, item_id, _, text, _, _ in layer.drawn}
    priorities = dict(zip(view._index_ids, layer._priorities().tolist(), strict=True))
    edges, sources, targets, *_ = layer._edge_arrays()
    ends = {edge.id: (view._index_ids[a], view._index_ids[b])
            for edge, a, b in zip(edges, sources.tolist(), targets.tolist(), strict=True)}
    return _rows(view), words, priorities, ends, set(view.drawn_edges())


def _fresh_state(qtbot, scene) -> tuple:
    fresh = _canvas(qtbot, scene)
    state = _state(fresh)
    fresh.close()
    fresh.detach()
    return state


def _hit(view: GraphCanvasView, node_id: str) -> str | None:
    node = view.scene_model.nodes[node_id]
    return view.node_at(view.mapFromScene(QPointF(node.x, node.y)))


def _build_filter_tables(session: Session) -> None:
    """A filter on and off: the canvas's filter tables are built, so an expansion must append to them."""
    session.scene.set_class_filter({f"{ONT}TelecomOperator"})
    session.scene.set_predicate_filter({"urn:x:partner"})
    session.scene.set_class_filter(set())
    session.scene.set_predicate_filter(set())


@pytest.fixture
def expanded(qtbot):
    """A session showing the hub and its partners on a painted canvas, then the branch expanded."""
    session = Session(_graph())
    session.expand(HUB)
    session.layout("force")
    view = _canvas(qtbot, session.scene)
    view.set_zoom(0.3)  # zoomed out: clicks go through the hit index, not node items
    _build_filter_tables(session)
    view.viewport().repaint()
    kept_index = view._index_ids
    before = set(session.scene.nodes)
    added = session.expand(BRANCH)
    force_directed(session.scene, fixed=sorted(before), seed=1)  # the incremental layout moves only the new nodes
    assert len(added) == BRANCH_PARTNERS
    view.viewport().repaint()
    # The expansion went through the appending path: the index is the same list, grown.
    assert view._index_ids is kept_index
    return session, view, added


def test_expanded_nodes_are_hit_labelled_and_drawn_like_a_fresh_canvas(qtbot, expanded):
    session, view, added = expanded
    assert not view._detail
    for node_id in added:
        assert _hit(view, node_id) == node_id
    everything = set(view.nodes_in(QRectF(-1e6, -1e6, 2e6, 2e6)))
    assert set(added) <= everything
    state = _state(view)
    labelled = {item_id for kind, item_id, _ in state[1] if kind == "node"}
    assert set(added) <= labelled, sorted(set(added) - labelled)
    # Their links carry their words too ("supplies"), and every link of the branch is drawn.
    worded = {item_id for kind, item_id, text in state[1] if kind == "edge" and text == "supplies"}
    assert worded
    assert {edge.id for edge in session.scene.incident_edges(BRANCH)} <= state[4]
    assert state == _fresh_state(qtbot, session.scene)


def test_undoing_an_expansion_takes_its_nodes_out_of_the_index_and_redo_brings_them_back(qtbot, expanded):
    session, view, added = expanded
    places = {node_id: (session.scene.nodes[node_id].x, session.scene.nodes[node_id].y) for node_id in added}
    session.undo()
    assert not set(added) & set(session.scene.nodes)
    assert not set(added) & set(_rows(view))
    assert not set(added) & set(view.nodes_in(QRectF(-1e6, -1e6, 2e6, 2e6)))
    for x, y in places.values():
        assert view.node_at(view.mapFromScene(QPointF(x, y))) not in added
    state = _state(view)
    assert not {item_id for _, item_id, _ in state[1]} & set(added)
    assert state == _fresh_state(qtbot, session.scene)
    session.redo()
    view.viewport().repaint()
    for node_id in added:
        assert _hit(view, node_id) == node_id
    assert _state(view) == _fresh_state(qtbot, session.scene)


def test_hiding_after_an_expansion_hides_the_right_row(qtbot, expanded):
    session, view, added = expanded
    target = added[4]
    before = _rows(view)
    session.hide(target)
    after = _rows(view)
    assert after[target][3] is False
    assert {node_id: row for node_id, row in after.items() if node_id != target} == {
        node_id: row for node_id, row in before.items() if node_id != target}
    assert _hit(view, target) != target
    state = _state(view)
    assert target not in {item_id for _, item_id, _ in state[1]}
    assert not {edge.id for edge in session.scene.incident_edges(target)} & state[4]
    assert state == _fresh_state(qtbot, session.scene)
    session.undo()  # the hide is one step on the history
    assert _rows(view)[target][3] is True
    assert _hit(view, target) == target


def test_filters_after_an_expansion_take_the_appended_rows(qtbot, expanded):
    session, view, added = expanded
    session.scene.set_class_filter({f"{ONT}DeviceVendor"})  # the suppliers' class: every new node
    rows = _rows(view)
    assert not any(rows[node_id][3] for node_id in added)
    assert all(visible for node_id, (*_, visible) in rows.items() if node_id not in added)
    assert _state(view) == _fresh_state(qtbot, session.scene)
    session.scene.set_class_filter(set())
    session.scene.set_predicate_filter({"urn:x:supplies"})
    rows = _rows(view)
    assert all(rows[node_id][3] for node_id in added)
    drawn = set(view.drawn_edges())
    assert not any(edge.predicate == "urn:x:supplies" for edge_id, edge in session.scene.edges.items() if edge_id in drawn)
    assert _state(view) == _fresh_state(qtbot, session.scene)


def test_a_capped_expansion_appends_its_more_node_which_hides_with_its_parent(qtbot, expanded):
    session, view, _ = expanded
    session.undo()
    _build_filter_tables(session)
    view.viewport().repaint()
    kept_index = view._index_ids
    session.expand(BRANCH, limit=4)  # four suppliers and "+5 more"
    view.viewport().repaint()
    assert view._index_ids is kept_index
    more = more_node_id(BRANCH)
    assert _rows(view)[more][3] is True
    session.hide(BRANCH)
    session.scene.set_class_filter({f"{ONT}DeviceVendor"})  # a pass over the tables, with the appended rows
    rows = _rows(view)
    assert rows[BRANCH][3] is False and rows[more][3] is False
    assert rows[HUB][3] is True
    assert _state(view) == _fresh_state(qtbot, session.scene)


def test_a_repaint_reuses_the_label_placement_only_while_nothing_on_screen_changed(qtbot, expanded):
    session, view, added = expanded
    layer = view.label_layer
    view.fit_to_view()
    view.grab()
    first = list(layer.drawn)
    calls = []
    memo = layer._placements["nodes"]
    work = type(memo).place

    def counting(self, occupancy, inputs, place):
        def counted():
            calls.append(1)
            return place()
        return work(self, occupancy, inputs, counted)

    type(memo).place = counting
    try:
        view.grab()
        assert not calls and layer.drawn == first  # nothing changed: the kept placement
        session.hide(added[0])
        view.grab()
        assert calls  # a labelled node went: placed again, and its label is gone
        assert added[0] not in {item_id for _, item_id, *_ in layer.drawn}
    finally:
        type(memo).place = work


def test_the_largest_values_are_picked_with_ties_in_index_order():
    values = np.array([5.0, 1.0, 3.0, 3.0, 3.0, 7.0, 3.0])
    assert sorted(_largest(values, 3).tolist()) == [0, 2, 5]
    # Taking out a tied value that was not picked changes nothing among the rest.
    kept = np.delete(values, 6)
    assert sorted(_largest(kept, 3).tolist()) == [0, 2, 5]
    assert sorted(_largest(values, 10).tolist()) == list(range(7))
