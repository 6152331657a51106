"""Which reading of a trigger's words stands: the property that fits best when several share the words, and the
readings that state no fact — a plan or promise ("plans to set up", "has promised to build"), a technology taken as a
thing built ("rolled out 5G"), the products a maker makes as a rule ("builds electric SUVs")."""

from __future__ import annotations

import re

from explorer.core.extraction import wordclass
from explorer.core.extraction.lexicon import PREPOSITIONS, Lexicon, PropertyPattern
from explorer.core.extraction.sites import is_site
from explorer.core.extraction.spans import Mention
from explorer.core.extraction.words import CHINESE_PROVINCES, MUNICIPALITIES, in_quoted_title
from explorer.core.vocab import KG

BUILT, BUILT_BY, TECHNOLOGY, LOCATED_IN = str(KG.built), str(KG.builtBy), str(KG.Technology), str(KG.locatedIn)
AGENT = str(KG.Agent)


#: What ends the clause a trigger stands in: a comma, or a subordinating conjunction ("… if it wants").
CLAUSE_BREAK = re.compile(r"[,，;；]|\b(?:if|when|while|because|although|unless|once|whereas)\b"
                           r"|\band\s+(?:is|are|was|were)\b|\b(?:which|who|whose)\b", re.IGNORECASE)


#: Words before a verb that make it a plan, a promise or a possibility, not something done ("plans to
#: set up", "will deploy", "is expected to launch"): no fact is suggested from such a verb.
_UNREALISED = re.compile(
    r"(?<![\w-])(?:(?:plans?|planned|planning|aims?|aiming|intends?|intending|hopes?|seeks?|wants?|expects?|proposes?"
    r"|promised?|pledged?|vows?|vowed|(?:is|are|was|were)\s+(?:expected|due|set|scheduled|going|poised|likely))\s+to"
    r"|could|may|might|should)(?:\s+(?:also|soon|later|then|eventually|jointly|further|now))?\s+$",
    re.IGNORECASE)
#: "will deploy", "would set up": what is announced for the future is stated (the writers list it), but where the thing
#: will stand is not yet a place it is in (``planned_place``).
_FUTURE = re.compile(r"(?<![\w-])(?:will|would|shall)(?:\s+(?:also|soon|later|then|eventually|jointly|further|now))?\s+$",
                     re.IGNORECASE)


def unrealised(text: str, start: int, pattern: PropertyPattern | None = None, future: bool = False) -> bool:
    """Whether the verb at ``start`` is only planned or possible. A call or a mandate is announced for what is to come
    ("the bureau will require audits", "will call for"): said, so stated."""
    if pattern is not None and (pattern.predicate == str(KG.callsFor) or re.fullmatch(r"requires?", pattern.words)):
        return False
    before = text[:start]
    if re.match(r"to\s", text[start:], re.IGNORECASE):
        before += "to "  # a pattern that opens with "to" ("to build") after "has promised"
    return _UNREALISED.search(before) is not None or (future and _FUTURE.search(before) is not None)


#: Shown after the pattern of a fact the sentence announces for the future (the review's table, ``kg-explorer suggest``).
ANNOUNCED_MARK = "(announced)"


def announced(text: str, start: int) -> bool:
    """Whether the verb at ``start`` is announced for the future ("will deploy", "would set up"): such a fact is
    suggested, as the text states it, but the review marks it as not yet done."""
    return _FUTURE.search(text[:start]) is not None


def announced_among(text: str, start: int, end: int) -> bool:
    """Whether a verb at ``start`` or among the words up to ``end`` is announced or only planned ("plans to set up a"): a
    fact the relation model read has its verb among the words between its two names, and is marked as a rule's is."""
    return announced(text, start) or any(
        _FUTURE.search(text[:word.start()]) is not None or _UNREALISED.search(text[:word.start()]) is not None
        for word in re.finditer(r"(?<![\w'’-])\w", text[:end]) if word.start() > start)


def planned_place(pattern: PropertyPattern, text: str, start: int) -> bool:
    """"plans to set up a centre for platforms in Jinan": where a planned thing will be is planned too —
    a bare preposition in the clause of a verb that is only intended states nothing."""
    if pattern.words.lower() not in PREPOSITIONS:
        return False
    breaks = list(CLAUSE_BREAK.finditer(text[:start]))
    clause = text[breaks[-1].end() if breaks else 0:start]
    planned = [verb for verb in re.finditer(r"(?<=\s)[a-z]+", clause) if unrealised(clause, verb.start(), future=True)]
    # "will extend the network next year to a seed farm in Lingshui": a site the plan reaches stands where it is now
    return bool(planned) and not re.search(r"\s(?:to|into)\s+(?:a|an|the|its|their|\d[\d,]*)\s+[^,]*$", clause[planned[-1].end():])


