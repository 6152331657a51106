"""``kg-explorer risk [ENTITY] [--risk R]``: what a cyber risk reaches, through which chain, on whose word."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from explorer.cli.arguments import positive_int
from explorer.cli.command import Command, Context
from explorer.cli.errors import EXIT_EMPTY, EXIT_OK
from explorer.cli.output import entity_json, evidence_json

if TYPE_CHECKING:
    from explorer.core.analysis.exposure import ExposedEntity, ExposureChain
    from explorer.core.graph import KnowledgeGraph


def _arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("entity", metavar="ENTITY", nargs="?",
                        help="explain this entity's exposure, or why it is not exposed (default: rank all)")
    parser.add_argument("--risk", action="append", default=[], metavar="R",
                        help="start from this risk (repeatable; default: every kg:CyberRisk in the graph)")
    parser.add_argument("--max-hops", type=positive_int, default=6, metavar="N", help="longest chain (default 6)")
    parser.add_argument("--top", type=positive_int, default=50, metavar="N", help="most entities listed (default 50)")


def _run(args: argparse.Namespace, context: Context) -> int:
    from explorer.core.analysis.exposure import exposure, why_not

    kg = context.graph()
    chosen = [context.resolve(r) for r in args.risk] or None
    report = exposure(kg, chosen, max_hops=args.max_hops)
    if args.entity is None:
        listed = report.exposed[:args.top]
        if context.format == "json":
            context.write_json({"risks": [entity_json(kg, r) for r in report.risks],
                                "warned_by": _warnings_json(kg, report.risks),
                                "exposed": [_exposed_json(kg, item) for item in listed]})
        else:
            context.write(f"Exposed to {', '.join(kg.label(r) for r in report.risks)} "
                          f"({len(report.exposed)} entities, chains up to {report.max_hops} hops):")
            _write_warnings(kg, context, report.risks)
            for rank, item in enumerate(listed, 1):
                context.write(f"{rank}. {kg.label(item.entity)} — exposure {item.score:.3g}, {item.hops} hop(s)")
                _write_chain(kg, context, item.chains[0], "   ")
            if not listed:
                context.write("Nothing is exposed.")
        return EXIT_OK if listed else EXIT_EMPTY
    entity = context.resolve(args.entity)
    found = report.find(entity)
    if found is not None:
        if context.format == "json":
            context.write_json({"risks": [entity_json(kg, r) for r in report.risks], **_exposed_json(kg, found),
                                "exposed": True})
        else:
            context.write(f"{kg.label(entity)} is exposed to {', '.join(kg.label(r) for r in report.risks)}: "
                          f"exposure {found.score:.3g}, {found.hops} hop(s)")
            _write_warnings(kg, context, [found.chains[0].source] if found.chains else report.risks)
            for number, chain in enumerate(found.chains, 1):
                context.write(f"Chain {number} (exposure {chain.score:.3g}):")
                _write_chain(kg, context, chain, "  ")
        return EXIT_OK
    blocked = why_not(kg, report, entity) if entity not in report.risks else None
    reason = blocked.reason if blocked else f"{kg.label(entity)} is the risk itself"
    if context.format == "json":
        context.write_json({"risks": [entity_json(kg, r) for r in report.risks], "entity": entity_json(kg, entity),
                            "exposed": False, "why_not": reason,
                            "blocking_link": None if blocked is None or blocked.link is None else {
                                "from": blocked.link.source, "predicate": blocked.link.predicate,
                                "to": blocked.link.target, "forward": blocked.link.forward}})
    else:
        context.write(f"{kg.label(entity)} is not exposed to {', '.join(kg.label(r) for r in report.risks)}.")
        context.write(f"Why not: {reason}")
    return EXIT_EMPTY


def _write_warnings(kg: KnowledgeGraph, context: Context, risks: list[str]) -> None:
    from explorer.core.analysis.exposure import warned_by

    for risk in risks:
        for who, records in warned_by(kg, risk):
            quotes = "; ".join(record.describe() for record in records) or "no evidence record"
            context.write(f"{kg.label(who)} warns of {kg.label(risk)}: {quotes}")


def _write_chain(kg: KnowledgeGraph, context: Context, chain: ExposureChain, indent: str) -> None:
    context.write(f"{indent}{chain.words(kg)}")
    for hop, records in zip(chain.hops, chain.evidence(kg), strict=False):
        words = hop.words(kg)
        context.write(f"{indent}  {kg.label(hop.source)} —{words}→ {kg.label(hop.target)} (weight {hop.weight:g})")
        for record in records or []:
            context.write(f"{indent}    {record.describe()}")
        if not records:
            context.write(f"{indent}    (no evidence record)")


def _warnings_json(kg: KnowledgeGraph, risks: list[str]) -> list[dict[str, Any]]:
    from explorer.core.analysis.exposure import warned_by

    return [{"risk": risk, "who": who, "who_label": kg.label(who), "evidence": [evidence_json(e) for e in records]}
            for risk in risks for who, records in warned_by(kg, risk)]


def _exposed_json(kg: KnowledgeGraph, item: ExposedEntity) -> dict[str, Any]:
    return {
        "entity": entity_json(kg, item.entity),
        "score": item.score,
        "hops": item.hops,
        "chains": [{
            "score": chain.score,
            "words": chain.words(kg),
            "hops": [{"from": hop.source, "from_label": kg.label(hop.source), "predicate": hop.predicate,
                      "words": hop.words(kg), "forward": hop.forward,
                      "to": hop.target, "to_label": kg.label(hop.target), "weight": hop.weight,
                      "evidence": [evidence_json(e) for e in records]}
                     for hop, records in zip(chain.hops, chain.evidence(kg), strict=False)],
        } for chain in item.chains],
    }


def command() -> Command:
    return Command("risk", "what a cyber risk reaches, each entity with its chain and evidence", _run,
                   arguments=_arguments,
                   description="Ranks the entities the graph's cyber risks reach along the links the ontology says "
                               "carry exposure (kg:exposureDirection, kg:exposureWeight), each with its chain in "
                               "words and the evidence per hop; with ENTITY, explains that entity's exposure or why "
                               "it is not exposed. Exit status 1 when nothing (or not ENTITY) is exposed.")
