"""Who speaks in a sentence about risks: "according to Beijing-based security firm Qi An Xin" (the firm named after its
description is based in Beijing), "In a report published in March, X said" (X published the report). Where a speaker
works is read by ``appositions.person_affiliations``.

The words read are the order of a description before a name and a report named at a sentence's opening.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from explorer.core.extraction import speech
from explorer.core.extraction.lexicon import Lexicon
from explorer.core.extraction.spans import Mention, Reading
from explorer.core.vocab import KG

PLACE, SOURCE, AGENT = str(KG.Place), str(KG.Source), str(KG.Agent)
BASED_IN, PUBLISHED = str(KG.basedIn), str(KG.published)


#: "P-based security firm Qi An Xin": a description before the name it describes (a capitalised determiner opening the
#: sentence is no word of the place: "The Wuhan-based maker YOFC").
_BASED_BEFORE_NAME = re.compile(r"(?<![\w-])(?!(?:The|A|An|This|Its|Their)\s)([A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?)-based\s+"
                                r"(?:[a-z-]+\s+){0,3}(?:firm|company|maker|group|supplier|vendor|start-up|startup|operator|developer|provider)\s+(?=[A-Z])")
#: (A report's own title may capitalise the word: "its Industrial Control Security Report".)
_REPORT_WORDS = r"(?i:report|study|survey|paper|assessment|bulletin|notice|review|white\s+paper|advisory)"
#: When a report came out: "in March", "on Wednesday", "last week", "this month", "earlier this year".
_WHEN = r"(?:in|on|last|this|earlier|late|early)\s+[\w,\s]{1,20}?"
#: "In a report published in March, X said …", "In a report this month, X warned …": who speaks published the report.
#: (The time may be set off by commas, a title may follow the word: "In a report titled "Frozen Assets", published on …,".)
_REPORT_OPENING = re.compile(rf"(?:In|in)\s+(?:a|an|its|their|the)\s+(?:[\w-]+\s+){{0,3}}?({_REPORT_WORDS})"
                             rf"(?:\s+(?:titled|called|entitled)\s+[\"“][^\"”]{{1,60}}[\"”])?"
                             rf"(?:,?\s+(?:published|released|issued))?(?:\s+{_WHEN})?,\s+")
#: A description before a speaker's name: "the cybersecurity firm Qi An Xin", "Beijing-based NSFOCUS".
_DESCRIPTION = re.compile(r"(?:(?:the|a)\s+)?(?:[A-Z][\w'’-]*-based\s+)?(?:(?:[a-z][\w-]*\s+){0,3}(?:firm|company|group|agency"
                          r"|institute|regulator|ministry|administration|vendor|provider)\s+)?(?=[A-Z])")
#: "a report published on Wednesday by A and B": who published it follows "by", a time may stand between.
_PUBLISHED_BY = re.compile(rf"(?<![\w-])(?:published|released|issued)\s+(?:{_WHEN}\s+)?by\s+")
_AND_NEXT = re.compile(r",?\s+and\s+")
#: An apposition between a speaker's name and its verb: "X, a Beijing-based security firm, said", "the National … Team,
#: known as CNCERT, warned" (a participle's aside).
ASIDE = r",\s+(?:(?:a|an|the)\s|(?:also\s+|better\s+|formerly\s+)?known\s+as\s)[^,;:\"“”]{1,80},"
#: The verb of saying after a speaker: "said", "has warned" (what the report says it found).
_VERB_AFTER = re.compile(rf"(?:\s+(?:has|have|had|also))*\s+{speech.saying()}(?![\w-])")
_AUXILIARIES = re.compile(r"(?:\s+(?:has|have|had|also))+$")


def described_names(lexicon: Lexicon, mentions: list[Mention], text: str) -> Iterator[Reading]:
    """"Beijing-based security firm Qi An Xin": the name the description goes before is based in the place."""
    for described in _BASED_BEFORE_NAME.finditer(text):
        name = next((m for m in mentions if m.start == described.end() and m.via in ("name", "label")), None)
        place = next((m for m in mentions if described.start(1) <= m.start and m.end <= described.end(1)
                      and lexicon.is_a(m.cls, [PLACE]) is not False), None)
        place = place or Mention(described.start(1), described.end(1), described.group(1), None, PLACE, described.group(1), "name")
        if name is not None and lexicon.is_a(name.cls, [PLACE]) is not True:
            start = described.end(1)
            yield (name, BASED_IN, place, "-based", start, start + len("-based"), 0.7)


def reports(lexicon: Lexicon, mentions: list[Mention], text: str) -> Iterator[Reading]:
    """"In a report published in March, X said …": X published the report."""
    for opening in _REPORT_OPENING.finditer(text):
        report = next((m for m in mentions if m.start <= opening.start(1) and opening.end(1) <= m.end and m.via != "pronoun"), None)
        speaker = _named_at(mentions, text, opening.end())
        # "X, a Beijing-based security firm, said": an apposition may stand between the publisher and its verb
        aside = re.match(ASIDE, text[speaker.end:]) if speaker is not None else None
        verb_at = speaker.end + aside.end() if speaker is not None and aside is not None else speaker.end if speaker else 0
        if report is None or speaker is None or speaker.via in ("phrase", "pronoun") or lexicon.is_a(report.cls, [SOURCE]) is False \
                or not _VERB_AFTER.match(text, verb_at):
            continue
        yield (speaker, PUBLISHED, report, "published", opening.start(), opening.end(), 0.6)


#: "X warned in a report published in March that …": the report named after the verb of saying.
_SAID_IN_REPORT = re.compile(rf"(?<![\w-]){speech.saying()}(?:\s+about|\s+of)?\s+in\s+"
                             rf"(?:a|an|the)\s+(?:[\w-]+\s+){{0,3}}?({_REPORT_WORDS})\b")


def said_in_reports(lexicon: Lexicon, mentions: list[Mention], text: str) -> Iterator[Reading]:
    """"Qi An Xin, the Beijing-based security firm, warned in a report published in March that …": the speaker published
    the report (an apposition may stand between the speaker and its verb)."""
    for said in _SAID_IN_REPORT.finditer(text):
        report = next((m for m in mentions if m.start <= said.start(1) and said.end(1) <= m.end and m.via != "pronoun"), None)
        # ("… the Shenzhen-based security firm, had warned in a report": an auxiliary may stand before the verb)
        before = _AUXILIARIES.sub("", text[:said.start()].rstrip())
        aside = re.search(ASIDE + r"\s*$", before)
        verb_at = aside.start() if aside is not None else len(before)
        speaker = next((m for m in mentions if m.end == verb_at and m.via in ("name", "label")), None)
        if report is None or speaker is None or lexicon.is_a(speaker.cls, [AGENT]) is False \
                or lexicon.is_a(report.cls, [SOURCE]) is False:
            continue
        yield (speaker, PUBLISHED, report, "published", said.start(), said.end(), 0.6)


def _named_at(mentions: list[Mention], text: str, position: int) -> Mention | None:
    """The mention at ``position``, or the name a description there goes before ("the security firm | NSFOCUS")."""
    at = next((m for m in mentions if m.start == position and m.via not in ("phrase", "pronoun")), None)
    described = _DESCRIPTION.match(text, position)
    if described is not None and described.end() > position:
        name = next((m for m in mentions if m.start == described.end() and m.via in ("name", "label")), None)
        at = name or at
    return at


def published_by(lexicon: Lexicon, mentions: list[Mention], text: str) -> Iterator[Reading]:
    """"a report published on Wednesday by the academy and the security firm NSFOCUS": each one named after "by" (and
    those joined to it with "and") published the report named right before the verb."""
    for published in _PUBLISHED_BY.finditer(text):
        report = next((m for m in mentions if 0 <= published.start() - m.end <= 1 and m.via != "pronoun"
                       and lexicon.is_a(m.cls, [SOURCE]) is not False), None)
        if report is None or not re.search(rf"(?:{_REPORT_WORDS})$", report.text, re.IGNORECASE):
            continue
        publisher = _named_at(mentions, text, published.end())
        while publisher is not None and lexicon.is_a(publisher.cls, [AGENT]) is not False and publisher.via != "phrase":
            yield (publisher, PUBLISHED, report, published.group().strip(), published.start(), published.end(), 0.65)
            joined = _AND_NEXT.match(text, publisher.end)
            publisher = _named_at(mentions, text, joined.end()) if joined is not None else None

