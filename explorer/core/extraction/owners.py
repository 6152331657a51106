"""What an owner named by a reference has: "the alliance's shared data platform" (the alliance named before
runs it), "the company's Wuxi plant", "Sany, whose Changsha plant …". The possessor is a description the references
read as an entity, or the name a "whose" follows; the possessed thing's head noun names the property, as an "'s"
pattern of the ontology declares it ("'s platform", "'s plant" of ``kg:operates``, "'s branch" of ``kg:hasBranch``). Who holds a
share of a company ("X, in which Y holds a stake", "whose shareholders include", "counts Y as its largest shareholder")."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from itertools import pairwise

from explorer.core.extraction import sites
from explorer.core.extraction.appositions import apposed_name
from explorer.core.extraction.lexicon import Lexicon
from explorer.core.extraction.possessions import referred_owners
from explorer.core.extraction.spans import OWN_UNIT, Mention, Reading, adverb, past_form, singular
from explorer.core.extraction.words import GENERIC_PEOPLE, PLACE_NAMES, STOPWORDS
from explorer.core.search import normalize
from explorer.core.vocab import KG

#: Things an organization's possessive names as ones it runs ("the group's brewing-analytics application"); a system is
#: left out: "the company's systems" after an attack is as often the last company named, not the one hit.
_RUN_THINGS = frozenset(["software", "application", "app", "store", "zone", "fleet"])
ORGANIZATION, OPERATES, PLACE = str(KG.Organization), str(KG.operates), str(KG.Place)


def described_owners(lexicon: Lexicon, mentions: list[Mention], text: str) -> Iterator[Reading]:
    """"the alliance's shared data platform": the entity a description stands for has what follows its "'s"."""
    by_head = {p.words.split()[1].lower(): p for p in lexicon.patterns
               if p.words.startswith(("'s ", "’s ")) and len(p.words.split()) == 2 and not p.object_first}
    ordered = sorted(mentions, key=lambda m: m.start)
    for owner, owned in pairwise(ordered):
        if owned.via not in ("phrase", "cue") or owned.iri is not None:
            continue
        # "the alliance's X"; "Sany, whose Changsha plant …": a relative's possessive is the name it follows
        # ("the company's own supply-chain platform": "own" says the same)
        if not (owner.via == "definite" and re.fullmatch(r"['’]s?\s+(?:own\s+)?", text[owner.end:owned.start])) \
                and not (owner.via in ("name", "label", "definite") and re.fullmatch(r",?\s+whose\s+", text[owner.end:owned.start])):
            continue
        head = singular(owned.text.split()[-1].lower())
        pattern = by_head.get(head) or by_head.get(owned.text.split()[-1].lower())
        if pattern is None and head in _RUN_THINGS and owner.via == "definite" and "whose" not in text[owner.end:owned.start] \
                and lexicon.is_a(owner.cls, [ORGANIZATION]) is True:
            # "the group's production zone", "the company's flagship store": what an organization the text spoke of
            # has for its work is one it runs
            yield (owner, OPERATES, owned, f"'s {head}", owner.end, owned.start, 0.55)
            continue
        # the owner must be known to be of the property's domain: "the plant's casting shop" is part of a site, no agent's
        fits = lexicon.is_a(owner.cls, pattern.domain) if pattern is not None else False
        if pattern is None or fits is False or (fits is None and owner.via == "definite") \
                or lexicon.is_a(owned.cls, pattern.range) is False:
            continue
        yield (owner, pattern.predicate, owned, pattern.words, owner.end, owned.start, 0.6)
    # a possessor the references read whose "'s" or "its" names no relation of the ontology ("the fab's cleanrooms")
    yield from referred_owners(lexicon, mentions, text)
    yield from sites_of_owners(lexicon, mentions, text)
    yield from shareholders(lexicon, mentions, text)


#: "the Linhe plant | of | Hetao Golden Seed Food", "the engine works of | Zhenjiang-based | Haili Marine Power".
_SITE_OF = re.compile(r"\s+of\s+(?:the\s+)?(?:[A-Z][\w'’-]*-based\s+)?")


def sites_of_owners(lexicon: Lexicon, mentions: list[Mention], text: str) -> Iterator[Reading]:
    """"the Linhe plant of Hetao Golden Seed Food": a site "of" an organization's name is one the organization runs (not
    "the port of Qingdao", of a place, nor "the coal yard of the Guang'an Power Plant", a site's part)."""
    for site, owner in pairwise(sorted(mentions, key=lambda m: m.start)):
        joint = _SITE_OF.fullmatch(text, site.end, owner.start)
        if joint is None or not re.search(r"(?<![\w-])the\s+$", text[:site.start], re.IGNORECASE) \
                or site.via not in ("phrase", "cue", "name") or not sites.has_site_head(lexicon, site) \
                or lexicon.is_a(site.cls, [ORGANIZATION]) is True:
            continue
        if owner.via not in ("name", "label") or sites.has_site_head(lexicon, owner) or lexicon.is_a(owner.cls, [PLACE]) is True \
                or lexicon.is_a(owner.cls, [ORGANIZATION]) is False or normalize(owner.label or owner.text) in PLACE_NAMES:
            continue
        yield (owner, OPERATES, site, "of", site.end, owner.start, 0.6)


