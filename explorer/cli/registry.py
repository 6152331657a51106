"""The one list of commands: every ``kg-explorer`` subcommand is a module named here.

A new command is a new module with a ``command()`` function returning its
:class:`~explorer.cli.command.Command`, plus one line in :data:`COMMAND_MODULES`.
"""

from __future__ import annotations

from types import ModuleType

import explorer.cli.analyze as analyze
import explorer.cli.describe as describe
import explorer.cli.entity as entity
import explorer.cli.export as export
import explorer.cli.fact as fact
import explorer.cli.gui as gui
import explorer.cli.import_table as import_table
import explorer.cli.neighbors as neighbors
import explorer.cli.path as path
import explorer.cli.query as query
import explorer.cli.risk as risk
import explorer.cli.search as search
import explorer.cli.snapshot as snapshot
import explorer.cli.stats as stats
import explorer.cli.suggest as suggest
import explorer.cli.validate as validate
from explorer.cli.command import Command

# In the order ``kg-explorer --help`` lists them.
COMMAND_MODULES: tuple[ModuleType, ...] = (
    gui,
    stats,
    search,
    describe,
    neighbors,
    path,
    analyze,
    risk,
    query,
    validate,
    export,
    snapshot,
    entity,
    fact,
    suggest,
    import_table,
)


def _collect(modules: tuple[ModuleType, ...]) -> dict[str, Command]:
    commands: dict[str, Command] = {}
    for module in modules:
        command: Command = module.command()
        if command.name in commands:
            raise RuntimeError(f"two commands are named {command.name}: {module.__name__} and another module")
        commands[command.name] = command
    return commands


COMMANDS: dict[str, Command] = _collect(COMMAND_MODULES)
