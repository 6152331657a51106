"""Spans of noun phrases: where a phrase headed by a cue begins and ends, and the small readers the
mention finder builds on (capitalised runs, counts, a run of text read like a match, the singular of a word)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import lru_cache

from explorer.core.extraction import speech, wordclass
from explorer.core.extraction.lexicon import _is_cjk
from explorer.core.extraction.words import (
    COMPLEMENT_TAKERS,
    GENERIC_PEOPLE,
    IRREGULAR_PAST,
    LY_ADJECTIVES,
    NAME_FIELDS,
    PLURAL_MODIFIERS,
    STOPWORDS,
)
from explorer.core.search import normalize


@dataclass(frozen=True)
class Mention:
    """A span of a sentence that names an entity."""

    start: int
    end: int
    text: str
    iri: str | None = None  # a known entity
    cls: str | None = None  # its class (known, or from a cue)
    label: str | None = None  # the name a new entity would get
    via: str = "label"  # label | name | cue | unit | phrase | pronoun | definite | ner | span
    aliases: tuple[str, ...] = ()  # other names a new entity would get ("China Mobile's Zhejiang branch")

    @property
    def key(self) -> str:
        return self.iri or f"new:{normalize(self.label or self.text)}"



#: One fact a reader takes from a sentence: (subject, property IRI, object, the words read, where they start, where
#: they end, confidence).
Reading = tuple[Mention, str, Mention, str, int, int, float]

#: A capitalised run: a likely name ("Ministry of Industry and Information Technology", "5G", "Qihoo 360").
CAPITALISED = re.compile(
    # "5G" alone, not the modifier of "5G-guided forklifts" (one thing, read as a phrase); a name may
    # open with one lower-case letter ("iSoftStone"), never in the middle of a word
    # a region of a named place is named with it ("central China", "northern Hebei")
    r"(?<![\w’'-])(?:(?:(?:north|south)(?:east|west)?|east|west|central)(?:ern)?\s+(?=[A-Z][a-z]))?"
    # "the provincial Department of Industry …": the level of a government body is part of its name
    r"(?:(?<=[Tt]he\s)(?:provincial|municipal)\s+(?=(?:Department|Bureau|Commission|Administration)\b))?"
    r"(?:[A-Z][\w&’'-]*|[a-z][A-Z][\w&’'-]*|\d+G(?![\w-]))"
    # a web domain is a company's name ("JD.com", "Alibaba.com")
    r"(?:\.(?:com|cn|net)\b)?"
    # "Hebei 5G+ Steel Alliance": "5G+" (5G joined with an industry) is a word of the name it stands in
    r"(?:(?:\s+(?:of|and|for|&)\s+|\s+)(?:[A-Z][\w&’'-]*|\d+G(?:\+(?=\s+[A-Z]))?(?![\w-])))*"
    # a number that ends a name ("Qihoo 360 warned"): not a year, nor a count of something that follows
    r"(?:\s+(?!(?:19|20)\d\d\b)\d+(?!\d|[,.]\d|%)"
    r"(?=\s+(?:[a-z]+ed|said|says|has|have|is|was|will|also|and|plans)\b|[,.;:)]|$))?"
)
#: A count opening a noun phrase ("more than 2,000 knitting machines"); group 1 is the number.
COUNT = re.compile(r"(?<![\w.,-])(?:(?:more than|over|about|nearly|almost|at least|some|roughly|around|approximately"
                   # a rank before the count says which of them ("the first 200 ranches")
                   r"|first|last|next|remaining)\s+)?"
                   r"(\d+(?:[,.]\d+)*|a\s+dozen|dozens\s+of|hundreds\s+of|thousands\s+of|a\s+handful\s+of"
                   # what is counted may open with a technology's name ("more than 800 5G terminals")
                   # or with a measure of each ("four 1,000-megawatt reactors")
                   r"|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen"
                   r"|eighteen|nineteen|twenty|thirty|forty|fifty)\s+(?:(?:other|more)\s+)?"
                   # a count of millions ("some three million labelled images"; "500 million yuan" is a sum: see ``UNITS``)
                   r"(?:(?:million|billion)\s+)?"
                   r"(?=[a-z]|\d+G\s|\d+(?:[,.]\d+)*-[a-z])",
                    re.IGNORECASE)
#: A number hyphened to its unit: a measure describing a thing's kind, no count of it ("a 1,000-megawatt reactor").
MEASURE = re.compile(r"\d+(?:[,.]\d+)*-[a-z][\w-]*")
#: Words after which a bare noun phrase may open ("at its | compressor plant", "many of the | networked robots").
PHRASE_OPENING = re.compile(r"(?<![\w-])(?:that|(?:its|their|our)(?:\s+own)?|for|on|of|in|at|across|among|these|those|through|via"
                            r"|into|onto|inside|with|by"
                            # a clause's subject after "where" and after a reporting verb with no "that" ("says
                            # automated guided vehicles …")
                            r"|where|says|said"
                            # a clause's subject after a conjunction ("…, while harvesters supplied by X send …")
                            r"|while|whereas|although|because"
                            # what a relative "whose" owns ("Sany, whose | pile-driver plant in Changsha"); "whose main
                            # campus is in P" says where the owner is, and introduces no thing
                            r"|whose(?!\s+(?:[a-z][\w-]*\s+){1,3}(?:is|are|was|were)\b)"
                            # a described owner ("runs the region's | largest steel mill")
                            r"|the\s+(?:[a-z][\w-]*\s+)?[a-z][\w-]*['’]s"
                            r"|(?:many|some|most|all|several|few)\s+of\s+the"
                            # an infinitive's object ("urged firms to keep | offline backups")
                            r"|to\s+(?!be\b|the\b|a\b|an\b)[a-z]+(?<![^e\W]ed)"
                            # "exposed to | forged switching commands": a participle after "to" is no infinitive
                            r"|to(?=\s+[a-z]+[^e\W]ed\s+[a-z])"
                            # "such | substations": a determiner of kind
                            r"|such"
                            # the last of a list, ending the sentence ("encryption on every device and | regular security
                            # audits."): a plural or several words after "and" there name a thing
                            r"|and(?=\s+(?:[a-z][\w-]*\s+){1,3}[a-z][\w-]*s[.;]?$|\s+[a-z][\w-]*s[.;]?$)"
                            # a phrasal verb's object ("to speed up | security reviews", "fitted out | six ambulances")
                            r"|(?<=[a-z]\s)(?:up|down|out|off)"
                            # a perfect's object ("has left | crane controllers and robot arms exposed")
                            r"|(?:has|have|had)\s+(?:(?:[a-z]+ly|already|also|since|just|now)\s+)?(?:[a-z]+[^e\W]ed|left|kept|found|made|put|got|brought|bought))\s",
                            re.IGNORECASE)
_PLACE_PEOPLE = re.compile(r"(?<![\w’'-])[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?\s+(?:"
                           + "|".join(sorted((re.escape(p) + "s" for p in GENERIC_PEOPLE if " " not in p), key=len, reverse=True))
                           + r")(?![\w-])")


def place_people(text: str, name_openers: set[str]) -> list[tuple[int, int]]:
    """"Henan officials", "Yunnan engineers": people of a kind, named by where they are (a group that
    acts), where that word opened a name before ("the Henan 5G Industry Alliance"): "Industry experts"
    at a sentence's opening are no place's."""
    return [m.span() for m in _PLACE_PEOPLE.finditer(text) if m.group().split()[0] in name_openers]


_CLAUSE_ENDING_PLURAL = re.compile(r"[a-z][\w-]*s(?=\s*(?:[,.;:!?]|$))")
_COUNTED_BEFORE_PREPOSITION = re.compile(r"((?:[a-z][\w-]*\s+){0,2})([a-z][\w-]*[^s\W]s)"
                                         r"(?=\s+(?:at|in|on|from|across|and|or|to|since|this|last"
                                         # a preposition of time or company after the plural ("42 new members | during the forum")
                                         r"|during|after|before|over|for|with|by|under|through|within|throughout|including)\b)")


def plural_head_end(text: str, start: int, end: int) -> int:
    """"more than 300 companies | belong to …", "1,000 robots | handle welding": after a count the first plural noun is
    the head of what is counted, and a word after it is the verb ("-ics", "-ss", "-us" words are no plurals)."""
    for word in re.finditer(r"[a-z][\w-]*", text[start:end]):
        token = word.group()
        if start + word.end() < end and token.endswith("s") and not token.endswith(("ss", "ics", "us", "is")) \
                and wordclass.plural(token) is not False:  # "some 600 gas | detectors": "gas" is no plural
            return start + word.end()
    return end


def counted_noun_end(text: str, position: int) -> int | None:
    """Where a plural noun right after a count ends, when it ends the clause ("counts 150 members,"):
    a word that opens a pattern elsewhere is still the thing counted here."""
    noun = _CLAUSE_ENDING_PLURAL.match(text, position)
    if noun:
        return noun.end()
    # "signed up 37 new members at its forum": a plural after up to two modifiers, closed by a preposition or "and"
    counted = _COUNTED_BEFORE_PREPOSITION.match(text, position)
    if counted is None or any(word in STOPWORDS for word in counted.group(1).split()):
        return None
    return counted.end(2)


#: A unit of an organization after a possessive, in lower case ("its school of naval architecture").
OWN_UNIT = re.compile(r"(?<![\w-])(?:its|their|his|her)\s+((?:school|college|faculty|institute|department|lab|laboratory|centre|center"
                       r"|division|unit)\s+of\s+[a-z][\w-]*(?:\s+(?!(?:has|have|had|is|was|and|in|at|with|for|on)\b)[a-z][\w-]*){0,3})",
                       re.IGNORECASE)

#: A participle in commas after a sentence's first noun, with its agent or place: ", supplied by X,".
DESCRIBED_BY_PARTICIPLE = re.compile(r",\s+(?:[a-z]+ed|built|run|made|set\s+up|owned)\s+(?:by|in|at|from|with)\s[^,]*,")

#: A quantifier before a bare noun phrase ("many refineries"): it opens the phrase, it is no part of it.
QUANTIFIER_AFTER = re.compile(r"(?:many|some|most|several|all|few)\s+(?=[a-z]|\d+G\s)", re.IGNORECASE)

#: A role in apposition after a name ("Zhang Lei, director of the lab", ", an associate professor at"): a person's.
ROLE_AFTER = re.compile(r",\s+(?:(?:a|an|the)\s+)?(?:[a-z-]+\s+){0,3}(?:director|professor|lecturer|engineer|analyst|researcher"
                        r"|scientist|official|executive|spokesperson|spokesman|spokeswoman|chairman|chairwoman|president"
                        r"|manager|economist|fellow|founder|head|chief|deputy)\b")


@dataclass(frozen=True)
class Run:
    """A span of text read like a regex match."""

    text: str
    begin: int
    finish: int

    def group(self) -> str:
        return self.text[self.begin:self.finish]

    def start(self) -> int:
        return self.begin

    def end(self) -> int:
        return self.finish


_QUANTIFIER = re.compile(r"(?:more than|over|about|nearly|almost|at least)\s+$", re.IGNORECASE)


def extend_left(text: str, start: int, triggers: frozenset[str], phrases: tuple[str, ...] = (), *,
                 capitalised: bool = False, nouns: frozenset[str] = frozenset()) -> int:
    """Start of the noun phrase whose head begins at ``start``: modifiers, not determiners or verbs.

    A number keeps the quantifier before it ("more than 70 industrial internet platforms"), as the
    count is part of what the text says about the group.
    """
    position = start
    while True:
        before = text[:position].rstrip()
        if phrases and before.lower().endswith(phrases):
            return position  # "… snapped up Widget Holdings": the phrase before is a pattern's
        match = re.search(r"([\w’'&-]+)$", before)  # "R&D centre": an ampersand joins one word
        if match is None or position - len(before) > 1:
            return position
        word = match.group(1)
        lowered = word.lower()
        if capitalised and not word[:1].isupper() and not word[:1].isdigit():
            return position  # a name's words are capitalised: "research company | Strategy Analytics"
        participle = lowered.endswith("ing") and not word[:1].isupper() and lowered not in nouns
        if participle and re.search(r"\d\s+$", text[:match.start()]):
            participle = False  # after a number an -ing word describes ("193 leading companies")
        if re.fullmatch(r"[a-z][\w-]*['’]s?", word) and not capitalised:
            return position  # "the alliance's | shared data platform": a described owner is a reference of its own
        if lowered in STOPWORDS or lowered in triggers or participle or lowered in _spoken() \
                or verb_in_phrase(text, match.start(), match.end()) or present_verb(word) or verb_of_clause(text, match):
            return position  # (a verb of speaking: "the Jilin Health Commission told | hospitals")
        position = match.start()
        if word.isdigit():
            quantifier = _QUANTIFIER.search(text[:position])
            if quantifier is not None:
                return quantifier.start()


#: Words after which a verb opens a clause: "to | replace default passwords", "which still | use default passwords".
#: (not "and": "cranes and | straddle carriers", where a word only ever a verb describes the noun after it)
_VERB_OPENERS = re.compile(r"(?<![\w-])(?:to|still|also|often|never|not|that|which|who|they|it)\s+$", re.IGNORECASE)


def verb_of_clause(text: str, word: re.Match[str]) -> bool:
    """"relied on default passwords and | ran unpatched firmware", "to | replace default passwords": a past of no -ed, or
    a word only ever a verb after a word that opens a clause, is no modifier of the noun after it ("used" is a verb there
    too)."""
    lowered = word.group(1).lower()
    if lowered in _IRREGULAR_VERBS:
        return True
    if _VERB_OPENERS.search(text[:word.start(1)]) is None:
        return False
    # (a participle describes: "that | spoofed commands"; a word that may be a noun names: "which | pump controllers")
    return lowered in ("use", "uses", "used") or (wordclass.parts(lowered) == {"VERB"} and not lowered.endswith(("ed", "ing")))


@lru_cache(maxsize=1)
def _spoken() -> frozenset[str]:
    """The past of the lexicon's verbs of speaking ("told", "urged", "warned"), less those that also describe a noun
    ("proposed plant", "reported attacks", "estimated 300 firms")."""
    verbs = speech.lemmas(speech.REPORTS, speech.WARNS, speech.URGES)
    return frozenset(form for form in speech.forms(verbs, speech.PAST) if " " not in form) - _DESCRIBING_PARTICIPLES


_DESCRIBING_PARTICIPLES = frozenset(["proposed", "reported", "estimated", "found", "noted", "stated", "ordered", "directed",
                                     "pressed", "recommended", "claimed", "demanded", "instructed", "stressed", "concluded",
                                     "encouraged", "announced"])


def present_verb(word: str) -> bool:
    """"X | uses explosion-proof handsets", "the network | links 600 detectors": a lower-case word in -s the lexicon knows as
    a verb's present is the verb before a noun phrase, no word of it (a plural modifies a noun only in set words, "sales
    offices", "parts supplier")."""
    return word.isalpha() and word.islower() and word not in PLURAL_MODIFIERS and wordclass.present_third(word) is True


