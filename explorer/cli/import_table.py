"""``kg-explorer import TABLE --mapping MAP --to FILE.trig``: a spreadsheet's rows as facts with evidence.

Every row is checked first (subject, classes, links, typed values); refused rows are listed
with their number and reason and, unless ``--skip-refused``, nothing is written (exit 1). The
facts go to the analyst's edits file, each with an evidence record quoting its row.
``--dry-run`` reports what would be added without writing anything.
"""

from __future__ import annotations

import argparse
import sys

from explorer.cli.command import Command, Context
from explorer.cli.editing import EditSession, refused
from explorer.cli.errors import EXIT_EMPTY, EXIT_OK


def _arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("table", metavar="TABLE", help="a .csv, .tsv or .xlsx file whose first row names the columns")
    parser.add_argument("--mapping", required=True, metavar="MAP.json", help="the column mapping (saved by the wizard)")
    parser.add_argument("--to", metavar="FILE.trig", help="the edits file the facts are saved to (applied first if it exists)")
    parser.add_argument("--dry-run", action="store_true", help="check and report; write nothing")
    parser.add_argument("--skip-refused", action="store_true",
                        help="import the good rows even when some are refused (still exit 1, refusals listed)")
    parser.add_argument("--analyst", metavar="NAME", help="who makes the change (default: Preferences' analyst name)")
    parser.add_argument("--allow-update", action="store_true", help="with --endpoint: write to the server")


def _progress_to_terminal(fraction: float | None, message: str) -> None:
    if sys.stderr.isatty():
        sys.stderr.write(f"\r{message[:70]:<70}")
        sys.stderr.flush()


def _run(args: argparse.Namespace, context: Context) -> int:
    from explorer.core.curation import ChangeRefused
    from explorer.services.importing.apply import plan_change
    from explorer.services.importing.mapping import TableMapping
    from explorer.services.importing.tables import context_from_graph, plan_import, read_table

    mapping = TableMapping.load(args.mapping)
    table = read_table(args.table, mapping.sheet)
    kg = context.graph()
    session = None if args.dry_run else EditSession(args, context)
    plan = plan_import(table, mapping, context_from_graph(kg), progress=_progress_to_terminal)
    if sys.stderr.isatty():
        sys.stderr.write("\r" + " " * 70 + "\r")
    refusals = [{"row": p.row, "reason": p.reason} for p in plan.problems]
    good = plan.without_refused_rows()
    write = not args.dry_run and (not plan.problems or args.skip_refused) and good.facts
    added = 0
    if write:
        assert session is not None
        try:
            change = plan_change(kg, good, mapping, session.curator.provenance, session.curator.graph)
        except ChangeRefused as error:
            return refused(context, error)
        session.commit(change)
        added = len(change.added)
    if context.format == "json":
        context.write_json({"rows": plan.rows_read, "facts": len(good.facts), "new_entities": len(good.new_entities),
                            "statements_written": added, "written": bool(write),
                            "file": args.to if write else None, "refused": refusals})
    else:
        verb = "imported" if write else "would import" if not plan.problems or args.dry_run else "nothing imported; would import"
        context.write(f"{plan.rows_read:,} rows: {verb} {len(good.facts):,} facts and {len(good.new_entities):,} new "
                      f"entities{f' ({added:,} statements) to {args.to}' if write else ''}")
        for problem in plan.problems:
            context.write(f"  refused: {problem}")
    return EXIT_EMPTY if plan.problems else EXIT_OK


def command() -> Command:
    return Command("import", "facts from a spreadsheet (CSV, TSV, XLSX) through a column mapping, with evidence",
                   _run, arguments=_arguments)
