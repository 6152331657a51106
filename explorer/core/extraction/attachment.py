"""Which noun a participle, a relative clause or a list attaches to when another noun stands between it and its head.

English news prose puts a place between a thing and the participle that describes it ("a smelter in Baotou run by
Baotou Steel"): a town is run by no one, so "run by" describes the smelter. The readers here find that head; the
facts are stated by the trigger words as usual (``suggest``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import pairwise

from explorer.core.extraction import sites
from explorer.core.extraction.constructions import governed
from explorer.core.extraction.lexicon import Lexicon
from explorer.core.extraction.partners import co_partners
from explorer.core.extraction.relatives import subject_before
from explorer.core.extraction.spans import Mention, Reading, singular
from explorer.core.extraction.words import CHINESE_PROVINCES, GENERIC_PEOPLE
from explorer.core.vocab import KG

PLACE, AGENT, THREAT, EVENT = str(KG.Place), str(KG.Agent), str(KG.CyberRisk), str(KG.Event)
LOCATED_IN = str(KG.locatedIn)

#: A thing and the preposition that places it: "a smelter | in | Baotou".
_PLACED_IN = re.compile(r"\s+(?:in|at|near|outside)\s+(?:the\s+)?")


def head_across_place(lexicon: Lexicon, mentions: list[Mention], text: str, start: int) -> list[Mention]:
    """The thing a participle at ``start`` describes when a place named after "in" or "at" stands right before it: "a
    gas plant in Korla operated by X" (the plant), not the town nor the clause's subject; so does one in commas after them
    ("The terminal in Dalian, run by X, …"). Empty when there is none."""
    place = next((m for m in mentions if 0 <= start - m.end <= 1 or re.fullmatch(r",\s", text[m.end:start])), None)
    if place is None or not _a_place(lexicon, place):
        return []
    head = next((m for m in mentions if m.end <= place.start and _PLACED_IN.fullmatch(text[m.end:place.start])), None)
    if head is None or head.via not in ("phrase", "cue", "definite") or lexicon.is_a(head.cls, [PLACE]) is True:
        return []
    return [head]


def head_of_ing_participle(mentions: list[Mention], text: str, start: int, words: str) -> Mention | None:
    """"analysed by an AI model running on an edge server": a participle in "-ing" right after a noun describes that
    noun, even one a preposition governs, and not the clause's subject. None when no thing stands right before."""
    if not re.fullmatch(r"[a-z]+ing(?:\s+[a-z]+)*", words):
        return None
    head = next((m for m in mentions if 0 <= start - m.end <= 1), None)
    return head if head is not None and head.via in ("phrase", "cue", "name", "label", "definite") else None


def participle_clause_subject(mentions: list[Mention], text: str, start: int, words: str) -> Mention | None:
    """"X has rolled out a network at its plant in P, a district of Q, working with A and B": a clause that opens with an
    "-ing" participle after a comma has the main clause's subject, the sentence's first name no preposition governs."""
    if not re.fullmatch(r"[a-z]+ing(?:\s+[a-z]+)*", words) or not re.search(r",\s*$", text[:start]) \
            or re.search(r"[\"“”]", text[:start]):
        return None  # '"…," he warned, calling for …': who speaks is read with the quotation
    under = governed(mentions, text)
    first = next((m for m in mentions if m.end <= start and m not in under), None)
    return first if first is not None and first.via in ("name", "label", "ner") else None


def _a_place(lexicon: Lexicon, mention: Mention) -> bool:
    """A place by its kind or a name of no known kind that names no site ("Korla", not "the Qarhan works")."""
    if lexicon.is_a(mention.cls, [PLACE]) is True:
        return True
    return mention.cls is None and mention.via in ("name", "label") and not sites.has_site_head(lexicon, mention)


#: The preposition that puts listed things in one site: "robots and cameras | at the | plant".
_AT_SITE = re.compile(r"\s+(?:at|across|inside|throughout)\s+(?:(?:the|a|an|its|their)\s+)?(?:[a-z][\w-]*['’]s\s+)?")
_AT_THE_SITE = re.compile(r"\s+(?:at|inside|across)\s+the\s+")
#: Abstract nouns a verb takes as an idiom ("took a similar route", "played a leading role"): no thing that stands anywhere.
_ABSTRACT = re.compile(r"(?<![\w-])(?:route|approach|step|path|stance|lead|position|role|part|view|turn|course)s?$", re.IGNORECASE)
#: What joins the members of a list of things: "A, B and C", "A as well as B".
_LIST_JOINT = re.compile(r"\s*(?:,\s*(?:and\s+)?|and\s+|as well as\s+)(?:(?:the|its|their)\s+)?")


