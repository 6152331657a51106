"""References: what "it", "she", "the alliance" or "the carmaker" stands for in an article.

A pronoun or a description names no entity of its own; it is read as the entity it most likely refers
to, so a fact stated about it reaches that entity. A description headed by a class cue of the ontology
("the company", "the city", "the crane maker") refers to the last entity named of a fitting class, or
failing that to the subject of the sentence before when nothing says it is of another class; a name
with such a description in apposition ("Zoomo, the scooter maker based in …") takes its class.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace

from explorer.core.extraction import antecedents, sites
from explorer.core.extraction.appositions import apposed_name
from explorer.core.extraction.definites import compound_end, introduced_single, restricted, second_head
from explorer.core.extraction.lexicon import Lexicon, _is_cjk
from explorer.core.extraction.short_names import called_heads, operators, part_of_name
from explorer.core.extraction.short_names import known_as as known_as  # read with the other references
from explorer.core.extraction.spans import Mention, singular
from explorer.core.extraction.subject_pronouns import parallel_its, subject_it
from explorer.core.extraction.words import CARRIER_WORD, STOPWORDS
from explorer.core.search import normalize
from explorer.core.vocab import KG

PERSON, PLACE, ALLIANCE, SOURCE = str(KG.Person), str(KG.Place), str(KG.IndustryAlliance), str(KG.Source)
AGENT, CARRIER = str(KG.Agent), str(KG.TelecomOperator)
ORGANIZATION, ORGANIZATION_GROUP = str(KG.Organization), str(KG.OrganizationGroup)
PLATFORM, PLATFORM_GROUP, GROUP = str(KG.IndustrialInternetPlatform), str(KG.PlatformGroup), str(KG.Group)
#: Words for a site of any kind ("the facility", "the site"): they stand for the site named last.
_SITE_WORDS: dict[str, frozenset[str]] = {
    "facility": frozenset(), "site": frozenset(), "complex": frozenset(), "premises": frozenset(),
    # a plant is any site that makes things ("BOE's display-panel fab … inside the plant")
    "plant": frozenset(["factory", "works", "fab", "campus", "mill", "smelter", "refinery", "base"]),
    "factory": frozenset(["plant", "works", "fab", "campus", "mill", "base"]), "works": frozenset(["plant", "factory", "mill"]),
}
#: A name's last word that says which kind of place it is: "the city" stands for none of them ("Jiulongpo District").
_OTHER_PLACE_KINDS = frozenset(["district", "county", "area", "zone", "region", "prefecture", "township", "village", "river",
                                "lake", "sea", "mountain", "mountains", "island", "park", "port", "bay", "coast", "valley"])
#: "its members", "their founding members": what is said of a body that has members.
_MEMBERS_AFTER = re.compile(r"\s+(?:[a-z-]+\s+)?members\b", re.IGNORECASE)
_PRONOUNS = {"it": "thing", "its": "thing", "she": "person", "her": "person", "he": "person", "his": "person"}
#: "the company", "the crane maker", "the city": up to two modifiers before the head noun.
_DESCRIPTION = re.compile(r"(?<![\w-])the\s+((?:[a-z][\w-]*\s+){0,2}?)([a-z][\w-]*)(?![\w-])", re.IGNORECASE)


_PREPOSITION_BEFORE = re.compile(r"(?<![\w-])(?:in|on|onto|into|at|to|from|of|for|with|by|over|across|inside|near|under|"
                                 r"through|via|within|around|along|beside|behind|between|among)\s+$", re.IGNORECASE)


#: What closes a description in apposition: a comma, or the end of its sentence.
_CLOSED = re.compile(r"\s*(?:,|[.;:!?]?[\s\"”’']*$)")
#: The same after a short phrase that says what the ranking is by ("… largest carmaker | by sales,").
_CLOSED_AFTER_TAIL = re.compile(r"(?:\s+(?:by|in|of)\s+[^,;.]{1,30}?)?\s*(?:,|[.;:!?]?[\s\"”’']*$)")
#: A description ranked by a place's possessive: "China's largest carmaker", "Hunan's biggest crane maker".
_RANKED = re.compile(r"[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*['’]s\s+(?:second-|third-)?(?:largest|biggest|leading|top|main|oldest)"
                     r"(?:\s+[a-z][\w-]*)+")


#: A sentence that opens on its scene: "In Liuzhou, …", "At Qingdao, …" (a name of one to three words).
_SCENE = re.compile(r"^(?:In|At)\s+([A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,2}),")
_CAPITAL = re.compile(r"(?<![\w'’-])([A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,2}),\s+(?:the|a)\s+(?:provincial\s+|regional\s+)?capital\s+of\s")


def _carrier(lexicon: Lexicon, mention: Mention) -> bool:
    return lexicon.is_a(mention.cls, [CARRIER]) is True or CARRIER_WORD.search(mention.label or mention.text) is not None


def _is_person(mention: Mention) -> bool:
    return (mention.cls or "").endswith("Person")


#: A sentence's opening preposition before a name ("At Daya Bay, …", "In Shenzhen, …").
_OPENING_PREPOSITION = re.compile(r"\s*(?:In|At|On|Near|Inside|Outside|Across|From|For)\s+(?:the\s+)?", re.IGNORECASE)

class ReferenceReader:
    """Reads the references of one sentence against what the document named before."""

    def __init__(self, lexicon: Lexicon, cue_class: Callable[[str], str | None], triggers: frozenset[str],
                 unit_heads: frozenset[str] = frozenset(), site_heads: frozenset[str] = frozenset()) -> None:
        self.lexicon, self._cue_class, self._triggers, self._unit_heads = lexicon, cue_class, triggers, unit_heads
        self._site_heads = site_heads
        self._scenes: set[str] = set()
        #: The names that opened the sentences read so far (None where a sentence opened on none), last first.
        self._subjects: list[Mention | None] = []
        self._called: dict[str, str] = {}  # a class word the text called a named entity by ("the group"): that entity
        self._closers: dict[str, str] = {}  # a description that closed a sentence ("…, the brewer said"): who it called

    def references(self, text: str, history: Sequence[Mention], previous_subject: Mention | None,
                   last_sentence: Sequence[Mention] = (), last_text: str = "") -> list[Mention]:
        self._called.update(called_heads(last_sentence, lambda word: self._cue_class(word) is not None))
        self._closers.update(antecedents.closing_description(last_text, last_sentence))
        running = operators(text)  # "the operator" stands for the last one the text said runs a thing (in earlier sentences)
        # a name a sentence opens on as its scene ("In Zigong, …") is a place "the city" may stand for
        self._scenes.update(f"new:{normalize(m.group(1))}" for m in _SCENE.finditer(text))
        # and one the text calls a capital ("Lanzhou, the capital of Gansu province,"): a city
        self._scenes.update(f"new:{normalize(m.group(1))}" for m in _CAPITAL.finditer(text))
        self._subjects.insert(0, previous_subject if previous_subject is not None and previous_subject.via in ("name", "label")
                              and not _is_person(previous_subject) else None)
        found: list[Mention] = []
        for match in re.finditer(r"(?<![\w-])(it|its|she|her|he|his)(?![\w-])", text, re.IGNORECASE):
            if match.group() == "IT":
                continue  # "office IT systems": information technology, no pronoun
            kind = _PRONOUNS[match.group(1).lower()]
            target = antecedent(kind, history, previous_subject, antecedents.closing_speaker(last_text, last_sentence))
            if _CARRIED_BY.search(text[:match.start()]) and match.group(1).lower() == "it":
                # "900 gas detectors are connected over it": what things run on is a network or a platform
                target = next((m for m in reversed(history) if _network_or_platform(m)), target)
            if target is not None:
                found.append(replace(target, start=match.start(), end=match.end(), text=match.group(), via="pronoun"))
            elif match.group(1).lower() in ("its", "it"):  # may refer to a name earlier in this sentence (_owned, object_it)
                found.append(Mention(match.start(), match.end(), match.group(), via="pronoun"))
        for match in re.finditer(r"(?<![\w-])their(?![\w-])", text, re.IGNORECASE):
            # "urged carmakers to connect their plants": read by possessive_pronouns from the sentence alone
            found.append(Mention(match.start(), match.end(), match.group(), via="pronoun"))
        for match in re.finditer(r"(?<![\w-])they(?![\w-])", text, re.IGNORECASE):
            # read only where it opens a second clause (see second_clause_it); dropped elsewhere
            found.append(Mention(match.start(), match.end(), match.group(), via="pronoun"))
        for match in re.finditer(r"(?<![\w-])the\s+([a-z][\w-]*)(?![\w-])", text, re.IGNORECASE):
            if self._cue_class(match.group(1)) is not None:
                continue  # a description headed by a class word: read below
            compound = compound_end(text, match.end(), self._triggers)
            if compound > match.end() and match.group(1).lower() not in self._triggers:
                # "the crane control software": its head is "software", no crane named before; a compound the text
                # describes as known ("the", a modifier, a head) is a thing of its own where it is a clause's subject
                # or a verb's object ("onto the factory floor" sets a scene: no thing of the clause)
                if _PREPOSITION_BEFORE.search(text[:match.start()]) and not restricted(text, match.start(1), compound,
                                                                                       self._triggers):
                    # "in the development zone" after "the Wuxi Economic and Technological Development Zone": the name
                    # named last that ends in the compound's words
                    wanted = normalize(text[match.start(1):compound]).split()
                    named = next((m for m in reversed(history) if m.via in ("name", "label") and " " in (m.label or m.text)
                                  and normalize(m.label or m.text).split()[-len(wanted):] == wanted), None) or next(
                        # a thing named before with these very words ("42 roadside units" … "for the roadside units")
                        (m for m in reversed(history) if m.via in ("phrase", "cue")
                         and normalize(m.label or m.text).split() == wanted), None)
                    if named is not None:
                        found.append(replace(named, start=match.start(), end=compound, text=text[match.start():compound],
                                             via="definite"))
                    continue
                phrase = text[match.start(1):compound]
                found.append(Mention(match.start(1), compound, phrase, None, self._cue_class(phrase), phrase, "phrase"))
                if (second := second_head(text, compound, self._triggers)) is not None:
                    word = text[slice(*second)]
                    found.append(Mention(*second, word, None, self._cue_class(word), word, "phrase"))
                continue
            # "the network" after "a 5G private network": the last thing whose name ends in that noun
            head = singular(match.group(1).lower())
            # one thing for a singular ("the station" is none of "base stations" named before)
            target = next((m for m in reversed(history) if m.via in ("phrase", "cue") and m.iri is None
                           and singular((m.label or m.text).split()[-1].lower()) == head
                           and (head != match.group(1).lower() or antecedents.singular_head(m))), None)
            # or a description the text named ("a hacking campaign it calls Birch Frost" … "the campaign")
            target = target or next((m for m in reversed([*history, *last_sentence]) if m.via == "definite" and m.label
                                     and m.iri is None
                                     and m.text[:1].islower() and singular(m.text.split()[-1].lower()) == head
                                     and antecedents.singular_head(m)), None)
            # else a name of several words ending in it ("the authority" after "Ningbo Port Authority")
            target = target or next((m for m in reversed(history) if m.via == "name" and " " in m.text and m.iri is None
                                     and not _is_person(m) and m.text.split()[-1].lower() == match.group(1).lower()), None)
            # "…, the brewer said." … "The brewer, in which …": the name the description closing a sentence called so
            target = target or next((m for m in reversed(history) if m.key == self._closers.get(head)), None)
            # (none where a carrier was named: "the operator" is then as likely the carrier)
            if target is None and head == "operator" and "operator" in self._called \
                    and not any(self.lexicon.is_a(m.cls, [CARRIER]) is True or CARRIER_WORD.search(m.label or m.text)
                                for m in history):
                target = next((m for m in reversed(history) if m.key == self._called["operator"]), None)
            if target is None and head in _SITE_WORDS:
                # "BYD opened a battery plant in Hefei. The facility employs …": a generic site word stands for the
                # site named last; "the plant" for the last factory or works (words for the same kind of site)
                kinds = _SITE_WORDS[head]
                target = next((m for m in reversed(history) if m.via != "definite" and sites.has_site_head(self.lexicon, m)
                               and (not kinds or singular((m.label or m.text).split()[-1].lower()) in kinds)), None)
            if target is not None:
                found.append(replace(target, start=match.start(), end=match.end(), text=match.group(), via="definite"))
            elif (introduced_single(text, match.start(1), match.end(), self._triggers)
                  and not _PREPOSITION_BEFORE.search(text[:match.start()])) \
                    or restricted(text, match.start(1), match.end(), self._triggers):
                found.append(Mention(match.start(1), match.end(), match.group(1), None, None, match.group(1), "phrase"))
        found += self.descriptions(text, history, previous_subject)
        self._called.update({"operator": running[-1]} if running else {})
        return found

    def descriptions(self, text: str, history: Sequence[Mention], previous_subject: Mention | None) -> list[Mention]:
        """"the university", "the carmaker", "the crane maker": a description headed by a class cue refers to the
        last entity of that class named with that word, else the last of that class, else the subject of the
        sentence before when it is a name nothing says is of another class."""
        found: list[Mention] = []
        described = antecedents.descriptors(history)
        for match in _DESCRIPTION.finditer(text):
            modifiers = match.group(1).split()
            if any(word.lower() in STOPWORDS or word.lower() in self._triggers for word in modifiers):
                continue
            noun, end = match.group(2).lower(), match.end()
            compound = compound_end(text, end, self._triggers)
            compounded = compound > end and not modifiers and match.group(2).islower() and antecedents.modifier(text, end)
            if compounded:
                # "the port operator", "the port group": the compound's last noun heads it, the first only modifies
                noun, end = text[match.start(2):compound].split()[-1].lower(), compound
            cls = self._cue_class(noun)
            if cls is None or re.match(r"\s+[A-Z0-9]", text[end:]):
                continue  # "the steelmaker TISCO": the description is of the name after it, read with that name
            if antecedents.place_kind(self.lexicon, cls):
                # "the province", "the city": a place known to be of that kind, or nothing
                place = antecedents.place_description(self.lexicon, cls, history, match.start(), end, text, frozenset(self._scenes),
                                                      previous_subject)
                if place is not None:
                    found.append(place)
                continue
            # (a name described as seated somewhere, "the Golmud-based fertiliser group", is found by its description's words)
            # one thing, when the description is of one ("the carmaker" is none of "carmakers" named before)
            one = noun == singular(noun)
            pool = [m for m in history if not one or antecedents.singular_head(m)]
            same = [m for m in reversed(pool) if (m.via != "definite" or seated_description(m)) and m.cls is not None
                    and (m.cls == cls or self.lexicon.is_a(m.cls, [cls]) is True)]
            # one the text called by the description's word ("the group": "… Group"; "the supplier": "a Ningbo-based
            # supplier"), any class it was given
            called = next((m for m in reversed(pool) if m.via not in ("pronoun", "definite") and not _is_person(m)
                           and antecedents.names_head(noun, described.get(m.key, frozenset()))
                           and self.lexicon.is_a(m.cls, [cls]) is not False), None)
            # else the subject of the sentence before when it fits ("Changan signed a deal with Geely. The company said
            # …": Changan), else the last one named
            subject = next((m for m in same if previous_subject is not None and m.key == previous_subject.key), None)
            last = same[0] if same else None
            # a name that opened one of the last sentences, of no other kind, is what the text speaks of ("Huaneng Tibet
            # Hydropower, a subsidiary of China Huaneng Group, … The company opened …": the subsidiary)
            salient = next((m for m in self._subjects[:3] if m is not None and self.lexicon.is_a(m.cls, [cls]) is not False
                            and m.key not in self._scenes and self.lexicon.is_a(cls, [ORGANIZATION]) is True
                            and singular(noun) in ("company", "firm")), None)
            # one the text called by this word before ("…, the group said"), over a subject of "the company" since
            recorded = next((m for m in same if m.key == self._called.get(singular(noun))), None)
            first = recorded if singular(noun) not in ("company", "firm") else None
            # a name that says it is a company though no class word does ("Jiangsu Nuclear Power Co"), after the subjects
            company = next((m for m in reversed(pool) if singular(noun) == "company" and m.via == "name"
                            and (m.cls is None or self.lexicon.is_a(cls, [m.cls]) is True)
                            and (m.label or m.text).split()[-1] in ("Co", "Co.")), None)
            # one a sentence closing on "…, the carmaker said" called so (a word as general as "the company" is any
            # company's: the one the text speaks of now comes first, below)
            closed = next((m for m in reversed(pool) if m.key == self._closers.get(noun) and m.via != "pronoun"
                           and self.lexicon.is_a(m.cls, [cls]) is not False), None)
            general = singular(noun) in ("company", "firm")
            target = next((m for m in same if antecedents.names_head(noun, described.get(m.key, frozenset()))),
                          called or (None if general else closed) or first or subject or salient
                          or (closed if general else None) or recorded or company or last)
            running = next((m for m in reversed(pool) if m.key == self._called.get("operator") and m.via in ("name", "label")), None)
            if general and target is not None and running is not None and _carrier(self.lexicon, target) \
                    and not _carrier(self.lexicon, running):
                # "…, said Ma Jianguo, the company's deputy general manager": the company the text speaks of runs the
                # plant; the carrier that built its network is named as often, and called by its own words
                target = running
            # the class the text has given the subject since ("Weichai built …": an agent, so no "city")
            known = next((m.cls for m in reversed(history) if previous_subject is not None and m.key == previous_subject.key
                          and m.cls is not None), previous_subject.cls if previous_subject is not None else None)
            if target is None and one and previous_subject is not None and previous_subject.via in ("name", "label") \
                    and not _is_person(previous_subject) and self.lexicon.is_a(known, [cls]) is not False \
                    and self.lexicon.is_a(cls, [ORGANIZATION]) is True:
                # "Acme opened a plant. The company …": the one the text was speaking of ("the hospitals" are several)
                target = previous_subject
            if compounded and (target is None or not all(antecedents.names_head(word, described.get(target.key, frozenset()))
                                                         for word in text[match.start(2):end].split())):
                # "the port group" is one the text called a port's group; "the provincial government" is no department
                continue
            if target is not None:
                # "the company" speaks of a company even where the name it stands for had no known kind
                found.append(replace(target, start=match.start(), end=end, text=text[match.start():end], via="definite",
                                     cls=target.cls or cls))
        return found

    def appositions(self, text: str, mentions: list[Mention]) -> list[Mention]:
        """"Zoomo, the scooter maker based in Kunming,", "Pexa, a software company spun off from …": a name with
        a description headed by a class cue in apposition is of that class, and the description is that name."""
        out: list[Mention] = []
        for mention in mentions:
            # a possessor inside the description ("X, the province's largest miner") is skipped over
            previous = next((m for m in reversed(out) if not re.match(r"['’]", text[m.end:])), None)
            if re.match(r"['’]", text[mention.end:]):
                out.append(mention)  # "X, the province's largest miner": the possessor is no apposition; what it has is
                continue
            # "Together with X and Huawei, the company has fitted …": a description before its verb opens the clause
            clause = re.match(r"\s+(?:has|have|had|is|are|was|were|will|would|can|could|said|says)\b", text[mention.end:])
            # "At Daya Bay, the attack exploited …": a name the sentence opens on after a preposition sets the scene; the
            # description after its comma is the clause's subject, no apposition
            opening = previous is not None and _OPENING_PREPOSITION.fullmatch(text[:previous.start]) is not None
            if previous is not None and not opening and previous.via in ("name", "label") and previous.iri is None \
                    and not _is_person(previous) \
                    and mention.via in ("definite", "cue", "phrase") and mention.iri is None and clause is None \
                    and re.fullmatch(r",\s+(?:(?:the|a|an)\s+)?(?:[a-z]+['’]s?\s+)?", text[previous.end:mention.start], re.IGNORECASE) \
                    and (re.match(r"(?:(?:the|a|an)\s+)[a-z0-9]", text[previous.end:].lstrip(", "), re.IGNORECASE)
                         # closed by a comma or the sentence's end: "PetroChina, China Mobile's Gansu branch has built …"
                         # opens a clause
                         or (self._owned_unit(mention) and _CLOSED.match(text[mention.end:]) is not None)
                         # "SAIC Motor, China's largest carmaker by sales, has joined …": ranked by a place
                         or (mention.via == "cue" and _RANKED.fullmatch(mention.text) is not None
                             and _CLOSED_AFTER_TAIL.match(text[mention.end:]) is not None)):
                # an article opens a description ("Ningbo, Zhejiang province" names a second place)
                description = re.sub(r"^(?:the|a|an)\s+", "", mention.text, flags=re.IGNORECASE)
                words = description.split()
                cls = self._cue_class(words[-1]) if words and words[-1][:1].islower() else None
                cls = cls or (mention.cls if self._owned_unit(mention) and _CLOSED.match(text[mention.end:]) else None)
                # (a name that holds the description's head is of its kind, whatever class its other words gave it:
                # "Xiangya Hospital of Central South University, the Changsha teaching hospital")
                if cls is None and words and singular(words[-1].lower()) in self._site_heads \
                        and previous.cls in (None, ORGANIZATION):
                    # "the Baoshan Coffee Processing and Export Centre, a 40,000-square-metre site in Longyang district":
                    # a name described as a site is one (the "Centre" of its name made it an organization)
                    named = replace(previous, cls=None)
                    out[out.index(previous)] = named
                    out.append(replace(named, start=mention.start, end=mention.end, text=mention.text, via="definite"))
                    continue
                if cls is not None and (self.lexicon.is_a(previous.cls, [cls]) is not False
                                        or words[-1].lower() in normalize(previous.label or previous.text).split()):
                    named = replace(previous, cls=previous.cls if self.lexicon.is_a(previous.cls, [cls]) else cls)
                    out[out.index(previous)] = named
                    out.append(replace(named, start=mention.start, end=mention.end, text=mention.text, via="definite"))
                    continue
            out.append(mention)
        return out

    def _owned_unit(self, mention: Mention) -> bool:
        """"Cainiao, Alibaba's logistics arm,": an owner's unit, named by a relation's word, may stand in apposition."""
        return mention.via == "cue" and re.match(r"[A-Z][^,]*['’]s\s", mention.text) is not None \
            and mention.text.split()[-1].lower() in self._unit_heads

    def bare_cue_reference(self, mention: Mention, history: Sequence[Mention]) -> Mention:
        """A Chinese cue word standing alone (联盟) names the last one of its class, as "the alliance"
        does in English (English bare nouns such as "smart ports" speak of the kind, not of one)."""
        if mention.via != "cue" or not _is_cjk(mention.text) or not any(cue.words == mention.text for cue in self.lexicon.cues):
            return mention
        target = next((m for m in reversed(history) if m.cls == mention.cls), None)
        if target is None:
            return mention
        return replace(target, start=mention.start, end=mention.end, text=mention.text, via="definite")


#: A verb of running or joining and its preposition, right before "it" ("are connected over it", "will run on it").
_CARRIED_BY = re.compile(r"(?<![\w-])(?:connected|linked|hooked\s+up|runs?|running|ran|carried|operating)\s+(?:over|via|on|to|through)\s+$",
                         re.IGNORECASE)


#: A verb whose subject is a network or a platform: "it hosts …", "it now carries …".
_HOSTING = re.compile(r"\s+(?:(?:also|now|already)\s+)?(?:hosts|carries|links|connects)\s", re.IGNORECASE)


def _network_or_platform(mention: Mention) -> bool:
    words = (mention.label or mention.text).split()
    return mention.via != "pronoun" and bool(words) and (singular(words[-1].lower()) in ("network", "platform", "slice")
                                                         or mention.cls == str(KG.IndustrialInternetPlatform))


def antecedent(kind: str, history: Sequence[Mention], previous_subject: Mention | None,
               speaker: Mention | None = None) -> Mention | None:
    if kind == "person":
        return next((m for m in reversed(history) if _is_person(m)), None)
    # "Such intrusions could …, the academy said. It called for …": "it" stands for one thing, never for a plural's
    # several; the one who said the sentence is then what the text speaks of
    if previous_subject is not None and not _is_person(previous_subject) \
            and (antecedents.singular_head(previous_subject) or speaker is not None):
        return previous_subject if antecedents.singular_head(previous_subject) else speaker
    return next((m for m in reversed(history) if not _is_person(m) and antecedents.singular_head(m)), None)


def part_of_person(mention: Mention, history: Sequence[Mention]) -> Mention:
    """"Chen said", after "Professor Chen Lin": one word of a person's name named before is that person."""
    if mention.via != "name" or mention.cls is not None or " " in mention.text:
        return part_of_name(mention, history)
    target = next((m for m in reversed(history) if m.cls == PERSON and m.iri is None
                   and mention.text in (m.label or m.text).split()[:1] + (m.label or m.text).split()[-1:]), None)
    if target is None or (target.label or target.text) == mention.text:
        return part_of_name(mention, history)
    return replace(target, start=mention.start, end=mention.end, text=mention.text, via="definite")


