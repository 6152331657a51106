"""Clauses that hang off a noun and say something of it or in it.

- a "where" clause after a site or a place: "the Zhaolou mine in Heze, where drilling rigs run on …" — what
  the clause speaks of (its subject) stands in the site, and the clause's own facts are read as a clause of
  their own (its subject is the phrase after "where", cut at its verb);

- a relative clause in commas after a name: "Bosch, which opened a plant in Wuxi, is also a member" — the
  verb after the closing comma has the name as its subject;
- asides: an apposition or a relative clause in commas, whose subject is what it follows, and whose
  mentions are no subject of the verb after it;
- membership with no organization after the words: "X is also a member" — of the organization the sentence
  names before, else of the alliance named last in the text.

None of them quotes an article; the words they read are English function words and the ontology's cues.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from explorer.core.extraction.appositions import apposed_name
from explorer.core.extraction.lexicon import Lexicon
from explorer.core.extraction.readings import CLAUSE_BREAK, singular_antecedent
from explorer.core.extraction.sites import is_site, made_there
from explorer.core.extraction.spans import Mention
from explorer.core.extraction.words import GENERIC_PEOPLE, NAME_FIELDS
from explorer.core.vocab import KG

AGENT, PLACE, LOCATED = str(KG.Agent), str(KG.Place), str(KG.locatedIn)
ORGANIZATION, MEMBER_OF = str(KG.Organization), "http://www.w3.org/ns/org#memberOf"
GROUP, MEMBER_GROUP_OF = str(KG.Group), str(KG.memberGroupOf)

#: (subject, property IRI, object, the words read, where they start, where they end, confidence)
Fact = tuple[Mention, str, Mention, str, int, int, float]

_WHERE = re.compile(r"(,\s+|\s+)where\s+(?:(?:now|today|already)\s+)?", re.IGNORECASE)
#: A time between a site or place and "where" ("a warehouse in Yangpu in April where …").
_TIME_BEFORE = re.compile(r"\s+(?:(?:in|last|this|since)\s+(?:(?:19|20)\d\d|January|February|March|April|May|June|July|August"
                          r"|September|October|November|December|spring|summer|autumn|winter|year|month)(?:\s+(?:19|20)\d\d)?)$",
                          re.IGNORECASE)
#: Head nouns of a named area ("the Huangdao district", "Lingang Special Area").
_AREA_HEADS = frozenset(["district", "county", "area", "zone", "region", "prefecture", "township", "village", "province", "city", "town",
                         "park"])
_PLACED_BY = re.compile(r"\s+(?:in|at|near|outside|inside)\s+(?:the\s+)?$", re.IGNORECASE)
#: An aside in commas that describes a place or says how far it lies: ", a city between A and B", ", some 40 km away".
_PLACE_ASIDE = re.compile(r",\s+(?:a|an|some|about|around|\d)[^,;]*$", re.IGNORECASE)
#: A place's possessive before a part of it ("Zhuzhou's | Shifeng district").
_PLACE_OWNER = re.compile(r"(?<![\w’'-])[A-Z][\w-]*(?:\s+[A-Z][\w-]*)?['’]s\s+$")


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
    timed = _TIME_BEFORE.search(text[:comma])
    end = timed.start() if timed is not None else comma
    # "a hub in Jiaxing, a city between A and B, where …", "a warehouse in Haining, some 40 kilometres to the south, where
    # …": an aside describing the place is no antecedent; the place before it is
    aside = _PLACE_ASIDE.search(text[:end])
    described = next((m for m in mentions if aside is not None and m.end == aside.start() and m.via in ("name", "label", "ner")
                      and _PLACED_BY.search(text[:m.start])), None)
    before = described or next((m for m in mentions if m.end == end), None)
    if before is None or before.via == "pronoun" or lexicon.is_a(before.cls, [AGENT]) is True:
        return None
    # "in Zhuzhou's Shifeng district, where …": the district's owner is what the preposition governs
    owner = _PLACE_OWNER.search(text[:before.start])
    placed = _PLACED_BY.search(text[:owner.start() if owner is not None else before.start])
    # "in the Huangdao district, where …": a named area is a place as a place's name is
    # (and "in the city, where …", "in the town": a place named by its kind alone is a place too)
    area = before.text.split()[-1].lower() in _AREA_HEADS and (
        before.text[:1].isupper() or len(re.sub(r"^the\s+", "", before.text, flags=re.IGNORECASE).split()) == 1)
    if placed is None or (before.via not in ("name", "label", "ner") and not area) or lexicon.is_a(before.cls, [PLACE]) is False:
        return before  # a described site ("at the Dexing mine, where …") is itself what "where" stands for
    own = re.search(r"\s+of\s+(?:its|their)\s+own$", text[:placed.start()])  # "a factory of its own in the town, where"
    thing = next((m for m in mentions if m.end == (own.start() if own else placed.start()) and m.via != "pronoun"), None)
    if thing is None or lexicon.is_a(thing.cls, [AGENT, PLACE]) is True:
        return before
    return thing


def _named_place_before(mentions: list[Mention], text: str, where: re.Match[str]) -> bool:
    timed = _TIME_BEFORE.search(text[:where.start()])
    end = timed.start() if timed is not None else where.start()
    return any(m.end == end and m.via in ("name", "label") and _PLACED_BY.search(text[:m.start]) for m in mentions)


def where_located(lexicon: Lexicon, mentions: list[Mention], text: str) -> Iterator[Fact]:
    """"… at the Zhaolou mine in Heze, where drilling rigs run on a private network": the rigs are in the mine.
    Who acts in the clause (an agent, or a name of no known kind) is not placed by it."""
    for match in _WHERE.finditer(text):
        subject = next((m for m in mentions if m.start == match.end()), None)
        site = _antecedent(lexicon, mentions, text, match.start())
        if site is not None and "," not in match.group(1) and not (is_site(lexicon, site) or _named_place_before(mentions, text, match)):
            continue  # with no comma, "where" after a site or a named place only ("cases where attacks rose" places nothing)
        if subject is not None and site is not None and subject.via != "pronoun" and lexicon.is_a(site.cls, [AGENT]) is not True:
            # "where Hikrobot has installed 300 sorting robots": who acts there is not placed, what it put there is
            made = made_there(lexicon, mentions, text, subject)
            if made is not None and made.key != site.key:
                yield (made, LOCATED, site, "where", match.start(), match.end(), 0.5)
        if subject is None or site is None or subject.via == "pronoun" or subject.key == site.key \
                or lexicon.is_a(subject.cls, [AGENT, PLACE]) is True or lexicon.is_a(site.cls, [AGENT]) is True \
                or (subject.via not in ("phrase", "cue") and lexicon.is_a(subject.cls, [AGENT]) is not False):
            # a name of no known kind that acts in the clause is likely an agent
            continue
        yield (subject, LOCATED, site, "where", match.start(), match.end(), 0.55)
        # "where cutting machines and painting robots run": each thing the clause lists stands there
        listed = subject
        while (after := next((m for m in mentions if m.start > listed.end and m.via in ("phrase", "cue")
                              and re.fullmatch(r"\s*,\s*(?:and\s+)?|\s+and\s+", text[listed.end:m.start])), None)) is not None \
                and lexicon.is_a(after.cls, [AGENT, PLACE]) is not True and after.key != site.key:
            yield (after, LOCATED, site, "where", match.start(), match.end(), 0.5)
            listed = after


#: A relative clause or an apposition in commas that ends right before a verb: ", which opened a lab in P in 2021, ".
_ASIDE_BEFORE = re.compile(r",\s+(?:which|who|whose|a|an|the|[a-z]+ed|set\s+up|built|run|owned)\b[^,]*,\s*$", re.IGNORECASE)
#: Words between a subject and its verb that are no part of either ("has since", "is now").
_ADVERBS = re.compile(r"\s*(?:(?:also|now|since|already|still|then|later|itself|too)\s+)*")


def named_in_apposition(mentions: list[Mention], text: str, description: Mention) -> Mention:
    """"A third supplier, Shenzhen-based MeiG, has teamed up with …": a description that opens a sentence stands for
    the name in commas right after it (a hyphened modifier may stand before the name); else the description itself."""
    if description.via not in ("cue", "phrase") or not description.text.split()[-1][:1].islower():
        return description
    name = next((m for m in mentions if m.start > description.end), None)
    if name is not None and name.via in ("name", "label") \
            and re.fullmatch(r",\s+(?:[\w.'’]+-[a-z]+\s+)?", text[description.end:name.start]) and re.match(r"\s*,", text[name.end:]):
        return name
    return description


def subject_before(mentions: list[Mention], text: str, position: int) -> Mention | None:
    """The subject of a verb at ``position``: the mention right before it, or, past a relative clause or an
    apposition closed by a comma ("Bosch, which opened a plant in Wuxi, is …"), the name the clause follows."""
    adverbs = re.search(r"(?:(?<=\s)(?:also|now|since|already|still|then|later|itself|too)\s+)*$", text[:position])
    position = adverbs.start() if adverbs is not None else position
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


#: An aside inside a sentence: an apposition (", a subsidiary of Y,", ", a body whose members include A and B,") or a relative
#: clause (", which operates the network,"), to the next comma or the end; the closing comma is looked at, not taken, so
#: that it may open the next aside: "operated by X, a subsidiary of Y,".
_ASIDE = re.compile(r",\s+(?:(a|an)\s[^,]*?(?:(?<=\s)whose\s[^,]*(?:,\s+[A-Z][^,]*?)*\s+and\s+[A-Z][^,]*)?(?=,|$)"
                    # "X, whose members include A, B and C, has …": a relative that lists names runs to the list's end
                    r"|(which|who|whose)\b[^,]*(?:,\s+[A-Z][^,]*?)*\s+and\s+(?:[A-Z]|(?:dozens|hundreds|scores|several|many|other|some|\d)"
                    r"[^,]*?\s[a-z]+s\b)[^,]*(?=,)|(which|who)\b[^,]*(?=,|$)|(whose)\b[^,]*(?=,\s+[a-z])|the\s[^,]*(?=,)"
                    # "Many systems, he said, still run on …": who says it is no subject of the clause
                    r"|(?:he|she|they|[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,3})\s+(?:said|says|added|noted|warned|argued)(?=,)"
                    # "The trucks, supplied by XCMG, run on …": a participle and its agent or place describe the subject
                    r"|(?:[a-z]+ed|built|run|made|set\s+up|owned)\s+(?:by|in|at|from|with)\s[^,]*(?=,))")


def asides(text: str) -> list[tuple[int, int, bool]]:
    """(start, end, relative) of each aside, its closing comma included; ``relative`` when it opens with which/who."""
    return [(m.start(), m.end() + (text[m.end():m.end() + 1] == ","), any(m.group(i) is not None for i in (2, 3, 4)))
            for m in _ASIDE.finditer(re.sub(r"(?<=\d),(?=\d{3}\b)", " ", text))]  # no aside ends in "2,000"


#: A possessive after a mention: it owns what follows, it is no subject ("The alliance's first project …").
POSSESSOR = re.compile(r"['’]s?\s")


def left_of_trigger(lexicon: Lexicon, left: list[Mention], mentions: list[Mention], start: int, text: str) -> list[Mention]:
    """Subjects as syntax has them: a relative clause's subject is what it follows ("B, which
    operates N": B operates N), and a verb outside an aside does not take its subject from inside
    it ("X, a unit of Y, built Z": X built Z, not Y)."""
    for aside_start, aside_end, relative in asides(text):
        if aside_start <= start < aside_end:
            head = [m for m in mentions if m.end <= aside_start]
            if head:
                # nothing named before a relative clause or an apposition acts in it but what it follows
                # ("B, which operates N"; "W, a maker headquartered in P": W is based in P); "the X mine in Ordos,
                # which is operated by Y": a relative after a named place in or at which a thing stands is the thing's
                # (a site named by its kind, "the terminal at Nansha port, which is run by Y", is such a place to a
                # site before it: the relative speaks of the terminal)
                named_site = head[-1].via == "cue" and head[-1].text[:1].isupper() and is_site(lexicon, head[-1])
                placed = _PLACED_BY.search(text[:head[-1].start]) if relative and (head[-1].via in ("name", "label")
                                                                                   or named_site) else None
                thing = next((m for m in head if placed is not None and m.end == placed.start() and m.via != "pronoun"
                              and m.via not in ("name", "label") and (not named_site or is_site(lexicon, m))), None)
                first = thing or _person_who(head, text, aside_start, start) or singular_antecedent(head, text, aside_start) or head[-1]
                return [first, *(m for m in left if m is not first and m.start >= aside_start)]
            return left
    inside = [(s, e) for s, e, _relative in asides(text) if e <= start]
    outside = [m for m in left if not any(s <= m.start < e for s, e in inside)
               and not POSSESSOR.match(text, m.end)]  # "the alliance's project": the owner acts not
    if not outside and inside and not text[inside[-1][1]:start].strip() and (opener := subject_before(mentions, text, start)):
        outside = [opener]  # "X, which opened a lab … to test terminals, belongs to Y": past a long aside, X is the subject
    # "A second vendor, Kingsoft Robotics, has …": a name in apposition is what the description before it stands for
    apposed = {m.key: named_in_apposition(mentions, text, m) for m in outside}
    named = {n.key for k, n in apposed.items() if n.key != k}
    outside = [replace(apposed[m.key], cls=apposed[m.key].cls or m.cls) if apposed[m.key].key != m.key else m
               for m in outside if m.key not in named or apposed[m.key].key != m.key]
    if inside and re.match(r",\s+(?:a|an)\s", text[inside[-1][0]:]) and not CLAUSE_BREAK.search(text[inside[-1][1]:start]) \
            and all(POSSESSOR.match(text, m.end) or _relational(m, text) for m in mentions if m.end <= inside[-1][0]):
        # "The alliance's first project, a testbed for X, sits at P": an indefinite description in apposition says
        # what a subject no mention covers, or one named only by its relation to an owner, is
        described = next((m for m in mentions if inside[-1][0] < m.start < inside[-1][1]), None)
        return [described] if described is not None else [m for m in outside if _relational(m, text)]
    unread = _unread_head(mentions, text, outside[0]) if outside else None
    return [unread, *outside] if unread is not None else outside


#: Descriptions in apposition, each after its comma: ", a researcher at X, the Beijing-based security firm".
_APPOSITIONS = re.compile(r"(?:,\s+(?:a|an|the)\s[^,]*)+")


def _person_who(head: list[Mention], text: str, aside_start: int, start: int) -> Mention | None:
    """"said Zhou Lan, a researcher at X, the Y firm, who warned …": "who" is the person its appositions describe,
    not the firm named last inside them (what the person says has a subject of its own: "who said fabs were …")."""
    if not re.match(r",\s+who\b", text[aside_start:]) or (head[-1].cls or "").endswith("Person") \
            or re.search(r"(?<![\w-])(?:said|says|added|noted|believes|thinks|warned\s+that)(?![\w-])", text[aside_start:start]):
        return None
    person = next((m for m in reversed(head) if (m.cls or "").endswith("Person")), None)
    return person if person is not None and _APPOSITIONS.fullmatch(text[person.end:aside_start]) else None


#: "the control systems of several chemical plants | rely on": a plural head no mention covers, and "of" before the owner.
_HEAD_OF = re.compile(r"(?:^|[,;:]\s*|(?<![\w-])(?:said|says|that)\s+)(?:the|its|their)\s+((?:[a-z][\w-]*\s+){0,2}[a-z][\w-]*s)"
                      r"\s+of\s+(?:(?:the|a|an|several|many|some|its|their|two|three)\s+)?$", re.IGNORECASE)


def _unread_head(mentions: list[Mention], text: str, nearest: Mention) -> Mention | None:
    """The head of "the N of M" when M is the subject candidate nearest a verb and no mention covers N: the verb's
    subject is N ("the control systems of several chemical plants rely on gateways": the systems rely on them)."""
    found = _HEAD_OF.search(text[:nearest.start])
    # a definite compound read as a thing of its own ("the pump controllers of …") is that head
    same = next((m for m in mentions if found is not None and (m.start, m.end) == found.span(1)), None)
    if same is not None:
        return same
    if found is None or any(m.start < found.end(1) and found.start(1) < m.end for m in mentions if m is not nearest):
        return None
    words = found.group(1)
    return Mention(found.start(1), found.end(1), words, None, None, words, "phrase")


def _relational(mention: Mention, text: str) -> bool:
    """A thing named by its relation to an owner before it ("the alliance's first project"), not by what it is."""
    return mention.via in ("phrase", "cue") and mention.cls is None and re.search(r"['’]s?\s+$", text[:mention.start]) is not None


_FROM = re.compile(r"\s+from\s+(?:the\s+)?")


def supplied_from(lexicon: Lexicon, facts: list[Fact], mentions: list[Mention], text: str) -> Iterator[Fact]:
    """"trucks run on a private network from China Unicom", "relies on software from Siemens": a thing a clause
    speaks of, followed by "from" and an organization, came from it, which built it. Read only on the object of a
    fact the sentence states (a thing in passing, "a statement from X", is no such object)."""
    built = str(KG.built)
    for _subject, predicate, obj, _words, _start, _end, confidence in facts:
        joint = _FROM.match(text, obj.end)
        source = next((m for m in mentions if joint is not None and m.start == joint.end()), None)
        if joint is None or source is None or predicate in (built, str(KG.builtBy)) or obj.via not in ("phrase", "cue") \
                or (obj.cls is not None and lexicon.is_a(obj.cls, [AGENT, PLACE]) is not False) \
                or lexicon.is_a(source.cls, [ORGANIZATION]) is not True:
            continue
        yield (source, built, obj, "from", obj.end, joint.end(), round(max(0.0, confidence - 0.1), 2))


_MEMBERS_INCLUDING = re.compile(r"(?<![\w-])(?:members?|member\s+(?:companies|firms|organizations))\s*,?\s+"
                                r"(?:including|such\s+as|among\s+them)\s+", re.IGNORECASE)
#: A list joint, with a hyphened modifier that may stand before the next name ("A, Haikou-based B and C").
_LIST_JOINT = re.compile(r"(?:\s*,\s*(?:and\s+)?|\s+and\s+)(?:[\w.'’]+-[a-z]+\s+)?")
#: A list joint before a name that a description opens ("…, Beidahuang and the power-equipment maker Harbin Electric").
_DESCRIBED_JOINT = re.compile(r"(?:\s*,\s*(?:and\s+)?|\s+and\s+)(?:the|a|an)\s+(?:[a-z][\w-]*\s+){1,3}")


def _joined(text: str, before: Mention, after: Mention) -> bool:
    gap = text[before.end:after.start]
    return _LIST_JOINT.fullmatch(gap) is not None or (after.via in ("name", "label") and _DESCRIBED_JOINT.fullmatch(gap) is not None)


def members_including(lexicon: Lexicon, mentions: list[Mention], text: str, earlier: Mention | None) -> Iterator[Fact]:
    """"The alliance now counts 300 members, including Haier and Gree": the agents listed are members of the
    organization named before in the sentence, else of the alliance named last (``earlier``)."""
    for match in _MEMBERS_INCLUDING.finditer(text):
        first = next((m for m in mentions if m.start == match.end()), None)
        if first is None:
            continue
        listed = [first]
        for mention in mentions:
            if mention.start > listed[-1].end and _LIST_JOINT.fullmatch(text[listed[-1].end:mention.start]):
                listed.append(mention)
            elif mention.start > listed[-1].end:
                break
        group = next((m for m in reversed(mentions) if m.end <= match.start() and lexicon.is_a(m.cls, [ORGANIZATION]) is True),
                     None) or earlier
        for member in listed:
            if group is not None and member.key != group.key and member.via != "pronoun" \
                    and lexicon.is_a(member.cls, [AGENT]) is not False:
                yield (member, MEMBER_OF, group, match.group().strip(), match.start(), match.end(), 0.6)


_HAS_MEMBERS = re.compile(r"(?<![\w-])(?:has|have|had)\s+(?:(?:now|grown\s+to|since)\s+)*(?=(?:(?:more\s+than|over|about|nearly|"
                          r"almost|some|at\s+least)\s+)?\d[\d,]*\s+(?:[a-z-]+\s+)?members?\b|(?:more\s+than\s+)?\d[\d,]*\s+member\s+[a-z]+)",
                          re.IGNORECASE)
#: "…, a Beijing-based group with more than 2,000 members": a description in apposition that counts the members
#: "X, whose 180 members include A": a relative that counts the members of the name before it
_WHOSE_MEMBERS = re.compile(r",\s+whose\s+(?=(?:(?:more\s+than|over|about|nearly|almost|some|at\s+least)\s+)?\d[\d,]*\s+"
                            r"(?:[a-z-]+\s+)?members?\b)", re.IGNORECASE)
_DESCRIBED_WITH_MEMBERS = re.compile(r",\s+(?:a|an|the)\s+[^,;]{1,50}?\s+with\s+(?=(?:(?:more\s+than|over|about|nearly|almost|some|"
                                     r"at\s+least)\s+)?\d[\d,]*\s+(?:[a-z-]+\s+)?members?\b)", re.IGNORECASE)
#: the words that close a counted group of members: "members", "member companies"
_MEMBERS_END = re.compile(r"members?$|member\s+(?:companies|firms|enterprises|organi[sz]ations|institutions)$")


def counted_members(lexicon: Lexicon, mentions: list[Mention], text: str) -> Iterator[Fact]:
    """"The alliance, set up in 2021, now has 150 members": the organization that has a counted group of members
    has that group (its subject, past an aside in commas); "X, a Beijing-based group with more than 2,000 members": so
    does the name a description in apposition counts the members of."""
    member_group = str(KG.hasMemberGroup)
    for match in [*_HAS_MEMBERS.finditer(text), *_DESCRIBED_WITH_MEMBERS.finditer(text), *_WHOSE_MEMBERS.finditer(text)]:
        group = next((m for m in mentions if m.start >= match.end() and m.start - match.end() <= 12
                      and _MEMBERS_END.search(m.text)), None)
        # "X, which has 600 member companies": the relative's own subject is the name before it
        relative = re.search(r",?\s+(?:which|that)\s+(?:(?:now|also|already)\s+)?$", text[:match.start()])
        opening = match.start() if match.group().startswith(",") else relative.start() if relative is not None else -1
        owner = next((m for m in mentions if m.end == opening and m.via != "pronoun"), None) if opening >= 0 \
            else subject_before(mentions, text, match.start())
        if group is None or owner is None or lexicon.is_a(owner.cls, [ORGANIZATION]) is not True:
            continue
        yield (owner, member_group, group, "has … members", match.start(), group.end, 0.6)


_ADJECTIVE = r"(?:(?:founding|first|full|new|early|current|other|core|main)\s+)?"
_COUNT = r"(?:(?:more\s+than|over|about|nearly|some|almost)\s+)?(?:\d[\d,]*\s+)?"
#: "whose founding members include", "its members include", "members of the alliance include": the members follow.
_MEMBERS_FOLLOW = re.compile(rf"(?<![\w-])(?:(whose|its|their)\s+{_COUNT}{_ADJECTIVE}members|{_ADJECTIVE}members\s+of\s+(?:the\s+)?(?=\S))"
                             r"(?:[^,;]*?\s+)??\s*(?:include|includes|included|are|were|comprise|comprises)\s+", re.IGNORECASE)
#: "A, B and C are among its 60 members": the members go before.
_AMONG_ITS = re.compile(rf"(?<![\w-])(?:are|were|is|was)\s+(?:(?:now|also|all)\s+)*among\s+(?:its|their|the)\s+{_COUNT}"
                        rf"{_ADJECTIVE}members\b(?!\s+of\b)", re.IGNORECASE)


def _alliance_first(lexicon: Lexicon, candidates: list[Mention]) -> Mention | None:
    """Of organizations named before (nearest first), an alliance, the kind that has members, else the nearest."""
    organizations = [m for m in candidates if lexicon.is_a(m.cls, [ORGANIZATION]) is True and m.via != "pronoun"]
    return next((m for m in organizations if lexicon.is_a(m.cls, [str(KG.IndustryAlliance)])),
                organizations[0] if organizations else None)


def _list_after(mentions: list[Mention], text: str, position: int) -> list[Mention]:
    # "whose members include the port group, A and B": a described member opens the list after its article
    article = re.compile(r"the\s+").match(text, position)
    position = article.end() if article is not None else position
    first = next((m for m in mentions if m.start == position), None)
    if first is None:
        return []
    listed = [first]
    for mention in mentions:
        if mention.start > listed[-1].end and _joined(text, listed[-1], mention):
            listed.append(mention)
        elif mention.start > listed[-1].end:
            break
    return listed


def _list_before(mentions: list[Mention], text: str, position: int) -> list[Mention]:
    before = [m for m in mentions if m.end <= position]
    if not before or not re.fullmatch(r"\s*(?:(?:both|all|also|now)\s+)*", text[before[-1].end:position]):
        return []
    listed = [before[-1]]
    joined_by_and = False
    for mention in reversed(before[:-1]):
        joint = text[mention.end:listed[0].start]
        if not _joined(text, mention, listed[0]) or (joined_by_and and re.search(r"\band\b", joint)):
            break  # a list has one "and", before its last item: "with China Mobile, and A and B have joined"
        joined_by_and = joined_by_and or re.search(r"\band\b", joint) is not None
        listed.insert(0, mention)
    return listed


def member_lists(lexicon: Lexicon, mentions: list[Mention], text: str, earlier: Mention | None) -> Iterator[Fact]:
    """Members listed with the word "members": "… the X Alliance, whose founding members include A, B and C", "Its
    members include A and B", "Members of the alliance include A", "A, B and C are among its 60 members". The group is
    the organization "whose" follows or "of" names, else the one named before the list in the sentence (an alliance
    first), else the alliance named last in the text (``earlier``)."""
    found: list[tuple[list[Mention], Mention | None, re.Match[str]]] = []
    for match in _MEMBERS_FOLLOW.finditer(text):
        if match.group(1) and match.group(1).lower() == "whose":
            group = next((m for m in mentions if re.fullmatch(r",?\s*", text[m.end:match.start()])), None)
            group = group and (apposed_name(mentions, text, group) or group)  # "X, a Beijing-based body whose members …"
        elif match.group(1) is None:
            group = next((m for m in mentions if match.start() < m.start < match.end()), None)
        else:
            group = _alliance_first(lexicon, [m for m in reversed(mentions) if m.end <= match.start()]) or earlier
        found.append((_list_after(mentions, text, match.end()), group, match))
    for match in _AMONG_ITS.finditer(text):
        listed = _list_before(mentions, text, match.start())
        opening = listed[0].start if listed else match.start()
        found.append((listed, _alliance_first(lexicon, [m for m in reversed(mentions) if m.end <= opening]) or earlier, match))
    for listed, group, match in found:
        if group is None or lexicon.is_a(group.cls, [ORGANIZATION]) is False:
            continue
        for member in listed:
            if member.key != group.key and member.via != "pronoun" and lexicon.is_a(member.cls, [AGENT]) is not False:
                yield (member, MEMBER_OF, group, match.group().strip(), match.start(), match.end(), 0.6)


def _cue_class(lexicon: Lexicon, name: str) -> str | None:
    """The class of the cue that ends nearest the end of a name ("China Yangtze Power" has none, "Tianjin University" one)."""
    best: tuple[int, str] | None = None
    for cue in lexicon.cues:
        for match in cue.regex.finditer(name):
            if best is None or match.end() > best[0]:
                best = (match.end(), cue.cls)
    return best[1] if best else None


_PLURAL_VERB = re.compile(r"\s+(?:(?:both|all|each|jointly|since|also|now|have|are|were)\s+)*(?:both|each|jointly|have|are|were)\b"
                          r"(?!\s+(?:been\s+)?(?:named|called|known)\b)")


def split_list_ends(lexicon: Lexicon, mentions: list[Mention], text: str) -> list[Mention]:
    """"Hainan University, HNA Technology and Huawei": a list of names after commas ends with "and" before its last item,
    so a name read across that "and" ("HNA Technology and Huawei") after a comma is two names (the first item of a list,
    "Wuhan Iron and Steel, Baosteel and Ansteel", stays whole); and so is one before a plural verb ("Baotou Steel and
    Longyuan Power have joined": one company "has")."""
    out: list[Mention] = []
    for mention in mentions:
        joint = mention.text.rfind(" and ")
        previous = out[-1] if out else None
        listed = previous is not None and previous.via != "pronoun" \
            and re.fullmatch(r",\s*(?:[\w'’.-]+-[a-z]+\s+)?", text[previous.end:mention.start]) is not None
        # "Baotou Steel and Longyuan Power have since joined it": one company takes "has", two take "have"
        plural = _PLURAL_VERB.match(text, mention.end) is not None
        if joint > 0 and mention.via == "name" and mention.iri is None and (listed or plural):
            head, tail = mention.text[:joint], mention.text[joint + 5:]
            # "Panjiang Coal and Electricity Group": a part after "and" that opens on a field names one body of two fields
            if head[:1].isupper() and tail[:1].isupper() and tail.split()[0].lower() not in NAME_FIELDS:
                second_start = mention.start + joint + 5
                out.append(replace(mention, end=mention.start + joint, text=head, label=head, cls=_cue_class(lexicon, head)))
                out.append(replace(mention, start=second_start, text=tail, label=tail, cls=_cue_class(lexicon, tail)))
                continue
        out.append(mention)
    return out


_JOINED_IT = re.compile(r"(?<![\w-])(?:have\s+|has\s+|had\s+)?(?:(?:since|also|now|all|both)\s+)*(?:joined|signed\s+up\s+to)\s+"
                        r"(?:it|them)(?![\w-])", re.IGNORECASE)


def joined_it(lexicon: Lexicon, mentions: list[Mention], text: str, earlier: Mention | None) -> Iterator[Fact]:
    """"… founded the X Alliance together with China Mobile, and A and B have since joined it": what one joins is an
    organization that has members — the alliance named before in the sentence, else the one named last — whatever
    other organization stands nearer the pronoun."""
    for match in _JOINED_IT.finditer(text):
        listed = _list_before(mentions, text, match.start())
        if len(listed) == 2 and re.fullmatch(r"\s*,\s*and\s+", text[listed[0].end:listed[1].start]):
            listed = listed[1:]  # "… with China Mobile, and A have joined it": ", and" opens a clause, no list of two
        opening = listed[0].start if listed else match.start()
        before = [m for m in reversed(mentions) if m.end <= opening]
        group = next((m for m in before if lexicon.is_a(m.cls, [str(KG.IndustryAlliance)])), None) or earlier
        if group is None:
            continue
        for member in listed:
            if member.key == group.key or member.via == "pronoun" or lexicon.is_a(member.cls, [AGENT, GROUP]) is False:
                continue
            # "80 mining companies have joined it": a counted group is a group of members
            predicate = MEMBER_GROUP_OF if lexicon.is_a(member.cls, [GROUP]) else MEMBER_OF
            yield (member, predicate, group, "joined it", match.start(), match.end(), 0.6)


#: "… that investigators | attributed to": a relative clause with a subject of its own before the verb.
_THAT_SUBJECT = re.compile(r"(?<![\w-])that\s+(?!(?:is|are|was|were|has|have|had|will|would|can|could|may|might|also|now|still|"
                           r"it|they)\b)(?:[\w'’-]+\s+){1,3}$", re.IGNORECASE)


def object_gap(mentions: list[Mention], text: str, start: int) -> Mention | None:
    """"a phishing campaign that investigators attributed to a group": in a relative clause with its own subject, what
    "that" stands for (the mention right before it) is the object the verb leaves out — the subject of a property whose
    words end with a preposition ("attributed to"). None when the verb at ``start`` stands in no such clause."""
    clause = _THAT_SUBJECT.search(text[:start])
    if clause is None:
        return None
    own = [m for m in mentions if clause.start() < m.start and m.end <= start]
    if any(m.via == "pronoun" for m in own) or (not own and not re.search(r"[a-z]s\s+$", text[:start])):
        return None  # its subject is a mention or a bare plural ("investigators")
    return next((m for m in mentions if 0 <= clause.start() - m.end <= 1 and m.via != "pronoun"), None)


# Where a verb takes no subject or object from a name near it (read by ``suggest._best_pair``).
#: People spoken of generically and the organization they belong to: "engineers at | several suppliers".
PEOPLE_OF = re.compile(r"(?:^|[,;:]\s*|\b(?:the|many|some|several)\s+)(?:[a-z-]+\s+)?(?:" + "|".join(sorted(
    w for w in GENERIC_PEOPLE if " " not in w)) + r")s?\s+(?:at|of|from)\s+(?:(?:the|a|an|its|their)\s+)?$", re.IGNORECASE)
#: A sentence that opens on a described thing and a preposition ("The trucks at …"): its subject is that thing.
UNREAD_SUBJECT = re.compile(r"The\s+(?:[a-z][\w-]*\s+){1,3}(?:at|in|on|of|inside|across)\s")
#: An object no mention covers and its owner: "the dispatching servers of (a) …".
OWNED_OBJECT = re.compile(r"\s+(?:the|its|their)\s+(?:[a-z][\w-]*\s+){1,3}of\s+(?:(?:a|an|the)\s+)?")
#: A subject pronoun right before the verb of its clause ("because they | depend on"), after a clause break.
OWN_PRONOUN_SUBJECT = re.compile(r"(?:[,;]|\b(?:because|since|as|and|but|so|while|when|if|although|though|that))\s+"
                                  r"(?:they|it|he|she|we)\s+(?:(?:also|now|still|often|all|both)\s+)?$", re.IGNORECASE)


def beyond_coordination(text: str, start: int, subject: Mention, other_subject: Mention, other_object: Mention) -> bool:
    """Whether a pair a coordination adds to the fact of the words at ``start`` reaches past what they speak of: "A and
    B, which runs X", "A and B, a unit of Y" (the relative clause or the apposition speaks of B only); "X, supplied by
    Huawei, use Y and Z" (a list does not go on past the closing comma of the aside the words stand in)."""
    if other_subject is not subject and re.match(r",\s+(?:which|who)\b", text[subject.end:]):
        return True
    # "A and B, a unit of Y": words inside an apposition to B speak of B only
    apposition = re.match(r",\s+(?:a|an|the)\s[^,;]*", text[subject.end:])
    if other_subject is not subject and apposition is not None and subject.end < start < subject.end + apposition.end():
        return True
    # "the relays and the modules fitted in the substations": a participle right after an item with an article of its own
    # describes that item only
    if other_subject is not subject and re.fullmatch(r"\s+(?:[a-z]+ed|built|set|put)\s+", text[subject.end:start]) \
            and re.search(r"(?<![\w-])and\s+the\s+$", text[:subject.start]):
        return True
    return any(a < start < e <= other_object.start for a, e, _relative in asides(text))


#: A participle and what it governs after a noun, right before a verb: "a campaign attributed to the group Red Fox | hit".
_REDUCED_RELATIVE = re.compile(r"\s+(?:[a-z]+ed|made|built|run|owned|known)\s+(?:to|by|from|with|as|over|via)\s+[^,;]*?\s+$")


def reduced_relative_subject(mentions: list[Mention], text: str, start: int) -> Mention | None:
    """"A phishing campaign attributed to the hacker group Red Fox targeted agents": a participle clause with no commas
    between a noun and a verb describes the noun, which is the verb's subject (not the name the participle governs)."""
    before = re.sub(r"(?<=\s)(?:is|are|was|were)\s+$", "", text[:start])  # "controllers linked over 5G are | exposed to"
    if re.search(r"(?<![\w-])(?:to|and|or|that|which|who)\s+$", before, re.IGNORECASE):
        return None
    for mention in mentions:
        if mention.end < start and mention.via != "pronoun" and _REDUCED_RELATIVE.fullmatch(before, mention.end) \
                and not re.search(r"(?<![\w-])(?:that|which|who|whom|is|are|was|were|be|been|has|have|had|said|says|found)"
                                  r"(?![\w-])", before[mention.end:], re.IGNORECASE):
            return mention
    return None


#: An apposition that names the owner with "under": "Hongdu, an aircraft maker under AVIC,".
_UNDER_OWNER = re.compile(r",\s+(?:a|an)\s+(?:[a-z][\w-]*\s+){1,4}under\s+(?:the\s+)?")


def owners_under(lexicon: Lexicon, mentions: list[Mention], text: str) -> Iterator[Fact]:
    """"Hongdu Group, an aircraft maker under the Aviation Industry Corporation of China,": a company described as one
    "under" an organization is that organization's subsidiary."""
    organization, subsidiary_of = str(KG.Organization), str(KG.subsidiaryOf)
    for company in mentions:
        under = _UNDER_OWNER.match(text, company.end)
        owner = next((m for m in mentions if under is not None and m.start == under.end()), None)
        if under is None or owner is None or company.via in ("pronoun", "phrase") or owner.key == company.key \
                or lexicon.is_a(owner.cls, [organization]) is not True or lexicon.is_a(company.cls, [organization]) is False:
            continue
        yield (company, subsidiary_of, owner, "under", under.start(), under.end(), 0.55)