def listed_at_site(lexicon: Lexicon, mentions: list[Mention], text: str) -> Iterator[Reading]:
    """"links 300 welding robots and machine-vision cameras at the plant", "installed scanners and tugs across a
    terminal": each thing of a list right before "at", "across" or "inside" and a site stands in that site. Agents,
    places and attacks are left out ("an intrusion at a plant" says what was hit, "a researcher at X" where one works)."""
    # "across the fab's cleanrooms": a possessor stands for no site of its own here
    ordered = sorted((m for m in mentions if not re.match(r"['’]s\s", text[m.end:m.end + 3])), key=lambda m: m.start)
    for index, site in enumerate(ordered):
        if index == 0 or not sites.one_site(lexicon, site, text):
            continue
        placed = _AT_SITE.fullmatch(text[ordered[index - 1].end:site.start])
        if placed is None:
            continue
        things = [ordered[index - 1]]
        for before in reversed(ordered[:index - 1]):
            if not _LIST_JOINT.fullmatch(text[before.end:things[0].start]):
                break
            things.insert(0, before)
        if not all(_a_thing(lexicon, m) for m in things):
            continue
        if len(things) == 1 and (not _AT_THE_SITE.fullmatch(placed.group()) or _ABSTRACT.search(things[0].text)):
            # one thing: only before "the" and a site ("at its plant" is read with whose the site is, in ``owned_sites``;
            # "a network at a mine" may be one of many); "took a similar route at the mine" places nothing
            continue
        # "across the turbine halls, auxiliary buildings and storage sheds": each site listed holds the things
        where = [site]
        for after in ordered[index + 1:]:
            if not _LIST_JOINT.fullmatch(text[where[-1].end:after.start]) or not _a_thing(lexicon, after) \
                    or after.via not in ("phrase", "cue") or _COUNTED.match(after.label or after.text) \
                    or "and" in text[where[0].end:where[-1].start]:
                break
            where.append(after)
        if not re.search(r"\band\b|\bas well as\b", text[where[0].end:where[-1].start]):
            where = [site]  # "across the plant, people familiar with …": a comma with no "and" closes no list
        # a counted thing ("more than 400 robots") is left to the readers of counts, which name it without its number
        for thing in things:
            for one in where:
                if thing.key != one.key and not _COUNTED.match(thing.label or thing.text):
                    yield (thing, LOCATED_IN, one, placed.group().strip(), ordered[index - 1].end, site.start, 0.5)


#: "at" and the words that open a site of a known kind: "the", a possessive, a count of them ("at four plants", "at three
#: of its largest farms", "at the operator's data centre"); "a network at a mine" may be one of many.
_AT_SITES = re.compile(r"\s+(?:at|inside)\s+(?:(?:the|its|their)\s+|(?:\d+|two|three|four|five|six|seven|eight|nine|ten"
                       r"|several|all)\s+(?:of\s+(?:its|their|the)\s+)?)?(?:[a-z][\w-]*['’]s\s+)?", re.IGNORECASE)
#: The things one puts in a site to work there: a network, a system, a platform's node, the devices a head noun names.
_INSTALLED = frozenset(["network", "system", "node", "server", "cloud", "slice", "platform", "station", "cell", "sensor", "camera",
                        "robot", "vehicle", "crane", "controller", "gateway", "terminal", "module", "device", "line"])


def things_at_sites(lexicon: Lexicon, mentions: list[Mention], text: str) -> Iterator[Reading]:
    """"switched on 5G private networks at four semiconductor plants", "a network at three of its largest farms", "an edge
    node at the operator's data centre": a thing of a kind one installs, right before "at" and a site of a known kind,
    stands in that site, whatever the site's article (``listed_at_site`` reads lists and any thing before "at the")."""
    ordered = sorted((m for m in mentions if m.via != "pronoun"), key=lambda m: m.start)
    for thing, site in pairwise(ordered):
        if not _AT_SITES.fullmatch(text[thing.end:site.start]) or not sites.has_site_head(lexicon, site) \
                or site.text[:1].isupper() or not _a_thing(lexicon, thing) or sites.has_site_head(lexicon, thing) \
                or singular((thing.label or thing.text).split()[-1].lower()) not in _INSTALLED:
            continue
        if _FINDING.search(text[:thing.start]):
            continue  # "found controllers at two terminals exposed to …": kinds of thing a survey found, no one site's
        yield (thing, LOCATED_IN, site, "at", thing.end, site.start, 0.5)