def second_clause_it(text: str, mentions: list[Mention]) -> list[Mention]:
    """"The network was developed by A and B, and it supports …": "it" (or "they") opening a second clause is
    the subject of the first, not the last thing named before it; "P warned …, and she called for …": "she" (or
    "he") is the person the sentence named first, not one named in an earlier sentence."""
    out: list[Mention] = []
    for mention in mentions:
        personal = mention.text.lower() in ("she", "he")
        if (mention.via == "pronoun" and mention.text.lower() in ("it", "they", "she", "he") and out
                and re.search(r"(?:,|\band)\s*$", text[:mention.start])):
            first = next((m for m in out if _is_person(m) == personal and m.via != "pronoun"), None) if personal \
                else next((m for m in out if not _is_person(m)), None)
            if first is not None and not personal and not _network_or_platform(first) and _HOSTING.match(text, mention.end):
                # "Inspur developed Xinghe, the platform that …, and it hosts digital twins": what hosts or carries things
                # is the network or platform the first clause named
                first = next((m for m in reversed(out) if _network_or_platform(m)), first)
            if first is not None and first.key != mention.key:
                mention = replace(first, start=mention.start, end=mention.end, text=mention.text, via="pronoun")
        out.append(mention)
    return out


#: Where a clause (or an aside) opens: after a comma, a semicolon, "that" or a colon.
_SEGMENT = re.compile(r"[,;:]\s*|(?<![\w-])(?:that|said|says|where)\s+", re.IGNORECASE)
_BEFORE_SUBJECT = re.compile(r"\s*(?:(?:and|but)\s+|(?:while|whereas)\s+(?:[a-z][\w-]*\s+){0,2})?"  # "while phone maker | H"
                             r"(?:(?:the|a|an|this|these|those|many|some|most)\s+)?", re.IGNORECASE)