def no_place(pattern: PropertyPattern, text: str, start: int, end: int) -> bool:
    """Whether the words at ``start``–``end`` place nothing: a plan's place (``planned_place``), a comma in a list of
    names ("Beijing, Shanghai and Guangzhou"), a bare "in" that is a verb's particle before another preposition ("coal
    railed in from Shanxi", "brought in to investigate"), or a bare preposition in a quoted title ("a report titled 'Cyber
    Risks in Smart Agriculture'")."""
    return planned_place(pattern, text, start) or (pattern.words.lower() == "in"
                                                   and re.match(r"\s+(?:from|to|on|with)\s", text[end:]) is not None) \
        or (pattern.weak and in_quoted_title(text, start)) or (pattern.words == "," and _listed(text, end))


#: After a name, "and" or a further comma and name: "Beijing, Shanghai and Guangzhou" lists places, none in the next.
_LIST_GOES_ON = re.compile(r"\s*([A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*)(?:\s+and\s|\s+or\s|,\s+(?:and\s+|or\s+)?[A-Z])")


def _listed(text: str, end: int) -> bool:
    """Whether the comma at ``end`` stands in a list of names, not before the province a city lies in ("Fuzhou, Fujian and
    Ningbo, Zhejiang")."""
    listed = _LIST_GOES_ON.match(text, end)
    return listed is not None and (listed.group(1).lower() not in CHINESE_PROVINCES or listed.group(1).lower() in MUNICIPALITIES)


def technology_made(lexicon: Lexicon, pattern: PropertyPattern, subject: Mention, obj: Mention) -> bool:
    """"rolled out 5G across the mine": a technology is a kind of thing that is used, not one thing made: no one built it."""
    made = obj if pattern.predicate == BUILT else subject if pattern.predicate == BUILT_BY else None
    return made is not None and lexicon.is_a(made.cls, [TECHNOLOGY]) is True


def technology_placed(lexicon: Lexicon, pattern: PropertyPattern, subject: Mention) -> bool:
    """"a joint laboratory for industrial 5G in Yizhuang": a technology is a kind of thing, used in many places, and a
    bare preposition places no technology (the thing the phrase is about stands there)."""
    return pattern.predicate == LOCATED_IN and pattern.weak and lexicon.is_a(subject.cls, [TECHNOLOGY]) is True


def products_made(lexicon: Lexicon, pattern: PropertyPattern, obj: Mention, text: str) -> bool:
    """"Seres builds electric SUVs": a present tense with a bare plural says what a maker makes as a rule, not
    one thing it built ("deploys a private network" is one). "Installed" with a bare plural says who built the things
    ("ZTE installed base stations at the mine"), unless they went into the subject's own site ("X installed 5G base
    stations at its mine": X bought them, their maker goes unsaid) or across a named place, as products sold there
    ("Siemens installed 5G base stations in Wuxi"). A verb of supplying names what is supplied, never to whom: an
    agent, a name or a site after it is the customer ("a mould maker that supplies Schaeffler", "the cutters it supplies
    to the carmaker's plant")."""
    supplied = pattern.words.lower() == "installed" and re.match(
        r"[^,;.]*?(?<![\w-])(?:at|in|inside|across|throughout)\s+(?:its|their)\s|\s+(?:in|across)\s+[A-Z]",
        text[obj.end:]) is not None
    if pattern.predicate == BUILT and supplying(pattern) and supplied_customer(lexicon, obj, text):
        return True
    return (pattern.habitual or supplied) and pattern.predicate == BUILT and obj.text.endswith("s") \
        and not re.search(r"(?<![\w-])(?:a|an|the|its|their)\s+$", text[:obj.start], re.IGNORECASE)


def supplying(pattern: PropertyPattern) -> bool:
    """Whether the pattern is the active verb of supplying ("supplied", "supplies")."""
    return re.fullmatch(r"suppl(?:ied|ies)", pattern.words.lower()) is not None


def supplied_customer(lexicon: Lexicon, obj: Mention, text: str) -> bool:
    """Whether the object read after a verb of supplying is whom the things go to: an agent, a name of no known kind
    (a company more often than a product), a site, or what follows "to"."""
    return lexicon.is_a(obj.cls, [AGENT]) is True or (obj.via in ("name", "label") and obj.cls is None) \
        or is_site(lexicon, obj) or _SUPPLIED_TO.search(text[:obj.start]) is not None


