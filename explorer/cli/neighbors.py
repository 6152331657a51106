"""``kg-explorer neighbors ENTITY``: the links around an entity, in words, up to a few hops."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from explorer.cli.arguments import positive_int
from explorer.cli.command import Command, Context
from explorer.cli.errors import EXIT_EMPTY, EXIT_OK, UsageError
from explorer.cli.output import entity_json
from explorer.core.graph_model import count_text

if TYPE_CHECKING:
    from explorer.core.graph import Edge

def _arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("entity", metavar="ENTITY", help="IRI, prefixed name or label")
    parser.add_argument("--hops", type=positive_int, default=1, metavar="N", help="how far to go (default 1)")
    parser.add_argument("--limit", type=positive_int, default=50, metavar="N",
                        help="most links followed from each entity, per direction (default 50)")
    parser.add_argument("--direction", choices=("both", "out", "in"), default="both",
                        help="outgoing links, incoming links or both (default both)")
    parser.add_argument("--max-links", type=positive_int, default=1000, metavar="N",
                        help="stop after listing N links in all (default 1000)")


def _run(args: argparse.Namespace, context: Context) -> int:
    kg = context.graph()
    start = context.resolve(args.entity)
    if args.hops > 6:
        raise UsageError("neighbors: --hops is at most 6")
    seen = {start}
    frontier = [start]
    rows: list[tuple[int, Edge]] = []
    omitted = 0
    omitted_at_least = False  # a server counted some hub's rest only up to a cap
    stopped = False
    for distance in range(1, args.hops + 1):
        next_frontier = []
        for entity in frontier:
            around = kg.neighbours(entity, direction=args.direction, limit=args.limit)
            omitted += around.omitted
            omitted_at_least = omitted_at_least or around.omitted_at_least
            for edge in around.edges:
                if len(rows) >= args.max_links:
                    stopped = True
                    break
                rows.append((distance, edge))
                if edge.other not in seen:
                    seen.add(edge.other)
                    next_frontier.append(edge.other)
            if stopped:
                break
        frontier = next_frontier
        if stopped:
            break
    if context.format == "json":
        context.write_json({
            "entity": entity_json(kg, start),
            "hops": args.hops,
            "links": [
                {"distance": distance, "from": edge.entity, "from_label": kg.label(edge.entity),
                 "predicate": edge.predicate, "words": edge.words, "forward": edge.forward,
                 "to": edge.other, "to_label": edge.other_label}
                for distance, edge in rows
            ],
            "omitted": omitted,
            "omitted_at_least": omitted_at_least,
            "stopped_at_max_links": stopped,
        })
    else:
        context.write(f"Neighbours of {kg.label(start)} ({kg.qname(start)}), up to {args.hops} hop(s):")
        if rows:
            context.table(["Hop", "From", "Link", "To", "IRI"], [
                [distance, kg.label(edge.entity), f"—{edge.words}→", edge.other_label, kg.qname(edge.other)]
                for distance, edge in rows
            ])
        if omitted:
            context.write(f"… and {count_text(omitted, omitted_at_least)} more link(s) left out (raise --limit to see them)")
        if stopped:
            context.write(f"… stopped after {args.max_links} links (raise --max-links to see more)")
        if not rows:
            context.write("No links.")
    return EXIT_OK if rows else EXIT_EMPTY


def command() -> Command:
    return Command("neighbors", "the links around an entity, in words", _run, arguments=_arguments)