def _segment_starts(text: str, before: int) -> list[int]:
    """Where the clauses (or asides) before ``before`` open; a clause's subject stands at its opening."""
    return [0] + [m.end() for m in _SEGMENT.finditer(text[:before])]


#: Verbs whose object acts in the clause after it ("helped Midea build", "asked China Telecom to upgrade").
_CONTROL_BEFORE = re.compile(r"(?<![\w-])(?:help|helps|helped|helping|ask|asks|asked|urge|urges|urged|allow|allows|allowed"
                             r"|enable|enables|enabled|tell|tells|told|require|requires|required|encourage|encourages"
                             r"|encouraged|invite|invites|invited|let|lets)\s+(?:the\s+)?$", re.IGNORECASE)


def _opening(text: str, mentions: Sequence[Mention], start: int, before: int) -> Mention | None:
    """The mention that opens the clause starting at ``start`` (at most an article before it), if one does."""
    head = next((m for m in mentions if m.start >= start and m.end <= before and m.via != "pronoun"), None)
    if head is not None and head.via == "phrase" and " " not in head.text and head.text[:1].islower() \
            and (any(0 <= m.start - head.end <= 1 for m in mentions) or re.match(r"\s+to\s+[a-z]", text[head.end:])):
        # "…, uses 5G-connected drones", "…, plans to extend it to its plant": one lower-case word right before a noun
        # phrase or an infinitive is a verb
        return None
    return head if head is not None and _BEFORE_SUBJECT.fullmatch(text[start:head.start]) else None


