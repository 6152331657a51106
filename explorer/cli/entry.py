"""The entry points: build the parser from the registry, run a command, turn every failure into one line."""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Sequence

from explorer.cli.command import Command, Context, Parser
from explorer.cli.endpoint import endpoint_arguments
from explorer.cli.errors import EXIT_INTERNAL, EXIT_OK, EXIT_USAGE, UsageError
from explorer.cli.output import terminal_safe
from explorer.cli.registry import COMMANDS
from explorer.core.errors import ExplorerError


class _VersionAction(argparse.Action):
    """``--version``: the version is read from the installed metadata only when asked for."""

    def __init__(self, option_strings: Sequence[str], dest: str = argparse.SUPPRESS) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS,
                         help="show program's version number and exit")

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace, values: object,
                 option_string: str | None = None) -> None:
        from explorer import __version__

        parser._print_message(f"kg-explorer {__version__}\n", sys.stdout)
        parser.exit()


def build_parser() -> argparse.ArgumentParser:
    """``kg-explorer`` with a subparser for each registered command."""
    parser = Parser(
        prog="kg-explorer",
        description="Explore the knowledge graph of the industrial side of 5G: every fact with its source.",
        epilog="Exit status: 0 success, 1 empty answer / no path / SHACL violations, 2 bad usage or input.",
    )
    parser.add_argument("--version", action=_VersionAction)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    for command in COMMANDS.values():
        sub = commands.add_parser(command.name, help=command.help, description=command.description or command.help)
        sub.add_argument("--data", action="append", default=[], metavar="FILE",
                         help="RDF file to load instead of the bundled graph (repeatable; any RDF format)")
        sub.add_argument("--edits", action="append", default=[], metavar="FILE.trig",
                         help="an analyst's edits file applied over the graph (repeatable)")
        sub.add_argument("--format", choices=command.formats, default=command.default_format,
                         help=command.format_help or f"output format (default {command.default_format}; "
                                                     f"one of: {', '.join(command.formats)})")
        endpoint_arguments(sub)
        if command.arguments is not None:
            command.arguments(sub)
        sub.set_defaults(command_spec=command)
    return parser


def _error(message: str) -> None:
    sys.stderr.write("error: " + terminal_safe(" ".join(message.split())) + "\n")
    sys.stderr.flush()


def _quiet_library_logs() -> None:
    import logging

    # rdflib and pyshacl log tracebacks for ill-typed literals and the like; the user
    # gets our one-line errors instead.
    for name in ("rdflib", "pyshacl", "owlrl"):
        logging.getLogger(name).setLevel(logging.CRITICAL)


def _exit_without_freeing(code: int) -> None:
    """End the process now that the answer is written, leaving the graph to the system.

    Freeing an in-memory store of a million triples takes about half a second, a tenth of a
    one-shot ``search --data`` on such a file; the operating system takes the memory back at
    once. Only for commands that read the graph and write nothing but stdout and stderr
    (:attr:`Command.leaves_graph_to_exit`), when run as the process (``main()`` without
    arguments), never from a caller that goes on.
    """
    try:
        sys.stdout.flush()
    except BrokenPipeError:  # the reader went away (``| head``): as main() says, not an error
        code = EXIT_OK
    except OSError as error:
        _error(f"writing the answer failed: {error.strerror or error}")
        code = EXIT_USAGE
    with contextlib.suppress(OSError):
        sys.stderr.flush()
    os._exit(code)


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
        if any("\x00" in argument for argument in arguments):
            # execve cannot pass one: only a caller of main() can, and no file name or text holds one.
            raise UsageError("an argument holds a NUL character")
        try:
            args = build_parser().parse_args(arguments)
        except SystemExit as done:  # --help and --version
            return int(done.code or 0) if not isinstance(done.code, str) else EXIT_USAGE
        command: Command = args.command_spec
        context = Context(args, labels_beside_parse=command.labels_beside_parse)
        code = command.run(args, context)
        if argv is None and command.leaves_graph_to_exit and context.holds_graph:
            _exit_without_freeing(code)
        return code
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
