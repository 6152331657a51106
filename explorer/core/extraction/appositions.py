"""What an apposition after a name says of it.

- Whose part the name is: "FAW Jiefang, the group's truck-making subsidiary," and "Faway, a FAW subsidiary that makes
  seats," — the owner is named (or referred to) before the head noun — and "X, the regional arm of Y" — the owner
  named after it; the head noun is one the ontology declares as an organization's part ("'s subsidiary", "'s unit",
  "'s arm", "'s branch").
- Where a person works: "P, a deputy director at the department", "P, the alliance's secretary-general", "P, who
  studies industrial devices at X"."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from explorer.core.extraction import speech
from explorer.core.extraction.lexicon import Lexicon, PropertyPattern
from explorer.core.extraction.spans import Mention, Reading, singular
from explorer.core.extraction.words import CHINESE_PROVINCES
from explorer.core.vocab import KG

ORGANIZATION, PLACE = str(KG.Organization), str(KG.Place)

NameLookup = Callable[[str, int, "str | None"], Mention]

#: ", a …", ", the …" after a name, up to what ends the apposition (a comma, a relative, a participle of place or the end)
_APPOSITION = re.compile(r",\s+(?:a|an|the)\s+(.{1,80}?)(?=\s*[,;:.]|\s+(?:that|which|who|whose|based|headquartered|in|with)\b|$)")
#: ", the regional arm of the state-owned …": the head noun of the part, then the owner after "of"
_PART_OF = re.compile(r",\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,3}?([a-z]+)\s+of\s+(?:the\s+)?(?:[a-z][\w-]*\s+){0,2}?(?=[A-Z])")
#: "the group's truck-making": the owner, its "'s", at most three words describing the part
_OWNER_S = re.compile(r"(.+?)['’]s\s+(?:[\w-]+\s+){0,3}$")
#: "FAW", "China Baowu Steel": capitalized words opening the apposition, then at most two describing words
_OWNER_NAME = re.compile(r"((?:[A-Z][\w&.-]*\s+)*[A-Z][\w&.-]*)\s+(?:[a-z][\w-]*\s+){0,2}$")


def read(lexicon: Lexicon, mentions: list[Mention], text: str, named: NameLookup) -> Iterator[Reading]:
    """All that the appositions of one sentence say: owners of parts, and where people work."""
    yield from apposed_owners(lexicon, mentions, text, named)
    yield from person_affiliations(lexicon, mentions, text, named)
    yield from provinces_of_cities(mentions, text, named)


#: "Xuchang, the Henan city that …": a province's name before the kind of place an apposition calls a name.
_PROVINCE_KIND = re.compile(r",\s+the\s+([A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)\s+(?:port\s+|border\s+|coastal\s+)?(?:city|town|county)\b")


def provinces_of_cities(mentions: list[Mention], text: str, named: NameLookup) -> Iterator[Reading]:
    """"Xuchang, the Henan city that makes half of the world's wigs": the city named lies in the province its apposition
    names."""
    for place in mentions:
        kind = _PROVINCE_KIND.match(text, place.end)
        if place.via not in ("name", "label") or kind is None or kind.group(1).lower() not in CHINESE_PROVINCES:
            continue
        province = named(kind.group(1), kind.start(1), str(KG.Province))
        yield (place, str(KG.locatedIn), province, ", the", place.end, kind.start(1), 0.7)


def _part_heads(lexicon: Lexicon) -> dict[str, PropertyPattern]:
    """Head nouns of the "'s …" patterns whose object is an organization: "subsidiary", "unit", "arm", "branch"."""
    return {p.words.split()[1].lower(): p for p in lexicon.patterns
            if p.words.startswith(("'s ", "’s ")) and len(p.words.split()) == 2 and not p.object_first
            and p.range and all(lexicon.is_a(c, [ORGANIZATION]) for c in p.range)}


def apposed_owners(lexicon: Lexicon, mentions: list[Mention], text: str, named: NameLookup) -> Iterator[Reading]:
    """"X, the group's subsidiary," / "X, a FAW subsidiary that …": the owner has X as the part the head noun names."""
    heads = _part_heads(lexicon)
    for part in mentions:
        if part.via not in ("name", "label", "ner") and part.iri is None:
            continue
        part_of = _PART_OF.match(text, part.end)
        pattern = heads.get(part_of.group(1).lower()) if part_of is not None else None
        if part_of is not None and pattern is not None and lexicon.is_a(part.cls, pattern.range) is not False:
            # "X, the regional arm of Y": the owner after "of", a name
            after_of = next((m for m in mentions if m.start in (part_of.end(), part_of.end() - 4) and m.start > part.end), None)
            if after_of is not None and (owned := re.match(r"['’]s\s+", text[after_of.end:])) is not None:
                # "a unit of Hangzhou's Hikvision": the owner is the name the possessive goes on with
                after_of = next((m for m in mentions if m.start == after_of.end + owned.end()), after_of)
            if after_of is not None and after_of.via in ("name", "label") and after_of.key != part.key \
                    and lexicon.is_a(after_of.cls, pattern.domain) is not False and lexicon.is_a(after_of.cls, [PLACE]) is not True:
                yield (after_of, pattern.predicate, part, pattern.words, part_of.start(1), part_of.end(), 0.7)
                continue
        apposition = _APPOSITION.match(text, part.end)
        if apposition is None:
            continue
        words = apposition.group(1)
        head = words.split()[-1].lower()
        pattern = heads.get(head) or heads.get(singular(head))
        if pattern is None or lexicon.is_a(part.cls, pattern.range) is False:
            continue
        before_head = words[:len(words) - len(words.split()[-1])]
        at = apposition.start(1)
        owner: Mention | None = None
        possessive = _OWNER_S.fullmatch(before_head)
        if possessive is not None:
            # "the group's": a description read as the entity it refers to, else a name before the "'s"
            end = at + possessive.end(1)
            owner = next((m for m in mentions if m.end == end and m.start >= apposition.start() and m.via != "pronoun"), None)
            if owner is None and possessive.group(1)[:1].isupper():
                owner = named(possessive.group(1), at, None)
        else:
            modifier = _OWNER_NAME.fullmatch(before_head)
            if modifier is not None:
                owner = named(modifier.group(1), at, None)
        if owner is None or owner.key == part.key or lexicon.is_a(owner.cls, [PLACE]) is True \
                or lexicon.is_a(owner.cls, pattern.domain) is False:
            continue
        yield (owner, pattern.predicate, part, pattern.words, at, apposition.end(1), 0.7)


ROLE = (r"(?:director|professor|lecturer|engineer|analyst|researcher|scientist|official|executive|spokesperson|spokesman"
         r"|spokeswoman|chairman|chairwoman|president|vice-president|secretary-general|secretary|manager|economist|fellow"
         r"|founder|head|chief|deputy|officer|partner)")
#: "P, the branch's deputy general manager", "P, Huawei's vice-president for …": the owner of the role, before its "'s"
_OWNED_ROLE = re.compile(r",\s+(?:the\s+)?(.{2,60}?)['’]s\s+(?:[a-z-]+\s+){0,3}" + ROLE + r"(?![\w-])")
#: "P, a deputy director at the department": a role in apposition, then where it is held
_ROLE_AT = re.compile(r",\s+(?:(?:a|an|the)\s+)?(?:[a-z-]+\s+){0,3}" + ROLE + r"\s+(?:at|of|with)\s+")
#: "P, who studies industrial devices at X", "P, who heads an industrial security lab at X": where the work is done
_WHO_WORKS_AT = re.compile(r",?\s+who\s+(?:also\s+|now\s+)?(?:works|studies|teaches|researches|leads|heads|directs|runs|manages"
                           r"|oversees|chairs)\s+(?:[\w-]+\s+){0,5}?at\s+")


#: "Zhao Min of BAIC": a person's name, "of", the organization's name (its words are the group, then what follows)
_OF_ORGANIZATION = re.compile(r"\s+of\s+(?:the\s+)?(?=([A-Z][\w&.'’-]*(?:\s+(?:[A-Z][\w&.'’-]*|of|and|for))*))")
#: what a speaker's name and its organization are followed by: a verb of saying
_SPEAKS = re.compile(rf",?\s+{speech.saying()}\b")


def _person(lexicon: Lexicon, mention: Mention) -> bool:
    """A person's name, or a name of no known kind that a role or "who" after it says is one."""
    return lexicon.is_a(mention.cls, [str(KG.Person)]) is True or (mention.cls is None and mention.via == "name"
                                                                     and " " in mention.text)


