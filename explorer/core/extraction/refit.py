"""The property a fact's ends fit, where one set of trigger words states two.

Some words serve two properties, and the kind of what stands at an end decides between them once both ends are
read: "X in P" is a seat (kg:basedIn) for an agent and a place (kg:locatedIn) for a thing (``seats``); "A, B and C
are members of X" makes each named A a member (org:memberOf), while "more than 600 companies are members of X" is
an unnamed group of members (kg:memberGroupOf).
"""

from __future__ import annotations

import re

from explorer.core.extraction import seats, sites, wordclass
from explorer.core.extraction.lexicon import Lexicon
from explorer.core.extraction.mentions import Mention
from explorer.core.extraction.sites import COUNTRIES
from explorer.core.extraction.spans import singular
from explorer.core.extraction.words import CARRIER_WORD, CHINESE_PROVINCES, GENERIC_PEOPLE, TRADE_HEADS
from explorer.core.search import normalize
from explorer.core.vocab import KG, ORG

GROUP, MEMBER_GROUP_OF, HAS_MEMBER_GROUP = str(KG.Group), str(KG.memberGroupOf), str(KG.hasMemberGroup)
EXAMPLE_OF, HAS_EXAMPLE = str(KG.exampleOf), str(KG.hasExample)
MEMBER_OF, HAS_MEMBER, PLACE = str(ORG.memberOf), str(ORG.hasMember), str(KG.Place)
RUNS_ON, HOSTS, AGENT = str(KG.runsOn), str(KG.hosts), str(KG.Agent)
SUB_ORGANIZATION_OF, HAS_SUB_ORGANIZATION = "http://www.w3.org/ns/org#subOrganizationOf", "http://www.w3.org/ns/org#hasSubOrganization"
AIMS_AT, TARGETS, THREAT, EXPOSED_TO = str(KG.aimsAt), str(KG.targets), str(KG.CyberRisk), str(KG.exposedTo)
VULNERABILITY, TELECOM_OPERATOR = str(KG.Vulnerability), str(KG.TelecomOperator)
OPERATED_BY, COMPANY, CARRIED_OUT_BY = str(KG.operatedBy), str(KG.Company), str(KG.carriedOutBy)
BUILT, BUILT_BY = str(KG.built), str(KG.builtBy)
GOVERNMENT_AGENCY, AFFILIATED_WITH = str(KG.GovernmentAgency), str(KG.affiliatedWith)
#: a part of an organization as a subsidiary, and the same part as a branch
_AS_BRANCH = {str(KG.hasSubsidiary): str(KG.hasBranch), str(KG.subsidiaryOf): str(KG.branchOf)}


def refit(lexicon: Lexicon, predicate: str, subject: Mention, pattern: str) -> str:
    """The property the fact of ``subject`` read from ``pattern`` states, given the kind of its subject."""
    if predicate == MEMBER_GROUP_OF and _named_one(lexicon, subject):
        return MEMBER_OF
    if predicate == AIMS_AT and (lexicon.is_a(subject.cls, [THREAT]) is True or _campaign(subject)):
        return TARGETS  # "a phishing campaign aimed at shipping agents": an attack aimed at something targets it
    if predicate == OPERATED_BY and (lexicon.is_a(subject.cls, [THREAT]) is True or _campaign(subject)):
        return CARRIED_OUT_BY  # "the campaign, run by a state-backed group": who runs an attack carries it out
    if predicate == MEMBER_OF and ("members" in pattern or "belong" in pattern) and _counted_group(lexicon, subject):
        return MEMBER_GROUP_OF  # "more than 300 factories are members of X" (the words of org:memberOf)
    if predicate == MEMBER_OF and "belong" in pattern and sites.has_site_head(lexicon, subject):
        return OPERATED_BY  # "the mine, which belongs to X": a site belongs to who runs it, it is no member
    return seats.seat_predicate(lexicon, predicate, subject, pattern)


#: A word naming a part by the area it serves, right before the part's head noun ("the provincial arm of").
_REGIONAL_PART = re.compile(r"(?<![\w-])(?:provincial|regional|local|municipal|county|city|district)\s+(?:[\w-]+\s+)?$",
                            re.IGNORECASE)