def clause_subject(text: str, mentions: Sequence[Mention], before: int) -> Mention | None:
    """The subject of the clause ``before`` stands in: "Baotou Steel signed a deal with China Telecom to cover its
    lines" — "its" is Baotou Steel's, not the partner named nearer; "…, Strategy Analytics said in its report" — the
    subject of the clause after the comma. A subject opens its clause (after a comma, a semicolon or "that", at most
    an article before it) and is no person; a clause that opens with a verb ("…, has signed …") or a relative or a
    preposition ("which runs", "In Liuzhou,") has its subject in a clause before it."""
    for start in reversed(_segment_starts(text, before)):
        head = _opening(text, mentions, start, before)
        if head is not None and not _is_person(head):
            # "Huawei helped Midea build its factory": after a verb that makes its object act, that object is the
            # subject of what follows
            controlled = [m for m in mentions if head.end <= m.start and m.end <= before and m.via != "pronoun"
                          and _CONTROL_BEFORE.search(text[head.end:m.start])]
            return controlled[-1] if controlled else head
    return None


def object_it(text: str, mentions: list[Mention], last_text: str = "", last_mentions: Sequence[Mention] = ()) -> list[Mention]:
    """"The bureau founded the X Alliance in 2019, and 40 factories have joined it": "it" after a verb is the thing
    named nearest before it in the sentence that is no clause's subject (the factories, the bureau) — the object of the
    clause before. With none in its sentence it is the object of the sentence before, its first thing that is no
    clause's subject ("X set up the Y Alliance in 2021. The bureau says 200 firms have joined it": the alliance), as an
    object pronoun follows the object. "it" opening a clause is read by ``second_clause_it``."""
    out: list[Mention] = []
    for mention in mentions:
        if mention.via == "pronoun" and mention.text.lower() == "it" \
                and re.search(r"[a-z]\s+$", text[:mention.start]) and not re.search(r"(?:,|\band|\bthat)\s*$", text[:mention.start]) \
                and not _CARRIED_BY.search(text[:mention.start]):  # ("connected over it": a network, read by ``references``)
            # a thing a preposition governs is no object ("X, a company based in Y, built it": not Y)
            # ("built the system with … edge servers supplied by Huawei, and will operate it": "it" is no plural's)
            nearest = next((m for m in reversed(out) if m.via != "pronoun" and not _is_person(m)
                            and m.key not in _subjects(text, out, mention.start)
                            and not _GOVERNED.search(text[:m.start]) and antecedents.singular_head(m)), None)
            if nearest is None:
                # a direct object: no preposition before it ("based in Y" names no object)
                nearest = next((m for m in last_mentions if m.via != "pronoun" and not _is_person(m)
                                and m.key not in _subjects(last_text, last_mentions, len(last_text))
                                and not _GOVERNED.search(last_text[:m.start]) and antecedents.singular_head(m)), None)
            if nearest is not None:
                mention = replace(nearest, start=mention.start, end=mention.end, text=mention.text, via="pronoun")
        out.append(mention)
    return subject_it(text, parallel_its(text, antecedents.reported_it(text, out)), clause_subject)


