"""``kg-explorer path FROM TO``: paths between two entities as chains in words, shorter first."""

from __future__ import annotations

import argparse

from explorer.cli.arguments import positive_int
from explorer.cli.command import Command, Context
from explorer.cli.errors import EXIT_EMPTY, EXIT_OK, UsageError
from explorer.cli.output import entity_json, evidence_json, evidence_lines


def _arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("source", metavar="FROM", help="IRI, prefixed name or label")
    parser.add_argument("target", metavar="TO", help="IRI, prefixed name or label")
    parser.add_argument("--max-hops", type=positive_int, default=6, metavar="N", help="longest path (default 6)")
    how = parser.add_mutually_exclusive_group()
    how.add_argument("--k", type=positive_int, metavar="K", help="the K shortest paths (default: every shortest one)")
    how.add_argument("--all", action="store_true", help="every simple path up to --max-hops")
    parser.add_argument("--limit", type=positive_int, default=100, metavar="N", help="most paths shown (default 100)")
    parser.add_argument("--via", action="append", default=[], metavar="P",
                        help="only follow this predicate (repeatable; IRI, prefixed name or label)")
    parser.add_argument("--avoid", action="append", default=[], metavar="P", help="never follow this predicate (repeatable)")
    parser.add_argument("--via-class", action="append", default=[], metavar="C",
                        help="pass through an entity of this class or a subclass (repeatable: any of them)")
    parser.add_argument("--avoid-class", action="append", default=[], metavar="C",
                        help="pass through no entity of this class or a subclass (repeatable)")
    parser.add_argument("--direction", choices=("both", "forward", "backward"), default="both",
                        help="follow links as stored (forward), against (backward) or either way (default)")
    parser.add_argument("--include-schema", action="store_true",
                        help="let rdf:type, rdfs:subClassOf and other schema links be hops")
    parser.add_argument("--evidence", action="store_true", help="show each hop's quote and sentence, or background")


def _run(args: argparse.Namespace, context: Context) -> int:
    from explorer.core.paths import PathMode, find_paths

    kg = context.graph()
    source = context.resolve(args.source)
    target = context.resolve(args.target)
    if source == target:
        raise UsageError(f"path: FROM and TO are the same entity ({kg.label(source)})")
    mode: PathMode = "all" if args.all else "k" if args.k else "shortest"
    found = find_paths(
        kg, source, target,
        mode=mode,
        k=args.k or 5,
        max_hops=args.max_hops,
        allowed_predicates=[context.resolve_term(p, "property") for p in args.via] or None,
        excluded_predicates=[context.resolve_term(p, "property") for p in args.avoid] or None,
        via_classes=[context.resolve_term(c, "class") for c in args.via_class] or None,
        avoid_classes=[context.resolve_term(c, "class") for c in args.avoid_class] or None,
        direction=args.direction,
        include_schema=args.include_schema,
        limit=args.limit,
    )
    if context.format == "json":
        context.write_json({
            "source": entity_json(kg, source),
            "target": entity_json(kg, target),
            "mode": mode,
            "max_hops": args.max_hops,
            "paths": [
                {
                    "length": path.length,
                    "words": path.words(kg),
                    "nodes": [{"iri": node, "label": kg.label(node)} for node in path.nodes],
                    "hops": [
                        {"source": hop.source, "predicate": hop.predicate, "target": hop.target,
                         "forward": hop.forward, "words": hop.words(kg),
                         **({"evidence": [evidence_json(e) for e in kg.evidence(*hop.triple)]} if args.evidence else {})}
                        for hop in path.hops
                    ],
                }
                for path in found
            ],
        })
        return EXIT_OK if found else EXIT_EMPTY
    if not found:
        context.write(f"No path from {kg.label(source)} to {kg.label(target)} within {args.max_hops} hops.")
        return EXIT_EMPTY
    for number, path in enumerate(found, 1):
        prefix = f"{number}. " if len(found) > 1 else ""
        context.write(f"{prefix}{path.words(kg)}  ({path.length} hop{'s' if path.length != 1 else ''})")
        if args.evidence:
            for hop in path.hops:
                context.write(f"   {kg.label(hop.source)} —{hop.words(kg)}→ {kg.label(hop.target)}")
                for line in evidence_lines(kg, hop.triple, "      "):
                    context.write(line)
            if number < len(found):
                context.write()
    return EXIT_OK


def command() -> Command:
    return Command("path", "paths between two entities as chains in words", _run, arguments=_arguments,
                   description="Paths between two entities, shorter first. Exit status 1 when there is none.")
