"""``kg-explorer snapshot save|show|diff``: save a focus/query selection as a ``.kgsnap`` file, print what
a snapshot holds and whether the loaded data is the snapshot's, list what changed between two snapshots."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from explorer.cli.arguments import check_input_file, check_output_file
from explorer.cli.command import Command, Context
from explorer.cli.errors import EXIT_EMPTY, EXIT_OK
from explorer.cli.selection import SelectionError, note_truncation, select, selection_arguments


def _arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("action", choices=("save", "show", "diff"),
                        help="save: a --focus or --query selection to -o FILE; show FILE; diff A B")
    parser.add_argument("files", nargs="*", metavar="FILE", help="the snapshot to show, or the two to compare")
    selection_arguments(parser, with_snapshot=False)
    parser.add_argument("-o", "--output", metavar="FILE", help="where save writes the snapshot (.kgsnap is added)")
    parser.add_argument("--title", metavar="TEXT", help="the snapshot's title (save)")
    parser.add_argument("--notes", metavar="TEXT", default="", help="notes to keep with the snapshot (save)")
    parser.add_argument("--date", metavar="YYYY-MM-DD", help="the date to record (save; default: none)")


def _run(args: argparse.Namespace, context: Context) -> int:
    if args.action == "save":
        return _snapshot_save(args, context)
    if args.action == "show":
        return _snapshot_show(args, context)
    return _snapshot_diff(args, context)


def _snapshot_save(args: argparse.Namespace, context: Context) -> int:
    from explorer.services.snapshots import check_date, save_snapshot

    if args.files:
        raise SelectionError("snapshot save takes no file arguments: use -o FILE")
    if not args.output:
        raise SelectionError("snapshot save needs -o FILE")
    check_date(args.date)
    for name in (args.output, args.output + ".kgsnap"):
        check_output_file(name)
    selection = select(args, context)
    snapshot = save_snapshot(args.output, selection.kg, selection.scene, title=selection.title, notes=args.notes,
                             date=args.date, subgraph=selection.subgraph)
    note_truncation(selection, args)
    counts = snapshot.counts
    context.write(f"Saved {snapshot.path}: \"{snapshot.title}\", {counts['nodes']} entities, {counts['edges']} links, "
                  f"{counts['triples']} triples, {counts['evidence_records']} evidence records")
    return EXIT_OK


def _snapshot_show(args: argparse.Namespace, context: Context) -> int:
    from explorer.services.snapshots import dataset_identity, open_snapshot

    if len(args.files) != 1:
        raise SelectionError("snapshot show takes one snapshot file")
    check_input_file(args.files[0], "snapshot file")
    snapshot = open_snapshot(args.files[0])
    current = dataset_identity(context.graph())
    snapshot.attach(context.graph(), current)
    counts = snapshot.counts
    if context.format == "json":
        context.write_json({
            "path": str(snapshot.path), "title": snapshot.title, "date": snapshot.date, "notes": snapshot.notes,
            "app_version": snapshot.app_version, "schema_version": snapshot.schema_version,
            "dataset": snapshot.dataset.to_dict(), "loaded_dataset": current.to_dict(), "matches_loaded_data": snapshot.attached,
            "selection": {"query": snapshot.query, "focus": snapshot.focus, "hops": snapshot.hops}, "counts": counts,
        })
        return EXIT_OK
    rows: list[list[Any]] = [
        ["Title", snapshot.title],
        ["Date", snapshot.date or "(none)"],
        ["Notes", snapshot.notes or "(none)"],
        ["Saved by", f"kg-explorer {snapshot.app_version}" if snapshot.app_version else "(unknown)"],
        ["Dataset", snapshot.dataset.describe()],
        ["Loaded data", current.describe()],
        ["Matches loaded data", "yes" if snapshot.attached else "no: the snapshot's own copy is used"],
        ["Entities", counts["nodes"]],
        ["Links", counts["edges"]],
        ["Triples", counts["triples"]],
        ["Evidence records", counts["evidence_records"]],
    ]
    if snapshot.focus:
        rows.append(["Chosen by", f"{snapshot.graph().label(snapshot.focus)} and {snapshot.hops or 0} hops around it"])
    if snapshot.query:
        rows.append(["Chosen by", "query: " + " ".join(snapshot.query.split())])
    context.table(["Field", "Value"], rows)
    return EXIT_OK


def _snapshot_diff(args: argparse.Namespace, context: Context) -> int:
    from explorer.services.snapshots import diff_snapshots, open_snapshot

    if len(args.files) != 2:
        raise SelectionError("snapshot diff takes two snapshot files: A B")
    for name in args.files:
        check_input_file(name, "snapshot file")
    before, after = (open_snapshot(path) for path in args.files)
    diff = diff_snapshots(before, after)
    rows = diff.rows()
    if context.format == "json":
        context.write_json({
            "a": {"path": str(Path(args.files[0])), "title": before.title},
            "b": {"path": str(Path(args.files[1])), "title": after.title},
            "summary": diff.summary(),
            "changes": [{"change": r.change, "kind": r.kind, "label": r.label, "detail": r.detail, "id": r.item_id} for r in rows],
            "moved": diff.nodes_moved, "triples_added": diff.triples_added, "triples_removed": diff.triples_removed,
        })
    else:
        context.write(f"From \"{before.title}\" to \"{after.title}\": {diff.summary()}")
        if rows:
            context.write()
            marks = {"added": "+", "removed": "-", "changed": "~"}
            context.table(["", "Kind", "Item", "Detail"], [[marks[r.change], r.kind, r.label, r.detail] for r in rows])
    return EXIT_OK if not diff.is_empty else EXIT_EMPTY


def command() -> Command:
    return Command("snapshot", "save, show or compare snapshots (.kgsnap files)", _run, arguments=_arguments,
                   description="snapshot save (--focus ENTITY [--hops N] | --query @FILE) --title T [--notes N] [--date D] -o FILE; "
                               "snapshot show FILE (says whether the loaded data is the snapshot's); snapshot diff A B "
                               "(exit status 1 when nothing changed).")