_GOVERNED = re.compile(r"(?<![\w-])(?:in|at|of|on|for|from|with|by|to|across|among|into|near|over|under)\s+"
                       r"(?:(?:the|a|an|its|their)\s+)?$", re.IGNORECASE)


def _subjects(text: str, mentions: Sequence[Mention], before: int) -> set[str]:
    """Keys of the mentions that open a clause before ``before`` (its subjects)."""
    return {m.key for m in (_opening(text, mentions, start, before) for start in _segment_starts(text, before)) if m is not None}


#: A subject's verb of reporting, right after it or after its acronym or an aside ("… the centre | warned", "the China
#: Academy … | (CAICT) said", "ThreatBook | , a Beijing-based firm, found").
_SUBJECT_SPEAKS = re.compile(r"(?:\s*\([^()]{1,40}\))?(?:,\s[^,;]{1,60},)?\s+(?:(?:also|has|had|have)\s+)?"
                             r"(?:warned|warns|said|says|found|finds|reported|noted|concluded|estimated|argued|cautioned|urged"
                             r"|called|identified|listed|described|predicted|recorded|counted|detailed)\b")


def possessive_pronouns(lexicon: Lexicon, text: str, mentions: list[Mention], last_sentence: Sequence[Mention]) -> list[Mention]:
    """"Strategy Analytics said in its latest report": "its" is the subject of its clause (see
    ``clause_subject``), and what it owns is named after it ("Strategy Analytics' latest report")."""
    out: list[Mention] = []
    for mention in mentions:
        previous = out[-1] if out else None
        if mention.via == "pronoun" and mention.text.lower() in ("its", "their"):
            near = clause_subject(text, out, mention.start) \
                or next((m for m in reversed(out) if m.via != "pronoun" and not (m.cls or "").endswith("Person")), None)
            speaker = next((m for m in mentions if m.start > mention.end and m.via != "pronoun" and _SUBJECT_SPEAKS.match(text, m.end)),
                           None) if re.fullmatch(r"\s*In\s+", text[:mention.start]) else None
            if speaker is not None:
                # "In its Energy OT Risk Outlook, released in April, the Northeast Industrial Security Center warned …": the
                # opening phrase's owner is the subject of the clause it opens, named after it
                out.append(replace(speaker, start=mention.start, end=mention.end, text=mention.text, via="pronoun"))
                continue
            if near is None and _MEMBERS_AFTER.match(text, mention.end):
                # "X set up the Y Alliance. Its members include …": what has members is the body that gathers them,
                # named in this sentence or the one before, over the subject who set it up
                near = next((m for m in reversed(last_sentence) if lexicon.is_a(m.cls, [ALLIANCE]) is True), None)
            if near is not None:
                near = antecedents.site_owner(lexicon, out, mentions, text, near, mention.end)
                # "X, the locomotive-making arm of Y, runs … at its plant": "its" is the named company's, not its description's
                near = antecedents.what_an_attack_hit(lexicon, out, text, near, mention.start) or apposed_name(out, text, near) or near
                mention = replace(near, start=mention.start, end=mention.end, text=mention.text, via="pronoun")
        elif (mention.via == "cue" and mention.iri is None and previous is not None and previous.via == "pronoun"
              and previous.text.lower() in ("its", "their") and 0 < mention.start - previous.end <= 1
              and not mention.text[:1].isupper()  # "its Chengdu data centre" has a name of its own
              and not re.match(r"\d{4}\s+[A-Z]", mention.text)  # as has "its 2024 Automotive Supply Chain Threat Report"
              # the text names a thing without its owner ("its lab", "its security operations centre"), and so does its
              # label; a document is known by who wrote it ("Strategy Analytics' latest report")
              and lexicon.is_a(mention.cls, [SOURCE]) is True):
            owner = previous.label or previous.text
            mention = replace(mention, label=f"{owner}{'’' if owner.endswith('s') else '’s'} {mention.text}".replace("’", "'"))
        out.append(mention)
    return [m for m in out if m.iri is not None or m.label is not None or m.via != "pronoun" or m.text.lower() in ("they", "it")]