_GOVERNING_VERB = re.compile(r"([a-z]+)\s+(?:(?:the|a|an|its|their|his|her|our|some|more|about)\s+)?$")
_NEXT_LOWER = re.compile(r"\s*([a-z]+)\b")
_PARTICLE = re.compile(r"\s+(?:up|down|out|off|back|in)(?=\s)")


def coordinated_verb(text: str, phrase_start: int, after_and: int) -> int | None:
    """"encrypting its booking servers and | causing delays", "encrypted its servers and | held up filings": after "and",
    a verb of the same form as the verb whose object the phrase before "and" is (both -ing, or both pasts) is a second
    verb of the clause, so what follows is no second noun phrase of the list. Where its object opens (past a particle,
    "held up | customs filings"), or None where no such verb follows."""
    governing = _GOVERNING_VERB.search(text[:phrase_start])
    following = _NEXT_LOWER.match(text, after_and)
    if governing is None or following is None:
        return None
    verb, word = governing.group(1), following.group(1)
    if verb.endswith("ing") and word.endswith("ing"):
        same = wordclass.verb_only(word) and "VERB" in wordclass.parts(verb)
    else:
        same = wordclass.past(verb) is True and wordclass.past(word) is True and wordclass.verb_only(word)
    if not same:
        return None
    particle = _PARTICLE.match(text, following.end())
    return particle.end() if particle is not None else following.end()


