"""``kg-explorer search TEXT``: entities by label or alias, best match first."""

from __future__ import annotations

import argparse

from explorer.cli.arguments import positive_int
from explorer.cli.command import Command, Context
from explorer.cli.errors import EXIT_EMPTY, EXIT_OK, UsageError
from explorer.cli.output import entity_json


def _arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("text", metavar="TEXT", help="label or alias to look for (prefix, substring, CJK)")
    parser.add_argument("--limit", type=positive_int, default=20, metavar="N", help="most matches shown (default 20)")
    parser.add_argument("--class", dest="classes", action="append", default=[], metavar="C",
                        help="only instances of class C (IRI, prefixed name or label; subclasses count); repeat for "
                             "several")


def _run(args: argparse.Namespace, context: Context) -> int:
    from explorer.core.search_rows import resolve_class, rows_for_hits, search_in_classes

    kg = context.graph()
    if not args.text.strip():
        raise UsageError("search: the text to look for is empty")
    classes = []
    for name in args.classes:
        cls = resolve_class(kg, name)
        if cls is None:
            raise UsageError(f"search: --class {name}: no such class in the graph")
        classes.append(cls)
    hits = search_in_classes(kg, args.text, args.limit, classes)
    rows = rows_for_hits(kg, hits)
    if context.format == "json":
        context.write_json([
            {**entity_json(kg, hit.entity), "matched": hit.matched, "score": hit.score,
             **({"distinguished_by": row.detail} if row.shared_label and row.detail else {})}
            for hit, row in zip(hits, rows, strict=True)
        ])
    elif rows:
        table = []
        for rank, row in enumerate(rows, 1):
            shown = row.label if row.matched == row.label else f"{row.label} ({row.matched})"
            if row.shared_label and row.detail:
                shown += f" · {row.detail}"
            table.append([rank, shown, row.class_label, kg.qname(row.entity)])
        context.table(["#", "Label", "Class", "IRI"], table)
    else:
        context.write(f'No entity matches "{args.text}".')
    return EXIT_OK if rows else EXIT_EMPTY


def command() -> Command:
    return Command("search", "find entities by label or alias, best match first", _run, arguments=_arguments,
                   leaves_graph_to_exit=True, labels_beside_parse=True)
