"""The ``kg-explorer`` command line: one module per command, registered in one place.

Every command takes ``--data FILE`` (repeatable; replaces the bundled graph), ``--format`` and
the ``--endpoint`` options. Exit codes: 0 success; 1 an empty answer, no path, or SHACL
violations; 2 bad usage or bad input, with exactly one line ``error: …`` on stderr.

Where things are:

- :mod:`explorer.cli.entry` — ``main`` and ``gui_main`` (the console scripts), the parser, errors → one line;
- :mod:`explorer.cli.registry` — :data:`COMMAND_MODULES`, the one list of commands;
- :mod:`explorer.cli.command` — :class:`Command` and the :class:`Context` a command runs in (graph, output);
- :mod:`explorer.cli.output` — tables that fit the terminal, the JSON shapes commands share;
- :mod:`explorer.cli.arguments`, :mod:`explorer.cli.endpoint`, :mod:`explorer.cli.selection` — shared options;
- one module per command: ``gui``, ``stats``, ``search``, ``describe``, ``neighbors``, ``path``, ``query``,
  ``validate``, ``export``, ``snapshot``.

To add a command ``frob``:

1. write ``explorer/cli/frob.py`` with ``_arguments(parser)`` (its own arguments, if any),
   ``_run(args, context) -> int`` (the exit code; raise an :class:`~explorer.core.errors.ExplorerError`
   for bad input, it becomes one ``error:`` line and exit 2) and
   ``def command() -> Command: return Command("frob", "one-line help", _run, arguments=_arguments)``;
2. add ``frob`` to :data:`explorer.cli.registry.COMMAND_MODULES` (one line);
3. test it through ``explorer.cli.main(["frob", …])`` in ``tests/cli``.

Command modules import from the submodules (``explorer.cli.command`` …), never from this package,
so that no import cycle can form.
"""

from __future__ import annotations

from explorer.cli.command import Command, Context
from explorer.cli.entry import build_parser, gui_main, main
from explorer.cli.errors import UsageError
from explorer.cli.output import display_width, render_table
from explorer.cli.registry import COMMAND_MODULES, COMMANDS

__all__ = ["COMMANDS", "COMMAND_MODULES", "Command", "Context", "UsageError", "build_parser", "display_width",
           "gui_main", "main", "render_table"]
