"""``kg-explorer entity add|merge``: add an entity of an ontology class, or merge two that are the same."""

from __future__ import annotations

import argparse

from explorer.cli.command import Command, Context
from explorer.cli.editing import EditSession, counts, edit_arguments, evidence_from, refused

ADD_USAGE = "kg-explorer entity add LABEL --class CLASS [--label-zh TEXT] [--alias TEXT] --to FILE.trig"
MERGE_USAGE = "kg-explorer entity merge KEEP OTHER --to FILE.trig"


def _arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("action", choices=("add", "merge"), help="add LABEL, or merge KEEP OTHER")
    parser.add_argument("terms", nargs="+", metavar="NAME", help="LABEL (add) or KEEP OTHER (merge)")
    parser.add_argument("--class", dest="class_name", metavar="CLASS",
                        help="the entity's class: IRI, kg:Name, name or label (e.g. \"telecom operator\")")
    parser.add_argument("--label-zh", metavar="TEXT", help="the Chinese label")
    parser.add_argument("--alias", action="append", default=[], metavar="TEXT", help="another name (repeatable)")
    parser.add_argument("--comment", metavar="TEXT", help="a description")
    edit_arguments(parser, evidence_required=False)


def _run(args: argparse.Namespace, context: Context) -> int:
    from explorer.cli.errors import UsageError
    from explorer.core.curation import ChangeRefused

    if args.action == "add":
        counts(args, 1, ADD_USAGE)
        if not args.class_name:
            raise UsageError(f"--class is needed: {ADD_USAGE}")
    else:
        counts(args, 2, MERGE_USAGE)
    session = EditSession(args, context)
    try:
        if args.action == "add":
            default = f"the analyst's classification of {args.terms[0]}; no source given"
            iri, change = session.curator.add_entity(
                args.terms[0], args.class_name, evidence=evidence_from(args, default=default),
                label_zh=args.label_zh, aliases=args.alias, comment=args.comment)
            session.commit(change)
            return session.report(change, entity=str(iri))
        keep, other = args.terms
        evidence = evidence_from(args, default=f"{other} and {keep} are the same") \
            if (args.quote or args.source or args.background) else None
        change = session.curator.merge_entities(keep, other, reason=evidence)
    except ChangeRefused as error:
        return refused(context, error)
    session.commit(change)
    return session.report(change)


def command() -> Command:
    return Command("entity", "add an entity, or merge two entities, into an edits file", _run, arguments=_arguments,
                   description=f"{ADD_USAGE}\n{MERGE_USAGE}\nThe change is checked by the SHACL shapes first. "
                               "Exit status 1 when they refuse it (the violations printed), 2 for bad input.")