#: What opens a verb's object and no word of a subject's noun phrase: a determiner, a count, a hyphened modifier.
_OBJECT_OPENS = re.compile(r"\s+(?:(?:the|a|an|its|their|his|her|our|some|about|more|several|many|all|both)\s|\d|[a-z]+-[a-z])")


def verb_before_object(word: str, text: str, end: int) -> bool:
    """"…, uses | explosion-proof handsets", "links | some 600 detectors": a verb's present in -s (``present_verb``)
    before what opens its object, or a word only ever a verb; a plural before its verb ("where cranes are steered") is none."""
    if present_verb(word) and _OBJECT_OPENS.match(text, end) is not None:
        return True
    # "…, enforce | multi-factor authentication", "…, contributed | prediction models": a word only ever a verb right after a
    # comma, before a lower-case word (elsewhere it may describe: "forged commands", "cranes and straddle carriers")
    return word[:1].islower() and wordclass.verb_only(word.lower()) and not word.endswith("ing") \
        and re.search(r",\s+$", text[:end - len(word)]) is not None and LOWER_NEXT.match(text, end) is not None


_DETERMINED = re.compile(r"(?:(?<![\w-])(?:the|an?|its|their|our|these|those|two|three|four|five|six|seven|eight|nine|ten)|\d)\s+$",
                         re.IGNORECASE)
