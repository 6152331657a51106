"""``kg-explorer query QUERY|@FILE``: SPARQL on the graph, answers as a table or in the W3C formats."""

from __future__ import annotations

import argparse
import sys

from explorer.cli.arguments import missing_prefixes, positive_int, read_query, seconds
from explorer.cli.command import Command, Context
from explorer.cli.errors import EXIT_EMPTY, EXIT_OK, UsageError
from explorer.cli.output import escaped_syntax_stream, term_text
from explorer.core.errors import QueryError
from explorer.core.sparql import DEFAULT_QUERY_MEMORY_MB

QUERY_FORMATS = ("table", "csv", "tsv", "json", "xml")

def _arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("query", metavar="QUERY|@FILE", help="SPARQL text, or @FILE to read it from a file (@- for stdin)")
    parser.add_argument("--timeout", type=seconds, default=30.0, metavar="S", help="seconds before giving up (default 30)")
    parser.add_argument("--max-memory", type=positive_int, default=DEFAULT_QUERY_MEMORY_MB, metavar="MB",
                        help=f"stop a query that needs more than MB megabytes (default {DEFAULT_QUERY_MEMORY_MB})")
    parser.add_argument("--max-rows", type=positive_int, default=None, metavar="N", help="stop after N rows")
    parser.add_argument("--allow-update", action="store_true",
                        help="allow SPARQL Update (changes the graph in memory only; files are not written)")
    parser.add_argument("--allow-network", action="store_true", help="allow SERVICE (federated queries reach the network)")


def _run(args: argparse.Namespace, context: Context) -> int:
    from explorer.core.errors import NetworkRefused, RefusedQuery
    from explorer.core.sparql import QueryPolicy
    from explorer.services.result_formats import write_graph, write_results

    sparql, source_name = read_query(args.query)
    if not sparql.strip():
        raise UsageError("query: the query is empty")
    policy = QueryPolicy(allow_update=args.allow_update, allow_network=args.allow_network)
    try:
        kind = policy.check(sparql)  # refused before any data is loaded or any connection is made
    except NetworkRefused as error:
        reached = error.reason.split(" reaches the network")[0]
        raise NetworkRefused(f"{reached} reaches the network and is refused: pass --allow-network "
                             "to allow it") from None
    except RefusedQuery:
        raise RefusedQuery("SPARQL Update is refused: pass --allow-update to change the graph (in memory only)") from None
    kg = context.graph()
    # Prefixed names the graph knows (d:, kg:, rdfs: …) work without PREFIX lines of their own.
    prelude = missing_prefixes(kg, sparql) if kind != "update" or args.allow_update else ""
    added_lines = prelude.count("\n")
    try:
        before = kg.quad_count()
        result = kg.query(prelude + sparql, timeout=args.timeout, policy=policy, max_rows=args.max_rows,
                          memory_mb=args.max_memory)
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
        # Turtle, N-Triples and JSON-LD escape control characters as \u (same data); RDF/XML stays as it is.
        out = context.out if rdf_format == "rdfxml" else escaped_syntax_stream(context.out)
        write_graph(result, rdf_format, out, prefixes=kg.prefixes)
        return EXIT_EMPTY if result.is_empty else EXIT_OK
    if context.format != "table":
        # JSON escapes control characters (same answer); CSV, TSV and XML stay byte-faithful for files.
        out = escaped_syntax_stream(context.out) if context.format == "json" else context.out
        write_results(result, context.format, out)
        if context.format == "json" or (context.format in ("csv", "tsv") and result.kind == "ask"):
            context.out.write("\n")
    elif result.kind == "ask":
        context.write("true" if result.boolean else "false")
    else:
        rows = [[term_text(kg, term) for term in result.row(i)] for i in range(len(result.raw_rows))]
        context.table(result.variables, rows)
        context.write(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return EXIT_EMPTY if result.is_empty else EXIT_OK


def command() -> Command:
    return Command("query", "run a SPARQL query (SELECT, ASK, CONSTRUCT, DESCRIBE)", _run, arguments=_arguments,
                   formats=QUERY_FORMATS,
                   description="Run SPARQL on the graph. SELECT/ASK answers print as a table or in the W3C results "
                               "formats (csv, tsv, json, xml); CONSTRUCT/DESCRIBE answers print as Turtle (table), "
                               "JSON-LD (json), RDF/XML (xml) or N-Triples (csv, tsv). Exit status 1 for an empty answer.")
