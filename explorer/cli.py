"""The ``kg-explorer`` command line.

Each subcommand is registered with :func:`register` (name, help, how it reads its
arguments, what it runs), so adding one is a small, local edit. Every command takes
``--data FILE`` (repeatable; replaces the bundled graph) and ``--format``.

Exit codes: 0 success; 1 an empty answer, no path, or SHACL violations; 2 bad usage or
bad input, with exactly one line ``error: …`` on stderr; 3 an internal error (a bug),
also reported in one line.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import sys
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NoReturn, TextIO

from explorer.core.errors import AmbiguousEntity, EntityNotFound, ExplorerError, QueryError

if TYPE_CHECKING:
    from explorer.core.graph import Edge, Evidence, KnowledgeGraph
    from explorer.core.remote import EndpointConfig

TABLE_JSON = ("table", "json")
QUERY_FORMATS = ("table", "csv", "tsv", "json", "xml")

EXIT_OK, EXIT_EMPTY, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3


class UsageError(ExplorerError):
    """The command line itself is wrong (unknown option, missing argument …)."""


class _Parser(argparse.ArgumentParser):
    """argparse that raises instead of printing usage and exiting: errors stay one line."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{self.prog}: {message} (see --help)")


# ---------------------------------------------------------------------------- registry

Run = Callable[[argparse.Namespace, "Context"], int]


@dataclass(frozen=True)
class Command:
    """One subcommand: its name, one-line help, arguments and what it does."""

    name: str
    help: str
    run: Run
    arguments: Callable[[argparse.ArgumentParser], None] | None = None
    formats: tuple[str, ...] = TABLE_JSON
    description: str | None = None


COMMANDS: dict[str, Command] = {}


def register(
    name: str,
    help: str,
    run: Run,
    *,
    arguments: Callable[[argparse.ArgumentParser], None] | None = None,
    formats: tuple[str, ...] = TABLE_JSON,
    description: str | None = None,
) -> Command:
    """Add a subcommand. ``run(args, context)`` returns the exit code."""
    command = Command(name, help, run, arguments, formats, description)
    COMMANDS[name] = command
    return command