def by_both_ends(lexicon: Lexicon, predicate: str, subject: Mention, obj: Mention, text: str, trigger: int) -> str:
    """The property both ends and the words around them fit. Things "from" a name are its make ("sensors from
    Hikvision": built by it), unless the name is a place. Whose part an organization is, as its words and its owner's
    kind say: a government body's regional arm or office
    is its branch ("X, the provincial arm of the Energy Administration"): a subsidiary is a company another controls
    through shares (a body "under" a ministry, named by no area, stays its subsidiary, as a company's regional arm
    does). A company "owned by A and B" has each for a shareholder, and neither for its parent. ``text``: the sentence;
    ``trigger``: where the words that state the fact start."""
    if predicate == seats.BASED_IN and text[trigger:trigger + 5].lower() == "from " and _made_thing(lexicon, subject) \
            and obj.via in ("name", "label", "ner") and lexicon.is_a(obj.cls, [PLACE]) is not True \
            and normalize(obj.text) not in CHINESE_PROVINCES | COUNTRIES:
        return BUILT_BY
    owner = subject if predicate == str(KG.hasSubsidiary) else obj
    if predicate in _AS_BRANCH and lexicon.is_a(owner.cls, [GOVERNMENT_AGENCY]) is True \
            and _REGIONAL_PART.search(text[:trigger]):
        return _AS_BRANCH[predicate]
    if predicate == BUILT and re.match(r"switch(?:ed|es)\s+on\s", text[trigger:], re.IGNORECASE) \
            and lexicon.is_a(subject.cls, [TELECOM_OPERATOR]) is not True and not _a_carriers_part(subject):
        return str(KG.operates)  # "Muyuan Foods has switched on a 5G private network": a company runs what it switched on
    if predicate == HAS_MEMBER and _counted_group(lexicon, obj):
        return HAS_MEMBER_GROUP  # "whose members include 41 coal mines": a counted plural is a group of members
    if predicate == str(KG.established) and re.search(r"(?<![\w-])(?:slices?|links?|nodes?|servers?|base stations?|networks?)$",
                                                      (obj.label or obj.text).lower()):
        return str(KG.built)  # "set up a network slice", "an edge computing node": gear that carries or serves traffic is built
    if predicate in (OPERATED_BY, str(KG.subsidiaryOf)) and _PART_OWNED.search(text[:trigger]) \
            and text[trigger:trigger + 9].lower() == "owned by ":
        return str(KG.ownedBy)  # "partly owned by X": X holds a share, it neither runs nor controls the thing
    if predicate == str(KG.subsidiaryOf) and obj.start > trigger and (
            _SECOND_OWNER.search(text[:obj.start]) or (_FIRST_OWNER.search(text[:obj.start]) and _MORE_OWNERS.match(text, obj.end))):
        return str(KG.ownedBy)
    return predicate


def _a_carriers_part(mention: Mention) -> bool:
    """A carrier or a part of one by its name: "China Mobile Hunan", "China Unicom's Wuxi branch", "the branch"."""
    name = mention.label or mention.text
    return CARRIER_WORD.search(name) is not None or re.search(r"(?<![\w-])branch(?![\w-])", name) is not None


def _made_thing(lexicon: Lexicon, mention: Mention) -> bool:
    """A thing described by a common noun, no one: "sensors", "radio units" (not "engineers", "shipping agents")."""
    words = (mention.label or mention.text).lower().split()
    # (a plural noun opening the sentence is read as a name for its capital: "Sensors from X track …")
    opening_plural = mention.start == 0 and len(words) == 1 and wordclass.plural(words[0]) is True
    return (mention.via in ("phrase", "cue") or opening_plural) and mention.iri is None and bool(words) and not mention.text[:1].isdigit() \
        and lexicon.is_a(mention.cls, [AGENT, PLACE]) is not True and singular(words[-1]) not in GENERIC_PEOPLE \
        and singular(words[-1]) not in TRADE_HEADS


#: A share of ownership, before "owned by": "partly owned by", "jointly owned by".
_PART_OWNED = re.compile(r"(?<![\w-])(?:partly|partially|jointly|minority|part)[\s-]+$", re.IGNORECASE)
#: "owned by A and B": the first owner, then the words after it that list more; and a later owner in the list.
_FIRST_OWNER = re.compile(r"(?<![\w-])owned\s+by\s+(?:the\s+)?$")
_MORE_OWNERS = re.compile(r"(?:\s*,\s*|\s+and\s+)(?:the\s+)?[A-Z]")
_SECOND_OWNER = re.compile(r"(?<![\w-])owned\s+by\s+[^,;()]{1,80}?\s+and\s+(?:the\s+)?$")