def possessor(mention: Mention, mentions: list[Mention], text: str) -> bool:
    """Whether ``mention`` owns the mention right after its "'s" ("the province's | biggest kiln line"), or is a name
    that says which owner, named by a common noun, has what follows ("the Tangshan | mill's network"): it is then no
    verb's object, what is owned is."""
    joint = re.match(r"['’]s?\s+", text[mention.end:])
    if mention.via in ("name", "label") and re.match(r"\s+[a-z][\w-]*['’]s\s", text[mention.end:]):
        return True
    return joint is not None and any(m.start == mention.end + joint.end() for m in mentions)


#: A name's possessive: "China Mobile's", "Huawei's", "CAICT's" (the name's words may join with "of" or "and").
_NAMED_OWNER = re.compile(r"(?<![\w’'-])[A-Z][\w&’'-]*?(?:\s+(?:of\s+|and\s+)?[A-Z][\w&’'-]*?)*['’]s\s+")
#: Roles a person holds in an organization ("Huawei's vice-president", "the alliance's secretary-general").
_ROLES = frozenset(["director", "professor", "lecturer", "engineer", "analyst", "researcher", "scientist", "official",
                    "executive", "spokesperson", "spokesman", "spokeswoman", "chairman", "chairwoman", "president", "manager",
                    "economist", "fellow", "founder", "head", "chief", "deputy", "secretary", "general", "officer", "ceo",
                    "cto", "partner", "adviser", "advisor", "consultant", "member"])
#: One word that ends a noun phrase after it: punctuation, a function word, or the end of the text.
_PHRASE_CLOSES = re.compile(r"\s*(?:[,.;:)]|$)|\s+(?:and|or|in|at|on|for|with|to|from|that|which|is|was|has|had)\b")


_DESCRIBED_OWNER = re.compile(r"(?<![\w-])the\s+(?:[a-z][\w-]*\s+)?[a-z][\w-]*['’]s\s+")


def _one_noun(token: str, triggers: frozenset[str]) -> bool:
    return not (token in STOPWORDS or token in triggers or adverb(token) or past_form(token) or token.endswith(("est", "ing"))
                or singular(token) in GENERIC_PEOPLE or token in _ROLES)


def named_owners_things(text: str, bare_phrase_at: Callable[[str, int], Mention | None], triggers: frozenset[str],
                        place: Callable[[str], bool]) -> list[Mention]:
    """"China Mobile's 5G network", "Huawei's cloud": what a name's possessive opens is a thing of its own, named
    without its owner (``constructions.possessives`` relates the owner where a pattern names the relation). One
    common noun alone is a thing here ("Huawei's cloud"), where a bare one elsewhere is a quality or an activity. A
    place's possessive ("China's telecom companies", "China's busiest test bed") keeps its name: no owner has them."""
    found: list[Mention] = []
    for match in _DESCRIBED_OWNER.finditer(text):
        # "the aircraft plant's | network runs on …": one common noun a described owner has, as the subject of the verb
        # after it (the owner is read as a reference, ``described_owners`` relates the two)
        word = re.match(r"[a-z][a-z-]*", text[match.end():])
        if word is not None and bare_phrase_at(text, match.end()) is None and _one_noun(word.group(), triggers) \
                and _PHRASE_CLOSES.match(text, match.end() + word.end()) is None:
            found.append(Mention(match.end(), match.end() + word.end(), word.group(), None, None, word.group(), "phrase"))
    for match in _NAMED_OWNER.finditer(text):
        if place(text[match.start():match.end()].rstrip()[:-2]) or re.match(r"[a-z]+est\s", text[match.end():]):
            continue
        phrase = bare_phrase_at(text, match.end())
        if phrase is None:
            word = re.match(r"[a-z][a-z-]*", text[match.end():])
            if word is None or not _PHRASE_CLOSES.match(text, match.end() + word.end()):
                continue
            token = word.group()
            if not _one_noun(token, triggers):
                continue
            phrase = Mention(match.end(), match.end() + word.end(), token, None, None, token, "phrase")
        head = phrase.text.split()[-1].lower()
        if head in _ROLES or head.rsplit("-", 1)[-1] in _ROLES:
            continue  # "Midea's vice-president": a person's role, read with the person (the owner stays a name)
        whole = text[match.start():phrase.end]
        found.append(Mention(match.start(), phrase.end, whole, None, phrase.cls, phrase.label, "cue"))
    return found