#: One modifier, "and", then the rest of a phrase: "wheeled and | rail-mounted robots", "township and | mountain clinics".
_MODIFIER_AND = re.compile(r"([a-z][\w-]*)\s+and\s+(?=[a-z])")


def shared_head(text: str, position: int, phrase_at: Callable[[str, int], Mention | None]) -> Mention | None:
    """"18 wheeled and rail-mounted robots", "the four crude and product berths": one word that is no plural, "and", then a
    phrase of up to three words headed by a plural is one phrase, its two modifiers sharing the head (where a plural or
    a singular head follows, "cells and cranes", "maintenance and radiation monitoring", "and" joins two things)."""
    joint = _MODIFIER_AND.match(text, position)
    if joint is None or joint.group(1) in STOPWORDS or plural_noun(joint.group(1)) or adverb(joint.group(1)) \
            or (wordclass.verb_only(joint.group(1)) and not _DETERMINED.search(text[:position])):
        return None  # a verb's past is a modifier only after a determiner or a count ("18 wheeled and …", not "X supplied and …")
    rest = phrase_at(text, joint.end())
    head = rest.text.split()[-1].lower() if rest is not None else ""
    if rest is None or rest.start != joint.end() or len(rest.text.split()) > 3 or not (plural_noun(head) or wordclass.plural(head)):
        return None
    phrase = text[position:rest.end]
    return replace(rest, start=position, text=phrase, label=phrase)


def variant_after(previous: str, token: str, count: int) -> bool:
    """Whether ``token`` after ``previous`` (the ``count``-th word of a phrase) goes on a technology's name: a variant's name
    after "5G" or "5G" itself ("5G RedCap modules", "industrial 5G gateways"), a standard's number after its acronym ("IEC
    104 control traffic", "ISO 27001 audits")."""
    return re.fullmatch(r"\d+G", token) is not None or re.fullmatch(r"\d+G", previous) is not None \
        or (count == 1 and token.isdigit() and re.fullmatch(r"[A-Z]{2,5}", previous) is not None)


#: A lower-case word next: "industrial 5G | gateways" goes on past the technology's name.
LOWER_NEXT = re.compile(r"\s+[a-z]")


def plural_head_at_end(word: str, text: str, end: int) -> bool:
    """"could lead to toxic gas | releases.", "the refinery's central control | building.": a plural, or an -ing word the
    lexicon holds as a noun, after a noun and before the clause's end, heads the phrase, though the same form opens a
    pattern as a verb ("X releases a report", "building a network"): a verb there would have no object."""
    return (wordclass.plural(word) is True or (word.endswith("ing") and "NOUN" in wordclass.parts(word))) \
        and re.match(r"\s*(?:[,.;:!?)]|$)", text[end:]) is not None


#: Chinese function characters that end a name when reading leftwards (了, 的, 与 …).
_CJK_FUNCTION = frozenset("了的与在是为及并向对从把被将于已也都就")
_CJK_NAME_MAX = 16


def extend_left_cjk(text: str, start: int, triggers: tuple[str, ...]) -> int:
    """Start of a Chinese name ending in a cue: back over Han characters and Latin runs such as
    "5G", stopping at function characters and at the words of a pattern (成立, 合作 …)."""
    position = start
    while position > 0 and start - position < _CJK_NAME_MAX:
        ch = text[position - 1]
        if ch in _CJK_FUNCTION or not (_is_cjk(ch) or ch.isalnum()):
            break
        if any(text.endswith(trigger, 0, position) for trigger in triggers):
            break
        position -= 1
    return position


#: Kinds of place whose name follows "of" ("the port of Qingdao").
_NAMED_BY_OF = ("port", "city", "province", "county", "town", "district", "region", "island", "municipality", "village",
                "prefecture")