def merge_cues(mentions: Sequence[Mention], text: str = "") -> list[Mention]:
    """A name right after its class cue ("research company Strategy Analytics") takes that class
    and the cue phrase goes: it describes the name, it is not a second entity; so does a place and a class word after
    "the" or "a" ("the Beijing start-up Waytous"), unless the name opens a clause of its own ("the plant Haier built")."""
    merged: list[Mention] = []
    for mention in mentions:
        previous = merged[-1] if merged else None
        if previous is not None and mention.via == "name" and previous.via in ("cue", "phrase") and previous.iri is None \
                and mention.start - previous.end == 1 and _PLACED_KIND.fullmatch(previous.text) \
                and re.search(r"(?<![\w-])(?:the|a|an)\s+$", text[:previous.start], re.IGNORECASE) \
                and not re.match(r"\s+(?:[a-z]+ed|built|set|run|made|has|have|had)\b", text[mention.end:]):
            merged[-1] = replace(mention, cls=mention.cls or previous.cls)
            continue
        # (a cue opening the sentence is capitalised there alone, and the name opens the sentence with it: "Drone maker DJI")
        opening = previous is not None and previous.start == 0 and previous.text[1:].islower()
        if (mention.via in ("name", "cue") and mention.text[:1].isupper() and previous is not None
                and previous.via == "cue" and (not previous.text[:1].isupper() or opening)
                and 0 <= mention.start - previous.end <= 1):
            merged[-1] = replace(mention, cls=mention.cls or previous.cls)
            if opening and previous is not None:
                merged[-1] = replace(merged[-1], start=previous.start,
                                     text=previous.text + " " * (mention.start - previous.end) + mention.text)
            continue
        merged.append(mention)
    return merged


