"""Sites a clause's subject calls its own: "S built Y at its X (in P)": S operates X, Y stands in X, X in P.

Whose site "its" names is the owner of the fact the words follow, unless that fact's subject is one of a list ("A and
B fitted Y at its plant": "its" is no list's, so the site is the speaker's, "H said A and B …", or no one's the
sentence names); a fact whose object is an agent ("teamed up with X at its plant") puts no agent at the site, and a
fact of another clause (", while …") none at all.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from explorer.core.extraction import sites
from explorer.core.extraction.clauses import (
    _REPORTED,
    AGENT,
    CALLS_FOR,
    LOCATED,
    LOCATION,
    OPERATES,
    PLACE,
    SOURCE,
    Fact,
    _clause_subject,
)
from explorer.core.extraction.lexicon import Lexicon
from explorer.core.extraction.mentions import Mention
from explorer.core.extraction.spans import singular

#: What places a site: "in P", and for a site, "near P", "outside P", "around P".
_PLACE_AFTER = re.compile(r"\s+(?:in|near|outside|around|close\s+to)\s+(?:the\s+)?", re.IGNORECASE)
_OWN_SITE = re.compile(r"(?<![\w-])(at|across|in|inside|throughout|on)\s+(?:its|their)\s+", re.IGNORECASE)


#: Occasions a body holds: "at its annual forum" says when, not where anything stands.
_OCCASIONS = frozenset(["forum", "conference", "meeting", "summit", "congress", "expo", "exhibition", "fair", "ceremony",
                        "event", "assembly", "session", "briefing", "launch"])
#: Words that open a clause of its own, whose facts say nothing of a site named after it ("…, while rival H uses …").
_OTHER_CLAUSE = re.compile(r";|(?<![\w-])(?:while|whereas|but)(?![\w-])", re.IGNORECASE)


def _listed(owner: Mention, mentions: list[Mention], text: str) -> bool:
    """Whether the owner is one of a list ("A and B fitted Y"): "its" is none of theirs (a list is "their")."""
    # (the owner may be "its" itself, read as a name of the sentence)
    named = [m for m in mentions if m.key == owner.key and m.via != "pronoun"]
    return any(re.fullmatch(r"\s+(?:and|&)\s+", text[o.end:m.start]) or re.fullmatch(r"\s+(?:and|&)\s+", text[m.end:o.start])
               for o in named for m in mentions if m.via in ("name", "label", "cue"))


def _agent_object(lexicon: Lexicon, fact: Fact) -> bool:
    """A fact whose object is one who acts, named ("teamed up with X"): a partner stands at no site."""
    range_ = lexicon.ends(fact[1])[1]
    # (an organisation the fact makes may stand there: "opened a joint lab … on its campus")
    return bool(range_) and all(lexicon.is_a(c, [AGENT]) for c in range_) \
        and (fact[2].via in ("name", "label", "ner") or fact[2].text[:1].isupper())


def _speaker(lexicon: Lexicon, mentions: list[Mention], text: str, before: int) -> Mention | None:
    """"H said A and B fitted Y at its plant": the one who speaks of the site, when a name says so before the list."""
    return next((m for m in reversed(mentions) if m.end <= before and m.via in ("name", "label")
                 and _REPORTED.match(text, m.end + 1) and lexicon.is_a(m.cls, [AGENT]) is not False), None)


def _part_after(mentions: list[Mention], text: str, place: Mention) -> Mention | None:
    """The part of a place its possessive names ("Zhuzhou's | Shifeng district"), if one follows it."""
    possessive = re.match(r"['’]s\s+", text[place.end:])
    return next((m for m in mentions if possessive is not None and m.start == place.end + possessive.end()
                 and m.text.split()[-1].lower() in sites.PLACE_PARTS), None)


def _placed_site(lexicon: Lexicon, at: re.Match[str], site: Mention, text: str) -> bool:
    """"at its ranches near Hohhot": one word of a known kind of site, placed right after, names sites the owner runs
    there (one entity of their own), where "its plant" alone is only the owner's."""
    return at.group(1).lower() == "at" and sites.has_site_head(lexicon, site) and _PLACE_AFTER.match(text, site.end) is not None