def extend_right(text: str, end: int) -> int:
    """End of a phrase that goes on with "of" and a number or a technology's name ("industrial use of 5G"), or a place of a
    kind with its name ("the port of Qingdao")."""
    # a name there is an owner of its own ("the industrial internet platform of | Huatai Precision"), kept apart, but one
    # after a place's kind is that place's name ("the port of Qingdao", "the city of Wuhan")
    named = re.search(r"(?<![\w-])(?:" + "|".join(_NAMED_BY_OF) + r")$", text[:end], re.IGNORECASE) is not None
    match = re.match(r"\s+of\s+(?:[A-Z][\w’'-]*|\d[\w-]*)" if named else r"\s+of\s+\d[\w-]*(?![\w’'-])", text[end:])
    return end + match.end() if match else end


#: Nouns ending in "-che" or "-xe" whose plural only adds "s" ("niches", "caches"); other "-ches", "-shes", "-xes",
#: "-sses" plurals add "es" ("ranches", "switches", "boxes", "addresses").
_E_STEMS = ("niche", "cache", "headache", "avalanche", "moustache", "mustache", "axe", "psyche", "quiche")
_ES_PLURAL = re.compile(r"(?:ch|sh|x|ss|zz)es$")


def singular(text: str) -> str:
    if text.endswith("ies"):
        return text[:-3] + "y"
    if _ES_PLURAL.search(text) and not text.endswith(_E_STEMS + tuple(stem + "s" for stem in _E_STEMS)):
        return text[:-2]
    if text.endswith("s") and not text.endswith("ss"):
        return text[:-1]
    return text


def adverb(word: str) -> bool:
    """An -ly word ends a noun phrase, unless it is one of the -ly adjectives ("a quarterly bulletin"); a hyphened word is
    read by its last part ("its final-assembly plant")."""
    last = word.rsplit("-", 1)[-1]
    return last.endswith("ly") and last not in LY_ADJECTIVES


#: Irregular pasts that are no nouns ("cost", "set", "cut" and the like can head a noun phrase: "the tool set").
_IRREGULAR_VERBS = IRREGULAR_PAST - {"cost", "hit", "set", "cut", "put", "spread", "quit", "lay", "must", "can", "may", "might",
                                     "shall", "fed", "left", "lost", "felt", "drew", "saw", "met", "did", "had", "made", "built"}
_AUXILIARY_BEFORE = re.compile(r"(?<![\w-])(?:has|have|had|is|are|was|were|be|been|being)\s+"
                               r"(?:(?:[a-z]+ly|since|also|just|now|already|then|not)\s+)?$", re.IGNORECASE)
_ARTICLE_BEFORE = re.compile(r"(?<![\w-])(?:a|an|the)\s+$", re.IGNORECASE)
_DETERMINER_AFTER = re.compile(r"\s+(?:the|a|an|its|their|his|her|our|this|these|those)\s", re.IGNORECASE)


_PREPOSITION_AFTER = re.compile(r"\s+(?:for|to|with|by|in|on|at|from|into|over|across|as)\s", re.IGNORECASE)


#: Words of a state a verb puts its object in ("knocked the clock | offline for two hours", "kept the units | apart").
_STATES = frozenset(["offline", "online", "apart", "together", "idle", "open", "shut", "loose", "free"])
_CLAUSE_GOES_ON = re.compile(r"\s*(?:[,.;:!?)]|$)|\s+(?:for|and|or|after|before|in|on|at|by|until|during|since|while|when|as|from)\b")


def state_after_object(word: str, text: str, end: int) -> bool:
    """Whether ``word`` (ending at ``end``) is the state a verb left its object in, no word of the object's name."""
    return word.lower() in _STATES and _CLAUSE_GOES_ON.match(text, end) is not None


#: Adverbs of place: after a noun they end its phrase ("a lithium plant | nearby"); before one they modify it ("a nearby port").
PLACE_ADVERBS = frozenset(["abroad", "overseas", "nearby", "elsewhere", "offshore", "onshore", "there", "here", "upstream",
                           "downstream", "locally", "online", "offline"])
_PHRASE_ENDS_AFTER = re.compile(r"\s*(?:[,.;:!?]|$)|\s+(?:abroad|overseas|nearby|elsewhere|locally|offshore|there|here|[a-z]+ly)\b")
_OBJECT_AFTER = re.compile(r"\s+(?:(?:the|a|an|its|their|his|her|more|about)\s|\d)", re.IGNORECASE)


#: Nouns and adjectives in -ed that no verb's past is ("a 5G testbed", "the seabed", "a hundred").
_NOT_PAST = frozenset(["testbed", "seabed", "hotbed", "flatbed", "riverbed", "roadbed", "seedbed", "hundred", "watershed",
                       "naked", "sacred", "wicked", "rugged", "beloved", "bonded"])


def past_form(word: str) -> bool:
    """A word in -ed that may be a verb's past ("installed", "asked"); not "speed", "seed", "bed", "testbed"."""
    if word.split("-")[-1] in _NOT_PAST or not word.endswith("ed"):
        return False
    # the lexicon knows pasts in -sed, -ced, -ged ("used", "produced", "managed") and nouns in -eed ("speed")
    return wordclass.past(word) or (wordclass.past(word) is None and re.fullmatch(r"[a-z]{2,}[^e\W]ed", word) is not None)


