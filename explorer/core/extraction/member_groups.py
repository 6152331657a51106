"""Members counted as a group and the organization they belong to, where ``relatives`` reads no verb: "A is one of the
200 members of the X Alliance", "A and B are among the 80 members of X", "X, a Beijing-based body whose 2,000 members
include …", "the alliance's 85 members include A, B and C"."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from explorer.core.extraction.appositions import apposed_name
from explorer.core.extraction.lexicon import Lexicon
from explorer.core.extraction.relatives import AGENT, MEMBER_OF, ORGANIZATION, _list_after, _list_before
from explorer.core.extraction.spans import COUNT, Mention
from explorer.core.vocab import KG

Fact = tuple[Mention, str, Mention, str, int, int, float]
MEMBER_GROUP = str(KG.hasMemberGroup)

_COUNT = r"(?:(?:more\s+than|over|about|nearly|some|almost|at\s+least)\s+)?\d[\d,]*\s+"
#: "is also one of the more than 200 members of", "are among the 80 member companies of": the members go before,
#: the organization after
_ONE_OF_MEMBERS = re.compile(rf"(?<![\w-])(?:is|are|was|were|became|has\s+become|have\s+become)\s+(?:(?:also|now|already)\s+)*"
                             rf"(?:one\s+of|among)\s+(?:the|its|their)\s+(?={_COUNT}(?:[a-z-]+\s+)?members?\b)", re.IGNORECASE)
#: "…, a Beijing-based body whose 2,000 members": a description in apposition whose relative counts the members
_DESCRIBED_WHOSE = re.compile(rf",\s+(?:a|an|the)\s+[^,;]{{1,50}}?\s+whose\s+(?={_COUNT}(?:[a-z-]+\s+)?members?\b)", re.IGNORECASE)
_MEMBERS_END = re.compile(r"members?$|member\s+(?:companies|firms|enterprises|organi[sz]ations|institutions)$")


def _counted_group(mentions: list[Mention], position: int) -> Mention | None:
    return next((m for m in mentions if position <= m.start <= position + 12 and _MEMBERS_END.search(m.text)), None)


def counted_memberships(lexicon: Lexicon, mentions: list[Mention], text: str) -> Iterator[Fact]:
    """"A is one of the 200 members of X": A is a member of X, and X has the counted group of members; "X, a body whose
    2,000 members include …": X has that group (the description before "whose" stands for X)."""
    for match in _ONE_OF_MEMBERS.finditer(text):
        group = _counted_group(mentions, match.end())
        of = re.match(r"\s+of\s+(?:the\s+)?", text[group.end:]) if group is not None else None
        organization = next((m for m in mentions if group is not None and of is not None and m.start == group.end + of.end()),
                            None)
        if group is None or organization is None or lexicon.is_a(organization.cls, [ORGANIZATION]) is not True:
            continue
        yield (organization, MEMBER_GROUP, group, "members of", group.start, organization.start, 0.6)
        for member in _list_before(mentions, text, match.start()):
            if member.via != "pronoun" and member.key != organization.key and lexicon.is_a(member.cls, [AGENT]) is not False:
                yield (member, MEMBER_OF, organization, match.group().strip(), match.start(), match.end(), 0.6)
    for match in _DESCRIBED_WHOSE.finditer(text):
        group = _counted_group(mentions, match.end())
        description = next((m for m in mentions if match.start() < m.start and m.end <= match.end()
                            and re.fullmatch(r"\s+whose\s+", text[m.end:match.end()])), None)
        owner = apposed_name(mentions, text, description) if description is not None else None
        if group is not None and owner is not None and lexicon.is_a(owner.cls, [ORGANIZATION]) is True:
            yield (owner, MEMBER_GROUP, group, "whose … members", match.start(), group.end, 0.6)


#: "The alliance's 85 members already include", "Haier's founding members are": a possessive names whose members follow.
_OWNED_MEMBERS = re.compile(rf"['’]s\s+(?:{_COUNT})?(?:(?:founding|first|full|new|current|core)\s+)?members\s+"
                            r"(?:(?:already|now|also|so\s+far)\s+)*(?:include|includes|included|comprise|comprises)\s+",
                            re.IGNORECASE)


_THE_JOINT = re.compile(r"\s*,\s*(?:and\s+)?(?:the\s+)?|\s+and\s+(?:the\s+)?")


def owned_member_lists(lexicon: Lexicon, mentions: list[Mention], text: str) -> Iterator[Fact]:
    """"The alliance's 85 members include A, B and C": each listed is a member of the organization whose possessive
    opens the words, which has the counted group."""
    for match in _OWNED_MEMBERS.finditer(text):
        owner = next((m for m in mentions if m.end == match.start() and m.via != "pronoun"), None)
        if owner is None or lexicon.is_a(owner.cls, [ORGANIZATION]) is not True:
            continue
        group = next((m for m in mentions if match.start() < m.start and m.end <= match.end()
                      and re.search(r"\d", m.text) and _MEMBERS_END.search(m.text)), None)
        if group is not None:
            yield (owner, MEMBER_GROUP, group, "'s … members", match.start(), group.end, 0.6)
        listed = _list_after(mentions, text, match.end())
        while listed and (after := next((m for m in mentions if m.start > listed[-1].end
                                         and m.via in ("name", "label") and _THE_JOINT.fullmatch(text[listed[-1].end:m.start])),
                                        None)) is not None:
            listed.append(after)  # "…, the Zibo Research Institute and Keda": a name may take "the" in the list
        for member in listed:
            if member.via != "pronoun" and member.key != owner.key and lexicon.is_a(member.cls, [AGENT]) is not False:
                yield (member, MEMBER_OF, owner, match.group().strip(), match.start(), match.end(), 0.6)


ALLIANCE = str(KG.IndustryAlliance)


def counting_alliance(lexicon: Lexicon, mentions: list[Mention], predicate: str, subject: Mention, start: int) -> Mention | None:
    """The alliance that counts a group of members where the reading gave them to another organization the sentence
    names: "The alliance, established in 2021 by A, B and C, now counts …", "… the X Alliance, which A and B set up in
    2022 and which now counts …" (the founders are no alliance; the alliance named last before the verb is)."""
    if predicate != MEMBER_GROUP or lexicon.is_a(subject.cls, [ALLIANCE]) is True:
        return None
    alliance = next((m for m in reversed(mentions) if m.end <= start and m.key != subject.key
                     and lexicon.is_a(m.cls, [ALLIANCE]) is True), None)
    return alliance if alliance is not None and alliance.start < subject.start else None


def counted_group(predicate: str, subject: Mention, obj: Mention) -> tuple[Mention, Mention]:
    """A group of members is named with its count ("counts 26 steelmakers as members": the group of 26 steelmakers), where
    a thing of no class is otherwise named without it ("26 steelmakers" … "the steelmakers"): the fact's ends so named."""
    has_group = predicate == str(KG.hasMemberGroup)
    if not has_group and predicate != str(KG.memberGroupOf):
        return subject, obj
    group = obj if has_group else subject
    if group.iri is not None or group.label is None or group.label == group.text or not COUNT.match(group.text) \
            or not group.text.endswith(group.label):
        return subject, obj
    counted = replace(group, label=group.text)
    return (subject, counted) if has_group else (counted, obj)
