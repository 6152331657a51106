"""What every command is made of: its :class:`Command` record, the :class:`Context` it runs in, exit codes.

A command module builds one :class:`Command` (name, help, the function that adds its arguments to
its subparser, the function that runs it); :mod:`explorer.cli.registry` lists the modules.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NoReturn, TextIO

from explorer.cli.arguments import check_input_file
from explorer.cli.endpoint import connect_endpoint
from explorer.cli.errors import EXIT_EMPTY, EXIT_INTERNAL, EXIT_OK, EXIT_USAGE, UsageError
from explorer.cli.output import json_text, render_table, terminal_safe, terminal_width
from explorer.cli.progress import load_progress
from explorer.core.errors import AmbiguousEntity, EntityNotFound

if TYPE_CHECKING:
    from explorer.core.graph import KnowledgeGraph

TABLE_JSON = ("table", "json")

__all__ = ["EXIT_EMPTY", "EXIT_INTERNAL", "EXIT_OK", "EXIT_USAGE", "TABLE_JSON", "Command", "Context", "Parser", "UsageError"]


class Parser(argparse.ArgumentParser):
    """argparse that raises instead of printing usage and exiting: errors stay one line."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{self.prog}: {message} (see --help)")


Run = Callable[[argparse.Namespace, "Context"], int]


@dataclass(frozen=True)
class Command:
    """One subcommand: its name, one-line help, arguments and what it does.

    ``arguments(parser)`` adds the command's own arguments to its subparser (``--data``,
    ``--format`` and the endpoint options are added to every command); ``run(args, context)``
    returns the exit code. ``formats`` are the choices of ``--format``, ``default_format`` its
    default (``None``: the command decides, and ``format_help`` says how).
    """

    name: str
    help: str
    run: Run
    arguments: Callable[[argparse.ArgumentParser], None] | None = None
    formats: tuple[str, ...] = TABLE_JSON
    description: str | None = None
    default_format: str | None = "table"
    format_help: str | None = None  # instead of "output format (default …; one of: …)"
    #: The command only reads the graph and writes to stdout/stderr: run as the process itself, it
    #: ends without freeing the graph (half a second per million triples of nothing to see).
    leaves_graph_to_exit: bool = False
    #: The command answers from search and names alone, never from the order of an entity's
    #: labels (which only the store's own reading gives): a single ``--data`` file's labels are
    #: read by a second parser, on another processor core, while the store parses it.
    labels_beside_parse: bool = False


@dataclass
class Context:
    """What a running command needs: the graph (loaded on first use) and where to write."""

    args: argparse.Namespace
    out: TextIO = field(default_factory=lambda: sys.stdout)
    labels_beside_parse: bool = False  # see Command.labels_beside_parse
    _graph: KnowledgeGraph | None = None

    @property
    def format(self) -> str:
        return str(getattr(self.args, "format", "table"))

    @property
    def holds_graph(self) -> bool:
        """Whether a graph was loaded or opened for this command."""
        return self._graph is not None

    def graph(self) -> KnowledgeGraph:
        """The bundled graph, or the ``--data`` files instead of it."""
        if self._graph is None:
            from explorer.core.graph import KnowledgeGraph

            files = getattr(self.args, "data", None) or []
            if getattr(self.args, "endpoint", None) is not None:
                if files:
                    raise UsageError("--data and --endpoint cannot be combined: the endpoint's graph is used as it is")
                graph = connect_endpoint(self.args)
            elif files:
                for name in files:
                    check_input_file(name, "data file")
                graph = KnowledgeGraph()
                with load_progress() as progress:  # on a terminal only: never in pipes or JSON output
                    graph.load(files, progress=progress, labels_beside_parse=self.labels_beside_parse)
            else:
                graph = KnowledgeGraph.bundled()
            for edits in getattr(self.args, "edits", None) or []:
                from explorer.services.edits import EditsFile

                EditsFile.open(graph, edits)
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
        from explorer.core.backends import entity_node

        if any(True for _ in kg.triples(None, entity_node(iri), None)):
            return True
        return any(t.endswith(("#ObjectProperty", "#DatatypeProperty", "#Property", "#AnnotationProperty"))
                   for t in kg.types(iri))

    def write(self, text: str = "") -> None:
        """One line for the terminal: control characters in it are shown escaped, never sent raw."""
        self.out.write(terminal_safe(text) + "\n")

    def write_json(self, value: Any) -> None:
        self.out.write(json_text(value) + "\n")

    def table(self, headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
        self.out.write(render_table(headers, rows, terminal_width(self.out)))