def owned_sites(lexicon: Lexicon, facts: list[Fact], mentions: list[Mention], text: str) -> Iterator[Fact]:
    """"S built Y at its X (in P)": S operates X, Y is in X, X in P. A site named by one common noun
    ("its plant") is no entity of its own: then Y is in P. With no fact before ("S linked Y at its X"),
    the clause's subject owns X and the thing right before the words is what stands there."""
    for at in _OWN_SITE.finditer(text):
        if _REPORTED.search(text[:at.start()].rstrip()[-12:]):
            continue  # "reported in its annual review": a document (see own_documents)
        # an adjective may stand before a named site ("at its underground | Longshou mine")
        site = next((m for m in mentions if m.start >= at.end() and m.iri is None and m.via in ("phrase", "cue")
                     and re.fullmatch(r"(?:[a-z][\w-]*\s+){0,2}", text[at.end():m.start])
                     and (m.start == at.end() or m.text[:1].isupper())), None)
        if site is not None and (lexicon.is_a(site.cls, [SOURCE]) or singular(site.text.split()[-1].lower()) in _OCCASIONS):
            continue  # "said in its latest report", "signed up members at its annual forum": a document or an occasion
        if at.group(1).lower() == "on" and (site is None or not (sites.has_site_head(lexicon, site)
                                                                 or site.text.split()[-1].lower() in sites.site_heads(lexicon))):
            continue  # "on its campus" is a site, "runs on its network" no place
        # who "its" stands for, as the references read it ("X, a subsidiary of Y, is testing … at its plant": X)
        pronoun = next((m for m in mentions if at.start() < m.start < at.end() and m.via == "pronoun" and (m.iri or m.label)
                        and lexicon.is_a(m.cls, [AGENT]) is not False), None)
        # the fact whose object stands at the site: not one that places something ("based in"), and one of the owner's
        # (a measure called for stands at no site: "would make segmentation mandatory for factories in its programme")
        # (a partner stands at no site: "teamed up with X at its plant"; nor does a fact of another clause)
        before = sorted((f for f in facts if f[5] <= at.start() and f[2].end <= at.start() and f[1] not in (OPERATES, CALLS_FOR)
                         and not all(lexicon.is_a(c, [LOCATION]) for c in lexicon.ends(f[1])[1] or [AGENT])
                         and not _agent_object(lexicon, f) and not _OTHER_CLAUSE.search(text[f[5]:at.start()])
                         and (pronoun is None or f[0].key == pronoun.key)),
                        key=lambda f: f[5])
        confidence = 0.6
        thing: Mention | None
        owner: Mention | None
        if before:
            owner, thing, confidence = before[-1][0], before[-1][2], before[-1][6]
        elif site is None or (len(site.text.split()) < 2 and not _placed_site(lexicon, at, site, text)) \
                or (pronoun is not None and not sites.has_site_head(lexicon, site) and not site.text[:1].isupper()):
            continue  # "in its first year": only a site, named or of a kind of site, is owned where no fact says so
        else:
            found_owner = pronoun or _clause_subject(mentions, text, at.start())
            # what stands there is the last thing named before the words in their clause ("installed base stations
            # 800 metres underground at its X": a depth between them is no mention)
            # (a body named there is a partner of the work, no thing standing at the site: "a trial with X at its plant")
            found_thing = next((m for m in reversed(mentions) if m.end <= at.start() and m.via != "pronoun"
                                and not re.search(r"[,;]", text[m.end:at.start()])), None)
            if found_thing is not None and ((found_thing.via in ("name", "label") and lexicon.is_a(found_thing.cls, [AGENT]) is not False)
                                            or re.fullmatch(r"\s+and\s+", text[found_thing.end:at.start()])):
                found_thing = None  # (nor a site joined by "and": "at its Baotou plant and | at its plant in P")
            if found_owner is None or lexicon.is_a(found_owner.cls, [AGENT]) is False:
                continue
            owner, thing = found_owner, found_thing if found_thing is not None and found_thing.key != found_owner.key else None
        if owner is not None and _listed(owner, mentions, text):
            owner = _speaker(lexicon, mentions, text, min(m.start for m in mentions if m.key == owner.key))
        words = re.match(r"(?:[\w’'-]+\s+){0,4}?[\w’'-]+(?=\s+in\s)", text[at.end():])
        site_end = site.end if site is not None else at.end() + words.end() if words is not None else None
        place_match = _PLACE_AFTER.match(text[site_end:]) if site_end is not None else None
        place = next((m for m in mentions if place_match and site_end is not None
                      and m.start == site_end + place_match.end()), None)
        if place is not None and lexicon.is_a(place.cls, [PLACE]) is False:
            place = None
        # "at its plant in Zhuzhou's Shifeng district": the site is in the part of the place, which lies in the place
        part = _part_after(mentions, text, place) if place is not None else None
        place = part or place
        described = site is not None and (len(site.text.split()) > 1 or (place is not None and _placed_site(lexicon, at, site, text)))
        readings: list[tuple[Mention, str, Mention]] = []
        if described and site is not None:
            readings += [(owner, OPERATES, site)] if owner is not None else []
            # "built a smart mine at its limestone quarry": a site made at a site is that site made over, no thing in it
            made_over = thing is not None and sites.has_site_head(lexicon, thing)
            readings += [(thing, LOCATED, site)] if thing is not None and not made_over else []
            if place is not None:
                # the thing is at the site, the site in the place: "in P" describes the site, and the thing's place
                # follows from the two; a site made over stands in P itself
                readings.append((site, LOCATED, place))
                if thing is not None and made_over:
                    readings.append((thing, LOCATED, place))
            elif site.text[:1].isupper() and len(site.text.split()) == 2:
                # "In Jinjiang, … its Jinjiang plant": a site named after a place the sentence names stands there (a
                # name the text never gives a place, "its Tashan mine", may be the site's own)
                town = site.text.split()[0]
                if any(m.text == town and m.start != site.start and lexicon.is_a(m.cls, [PLACE]) is not False for m in mentions):
                    readings.append((site, LOCATED, Mention(site.start, site.start + len(town), town, None, None, town, "name")))
        elif place is not None and thing is not None:
            readings.append((thing, LOCATED, place))
        for subject, predicate, obj in readings:
            if subject.key != obj.key:
                yield (subject, predicate, obj, "at its", at.start(), at.end(), round(max(0.0, confidence - 0.1), 2))
