"""``kg-explorer stats``: triples, quads, entities, classes and predicates with counts."""

from __future__ import annotations

import argparse

from explorer.cli.command import Command, Context
from explorer.cli.errors import EXIT_OK


def _run(args: argparse.Namespace, context: Context) -> int:
    kg = context.graph()
    stats = kg.stats()
    if context.format == "json":
        context.write_json({
            "quads": stats.quads,
            "triples": stats.triples,
            "entities": stats.entities,
            "resources": stats.resources,
            "files": [{"path": str(f.path), "format": f.format, "quads": f.quads} for f in kg.files],
            "classes": [{"iri": iri, "label": label, "instances": n} for iri, label, n in stats.classes],
            "predicates": [{"iri": iri, "label": label, "uses": n} for iri, label, n in stats.predicates],
        })
        return EXIT_OK
    context.table(["Measure", "Count"], [
        ["Quads", stats.quads], ["Triples", stats.triples], ["Entities", stats.entities],
        ["Resources", stats.resources],
        ["Classes", len(stats.classes)], ["Predicates", len(stats.predicates)],
    ])
    context.write()
    context.write("Classes")
    context.table(["Class", "Instances", "IRI"], [[label, n, kg.qname(iri)] for iri, label, n in stats.classes])
    context.write()
    context.write("Predicates")
    context.table(["Predicate", "Uses", "IRI"], [[label, n, kg.qname(iri)] for iri, label, n in stats.predicates])
    return EXIT_OK


def command() -> Command:
    return Command("stats", "triples, quads, entities, classes and predicates with counts", _run)
