"""``kg-explorer gui [FILE …]``: open the desktop explorer (the default when no command is given)."""

from __future__ import annotations

import argparse

from explorer.cli.arguments import check_input_file
from explorer.cli.command import Command, Context
from explorer.cli.endpoint import endpoint_config
from explorer.cli.errors import UsageError
from explorer.core.errors import ExplorerError


def _arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", nargs="*", metavar="FILE", help="RDF files to open instead of the bundled graph")


def _run(args: argparse.Namespace, context: Context) -> int:
    try:
        from explorer.ui.app.application import main as app_main
    except ImportError as error:
        raise ExplorerError(f"the desktop app cannot start: {error}") from None
    files = [*(args.data or []), *args.files]
    for name in files:
        check_input_file(name, "data file")
    if args.endpoint is not None:
        if files:
            raise UsageError("--data and --endpoint cannot be combined: the endpoint's graph is used as it is")
        # The window connects in a worker and reports a down or refusing server itself.
        return int(app_main(None, endpoint=endpoint_config(args)) or 0)
    return int(app_main(files or None) or 0)


def command() -> Command:
    return Command("gui", "open the desktop explorer (the default when no command is given)", _run, arguments=_arguments)