def person_affiliations(lexicon: Lexicon, mentions: list[Mention], text: str, named: NameLookup) -> Iterator[Reading]:
    """A person is affiliated with the organization an apposition after the name holds the role at: "P, a deputy
    director at the department", "P, the alliance's secretary-general", "P, who studies industrial devices at X"."""
    affiliated, person_class = str(KG.affiliatedWith), str(KG.Person)
    for person in mentions:
        if not _person(lexicon, person):
            continue
        organization: Mention | None = None
        owned = _OWNED_ROLE.match(text, person.end)
        if owned is not None:
            organization = next((m for m in mentions if m.end == owned.end(1) and m.start >= person.end
                                 and m.via != "pronoun"), None)
            if organization is None and owned.group(1)[:1].isupper() and " " not in owned.group(1).strip():
                # "Midea's vice-president" read as one noun phrase: the owner is the one-word name before its "'s"
                organization = named(owned.group(1), owned.start(1), None)
        said = owned or _ROLE_AT.match(text, person.end) or _WHO_WORKS_AT.match(text, person.end)
        of = _OF_ORGANIZATION.match(text, person.end)
        if said is None and of is not None and (lexicon.is_a(person.cls, [person_class]) is True
                                                or _SPEAKS.match(text, of.end() + len(of.group(1)))):
            # "Zhao Min of BAIC said": a person "of" a named organization works there
            said, organization = of, next((m for m in mentions if m.start == of.end() and m.via in ("name", "label")), None)
        if organization is None and said is not None and said is not owned and said is not of:
            # the organization's mention may hold its "the" ("at the department")
            organization = next((m for m in mentions if m.start in (said.end(), said.end() + 4) and m.via != "pronoun"), None)
        if organization is None or said is None or organization.key == person.key \
                or lexicon.is_a(organization.cls, [ORGANIZATION]) is False or lexicon.is_a(organization.cls, [person_class]) \
                or (organization.cls is None and organization.via not in ("name", "label")):
            continue
        yield (person, affiliated, organization, said.group().strip(" ,"), said.start(), said.end(), 0.6)


#: Between a name and the description in apposition to it: "the Anhui Industrial Internet Platform|, a |cloud service".
_APPOSED = re.compile(r",\s+(?:a|an|the)\s+(?:[\w.'’]+-[a-z]+\s+)?(?:[a-z][\w-]*\s+){0,3}")


def apposed_name(mentions: list[Mention], text: str, description: Mention) -> Mention | None:
    """The name a description stands in apposition to ("the X Platform, a cloud service launched by …": X Platform), when
    the description is a common noun phrase that opens the apposition; None otherwise."""
    if description.via not in ("phrase", "cue", "definite") or description.iri is not None \
            or not (description.label or description.text).split()[-1][:1].islower():
        return None
    name = next((m for m in reversed(mentions) if m.end < description.start), None)
    if name is None or name.via not in ("name", "label", "ner") or not _APPOSED.fullmatch(text[name.end:description.start]):
        return None
    return name