#: A verb of supplying with "to" and up to four words before the object ("supplies to Dongfeng Motor's plant").
_SUPPLIED_TO = re.compile(r"suppl(?:ied|ies)\s+to\s+(?:[\w'’-]+\s+){0,4}$", re.IGNORECASE)


def _narrower(lexicon: Lexicon, one: frozenset[str], other: frozenset[str]) -> bool:
    return bool(one) and one != other and all(lexicon.is_a(c, other) for c in one)


def _unknown_founder(lexicon: Lexicon, pattern: PropertyPattern, subject: Mention, obj: Mention) -> bool:
    # a common noun capitalised where it opens the sentence ("Software developed by X …") is no name of unknown kind
    common = " " not in subject.text and "NOUN" in wordclass.parts(subject.text.lower())
    # (the agent after "by" is an organization for any maker: a name of unknown kind "developed by" one is no standard
    # for it, as a name "owned by" one is an organization, the kind most names of unknown kind are)
    passive_of_thing = pattern.words.endswith(" by") and not all(lexicon.is_a(c, [str(KG.Agent)]) for c in pattern.domain)
    return not passive_of_thing and subject.cls is None and subject.via in ("name", "label") \
        and lexicon.is_a(obj.cls, pattern.range) is True \
        and lexicon.is_a(obj.cls, [str(KG.Organization)]) is True and not common


def fittest(lexicon: Lexicon, read: list[tuple[PropertyPattern, tuple[Mention, Mention, float]]],
             ) -> tuple[PropertyPattern, tuple[Mention, Mention, float]]:
    """Of the properties that share the same words, the one whose range holds the object most
    narrowly ("opened a service centre": an organization is established); an object of no known
    class takes the broadest, the safer claim ("opened a workshop" built it, "owns a mill" runs it)."""
    if len(read) == 1:
        return read[0]
    best = read[0]
    for candidate in read[1:]:
        (pattern, (_s, obj, score)), (best_pattern, (_bs, best_obj, best_score)) = candidate, best
        if score != best_score and (obj.key, _s.key) != (best_obj.key, _bs.key):
            best = candidate if score > best_score else best
            continue
        # a property declared for a narrow domain ("developed by" of a standard) states nothing of a
        # subject not known to be in it when a broader property shares the words ("developed by" a maker)
        # ... unless the subject's kind is unknown and the object is known to be of the narrow property's range ("Huawei
        # opened a lab": what founds an organization is one)
        if _narrower(lexicon, best_pattern.domain, pattern.domain) and lexicon.is_a(_bs.cls, best_pattern.domain) is not True \
                and not _unknown_founder(lexicon, best_pattern, _bs, best_obj):
            best = candidate
            continue
        if _narrower(lexicon, pattern.domain, best_pattern.domain) and lexicon.is_a(_s.cls, pattern.domain) is not True \
                and not _unknown_founder(lexicon, pattern, _s, obj):
            continue
        if (_narrower(lexicon, pattern.domain, best_pattern.domain) or (pattern.domain and not best_pattern.domain)) \
                and (_s.key, obj.key) == (_bs.key, best_obj.key) \
                and lexicon.is_a(_s.cls, pattern.domain) is True and lexicon.is_a(_s.cls, [str(KG.Group)]) is True:
            # "more than 80 companies joined it": a subject known to be of the narrower domain (a group) states the
            # property made for it (a group's membership) over the broader one (an agent's)
            best = candidate
            continue
        known = lexicon.is_a(obj.cls, pattern.range) is True
        if (known and _narrower(lexicon, pattern.range, best_pattern.range)) \
                or (not known and _narrower(lexicon, best_pattern.range, pattern.range)):
            best = candidate
    return best


def singular_antecedent(head: list[Mention], text: str, relative_start: int) -> Mention | None:
    """"a joint laboratory for 5G rail applications, which is housed at the depot": a relative whose verb is singular
    speaks of the singular noun before "for" or "of", not of the plural that ends the phrase (None when the numbers agree)."""
    if len(head) < 2 or not re.match(r",\s+(?:which|that)\s+(?:is|was|has)\s", text[relative_start:]):
        return None
    last, before = head[-1], head[-2]
    plural = re.search(r"[^su'’]s$", last.text) is not None and before.via != "pronoun"
    joined = re.fullmatch(r"\s+(?:for|of)\s+(?:the\s+)?", text[before.end:last.start]) is not None
    return before if plural and joined and not re.search(r"[^su'’]s$", before.text) else None

