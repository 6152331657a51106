"""Curation in the desktop app: dialogs to add, edit, retract and merge, with evidence and undo."""