def verb_in_phrase(text: str, start: int, end: int, after_noun: bool = False) -> bool:
    """"has installed 5G base stations", "has since asked China Unicom's branch", "malware infected the servers",
    "officials blamed …": an -ed word is the clause's verb, no modifier of a noun phrase, after an auxiliary,
    before an article or a name (a modifier stands before lower-case nouns), or right after a plural noun
    (``after_noun``: a modifier stands before its head, never after it)."""
    word = text[start:end]
    if after_noun and (_bare_verb_after_plural(text, start, word) or _verb_after_plural(text, start, word)):
        return True
    if (infinitive := _TO_VERB.match(text, end)) is not None and re.search(r",\s+$", text[:start]) and present_verb(word) \
            and "VERB" in wordclass.parts(infinitive.group(1)):
        return True  # "Hongta, whose …, | plans to copy": a verb in -s after an aside, before "to" and a verb
    if after_noun and word[:1].islower() and not word.endswith("ing") and wordclass.verb_only(word):
        # "the node that ZTE | supplied", "drones supplied by ZTE | send images": a modifier stands before its head; after a
        # participle it is one of a row of them ("automated guided vehicles")
        previous = re.search(r"([\w-]+)\s+$", text[:start])
        if previous is not None and not previous.group(1).endswith("ing") and not past_form(previous.group(1).lower()):
            return True
    if after_noun and re.search(r"(?<![\w-])[A-Z]{2,5}\s+$", text[:start]) and wordclass.present_plain(word) \
            and (_OBJECT_AFTER.match(text, end) or re.match(r"\s+(?:each|every|all)\s", text[end:])):
        return True  # "drones made by DJI | watch the slopes": a maker's acronym ends the phrase, the verb follows
    if after_noun and word in _IRREGULAR_VERBS:
        return True  # "an intrusion | froze the system", "the crew | got in": a past of no -ed after its subject
    if after_noun and re.fullmatch(r"[a-z]{2,}[^su\W]s", word) and _OBJECT_AFTER.match(text, end) \
            and not re.search(r"[^s\W]s\s+$", text[:start]):
        # "the mine's 5G network covers 20 kilometres", "the cloud platform hosts the data": a present tense after
        # its subject's head, before its object's article or number
        return True
    if not past_form(word) or _ARTICLE_BEFORE.search(text[:start]):
        return False  # "a dedicated 5G slice": a word right after an article modifies the noun after it
    if _AUXILIARY_BEFORE.search(text[:start]) or _DETERMINER_AFTER.match(text, end):
        return True
    following = re.match(r"\s+(\S)", text[end:])
    if following is not None and (following.group(1).isupper() or following.group(1).isdigit()):
        return True
    if after_noun and _PHRASE_ENDS_AFTER.match(text, end):
        return True  # "a gang based abroad,": a modifier stands before its head, so a participle ending a phrase is none
    if after_noun and _PREPOSITION_AFTER.match(text, end):
        return True  # "Xiaomi accounted for …", "robots equipped with …": a participle after its noun ends the phrase
    previous = re.search(r"([a-z][\w-]*)\s+$", text[:start])
    return after_noun and previous is not None and previous.group(1).endswith("s") and not previous.group(1).endswith("ss") \
        and wordclass.plural(previous.group(1)) is not False


_TO_VERB = re.compile(r"\s+to\s+([a-z]+)\b")
_PLURAL_BEFORE = re.compile(r"(?<![\w'’])([a-z][\w-]*[a-z]s)\s+$")
_PHRASE_GOES_ON = re.compile(r"\s+(?:[a-z]|\d)")


def plural_noun(word: str) -> bool:
    """A plural that heads its phrase: no word in -ss, -us, -is, -ics, nor a plural that modifies ("sales offices")."""
    # (nor a word the lexicon holds only as an adjective or adverb: "an overseas | criminal gang")
    return word.endswith("s") and word not in PLURAL_MODIFIERS and not word.endswith(("ss", "us", "is", "ics", "'s", "’s")) \
        and wordclass.plural(word) is not False and not (wordclass.known(word) and wordclass.parts(word) <= {"ADJ", "ADV"})


_OPENING_PLURAL = re.compile(r"([A-Z][a-z]+s)\s+(?:of|from|in|at|across|on|with|for)\s+(?:the|a|an|its|their|[a-z])")


#: A capitalised word opening a sentence before "and" and a common noun, or before a verb with no -s.
_OPENING_PLURAL_SUBJECT = re.compile(r"([A-Z][a-z]+s)\s+(?:and\s+[a-z]|(?:now\s+|also\s+|still\s+|then\s+)?([a-z]+)\b)")


def opening_plural(text: str) -> bool:
    """"Members of the alliance include …", "Readings from the sites flow …", "Shipbuilders in Liaoning": a sentence
    opening on one capitalised plural before a preposition and a common noun opens on a common noun, no name (a
    name so placed goes on with a verb: "Siemens in 2020 said" is rare beside "Siemens said"). So does one the
    lexicon holds as a plural noun before "and" or a verb in the plural ("Drones and legged robots patrol …", "Orders
    arrive through …")."""
    match = _OPENING_PLURAL.match(text)
    if match is not None and plural_noun(match.group(1).lower()):
        return True
    subject = _OPENING_PLURAL_SUBJECT.match(text)
    return subject is not None and plural_noun(subject.group(1).lower()) and wordclass.plural(subject.group(1).lower()) is True \
        and (subject.group(2) is None or wordclass.present_plain(subject.group(2)) is True)


