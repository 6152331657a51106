"""Visibility flags that remember which entries changed, so array copies of them can follow cheaply.

The label layer keeps the visibility of 100,000 edges as one numpy mask. Rebuilding it from
the canvas's flags on every change (a hidden node, a filter) cost more than the change itself;
with the changed ids recorded here, it updates only those rows.
"""

from __future__ import annotations


class VisibilityFlags(dict[str, bool]):
    """``id → visible``; every ``flags[id] = …`` after construction is recorded in :attr:`changed`."""

    def __init__(self, *args: object, **kwargs: bool) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        #: Ids assigned since a reader last took them (:meth:`take_changes`).
        self.changed: set[str] = set()

    def __setitem__(self, key: str, value: bool) -> None:
        super().__setitem__(key, value)
        self.changed.add(key)

    def take_changes(self) -> set[str]:
        """The ids assigned since the last call (the reader's copy is then up to date)."""
        changed, self.changed = self.changed, set()
        return changed


__all__ = ["VisibilityFlags"]
