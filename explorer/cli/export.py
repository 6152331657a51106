"""``kg-explorer export (--focus ENTITY [--hops N] | --query @FILE | --snapshot FILE) [--format F] -o FILE``:
any export format without a display (image formats draw offscreen)."""

from __future__ import annotations

import argparse

from explorer.cli.arguments import check_output_file, positive_float, positive_int
from explorer.cli.command import Command, Context
from explorer.cli.errors import EXIT_OK
from explorer.cli.selection import SelectionError, note_truncation, select, selection_arguments

EXPORT_FORMATS = ("html", "png", "svg", "pdf", "graphml", "gexf", "ttl", "nq", "jsonld", "csv")

def _arguments(parser: argparse.ArgumentParser) -> None:
    selection_arguments(parser, with_snapshot=True)
    parser.add_argument("-o", "--output", required=True, metavar="FILE", help="the file to write")
    parser.add_argument("--title", metavar="TEXT", help="title in the HTML page and file metadata")
    images = parser.add_argument_group("images (png, svg, pdf)")
    images.add_argument("--width", type=positive_int, metavar="PX", help="image width in pixels (default: fit the graph)")
    images.add_argument("--height", type=positive_int, metavar="PX", help="image height in pixels (default: fit the graph)")
    images.add_argument("--scale", type=positive_float, default=1.0, metavar="X",
                        help="pixels per logical pixel of a PNG (2 for a sharp slide; default 1)")


def _run(args: argparse.Namespace, context: Context) -> int:
    from explorer.services.exporters import ExportJob, export, exporter_for_path, exporter_named

    name = args.format if args.format in EXPORT_FORMATS else None
    if name is None:
        guessed = exporter_for_path(args.output)
        if guessed is None:
            raise SelectionError(f"--format is needed: the name {args.output} does not say which ({', '.join(EXPORT_FORMATS)})")
        name = guessed.name
    exporter = exporter_named(name)
    check_output_file(args.output)
    if (args.width is None) != (args.height is None):
        raise SelectionError("--width and --height go together")
    if exporter.image:
        from explorer.ui.export.export_render import ensure_application

        ensure_application()  # offscreen without a display, before anything loads Qt
    selection = select(args, context)
    subgraph = selection.subgraph
    job = ExportJob(selection.kg, subgraph, selection.scene, title=selection.title, width=args.width, height=args.height,
                    scale=args.scale)
    path = export(exporter.name, job, args.output)
    note_truncation(selection, args)
    context.write(f"Wrote {path} ({exporter.label}: {len(subgraph.entities)} entities, {len(subgraph.facts)} facts, "
                  f"{subgraph.evidence_count} evidence records)")
    return EXIT_OK


def command() -> Command:
    return Command("export", "write a focus + hops, a query's subgraph or a snapshot as HTML, an image, GraphML/GEXF, RDF or CSV",
                   _run, arguments=_arguments, formats=EXPORT_FORMATS, default_format=None,
                   format_help=f"what to write (default: from the -o file name; one of: {', '.join(EXPORT_FORMATS)})",
                   description="Export without a display. --format is one of " + ", ".join(EXPORT_FORMATS)
                               + " (default: from the -o file name). HTML works offline; images are drawn offscreen.")
