"""Where things stand when the text says so without a place's name: "there" after a thing is the site or
place named last ("Acme upgraded its Xiangyang plant. Robots there now weld frames": the robots are in the
plant). A site is a thing whose head noun is one the ontology lets an owner's possessive name ("'s plant",
"'s mine", "'s base" of ``kg:operates``), or a known kind of place."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from itertools import pairwise

from explorer.core.extraction import wordclass
from explorer.core.extraction.lexicon import Lexicon
from explorer.core.extraction.spans import Mention, adverb, past_form, singular
from explorer.core.extraction.words import DEMONYM_COUNTRIES, DEMONYMS, NOT_NAMES, PLACE_NAMES, STOPWORDS, in_quoted_title
from explorer.core.search import normalize
from explorer.core.vocab import KG

AGENT, PLACE, OPERATES, LOCATED = str(KG.Agent), str(KG.Place), str(KG.operates), str(KG.locatedIn)

#: (subject, property IRI, object, the words read, where they start, where they end, confidence)
Fact = tuple[Mention, str, Mention, str, int, int, float]

#: Nouns that name a part of a place ("Xinqiao area", "the high-tech zone", "Nanhai district", "a solar park").
PLACE_PARTS = frozenset(["area", "zone", "park", "district", "county", "belt", "basin", "valley", "corridor", "cluster"])
#: "there" as an adverb of place (the existential "there are" has no thing right before it: see ``located_there``).
_THERE = re.compile(r"(?<![\w-])there(?![\w-])", re.IGNORECASE)


def site_heads(lexicon: Lexicon) -> frozenset[str]:
    """The kinds of site the ontology lets a possessive name ("'s plant", "'s mine" of kg:operates)."""
    return frozenset(p.words[3:].lower() for p in lexicon.patterns if p.predicate == OPERATES and p.words.startswith("'s "))


def has_site_head(lexicon: Lexicon, mention: Mention) -> bool:
    """Whether the mention names a site by its head noun ("casting shop", "Tashan mine"), a known kind of place aside."""
    heads = site_heads(lexicon)
    # a head of two words ("data centre") as one of one ("plant"); the text's head where the label adds a place ("plant in X")
    # ("works" is its own singular: "the Dagang engine works")
    return mention.via != "pronoun" and mention.iri is None and any(
        words and (words[-1] in heads or " ".join(words) in heads)
        for name in {mention.label or mention.text, mention.text}
        for words in ([singular(word.lower()) for word in name.split()[-2:]], [word.lower() for word in name.split()[-2:]]))


def is_site(lexicon: Lexicon, mention: Mention) -> bool:
    return mention.via != "pronoun" and (has_site_head(lexicon, mention) or lexicon.is_a(mention.cls, [PLACE]) is True)


def last_site(lexicon: Lexicon, mentions: Iterable[Mention]) -> Mention | None:
    """The site or place named last among ``mentions`` (in reading order)."""
    return next((m for m in reversed(list(mentions)) if is_site(lexicon, m)), None)


def located_there(lexicon: Lexicon, mentions: list[Mention], text: str, earlier: Mention | None) -> Iterator[Fact]:
    """"Robots there now weld frames": the thing right before "there" is in the site named last (in this sentence
    before it, else ``earlier``). Who acts (an agent) is not placed so: "the group says it will build there"."""
    for there in _THERE.finditer(text):
        if re.search(r"(?<![\w-])(?:from|over|out|up|down|back|get|go|went|gone)\s+$", text[:there.start()], re.IGNORECASE):
            continue
        thing = next((m for m in mentions if 0 <= there.start() - m.end <= 1), None)
        if thing is None or thing.via == "pronoun" or lexicon.is_a(thing.cls, [AGENT]) is True:
            continue
        site = last_site(lexicon, [m for m in mentions if m.end <= thing.start]) or earlier
        if site is None or site.key == thing.key or is_site(lexicon, thing):
            continue
        yield (thing, LOCATED, site, "there", there.start(), there.end(), 0.55)


#: "In Taiyuan, the steelmaker TISCO …": a sentence opening on a place, then a company introduced by its trade.
_OPENING_TRADE = re.compile(r"(?:In|At)\s+([^,]{1,60}),\s+the\s+[a-z][\w-]*(?:\s+[a-z][\w-]*)?\s+$")


def introduced_seat(lexicon: Lexicon, facts: list[Fact], mentions: list[Mention], text: str) -> Iterator[Fact]:
    """"In Taiyuan, the steelmaker TISCO is using cameras …": a company the sentence introduces by its trade right
    after the place it opens on is based there ("Taiyuan steelmaker TISCO"), when nothing else the sentence says is
    placed there (a thing placed there is where the scene is: "In Hefei, JAC opened a workshop")."""
    company = next((m for m in mentions if m.via in ("name", "label") and _OPENING_TRADE.fullmatch(text[:m.start])), None)
    if company is None or lexicon.is_a(company.cls, [str(KG.Company)]) is not True:
        return
    opening = _OPENING_TRADE.fullmatch(text[:company.start])
    place = next((m for m in mentions if opening is not None and m.start == opening.start(1) and m.end == opening.end(1)), None)
    if place is None or lexicon.is_a(place.cls, [PLACE]) is False or any(f[2].key == place.key for f in facts):
        return
    yield (company, str(KG.basedIn), place, "In", 0, 2, 0.55)


def one_site(lexicon: Lexicon, mention: Mention, text: str) -> bool:
    """A site a thing stands in: one site ("the casting shop", "the plant" referred back to, "its Tashan mine"), not
    a kind of them ("5G applications in coal mines")."""
    return has_site_head(lexicon, mention) and (
        mention.via == "definite" or not (mention.label or mention.text).endswith("s")
        or re.search(r"(?<![\w-])(?:the|its|their)\s+(?:[a-z]+['’]s\s+)?$", text[:mention.start], re.IGNORECASE) is not None)


#: "the robots in the welding hall": a definite thing placed in a definite site, both named for the first time.
_IN_THE_SITE = re.compile(r"(?<![\w-])the\s+((?:[a-z][\w-]*\s+){0,2}?[a-z][\w-]*)\s+(?:in|at|inside)\s+the\s+"
                          r"((?:[a-z][\w-]*)(?:\s+[a-z][\w-]*){0,2})", re.IGNORECASE)


def sited_definites(lexicon: Lexicon, text: str, stopwords: frozenset[str]) -> list[Mention]:
    """"the robots in the welding hall": a definite noun phrase placed in a site named by a definite phrase introduces
    both (a thing referred back to is read by the references over a longer span); the site's head is one the ontology
    knows ("hall", "shop", "plant"), the words are no function words."""
    found: list[Mention] = []
    heads = site_heads(lexicon)
    for match in _IN_THE_SITE.finditer(text):
        words = match.group(2).split()
        # the site ends at its head noun: "the welding hall | now receive"
        last = next((i for i in range(len(words) - 1, -1, -1) if singular(words[i].lower()) in heads), None)
        if last is None or any(w.lower() in stopwords for w in match.group(1).split() + words[:last + 1]):
            continue
        site_end = match.start(2) + len(" ".join(words[:last + 1]))
        found.append(Mention(match.start(1), match.end(1), match.group(1), None, None, match.group(1), "phrase"))
        found.append(Mention(match.start(2), site_end, text[match.start(2):site_end], None, None,
                             text[match.start(2):site_end], "phrase"))
    return found


_DESCRIBED_SITE = re.compile(r"\s+the\s+(?:[a-z]+['’]s\s+)?", re.IGNORECASE)
_ARTICLE_BEFORE = re.compile(r"(?<![\w-])(?:a|an|the|its|their)\s+$", re.IGNORECASE)


def described_site_after(lexicon: Lexicon, predicate: str, mention: Mention, text: str, end: int) -> bool:
    """"robots in the (plant's) casting shop": one site a thing stands in, described after "the" (and an owner's
    possessive) right after a bare preposition that places things (``end``: where the preposition ends)."""
    return predicate == LOCATED and one_site(lexicon, mention, text) and _DESCRIBED_SITE.fullmatch(text[end:mention.start]) is not None


def described_place(lexicon: Lexicon, predicate: str, subject: Mention, obj: Mention, text: str) -> bool:
    """Whether a reference ``obj`` is a place a bare preposition may link ``subject`` to: a place ("a control room in
    the city") when the subject is one thing (a bare plural, "manufacturers in the province", says which of a kind, not
    where a thing is), or one site ("robots in the plant")."""
    return (lexicon.is_a(obj.cls, [PLACE]) is True and _ARTICLE_BEFORE.search(text[:subject.start]) is not None) \
        or (predicate == LOCATED and one_site(lexicon, obj, text))


COUNTRIES = frozenset(["china", "japan", "korea", "south korea", "germany", "india", "the us", "the united states", "vietnam"])
#: Countries whose possessive may name a body there ("Finland's Glaston", "Japan's Fanuc").
_OWNING_COUNTRIES = COUNTRIES | DEMONYM_COUNTRIES | frozenset(["the united kingdom", "britain", "the netherlands", "switzerland",
                                                               "denmark", "norway", "austria", "israel", "canada", "australia",
                                                               "malaysia", "thailand"])


#: A measure that describes a site's kind, not how many there are ("a 12-inch wafer fab", "its 220-kilovolt substation").
_MEASURE = r"\d+(?:[,.]\d+)*-[a-z]+"


def possessed_sites(text: str, heads: Iterable[str], head_class: Callable[[str], str | None]) -> list[Mention]:
    """"Acme Group's Yingkou yard", "Xiaomi's electric-car factory", "Acme's 8-inch fab": one thing, named without its owner (the owner is
    read by ``constructions.possessives``). A place's superlative site ("China's largest steel mill") is one of the
    place's sites, no one's own: the site alone is the thing."""
    found: list[Mention] = []
    alternatives = "|".join(re.escape(h) for h in sorted(heads))
    if not alternatives:
        return found
    # a function word ends the owned phrase ("China Mobile's Tibet branch | with base stations")
    function = "|".join(sorted(STOPWORDS))
    for match in re.finditer(rf"(?<![\w’'-])[A-Z][\w&’'-]*(?:\s+(?:of\s+|and\s+)?[A-Z][\w&’'-]*)*?['’]s\s+"
                             rf"((?:[A-Z][\w.’'-]*\s+|(?!(?:{function})\s)[a-z][\w-]*\s+|{_MEASURE}\s+){{0,3}}(?:{alternatives})s?)(?![\w-])",
                             text):
        own = match.group(1)
        if re.match(r"[a-z]+est\s", own) or (own[:1].islower() and normalize(re.split("['’]", match.group())[0]) in COUNTRIES):
            found.append(Mention(match.start(1), match.end(1), own, None, head_class(own), own, "phrase"))
            continue
        found.append(Mention(match.start(), match.end(), match.group(), None, head_class(own), own, "cue"))
    return found


def place_described(text: str, site_heads: frozenset[str], triggers: frozenset[str], cue_class: Callable[[str], str | None],
                    head_class: Callable[[str], str | None]) -> list[Mention]:
    """"the Qingdao terminal", "the Wuxi plant": a definite thing described by a name and one
    common noun is that thing, not the name (a name with a class word of its own stays a name)."""
    found: list[Mention] = []
    # "its Jinjiang plant", "their Ulsan yard", "the company's Wuxi plant", "Sany, whose Changsha plant", numbered ("its No. 18
    # plant"), headed by two common nouns where punctuation closes them ("the Maanshan steel works,") or the second is a kind
    # of site ("its Huitengxile wind farm"), described by an adjective before its name ("its underground Longshou mine"; a
    # participle right after the determiner is one too: "the automated Yuanhai terminal")
    # a site's or a place part's noun may follow the first common noun ("the Haicang port area", "the Talatan solar park")
    sited = "|".join(sorted(site_heads | PLACE_PARTS))
    for match in re.finditer(r"(?<![\w-])(?:the|[Ii]ts|[Tt]heir|whose|[Tt]he\s+[a-z]+['’]s)\s+"
                             r"((?:(?!(?:the|its|their|whose)\s)[a-z][\w-]*\s+){0,2})((?:(?:[A-Z][\w’'-]*|No\.\s*\d+)\s+){1,3})"
                             rf"([a-z][\w-]*(?:\s+[a-z][\w-]*(?=[,.;:])|\s+(?:{sited})s?(?![\w-]))?)(?=[\s,.;:]|$)",
                             text):
        head, name, described = match.group(3), match.group(2).strip(), match.group(1).split()
        # (a head before an object pronoun or a determiner is the clause's verb: "the AGVs | use it")
        if head in STOPWORDS or head in triggers or head.endswith(("ly", "ing", "ed")) or cue_class(name) \
                or re.match(r"\s+(?:it|them|its|their|the|a|an)\s", text[match.end():]) \
                or any(word.lower() in NOT_NAMES for word in name.split()) \
                or any(w in STOPWORDS or w in triggers or adverb(w) or (past_form(w) and i > 0) for i, w in enumerate(described)):
            continue
        phrase = text[match.start(2):match.end(3)]
        found.append(Mention(match.start(2), match.end(3), phrase, None, head_class(phrase), phrase, "phrase"))
    return found


#: "12 of its mines", "one of its biggest data centres", "more than 2,000 of its wellheads": sites counted out of an owner's
#: (not "all of its plants", said of the owner in general)
_COUNTED_OWN = re.compile(r"(?<![\w-])(?:\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten|dozens|hundreds|thousands"
                          r")\s+of\s+(its|their)\s+", re.IGNORECASE)


#: A verb that names its object as something, right before what it is named ("named the hub | one of its pilot sites").
_NAMED_AS = re.compile(r"(?<![\w-])(?:named|names|designated|designates|listed|lists|selected|selects|chose|picked|declared"
                       r"|made|makes)\s+[^,;]{1,60}\s+$", re.IGNORECASE)


def counted_own_sites(lexicon: Lexicon, mentions: list[Mention], text: str) -> Iterator[Fact]:
    """"S runs one of its biggest data centres", "to install monitoring in 12 of its mines": the owner "its" refers to
    operates the sites counted out of its own (a site's head noun as the ontology's "'s …" patterns of kg:operates
    declare it)."""
    heads = site_heads(lexicon)
    for counted in _COUNTED_OWN.finditer(text):
        if _NAMED_AS.search(text[:counted.start()]):
            continue  # "has named the Jiaxing hub one of its pilot sites": a title given to another's site, no site it runs
        site = next((m for m in mentions if m.start == counted.end() and m.via in ("phrase", "cue") and m.iri is None), None)
        owner = next((m for m in mentions if m.start == counted.start(1) and m.via == "pronoun" and m.label), None)
        if site is None or owner is None or lexicon.is_a(owner.cls, [AGENT]) is False:
            continue
        words = [singular(w.lower()) for w in site.text.split()]
        if words[-1] not in heads and " ".join(words[-2:]) not in heads:
            continue
        yield (owner, OPERATES, site, counted.group().strip(), counted.start(), counted.end(), 0.55)


#: Nouns of a place that lies in a larger one ("Foshan's Nanhai district", "Pakistan's Sindh province", "X's Dongjin New
#: District"; capitalised where they end a name).
_SUBPLACES = PLACE_PARTS | {"province", "prefecture", "town", "township", "village", "city"}
_PLACE_OF_PLACE = re.compile(r"(?<![\w’'-])([A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,2})['’]s\s+((?:[A-Z][\w’'-]*\s+){0,2}"
                             # ("Sichuan's Aba Tibetan and Qiang Autonomous Prefecture": two peoples name one place)
                             r"(?:and\s+[A-Z][\w’'-]*\s+(?=Autonomous\s))?(?:Autonomous\s+)?"
                             r"(?:[a-z][\w-]*\s+){0,2}(?i:" + "|".join(sorted(_SUBPLACES)) + r"))(?![\w'’-])")


def places_of_places(text: str, is_place: Callable[[str, int], bool]) -> list[tuple[Mention, Mention]]:
    """"Hefei's Xinqiao area", "Foshan's Nanhai district", "Wuhan's high-tech zone": a part of a place named after the
    place's possessive is a place of its own, and the place is another (one name of both would be neither). The owner
    is a place where ``is_place(name, start)`` says so, or where the part has a name of its own (no company's
    possessive names a district: "Foxconn's industrial park" is Foxconn's site, read by ``possessed_sites``)."""
    found: list[tuple[Mention, Mention]] = []
    for match in _PLACE_OF_PLACE.finditer(text):
        part = match.group(2)
        words = part.split()
        if any(word in STOPWORDS and not (word == "and" and "Autonomous" in words) for word in words) \
                or any(adverb(w) or past_form(w) for w in words[:-1]):
            continue
        start = match.start(1)
        for word in match.group(1).split()[:-1]:
            if word.lower() not in NOT_NAMES:
                break
            start = text.index(" ", start) + 1  # "In | Hefei's Xinqiao area"
        owner = Mention(start, match.end(1), text[start:match.end(1)], None, None, text[start:match.end(1)], "name")
        if not (words[0][:1].isupper() or is_place(owner.text, owner.start)):
            continue
        found.append((owner, Mention(match.start(2), match.end(2), part, None, None, part, "phrase")))
    return found


#: "Hangzhou's Hikvision", "Finland's Glaston": a place's possessive, then a name of one to four capitalised words (or "&")
_NAME_OF_PLACE = re.compile(r"(?<![\w’'-])([A-Z][\w-]*(?:\s+[A-Z][\w-]*)?)['’]s\s+([A-Z][\w-]*(?:\s+(?:&\s+)?[A-Z][\w-]*){0,3})"
                            r"(?![\w'’&-])(?!\s+(?:of|[a-z][\w-]*\s+of)\b)")


def owning_place(name: str) -> bool:
    """A province, a larger Chinese city or a country, whose possessive may name a body there ("Hangzhou's Hikvision")."""
    return normalize(name) in PLACE_NAMES | _OWNING_COUNTRIES


def place_possessive(mention: Mention, text: str) -> bool:
    """A place's name before "'s" and a name: it only says where the body named after it is ("Hangzhou's | Hikvision")."""
    return mention.via == "name" and re.match(r"['’]s\s+[A-Z]", text[mention.end:]) is not None and owning_place(mention.text)


def names_of_places(text: str, is_place: Callable[[str, int], bool], body: Callable[[str], bool]) -> list[tuple[Mention, Mention]]:
    """"Hangzhou's Hikvision", "Finland's Glaston", "Shenyang's Siasun Robot & Automation": a name after a place's
    possessive names a body of its own, based there; one name of both would be neither. A name ``body`` says an
    organization's class word heads ("Shandong's Department of …", "Guangdong's Communications Administration": the
    province's own body, read whole by ``constructions``) stays whole, and so does a name a common noun goes on with
    ("Changzhou's Xinbei district", a part of the place: ``places_of_places``)."""
    found: list[tuple[Mention, Mention]] = []
    for match in _NAME_OF_PLACE.finditer(text):
        owner, name = match.group(1), match.group(2)
        if owner.split()[0].lower() in NOT_NAMES:
            owner = " ".join(owner.split()[1:])  # "In | Hangzhou's …"
        if not owner or body(name) or any(word.lower() in NOT_NAMES | STOPWORDS for word in name.split()) \
                or ((after := _NOUN_AFTER.match(text, match.end())) is not None and not _verb_or_function(after.group(1))) \
                or not (owning_place(owner) or is_place(owner, match.end(1) - len(owner))):
            continue
        start = match.end(1) - len(owner)
        found.append((Mention(start, match.end(1), owner, None, None, owner, "name"),
                      Mention(match.start(2), match.end(2), name, None, None, name, "name")))
    return found


#: A lower-case word right after a name: unless a verb or a function word, the head the name modifies ("Yuxi factory",
#: "Yangshan deep-water port").
_NOUN_AFTER = re.compile(r"\s+([a-z][\w-]*)")


def _verb_or_function(word: str) -> bool:
    return word in STOPWORDS or wordclass.verb_only(word) or wordclass.present_third(word) is True or wordclass.past(word) is True


#: "the northern Henan city of Anyang", "the Guangdong city of Jiangmen": a region's name, "city of", the city's name.
#: (Only a city: "the Chenggong district of Kunming" names the district first, the place it lies in after "of".)
_KIND_OF_PLACE = re.compile(r"(?<![\w’'-])the\s+(?:(?:[a-z]+-)?(?:north|south|east|west|central)[a-z-]*\s+)?"
                            r"([A-Z][a-z’'-]+(?:\s+[A-Z][a-z’'-]+)?)\s+(city)\s+of\s+([A-Z][\w’'-]*)(?![\w’'-])")
_KIND_BETWEEN = re.compile(r"\s+city\s+of\s+", re.IGNORECASE)
#: The class of the place a kind of place names.
_KIND_CLASS = {"city": str(KG.City)}


def kinds_of_places(text: str) -> list[tuple[Mention, Mention]]:
    """"the northern Henan city of Anyang": the region (a place) and the place named after "of", which lies in it; the
    whole is no one name."""
    found: list[tuple[Mention, Mention]] = []
    for match in _KIND_OF_PLACE.finditer(text):
        region, kind, name = match.group(1), match.group(2).lower(), match.group(3)
        if any(word.lower() in STOPWORDS or word.lower() in NOT_NAMES for word in region.split()):
            continue
        found.append((Mention(match.start(1), match.end(1), region, None, str(KG.Place), region, "name"),
                      Mention(match.start(3), match.end(3), name, None, _KIND_CLASS.get(kind, str(KG.Place)), name, "name")))
    return found


def region_of_named_place(mention: Mention, mentions: list[Mention], text: str) -> bool:
    """Whether ``mention`` is the region of a kind of place whose own name follows ("Henan" in "the Henan city of Anyang")."""
    between = _KIND_BETWEEN.match(text, mention.end)
    return between is not None and any(m.start == between.end() for m in mentions)


def places_apart(text: str, candidates: list[Mention], is_place: Callable[[str, int], bool],
                 body: Callable[[str], bool]) -> list[Mention]:
    """The candidate mentions with each place read apart from its part (``places_of_places``) or from the body its
    possessive names (``names_of_places``): no candidate spans both."""
    for owner, part in places_of_places(text, is_place) + names_of_places(text, is_place, body):
        candidates = [m for m in candidates if not (m.start < owner.end and part.start < m.end)] + [owner, part]
    return candidates


def regions_apart(text: str, candidates: list[Mention]) -> list[Mention]:
    """The candidate mentions with a kind of place's name read apart from its region (``kinds_of_places``): no candidate
    ("the Shandong county", "northern Henan city of Anyang") spans the region and the kind; "the port city of
    Fangchenggang" is the city Fangchenggang (the words before its name only describe it)."""
    for region, place in kinds_of_places(text):
        # (the city's own name as found elsewhere gives way too: this one knows it is a city)
        candidates = [m for m in candidates if not (m.start < place.end and region.start < m.end)] + [region, place]
    for described in _DESCRIBED_CITY.finditer(text):
        place = Mention(described.start(2), described.end(2), described.group(2), None,
                        str(KG.City) if described.group(1).lower() == "city" else str(KG.Place), described.group(2), "name")
        candidates = [m for m in candidates if not (m.start < place.end and described.start() < m.end)] + [place]
    return candidates


#: "the port city of Fangchenggang", "the border town of Suifenhe": lower-case words that describe a city or a town, then
#: its name.
_DESCRIBED_CITY = re.compile(r"(?<=the\s)(?:[a-z][a-z-]+\s+){1,2}(city|town)\s+of\s+([A-Z][\w’'-]*)(?![\w’'-])")


def parts_of_places(mentions: list[Mention], text: str) -> Iterator[Fact]:
    """"Hefei's Xinqiao area", "Wuhan's high-tech zone": the part of a place named after its possessive lies in it."""
    for owner, part in pairwise(mentions):
        # (or "the city's Nanshan district" where the city is one named before)
        named = (owner.via in ("name", "label") and not owner.text[:1].islower()) or (
            owner.via == "definite" and (owner.label or "")[:1].isupper() and owner.text.split()[-1].lower() in ("city", "province"))
        if re.fullmatch(r"['’]s\s+", text[owner.end:part.start]) and named \
                and part.iri is None and part.text.split()[-1].lower() in _SUBPLACES:
            yield (part, str(KG.locatedIn), owner, "'s", owner.end, part.start, 0.75)
        elif re.fullmatch(r"['’]s\s+", text[owner.end:part.start]) and owner.via == "name" and part.via == "name" \
                and part.iri is None and owning_place(owner.text) and part.cls is None and not in_quoted_title(text, part.start):
            yield (part, str(KG.basedIn), owner, "'s", owner.end, part.start, 0.7)  # "Hangzhou's Hikvision"
        elif _KIND_BETWEEN.fullmatch(text[owner.end:part.start]) and owner.via == "name" and part.via == "name" \
                and part.iri is None:
            # "the northern Henan city of Anyang"
            yield (part, str(KG.locatedIn), owner, text[owner.end:part.start].strip(), owner.end, part.start, 0.75)


#: A verb in the past or the perfect right after a "where" clause's subject: "where X (has) installed | …".
_PAST_VERB = re.compile(r"\s+(?:(?:has|have|had)\s+)?(?:(?:also|now|since|recently)\s+)?(?:[a-z]+ed|built|set\s+up|put)\s+")


def made_there(lexicon: Lexicon, mentions: list[Mention], text: str, subject: Mention) -> Mention | None:
    """The thing an agent of a "where" clause put in place, the object right after its verb ("where X installed | Y")."""
    if subject.via not in ("name", "label", "ner") or lexicon.is_a(subject.cls, [AGENT]) is False:
        return None
    verb = _PAST_VERB.match(text, subject.end)
    made = next((m for m in mentions if verb is not None and m.start == verb.end()), None)
    if made is None or made.via not in ("phrase", "cue") or lexicon.is_a(made.cls, [AGENT, PLACE]) is True:
        return None
    return made


#: What places a site by a place it is close to: "a feed mill outside Nanyang", "substations around Nanjing and Suzhou".
_NEAR = re.compile(r"\s+(?:near|outside|around|close\s+to|on\s+the\s+outskirts\s+of)\s+")


def sites_near_places(lexicon: Lexicon, mentions: list[Mention], text: str) -> Iterator[Fact]:
    """"the feed mill outside Nanyang", "420 substations around Nanjing and Suzhou": a site of a known kind stands in the
    place named right after "near", "outside" or "around" (and in each place a list of names goes on with)."""
    ordered = sorted(mentions, key=lambda m: m.start)
    for index, site in enumerate(ordered[:-1]):
        near = _NEAR.match(text, site.end)
        if near is None or not has_site_head(lexicon, site):
            continue
        places = [m for m in ordered[index + 1:] if m.start == near.end()]
        while places and (joint := re.match(r"\s*(?:,\s*(?:and\s+)?|and\s+)", text[places[-1].end:])) is not None:
            following = next((m for m in ordered if m.start == places[-1].end + joint.end()), None)
            if following is None:
                break
            places.append(following)
        for place in places:
            if place.via not in ("name", "label", "ner") or lexicon.is_a(place.cls, [PLACE]) is False:
                break
            yield (site, LOCATED, place, near.group().strip(), site.end, near.end(), 0.5)


def things_in_parts_of_places(lexicon: Lexicon, mentions: list[Mention], text: str) -> Iterator[Fact]:
    """"42 township clinics in Lishui's Suichang county": a thing "in" a place's part named after the place's possessive
    stands in the part (the part lies in the place: ``parts_of_places``)."""
    ordered = sorted(mentions, key=lambda m: m.start)
    for thing, owner, part in zip(ordered, ordered[1:], ordered[2:], strict=False):
        if re.fullmatch(r"\s+in\s+", text[thing.end:owner.start]) and re.fullmatch(r"['’]s\s+", text[owner.end:part.start]) \
                and owner.via in ("name", "label") and part.text.split()[-1].lower() in PLACE_PARTS \
                and thing.via in ("phrase", "cue") and thing.iri is None and lexicon.is_a(thing.cls, [AGENT, PLACE]) is not True:
            yield (thing, LOCATED, part, "in", thing.end, owner.start, 0.55)



def national_opening(words: list[str]) -> bool:
    """"Chinese Academy of Sciences": a nationality, a word, then "of": a name that may open on the nationality (where the
    word is a national body's, as the caller decides by its class)."""
    return len(words) > 2 and words[0].lower() in DEMONYMS and words[2] == "of"


#: Site nouns a name runs on to besides those a possessive takes ("the Dounan Flower market", "the Qianhai logistics park").
_NAMED_SITE_NOUNS = frozenset(["market", "park", "station", "hub", "zone", "airport", "field", "oilfield", "gas field"])


def site_nouns_after(heads: Iterable[str]) -> re.Pattern[str]:
    """What ``named_sites`` reads after a name: up to two lower-case words, then a site's noun (built once per finder)."""
    nouns = sorted({*heads, *_NAMED_SITE_NOUNS}, key=len, reverse=True)
    return re.compile(r"\s+((?:[a-z][a-z0-9-]*\s+){0,2}?)(" + "|".join(re.escape(n) for n in nouns) + r")s?(?![\w’'-])")


def named_sites(lexicon: Lexicon, text: str, mentions: list[Mention], site: re.Pattern[str],
                head_class: Callable[[str], str | None]) -> list[Mention]:
    """``mentions`` with a name that a few lower-case words lead on to a site's noun read as that site's name: "the Dounan
    Flower market", "the Rudong H16 offshore wind farm" name a market and a wind farm, not a thing called "Dounan Flower"
    beside a market. A name of a known kind other than a place's keeps its span, as does one where a noun goes on after
    the site's ("Huawei base station units"). ``site``: ``site_nouns_after`` of the site heads."""
    found = []
    for index, mention in enumerate(mentions):
        match = site.match(text, mention.end)
        nxt = mentions[index + 1].start if index + 1 < len(mentions) else len(text)
        # a capitalised name, or a phrase that opens on one ("Rudong H16 offshore | wind farm")
        if mention.via not in ("name", "phrase") or not mention.text[:1].isupper() or mention.iri is not None or match is None \
                or match.end() > nxt \
                or (mention.cls is not None and lexicon.is_a(mention.cls, [PLACE]) is not True):
            found.append(mention)
            continue
        if match.group().endswith("s") and re.search(r"(?<![\w-])(?:and|or)\s+$|,\s+$", text[:mention.start]):
            found.append(mention)  # "the Three Gorges and Gezhouba hydropower stations": the noun is both names'
            continue
        leading = match.group(1).split()
        after = re.match(r"\s+([a-z][a-z-]*)", text[match.end():])
        # a word after the site's noun that may be a noun goes on with the name ("Huawei base | station units", "the Dounan
        # Flower market | operator"): the name ends there only before a function word, a verb or punctuation
        goes_on = after is not None and after.group(1) not in STOPWORDS and "NOUN" in wordclass.parts(after.group(1)) \
            and not past_form(after.group(1))
        if any(w in STOPWORDS or wordclass.parts(w) == {"VERB"} or past_form(w) or adverb(w) for w in leading) or goes_on:
            found.append(mention)  # "Jinan plant wear …": a verb among the words before the noun
            continue
        name = text[mention.start:match.end()]
        found.append(Mention(mention.start, match.end(), name, None, head_class(name), name, "name"))
    return found


#: "Dahua Technology of Hangzhou", "Jidong Heavy Machinery of Tangshan": a firm's name, "of" and the town it is from.
_FIRM_OF_TOWN = re.compile(r"(.+\s(?:Technology|Technologies|Solutions|Machinery|Electronics|Electric|Equipment|Instruments|"
                           r"Software|Networks|Robotics|Automation|Systems|Industries|Materials|Intelligence))\s+of\s+"
                           r"([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)$")


def firms_of_towns(mentions: list[Mention], place_name: Callable[[str], bool],
                   head_class: Callable[[str], str | None]) -> list[Mention]:
    """``mentions`` with a firm's name "of" a town read as two names, the firm's and the town's: English names a firm by
    where it is from that way ("Quectel Wireless Solutions of Shanghai"); a name of a country's body keeps its "of"
    ("State Grid Corporation of China")."""
    found = []
    for mention in mentions:
        parts = [(m.start(), m.group()) for m in re.finditer(r"(?:^|(?<=\sand\s))\S.*?(?=\s+and\s+|$)", mention.text)] \
            if mention.via == "name" and mention.iri is None else []
        matches = [(offset, match) for offset, part in parts
                   if (match := _FIRM_OF_TOWN.match(part)) is not None and _town(match.group(2), place_name)]
        # "Quectel Wireless Solutions of Shanghai and ASPEED Technology of Taiwan": two firms, each of its town
        if not parts or len(matches) != len(parts):
            found.append(mention)
            continue
        for offset, match in matches:
            firm, town = match.group(1), match.group(2)
            at, town_at = mention.start + offset, mention.start + offset + match.start(2)
            found += [Mention(at, at + len(firm), firm, None, head_class(firm), firm, "name"),
                      Mention(town_at, town_at + len(town), town, None, PLACE, town, "name")]
    return found


def known_place(name: str, place_name: Callable[[str], bool]) -> bool:
    """Whether a name is a place's: one of China's provinces or larger cities, or one ``place_name`` (the document) says is."""
    return normalize(name) in PLACE_NAMES or place_name(name)


def _town(name: str, place_name: Callable[[str], bool]) -> bool:
    return name.lower() not in ("china", "the") and known_place(name, place_name)


def home_towns(mentions: list[Mention], text: str) -> Iterator[Fact]:
    """"Dahua Technology of Hangzhou": the firm is based in the town (``firms_of_towns`` read them apart)."""
    for firm, town in pairwise(mentions):
        if firm.via == "name" and town.cls == PLACE and _FIRM_OF_TOWN.match(f"{firm.text} of {town.text}") \
                and re.fullmatch(r"\s+of\s+", text[firm.end:town.start]):
            yield (firm, str(KG.basedIn), town, "of", firm.end + 1, town.start - 1, 0.7)


#: "south-western Yunnan province", "the eastern province of Shandong": a province named with where it lies in China.
_PROVINCE_DESCRIBED = re.compile(r"(?:the\s+)?(?:(?:[a-z]+-)?[a-z]+ern|central|coastal|inland)\s+"
                                 r"(?:(?P<named>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?\s+province)"
                                 r"|province\s+of\s+(?P<of>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?))")


def province_names(mentions: list[Mention]) -> list[Mention]:
    """``mentions`` with a province described by where it lies named as the province alone: "Yunnan province", "Shandong"
    (the direction says where it is, as "south-western China" would, and names no other thing)."""
    found = []
    for mention in mentions:
        described = _PROVINCE_DESCRIBED.fullmatch(mention.label or mention.text) if mention.iri is None else None
        found.append(replace(mention, label=described.group("named") or described.group("of")) if described else mention)
    return found


#: A site, then who runs it, then "in": "a processing plant run by Hainan Rubber Group | in | Danzhou".
_RUN_BY_BEFORE = re.compile(r"\s+(?:run|operated|owned|managed)\s+by\s+(?:the\s+)?(?:[\w'’]+-based\s+)?$")


def site_run_by_in(lexicon: Lexicon, mentions: list[Mention], text: str, subject: Mention, words: str) -> Mention | None:
    """The site "in" places where the words follow its operator: "a natural-rubber processing plant run by Hainan Rubber
    Group in Danzhou" puts the plant in Danzhou, not the group (a reduced relative's place is its head's)."""
    if words.lower() != "in" or lexicon.is_a(subject.cls, [AGENT]) is False or not re.match(r"\s+in\s", text[subject.end:]):
        return None
    site = max((m for m in mentions if m.end <= subject.start), key=lambda m: m.end, default=None)
    run_by = _RUN_BY_BEFORE.search(text, 0, subject.start)
    if site is None or run_by is None or run_by.start() != site.end or not has_site_head(lexicon, site):
        return None
    return site