#: A negation right before a verb's words ("have not needed", "never built", "no longer runs"), "not only" aside.
_NEGATED = re.compile(r"(?<![\w-])(?:not|never|no\s+longer|[a-z]+n['’]t)\s+(?:(?:yet|been|be|have|has|had|also|ever|always)\s+)*$",
                      re.IGNORECASE)


def subject_fits(lexicon: Lexicon, predicate: str, subject: Mention) -> bool:
    """Whether a thing of the subject's kind can hold the property, past what the ontology's domain says."""
    if predicate == seats.BASED_IN and lexicon.is_a(subject.cls, [PLACE]) is True:
        return False  # "any other Chinese province": a place has no seat
    # "controllers running outdated firmware are exposed to": the weakness is what exposes, not what is exposed
    return not (predicate == EXPOSED_TO and lexicon.is_a(subject.cls, [VULNERABILITY]) is True)


#: A sentence that opens on a place alone: "In Shekou, …" (group 1 is the place's words).
_OPENING_PLACE = re.compile(r"(?:In|At|Across|On)\s+(?:the\s+)?([^,]{1,60}),\s")


def fits(lexicon: Lexicon, predicate: str, subject: Mention, obj: Mention, before: str = "", pattern: str = "",
         text: str = "") -> bool:
    """Whether the ends can hold the property as their words (``before``: the sentence up to them) state it: no negated
    verb; a group of members is many ("signed up 37 new members at its annual forum": not the forum); a name is one
    thing, no kind that has examples ("plants in the city, including X's factory": not an example of a company named
    before; ``text``: the whole sentence)."""
    if _NEGATED.search(before):
        return False  # "the trucks have not needed a human driver": a negated verb states no fact
    opening = _OPENING_PLACE.match(before)
    if opening is not None and predicate not in (seats.LOCATED_IN, seats.BASED_IN) \
            and any(m.start == opening.start(1) and m.end == opening.end(1) and lexicon.is_a(m.cls, [THREAT]) is not True
                    for m in (subject, obj)):  # ("In the most serious incident, intruders …": an event, no place)
        return False  # "In Shekou, X, a unit of Y, runs …": the place a sentence opens on sets its scene, in no relation
    if not subject_fits(lexicon, predicate, subject):
        return False
    if predicate == str(KG.runsOn) and pattern.split()[:1] in (["sit"], ["sits"], ["sat"]) \
            and not re.search(r"(?<![\w-])(?:network|slice|link|5G|4G)s?$", obj.label or obj.text):
        return False  # "design files sat on a file server": what sits on a network is connected over it, on a server it is stored
    if pattern.split()[:1] == ["from"] and predicate in (AFFILIATED_WITH, seats.BASED_IN) and before[subject.end:].strip():
        return False  # "Liu from the academy": who is from somewhere stands right before it ("its network is isolated from")
    if predicate == str(KG.operates) and pattern.startswith(("manag", "oversee")) \
            and re.fullmatch(r",\s+who\s+(?:(?:also|now|still)\s+)?", before[subject.end:]):
        # "Chen Yiming, who manages the hub for Cainiao": "who" says a person, who manages a site for its operator (one who
        # owns or runs a mill runs it)
        return False
    if predicate == EXPOSED_TO and subject.end <= len(before) and _LEFT_OPEN.match(before[subject.end:]):
        return False  # "an outdated router had left the pumps open to …": what left them so is not what is exposed
    if predicate in (seats.LOCATED_IN, seats.BASED_IN) and pattern == "in" and _generic_in_country(subject, obj, before):
        return False  # "attacks on industrial networks in China rose": a kind spoken of across a country, no place of a thing
    part = obj if predicate == str(KG.hasSubsidiary) else subject if predicate == str(KG.subsidiaryOf) else None
    if part is not None and part.via in ("phrase", "cue", "definite") and (sites.has_site_head(lexicon, part) or singular(
            part.text.split()[-1].lower()) in ("park", "zone", "area", "base", "port")):
        return False  # "The park is operated by X, a subsidiary of Y": the subsidiary is X, a company, never the site
    if predicate == seats.BASED_IN and lexicon.is_a(obj.cls, [str(KG.Facility)]) is True:
        return False  # "China Telecom Hunan … in a data centre": an organization is based in a place, a built site hosts its work
    if predicate == str(KG.carriedOutBy) and lexicon.is_a(subject.cls, [THREAT]) is not True:
        return False  # "an annual audit, carried out by accredited firms": only an attack or a threat is carried out by attackers
    if any(re.search(r"\w['’]s?$", end.text) and end.via == "phrase" for end in (subject, obj)):
        return False  # "many of the city's | newly connected factories": a possessive names whose, never an end itself
    if predicate == EXPOSED_TO and obj.via == "phrase" and re.fullmatch(r"[a-z]+ing", obj.text):
        return False  # "left 20,000 tonnes of maize at risk of spoiling": a bare gerund is no threat
    built = obj if predicate == BUILT else subject if predicate == BUILT_BY else None
    if built is not None and built.iri is None and built.cls is None and re.search(r"[a-z]{3,}ing$", built.text):
        return False  # "signed with X to develop time-sensitive networking": a technique or an activity is not built
    if predicate in (MEMBER_OF, MEMBER_GROUP_OF) and "belong" in pattern and lexicon.is_a(obj.cls, [COMPANY]) is True \
            and not sites.has_site_head(lexicon, subject):
        return False  # "… belong to the group": what belongs to a company is a part of it, no member of it
    if (predicate == RUNS_ON and lexicon.is_a(subject.cls, [AGENT]) is True) \
            or (predicate == HOSTS and lexicon.is_a(obj.cls, [AGENT]) is True):
        return False  # "X said its network ran on a core": software or a machine runs on something, not who runs it
    if predicate in (SUB_ORGANIZATION_OF, HAS_SUB_ORGANIZATION) \
            and _unclassed_phrase(obj if predicate == SUB_ORGANIZATION_OF else subject):
        return False  # "…, part of a provincial push": an organization is named or of a known kind, no campaign
    if normalize(subject.label or subject.text) == normalize(obj.label or obj.text):
        return False  # "labs at A and at A joined": one thing read at both ends says nothing of it
    if any(_TIME_HEAD.fullmatch(end.text) for end in (subject, obj) if end.via in ("phrase", "cue") and end.iri is None):
        return False  # "warned two weeks later of …": a span of time is when, no end of a fact
    if pattern == "-based" and (any(ch.isdigit() for ch in obj.text) or obj.text[:1].islower()):
        # "5G-based machine monitoring", "cloud-based DDoS protection", "paper-based rounds": a technology or a medium the
        # thing rests on, no place it is based in (a place is named with a capital)
        return False
    gap = text[len(before) + len(pattern):obj.start] if "…" not in pattern and obj.start > len(before) else ""
    if _UNREAD_POSSESSED.fullmatch(gap):
        return False  # "is housed in the branch's edge data centre in Harbin": the verb's object is the centre, not Harbin
    if predicate in (SUB_ORGANIZATION_OF, HAS_SUB_ORGANIZATION) and pattern == "part of" \
            and re.search(r"(?<![\w-])as\s+$", before, re.IGNORECASE):
        return False  # "regulates the berths as part of the wider port": a role in something, no organization's part
    if predicate == HOSTS and pattern == "hosts" and re.match(r"\s+(?:on|in)\s", text[obj.end:]) \
            and lexicon.is_a(subject.cls, [AGENT]) is not False:
        return False  # "Sinopec hosts the billing system on Alibaba Cloud": the cloud hosts it (read as runsOn)
    if predicate in (HAS_MEMBER_GROUP, MEMBER_GROUP_OF):
        return _many(lexicon, obj if predicate == HAS_MEMBER_GROUP else subject)
    if predicate in (EXAMPLE_OF, HAS_EXAMPLE):
        kind = obj if predicate == EXAMPLE_OF else subject
        if pattern in ("including", "such as", "like") and kind.end <= len(before) \
                and any(w.lower() in _FINITE or wordclass.verb_only(w) for w in re.findall(r"[A-Za-z]+", before[kind.end:])):
            return False  # "Venustech said it had found 900 PLCs, including …": the kind stands in the list's own clause
        return not (kind.via != "pronoun" and (kind.iri is not None or kind.text[:1].isupper()) and not _many(lexicon, kind))
    return True


