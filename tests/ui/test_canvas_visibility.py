"""The visibility flags' numpy mirror grows as ids arrive and always agrees with the dict."""

from __future__ import annotations

from explorer.ui.canvas.canvas_visibility import VisibilityFlags


def test_flags_set_one_by_one_past_the_first_capacity_land_in_the_grown_array():
    flags = VisibilityFlags()
    for index in range(300):  # past the first capacity (64) and several growths
        flags[f"e{index}"] = index % 3 != 0
    rows = flags.rows(f"e{index}" for index in range(300))
    assert flags.array[rows].tolist() == [index % 3 != 0 for index in range(300)]
    del flags["e1"]
    flags.pop("e2")
    assert not flags.array[flags.rows(["e1", "e2"])].any()