_FINDING = re.compile(r"(?<![\w-])(?:found|discovered|identified|detected|scanned)(?![\w-])", re.IGNORECASE)


def _a_thing(lexicon: Lexicon, mention: Mention) -> bool:
    """A described thing, such as equipment: no name, no agent, no place, no attack."""
    if mention.via not in ("phrase", "cue") or singular((mention.label or mention.text).split()[-1].lower()) in GENERIC_PEOPLE:
        return False
    return mention.cls is None or not any(lexicon.is_a(mention.cls, [c]) for c in (AGENT, PLACE, THREAT, EVENT))


_COUNTED = re.compile(r"(?:(?:more|fewer|less)\s+than|over|some|about|around|nearly|almost|up\s+to)?\s*\d[\d,]*\s", re.IGNORECASE)


#: How the words of a fact read from a contact clause end.
CONTACT_CLAUSE = " (contact clause)"
#: A name's apposition up to the subject of a contact clause: "COSMOPlat|, the industrial internet platform |Haier set
#: up", "X|, a Xining-based body |the department set up" (a hyphened place or trade may stand among its words).
_DESCRIPTION = re.compile(r",\s+(?:a|an|the)\s+(?:[\w.'’]+-[a-z]+\s+)?(?:[a-z][\w-]*\s+){1,4}?(?:the\s+)?")
#: What may follow the verb of a contact clause that has no object of its own: a time, a purpose, a place, its end.
_NO_OBJECT = re.compile(r"\s*(?:[,.;]|$|\s(?:in|on|for|last|this|earlier|at|with|that|which|to)\b)")


def contact_relatives(lexicon: Lexicon, mentions: list[Mention], text: str) -> Iterator[Reading]:
    """"COSMOPlat, the industrial internet platform Haier set up in 2017", "X, a Xining-based body the department set up
    in 2020 that …": an apposition whose noun is followed straight by a subject and its verb (a relative clause with no
    "that") says the verb of the name: Haier established COSMOPlat. The verb must have no object of its own."""
    for pattern in lexicon.patterns:
        if pattern.weak or pattern.object_first or pattern.closing is not None or not pattern.words.isascii() \
                or pattern.words.endswith(" by") or not re.fullmatch(r"[a-z]+(?:ed|t)(?:\s+up)?|built|made|set up|ran|run", pattern.words):
            continue
        for match in pattern.regex.finditer(text):
            actor = next((m for m in mentions if m.end <= match.start() and re.fullmatch(r"\s+(?:(?:has|had)\s+)?",
                                                                                           text[m.end:match.start()])), None)
            if actor is None or actor.via == "pronoun" or not _NO_OBJECT.match(text, match.end()):
                continue
            name = next((m for m in reversed(mentions) if m.end < actor.start and m.via in ("name", "label")
                         and _DESCRIPTION.fullmatch(text[m.end:actor.start])), None)
            if name is None or any(name.end < m.start and m.end <= actor.start and m.via in ("name", "label") for m in mentions):
                continue
            # "the industrial internet platform Haier": the noun before the subject describes the name, not the subject
            kind = None if _kind_from_description(lexicon, actor, text[name.end:actor.start]) else actor.cls
            if lexicon.is_a(kind, pattern.domain) is False or lexicon.is_a(name.cls, pattern.range) is False:
                continue
            yield (actor, pattern.predicate, name, f"{pattern.words}{CONTACT_CLAUSE}", match.start(), match.end(), 0.6)


def _kind_from_description(lexicon: Lexicon, actor: Mention, description: str) -> bool:
    """Whether the actor's kind is the one the words right before it name (a class cue that ends ``description``)."""
    end = len(description.rstrip())
    return actor.cls is not None and any(cue.cls == actor.cls and any(m.end() == end for m in cue.regex.finditer(description))
                                         for cue in lexicon.cues)


