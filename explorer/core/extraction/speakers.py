"""Who speaks in a sentence about risks, and for whom: "Zhang Wen, a deputy manager at X" and "Sun Li, the alliance's
secretary-general" (kg:affiliatedWith, by the role's words), "Zhao Min, who heads a security lab at X" (with the lab, or
with X where what is headed is no organization), "according to Beijing-based security firm Qi An Xin" (the firm named
after its description is based in Beijing), "In a report published in March, X said" (X published the report).

The words read are English role nouns, relative "who" clauses and the order of a description before a name.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from explorer.core.extraction.lexicon import Lexicon
from explorer.core.extraction.spans import Mention
from explorer.core.vocab import KG

PERSON, ORGANIZATION, PLACE, SOURCE = str(KG.Person), str(KG.Organization), str(KG.Place), str(KG.Source)
SETTLEMENTS = frozenset([PLACE, str(KG.City), str(KG.Province), str(KG.Country)])
AFFILIATED, BASED_IN, PUBLISHED = str(KG.affiliatedWith), str(KG.basedIn), str(KG.published)

#: (subject, property IRI, object, the words read, where they start, where they end, confidence)
Reading = tuple[Mention, str, Mention, str, int, int, float]

_ROLE = (r"(?:director|professor|lecturer|engineer|analyst|researcher|scientist|official|executive|spokesperson|spokesman"
         r"|spokeswoman|chairman|chairwoman|president|vice-president|manager|economist|fellow|founder|head|chief|deputy"
         r"|secretary-general|secretary|adviser|advisor|specialist|expert|consultant|officer|partner|leader|architect)")
#: ", a deputy manager at X": a role and where it is held.
_ROLE_AT = re.compile(rf",\s+(?:(?:a|an|the)\s+)?(?:[a-z-]+\s+){{0,3}}{_ROLE}\s+(?:at|of|with|for)\s+(?:the\s+)?", re.IGNORECASE)
#: ", the alliance's secretary-general" / ", Huawei's vice-president": the holder of the role is named before "'s".
_OWN_ROLE = re.compile(rf"['’]s\s+(?:[a-z-]+\s+){{0,3}}{_ROLE}\b", re.IGNORECASE)
#: ", who heads a security lab at X": a relative clause that says where the person works.
_WHO_WORKS = re.compile(r",\s+who\s+(?:heads|leads|runs|directs|manages|chairs|oversees|studies|researches|works|teaches"
                        r"|advises|founded|co-founded)\s+", re.IGNORECASE)
#: "P-based security firm Qi An Xin": a description before the name it describes.
_BASED_BEFORE_NAME = re.compile(r"(?<![\w-])([A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?)-based\s+(?:[a-z-]+\s+){0,3}(?:firm|company|maker"
                                r"|group|supplier|vendor|start-up|startup|operator|developer|provider)\s+(?=[A-Z])")
#: "In a report published in March, X said …": who speaks published the report.
_REPORT_OPENING = re.compile(r"(?:In|in)\s+(?:a|an|its|their|the)\s+(?:[\w-]+\s+){0,3}?(report|study|survey|paper|assessment"
                             r"|bulletin|notice|review)(?:\s+(?:published|released|issued)(?:\s+(?:in|on|last)\s+[\w,\s]{1,20}?)?)?,\s+")


def _person(lexicon: Lexicon, mention: Mention, text: str) -> bool:
    """A person, or a name of no known kind of two words or more that a role or a "who" follows."""
    if mention.via == "pronoun":
        return False
    if lexicon.is_a(mention.cls, [PERSON]):
        return True
    return mention.via == "name" and mention.cls is None and " " in mention.text \
        and (_WHO_WORKS.match(text, mention.end) is not None or re.match(r",\s+(?:the\s+)?[\w-]+['’]s\s", text[mention.end:]) is not None)


def _at(mentions: list[Mention], position: int) -> Mention | None:
    return next((m for m in mentions if m.start == position), None)


def _organization(lexicon: Lexicon, mention: Mention | None) -> bool:
    """Where a person may work: a named or known body, no town or region (a port company named with "Port" is one)."""
    return mention is not None and mention.via not in ("phrase", "pronoun") and mention.cls not in SETTLEMENTS \
        and not lexicon.is_a(mention.cls, [PERSON])


def affiliations(lexicon: Lexicon, mentions: list[Mention], text: str) -> Iterator[Reading]:
    """Where the people a sentence names work, from their role or a "who" clause."""
    for person in mentions:
        if not _person(lexicon, person, text):
            continue
        role = _ROLE_AT.match(text, person.end)
        place = _at(mentions, role.end()) if role is not None else None
        if role is not None and _organization(lexicon, place) and place is not None:
            yield (person, AFFILIATED, place, role.group().strip(", "), role.start(), role.end(), 0.65)
            continue
        own = re.match(r",\s+(?:the\s+)?", text[person.end:])
        # "the alliance" may be one mention with its article
        holder = next((m for m in mentions if own is not None and person.end < m.start <= person.end + own.end()), None)
        if holder is not None and _OWN_ROLE.match(text, holder.end) and _organization(lexicon, holder) \
                and not re.match(r"['’]s\s+\S+\s+(?:at|of)\s", text[holder.end:]):
            said = _OWN_ROLE.match(text, holder.end)
            if said is not None:
                yield (person, AFFILIATED, holder, said.group(), said.start(), said.end(), 0.6)
            continue
        works = _WHO_WORKS.match(text, person.end)
        if works is None:
            continue
        clause = re.match(r"[^,;.]*", text[works.end():])
        end = works.end() + (clause.end() if clause else 0)
        article = re.match(r"(?:(?:a|an|the|its|their)\s+)?", text[works.end():])
        headed = _at(mentions, works.end() + (article.end() if article else 0))
        if headed is not None and headed.end <= end and lexicon.is_a(headed.cls, [ORGANIZATION]) and headed.via != "pronoun":
            yield (person, AFFILIATED, headed, works.group().strip(", "), works.start(), works.end(), 0.6)
            continue
        at = re.search(r"\s(?:at|for|with)\s+(?:the\s+)?", text[works.end():end])
        place = _at(mentions, works.end() + at.end()) if at is not None else None
        if _organization(lexicon, place) and place is not None:
            yield (person, AFFILIATED, place, works.group().strip(", "), works.start(), works.end(), 0.6)


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
        speaker = _at(mentions, opening.end())
        if report is None or speaker is None or speaker.via in ("phrase", "pronoun") or lexicon.is_a(report.cls, [SOURCE]) is False \
                or not re.match(r"\s+(?:said|says|found|finds|warned|warns|reported|estimated|noted|concluded)\b", text[speaker.end:]):
            continue
        yield (speaker, PUBLISHED, report, "published", opening.start(), opening.end(), 0.6)
