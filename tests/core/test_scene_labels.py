"""Label placement and elision (screen pixels, no Qt)."""

from __future__ import annotations

import numpy as np

from explorer.core.scene_labels import (
    Occupancy,
    boxes_overlap,
    elide_keeping_end,
    keeps_distinguishing_end,
    node_order,
    place_edge_labels,
    place_node_labels,
)


def _width(text: str) -> float:
    return 7.0 * len(text)


def test_elision_keeps_the_distinguishing_end():
    label = "automated guided vehicles in Changlian 382"
    cut = elide_keeping_end(label, 190, _width)
    assert _width(cut) <= 190
    assert cut.endswith("Changlian 382") and cut.startswith("automated …")
    assert keeps_distinguishing_end(label, cut)
    # Two labels with one start stay apart once cut.
    assert cut != elide_keeping_end("automated guided vehicles in Changlian 381", 190, _width)
    assert elide_keeping_end("short", 150, _width) == "short"
    tiny = elide_keeping_end(label, 40, _width)
    assert tiny.startswith("…") and label.endswith(tiny[1:]) and _width(tiny) <= 40
    assert not keeps_distinguishing_end(label, "automated guided…")


def test_labels_never_cover_each_other_or_a_node():
    rng = np.random.default_rng(4)
    count = 300
    x, y = rng.uniform(0, 1280, count), rng.uniform(0, 800, count)
    half = np.full(count, 5.0)
    occupancy = Occupancy(0, 0, 1280, 800)
    occupancy.take_boxes(x - half, y - half, x + half, y + half)
    widths = rng.uniform(30, 160, count).tolist()
    priority = rng.uniform(0, 10, count)
    priority[7] = 1e9  # the selected node
    placed = place_node_labels(occupancy, x, y, half, half, widths, 14.0, node_order(priority))
    assert placed and placed[0].index == 7
    assert len(placed) < count  # a crowd: some wait for the pointer
    boxes = [label.box for label in placed]
    glyphs = [(x[i] - 5, y[i] - 5, x[i] + 5, y[i] + 5) for i in range(count)]
    for k, box in enumerate(boxes):
        assert box[0] >= 0 and box[2] <= 1280 and box[1] >= 0 and box[3] <= 800
        assert not any(boxes_overlap(box, other) for other in boxes[k + 1:])
        assert not any(boxes_overlap(box, glyph) for glyph in glyphs)


def test_a_short_cut_is_placed_where_the_whole_label_has_no_room():
    x, y = np.array([100.0, 100.0, 280.0]), np.array([100.0, 130.0, 100.0])
    half = np.full(3, 5.0)
    occupancy = Occupancy(0, 0, 400, 300)
    occupancy.take_boxes(x - half, y - half, x + half, y + half)
    placed = place_node_labels(occupancy, x, y, half, half, [60.0, 60.0, 400.0], 14.0, np.arange(3), [60.0, 60.0, 80.0])
    assert {label.index for label in placed} == {0, 1, 2}
    assert next(label for label in placed if label.index == 2).short


def test_edge_labels_keep_clear_of_the_nodes_at_their_ends():
    start, end = np.array([[0.0, 100.0], [0.0, 100.0]]), np.array([[300.0, 100.0], [60.0, 100.0]])
    occupancy = Occupancy(-50, 0, 400, 200)
    placed = place_edge_labels(occupancy, start, end, np.array([20.0, 20.0]), [80.0, 80.0], 12.0, np.arange(2))
    assert [label.index for label in placed] == [0]  # the short edge has no room for its words
    left, _, right, _ = placed[0].box
    assert left >= 20 and right <= 280
    # A turned label takes a row of small squares along its line, not the box around it.
    turned = place_edge_labels(Occupancy(-50, -50, 500, 500), np.array([[0.0, 0.0]]), np.array([[300.0, 300.0]]),
                               np.array([20.0]), [120.0], 12.0, np.arange(1))[0]
    assert turned.angle == 45.0 and len(turned.pieces) == 10
    area = sum((r - left) * (b - t) for left, t, r, b in turned.pieces)
    aabb = (turned.box[2] - turned.box[0]) * (turned.box[3] - turned.box[1])
    assert area < aabb / 2