#: A joint trial and the "with" that names who runs it with the subject: "is running a similar trial with | A and B".
_TRIAL_WITH = re.compile(r"(?<![\w-])(?:running|runs|ran|run|conducting|conducts|conducted|carrying\s+out|carried\s+out|began|begun"
                         r"|started|starting|launched|launching)\s+(?:(?:a|an|the|its|their|joint|similar|new|first|second|pilot|field"
                         r"|[0-9]+[\w-]*|5G)\s+)*(?:trials?|pilots?|tests?|experiments?)\s+with\s+(?:the\s+)?", re.IGNORECASE)
_BEFORE_VERB = re.compile(r"(?:\s+(?:is|are|was|were|has|have|had|been|also|now|already|jointly))*\s*$", re.IGNORECASE)


def trial_partners(lexicon: Lexicon, mentions: list[Mention], text: str) -> Iterator[Reading]:
    """"JAC, a Hefei carmaker, is running a trial with China Telecom and ZTE": who runs a trial with others is their
    partner (each named after "with"); the subject stands before the verb, past an apposition closed by a comma."""
    partnered = str(KG.partneredWith)
    for trial in _TRIAL_WITH.finditer(text):
        verb = _BEFORE_VERB.search(text[:trial.start()])
        subject = subject_before(mentions, text, verb.start() if verb is not None else trial.start())
        first = next((m for m in mentions if m.start == trial.end()), None)
        if subject is None or first is None or lexicon.is_a(subject.cls, [AGENT]) is False \
                or subject.via not in ("name", "label", "ner"):
            continue
        for partner in co_partners(mentions, text, first):
            if partner.key != subject.key and (lexicon.is_a(partner.cls, [AGENT]) is True or (
                    partner.via in ("name", "label", "ner") and lexicon.is_a(partner.cls, [AGENT]) is not False)):
                yield (subject, partnered, partner, "trial with", trial.start(), trial.end(), 0.6)


def site_at_place(lexicon: Lexicon, mentions: list[Mention], text: str) -> Iterator[Reading]:
    """"the automated container terminal at Qianwan", "its network at Qarhan": a site or a network right before "at"
    and a place's name stands there (a name of an organization after "at" is where someone works, not a place)."""
    for thing, place in pairwise(sorted(mentions, key=lambda m: m.start)):
        if not re.fullmatch(r"\s+at\s+", text[thing.end:place.start]) or not _a_thing(lexicon, thing):
            continue
        # "the automated terminal at Shanghai's Yangshan port": a site at a larger site named by its name stands in it
        if place.via == "cue" and place.text[:1].isupper() and sites.has_site_head(lexicon, place) \
                and sites.has_site_head(lexicon, thing) and not thing.text[:1].isupper():
            yield (thing, LOCATED_IN, place, "at", thing.end, place.start, 0.5)
            continue
        if place.via not in ("name", "label") or not _a_place(lexicon, place):
            continue
        head = (thing.label or thing.text).split()[-1].lower()
        if sites.has_site_head(lexicon, thing) or singular(head) == "network":
            yield (thing, LOCATED_IN, place, "at", thing.end, place.start, 0.5)


#: An object relative clause's subject, verb and where: "that | Shanghai Electric | runs in | Minhang district".
_RELATIVE_VERB_WHERE = re.compile(r"\s+(?:(?:has|have|had|now|also)\s+)*[a-z]+(?:\s+up|\s+out)?\s+(?:in|at|inside)\s+"
                                  r"(?:(?:its|their|the|a|an)\s+)?")


