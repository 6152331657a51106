"""Clauses that hang off a noun and say something of it or in it.

- a "where" clause after a site or a place: "the Zhaolou mine in Heze, where drilling rigs run on …" — what
  the clause speaks of (its subject) stands in the site, and the clause's own facts are read as a clause of
  their own (its subject is the phrase after "where", cut at its verb);

- a relative clause in commas after a name: "Bosch, which opened a plant in Wuxi, is also a member" — the
  verb after the closing comma has the name as its subject;
- membership with no organization after the words: "X is also a member" — of the organization the sentence
  names before, else of the alliance named last in the text.

None of them quotes an article; the words they read are English function words and the ontology's cues.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from explorer.core.extraction.lexicon import Lexicon
from explorer.core.extraction.spans import Mention
from explorer.core.vocab import KG

AGENT, PLACE, LOCATED = str(KG.Agent), str(KG.Place), str(KG.locatedIn)
ORGANIZATION, MEMBER_OF = str(KG.Organization), "http://www.w3.org/ns/org#memberOf"

#: (subject, property IRI, object, the words read, where they start, where they end, confidence)
Fact = tuple[Mention, str, Mention, str, int, int, float]

_WHERE = re.compile(r",\s+where\s+(?:(?:now|today|already)\s+)?", re.IGNORECASE)
_PLACED_BY = re.compile(r"\s+(?:in|at|near|outside|inside)\s+(?:the\s+)?$", re.IGNORECASE)


def _head_class(lexicon: Lexicon, phrase: str) -> str | None:
    """The class of the cue that ends ``phrase`` (its head noun), the longest first."""
    for cue in lexicon.cues:
        found = [m for m in cue.regex.finditer(phrase) if m.end() == len(phrase)]
        if found:
            return cue.cls
    return None


def _plural(word: str) -> bool:
    return len(word) > 2 and word.endswith("s") and not word.endswith(("ss", "us", "is"))


def where_subjects(lexicon: Lexicon, mentions: list[Mention], text: str) -> list[Mention]:
    """The subject of a "where" clause is a noun phrase; a bare phrase read past its verb ends at its head:
    "where 200 robots handle casting" is "200 robots" (a plural head followed by a verb in the singular form)."""
    starts = {match.end() for match in _WHERE.finditer(text)}
    out: list[Mention] = []
    for mention in mentions:
        if mention.start in starts and mention.via == "phrase" and mention.iri is None:
            words = mention.text.split()
            cut = next((i for i in range(len(words) - 1) if _plural(words[i]) and not _plural(words[i + 1])), None)
            if cut is not None:
                phrase = " ".join(words[:cut + 1])
                mention = replace(mention, end=mention.start + len(phrase), text=phrase, label=phrase,
                                  cls=_head_class(lexicon, phrase))
        out.append(mention)
    return out


def _antecedent(lexicon: Lexicon, mentions: list[Mention], text: str, comma: int) -> Mention | None:
    """What "where" stands for: the mention before its comma, or, when that is a place the thing before it is
    said to be in or at ("a terminal at Qinzhou, where …"), that thing."""
    before = next((m for m in mentions if m.end == comma), None)
    if before is None or before.via == "pronoun" or lexicon.is_a(before.cls, [AGENT]) is True:
        return None
    placed = _PLACED_BY.search(text[:before.start])
    if placed is None:
        return before
    thing = next((m for m in mentions if m.end == placed.start()), None)
    if thing is None or thing.via == "pronoun" or lexicon.is_a(thing.cls, [AGENT, PLACE]) is True:
        return before
    return thing


def where_located(lexicon: Lexicon, mentions: list[Mention], text: str) -> Iterator[Fact]:
    """"… at the Zhaolou mine in Heze, where drilling rigs run on a private network": the rigs are in the mine.
    Who acts in the clause (an agent, or a name of no known kind) is not placed by it."""
    for match in _WHERE.finditer(text):
        subject = next((m for m in mentions if m.start == match.end()), None)
        site = _antecedent(lexicon, mentions, text, match.start())
        if subject is None or site is None or subject.via == "pronoun" or subject.key == site.key \
                or lexicon.is_a(subject.cls, [AGENT, PLACE]) is True or lexicon.is_a(site.cls, [AGENT]) is True \
                or (subject.via not in ("phrase", "cue") and lexicon.is_a(subject.cls, [AGENT]) is not False):
            # a name of no known kind that acts in the clause is likely an agent
            continue
        yield (subject, LOCATED, site, "where", match.start(), match.end(), 0.55)


#: A relative clause or an apposition in commas that ends right before a verb: ", which opened a lab in P in 2021, ".
_ASIDE_BEFORE = re.compile(r",\s+(?:which|who|whose|a|an|the|headquartered|based|founded|owned)\b[^,]*,\s*$", re.IGNORECASE)
#: Words between a subject and its verb that are no part of either ("has since", "is now").
_ADVERBS = re.compile(r"\s*(?:(?:also|now|since|already|still|then|later|itself|too)\s+)*")


def subject_before(mentions: list[Mention], text: str, position: int) -> Mention | None:
    """The subject of a verb at ``position``: the mention right before it, or, past a relative clause or an
    apposition closed by a comma ("Bosch, which opened a plant in Wuxi, is …"), the name the clause follows."""
    aside = _ASIDE_BEFORE.search(text[:position])
    end = aside.start() if aside is not None else position
    before = next((m for m in reversed(mentions) if m.end <= end), None)
    if before is None or not _ADVERBS.fullmatch(text[before.end:end]) or before.via == "pronoun":
        return None
    return before


_A_MEMBER = re.compile(r"(?<![\w-])(?:is|are|was|were|became|become|has\s+become|have\s+become)\s+"
                       r"(?:(?:also|now|already|since|itself|a\s+founding|a\s+full|an?)\s+)*(?:founding\s+|full\s+)?"
                       r"members?\b(?!\s+(?:of|in|at|from)\b)", re.IGNORECASE)


def bare_membership(lexicon: Lexicon, mentions: list[Mention], text: str, earlier: Mention | None) -> Iterator[Fact]:
    """"Bosch, which opened a plant in Wuxi, is also a member": a member of the organization the sentence named
    before its subject, else of the alliance named last (``earlier``)."""
    for match in _A_MEMBER.finditer(text):
        member = subject_before(mentions, text, match.start())
        if member is None or lexicon.is_a(member.cls, [AGENT]) is False or (member.cls or "").endswith("Person"):
            continue
        group = next((m for m in reversed(mentions) if m.end <= member.start and lexicon.is_a(m.cls, [ORGANIZATION]) is True),
                     None) or earlier
        if group is not None and group.key != member.key:
            yield (member, MEMBER_OF, group, match.group().strip(), match.start(), match.end(), 0.55)
