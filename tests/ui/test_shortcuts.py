"""Every shortcut of the main window does one thing: two actions on one key make Qt fire neither."""

from __future__ import annotations

from collections import defaultdict

from PySide6.QtGui import QAction


def test_no_two_actions_share_a_shortcut(window) -> None:
    seen: dict[str, list[str]] = defaultdict(list)
    for action in window.findChildren(QAction):
        for key in action.shortcuts():
            if not key.isEmpty():
                seen[key.toString()].append(action.text().replace("&", ""))
    shared = {key: names for key, names in seen.items() if len(names) > 1}
    assert shared == {}
