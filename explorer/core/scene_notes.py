"""The analyst's notes on a scene: one per node or link, and one on the whole canvas.

Notes live in :attr:`Scene.notes` (item id → text; the canvas note under :data:`CANVAS`). A
note is kept when its item leaves the canvas, so taking a node off and bringing it back (or
undoing the removal) shows its note again. They are saved with the scene (snapshots, the
crash journal) and read back with a one-line error naming the note that is wrong.

>>> from explorer.core.scene import Scene
>>> scene = Scene()
>>> note = SetNote(scene, CANVAS, "check the port figures", "the canvas")
>>> note.redo(); scene.notes[CANVAS]
'check the port figures'
>>> note.undo(); CANVAS in scene.notes
False
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Protocol

from explorer.core.errors import ExplorerError
from explorer.core.scene_items import SceneEvents

#: The key of the note on the whole canvas (no node or link has an empty id).
CANVAS = ""
#: Longest note (characters): a page of text, not a document.
MAX_NOTE_CHARS = 10_000
#: Most notes one scene holds.
MAX_NOTES = 5_000


class _Noted(Protocol):
    notes: dict[str, str]
    events: SceneEvents


def check_note(text: str, where: str = "note") -> str:
    """``text`` without surrounding blanks, or an error when it is too long.

    >>> check_note("  looks wrong  ")
    'looks wrong'
    """
    cleaned = text.strip()
    if len(cleaned) > MAX_NOTE_CHARS:
        raise ExplorerError(f"{where}: {len(cleaned):,} characters; a note holds at most {MAX_NOTE_CHARS:,}")
    return cleaned


def set_note(scene: _Noted, item_id: str, text: str) -> None:
    """Write (or, with empty ``text``, remove) the note of ``item_id``; announces ``notes_changed(item_id)``."""
    text = check_note(text)
    if scene.notes.get(item_id, "") == text:
        return
    if text:
        if item_id not in scene.notes and len(scene.notes) >= MAX_NOTES:
            raise ExplorerError(f"this canvas already holds {MAX_NOTES:,} notes: remove some before adding another")
        scene.notes[item_id] = text
    else:
        scene.notes.pop(item_id, None)
    scene.events.emit("notes_changed", item_id)


class SetNote:
    """Add, edit or remove one note as an undoable step (``text`` empty removes it)."""

    def __init__(self, scene: _Noted, item_id: str, text: str, name: str) -> None:
        self.scene = scene
        self.item_id = item_id
        self.after = check_note(text)
        self.before = scene.notes.get(item_id, "")
        verb = "Remove Note" if not self.after else "Edit Note" if self.before else "Add Note"
        self.text = f"{verb} on {name}"

    def redo(self) -> None:
        set_note(self.scene, self.item_id, self.after)

    def undo(self) -> None:
        set_note(self.scene, self.item_id, self.before)


def notes_to_dict(notes: Mapping[str, str]) -> dict[str, str]:
    """The notes as JSON-safe data (the canvas note under the key ``""``)."""
    return dict(notes)


def notes_from_dict(data: Any, where: str = "scene: notes") -> dict[str, str]:
    """Read notes written by :func:`notes_to_dict` (absent: none).

    Raises:
        ExplorerError: ``"<where>['id']: …"`` naming the note that is not text or too long.
    """
    if data is None:
        return {}
    if not isinstance(data, Mapping):
        raise ExplorerError(f"{where}: expected an object of item id → text")
    if len(data) > MAX_NOTES:
        raise ExplorerError(f"{where}: {len(data):,} notes; at most {MAX_NOTES:,} are read")
    notes: dict[str, str] = {}
    for key, value in data.items():
        if not isinstance(value, str):
            raise ExplorerError(f"{where}[{key!r}]: expected text, got {type(value).__name__}")
        if len(value) > MAX_NOTE_CHARS:
            raise ExplorerError(f"{where}[{key!r}]: {len(value):,} characters; a note holds at most {MAX_NOTE_CHARS:,}")
        if value.strip():
            notes[str(key)] = value
    return notes


def note_marker_ids(scene: Any) -> tuple[list[str], list[str]]:
    """Ids of the nodes and of the links on the scene that carry a note (canvas note excluded)."""
    notes = scene.notes
    if not notes:
        return [], []
    nodes = [key for key in notes if key in scene.nodes]
    edges = [key for key in notes if key in scene.edges]
    return nodes, edges


__all__ = ["CANVAS", "MAX_NOTES", "MAX_NOTE_CHARS", "SetNote", "check_note", "note_marker_ids", "notes_from_dict",
           "notes_to_dict", "set_note"]