def relative_where(lexicon: Lexicon, mentions: list[Mention], text: str) -> Iterator[Reading]:
    """"the turbine works that Shanghai Electric runs in Minhang district": what a relative clause's verb does in or at a
    place stands there (the thing before "that" is the verb's object, its subject stands after "that")."""
    ordered = sorted(mentions, key=lambda m: m.start)
    for thing, actor, place in zip(ordered, ordered[1:], ordered[2:], strict=False):
        if not re.fullmatch(r"\s+that\s+(?:the\s+)?", text[thing.end:actor.start]) or actor.via == "pronoun" \
                or not _RELATIVE_VERB_WHERE.fullmatch(text[actor.end:place.start]) or not _a_thing(lexicon, thing):
            continue
        if not (_a_place(lexicon, place) or sites.has_site_head(lexicon, place)):
            continue
        # "that X installed in the plant's data centre": the thing stands in the part the possessive names, the part in the site
        part = next((m for m in ordered if m.start > place.end and re.fullmatch(r"['’]s\s+(?:[a-z][\w-]*\s+)?",
                                                                                text[place.end:m.start])), None)
        if part is not None and part.via != "pronoun" and (lexicon.is_a(part.cls, [str(KG.Agent)]) is not True
                                                           or sites.has_site_head(lexicon, part)):
            yield (thing, LOCATED_IN, part, "that … in", actor.end, part.start, 0.5)
            yield (part, LOCATED_IN, place, "'s", place.end, part.start, 0.5)
        elif part is None:
            yield (thing, LOCATED_IN, place, "that … in", actor.end, place.start, 0.5)


ALLIANCE, MEMBER_OF = str(KG.IndustryAlliance), "http://www.w3.org/ns/org#memberOf"
#: Words of the members a group counts among its own: "that also counts | A and B | among them".
COUNTED_AMONG = "counts … among them"
_COUNTS = re.compile(r"(?<![\w-])(?:also\s+)?(?:counts?|numbers?|includes?)\s+(?:the\s+)?", re.IGNORECASE)
_AMONG = re.compile(r"\s+among\s+(?:them|its\s+members|its\s+ranks|their\s+number)(?![\w-])", re.IGNORECASE)


def counted_among(lexicon: Lexicon, mentions: list[Mention], text: str) -> Iterator[Reading]:
    """"the X Alliance, a group of 86 members that also counts A and B among them": each name listed is a member of the
    alliance the clause speaks of (the nearest alliance named before the words)."""
    for counts in _COUNTS.finditer(text):
        first = next((m for m in mentions if m.start == counts.end()), None)
        if first is None or first.via not in ("name", "label"):
            continue
        members = co_partners(mentions, text, first)
        if not _AMONG.match(text, members[-1].end):
            continue
        alliance = next((m for m in reversed(mentions) if m.end <= counts.start() and lexicon.is_a(m.cls, [ALLIANCE])), None)
        if alliance is None:
            continue
        for member in members:
            if member.key != alliance.key and lexicon.is_a(member.cls, [AGENT]) is not False:
                yield (member, MEMBER_OF, alliance, COUNTED_AMONG, counts.start(), members[-1].end, 0.6)


#: "Doumen|, a district of |Zhuhai": a place in apposition described as a part of another place.
#: "Xiangyang, a city in the north of Hubei", "Helinger, a county under Hohhot", "Harbin, the capital of Heilongjiang".
_DIRECTION = (r"(?:far\s+)?(?:north|south|east|west|north-east|north-west|south-east|south-west|northern|southern|eastern|western|"
              r"centre|center)")
#: "Yuxi|, a city in south-western China's |Yunnan province", "Hami|, in the east of |Xinjiang": a place's apposition
#: that names the larger place it lies in (after the country's possessive, if any)
_PLACE_PART = re.compile(rf",\s+(?:(?:(?:a|an|the)\s+|(?=capital\s))"
                         r"(?:(?:coastal|southern|northern|eastern|western|central|rural|industrial|port|small|"
                         r"county-level|prefecture-level|inland|border|mountainous|provincial)\s+)*"
                         # "the deep-water port district of": other words describing the kind, when it is a part of a place
                         r"(?:[a-z][a-z-]*\s+){0,2}?(?P<kind>district|county|city|"
                         r"town|township|province|region|prefecture|suburb|village|municipality|area|capital)\s+"
                         rf"(?:of|in|outside|near|under|administered\s+by)\s+(?:the\s+)?(?:{_DIRECTION}\s+of\s+)?"
                         # "capital of the eastern province of | Shandong"
                         r"(?:(?:[a-z]+-)?[a-z]+ern\s+province\s+of\s+)?"
                         rf"|in\s+the\s+{_DIRECTION}\s+of\s+)"
                         # "… of central China's | Hubei province", "… of south-western | Yunnan province"
                         r"(?:(?:(?:[a-z]+-)?[a-z]+ern|central)\s+(?:(?:China|India)['’]s\s+)?)?",
                         re.IGNORECASE)


