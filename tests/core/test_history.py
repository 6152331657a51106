"""The undo history: push runs and records, undo/redo step through, a new step drops the redo
branch, events tell the views, a failing command does not corrupt the history."""

from __future__ import annotations

import pytest

from explorer.core.changes import Command
from explorer.core.history import History, NavigationHistory


class Add:
    def __init__(self, items: list[int], value: int) -> None:
        self.items, self.value = items, value
        self.text = f"Add {value}"

    def redo(self) -> None:
        self.items.append(self.value)

    def undo(self) -> None:
        self.items.remove(self.value)


def test_commands_follow_the_protocol():
    assert isinstance(Add([], 1), Command)


def test_push_undo_redo_and_texts():
    items: list[int] = []
    history = History()
    events: list[str] = []
    history.changed.connect(lambda: events.append("changed"))
    assert not history.can_undo and history.undo() is None and history.redo() is None
    history.push(Add(items, 1))
    history.push(Add(items, 2))
    assert items == [1, 2] and history.undo_text == "Add 2" and len(events) == 2
    assert history.undo().text == "Add 2" and items == [1]
    assert history.redo_text == "Add 2" and history.can_redo
    assert history.redo().text == "Add 2" and items == [1, 2]
    history.undo()
    history.push(Add(items, 3))  # a new step drops what could have been redone
    assert items == [1, 3] and not history.can_redo and [c.text for c in history.done()] == ["Add 1", "Add 3"]
    history.clear()
    assert not history.can_undo and items == [1, 3]


def test_record_keeps_an_applied_step_without_running_it():
    items = [7]
    history = History()
    history.record(Add(items, 7))
    assert items == [7]
    history.undo()
    assert items == []


def test_the_oldest_steps_go_past_the_limit():
    items: list[int] = []
    history = History(limit=3)
    for value in range(5):
        history.push(Add(items, value))
    assert [c.text for c in history.done()] == ["Add 2", "Add 3", "Add 4"]


def test_a_command_cannot_push_while_it_runs_and_a_failing_undo_keeps_its_place():
    history = History()

    class Reentrant(Add):
        def undo(self) -> None:
            assert history.busy
            assert history.redo() is None  # ignored while a command runs
            raise RuntimeError("disk full")

    items: list[int] = []
    history.push(Reentrant(items, 1))
    with pytest.raises(RuntimeError):
        history.undo()
    assert history.can_undo and history.undo_text == "Add 1" and not history.busy


def test_navigation_back_and_forward():
    nav = NavigationHistory(limit=3)
    for entity in "abcd":
        nav.visit(entity)
    assert nav.items == ["b", "c", "d"] and nav.back() == "c" and nav.forward() == "d"


def test_big_steps_past_the_memory_budget_drop_the_oldest_but_never_the_last():
    items: list[int] = []
    history = History(budget=100)

    class Big(Add):
        cost = 60

    history.push(Big(items, 1))
    history.push(Big(items, 2))
    assert [c.text for c in history.done()] == ["Add 2"]  # 120 > 100: the oldest went
    history.push(Add(items, 3))
    assert [c.text for c in history.done()] == ["Add 2", "Add 3"]
    lone = History(budget=10)
    lone.push(Big(items, 4))
    assert lone.can_undo  # the latest step stays, however big
