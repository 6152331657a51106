"""Who acts with the subject of a verb: "S built Y (in P) together with X" (X built Y too), "S set up a joint lab with
A and B" (A and B set it up, and are S's partners), "A and B (jointly) set up X" (A and B are partners)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from explorer.core.extraction import relatives
from explorer.core.extraction.clauses import _CLAUSE_END, _WITH, LOCATED, OPERATES, Fact, _acts, _at, _named
from explorer.core.extraction.lexicon import Lexicon
from explorer.core.extraction.mentions import Mention
from explorer.core.extraction.readings import unrealised
from explorer.core.vocab import KG

#: "X, which" / "a platform that": what lies between an object and the subject of its relative clause.
_OBJECT_RELATIVE = re.compile(r"^\s*,?\s*(?:which|that)\s+(?:(?:the|a|an|its|their)\s+)?$", re.IGNORECASE)


#: "whose members include A, B and dozens of C": a name so listed is an example, not who acts in the main clause.
_LISTED_MEMBER = re.compile(r"\b(?:include|includes|including|such\s+as)\s+[^;:]*$", re.IGNORECASE)


def co_actors(lexicon: Lexicon, facts: list[Fact], mentions: list[Mention], text: str) -> Iterator[Fact]:
    """"S built Y across its yard with X", "… opened a centre in P together with X": the partner after
    the object does what the subject does. A plain "with" takes only a named partner ("a platform with
    sensors" has none); nothing past the end of the verb's clause is read."""
    for subject, predicate, obj, _words, _start, end, confidence in facts:
        # (a subject inside an aside before the verb, "whose members include A and B, has set up …", is not who acts)
        if not _acts(lexicon, predicate) or predicate in (OPERATES, LOCATED, str(KG.partneredWith)):
            continue
        # "the alliance, which X set up in 2021 with Y": in an object relative the partner follows the verb
        after = obj.end if obj.start >= end else end
        if obj.start < end and (subject.start < obj.start or not _OBJECT_RELATIVE.search(text[obj.end:subject.start])):
            continue
        tail = text[after:]
        clause_end = _CLAUSE_END.search(tail)
        for joint in _WITH.finditer(tail[:clause_end.start() if clause_end else len(tail)]):
            # ("with the branch": a reference takes its "the" in, which the joint read past)
            partner = _at(mentions, after + joint.end()) or next((m for m in mentions if m.via == "definite"
                                                                 and m.start < after + joint.end() < m.end), None)
            if partner is None or partner.key in (subject.key, obj.key) or partner.via == "pronoun" \
                    or lexicon.is_a(partner.cls, lexicon.ends(predicate)[0]) is False \
                    or (joint.group(1).lower() == "with" and not _named(partner) and not _named_reference(partner)):
                continue
            for one in co_partners(mentions, text, partner):
                if lexicon.is_a(one.cls, lexicon.ends(predicate)[0]) is False or one.key in (subject.key, obj.key):
                    continue
                if not unrealised(text, _start, future=True):
                    # (who will do a thing "together with" X is the one that announced it; X is named as its partner)
                    yield (one, predicate, obj, joint.group(1), after + joint.start(1), after + joint.end(1),
                           round(max(0.0, confidence - 0.05), 2))
                if "help" not in joint.group(1).lower() and lexicon.is_a(one.cls, [str(KG.Agent)]) is not False \
                        and not any(s <= subject.start < e <= _start for s, e, _relative in relatives.asides(text)) \
                        and not _LISTED_MEMBER.search(text[:subject.start]):
                    # "set up a lab with X", "developed the platform together with X": the two work together (the
                    # writers' kg:partneredWith: "teamed up, signed an agreement, jointly, with")
                    yield (subject, str(KG.partneredWith), one, joint.group(1), after + joint.start(1),
                           after + joint.end(1), round(max(0.0, confidence - 0.1), 2))
            break


def _named_reference(mention: Mention) -> bool:
    """"the branch" standing for a name said before ("China Telecom's Jiangxi branch"): a partner as named as the name."""
    return mention.via == "definite" and (mention.label or "")[:1].isupper()


def co_partners(mentions: list[Mention], text: str, first: Mention) -> list[Mention]:
    """``first`` and the named partners listed after it ("with A and B", "with A, B and C"); ", and" after one name opens
    a clause ("with A, and B have since joined"), as does a verb after the last name."""
    out, commas = [first], False
    while (joint := re.match(r"\s*,\s*(?:and\s+)?|\s+and\s+", text[out[-1].end:])) is not None:
        following = _at(mentions, out[-1].end + joint.end())
        if following is None or following.via == "pronoun" or not _named(following) or (joint.group().strip() == ", and"
                                                                                        and not commas):
            break
        commas = commas or joint.group().strip() == ","
        out.append(following)
        if "and" in joint.group():
            break
    if len(out) > 1 and ("and" not in text[out[-2].end:out[-1].start]
                         or re.match(r"\s+(?:have|has|had|are|is|were|was|will|also|both)\b", text[out[-1].end:])):
        return out[:1]
    return out


#: Between two subjects of one verb ("A and B set up", "A, B and C jointly built") or two agents after its "by".
_SUBJECTS_JOINED = re.compile(r"\s*,\s*(?:and\s+)?(?:the\s+)?|\s+and\s+(?:the\s+)?", re.IGNORECASE)
#: Words that say a thing was made together: "jointly", "together", "a joint lab".
_TOGETHER = re.compile(r"(?<![\w-])(?:jointly|together|joint)(?![\w-])", re.IGNORECASE)


def co_subjects(lexicon: Lexicon, facts: list[Fact], mentions: list[Mention], text: str) -> Iterator[Fact]:
    """"A and B set up the X Alliance", "A, B and C have set up …", "A and B jointly built Y", "Y was developed jointly
    by A and B": agents named together as the makers or founders of one thing worked together, each with each (the
    writers' kg:partneredWith: "jointly"). A thing founded or completed together needs no such word; one built or
    developed does ("A and B supplied the radios" may be two sales)."""
    established, built, built_by = str(KG.established), str(KG.built), str(KG.builtBy)
    #: per property, words and thing: its agents with their facts
    groups: dict[tuple[str, int, int, str], list[tuple[Mention, Fact]]] = {}
    for fact in facts:
        if fact[1] in (established, built, built_by):
            agent, thing = (fact[2], fact[0]) if fact[1] == built_by else (fact[0], fact[2])
            groups.setdefault((fact[1], fact[4], fact[5], thing.key), []).append((agent, fact))
    for (predicate, start, _end, _thing), members in groups.items():
        # the agents listed one after another ("A, B and C"), each list apart
        chains: list[list[tuple[Mention, Fact]]] = []
        for agent, fact in sorted(members, key=lambda member: member[0].start):
            last = chains[-1][-1][0] if chains else None
            if last is not None and last.key != agent.key and last.end <= agent.start \
                    and _SUBJECTS_JOINED.fullmatch(text[last.end:agent.start]):
                chains[-1].append((agent, fact))
            elif last is None or last.key != agent.key:
                chains.append([(agent, fact)])
        for chain in chains:
            if len(chain) < 2 or any(m.via == "pronoun" or (lexicon.is_a(m.cls, [str(KG.Agent)]) is not True and not _named(m))
                                     for m, _ in chain):
                continue
            if predicate != built_by and not re.fullmatch(
                    r"(?:\s*\([^)]*\))?(?:,\s+(?:a|an|the)\s[^,;]*,)?"
                    r"\s+(?:(?:have|has|had|are|is|were|was|will|also|jointly|together|since|recently|both|meanwhile|now"
                    r"|currently|already)\s+)*", text[chain[-1][0].end:start]):
                continue  # "A and B joined with C to form X": the agents are subjects of another verb than the one read
            for index, (one, first) in enumerate(chain):
                for other, second in chain[index + 1:]:
                    thing = first[0] if predicate == built_by else first[2]
                    span = text[min(one.start, first[4]):max(thing.end, first[5], other.end)]
                    # (a project completed together is joint work: "A and B have completed a 5G network")
                    if predicate != established and not _TOGETHER.search(span) and first[3].lower() != "completed":
                        continue
                    yield (one, str(KG.partneredWith), other, "jointly" if _TOGETHER.search(span) else "and",
                           first[4], first[5], round(max(0.0, min(first[6], second[6]) - 0.1), 2))
