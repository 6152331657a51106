"""Histories of a session: the undo/redo :class:`History` of commands, and Back/Forward navigation.

:class:`History` keeps :class:`~explorer.core.changes.Command` s — canvas changes, SPARQL
updates, fact edits — in one list with a cursor, like a text editor: :meth:`History.push`
runs a command and records it, :meth:`History.undo` steps back, :meth:`History.redo`
forward; a new command after an undo drops what could have been redone. It knows nothing
about Qt: views subscribe with :meth:`Callbacks.connect` to ``history.changed``.

A command may run in the background (an imported table of millions of statements): when it
says ``runs_in_background`` and the window set :attr:`History.background`, push, undo and
redo hand it to that runner instead of running it, and the history is :attr:`History.working`
— nothing can be undone or redone — until the runner calls :meth:`History.finish_background`.
Commands pushed meanwhile (a canvas change) are recorded after the background step.

>>> class Append:
...     def __init__(self, items, value): self.items, self.value = items, value
...     text = "Append"
...     def redo(self): self.items.append(self.value)
...     def undo(self): self.items.pop()
>>> items, history = [], History()
>>> history.push(Append(items, 1)); history.push(Append(items, 2)); items
[1, 2]
>>> _ = history.undo(); items, history.undo_text, history.redo_text
([1], 'Append', 'Append')
>>> _ = history.redo(); items
[1, 2]
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from explorer.core.changes import Command

#: Commands kept for undo; the oldest go first.
UNDO_LIMIT = 200
#: What the kept commands may hold in all, in scene items (a canvas step keeps copies of the
#: scene: at 5,000 nodes and 10,000 links about 15,000 items a copy); past it the oldest go,
#: and the latest step is always kept.
UNDO_BUDGET = 300_000
#: Entities kept for Back/Forward.
NAVIGATION_LIMIT = 200


class Callbacks:
    """One event: plain callbacks run in order; one that raises does not starve the others.

    >>> seen = []
    >>> changed = Callbacks()
    >>> changed.connect(seen.append); changed.emit("x"); seen
    ['x']
    """

    def __init__(self) -> None:
        self._callbacks: list[Callable[..., None]] = []

    def connect(self, callback: Callable[..., None]) -> None:
        self._callbacks.append(callback)

    def disconnect(self, callback: Callable[..., None]) -> None:
        if callback in self._callbacks:
            self._callbacks.remove(callback)

    def emit(self, *args: Any) -> None:
        first_error: BaseException | None = None
        for callback in list(self._callbacks):
            try:
                callback(*args)
            except Exception as error:  # one faulty view must not starve the others
                first_error = first_error or error
        if first_error is not None:
            raise first_error


class History:
    """Undo/redo of commands (see the module docstring).

    Events: ``changed()`` after every push, undo, redo or clear.
    """

    def __init__(self, limit: int = UNDO_LIMIT, budget: int = UNDO_BUDGET) -> None:
        self.limit = limit
        self.budget = budget
        self._done: list[Command] = []
        self._undone: list[Command] = []
        self._busy = False
        self._working: tuple[Command, str] | None = None
        self._pushed_meanwhile: list[Command] = []
        #: Runs a step in the background: ``background(command, kind)`` with kind "push", "undo"
        #: or "redo"; it must call :meth:`finish_background` once the step is over. ``None``
        #: (the CLI, tests of core) runs every command here.
        self.background: Callable[[Command, str], None] | None = None
        self.changed = Callbacks()

    # ------------------------------------------------------------------ writing
    def push(self, command: Command) -> None:
        """Run ``command`` (its ``redo``) and record it; what could be redone is dropped.

        A command that runs in the background is handed to :attr:`background` and recorded
        when it finishes.
        """
        if self._working is None and self._hand_over(command, "push"):
            return
        with self._running():
            command.redo()
        self.record(command)

    def record(self, command: Command) -> None:
        """Record a command whose effect is already applied (a drag, an update run in a worker)."""
        if self._working is not None:
            self._pushed_meanwhile.append(command)
            return
        self._done.append(command)
        self._undone.clear()
        del self._done[: max(0, len(self._done) - self.limit)]
        held = sum(_cost(c) for c in self._done)
        while len(self._done) > 1 and held > self.budget:
            held -= _cost(self._done.pop(0))
        self.changed.emit()

    def undo(self) -> Command | None:
        """Undo the last command; returns it, or None when there is nothing to undo."""
        if not self._done or self._busy:
            return None
        command = self._done[-1]
        if self._hand_over(command, "undo"):
            return command
        with self._running():
            command.undo()
        self._undone.append(self._done.pop())
        self.changed.emit()
        return command

    def redo(self) -> Command | None:
        """Redo the last undone command; returns it, or None when there is nothing to redo."""
        if not self._undone or self._busy:
            return None
        command = self._undone[-1]
        if self._hand_over(command, "redo"):
            return command
        with self._running():
            command.redo()
        self._done.append(self._undone.pop())
        self.changed.emit()
        return command

    def clear(self) -> None:
        """Forget every command (a new graph: the old commands no longer apply)."""
        self._pushed_meanwhile.clear()
        if self._done or self._undone:
            self._done.clear()
            self._undone.clear()
            self.changed.emit()

    def _hand_over(self, command: Command, kind: str) -> bool:
        if self.background is None or not getattr(command, "runs_in_background", False):
            return False
        self._working = (command, kind)
        self._busy = True
        self.changed.emit()
        self.background(command, kind)
        return True

    def finish_background(self, succeeded: bool) -> None:
        """The background step is over: done (it moves in the history) or failed (nothing changed)."""
        if self._working is None:
            return
        (command, kind), self._working = self._working, None
        self._busy = False
        meanwhile, self._pushed_meanwhile = self._pushed_meanwhile, []
        if succeeded and kind == "undo" and self._done and self._done[-1] is command:
            self._undone.append(self._done.pop())
        elif succeeded and kind == "redo" and self._undone and self._undone[-1] is command:
            self._done.append(self._undone.pop())
        if succeeded and kind == "push":
            meanwhile.insert(0, command)
        for later in meanwhile:
            self.record(later)
        self.changed.emit()

    @contextmanager
    def _running(self) -> Iterator[None]:
        # A command must not push others while it runs (a view reacting to its events).
        previous, self._busy = self._busy, True
        try:
            yield
        finally:
            self._busy = previous

    # ------------------------------------------------------------------ reading
    @property
    def busy(self) -> bool:
        """A command is running: changes made now are its effects, not new commands."""
        return self._busy

    @property
    def working(self) -> str:
        """What runs in the background ("" when nothing): "Undo Import …", "Import …"."""
        if self._working is None:
            return ""
        command, kind = self._working
        return f"{kind.capitalize()} {command.text}" if kind != "push" else command.text

    @property
    def can_undo(self) -> bool:
        return bool(self._done) and self._working is None

    @property
    def can_redo(self) -> bool:
        return bool(self._undone) and self._working is None

    @property
    def undo_text(self) -> str:
        """The text of the command Undo would undo ("" when none)."""
        return self._done[-1].text if self._done else ""

    @property
    def redo_text(self) -> str:
        return self._undone[-1].text if self._undone else ""

    def done(self) -> list[Command]:
        """The commands in effect, oldest first."""
        return list(self._done)

    def __len__(self) -> int:
        return len(self._done)


def _cost(command: Command) -> int:
    """What a command holds, in scene items (``command.cost`` when it says; else next to nothing)."""
    cost = getattr(command, "cost", 1)
    return cost if isinstance(cost, int) else 1


class NavigationHistory:
    """Back/Forward over visited entities, like a web browser."""

    def __init__(self, limit: int = NAVIGATION_LIMIT) -> None:
        self.items: list[str] = []
        self.position = -1
        self.limit = limit

    @property
    def current(self) -> str | None:
        return self.items[self.position] if 0 <= self.position < len(self.items) else None

    def visit(self, entity: str) -> None:
        if entity == self.current:
            return
        del self.items[self.position + 1:]
        self.items.append(entity)
        if len(self.items) > self.limit:
            del self.items[0]
        self.position = len(self.items) - 1

    def can_go_back(self) -> bool:
        return self.position > 0

    def can_go_forward(self) -> bool:
        return self.position < len(self.items) - 1

    def back(self) -> str | None:
        if self.can_go_back():
            self.position -= 1
        return self.current

    def forward(self) -> str | None:
        if self.can_go_forward():
            self.position += 1
        return self.current

    def clear(self) -> None:
        self.items.clear()
        self.position = -1


__all__ = ["NAVIGATION_LIMIT", "UNDO_BUDGET", "UNDO_LIMIT", "Callbacks", "History", "NavigationHistory"]