def _bare_verb_after_plural(text: str, start: int, word: str) -> bool:
    """"autonomous forklifts | stack steel coils", "signal boxes | fail in winter": a word in no -s right after a plural
    noun is the clause's verb (a modifier stands before its head, and a plural modifies only in a few set words, "sales
    offices", or hyphened, "a coal-to-liquids plant"), when the clause goes on after it."""
    if not re.fullmatch(r"[a-z]{2,}", word) or word.endswith(("s", "ly")) or word in STOPWORDS:
        return False
    plural = _PLURAL_BEFORE.search(text[:start])
    if plural is None:
        return False
    if "-" in plural.group(1) or not plural_noun(plural.group(1)):
        return False
    return _PHRASE_GOES_ON.match(text, start + len(word)) is not None


#: What a participle or a verb after a plural acts on: a name, a number, a determiner, a preposition or a plural.
_ACTED_ON = re.compile(r"\s+(?:[A-Z]|\d|(?:the|a|an|its|their|his|her|in|on|at|from|into|across|with)\s|[a-z][\w-]*[^s\W]s\b)")


def _verb_after_plural(text: str, start: int, word: str) -> bool:
    """"a surge of scans | targeting IEC 104 traffic", "firmware on industrial gateways | leaves plants exposed": right after
    a plural noun, an -ing word or a verb's present in -s before what it acts on is a verb (a plural takes no verb in -s, so
    that one is the verb of a subject before; a plural modifies a noun only in set words, "sales offices")."""
    if not word.isalpha() or not word.islower() or not (word.endswith("ing") or present_verb(word)) \
            or _ACTED_ON.match(text, start + len(word)) is None:
        return False
    plural = _PLURAL_BEFORE.search(text[:start])
    return plural is not None and "-" not in plural.group(1) and plural_noun(plural.group(1))


_RELATIVE_THAT = re.compile(r"(?<![\w'’-])([a-z][\w-]*)\s+(that\s)\s*(?:(?:still|also|now|often|already|then|usually|[a-z]+ly)\s+)?"
                            r"([a-z]+)\b")


def relative_that_verbs(text: str, triggers: frozenset[str]) -> dict[int, int | None]:
    """"robots that carry wafer boxes", "cameras that still miss cracks": "that" right after a noun opens a relative
    clause whose first word is its verb, no noun phrase. Maps where a phrase after such a "that" would open to where
    the verb's object starts (None when the verb is a pattern's, whose own reading finds its object). "said that",
    "warned that", "the risk that" go on with a clause's subject instead."""
    found: dict[int, int | None] = {}
    for match in _RELATIVE_THAT.finditer(text):
        before, verb = match.group(1), match.group(3)
        if before in STOPWORDS or before in COMPLEMENT_TAKERS or past_form(before) or adverb(before) or verb in STOPWORDS:
            continue
        found[match.end(2)] = None if verb in triggers else match.end(3)
    return found


def joined_fields(left: list[str], right: str, rest: str) -> bool:
    """Whether "and" between ``left`` and ``right`` (the words up to the next "and" or "of", ``rest`` the run after them)
    joins two fields of one name: a field's word each side ("Research and Development Centre"), or a right side ending on
    a field that another "and" goes on ("Shenyang Aluminium and | Magnesium Engineering | and Research Institute")."""
    words = right.split()
    return bool(words) and ((left[-1].lower() in NAME_FIELDS and words[0].lower() in NAME_FIELDS)
                            or (words[-1].lower() in NAME_FIELDS and re.match(r"\s+and\s", rest) is not None))


#: Heads of a site two trades share ("… Ginseng and Kimchi Food Industrial Park").
_SHARED_SITE_HEADS = frozenset(["park", "zone", "base", "centre", "center", "estate", "market", "hub"])


def two_names(left: list[str], right: list[str], right_has_class_word: bool) -> bool:
    """"Baotou Steel and Longyuan Power", "Yunnan Tin and China Yangtze Power": "and" between two names of their own.
    A name holding "and" joins two fields ("Wuhan Iron and Steel", "Industry and Information Technology", "Hainan Port
    and Shipping Holding", "Guizhou Science and Big Data Department"); a run of two or more words each side whose right
    side opens on no field, and with no "of" before it (a body named by its fields: "Ministry of Human Resources and
    Social Security"), is two names; so is a name ending in a field before one word of no field ("HNA Technology and
    Huawei")."""
    if not right or not right[0][:1].isupper() or right[0].lower() in NAME_FIELDS:
        return False
    if len(right) == 3 and right[1] == "Autonomous":
        return False  # "Baoting Li and Miao Autonomous County": a place named by the two peoples who live there
    if left and wordclass.known(left[-1].lower()) and right[-1].lower() in _SHARED_SITE_HEADS:
        return False  # "Yanbian Ginseng and Kimchi Food Industrial Park": two products, one site
    if left and wordclass.plural(left[-1].lower()) is True and wordclass.plural(right[0].lower()) is True:
        return False  # two plural common nouns joined are two fields of one body ("China Ports and Harbours Association")
    if len(left) < 2:
        # "Jingye and Bohai Heavy Industries": one word of no field, then a name of two or more words that opens on
        # none, is two names (one field's word before "and" is half of one: "Research and Development Centre")
        return len(left) == 1 and len(right) >= 2 and left[0].lower() not in NAME_FIELDS \
            and not any(word.lower() in ("of", "for") for word in right)
    if len(right) == 1 and left[-1].lower() not in NAME_FIELDS:
        # "Qi An Xin and Nsfocus": a name of two or more words, then one word of no field ending the run, names two bodies
        # ("Standard and Poor" is one name of one word each side)
        return not any(word.lower() in ("of", "for") for word in left)
    if (left[-1].lower() in NAME_FIELDS or (left[-1].endswith("ing") and left[-1].lower() != "holding")) and right_has_class_word:
        return False  # a field, "and", then a body named by another: one body ("Baoshan Coffee Processing and Export Centre")
    if right_has_class_word and len(right) == 2 and right[0].lower() != "china" \
            and wordclass.known(left[-1].lower()) and wordclass.known(right[0].lower()):
        # two common words joined before the class word name one body ("Chamdo Vocational and Technical College",
        # "National Forestry and Grassland Administration"); a name of its own opens a second ("… and Longyuan Power")
        return False
    return not any(word.lower() in ("of", "for") for word in left)