#: "Dongguan and Foshan|, two manufacturing hubs in |Guangdong": places listed, described together as parts of another.
_PLACES_PART = re.compile(r",\s+(?:both|two|three|four|five|six)\s+(?:[a-z][\w-]*\s+){0,2}?(?:districts|counties|cities|towns|"
                          r"townships|provinces|regions|prefectures|suburbs|villages|hubs|ports|centres|centers)\s+"
                          r"(?:of|in|under)\s+(?:the\s+)?", re.IGNORECASE)


#: "Jiangchuan and Eshan|, two of |Yuxi|'s tobacco-growing counties": places listed, described as parts of the owner's
_PLACES_OF = re.compile(r",\s+(?:one|two|three|four|five|six|seven|eight|nine|ten|both|all)\s+of\s+", re.IGNORECASE)
_OWNED_PLACES = re.compile(r"['’]s\s+(?:[\w-]+\s+){0,2}?(?:districts?|count(?:y|ies)|cit(?:y|ies)|towns?|townships?|prefectures?|"
                           r"suburbs?|villages?)\b", re.IGNORECASE)
def _place_owner(text: str, position: int) -> Mention | None:
    """"Yuxi" of "Yuxi's tobacco-growing counties" at ``position``: the named place whose parts the phrase counts."""
    owned = re.compile(rf"((?:[A-Z][\w-]*\s+){{0,2}}[A-Z][\w-]*){_OWNED_PLACES.pattern}").match(text, position)
    return Mention(position, owned.end(1), owned.group(1), None, None, owned.group(1), "name") if owned is not None else None


#: "Yunnan province", "Guangxi Zhuang Autonomous Region" read as a phrase: a name and the kind of place it is
_PLACE_PHRASE = re.compile(r"(?:[A-Z][\w-]*\s+)+(?:[Pp]rovince|[Rr]egion|[Cc]ounty|[Pp]refecture|[Dd]istrict)")


#: "Changchun|, in neighbouring |Jilin province|,", "Deyang|, in southwest China's |Sichuan province": a city set in its province
#: by an aside of its own
_IN_PROVINCE = re.compile(r",\s+in\s+(?:neighbou?ring\s+"
                          r"|(?:(?:north|south)-?(?:east|west)(?:ern)?|(?:north|south|east|west)(?:ern)?|central)\s+China['’]s\s+"
                          r"|the\s+(?:[a-z]+ern\s+)?province\s+of\s+)?")


def _province(mention: Mention) -> bool:
    """Whether a mention names one of China's provinces ("Jilin", "Jilin province", "northern Hebei")."""
    return re.sub(r"\s+(?:province|region)$", "", (mention.label or mention.text).lower()) in CHINESE_PROVINCES


