"""What ``export`` and ``snapshot save`` draw: ``--focus ENTITY [--hops N]``, ``--query @FILE`` or
``--snapshot FILE``, as a subgraph and a laid-out scene."""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from typing import TYPE_CHECKING

from explorer.cli.arguments import check_input_file, hops, missing_prefixes, positive_int, read_query, seconds
from explorer.cli.output import terminal_safe
from explorer.core.errors import ExplorerError
from explorer.core.layout_registry import LAYOUT_NAMES

if TYPE_CHECKING:
    from explorer.cli.command import Context
    from explorer.core.graph import KnowledgeGraph
    from explorer.core.scene import Scene
    from explorer.services.subgraph import Subgraph

LAYOUTS = LAYOUT_NAMES  # the one layout registry


class SelectionError(ExplorerError):
    """The command line does not say what to export (or says two things at once)."""


def selection_arguments(parser: argparse.ArgumentParser, *, with_snapshot: bool) -> None:
    group = parser.add_argument_group("what to export (one of)")
    group.add_argument("--focus", metavar="ENTITY", help="an entity (IRI, prefixed name or label) and what is around it")
    group.add_argument("--hops", type=hops, default=1, metavar="N", help="how many links out from --focus (default 1, at most 6)")
    group.add_argument("--query", metavar="QUERY|@FILE",
                       help="a SELECT (its entities and the facts between them) or CONSTRUCT query; @FILE reads it from a file")
    if with_snapshot:
        group.add_argument("--snapshot", metavar="FILE", help="a saved snapshot (.kgsnap): its canvas, as it was saved")
    parser.add_argument("--max-entities", type=positive_int, default=500, metavar="N",
                        help="stop the selection at N entities (default 500)")
    parser.add_argument("--per-entity", type=positive_int, default=None, metavar="N",
                        help="take at most N new neighbours from any one entity of a --focus selection (default 60)")
    parser.add_argument("--layout", choices=LAYOUTS, default="force",
                        help="how to lay out a --focus or --query selection (default force)")
    parser.add_argument("--timeout", type=seconds, default=30.0, metavar="S", help="seconds a --query may run (default 30)")


@dataclass
class Selection:
    """What the options chose: the graph, the subgraph, its laid-out scene, and a title for it."""

    kg: KnowledgeGraph
    subgraph: Subgraph
    scene: Scene
    title: str


def select(args: argparse.Namespace, context: Context) -> Selection:
    """The graph, subgraph and scene the options ask for, titled by ``--title`` or after what was chosen."""
    from explorer.services import subgraph as subgraphs

    chosen = [name for name in ("focus", "query", "snapshot") if getattr(args, name, None)]
    if len(chosen) != 1:
        options = "--focus ENTITY, --query @FILE or --snapshot FILE" if hasattr(args, "snapshot") else "--focus ENTITY or --query @FILE"
        raise SelectionError(f"choose what to export: one of {options}" if not chosen else
                             f"{' and '.join('--' + c for c in chosen)} cannot be combined: choose one")
    given_title = str(args.title) if getattr(args, "title", None) else None
    if getattr(args, "snapshot", None):
        from explorer.services.snapshots import open_snapshot

        check_input_file(args.snapshot, "snapshot file")
        snapshot = open_snapshot(args.snapshot)
        kg = snapshot.graph()
        scene = snapshot.scene()
        return Selection(kg, subgraphs.from_scene(kg, scene), scene, given_title or snapshot.title or "Snapshot")
    kg = context.graph()
    if args.focus:
        per_entity = args.per_entity or subgraphs.DEFAULT_PER_ENTITY
        subgraph = subgraphs.from_focus(kg, context.resolve(args.focus), args.hops, max_entities=args.max_entities,
                                        per_entity=per_entity)
        hops = subgraph.hops or 0
        title = f"{kg.label(subgraph.focus or '')}: {hops} hop{'s' if hops != 1 else ''} around"
    else:
        sparql, _ = read_query(args.query)
        subgraph = subgraphs.from_query(kg, missing_prefixes(kg, sparql) + sparql, max_entities=args.max_entities,
                                        timeout=args.timeout)
        subgraph.query = sparql
        title = "Query result"
    return Selection(kg, subgraph, subgraphs.to_scene(kg, subgraph, layout=args.layout), given_title or title)


def truncation_note(selection: Selection, args: argparse.Namespace) -> str | None:
    """Why the selection is only a part of what was asked for, naming the cap that stopped it."""
    from explorer.services.subgraph import DEFAULT_PER_ENTITY

    subgraph = selection.subgraph
    if not subgraph.truncated:
        return None
    if len(subgraph.entities) >= args.max_entities:
        return (f"the selection stopped at {len(subgraph.entities)} entities (--max-entities {args.max_entities}); "
                "the export shows that part")
    if subgraph.focus is not None:
        per_entity = args.per_entity or DEFAULT_PER_ENTITY
        return (f"at most {per_entity} new neighbours were taken from any one entity (--per-entity {per_entity}); "
                "the export leaves out the others")
    return "the query's answer was cut short at its row limit; the export shows the entities of the rows it has"


def note_truncation(selection: Selection, args: argparse.Namespace) -> None:
    note = truncation_note(selection, args)
    if note is not None:
        sys.stderr.write(f"note: {terminal_safe(note)}\n")
