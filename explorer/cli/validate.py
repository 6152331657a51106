"""``kg-explorer validate``: the SHACL report of the graph (exit status 1 when it does not conform)."""

from __future__ import annotations

import argparse

from explorer.cli.arguments import check_input_file
from explorer.cli.command import Command, Context
from explorer.cli.errors import EXIT_EMPTY, EXIT_OK
from explorer.cli.output import short_name
from explorer.core.errors import ExplorerError


def _arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--shapes", metavar="FILE", help="SHACL shapes (Turtle) instead of the bundled ones")


def _run(args: argparse.Namespace, context: Context) -> int:
    from pathlib import Path

    kg = context.graph()
    shapes = Path(args.shapes) if args.shapes else None
    if shapes is not None:
        check_input_file(args.shapes, "shapes file")
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
                [v.severity, short_name(kg, v.focus), short_name(kg, v.path) if v.path else "", v.message]
                for v in report.violations
            ])
    return EXIT_OK if report.conforms else EXIT_EMPTY


def command() -> Command:
    return Command("validate", "check the graph against its SHACL shapes", _run, arguments=_arguments,
                   description="SHACL report. Exit status 1 when the graph does not conform.")