def place_apposition(lexicon: Lexicon, mentions: list[Mention], text: str) -> Iterator[Reading]:
    """"in Doumen, a district of Zhuhai": the place named before the apposition lies in the one named after it (the
    description itself, "district", is no place of its own)."""
    ordered = sorted(mentions, key=lambda m: m.start)
    for place in ordered:
        aside = _IN_PROVINCE.match(text, place.end)
        province = next((m for m in ordered if aside is not None and m.start == aside.end()), None)
        if aside is not None and province is not None and _province(province) and not _province(place) and place.via in ("name", "label") \
                and _a_place(lexicon, place) and re.match(r"\s*(?:,(?!\s+(?:(?:and|or)\s+)?(?:in|at)\b)|\.|;|$)", text[province.end:]):
            # "in Changchun, in neighbouring Jilin province, and a line …": no list of places ("in Wuhu, in Anhui, and in …")
            yield (place, LOCATED_IN, province, aside.group().strip(", "), place.end, province.start, 0.6)
        part = _PLACE_PART.match(text, place.end)
        # "… capital of south-western | Yunnan province": a name may hold the direction the apposition opened on
        whole = next((m for m in ordered if part is not None
                      and (m.start == part.end() or (place.end < m.start < part.end() < m.end))
                      and re.fullmatch(r"[\w\s-]*", text[max(m.start, part.start() + 1):part.end()]) is not None), None)
        if part is None or whole is None or place.via not in ("name", "label") or not _a_place(lexicon, place) \
                or not ((whole.via in ("name", "label") and _a_place(lexicon, whole)) or _PLACE_PHRASE.fullmatch(text[part.end():whole.end])
                     or _province(whole)):
            continue
        yield (place, LOCATED_IN, whole, part.group().strip(", "), place.end, whole.start, 0.6)
    for place in ordered:
        # "in Chenggong district of Kunming": a named part of a place, then the place it is part of
        joint = _KIND_OF.match(text, place.end) if place.via in ("name", "label") and _PART_NAME.search(place.text) else None
        whole = next((m for m in ordered if joint is not None and m.start == joint.end() and m.via in ("name", "label")
                      and _a_place(lexicon, m)), None)
        if joint is not None and whole is not None:
            yield (place, LOCATED_IN, whole, "of", place.end, whole.start, 0.6)
    for part in [*_PLACES_PART.finditer(text), *_PLACES_OF.finditer(text)]:
        # "in Dongguan and Foshan, two manufacturing hubs in Guangdong", "in A and B, two of Yuxi's counties": each place
        # listed lies in the one named after
        whole = next((m for m in ordered if m.start == part.end() and m.via in ("name", "label")), None)
        if part.re is _PLACES_OF:
            whole = _place_owner(text, part.end())
        last = next((m for m in ordered if m.end == part.start()), None)
        if whole is None or last is None or not _a_place(lexicon, whole):
            continue
        listed = [last]
        while (before := next((m for m in ordered if m.end <= listed[-1].start and re.fullmatch(
                r"\s*,\s*|\s+and\s+|,\s+and\s+", text[m.end:listed[-1].start])), None)) is not None:
            listed.append(before)
        if (len(listed) < 2 or "and" not in text[listed[1].end:listed[0].start]) and not part.group().lower().startswith(", one "):
            continue  # one place before a plural: no list of the places described
        for place in listed:
            if place.via in ("name", "label") and _a_place(lexicon, place) and place.key != whole.key:
                yield (place, LOCATED_IN, whole, part.group().strip(", "), place.end, whole.start, 0.6)


#: A name of a part of a place by its kind ("Chenggong district", "Fusui county"), and the "of" after it.
_PART_NAME = re.compile(r"\s(?:district|county|township|town|village|prefecture|new\s+area)$", re.IGNORECASE)
_KIND_OF = re.compile(r"\s+of\s+(?:the\s+)?")


def part_of_place(words: str) -> bool:
    """Whether a fact's words are those of a place's apposition ("a district of", "two port cities in")."""
    return _PLACE_PART.fullmatch(f", {words} ") is not None or _PLACES_PART.fullmatch(f", {words} ") is not None


def place_word(mention: Mention) -> bool:
    """Whether a mention is only the word of a kind of place ("district", "a county"): a description, no place."""
    name = mention.label or mention.text
    return mention.iri is None and (_PLACE_PART.match(f", a {name} of ") is not None
                                    or _PLACES_PART.match(f", two {name} of ") is not None)


_TOGETHER_WITH = re.compile(r"\s+(?:together|jointly|along)\s+with\s+(?:the\s+)?", re.IGNORECASE)


def passive_agent_partners(lexicon: Lexicon, facts: list[Reading], mentions: list[Mention], text: str) -> Iterator[Reading]:
    """"a lab to be run by X together with Y": Y runs it too, and is X's partner in it (the agent of a passive joined
    to another by "together with")."""
    partnered = str(KG.partneredWith)
    for thing, predicate, agent, words, _start, end, confidence in facts:
        if not words.endswith(" by") or agent.start < end or agent.via == "pronoun":
            continue
        joint = _TOGETHER_WITH.match(text, agent.end)
        first = next((m for m in mentions if joint is not None and m.start == joint.end()), None)
        if first is None:
            continue
        for partner in co_partners(mentions, text, first):
            if partner.key in (thing.key, agent.key) or partner.via not in ("name", "label", "ner") \
                    or lexicon.is_a(partner.cls, lexicon.ends(predicate)[1]) is False:
                continue
            yield (thing, predicate, partner, joint.group().strip() if joint else words, agent.end, partner.start,
                   round(max(0.0, confidence - 0.05), 2))
            if lexicon.is_a(agent.cls, [AGENT]) is not False and lexicon.is_a(partner.cls, [AGENT]) is not False:
                yield (agent, partnered, partner, "together with", agent.end, partner.start, 0.55)
