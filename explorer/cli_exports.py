"""The ``export`` and ``snapshot`` commands of ``kg-explorer`` (registered from :mod:`explorer.cli`).

``kg-explorer export --focus ENTITY [--hops N] | --query @FILE | --snapshot FILE --format F -o FILE``
writes any export format without a display: image formats draw offscreen.

``kg-explorer snapshot save|show|diff`` saves a focus/query selection as a ``.kgsnap`` file,
prints what a snapshot holds and whether the loaded data is the snapshot's, and lists what
changed between two snapshots.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from explorer.core.errors import ExplorerError

# explorer.cli imports this module while it registers its commands: its names are imported
# inside the functions, never at the top, so either module can be imported first.
EXIT_OK, EXIT_EMPTY = 0, 1

if TYPE_CHECKING:
    from explorer.cli import Context
    from explorer.core.graph import KnowledgeGraph
    from explorer.core.scene import Scene
    from explorer.services.subgraph import Subgraph

EXPORT_FORMATS = ("html", "png", "svg", "pdf", "graphml", "gexf", "ttl", "nq", "jsonld", "csv")
LAYOUTS = ("force", "hierarchical", "radial")


class SelectionError(ExplorerError):
    """The command line does not say what to export (or says two things at once)."""


def _positive_int(text: str) -> int:
    from explorer.cli import _positive_int as parse

    return parse(text)


def _positive_float(text: str) -> float:
    from explorer.cli import _positive_float as parse

    return parse(text)


def _read_query(text: str) -> tuple[str, str | None]:
    from explorer.cli import _read_query as read

    return read(text)


def _hops(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if not 0 <= value <= 6:
        raise argparse.ArgumentTypeError(f"must be between 0 and 6: {text}")
    return value


def _selection_arguments(parser: argparse.ArgumentParser, *, with_snapshot: bool) -> None:
    group = parser.add_argument_group("what to export (one of)")
    group.add_argument("--focus", metavar="ENTITY", help="an entity (IRI, prefixed name or label) and what is around it")
    group.add_argument("--hops", type=_hops, default=1, metavar="N", help="how many links out from --focus (default 1, at most 6)")
    group.add_argument("--query", metavar="QUERY|@FILE",
                       help="a SELECT (its entities and the facts between them) or CONSTRUCT query; @FILE reads it from a file")
    if with_snapshot:
        group.add_argument("--snapshot", metavar="FILE", help="a saved snapshot (.kgsnap): its canvas, as it was saved")
    parser.add_argument("--max-entities", type=_positive_int, default=500, metavar="N",
                        help="stop the selection at N entities (default 500)")
    parser.add_argument("--layout", choices=LAYOUTS, default="force",
                        help="how to lay out a --focus or --query selection (default force)")
    parser.add_argument("--timeout", type=_positive_float, default=30.0, metavar="S", help="seconds a --query may run (default 30)")


def _select(args: argparse.Namespace, context: Context) -> tuple[KnowledgeGraph, Subgraph, Scene]:
    """The graph, subgraph and scene the options ask for."""
    from explorer.services import subgraph as subgraphs

    chosen = [name for name in ("focus", "query", "snapshot") if getattr(args, name, None)]
    if len(chosen) != 1:
        options = "--focus ENTITY, --query @FILE or --snapshot FILE" if hasattr(args, "snapshot") else "--focus ENTITY or --query @FILE"
        raise SelectionError(f"choose what to export: one of {options}" if not chosen else
                         f"{' and '.join('--' + c for c in chosen)} cannot be combined: choose one")
    if getattr(args, "snapshot", None):
        from explorer.services.snapshots import open_snapshot

        snapshot = open_snapshot(args.snapshot)
        kg = snapshot.graph()
        scene = snapshot.scene()
        return kg, subgraphs.from_scene(kg, scene), scene
    kg = context.graph()
    if args.focus:
        subgraph = subgraphs.from_focus(kg, context.resolve(args.focus), args.hops, max_entities=args.max_entities)
    else:
        sparql, _ = _read_query(args.query)
        from explorer.cli import _missing_prefixes

        subgraph = subgraphs.from_query(kg, _missing_prefixes(kg, sparql) + sparql, max_entities=args.max_entities,
                                        timeout=args.timeout)
        subgraph.query = sparql
    return kg, subgraph, subgraphs.to_scene(kg, subgraph, layout=args.layout)


def _default_title(args: argparse.Namespace, kg: KnowledgeGraph, subgraph: Subgraph) -> str:
    if getattr(args, "title", None):
        return str(args.title)
    if subgraph.focus:
        hops = subgraph.hops or 0
        return f"{kg.label(subgraph.focus)}: {hops} hop{'s' if hops != 1 else ''} around"
    return "Query result" if subgraph.query else "Knowledge graph"


def _note_truncation(context: Context, subgraph: Subgraph, args: argparse.Namespace) -> None:
    if subgraph.truncated:
        import sys

        sys.stderr.write(f"note: the selection stopped at {len(subgraph.entities)} entities "
                         f"(--max-entities {args.max_entities}); the export shows that part\n")


# ---------------------------------------------------------------------------- export

def export_arguments(parser: argparse.ArgumentParser) -> None:
    _selection_arguments(parser, with_snapshot=True)
    parser.add_argument("-o", "--output", required=True, metavar="FILE", help="the file to write")
    parser.add_argument("--title", metavar="TEXT", help="title in the HTML page and file metadata")
    images = parser.add_argument_group("images (png, svg, pdf)")
    images.add_argument("--width", type=_positive_int, metavar="PX", help="image width in pixels (default: fit the graph)")
    images.add_argument("--height", type=_positive_int, metavar="PX", help="image height in pixels (default: fit the graph)")
    images.add_argument("--scale", type=_positive_float, default=1.0, metavar="X",
                        help="pixels per logical pixel of a PNG (2 for a sharp slide; default 1)")


def run_export(args: argparse.Namespace, context: Context) -> int:
    from explorer.services.exporters import ExportJob, export, exporter_for_path, exporter_named

    name = args.format if args.format in EXPORT_FORMATS else None
    if name is None:
        guessed = exporter_for_path(args.output)
        if guessed is None:
            raise SelectionError(f"--format is needed: the name {args.output} does not say which ({', '.join(EXPORT_FORMATS)})")
        name = guessed.name
    exporter = exporter_named(name)
    if (args.width is None) != (args.height is None):
        raise SelectionError("--width and --height go together")
    if exporter.image:
        from explorer.ui.export.export_render import ensure_application

        ensure_application()  # offscreen without a display, before anything loads Qt
    kg, subgraph, scene = _select(args, context)
    job = ExportJob(kg, subgraph, scene, title=_default_title(args, kg, subgraph), width=args.width, height=args.height,
                    scale=args.scale)
    path = export(exporter.name, job, args.output)
    _note_truncation(context, subgraph, args)
    context.write(f"Wrote {path} ({exporter.label}: {len(subgraph.entities)} entities, {len(subgraph.facts)} facts, "
                  f"{subgraph.evidence_count} evidence records)")
    return EXIT_OK


# ---------------------------------------------------------------------------- snapshot

def snapshot_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("action", choices=("save", "show", "diff"),
                        help="save: a --focus or --query selection to -o FILE; show FILE; diff A B")
    parser.add_argument("files", nargs="*", metavar="FILE", help="the snapshot to show, or the two to compare")
    _selection_arguments(parser, with_snapshot=False)
    parser.add_argument("-o", "--output", metavar="FILE", help="where save writes the snapshot (.kgsnap is added)")
    parser.add_argument("--title", metavar="TEXT", help="the snapshot's title (save)")
    parser.add_argument("--notes", metavar="TEXT", default="", help="notes to keep with the snapshot (save)")
    parser.add_argument("--date", metavar="YYYY-MM-DD", help="the date to record (save; default: none)")


def run_snapshot(args: argparse.Namespace, context: Context) -> int:
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
    kg, subgraph, scene = _select(args, context)
    snapshot = save_snapshot(args.output, kg, scene, title=_default_title(args, kg, subgraph), notes=args.notes,
                             date=args.date, subgraph=subgraph)
    _note_truncation(context, subgraph, args)
    counts = snapshot.counts
    context.write(f"Saved {snapshot.path}: \"{snapshot.title}\", {counts['nodes']} entities, {counts['edges']} links, "
                  f"{counts['triples']} triples, {counts['evidence_records']} evidence records")
    return EXIT_OK


def _snapshot_show(args: argparse.Namespace, context: Context) -> int:
    from explorer.services.snapshots import dataset_identity, open_snapshot

    if len(args.files) != 1:
        raise SelectionError("snapshot show takes one snapshot file")
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


def register_commands() -> None:
    """Add ``export`` and ``snapshot`` to the command registry of :mod:`explorer.cli`."""
    from explorer.cli import register

    register("export", "write a focus + hops, a query's subgraph or a snapshot as HTML, an image, GraphML/GEXF, RDF or CSV",
             run_export, arguments=export_arguments, formats=EXPORT_FORMATS,
             description="Export without a display. --format is one of " + ", ".join(EXPORT_FORMATS)
                         + " (default: from the -o file name). HTML works offline; images are drawn offscreen.")
    register("snapshot", "save, show or compare snapshots (.kgsnap files)", run_snapshot, arguments=snapshot_arguments,
             description="snapshot save (--focus ENTITY [--hops N] | --query @FILE) --title T [--notes N] [--date D] -o FILE; "
                         "snapshot show FILE (says whether the loaded data is the snapshot's); snapshot diff A B "
                         "(exit status 1 when nothing changed).")