_THE_BEFORE = re.compile(r"(?<![\w-])the\s+$", re.IGNORECASE)
#: A place's name and a class word: "Beijing start-up", "Shanghai firm" (one capitalised word, then lower-case ones).
_PLACED_KIND = re.compile(r"[A-Z][\w'’]*(?:\s+[a-z][\w-]*){1,2}")


def class_word_after_the(mention: Mention, text: str) -> bool:
    """"the province", "the company": a class word alone after "the" (a description, no name of its own)."""
    return mention.via == "cue" and " " not in mention.text and _THE_BEFORE.search(text[:mention.start]) is not None


def sentence_descriptions(lexicon: Lexicon, text: str, mentions: list[Mention]) -> list[Mention]:
    """"Lu Jun, chief engineer at Anshan Steel, said the company's furnaces …": a description the text before found no
    antecedent for ("the" and a class word alone) stands for the name of a fitting kind named before it in its own
    sentence, the nearest (a person is no company)."""
    out: list[Mention] = []
    for mention in mentions:
        head = mention.text.split()[-1] if mention.text.split() else ""
        called = None
        after = antecedents.NOUN_AFTER.match(text, mention.end)
        if mention.iri is None and class_word_after_the(mention, text) and after is not None and antecedents.modifier(text, mention.end) \
                and not any(m.start < after.end() and m.end > mention.end for m in mentions):
            # "the port operator": a class word that only modifies the noun after it is of no class of its own; the two
            # words are the description (no port is meant)
            end = after.end()
            out.append(Mention(mention.start, end, text[mention.start:end], None, None, text[mention.start:end], "phrase"))
            continue
        if mention.iri is None and not antecedents.modifier(text, mention.end) and not _is_person(mention) \
                and ((mention.via == "definite" and re.fullmatch(r"the\s+[a-z][\w-]*", mention.text, re.IGNORECASE))
                     or class_word_after_the(mention, text)) and lexicon.is_a(mention.cls, [PLACE]) is not True:
            # "a Ningbo-based supplier … encrypted the supplier's servers": one its own sentence called by the description's
            # word before it is nearer than any named in an earlier sentence
            called = next((m for m in reversed(out) if m.via not in ("pronoun", "definite") and not _is_person(m)
                           and m.key != mention.key and antecedents.names_head(head, antecedents.words_of(m))
                           and antecedents.singular_head(m) and lexicon.is_a(m.cls, [mention.cls] if mention.cls else []) is not False),
                          None)
            if called is not None:
                mention = replace(called, start=mention.start, end=mention.end, text=mention.text, via="definite",
                                  cls=called.cls or mention.cls)
        if called is None and mention.iri is None and class_word_after_the(mention, text) and not antecedents.modifier(text, mention.end):
            # a place must be known as one ("Wuhan, the province's capital": Wuhan is no province); a trade's word ("the
            # supplier") stands for none the text did not call so; a thing of a kind no agent is ("the attack") for no
            # name of unknown kind, but for one of its kind the sentence described ("an intrusion … the attack")
            agents = lexicon.is_a(mention.cls, [AGENT]) is True
            wanted = True if lexicon.is_a(mention.cls, [PLACE]) is True or antecedents.specific(lexicon, head, mention.cls) \
                or not agents else None
            fitting = [m for m in reversed(out) if not _is_person(m) and (
                (m.via in ("name", "label") and lexicon.is_a(m.cls, [mention.cls] if mention.cls else []) in (True, wanted))
                or (not agents and m.via in ("cue", "phrase") and m.iri is None and antecedents.singular_head(m)
                    and lexicon.is_a(m.cls, [mention.cls] if mention.cls else []) is True))]
            # of known kind: the sentence's subject ("X has linked …, the company said": X, not a partner named since),
            # else the nearest of known kind, else the nearest
            sure = [m for m in fitting if mention.cls and lexicon.is_a(m.cls, [mention.cls]) is True]
            subject = next((m for m in sure if out and m is out[0]), None)
            target = next((m for m in fitting if antecedents.names_head(head, antecedents.words_of(m))),
                          subject or (sure[0] if sure else fitting[0] if fitting else None))
            if target is not None:
                mention = replace(target, start=mention.start, end=mention.end, text=mention.text, via="definite",
                                  cls=target.cls or mention.cls)
        elif mention.iri is None and mention.via in ("phrase", "cue") and _SEATED.match(mention.text) \
                and _THE_BEFORE.search(text[:mention.start]) and not re.match(r"\s+[A-Z0-9]", text[mention.end:]):
            # "CATL, the Ningde-based battery giant", "Inspur on a platform the Jinan-based server maker built": "the"
            # and a seat describe a thing the reader knows, the nearest name of a fitting kind before it (not one who
            # speaks of it: "Huawei said the Wuxi-based maker …")
            target = next((m for m in reversed(out) if m.via in ("name", "label") and not _is_person(m)
                           and lexicon.is_a(m.cls, [PLACE]) is not True
                           and lexicon.is_a(m.cls, [mention.cls] if mention.cls else []) is not False
                           and not _SPEAKS.search(text[m.end:mention.start]) and m.text.lower() not in sites.COUNTRIES), None)
            if target is not None:
                # the name takes the description's kind, so "the group" finds it later
                out[out.index(target)] = target = replace(target, cls=target.cls or mention.cls)
                mention = replace(target, start=mention.start, end=mention.end, text=mention.text, via="definite")
        out.append(mention)
    return out


