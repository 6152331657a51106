"""Facts a sentence states beside the ones its trigger words link: who else acts, where things are,
whom a call is for, what a speaker's own document is.

Each reader takes the facts already suggested for one sentence (``Fact``: subject, property, object,
where the trigger words stand, confidence) with the sentence's mentions, and returns new facts:

- a partner after the object: "S built Y (in P) together with X" or "… with X": X built Y too, and
  "Y was developed (together) with X": X built Y;
- a site the subject owns: "S built Y at/across/in its X (in P)": S operates X, Y is in X and X in P;
  "S linked Y at its Jinjiang plant": the clause's subject owns the site even where no trigger fired,
  and a site named after a place is in that place;
- a sentence that opens on a place: "In Hefei, S opened a workshop": the workshop is in Hefei;
- a call for an action: "urged companies to invest in monitoring": what is called for is the
  monitoring, not the companies;
- a speaker's own document: "S reported in its annual review": S published it;
- who leads a unit: "P, who heads the university's lab": P is affiliated with the university.

None of them quotes an article; the words they read are English function words and the ontology's.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from explorer.core.extraction.constructions import governed
from explorer.core.extraction.lexicon import Lexicon
from explorer.core.extraction.mentions import Mention
from explorer.core.vocab import KG

AGENT, ORGANIZATION, PLACE, SOURCE = str(KG.Agent), str(KG.Organization), str(KG.Place), str(KG.Source)
OPERATES, LOCATED = str(KG.operates), str(KG.locatedIn)

#: (subject, property IRI, object, the words read, where they start, where they end, confidence)
Fact = tuple[Mention, str, Mention, str, int, int, float]

_CLAUSE_END = re.compile(r"[,;:]|\b(?:and|but|which|who|that|while|whose)\b", re.IGNORECASE)
_WITH = re.compile(r"(?<![\w-])(together\s+with|jointly\s+with|with\s+(?:the\s+)?help\s+(?:from|of)|with)\s+(?:the\s+)?",
                   re.IGNORECASE)


def _at(mentions: list[Mention], position: int) -> Mention | None:
    return next((m for m in mentions if m.start == position), None)


def _named(mention: Mention) -> bool:
    """A name, a known entity or a thing described with a name ("the Dalian yard"), not a bare phrase."""
    return mention.iri is not None or mention.via in ("name", "label", "ner") or (mention.text[:1].isupper()
                                                                                 and mention.via != "pronoun")


def _acts(lexicon: Lexicon, predicate: str) -> bool:
    domain = lexicon.ends(predicate)[0]
    return bool(domain) and all(lexicon.is_a(c, [AGENT]) for c in domain)


def co_actors(lexicon: Lexicon, facts: list[Fact], mentions: list[Mention], text: str) -> Iterator[Fact]:
    """"S built Y across its yard with X", "… opened a centre in P together with X": the partner after
    the object does what the subject does. A plain "with" takes only a named partner ("a platform with
    sensors" has none); nothing past the end of the verb's clause is read."""
    for subject, predicate, obj, _words, _start, end, confidence in facts:
        if obj.start < end or not _acts(lexicon, predicate) or predicate in (OPERATES, LOCATED, str(KG.partneredWith)):
            continue
        tail = text[obj.end:]
        clause_end = _CLAUSE_END.search(tail)
        for joint in _WITH.finditer(tail[:clause_end.start() if clause_end else len(tail)]):
            partner = _at(mentions, obj.end + joint.end())
            if partner is None or partner.key in (subject.key, obj.key) or partner.via == "pronoun" \
                    or lexicon.is_a(partner.cls, lexicon.ends(predicate)[0]) is False \
                    or (joint.group(1).lower() == "with" and not _named(partner)):
                continue
            yield (partner, predicate, obj, joint.group(1), obj.end + joint.start(1), obj.end + joint.end(1),
                   round(max(0.0, confidence - 0.05), 2))
            break


_BE = r"(?:is|are|was|were|been|being)"


def passive_co_actors(lexicon: Lexicon, mentions: list[Mention], text: str) -> Iterator[Fact]:
    """"The cameras were developed together with X", "… built with help from X": X built them, for any one-word participle pattern
    of a property whose subject acts ("developed", "built", "set up" …)."""
    under = governed(mentions, text)
    for pattern in lexicon.patterns:
        first = pattern.words.split()[0]
        if pattern.object_first or pattern.weak or not pattern.words.isascii() or pattern.words.endswith(" by") \
                or not re.fullmatch(r"[a-z]+ed|built|set up|rolled out", pattern.words) or not _acts(lexicon, pattern.predicate):
            continue
        said = re.compile(rf"(?<![\w-]){_BE}\s+(?:\w+ly\s+)?{re.escape(pattern.words)}\s+"
                          r"(?:with\s+(?:the\s+)?help\s+(?:from|of)|(?:together\s+|jointly\s+)?with)\s+(?:the\s+)?",
                          re.IGNORECASE)
        for match in said.finditer(text):
            # "… with Shenyang-based Neusoft": a compound before the name describes it
            compound = re.match(r"[\w.'’]+-[a-z]+\s+", text[match.end():])
            partner = _at(mentions, match.end()) or (_at(mentions, match.end() + compound.end()) if compound else None)
            thing = next((m for m in reversed(mentions) if m.end <= match.start() and m not in under
                          and not re.search(r"[,;]", text[m.end:match.start()])), None)
            if partner is None or thing is None or partner.key == thing.key \
                    or lexicon.is_a(partner.cls, pattern.domain) is False or lexicon.is_a(thing.cls, pattern.range) is False:
                continue
            yield (partner, pattern.predicate, thing, f"{first} with", match.start(), match.end(), 0.65)


_REPORTED = re.compile(r"(?<![\w-])(?:said|says|reported|reports|wrote|writes|found|finds|noted|notes|stated|states|warned)(?![\w-])",
                       re.IGNORECASE)
_OWN_SITE = re.compile(r"(?<![\w-])(?:at|across|in|inside|throughout)\s+(?:its|their)\s+", re.IGNORECASE)


def _clause_subject(mentions: list[Mention], text: str, before: int) -> Mention | None:
    """The subject of the clause that ends at ``before``: its first mention no preposition governs."""
    under = governed(mentions, text)
    return next((m for m in mentions if m.end <= before and m not in under and m.via != "pronoun"), None)


def owned_sites(lexicon: Lexicon, facts: list[Fact], mentions: list[Mention], text: str) -> Iterator[Fact]:
    """"S built Y at its X (in P)": S operates X, Y is in X, X in P. A site named by one common noun
    ("its plant") is no entity of its own: then Y is in P. With no fact before ("S linked Y at its X"),
    the clause's subject owns X and the thing right before the words is what stands there."""
    for at in _OWN_SITE.finditer(text):
        if _REPORTED.search(text[:at.start()].rstrip()[-12:]):
            continue  # "reported in its annual review": a document (see own_documents)
        site = next((m for m in mentions if m.start == at.end() and m.iri is None and m.via in ("phrase", "cue")), None)
        if site is not None and lexicon.is_a(site.cls, [SOURCE]):
            continue  # "said in its latest report": a document, no site
        # the fact whose object stands at the site: not one that places something ("based in")
        before = sorted((f for f in facts if f[5] <= at.start() and f[2].end <= at.start() and f[1] != OPERATES
                         and not all(lexicon.is_a(c, [PLACE]) for c in lexicon.ends(f[1])[1] or [AGENT])),
                        key=lambda f: f[5])
        confidence = 0.6
        thing: Mention | None
        if before:
            owner, thing, confidence = before[-1][0], before[-1][2], before[-1][6]
        elif site is None or len(site.text.split()) < 2:
            continue
        else:
            found_owner = _clause_subject(mentions, text, at.start())
            found_thing = next((m for m in mentions if 0 <= at.start() - m.end <= 1), None)
            if found_owner is None or lexicon.is_a(found_owner.cls, [AGENT]) is False:
                continue
            owner, thing = found_owner, found_thing if found_thing is not None and found_thing.key != found_owner.key else None
        words = re.match(r"(?:[\w’'-]+\s+){0,4}?[\w’'-]+(?=\s+in\s)", text[at.end():])
        site_end = site.end if site is not None else at.end() + words.end() if words is not None else None
        place_match = re.match(r"\s+in\s+", text[site_end:]) if site_end is not None else None
        place = next((m for m in mentions if place_match and site_end is not None
                      and m.start == site_end + place_match.end()), None)
        if place is not None and lexicon.is_a(place.cls, [PLACE]) is False:
            place = None
        described = site is not None and len(site.text.split()) > 1
        readings: list[tuple[Mention, str, Mention]] = []
        if described and site is not None:
            readings.append((owner, OPERATES, site))
            readings += [(thing, LOCATED, site)] if thing is not None else []
            if place is not None:
                # the thing is at the site, the site in the place: both stated, and the thing's place with them
                readings += [(site, LOCATED, place)] + ([(thing, LOCATED, place)] if thing is not None else [])
            elif site.text[:1].isupper() and len(site.text.split()) == 2:
                # "its Jinjiang plant": a site named after a place stands there
                town = site.text.split()[0]
                readings.append((site, LOCATED, Mention(site.start, site.start + len(town), town, None, None, town, "name")))
        elif place is not None and thing is not None:
            readings.append((thing, LOCATED, place))
        for subject, predicate, obj in readings:
            if subject.key != obj.key:
                yield (subject, predicate, obj, "at its", at.start(), at.end(), round(max(0.0, confidence - 0.1), 2))


_OPENING_PLACE = re.compile(r"(?:in|at)\s+", re.IGNORECASE)


def opening_place(lexicon: Lexicon, facts: list[Fact], mentions: list[Mention], text: str) -> Iterator[Fact]:
    """"In Hefei, the provincial capital, S opened a workshop": a sentence that opens on a named place
    sets the scene of its first fact, whose object stands there (unless the sentence places it)."""
    opening = _OPENING_PLACE.match(text)
    if opening is None:
        return
    place = _at(mentions, opening.end())
    if place is None or not _named(place) or lexicon.is_a(place.cls, [PLACE]) is False:
        return
    comma = text.find(",", place.end)
    if comma < 0 or text[place.end:comma].strip():
        return
    acts = [f for f in facts if f[4] > comma and f[1] not in (LOCATED, OPERATES) and f[2].key != place.key
            and lexicon.is_a(f[2].cls, [AGENT, PLACE]) is not True]
    if not acts:
        return
    thing = acts[0][2]
    site = next((f[2] for f in facts if f[1] == OPERATES and f[3] == "at its"), None)
    target = site or thing
    if any(f[0].key == target.key and f[1] == LOCATED for f in facts):
        return
    yield (target, LOCATED, place, opening.group().strip(), 0, opening.end(), 0.55)


_TO_ACT = re.compile(r"\s+to\s+[a-z]+(?:\s+(?:in|on|for|into|more\s+in))?(?:\s+(?:the\s+|its\s+|their\s+)?|(?=[.,;:!?]|$))",
                     re.IGNORECASE)


def called_actions(facts: list[Fact], mentions: list[Mention], text: str) -> list[Fact | None]:
    """"S urged companies to invest in monitoring": S calls for the monitoring; the companies are
    whom the call is addressed to. The facts of ``facts`` so read are returned changed, and a call
    whose action names nothing as None."""
    calls = str(KG.callsFor)
    out: list[Fact | None] = []
    for fact in facts:
        subject, predicate, obj, words, start, end, confidence = fact
        action = _TO_ACT.match(text, obj.end) if predicate == calls else None
        wanted = _at(mentions, action.end()) if action else None
        if action is not None and wanted is None:
            out.append(None)  # whom a call is addressed to is not what it calls for
            continue
        out.append((subject, predicate, wanted, words, start, end, confidence) if wanted is not None else fact)
    return out


_IN_OWN = re.compile(r"\s+in\s+(?:its|their|his|her)\s+", re.IGNORECASE)


def own_documents(lexicon: Lexicon, mentions: list[Mention], text: str) -> Iterator[Fact]:
    """"S reported in its annual review that …": S published the review."""
    published = str(KG.published)
    for verb in _REPORTED.finditer(text):
        joint = _IN_OWN.match(text, verb.end())
        if joint is None:
            continue
        document = _at(mentions, joint.end())
        speaker = next((m for m in reversed(mentions) if 0 <= verb.start() - m.end <= 1), None)
        if document is None or speaker is None or speaker.via == "phrase" \
                or lexicon.is_a(speaker.cls, [AGENT]) is False or lexicon.is_a(document.cls, lexicon.ends(published)[1]) is False:
            continue
        yield (speaker, published, document, f"{verb.group()} in its", verb.start(), joint.end(), 0.65)


_LEADS = re.compile(r",?\s+who\s+(?:also\s+)?(?:leads|heads|directs|runs|chairs|manages|founded)\s+", re.IGNORECASE)


def unit_leaders(lexicon: Lexicon, mentions: list[Mention], text: str) -> Iterator[Fact]:
    """"P, who heads the university's lab", "P, who leads Acme's research team": P is affiliated
    with the organization named right after the verb (or with the one owning what is named)."""
    person, affiliated = str(KG.Person), str(KG.affiliatedWith)
    for mention in mentions:
        if not lexicon.is_a(mention.cls, [person]):
            continue
        joint = _LEADS.match(text, mention.end)
        if joint is None:
            continue
        led = next((m for m in mentions if m.start in (joint.end(), joint.end() + 4) and m.via != "pronoun"), None)
        if led is not None and lexicon.is_a(led.cls, [ORGANIZATION]) is True:
            yield (mention, affiliated, led, joint.group().strip(" ,"), joint.start(), joint.end(), 0.65)
