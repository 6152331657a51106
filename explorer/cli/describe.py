"""``kg-explorer describe ENTITY``: labels, classes, properties and links of an entity, with evidence."""

from __future__ import annotations

import argparse

from explorer.cli.arguments import positive_int
from explorer.cli.command import Command, Context
from explorer.cli.errors import EXIT_OK
from explorer.cli.output import cell, edge_json, evidence_json, evidence_lines
from explorer.core.graph_model import count_text, fill_in_totals


def _arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("entity", metavar="ENTITY", help="IRI, prefixed name (d:ChinaMobile) or label")
    parser.add_argument("--limit", type=positive_int, default=200, metavar="N",
                        help="most links shown in each direction (default 200)")
    parser.add_argument("--no-evidence", action="store_true", help="leave out the evidence of each link")
    parser.add_argument("--exact-counts", action="store_true",
                        help="count every left-out link of a hub exactly (on a server the rest is counted up to "
                             "1,000, shown as \"1,000+\" and flagged \"omitted_*_at_least\" in JSON)")


def _run(args: argparse.Namespace, context: Context) -> int:
    kg = context.graph()
    entity = context.resolve(args.entity)
    description = kg.describe(entity, limit=args.limit)
    if args.exact_counts and (description.omitted_outgoing_at_least or description.omitted_incoming_at_least):
        fill_in_totals(description, kg.link_totals(entity))
    with_evidence = not args.no_evidence
    literal_evidence = kg.literal_evidence(entity) if with_evidence else {}
    if context.format == "json":
        context.write_json({
            "iri": entity,
            "qname": kg.qname(entity),
            "label": description.label,
            "labels": [{"text": t, "language": lang, "predicate": p} for t, lang, p in description.labels],
            "classes": [{"iri": iri, "label": label} for iri, label in description.classes],
            "superclasses": [{"iri": iri, "label": label} for iri, label in description.superclasses],
            "equivalent_classes": [{"iri": iri, "label": label} for iri, label in description.equivalent_classes],
            "properties": [
                {"predicate": p, "words": words, "value": str(value), "language": value.language,
                 "datatype": str(value.datatype) if value.datatype else None,
                 **({"evidence": [evidence_json(e) for e in literal_evidence.get((p, value), [])]}
                    if with_evidence else {})}
                for p, words, value in description.literals
            ],
            "outgoing": [edge_json(kg, e, with_evidence) for e in description.outgoing],
            "incoming": [edge_json(kg, e, with_evidence) for e in description.incoming],
            "omitted_outgoing": description.omitted_outgoing,
            "omitted_incoming": description.omitted_incoming,
            # True: the server counted the rest only up to a cap; there are at least that many.
            "omitted_outgoing_at_least": description.omitted_outgoing_at_least,
            "omitted_incoming_at_least": description.omitted_incoming_at_least,
        })
        return EXIT_OK
    context.write(f"{description.label}  {kg.qname(entity)}")
    context.write(f"IRI: {entity}")
    if description.classes:
        context.write("Classes: " + ", ".join(f"{label} ({kg.qname(iri)})" for iri, label in description.classes))
    if description.superclasses:
        context.write("Subclass of: " + ", ".join(f"{label} ({kg.qname(iri)})" for iri, label in description.superclasses))
    if description.equivalent_classes:
        context.write("Equivalent to: " + ", ".join(f"{label} ({kg.qname(iri)})"
                                                    for iri, label in description.equivalent_classes))
    if description.labels:
        context.write("Labels:")
        for text, language, predicate in description.labels:
            context.write(f"  {text}" + (f" @{language}" if language else "") + f"  ({kg.qname(predicate)})")
    if description.literals:
        context.write("Properties:")
        for predicate, words, value in description.literals:
            context.write(f"  {words}: {cell(value)}")
            for record in literal_evidence.get((predicate, value), []):
                context.write(f"      {record.describe()}")
    for title, edges, omitted, at_least in (
            ("Outgoing links", description.outgoing, description.omitted_outgoing, description.omitted_outgoing_at_least),
            ("Incoming links", description.incoming, description.omitted_incoming, description.omitted_incoming_at_least)):
        context.write(f"{title} ({count_text(len(edges) + omitted, at_least)}):")
        for edge in edges:
            context.write(f"  —{edge.words}→ {edge.other_label}  ({kg.qname(edge.other)})")
            if with_evidence:
                for line in evidence_lines(kg, edge.triple, "      "):
                    context.write(line)
        if omitted:
            context.write(f"  … and {count_text(omitted, at_least)} more (raise --limit to see them"
                          + (", --exact-counts to count them)" if at_least else ")"))
    return EXIT_OK


def command() -> Command:
    return Command("describe", "labels, classes, properties and links of an entity, with evidence", _run, arguments=_arguments)