_PARTICIPLES = frozenset(["known", "seen", "shown", "given", "taken", "written", "run", "made", "built", "owned"])


def passive_by(word: str, text: str, end: int) -> bool:
    """"data encrypted by ransomware", "the fibre maker known as YOFC": a participle before "by" or "as" ends the noun
    phrase."""
    return (word.endswith("ed") or word in _PARTICIPLES) and re.match(r"\s+(?:by|as)\s", text[end:]) is not None


#: a programme's slogan may open on a technology's name and run to five words ("5G plus smart manufacturing")
_QUOTED = re.compile(r"[\"“]((?:[a-z][\w’'-]*|\d+G)(?:\s+[a-z][\w’'-]*){0,2}|\d+G(?:\s+[a-z][\w’'-]*){3,4})[\"”]")


def quoted(text: str) -> list[Mention]:
    """A short lower-case phrase in quotes names something in the writer's words ("bad guys")."""
    return [Mention(m.start(1), m.end(1), m.group(1), None, None, m.group(1), "name") for m in _QUOTED.finditer(text)]


_LISTED_PLURALS = re.compile(r"((?:,\s+(?:[a-z][\w-]*\s+)?[a-z][\w-]*[^s\W]s)*),?\s+(?:and|or)\s+((?:[a-z][\w-]*\s+)?[a-z][\w-]*[^s\W]s)\b")


def listed_plurals(text: str, end: int) -> tuple[int | None, list[str]]:
    """", manufacturers and universities" after a counted plural: where a list of bare plurals that goes on from ``end``
    ends, and its items (None and no items where no such list follows)."""
    match = _LISTED_PLURALS.match(text, end)
    if match is None:
        return None, []
    items = [item.strip() for item in match.group(1).split(",") if item.strip()] + [match.group(2)]
    if any(word in STOPWORDS for item in items for word in item.split()):
        return None, []
    return match.end(), items



_PARTICIPLE_FOLLOWS = re.compile(r"\s+(?:in|on|at|with|from|near|across|inside|outside|along|behind|under|over|into|for|out|the|a|an|its"
                                 r"|their|itself|themselves|\d|more\s+than\s|[a-z][\w-]*[^s\W]s(?![\w'’-]))", re.IGNORECASE)


def participle_after_noun(word: str, text: str, end: int, kinds: frozenset[str]) -> bool:
    """"a dredger controller | sitting in the desert", "a gang | calling itself X", "a plant | making batteries", "a network
    | linking 43 makers": an -ing word after a noun, before a preposition, a determiner, a number or a plural object, is
    a participle that ends the phrase (a kind named by an -ing word, one of ``kinds``, or one before a singular head, "a
    rolling mill", stays in it)."""
    return word.endswith("ing") and word not in kinds and _PARTICIPLE_FOLLOWS.match(text, end) is not None \
        and not plural_noun(word)


_OBJECT_AFTER_PARTICIPLE = re.compile(r"\s+(?:\d|more\s+than\s|(?:the|a|an|its|their|every|each|all)\s)", re.IGNORECASE)


def participle_before_object(word: str, text: str, end: int) -> bool:
    """"a 5G private network | linking 43 makers", "cameras | covering the yard": an -ing word after a noun, before a
    number or a determiner, opens a clause on the noun (before a plural it may modify it: "state-backed hacking groups")."""
    return word.endswith("ing") and _OBJECT_AFTER_PARTICIPLE.match(text, end) is not None


_BEFORE_VERB = re.compile(r"(?<![\w-])(?:to|now|also|still|will|would|must|should|can|could|may|might|they|which|that|who)\s+$",
                          re.IGNORECASE)


def reporting_verb(text: str, mention: Mention) -> bool:
    """"monitors now | report over the network", "told operators to | report incidents": "report" after a modal, an adverb
    or "to" is a verb, no document."""
    return mention.via == "cue" and mention.text in ("report", "reports") and _BEFORE_VERB.search(text[:mention.start]) is not None


def passive_opening(text: str, position: int, triggers: frozenset[str], cue_class: Callable[[str], str | None]) -> list[Mention]:
    """"The network was built by X": one described thing opening a passive with its agent is the clause's subject (the
    agent tells what it is); a class word (``cue_class`` gives it one) is read as a reference instead ("The company was …")."""
    # (past an aside between commas: "The software, trained on … images, was developed by X")
    one = re.match(r"([a-z][a-z-]+)(?=(?:,\s[^,]{3,100},)?\s+(?:was|were|is|are|has\s+been|have\s+been)\s+(?:[a-z]+ly\s+)?[a-z]+\s+by\s)",
                   text[position:])
    word = one.group(1) if one is not None else "the"
    if word in STOPWORDS or word in triggers or cue_class(word) is not None or singular(word) in GENERIC_PEOPLE:
        return []
    return [Mention(position, position + len(word), word, None, None, word, "phrase")]