@dataclass
class Context:
    """What a running command needs: the graph (loaded on first use) and where to write."""

    args: argparse.Namespace
    out: TextIO = field(default_factory=lambda: sys.stdout)
    _graph: KnowledgeGraph | None = None

    @property
    def format(self) -> str:
        return str(getattr(self.args, "format", "table"))

    def graph(self) -> KnowledgeGraph:
        """The bundled graph, or the ``--data`` files instead of it."""
        if self._graph is None:
            from explorer.core.graph import KnowledgeGraph

            files = getattr(self.args, "data", None) or []
            if getattr(self.args, "endpoint", None):
                if files:
                    raise UsageError("--data and --endpoint cannot be combined: the endpoint's graph is used as it is")
                graph = connect_endpoint(self.args)
            elif files:
                graph = KnowledgeGraph()
                graph.load(files)
            else:
                graph = KnowledgeGraph.bundled()
            self._graph = graph
        return self._graph

    def resolve(self, text: str) -> str:
        """An entity from an IRI, a prefixed name or a label."""
        return self.graph().resolve(text)

    def resolve_term(self, text: str, kind: str) -> str:
        """A class (``kind="class"``) or a property (``kind="property"``) by IRI, prefixed name or label."""
        kg = self.graph()
        iri = kg.expand(text)
        if iri is not None:
            if not kg.exists(iri):
                raise EntityNotFound(f"no {kind} {text} in the graph")
            return iri
        fits = self._is_class if kind == "class" else self._is_property
        wanted = text.strip().casefold()
        hits = [hit for hit in kg.search(text, limit=200) if fits(hit.entity)]
        exact = list(dict.fromkeys(hit.entity for hit in hits if hit.matched.casefold() == wanted))
        if len(exact) == 1:
            return exact[0]
        best = exact or list(dict.fromkeys(hit.entity for hit in hits if hits and hit.quality == hits[0].quality))
        if len(best) == 1:
            return best[0]
        if not best:
            raise EntityNotFound(f'no {kind} is labelled "{text}"')
        raise AmbiguousEntity(text, [(iri, kg.label(iri), kind) for iri in best])

    def _is_class(self, iri: str) -> bool:
        return iri in self.graph().class_hierarchy()

    def _is_property(self, iri: str) -> bool:
        kg = self.graph()
        from explorer.core.terms import iri_or_bnode

        node = iri_or_bnode(iri)
        if any(True for _ in kg.backend.triples(None, node, None)):
            return True
        return any(t.endswith(("#ObjectProperty", "#DatatypeProperty", "#Property", "#AnnotationProperty"))
                   for t in kg.types(iri))

    def write(self, text: str = "") -> None:
        self.out.write(text + "\n")

    def write_json(self, value: Any) -> None:
        self.out.write(json.dumps(value, ensure_ascii=False, indent=2) + "\n")

    def table(self, headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
        self.out.write(render_table(headers, rows, terminal_width(self.out)))


# ---------------------------------------------------------------------------- plain-text tables

def display_width(text: str) -> int:
    """Columns a string takes in a terminal: CJK characters take two, combining marks none.

    >>> display_width("中国移动"), display_width("China")
    (8, 5)
    """
    width = 0
    for ch in text:
        if unicodedata.combining(ch):
            continue
        width += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return width


def _clip(text: str, width: int) -> str:
    if display_width(text) <= width:
        return text
    out, used = [], 0
    for ch in text:
        w = display_width(ch)
        if used + w > width - 1:
            break
        out.append(ch)
        used += w
    return "".join(out) + "…"


def _pad(text: str, width: int) -> str:
    return text + " " * (width - display_width(text))


def _cell(value: Any) -> str:
    return " ".join(str("" if value is None else value).split())


def render_table(headers: Sequence[str], rows: Sequence[Sequence[Any]], max_width: int | None = None) -> str:
    """Aligned columns; the widest columns are clipped (with …) to fit ``max_width``.

    >>> print(render_table(["Label", "Class"], [["中国移动", "telecom operator"]]), end="")
    Label     Class
    --------  ----------------
    中国移动  telecom operator
    """
    cells = [[_cell(h) for h in headers], *[[_cell(v) for v in row] for row in rows]]
    widths = [max(display_width(row[i]) for row in cells) for i in range(len(headers))]
    gap = 2
    if max_width is not None:
        while sum(widths) + gap * (len(widths) - 1) > max_width:
            widest = max(range(len(widths)), key=lambda i: widths[i])
            if widths[widest] <= 8:
                break
            widths[widest] -= 1
    lines = []
    for index, row in enumerate(cells):
        line = (" " * gap).join(_pad(_clip(value, widths[i]), widths[i]) for i, value in enumerate(row))
        lines.append(line.rstrip())
        if index == 0:
            lines.append((" " * gap).join("-" * w for w in widths))
    return "\n".join(lines) + "\n"


def terminal_width(out: TextIO) -> int | None:
    """Width to fit: the terminal's when writing to one, else ``$COLUMNS``, else unlimited."""
    try:
        if out.isatty():
            return shutil.get_terminal_size().columns
    except (AttributeError, ValueError, OSError):
        pass
    columns = os.environ.get("COLUMNS", "")
    return int(columns) if columns.isdigit() and int(columns) > 20 else None


# ---------------------------------------------------------------------------- shared pieces

def _evidence_json(evidence: Evidence) -> dict[str, Any]:
    return {
        "background": evidence.background,
        "quote": evidence.quote,
        "source": evidence.source,
        "source_label": evidence.source_label,
        "sentence_index": evidence.sentence_index,
        "note": evidence.note,
    }


def _entity_json(kg: KnowledgeGraph, iri: str) -> dict[str, Any]:
    cls = kg.main_class(iri)
    return {"iri": iri, "label": kg.label(iri), "class": cls, "class_label": kg.label(cls) if cls else None}


def _edge_json(kg: KnowledgeGraph, edge: Edge, with_evidence: bool) -> dict[str, Any]:
    subject, predicate, obj = edge.triple
    found: dict[str, Any] = {
        "predicate": edge.predicate,
        "words": edge.words,
        "forward": edge.forward,
        "other": edge.other,
        "other_label": edge.other_label,
    }
    if with_evidence:
        found["evidence"] = [_evidence_json(e) for e in kg.evidence(subject, predicate, obj)]
    return found


def _evidence_lines(kg: KnowledgeGraph, triple: tuple[str, str, str], indent: str) -> list[str]:
    records = kg.evidence(*triple)
    if not records:
        return [f"{indent}(no evidence record)"]
    return [f"{indent}{record.describe()}" for record in records]


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1: {text}")
    return value


def _positive_float(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not value > 0:
        raise argparse.ArgumentTypeError(f"must be more than 0: {text}")
    return value


# ---------------------------------------------------------------------------- gui

def _gui_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", nargs="*", metavar="FILE", help="RDF files to open instead of the bundled graph")


def _run_gui(args: argparse.Namespace, context: Context) -> int:
    try:
        from explorer.ui.app.application import main as app_main
    except ImportError as error:
        raise ExplorerError(f"the desktop app cannot start: {error}") from None
    files = [*(args.data or []), *args.files]
    if args.endpoint:
        if files:
            raise UsageError("--data and --endpoint cannot be combined: the endpoint's graph is used as it is")
        # The window connects in a worker and reports a down or refusing server itself.
        return int(app_main(None, endpoint=endpoint_config(args)) or 0)
    return int(app_main(files or None) or 0)


# ---------------------------------------------------------------------------- stats

def _run_stats(args: argparse.Namespace, context: Context) -> int:
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


# ---------------------------------------------------------------------------- search

def _search_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("text", metavar="TEXT", help="label or alias to look for (prefix, substring, CJK)")
    parser.add_argument("--limit", type=_positive_int, default=20, metavar="N", help="most matches shown (default 20)")


def _run_search(args: argparse.Namespace, context: Context) -> int:
    kg = context.graph()
    if not args.text.strip():
        raise UsageError("search: the text to look for is empty")
    hits = kg.search(args.text, limit=args.limit)
    if context.format == "json":
        context.write_json([
            {**_entity_json(kg, hit.entity), "matched": hit.matched, "score": hit.score} for hit in hits
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


# ---------------------------------------------------------------------------- describe

def _describe_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("entity", metavar="ENTITY", help="IRI, prefixed name (d:ChinaMobile) or label")
    parser.add_argument("--limit", type=_positive_int, default=200, metavar="N",
                        help="most links shown in each direction (default 200)")
    parser.add_argument("--no-evidence", action="store_true", help="leave out the evidence of each link")


def _run_describe(args: argparse.Namespace, context: Context) -> int:
    kg = context.graph()
    entity = context.resolve(args.entity)
    description = kg.describe(entity, limit=args.limit)
    with_evidence = not args.no_evidence
    if context.format == "json":
        context.write_json({
            "iri": entity,
            "qname": kg.qname(entity),
            "label": description.label,
            "labels": [{"text": t, "language": lang, "predicate": p} for t, lang, p in description.labels],
            "classes": [{"iri": iri, "label": label} for iri, label in description.classes],
            "properties": [
                {"predicate": p, "words": words, "value": str(value), "language": value.language,
                 "datatype": str(value.datatype) if value.datatype else None}
                for p, words, value in description.literals
            ],
            "outgoing": [_edge_json(kg, e, with_evidence) for e in description.outgoing],
            "incoming": [_edge_json(kg, e, with_evidence) for e in description.incoming],
            "omitted_outgoing": description.omitted_outgoing,
            "omitted_incoming": description.omitted_incoming,
        })
        return EXIT_OK
    context.write(f"{description.label}  {kg.qname(entity)}")
    context.write(f"IRI: {entity}")
    if description.classes:
        context.write("Classes: " + ", ".join(f"{label} ({kg.qname(iri)})" for iri, label in description.classes))
    if description.labels:
        context.write("Labels:")
        for text, language, predicate in description.labels:
            context.write(f"  {text}" + (f" @{language}" if language else "") + f"  ({kg.qname(predicate)})")
    if description.literals:
        context.write("Properties:")
        for _, words, value in description.literals:
            context.write(f"  {words}: {_cell(value)}")
    for title, edges, omitted in (("Outgoing links", description.outgoing, description.omitted_outgoing),
                                  ("Incoming links", description.incoming, description.omitted_incoming)):
        context.write(f"{title} ({len(edges) + omitted}):")
        for edge in edges:
            context.write(f"  —{edge.words}→ {edge.other_label}  ({kg.qname(edge.other)})")
            if with_evidence:
                for line in _evidence_lines(kg, edge.triple, "      "):
                    context.write(line)
        if omitted:
            context.write(f"  … and {omitted} more (raise --limit to see them)")
    return EXIT_OK


# ---------------------------------------------------------------------------- neighbors

def _neighbors_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("entity", metavar="ENTITY", help="IRI, prefixed name or label")
    parser.add_argument("--hops", type=_positive_int, default=1, metavar="N", help="how far to go (default 1)")
    parser.add_argument("--limit", type=_positive_int, default=50, metavar="N",
                        help="most links followed from each entity, per direction (default 50)")
    parser.add_argument("--direction", choices=("both", "out", "in"), default="both",
                        help="outgoing links, incoming links or both (default both)")
    parser.add_argument("--max-links", type=_positive_int, default=1000, metavar="N",
                        help="stop after listing N links in all (default 1000)")


def _run_neighbors(args: argparse.Namespace, context: Context) -> int:
    kg = context.graph()
    start = context.resolve(args.entity)
    if args.hops > 6:
        raise UsageError("neighbors: --hops is at most 6")
    seen = {start}
    frontier = [start]
    rows: list[tuple[int, Edge]] = []
    omitted = 0
    stopped = False
    for distance in range(1, args.hops + 1):
        next_frontier = []
        for entity in frontier:
            around = kg.neighbours(entity, direction=args.direction, limit=args.limit)
            omitted += around.omitted
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
            "entity": _entity_json(kg, start),
            "hops": args.hops,
            "links": [
                {"distance": distance, "from": edge.entity, "from_label": kg.label(edge.entity),
                 "predicate": edge.predicate, "words": edge.words, "forward": edge.forward,
                 "to": edge.other, "to_label": edge.other_label}
                for distance, edge in rows
            ],
            "omitted": omitted,
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
            context.write(f"… and {omitted} more link(s) left out (raise --limit to see them)")
        if stopped:
            context.write(f"… stopped after {args.max_links} links (raise --max-links to see more)")
        if not rows:
            context.write("No links.")
    return EXIT_OK if rows else EXIT_EMPTY


# ---------------------------------------------------------------------------- path

def _path_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("source", metavar="FROM", help="IRI, prefixed name or label")
    parser.add_argument("target", metavar="TO", help="IRI, prefixed name or label")
    parser.add_argument("--max-hops", type=_positive_int, default=6, metavar="N", help="longest path (default 6)")
    how = parser.add_mutually_exclusive_group()
    how.add_argument("--k", type=_positive_int, metavar="K", help="the K shortest paths (default: every shortest one)")
    how.add_argument("--all", action="store_true", help="every simple path up to --max-hops")
    parser.add_argument("--limit", type=_positive_int, default=100, metavar="N", help="most paths shown (default 100)")
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


def _run_path(args: argparse.Namespace, context: Context) -> int:
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
            "source": _entity_json(kg, source),
            "target": _entity_json(kg, target),
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
                         **({"evidence": [_evidence_json(e) for e in kg.evidence(*hop.triple)]} if args.evidence else {})}
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
                for line in _evidence_lines(kg, hop.triple, "      "):
                    context.write(line)
            if number < len(found):
                context.write()
    return EXIT_OK


# ---------------------------------------------------------------------------- query

def _query_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("query", metavar="QUERY|@FILE", help="SPARQL text, or @FILE to read it from a file (@- for stdin)")
    parser.add_argument("--timeout", type=_positive_float, default=30.0, metavar="S", help="seconds before giving up (default 30)")
    parser.add_argument("--max-rows", type=_positive_int, default=None, metavar="N", help="stop after N rows")
    parser.add_argument("--allow-update", action="store_true",
                        help="allow SPARQL Update (changes the graph in memory only; files are not written)")
    parser.add_argument("--allow-network", action="store_true", help="allow SERVICE (federated queries reach the network)")


def _read_query(text: str) -> tuple[str, str | None]:
    if not text.startswith("@"):
        return text, None
    name = text[1:]
    if name == "-":
        return sys.stdin.read(), "<stdin>"
    try:
        with open(name, encoding="utf-8") as handle:
            return handle.read(), name
    except UnicodeDecodeError as error:
        raise ExplorerError(f"{name}: not UTF-8 text: {error.reason} at byte {error.start}") from None
    except OSError as error:
        raise ExplorerError(f"{name}: {error.strerror or error}") from None


_DECLARED_PREFIX = re.compile(r"PREFIX\s+([A-Za-z][\w.-]*)?\s*:", re.IGNORECASE)


def _missing_prefixes(kg: KnowledgeGraph, sparql: str) -> str:
    """PREFIX lines for the graph's prefixes the query uses without declaring them."""
    declared = set(_DECLARED_PREFIX.findall(sparql))
    lines = []
    for prefix, namespace in sorted(kg.prefixes.items()):
        if prefix and prefix not in declared and re.search(rf"(?<![\w<:/#?.-]){re.escape(prefix)}:", sparql):
            lines.append(f"PREFIX {prefix}: <{namespace}>\n")
    return "".join(lines)


def _term_text(kg: KnowledgeGraph, term: Any) -> str:
    from rdflib import BNode, Literal, URIRef

    if term is None:
        return ""
    if isinstance(term, URIRef):
        return kg.qname(str(term))
    if isinstance(term, BNode):
        return f"_:{term}"
    if isinstance(term, Literal) and term.language:
        return f"{term}@{term.language}"
    return str(term)


def _run_query(args: argparse.Namespace, context: Context) -> int:
    from explorer.core.errors import RefusedQuery
    from explorer.core.sparql import QueryPolicy, query_kind
    from explorer.services.result_formats import write_graph, write_results

    sparql, source_name = _read_query(args.query)
    if not sparql.strip():
        raise UsageError("query: the query is empty")
    policy = QueryPolicy(allow_update=args.allow_update, allow_network=args.allow_network)
    try:
        kind = policy.check(sparql)  # refused before any data is loaded or any connection is made
    except RefusedQuery:
        if query_kind(sparql) == "update" and not args.allow_update:
            raise RefusedQuery("SPARQL Update is refused: pass --allow-update to change the graph (in memory only)") from None
        raise RefusedQuery("SERVICE (federated query) reaches the network and is refused: pass --allow-network "
                           "to allow it") from None
    kg = context.graph()
    # Prefixed names the graph knows (d:, kg:, rdfs: …) work without PREFIX lines of their own.
    prelude = _missing_prefixes(kg, sparql) if kind != "update" or args.allow_update else ""
    added_lines = prelude.count("\n")
    try:
        before = kg.quad_count()
        result = kg.query(prelude + sparql, timeout=args.timeout, policy=policy, max_rows=args.max_rows)
    except QueryError as error:
        if error.line is None or isinstance(error, RefusedQuery):
            raise
        line = error.line - added_lines if error.line > added_lines else error.line
        if source_name:
            raise QueryError(f"{source_name}:{line}:{error.column}: {error.reason}") from None
        raise QueryError(error.reason, line, error.column) from None
    if result.truncated:
        print(f"note: stopped after {args.max_rows} rows (--max-rows)", file=sys.stderr)
    if result.kind == "update":
        after = kg.quad_count()
        context.write(f"Update applied in memory: {before} quads before, {after} after (no file was changed).")
        return EXIT_OK
    if result.kind in ("construct", "describe"):
        rdf_format = {"table": "turtle", "json": "jsonld", "xml": "rdfxml"}.get(context.format, "ntriples")
        write_graph(result, rdf_format, context.out, prefixes=kg.prefixes)
        return EXIT_EMPTY if result.is_empty else EXIT_OK
    if context.format != "table":
        write_results(result, context.format, context.out)
        if context.format == "json" or (context.format in ("csv", "tsv") and result.kind == "ask"):
            context.out.write("\n")
    elif result.kind == "ask":
        context.write("true" if result.boolean else "false")
    else:
        rows = [[_term_text(kg, term) for term in result.row(i)] for i in range(len(result.raw_rows))]
        context.table(result.variables, rows)
        context.write(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return EXIT_EMPTY if result.is_empty else EXIT_OK


# ---------------------------------------------------------------------------- validate

def _validate_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--shapes", metavar="FILE", help="SHACL shapes (Turtle) instead of the bundled ones")


def _run_validate(args: argparse.Namespace, context: Context) -> int:
    from pathlib import Path

    kg = context.graph()
    shapes = Path(args.shapes) if args.shapes else None
    if shapes is not None and not shapes.is_file():
        raise ExplorerError(f"{shapes}: no such shapes file")
    report = kg.validate(shapes)
    if context.format == "json":
        context.write_json({
            "conforms": report.conforms,
            "results": [
                {"severity": v.severity, "focus": v.focus, "path": v.path, "value": v.value,
                 "message": v.message, "shape": v.shape}
                for v in report.violations
            ],
        })
    else:
        context.write(report.summary())
        if report.violations:
            context.table(["Severity", "Focus", "Path", "Message"], [
                [v.severity, _short(kg, v.focus), _short(kg, v.path) if v.path else "", v.message]
                for v in report.violations
            ])
    return EXIT_OK if report.conforms else EXIT_EMPTY


def _short(kg: KnowledgeGraph, iri: str) -> str:
    return iri if iri.startswith("_:") else kg.qname(iri)


# ---------------------------------------------------------------------------- the commands

register("gui", "open the desktop explorer (the default when no command is given)", _run_gui,
         arguments=_gui_arguments)
register("stats", "triples, quads, entities, classes and predicates with counts", _run_stats)
register("search", "find entities by label or alias, best match first", _run_search, arguments=_search_arguments)
register("describe", "labels, classes, properties and links of an entity, with evidence", _run_describe,
         arguments=_describe_arguments)
register("neighbors", "the links around an entity, in words", _run_neighbors, arguments=_neighbors_arguments)
register("path", "paths between two entities as chains in words", _run_path, arguments=_path_arguments,
         description="Paths between two entities, shorter first. Exit status 1 when there is none.")
register("query", "run a SPARQL query (SELECT, ASK, CONSTRUCT, DESCRIBE)", _run_query, arguments=_query_arguments,
         formats=QUERY_FORMATS,
         description="Run SPARQL on the graph. SELECT/ASK answers print as a table or in the W3C results "
                     "formats (csv, tsv, json, xml); CONSTRUCT/DESCRIBE answers print as Turtle (table), "
                     "JSON-LD (json), RDF/XML (xml) or N-Triples (csv, tsv). Exit status 1 for an empty answer.")
register("validate", "check the graph against its SHACL shapes", _run_validate, arguments=_validate_arguments,
         description="SHACL report. Exit status 1 when the graph does not conform.")


def _register_export_commands() -> None:
    from explorer.cli_exports import register_commands  # export, snapshot

    register_commands()


_register_export_commands()


# ---------------------------------------------------------------------------- remote endpoints

def endpoint_arguments(parser: argparse.ArgumentParser) -> None:
    """``--endpoint URL`` and how to reach it, on every command."""
    group = parser.add_argument_group("remote SPARQL endpoint (instead of the bundled graph or --data)")
    group.add_argument("--endpoint", metavar="URL", help="explore the graph of this SPARQL endpoint, e.g. http://host:8890/sparql")
    group.add_argument("--default-graph", metavar="IRI", help="the endpoint's graph to explore (default-graph-uri)")
    group.add_argument("--endpoint-timeout", type=_positive_float, default=30.0, metavar="S",
                       help="seconds to wait for each answer of the endpoint (default 30)")
    group.add_argument("--auth", choices=("basic", "digest", "bearer"), default=None,
                       help="authentication (default: basic with --user, bearer with --token-env)")
    group.add_argument("--user", metavar="NAME", help="user name for basic or digest authentication")
    group.add_argument("--password-env", metavar="VAR",
                       help="environment variable holding the password (default: the system keyring)")
    group.add_argument("--token-env", metavar="VAR", help="environment variable holding a bearer token")
    group.add_argument("--update-endpoint", metavar="URL",
                       help="where SPARQL Update goes (e.g. Virtuoso's /sparql-auth); needs query --allow-update")


def connect_endpoint(args: argparse.Namespace) -> KnowledgeGraph:
    """Connect to ``--endpoint``; the secret comes from an environment variable or the keyring."""
    from explorer.core.graph import KnowledgeGraph

    config = endpoint_config(args)
    return KnowledgeGraph.connect(config.url, default_graph=config.default_graph, timeout=config.timeout,
                                  auth=(config.auth.kind, config.auth.user, config.auth.secret),
                                  allow_update=config.allow_update, update_url=config.update_url)


def endpoint_config(args: argparse.Namespace) -> EndpointConfig:
    """The endpoint options, checked, with the secret from the environment or the keyring."""
    from explorer.services.endpoints import EndpointProfile, load_secret

    kind = args.auth or ("bearer" if args.token_env else "basic" if args.user else "none")
    secret = ""
    for option, variable in (("--password-env", args.password_env), ("--token-env", args.token_env)):
        if variable:
            if variable not in os.environ:
                raise UsageError(f"{option}: the environment variable {variable} is not set")
            secret = os.environ[variable]
    if kind in ("basic", "digest") and not args.user:
        raise UsageError(f"--auth {kind} needs --user")
    profile = EndpointProfile(args.endpoint, args.default_graph or "", args.endpoint_timeout, kind, args.user or "",
                              bool(getattr(args, "allow_update", False)), args.update_endpoint or "")
    if kind != "none" and not secret:
        secret = load_secret(profile) or ""
        if not secret:
            raise UsageError(f"no password or token for {profile.secret_key}: pass --password-env/--token-env, "
                             "or save it once from the desktop app's Connect dialog (system keyring)")
    return profile.config(secret)


# ---------------------------------------------------------------------------- entry points

def build_parser() -> argparse.ArgumentParser:
    from explorer import __version__

    parser = _Parser(
        prog="kg-explorer",
        description="Explore the knowledge graph of the industrial side of 5G: every fact with its source.",
        epilog="Exit status: 0 success, 1 empty answer / no path / SHACL violations, 2 bad usage or input.",
    )
    parser.add_argument("--version", action="version", version=f"kg-explorer {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for command in COMMANDS.values():
        sub = commands.add_parser(command.name, help=command.help, description=command.description or command.help)
        sub.add_argument("--data", action="append", default=[], metavar="FILE",
                         help="RDF file to load instead of the bundled graph (repeatable; any RDF format)")
        sub.add_argument("--format", choices=command.formats, default="table",
                         help=f"output format (default table; one of: {', '.join(command.formats)})")
        endpoint_arguments(sub)
        if command.arguments is not None:
            command.arguments(sub)
        sub.set_defaults(command_spec=command)
    return parser


def _error(message: str) -> None:
    sys.stderr.write("error: " + " ".join(message.split()) + "\n")
    sys.stderr.flush()


def _quiet_library_logs() -> None:
    import logging

    # rdflib and pyshacl log tracebacks for ill-typed literals and the like; the user
    # gets our one-line errors instead.
    for name in ("rdflib", "pyshacl", "owlrl"):
        logging.getLogger(name).setLevel(logging.CRITICAL)


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``kg-explorer`` with ``argv`` (default: the process's arguments); return the exit code."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    if not arguments:
        arguments = ["gui"]
    if arguments == ["--smoke"]:
        # The desktop bundle's self-test (see packaging/README.md): Qt is imported only here.
        from explorer.ui.app.smoke import run_smoke

        return run_smoke()
    _quiet_library_logs()
    stdout = sys.stdout
    if getattr(stdout, "encoding", "utf-8").lower().replace("-", "") != "utf8" and hasattr(stdout, "reconfigure"):
        stdout.reconfigure(encoding="utf-8")
    try:
        try:
            args = build_parser().parse_args(arguments)
        except SystemExit as done:  # --help and --version
            return int(done.code or 0) if not isinstance(done.code, str) else EXIT_USAGE
        command: Command = args.command_spec
        return command.run(args, Context(args))
    except BrokenPipeError:
        # The reader went away (``| head``): stop quietly, like other command-line tools.
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        except (OSError, ValueError):
            pass
        return EXIT_OK
    except ExplorerError as error:
        _error(str(error))
        return EXIT_USAGE
    except OSError as error:
        where = f"{error.filename}: " if getattr(error, "filename", None) else ""
        _error(f"{where}{error.strerror or error}")
        return EXIT_USAGE
    except KeyboardInterrupt:
        _error("interrupted")
        return 130
    except Exception as error:  # a bug: still one line, never a traceback
        _error(f"internal error: {type(error).__name__}: {error}")
        return EXIT_INTERNAL


def gui_main() -> int:
    """Entry point of the ``kg-explorer-gui`` launcher: the files to open are its arguments."""
    return main(["gui", *sys.argv[1:]])


__all__ = ["COMMANDS", "Command", "Context", "UsageError", "build_parser", "gui_main", "main", "register", "render_table"]
