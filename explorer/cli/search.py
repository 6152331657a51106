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


def _run(args: argparse.Namespace, context: Context) -> int:
    kg = context.graph()
    if not args.text.strip():
        raise UsageError("search: the text to look for is empty")
    hits = kg.search(args.text, limit=args.limit)
    if context.format == "json":
        context.write_json([
            {**entity_json(kg, hit.entity), "matched": hit.matched, "score": hit.score} for hit in hits
        ])
    elif hits:
        rows = []
        for rank, hit in enumerate(hits, 1):
            cls = kg.main_class(hit.entity)
            label = kg.label(hit.entity)
            shown = label if hit.matched == label else f"{label} ({hit.matched})"
            rows.append([rank, shown, kg.label(cls) if cls else "", kg.qname(hit.entity)])
        context.table(["#", "Label", "Class", "IRI"], rows)
    else:
        context.write(f'No entity matches "{args.text}".')
    return EXIT_OK if hits else EXIT_EMPTY


def command() -> Command:
    return Command("search", "find entities by label or alias, best match first", _run, arguments=_arguments)
