"""``kg-explorer analyze centrality|communities``: who is central, which groups form, who brokers between them."""

from __future__ import annotations

import argparse
import csv
from typing import TYPE_CHECKING

from explorer.cli.arguments import positive_int
from explorer.cli.command import Command, Context
from explorer.cli.errors import EXIT_EMPTY, EXIT_OK

if TYPE_CHECKING:
    from explorer.core.analysis import CommunityResult, MeasureResult
    from explorer.core.graph import KnowledgeGraph

ANALYZE_FORMATS = ("table", "json", "csv")


def _arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("what", choices=("centrality", "communities"), help="centrality measure or Louvain communities")
    parser.add_argument("--measure", choices=("pagerank", "degree", "betweenness"), default="pagerank",
                        help="centrality measure (default pagerank)")
    parser.add_argument("--focus", metavar="ENTITY", help="analyse the neighbourhood of this entity (default: the whole graph)")
    parser.add_argument("--hops", type=positive_int, default=2, metavar="N", help="hops around --focus (default 2)")
    parser.add_argument("--top", type=positive_int, default=20, metavar="N", help="rows shown (default 20)")
    parser.add_argument("--sample", type=positive_int, metavar="N",
                        help="betweenness from N random sources (default: exact up to 1000 entities, then sampled)")


def _run(args: argparse.Namespace, context: Context) -> int:
    from explorer.core.analysis import Scope, centrality, communities

    kg = context.graph()
    scope = Scope.around(context.resolve(args.focus), args.hops) if args.focus else Scope.of_graph()
    if args.what == "centrality":
        result = centrality(kg, scope, args.measure, sample=args.sample)
        _print_centrality(kg, context, result, args.top)
        return EXIT_OK if result.values else EXIT_EMPTY
    grouped = communities(kg, scope)
    _print_communities(kg, context, grouped, args.top)
    return EXIT_OK if grouped.communities else EXIT_EMPTY


def _print_centrality(kg: KnowledgeGraph, context: Context, result: MeasureResult, top: int) -> None:
    rows = result.ranked(top)
    if context.format == "json":
        context.write_json({
            "measure": result.measure,
            "scope": result.scope.describe(kg.label),
            "entities": result.node_count,
            "links": result.link_count,
            "sample_size": result.sample_size,
            "iterations": result.iterations,
            "ranking": [{"rank": i, "iri": e, "label": kg.label(e), "value": v} for i, (e, v) in enumerate(rows, 1)],
        })
    elif context.format == "csv":
        writer = csv.writer(context.out, lineterminator="\n")
        writer.writerow(["rank", "iri", "label", result.measure])
        writer.writerows([i, e, kg.label(e), f"{v:.6g}"] for i, (e, v) in enumerate(rows, 1))
    else:
        context.write(f"{result.note()} — {result.scope.describe(kg.label)}")
        context.table(["#", "Entity", result.measure, "IRI"],
                      [[i, kg.label(e), f"{v:.4g}", kg.qname(e)] for i, (e, v) in enumerate(rows, 1)])


def _print_communities(kg: KnowledgeGraph, context: Context, result: CommunityResult, top: int) -> None:
    # Communities are numbered from 1, largest first, as in the Measures panel and its legend.
    shown = result.communities[:top]
    brokers = result.brokers[:top]
    if context.format == "json":
        context.write_json({
            "scope": result.scope.describe(kg.label),
            "entities": result.node_count,
            "links": result.link_count,
            "modularity": result.modularity,
            "communities": [{"community": c, "size": len(m), "members": [{"iri": e, "label": kg.label(e)} for e in m]}
                            for c, m in enumerate(shown, 1)],
            "brokers": [{"iri": b.entity, "label": kg.label(b.entity), "community": b.community + 1,
                         "reaches": [r + 1 for r in b.reaches], "bridging_links": b.bridging_links,
                         "participation": b.participation} for b in brokers],
        })
    elif context.format == "csv":
        writer = csv.writer(context.out, lineterminator="\n")
        writer.writerow(["community", "iri", "label", "broker"])
        broker_ids = {b.entity for b in result.brokers}
        for c, members in enumerate(shown, 1):
            writer.writerows([c, e, kg.label(e), "yes" if e in broker_ids else ""] for e in members)
    else:
        context.write(f"{result.note()} — {result.scope.describe(kg.label)}")
        context.table(["#", "Size", "Members"],
                      [[c, len(m), _member_list(kg, m)] for c, m in enumerate(shown, 1)])
        if brokers:
            context.write("Brokers between communities:")
            context.table(["Entity", "In", "Reaches", "Bridging links", "Participation"],
                          [[kg.label(b.entity), b.community + 1, ", ".join(str(r + 1) for r in b.reaches), b.bridging_links,
                            f"{b.participation:.2f}"] for b in brokers])


def _member_list(kg: KnowledgeGraph, members: list[str], shown: int = 6) -> str:
    labels = sorted((kg.label(e) for e in members), key=str.casefold)
    more = f" … +{len(labels) - shown}" if len(labels) > shown else ""
    return ", ".join(labels[:shown]) + more


def command() -> Command:
    return Command("analyze", "centrality and communities of the graph or of a neighbourhood", _run,
                   arguments=_arguments, formats=ANALYZE_FORMATS,
                   description="Centrality (PageRank, degree, betweenness) or Louvain communities with the brokers "
                               "between them, over the whole graph or --focus ENTITY --hops N. Exit status 1 when "
                               "nothing is found.")
