"""``kg-explorer suggest ARTICLE``: facts an article states, each with its sentence and pattern.

Read against the graph (``--data`` files or the bundled graph): known entities are matched by
label and alias, new ones are named with the class their cue gives (a carrier's new branch by the graph's
label for it, "China Mobile Qinghai", with the text's "China Mobile's Qinghai branch" in ``aliases``) and the class it
is created with when the suggestions shown are accepted together: the one all its facts allow. Trigger words come from the
ontology's ``kg:lexicalPattern`` annotations (and the bundled ``ontology/lexicon.ttl``). The bundled
trained relation model adds the facts no pattern fired for (pattern "[model] …") unless
``--rules-only`` is given or Preferences turn it off.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from explorer.cli.arguments import positive_int
from explorer.cli.command import Command, Context
from explorer.cli.editing import EditSession, refused
from explorer.cli.errors import EXIT_EMPTY, EXIT_OK, UsageError
from explorer.cli.output import terminal_safe

if TYPE_CHECKING:
    from explorer.core.extraction.spans import Mention


def _arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("article", metavar="ARTICLE", help="a .txt, .md, .html or .pdf file")
    parser.add_argument("--min-confidence", type=float, default=0.3, metavar="X",
                        help="leave out suggestions below this confidence, 0 to 1 (default 0.3)")
    parser.add_argument("--limit", type=positive_int, default=None, metavar="N", help="most suggestions shown")
    parser.add_argument("--ner", metavar="MODEL", default=None,
                        help="an installed spaCy pipeline (e.g. en_core_web_sm) whose entities add name candidates, "
                             "marked [NER] (default: Preferences' NER pipeline; none needed)")
    parser.add_argument("--rules-only", action="store_true",
                        help="suggest from the ontology's patterns alone, without the bundled model "
                             "(default: as Preferences say; the model's facts are marked [model])")
    accept = parser.add_argument_group("accepting")
    accept.add_argument("--accept-all", action="store_true",
                        help="add every suggestion shown to the edits file (--to), each quoting its sentence")
    accept.add_argument("--to", metavar="FILE.trig", help="the edits file (applied first when it exists)")
    accept.add_argument("--title", metavar="TEXT", help="the article's title as a source (default: read from the file)")
    accept.add_argument("--date", metavar="DATE", help="the article's date, YYYY-MM-DD, YYYY-MM or YYYY")
    accept.add_argument("--analyst", metavar="NAME", help="who makes the change (default: Preferences' analyst name)")
    accept.add_argument("--allow-update", action="store_true", help="with --endpoint: write to the server")


def _run(args: argparse.Namespace, context: Context) -> int:
    # Here, not at the top: every command's start-up would pay for the article readers.
    from explorer.core.extraction.readings import ANNOUNCED_MARK
    from explorer.services.importing.articles import read_article
    from explorer.services.importing.suggestions import is_announced, suggest_for_graph
    from explorer.services.settings import load_settings

    if not 0.0 <= args.min_confidence <= 1.0:
        raise UsageError(f"suggest: --min-confidence {args.min_confidence} is not between 0 and 1")
    if args.to and not args.accept_all:
        raise UsageError("suggest: --to is for --accept-all (review one by one in the app: File ▸ Import ▸ Facts from an Article…)")
    article = read_article(args.article)
    kg = context.graph()
    session = EditSession(args, context) if args.accept_all else None
    preferences = load_settings()[0]
    run = suggest_for_graph(kg, article, ner_model=args.ner if args.ner is not None else preferences.ner_model,
                            learned=not args.rules_only and preferences.learned_relations)
    for note in (run.note or "").splitlines():
        sys.stderr.write(f"note: {terminal_safe(note)}\n")
    suggestions = [s for s in run.suggestions if s.confidence >= args.min_confidence][: args.limit]
    if session is not None and suggestions:
        from explorer.core.curation import ChangeRefused
        from explorer.services.importing.apply import ArticleSource, suggestions_change

        title = args.title or article.title or Path(args.article).stem
        try:
            change = suggestions_change(kg, session.curator, suggestions,
                                        ArticleSource(article, title, args.date or article.date))
        except ChangeRefused as error:
            return refused(context, error)
        session.commit(change)
        if context.format != "json":
            context.write(f"{change.description} to {args.to}: {change.summary()}")
    from explorer.core.curation.schema import OntologySchema
    from explorer.services.importing.new_entities import NewEntities, suggestions_json

    schema = session.curator.schema if session is not None else OntologySchema.bundled()
    if context.format == "json":
        context.write_json(suggestions_json(schema, suggestions))
        return EXIT_OK if suggestions else EXIT_EMPTY
    if not suggestions:
        context.write(f"No facts suggested from {args.article}.")
        return EXIT_EMPTY

    new_entities = NewEntities(schema, suggestions)

    def end(mention: Mention, new: tuple[str, str] | None) -> str:
        if mention.iri is not None:
            return kg.label(mention.iri)
        cls = new[1] if new is not None else mention.cls
        return f"{mention.label or mention.text} (new{', ' + schema.label(cls).lower() if cls else ''})"

    rows = []
    for s in suggestions:
        subject_new, object_new = new_entities.of(s)
        rows.append([s.sentence.number, end(s.subject, subject_new), kg.predicate_words(s.predicate),
                     end(s.object, object_new), f"{s.confidence:.2f}",
                     s.pattern + (f"  {ANNOUNCED_MARK}" if is_announced(s) else "")])
    context.table(["Sentence", "Subject", "Link", "Object", "Confidence", "Pattern"], rows)
    return EXIT_OK


def command() -> Command:
    return Command("suggest", "facts an article states, with the sentence, pattern and confidence of each", _run,
                   arguments=_arguments)