#: A phrase naming a span of time by its unit ("two weeks", "six months", "the past decade").
_TIME_HEAD = re.compile(r"(?:(?:a|an|the|[\d,.]+|one|two|three|four|five|six|seven|eight|nine|ten|several|few|past|last|next)\s+)?"
                        r"(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?)", re.IGNORECASE)
#: A possessed noun phrase no mention covers between a verb and a later name: " the branch's edge data centre in ".
_UNREAD_POSSESSED = re.compile(r"\s+(?:the\s+)?[\w-]+['’]s\s+[a-z][\w-]*(?:\s+[a-z][\w-]*){0,3}\s+(?:in|at|near|on)\s+(?:the\s+)?")
#: Words that make a clause of their own between a kind and its examples.
_FINITE = frozenset(["is", "are", "was", "were", "has", "have", "had", "said", "says", "did", "does"])

#: The subject's own verb that leaves something else open ("had left them open to", "leaves the lines exposed to").
_LEFT_OPEN = re.compile(r"\s+(?:(?:has|have|had|also|now|still|may|could|would|will)\s+)*(?:left|leaves|leave|makes|made|make"
                        r"|renders|rendered)\s+\S[^,;]*$", re.IGNORECASE)
#: What makes a plural no bare kind: a determiner or a quantity right before it ("the", "its", "hundreds of", "some").
_DETERMINED = re.compile(r"(?<![\w-])(?:the|these|those|its|their|our|his|her|[\d,.]+|one|two|three|four|five|six|seven|eight|"
                         r"nine|ten|dozens|hundreds|thousands|millions|many|most|some|several|all|few|both)\s+(?:of\s+)?(?:the\s+)?$",
                         re.IGNORECASE)


