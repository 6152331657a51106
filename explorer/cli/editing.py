"""What ``kg-explorer entity`` and ``kg-explorer fact`` share: the edits file, evidence options, the analyst.

A curation command opens the graph (bundled, ``--data`` or ``--endpoint``), applies the edits
file named by ``--to`` when it exists, builds the change (checked by SHACL on the nodes it
touches), applies it and saves the edits file atomically. A refused change writes nothing and
exits 1 with each violation on its own line; bad input exits 2 with one ``error:`` line.
"""

from __future__ import annotations

import argparse
import getpass
import os
from pathlib import Path
from typing import TYPE_CHECKING

from explorer.cli.command import Context
from explorer.cli.errors import EXIT_EMPTY, EXIT_OK, UsageError

if TYPE_CHECKING:
    from explorer.core.changes import ChangeSet
    from explorer.core.curation import ChangeRefused, Curator, EvidenceSpec
    from explorer.services.edits import EditsFile


def edit_arguments(parser: argparse.ArgumentParser, *, evidence_required: bool) -> None:
    """``--to``, ``--analyst`` and the evidence options (a quote from a source, or background)."""
    parser.add_argument("--to", metavar="FILE.trig", help="the edits file (TriG) the change is saved to; "
                        "it is applied first when it exists. Optional with --endpoint")
    parser.add_argument("--allow-update", action="store_true",
                        help="with --endpoint: write the change to the server (SPARQL Update into the analyst's graph)")
    parser.add_argument("--analyst", metavar="NAME",
                        help="who makes the change (default: Preferences' analyst name, else the login name)")
    evidence = parser.add_argument_group("evidence" + ("" if evidence_required else " (optional)"))
    evidence.add_argument("--quote", metavar="TEXT", help="the source's words, verbatim")
    evidence.add_argument("--source", metavar="SOURCE",
                          help="a source in the graph (IRI, prefixed name or label), or a new one's title with --new-source")
    evidence.add_argument("--new-source", action="store_true", help="--source is the title of a new source")
    evidence.add_argument("--source-kind", default="Report", metavar="CLASS",
                          help="class of a new source: Report, NewsArticle, Statement, Source (default Report)")
    evidence.add_argument("--source-date", metavar="DATE", help="a new source's date: YYYY-MM-DD, YYYY-MM or YYYY")
    evidence.add_argument("--source-publisher", metavar="NAME", help="a new source's publisher")
    evidence.add_argument("--source-url", metavar="URL", help="a new source's URL")
    evidence.add_argument("--source-file", metavar="FILE", help="a new source's text file: the quote is checked in it")
    evidence.add_argument("--sentence", type=int, metavar="N", help="the sentence (line) of the source holding the quote")
    evidence.add_argument("--page", type=int, metavar="N", help="the page of the source holding the quote")
    evidence.add_argument("--background", metavar="REASON", help="background knowledge: why it may be assumed")


def evidence_from(args: argparse.Namespace, *, default: str | None = None) -> EvidenceSpec:
    """The evidence the options describe; exactly one of --quote/--source and --background."""
    from explorer.core.curation import Background, NewSource, Quoted
    from explorer.core.curation.schema import OntologySchema

    quoted = args.quote is not None or args.source is not None
    if quoted and args.background is not None:
        raise UsageError("give either --quote with --source, or --background, not both")
    if args.background is not None:
        return Background(args.background)
    if not quoted:
        if default is not None:
            return Background(default)
        raise UsageError("evidence is needed: --quote TEXT --source SOURCE [--sentence N], or --background REASON")
    if args.quote is None or args.source is None:
        raise UsageError("a quote needs its source: give both --quote and --source")
    source: str | NewSource = args.source
    if args.new_source:
        kind = OntologySchema.bundled().resolve_class(args.source_kind)
        source = NewSource(args.source, kind=kind, publisher=args.source_publisher, date=args.source_date,
                           url=args.source_url, file=args.source_file)
    elif any((args.source_date, args.source_publisher, args.source_url, args.source_file)):
        raise UsageError("--source-date, --source-publisher, --source-url and --source-file describe a --new-source")
    return Quoted(source, args.quote, sentence=args.sentence, page=args.page)


def analyst_name(args: argparse.Namespace) -> str:
    if args.analyst:
        return str(args.analyst)
    from explorer.services.settings import load_settings

    settings, _warning = load_settings()
    if settings.analyst_name.strip():
        return settings.analyst_name.strip()
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return os.environ.get("USER", "analyst")


class EditSession:
    """The graph with the edits file applied, a curator for the analyst, and saving."""

    def __init__(self, args: argparse.Namespace, context: Context) -> None:
        from explorer.core.curation import Curator, Provenance, edits_graph_for
        from explorer.services.edits import EditsFile, read_edits

        self.context = context
        self.target = Path(args.to) if args.to else None
        if self.target is None and not getattr(args, "endpoint", None):
            raise UsageError("--to FILE.trig is needed: the edits file the change is saved to")
        if self.target is not None and self.target.suffix.lower() != ".trig":
            raise UsageError(f"--to {self.target}: the edits file is TriG (FILE.trig)")
        if getattr(args, "endpoint", None) and not args.allow_update:
            raise UsageError("--endpoint: pass --allow-update to write the change to the server")
        kg = context.graph()
        analyst = analyst_name(args)
        if self.target is not None and self.target.exists():
            graph = read_edits(self.target).graph
            self.edits: EditsFile = EditsFile.open(kg, self.target)
        else:
            graph = edits_graph_for(analyst)
            self.edits = EditsFile(kg, graph, self.target)
        self.curator: Curator = Curator(kg, Provenance(analyst), graph=graph)

    def commit(self, change: ChangeSet) -> None:
        from explorer.core.curation import CurationCommand

        CurationCommand(self.curator.kg, change, self.edits.record).redo()
        if self.target is not None:
            self.edits.save(self.target)

    def report(self, change: ChangeSet, **extra: object) -> int:
        where = f" to {self.target}" if self.target is not None else " on the endpoint"
        if self.context.format == "json":
            self.context.write_json({"change": change.description, "added": len(change.added),
                                     "removed": len(change.removed), "file": str(self.target) if self.target else None,
                                     **extra})
        else:
            self.context.write(f"{change.description}{where}: {change.summary()}")
        return EXIT_OK


def refused(context: Context, error: ChangeRefused) -> int:
    """Exit 1 with the violations, one a line (nothing was written)."""
    if context.format == "json":
        context.write_json({"refused": True, "violations": [
            {"focus": v.focus, "message": v.message, "path": v.path, "value": v.value} for v in error.violations]})
    else:
        context.write("refused by the SHACL shapes; nothing was written:")
        for violation in error.violations:
            context.write("  " + violation.describe())
    return EXIT_EMPTY


def counts(args: argparse.Namespace, count: int, usage: str) -> None:
    if len(args.terms) != count:
        raise UsageError(f"usage: {usage}")