def own_units(text: str) -> list[Mention]:
    """"Its school of naval architecture", "their institute of automation": a unit of an organization named in lower
    case after a possessive, an organization of its own."""
    return [Mention(m.start(1), m.end(1), m.group(1), None, str(KG.Organization), m.group(1), "phrase")
            for m in OWN_UNIT.finditer(text)]



#: "X, in which Y holds a stake", "the maker in which Y holds a 20% stake": Y owns a share of X.
_IN_WHICH_STAKE = re.compile(r",?\s+in\s+which\s+(?P<holder>[^,;]{1,80}?(?:,[^,;]{1,80},)?)\s+(?:also\s+|now\s+)?"
                             r"(?:holds?|held|owns?|owned|has|had)\s+(?:a|an)\s+(?:[\w%.-]+\s+){0,2}stake\b", re.IGNORECASE)
#: "X, whose shareholders include A and B", "S counts Y as its largest shareholder"
_WHOSE_SHAREHOLDERS = re.compile(r",\s+whose\s+(?:[a-z]+\s+)?shareholders\s+(?:include|includes|are)\s+", re.IGNORECASE)
_COUNTS_AS_SHAREHOLDER = re.compile(r"(?<![\w-])counts\s+(?P<holder>[^;]{1,120}?)\s+as\s+(?:its|their)\s+(?:[a-z-]+\s+)?shareholder\b",
                                    re.IGNORECASE)


def shareholders(lexicon: Lexicon, mentions: list[Mention], text: str) -> Iterator[Reading]:
    """"X, in which Y holds a stake", "X, whose shareholders include A and B", "X counts Y as its largest shareholder": each
    holder named owns a share of X (kg:ownedBy); a description in apposition stands for the name it follows."""
    owned_by, agent = str(KG.ownedBy), str(KG.Agent)

    def first_after(position: int) -> Mention | None:
        # ("in which Shanghai-based Fosun holds": a place before "-based" only describes the holder)
        return next((m for m in mentions if m.start >= position and m.via != "pronoun"
                     and not re.match(r"-(?:based|headquartered)\b", text[m.end:])), None)

    found: list[tuple[Mention | None, list[Mention], re.Match[str]]] = []
    for match in _IN_WHICH_STAKE.finditer(text):
        owned = next((m for m in mentions if m.end == match.start()), None)
        holder = first_after(match.start("holder"))
        owned = owned and (apposed_name(mentions, text, owned) or owned)  # "the maker in which …": the name it describes
        found.append((owned, [holder] if holder and holder.end <= match.end("holder") else [], match))
    for match in _WHOSE_SHAREHOLDERS.finditer(text):
        owned = next((m for m in mentions if m.end == match.start()), None)
        holders = [m for m in [first_after(match.end())] if m is not None and m.start == match.end()]
        while holders and (after := next((m for m in mentions if m.start > holders[-1].end
                                          and re.fullmatch(r"\s*,\s*(?:and\s+)?|\s+and\s+", text[holders[-1].end:m.start])),
                                         None)) is not None:
            holders.append(after)
        found.append((owned, holders, match))
    for match in _COUNTS_AS_SHAREHOLDER.finditer(text):
        owned = next((m for m in reversed(mentions) if m.end <= match.start() and m.via != "pronoun"), None)
        holder = first_after(match.start("holder"))
        found.append((owned, [holder] if holder and holder.end <= match.end("holder") else [], match))
    for owned, holders, match in found:
        if owned is None or lexicon.is_a(owned.cls, [agent]) is False:
            continue
        for holder in holders:
            if holder.key != owned.key and lexicon.is_a(holder.cls, [agent]) is not False:
                yield (owned, owned_by, holder, "stake", match.start(), match.end(), 0.6)