_QUANTIFIED = re.compile(r"(?:at\s+least|more\s+than|fewer\s+than|some|about|around|over|nearly|almost|[\d,.]+|dozens|hundreds"
                         r"|thousands|millions|many|most|several|all|both)\b", re.IGNORECASE)


def _generic_in_country(subject: Mention, obj: Mention, before: str) -> bool:
    """A bare plural "in" a whole country or a quarter of it ("clusters of chip factories in China", "scans from
    substations in eastern China"): a statement about a kind, not where some things stand."""
    words = (obj.label or obj.text).split()
    head = (subject.label or subject.text).split()[-1].lower() if (subject.label or subject.text).split() else ""
    return bool(words) and normalize(words[-1]) in COUNTRIES and subject.via in ("phrase", "cue") \
        and singular(head) != head and not _DETERMINED.search(before[:subject.start]) and not _QUANTIFIED.match(subject.text)


def _unclassed_phrase(mention: Mention) -> bool:
    """A common noun phrase of no known kind ("provincial push"): no organization."""
    return mention.iri is None and mention.cls is None and mention.via == "phrase" and not mention.text[:1].isupper()


def _many(lexicon: Lexicon, mention: Mention) -> bool:
    """A group, a counted phrase or a plural head ("37 new members", "a clutch of chip designers")."""
    words = (mention.label or mention.text).split()
    return lexicon.is_a(mention.cls, [GROUP]) is True or (bool(words) and (
        words[0][:1].isdigit() or singular(words[-1].lower()) != words[-1].lower()))


def _named_one(lexicon: Lexicon, mention: Mention) -> bool:
    """A name (not a counted or described group): "Fibocom", "the Industrial Internet Industry Alliance"."""
    return lexicon.is_a(mention.cls, [GROUP]) is not True and mention.via in ("name", "label", "ner") \
        and mention.text[:1].isupper() and not mention.text[:1].isdigit()


def _counted_group(lexicon: Lexicon, mention: Mention) -> bool:
    """A counted plural ("more than 300 factories", "46 members"): a group of members, not one member."""
    return lexicon.is_a(mention.cls, [GROUP]) is True or (
        mention.via in ("cue", "phrase") and mention.text.endswith("s")
        and (re.match(r"(?:[a-z ]+\s)?\d[\d,]*\s", mention.text, re.IGNORECASE) is not None
             # "whose members include A, B and dozens of ranch cooperatives": a kind in the plural is a group of members
             or (mention.text[:1].islower() and wordclass.plural(mention.text.split()[-1]) is True)))


def _campaign(mention: Mention) -> bool:
    """"a scanning campaign", "a spear-phishing wave": a described attack of no known kind."""
    words = (mention.label or mention.text).lower().split()
    return mention.cls is None and len(words) > 1 and words[-1] in ("campaign", "campaigns", "wave", "operation")

