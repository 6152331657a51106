"""``kg-explorer fact add|retract``: a fact with its evidence, or its retraction, into an edits file."""

from __future__ import annotations

import argparse

from explorer.cli.command import Command, Context
from explorer.cli.editing import EditSession, counts, edit_arguments, evidence_from, refused

ADD_USAGE = ("kg-explorer fact add SUBJECT PREDICATE OBJECT (--quote TEXT --source SOURCE [--sentence N] | "
             "--background REASON) --to FILE.trig")
RETRACT_USAGE = "kg-explorer fact retract SUBJECT PREDICATE OBJECT (--background REASON | --quote … --source …) --to FILE.trig"


def _arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("action", choices=("add", "retract"), help="add or retract SUBJECT PREDICATE OBJECT")
    parser.add_argument("terms", nargs="+", metavar="TERM",
                        help="SUBJECT PREDICATE OBJECT: entities by IRI, prefixed name or label; the predicate by "
                             "IRI, prefixed name or label (\"member of\"); a value for a datatype property")
    parser.add_argument("--lang", metavar="TAG", help="language of a text value (default en)")
    edit_arguments(parser, evidence_required=True)


def _run(args: argparse.Namespace, context: Context) -> int:
    from explorer.core.curation import ChangeRefused, Value

    counts(args, 3, ADD_USAGE if args.action == "add" else RETRACT_USAGE)
    subject, predicate, obj = args.terms
    evidence = evidence_from(args)
    session = EditSession(args, context)
    curator = session.curator
    info = curator.schema.resolve_predicate(curator.kg.expand(predicate) or predicate)
    value = Value(text=obj, language=args.lang) if info.is_literal else Value(entity=obj)
    try:
        if args.action == "add":
            change = curator.add_fact(subject, predicate, value, evidence=evidence)
        else:
            fact, _info = curator.fact_terms(subject, predicate, value)
            change = curator.retract_fact(fact, reason=evidence)
    except ChangeRefused as error:
        return refused(context, error)
    session.commit(change)
    return session.report(change)


def command() -> Command:
    return Command("fact", "add or retract a fact, with its evidence, in an edits file", _run, arguments=_arguments,
                   description=f"{ADD_USAGE}\n{RETRACT_USAGE}\nThe change is checked by the SHACL shapes first. "
                               "Exit status 1 when they refuse it (the violations printed), 2 for bad input.")
