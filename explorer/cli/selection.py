"""What ``export`` and ``snapshot save`` draw: ``--focus ENTITY [--hops N]``, ``--query @FILE`` or
``--snapshot FILE``, as a subgraph and a laid-out scene."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from explorer.cli.arguments import hops, missing_prefixes, positive_float, positive_int, read_query
from explorer.core.errors import ExplorerError

if TYPE_CHECKING:
    from explorer.cli.command import Context
    from explorer.core.graph import KnowledgeGraph
    from explorer.core.scene import Scene
    from explorer.services.subgraph import Subgraph

LAYOUTS = ("force", "hierarchical", "radial")


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
    parser.add_argument("--layout", choices=LAYOUTS, default="force",
                        help="how to lay out a --focus or --query selection (default force)")
    parser.add_argument("--timeout", type=positive_float, default=30.0, metavar="S", help="seconds a --query may run (default 30)")


def select(args: argparse.Namespace, context: Context) -> tuple[KnowledgeGraph, Subgraph, Scene]:
    """The graph, subgraph and scene the options ask for."""
    from explorer.services import subgraph as subgraphs

    chosen = [name for name in ("focus", "query", "snapshot") if getattr(args, name, None)]
    if len(chosen) != 1:
        options = "--focus ENTITY, --query @FILE or --snapshot FILE" if hasattr(args, "snapshot") else "--focus ENTITY or --query @FILE"
        raise SelectionError(f"choose what to export: one of {options}" if not chosen else
                         f"{' and '.join('--' + c for c in chosen)} cannot be combined: choose one")
    if getattr(args, "snapshot", None):
        from explorer.services.snapshots import open_snapshot

        snapshot = open_snapshot(args.snapshot)
        kg = snapshot.graph()
        scene = snapshot.scene()
        return kg, subgraphs.from_scene(kg, scene), scene
    kg = context.graph()
    if args.focus:
        subgraph = subgraphs.from_focus(kg, context.resolve(args.focus), args.hops, max_entities=args.max_entities)
    else:
        sparql, _ = read_query(args.query)
        subgraph = subgraphs.from_query(kg, missing_prefixes(kg, sparql) + sparql, max_entities=args.max_entities,
                                        timeout=args.timeout)
        subgraph.query = sparql
    return kg, subgraph, subgraphs.to_scene(kg, subgraph, layout=args.layout)


def default_title(args: argparse.Namespace, kg: KnowledgeGraph, subgraph: Subgraph) -> str:
    if getattr(args, "title", None):
        return str(args.title)
    if subgraph.focus:
        hops = subgraph.hops or 0
        return f"{kg.label(subgraph.focus)}: {hops} hop{'s' if hops != 1 else ''} around"
    return "Query result" if subgraph.query else "Knowledge graph"


def note_truncation(context: Context, subgraph: Subgraph, args: argparse.Namespace) -> None:
    if subgraph.truncated:
        import sys

        sys.stderr.write(f"note: the selection stopped at {len(subgraph.entities)} entities "
                         f"(--max-entities {args.max_entities}); the export shows that part\n")