def seated_description(mention: Mention) -> bool:
    """"the Ningde-based battery giant" read as the name it describes (see ``sentence_descriptions``)."""
    return mention.via == "definite" and _SEATED.match(mention.text) is not None


#: A description that opens on where it is seated ("Ningde-based battery giant", "Hong Kong-headquartered lender").
_SEATED = re.compile(r"[A-Z][\w.'’]*(?:\s+[A-Z][\w.'’]*)?-(?:based|headquartered)\s+[a-z]")
#: Words between a name and a description that make the description none of the name's: a speaker ("Huawei said the
#: Wuxi-based maker …") or a new clause ("… over ZTE, and the Shenzhen-based company will …").
_SPEAKS = re.compile(r"(?<![\w-])(?:said|says|told|added|announced|reported|warned|noted|that)(?![\w-])"
                     r"|;|,\s*(?:and|but|while|whereas)\s", re.IGNORECASE)


def counted(lexicon: Lexicon, mention: Mention) -> Mention:
    """"193 leading companies", "more than 70 platforms": a counted plural names a group of
    them (the ontology's OrganizationGroup, PlatformGroup or Group), not one of them."""
    if mention.via not in ("cue", "phrase") or mention.cls is None \
            or not re.match(r"(?:[a-z ]+\s)?\d[\d,]*\s", mention.text, re.IGNORECASE) \
            or not mention.text.endswith("s"):
        return mention
    for member, group in ((ORGANIZATION, ORGANIZATION_GROUP), (PLATFORM, PLATFORM_GROUP)):
        if lexicon.is_a(mention.cls, [member]):
            return replace(mention, cls=group)
    return replace(mention, cls=GROUP)


#: "such attacks", "these gateways": a kind named again with a word that points back.
_POINTING_BACK = re.compile(r"(?<![\w-])(?:such|these|those)\s+$", re.IGNORECASE)


def such_kinds(mentions: list[Mention], text: str, earlier: Sequence[Mention]) -> list[Mention]:
    """"warned of spoofing attacks … and said crane systems were exposed to such attacks": a bare kind after "such", "these"
    or "those" stands for the last thing named before whose name ends in the same noun (in the sentence, else before it);
    its words stay as written."""
    out = []
    for mention in mentions:
        if mention.iri is None and mention.via in ("cue", "phrase") and _POINTING_BACK.search(text[:mention.start]) \
                and len(mention.text.split()) == 1:
            head = singular(mention.text.lower())
            before = [*earlier, *(m for m in mentions if m.end <= mention.start)]
            named = next((m for m in reversed(before) if m.via not in ("pronoun",) and len((m.label or m.text).split()) > 1
                          and singular((m.label or m.text).split()[-1].lower()) == head), None)
            if named is not None:
                mention = replace(mention, label=named.label or named.text, iri=named.iri, cls=named.cls or mention.cls)
        out.append(mention)
    return out
