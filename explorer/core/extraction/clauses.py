"""Facts a sentence states beside the ones its trigger words link: who else acts, where things are,
whom a call is for, what a speaker's own document is.

Each reader takes the facts already suggested for one sentence (``Fact``: subject, property, object,
where the trigger words stand, confidence) with the sentence's mentions, and returns new facts:

- a partner of a passive: "Y was developed (together) with X": X built Y (the partner after an active verb's
  object, "S built Y together with X", is read in ``partners``);
- a site the subject owns: "S built Y at/across/in its X (in P)": S operates X, Y is in X and X in P;
  "S linked Y at its Jinjiang plant": the clause's subject owns the site even where no trigger fired,
  and a site named after a place is in that place;
- (a sentence that opens on a place, "In Hefei, S opened a workshop", is read in ``scenes``)
- a call for an action: "urged companies to invest in monitoring": what is called for is the
  monitoring, not the companies;
- a speaker's own document: "S reported in its annual review": S published it;
- who leads a unit: "P, who heads the university's lab": P is affiliated with the university;
- a site called its own elsewhere: "the lines of its main factory (in P)", "to upgrade its engine plant":
  the clause's subject operates it;
- a relative clause whose verb follows its object: "a network that B built": B built the network;
- a site equipped with a thing: "S equipped its X with Y": Y is in X;
- a verb and its preposition split by what they speak of: "is running its furnaces on a platform" states
  what "running on" does of the furnaces.

None of them quotes an article; the words they read are English function words and the ontology's.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from explorer.core.extraction import calls_for, sites, speech
from explorer.core.extraction.constructions import governed
from explorer.core.extraction.lexicon import Lexicon, PropertyPattern
from explorer.core.extraction.mentions import Mention
from explorer.core.extraction.readings import fittest
from explorer.core.extraction.spans import ROLE_AFTER
from explorer.core.vocab import KG

AGENT, ORGANIZATION, PLACE, SOURCE = str(KG.Agent), str(KG.Organization), str(KG.Place), str(KG.Source)
#: What things are located in: a place, or a site built in one (a plant, a port)
LOCATION = str(KG.Location)
OPERATES, LOCATED, ESTABLISHED = str(KG.operates), str(KG.locatedIn), str(KG.established)
OPERATED_BY = str(KG.operatedBy)
CALLS_FOR = str(KG.callsFor)
PLATFORM = str(KG.IndustrialInternetPlatform)
MEMBER_OF = "http://www.w3.org/ns/org#memberOf"

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
        # "a system developed with X": with no "be", a participle right after a described thing describes it
        said = re.compile(rf"(?<![\w-])(?:{_BE}\s+(?:\w+ly\s+)?)?{re.escape(pattern.words)}\s+"
                          r"(?:with\s+(?:the\s+)?help\s+(?:from|of)|(?:together\s+|jointly\s+)?with)\s+(?:the\s+)?",
                          re.IGNORECASE)
        for match in said.finditer(text):
            # "… with Shenyang-based Neusoft": a compound before the name describes it
            compound = re.match(r"[\w.'’]+-[a-z]+\s+", text[match.end():])
            partner = _at(mentions, match.end()) or (_at(mentions, match.end() + compound.end()) if compound else None)
            thing = next((m for m in reversed(mentions) if m.end <= match.start() and m not in under
                          and not re.search(r"[,;]", text[m.end:match.start()])), None)
            if not re.match(_BE, match.group(), re.IGNORECASE) and (
                    thing is None or match.start() - thing.end > 1 or thing.via not in ("phrase", "cue")
                    or not re.search(r"(?<![\w-])(?:a|an)\s+$", text[:thing.start])):
                continue  # "a system developed with X", not "… that the branch built with X" (a verb in a relative clause)
            if partner is None or thing is None or partner.key == thing.key \
                    or lexicon.is_a(partner.cls, pattern.domain) is False or lexicon.is_a(thing.cls, pattern.range) is False:
                continue
            yield (partner, pattern.predicate, thing, f"{first} with", match.start(), match.end(), 0.65)


_REPORTED = re.compile(rf"(?<![\w-]){speech.saying()}(?![\w-])", re.IGNORECASE)


def _clause_subject(mentions: list[Mention], text: str, before: int) -> Mention | None:
    """The subject of the clause that ends at ``before``: its first mention no preposition governs."""
    under = governed(mentions, text)
    return next((m for m in mentions if m.end <= before and m not in under and m.via != "pronoun"), None)


#: (a determiner after "to" makes it a preposition: "add security checks | to the academy's tests")
_TO_ACT = re.compile(r"\s+to\s+(?!(?:the|a|an|its|their|his|her|this|these|those)\s)[a-z]+"
                     r"(?:\s+(?:in|on|for|into|more\s+in|up|out|down|off))?"
                     r"(?:\s+(?:the\s+|its\s+|their\s+|an?\s+)?|(?=[.,;:!?]|$))", re.IGNORECASE)


#: An infinitive that acts on what the addressees already have ("to segment their networks", "to patch routers",
#: "to keep safety systems physically separate"): the call is for the action, which names no thing, not for its object.
_ACTS_ON_OWN = re.compile(r"\s+to\s+(?:(?:segment|separate|isolate|patch|update|upgrade|replace|disconnect|harden|protect|"
                          r"secure|shield|check|inspect|scan|audit|test|monitor|review|retire|remove|restrict)\b"
                          r"|[a-z]+(?:\s+(?:in|on|for|into))?\s+(?:their|its|his|her)\s)", re.IGNORECASE)
_KEPT_APART = re.compile(r"\s+(?:[a-z]+ly\s+)?(?:separate|apart|isolated|offline|disconnected|segregated)\b", re.IGNORECASE)

#: An action named by its noun before what it acts on: "called for the separation of plant networks".
_ACTION_OF = re.compile(r"\s+(?:the\s+)?([a-z]+(?:tion|sion|ment|ing|al))\s+of\s+(?:(?:the|all|their|its)\s+)?")

#: A need stated with whom it binds and an infinitive is a mandate: "requires every mine to pass an audit".
_MANDATE = re.compile(r"requires?|required|requiring", re.IGNORECASE)


def _past_particle(mentions: list[Mention], text: str, position: int) -> Mention | None:
    """"to speed up common standards": a phrase read with the verb's particle in it is the phrase after the particle."""
    for mention in mentions:
        if mention.start < position < mention.end and re.fullmatch(r"(?:up|out|down|off)\s+", text[mention.start:position],
                                                                    re.IGNORECASE) and mention.iri is None:
            words = text[position:mention.end]
            return replace(mention, start=position, text=words, label=words)
    return None


def called_actions(lexicon: Lexicon, facts: list[Fact], mentions: list[Mention], text: str) -> list[Fact | None]:
    """"S urged companies to invest in monitoring": S calls for the monitoring; the companies are
    whom the call is addressed to. "S requires every mine to pass an audit" is a call too, for the audit
    (a mandate, not a need of S's). The facts of ``facts`` so read are returned changed, and a call
    whose action names nothing as None. What a network "carries from" somewhere ("carries readings from the sensors
    to a control room") is data on its way, not a thing the network hosts: None too."""
    calls, needs, hosts = str(KG.callsFor), str(KG.needs), str(KG.hosts)
    out: list[Fact | None] = []
    # "called for chipmakers … to require vendors to patch …": a verb inside an action called for is the addressees' act
    asked = [(f[0].key, f[2].start, f[2].end) for f in facts if f[1] == calls and f[2].via == "phrase" and " " in f[2].text]
    for fact in facts:
        subject, predicate, obj, words, start, end, confidence = fact
        if any(key == subject.key and low <= start < high for key, low, high in asked):
            out.append(None)
            continue
        if predicate == calls and calls_for.read_whole(words):
            out.append(fact)  # "should face a deadline to patch …": ``calls_for`` read the measure with its purpose
            continue
        if predicate == hosts and re.fullmatch(r"carr(?:y|ies|ied|ying)", words, re.IGNORECASE) \
                and re.match(r"\s+from\s", text[obj.end:]):
            out.append(None)
            continue
        if predicate == needs and _MANDATE.fullmatch(words) and re.search(r"(?<![\w-])(?:is|are|was|were|be|been|being)\s+$",
                                                                    text[:start], re.IGNORECASE):
            out.append(None)  # "operators are required to keep backups": an obligation, no need or call of theirs
            continue
        agent = lexicon.is_a(subject.cls, [AGENT])
        if predicate == needs and _MANDATE.fullmatch(words) and agent is None and subject.via in ("name", "label") \
                and _TO_ACT.match(text, obj.end) is not None:
            agent = True  # "Sinotruk would require dealers to pass …": a name that binds others to act is someone
        if predicate == needs and _MANDATE.fullmatch(words) and agent is True:
            if _TO_ACT.match(text, obj.end) is not None:
                predicate = calls
            else:
                # "requires every mine to pass an audit", "requires password audits at every mine": what an agent
                # requires of others is called for, not needed by it
                out.append((subject, calls, obj, words, start, end, confidence))
                continue
        if predicate == calls and any(m.end() <= obj.start and re.fullmatch(r"\s*(?:[a-z-]+\s+){0,2}", text[m.end():obj.start])
                                      for m in _ACTS_ON_OWN.finditer(text, end, obj.start)):
            out.append(None)  # "urged suppliers to segment their networks": no call for the networks
            continue
        particle = re.match(r"(?:up|out|down|off)\s+", obj.text, re.IGNORECASE) if predicate == calls else None
        if particle is not None and re.search(r"(?<![\w-])to\s+[a-z]+\s+$", text[:obj.start]):
            obj = _past_particle(mentions, text, obj.start + particle.end()) or obj  # "to speed up X": a call for X
        named_action = _ACTION_OF.fullmatch(text, end, obj.start) if predicate == calls else None
        if named_action is not None:
            # what is called for is the action on the thing, named with it ("the separation of plant networks")
            phrase = text[named_action.start(1):obj.end]
            action_mention = Mention(named_action.start(1), obj.end, phrase, None, str(KG.Requirement), phrase, "phrase")
            out.append((subject, predicate, action_mention, words, start, end, confidence))
            continue
        action = _TO_ACT.match(text, obj.end) if predicate == calls and not calls_for.names_a_measure(obj) else None
        to = re.compile(r"\s+to\s+").match(text, obj.end)
        if action is not None and to is not None and calls_for.PASSIVE_INFINITIVE.match(text, to.end()):
            action = None  # "called for firmware patches to be applied": the patches are called for, no addressee
        wanted = (_at(mentions, action.end()) or _past_particle(mentions, text, action.end())) if action else None
        if action is not None and (wanted is None or _ACTS_ON_OWN.match(text, obj.end) or _KEPT_APART.match(text, wanted.end)):
            out.append(None)  # whom a call is addressed to is not what it calls for
            continue
        out.append((subject, predicate, wanted, words, start, end, confidence) if wanted is not None
                   else (subject, predicate, obj, words, start, end, confidence))
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
    for aside in _IN_OWN_ASIDE.finditer(text):
        # "S, in its Metal Industry 5G Security Outlook published in May, warned that …": the aside names S's document
        document = _at(mentions, aside.end())
        speaker = next((m for m in reversed(mentions) if m.end == aside.start()), None)
        rest = re.match(r"[^,;]*,\s+(?:(?:also|has|had)\s+)?[a-z]+", text[aside.end():])
        if document is None or speaker is None or rest is None or _REPORTED.search(rest.group().split()[-1]) is None \
                or speaker.via == "phrase" or lexicon.is_a(speaker.cls, [AGENT]) is False \
                or lexicon.is_a(document.cls, [str(KG.Report)]) is not True:
            continue
        yield (speaker, published, document, ", in its", aside.start(), aside.end(), 0.65)


_IN_OWN_ASIDE = re.compile(r",\s+in\s+(?:its|their)\s+(?:(?:latest|new|annual|own)\s+)?", re.IGNORECASE)


#: (a role may stand before "who": "P, the professor who heads the laboratory")
_LEADS = re.compile(r",?\s+(?:(?:the|a|an)\s+[a-z][\w-]*(?:\s+[a-z][\w-]*)?\s+)?who\s+(?:also\s+)?(?:leads|heads|directs|runs|chairs"
                    r"|manages|founded)\s+", re.IGNORECASE)


def unit_leaders(lexicon: Lexicon, mentions: list[Mention], text: str) -> Iterator[Fact]:
    """"P, who heads the university's lab", "P, who leads Acme's research team": P is affiliated
    with the organization named right after the verb (or with the one owning what is named)."""
    person, affiliated = str(KG.Person), str(KG.affiliatedWith)
    for mention in mentions:
        # "who" says a name of no known kind is a person's
        if not (lexicon.is_a(mention.cls, [person]) or (mention.cls is None and mention.via == "name")):
            continue
        joint = _LEADS.match(text, mention.end)
        if joint is None:
            continue
        led = next((m for m in mentions if m.start in (joint.end(), joint.end() + 4) and m.via != "pronoun"), None)
        field = re.match(r"(?:[a-z][\w-]*\s+){1,5}?at\s+(?:the\s+)?", text[joint.end():])
        if field is not None and (led is None or (led.start == joint.end() and led.text[:1].islower())):
            # "who heads digital manufacturing at BAIC", "who heads government and enterprise business at X": a function
            # (a bare common noun, even one that names a kind of body), not a unit, then the organization after "at"
            led = _at(mentions, joint.end() + field.end())
        # "who heads JD Logistics' cold-chain business": a name owning the unit headed is the organization's
        owner = led is not None and led.cls is None and led.via in ("name", "label") \
            and (re.match(r"['’]s?\s", text[led.end:]) is not None or led.text.endswith(("'", "’")))
        if led is not None and (lexicon.is_a(led.cls, [ORGANIZATION]) is True or owner):
            yield (mention, affiliated, led, joint.group().strip(" ,"), joint.start(), joint.end(), 0.65)


_SITE_PREPOSITION = re.compile(r"(?<![\w-])(?:at|across|in|inside|throughout)\s+$", re.IGNORECASE)
_OWNER_WORD = re.compile(r"(?<![\w-])(?:its|their)\s+", re.IGNORECASE)


def _site_heads(lexicon: Lexicon) -> frozenset[str]:
    """The kinds of site the ontology lets a possessive name ("'s plant", "'s mine" of kg:operates)."""
    return frozenset(p.words[3:].lower() for p in lexicon.patterns if p.predicate == OPERATES and p.words.startswith("'s "))


def possessed_sites(lexicon: Lexicon, mentions: list[Mention], text: str) -> Iterator[Fact]:
    """"the paint lines of its main factory in P", "to upgrade its engine plant": a described site of a
    kind the ontology knows, called its own by the clause's subject, is one that subject operates (and
    stands in P). "at/across/in its X" is read by ``owned_sites.owned_sites``."""
    heads = _site_heads(lexicon)
    for own in _OWNER_WORD.finditer(text):
        if _SITE_PREPOSITION.search(text[:own.start()]):
            continue
        site = _at(mentions, own.end())
        if site is None or site.iri is not None or site.via not in ("phrase", "cue") or len(site.text.split()) < 2 \
                or site.text.split()[-1].lower() not in heads:
            continue
        # "Its Wuhu plant now runs on …": a sentence that opens on the possessive has its owner in the pronoun
        # the possessive's own reading first ("Huawei helped Midea build its factory": Midea's), else the clause's subject
        owner = next((m for m in mentions if m.start == own.start() and m.via == "pronoun" and (m.iri or m.label)), None) \
            or _clause_subject(mentions, text, own.start())
        if owner is not None and owner.via == "pronoun" and (lexicon.is_a(owner.cls, [PLACE]) is True
                                                          or (owner.cls is None and site.text.split()[-1].lower() in heads
                                                              and (owner.label or owner.text).split()[-1].lower() in heads)):
            yield (site, LOCATED, owner, "its", own.start(), own.end(), 0.5)  # "the depot's tracks, its paint shop": a part of it
            continue
        if owner is None or lexicon.is_a(owner.cls, [AGENT]) is False:
            continue
        yield (owner, OPERATES, site, "its", own.start(), own.end(), 0.55)
        place_match = re.match(r"\s+in\s+", text[site.end:])
        place = _at(mentions, site.end + place_match.end()) if place_match else None
        if place is not None and _named(place) and lexicon.is_a(place.cls, [PLACE]) is not False \
                and not re.match(r"['’]s\s", text[place.end:]):  # "in Changzhou's Xinbei district": in the district
            yield (site, LOCATED, place, "in", site.end, site.end + place_match.end() if place_match else site.end, 0.5)


#: What opens a relative clause whose subject comes before its verb: "a network that B built",
#: "the network, which A and B installed": the thing the clause speaks of ends where this starts.
_RELATIVE_OPENING = re.compile(r"(?:\s*(?<![\w-])that|\s*,\s*which)\s+(?:the\s+)?(?:[A-Z][\w.]*-based\s+)?$", re.IGNORECASE)
#: (a plan or a future: "a standard that the institute plans to publish", "which it expects to publish", "will run")
_HAVE = re.compile(r"\s*(?:(?:has|have|had|will|would)\s+)?(?:(?:plans?|planned|expects?|expected|intends?|aims?)\s+to\s+)?"
                   r"(?:(?:first|also|jointly|originally|later|recently)\s+)?$", re.IGNORECASE)


#: "the stations it runs", "a plant that it built": a pronoun subject of a relative clause, "that" or none before it.
_PRONOUN_RELATIVE = re.compile(r"(?:\s*(?<![\w-])that|\s*,\s*which)?\s+$", re.IGNORECASE)
#: A place named after a thing's preposition ("a data centre in | Jinan").
_PLACED_BEFORE = re.compile(r"\s+(?:in|at|near)\s+(?:the\s+)?$", re.IGNORECASE)


def _resolved_it(mention: Mention) -> bool:
    """"it" or "they" read as an entity the text named (the subject of a relative clause that follows a thing)."""
    return mention.text.lower() in ("it", "they") and (mention.iri is not None or mention.label is not None)


def _relative_verbs(lexicon: Lexicon) -> Iterator[tuple[PropertyPattern, re.Pattern[str], bool]]:
    """The verbs an object relative ends on, each with its pattern and whether the pattern is the passive
    ("supplied by"): "the network, which Huawei supplied" says what "supplied by Huawei" says. A passive
    whose verb is also an active pattern ("installed", "installed by") is read once, as the active."""
    active = {p.words.lower() for p in lexicon.patterns
              if not p.weak and not p.object_first and p.closing is None and p.words.isascii()}
    for pattern in lexicon.patterns:
        if pattern.weak or pattern.object_first or pattern.closing is not None or not pattern.words.isascii():
            continue
        yield pattern, pattern.regex, False
        words = pattern.words.lower().split()
        if len(words) < 2 or words[-1] != "by":
            continue
        verb = " ".join(words[1:-1] if words[0] in ("was", "is", "were", "are") else words[:-1])
        if verb and verb not in active and f"was {verb} by" != pattern.words.lower():
            yield pattern, re.compile(rf"(?<![\w-]){re.escape(verb)}(?![\w-])", re.IGNORECASE), True


def object_relatives(lexicon: Lexicon, mentions: list[Mention], text: str) -> Iterator[Fact]:
    """"a 5G network that China Unicom built (and runs)", "the network, which A and B installed": in a
    relative clause whose verb comes after its subject, the thing before "that" (or the comma of "which") is
    the verb's object; a passive pattern's verb says it of the thing ("the cloud, which Huawei supplied")."""
    for pattern, regex, passive in _relative_verbs(lexicon):
        for match in regex.finditer(text):
            actor = next((m for m in mentions if m.end <= match.start() and _HAVE.fullmatch(text[m.end:match.start()])
                          and (m.via != "pronoun" or m.text.lower() in ("it", "they"))), None)
            actors = [actor] if actor is not None else []
            while actors and actor is not None and actor.via != "pronoun":  # "a network that A and B built": each built it
                before = next((m for m in mentions if m.end <= actors[0].start and m.via != "pronoun"
                               and re.fullmatch(r"(?:\s*,\s*|\s+and\s+|\s*,\s+and\s+)(?:the\s+)?", text[m.end:actors[0].start])), None)
                if before is None:
                    break
                actors.insert(0, before)
            # "that" right after the thing, or "which" after the comma that opens an aside on it; "the stations (that) it
            # runs": a pronoun for the subject needs no "that"
            that = None if actor is None else _PRONOUN_RELATIVE.search(text[:actor.start]) if actor.via == "pronoun" \
                else _RELATIVE_OPENING.search(text[:actors[0].start])
            if actor is None or that is None:
                continue
            thing = next((m for m in mentions if m.end == that.start()), None)
            placed = _PLACED_BEFORE.search(text[:thing.start]) if thing is not None and _named(thing) else None
            site = next((m for m in mentions if placed is not None and m.end == placed.start() and not _named(m)), None)
            if site is not None and thing is not None and (lexicon.is_a(thing.cls, [PLACE]) is True or (
                    thing.cls is None and not sites.has_site_head(lexicon, thing))):
                thing = site  # "a data centre in Jinan that China Mobile operates": the place says where the thing is
            by_pronoun = actor.via == "pronoun"
            if by_pronoun:
                # "The carmaker plans to extend the network to an engine plant it runs": the clause's "it" is the
                # sentence's subject when that is an organization, else the one the references read it as
                subject = min(mentions, key=lambda m: m.start)
                if subject.start < actor.start and subject.via != "pronoun" and lexicon.is_a(subject.cls, [ORGANIZATION]) is True:
                    actor = subject
                    actors = [subject]
                elif not _resolved_it(actor):
                    continue
            if thing is None or re.match(r"\s+(?:the|a|an|its|their)\s", text[match.end():]) \
                    or any(m.start - match.end() in (0, 1) for m in mentions):
                continue  # the verb has an object of its own: "that B built the road"
            doer, done = (pattern.range, pattern.domain) if passive else (pattern.domain, pattern.range)
            # (an "it" is read for the relative's subject only where it stands for one known to act: "the drones … stations
            # it runs" is no fact of the drones)
            fits = lexicon.is_a(actor.cls, doer)
            if fits is False or (fits is None and by_pronoun) or lexicon.is_a(thing.cls, done) is False:
                continue
            if not passive:
                # words two properties share ("opened": established or built) state the one the thing fits, once
                rivals = [(other, (actor, thing, 0.6)) for other in lexicon.patterns
                          if other.words == pattern.words and not other.weak and not other.object_first
                          and other.closing is None and lexicon.is_a(actor.cls, other.domain) is not False
                          and lexicon.is_a(thing.cls, other.range) is not False]
                if len(rivals) > 1 and fittest(lexicon, rivals)[0] is not pattern:
                    continue
            for one in actors:
                if lexicon.is_a(one.cls, doer) is not False:
                    yield ((thing, pattern.predicate, one) if passive else (one, pattern.predicate, thing)) \
                        + (f"{'it' if by_pronoun else 'that'} … {match.group(0)}", match.start(), match.end(), 0.6)
            yield from _second_relative(lexicon, mentions, text, match.end(), thing, actor)
            yield from _second_verb(lexicon, mentions, text, match.end(), thing, actors)
            joint = _WITH.match(text, match.end() + 1) if text[match.end():match.end() + 1] == " " else None
            partner = _at(mentions, joint.end()) if joint is not None else None
            if joint is not None and partner is not None and partner.key not in (actor.key, thing.key) and _named(partner) \
                    and lexicon.is_a(partner.cls, doer) is not False:
                # "a network that the branch built with Huawei": the partner built it too
                yield ((thing, pattern.predicate, partner) if passive else (partner, pattern.predicate, thing)) \
                    + (joint.group(1), joint.start(), joint.end(), 0.55)
                if not passive and "help" not in joint.group(1).lower() and len(actors) == 1 \
                        and lexicon.is_a(actor.cls, [str(KG.Agent)]) is not False \
                        and lexicon.is_a(partner.cls, [str(KG.Agent)]) is not False:
                    # "a platform that Fuyao developed with Inspur": the two worked together (WRITER.md's partneredWith)
                    yield (actor, str(KG.partneredWith), partner, joint.group(1), joint.start(), joint.end(), 0.5)


#: "… which Huawei built | and China Mobile Yunnan will run": a second subject and its verb in the same relative clause.
_AND_SUBJECT = re.compile(r"\s+and\s+(?:the\s+)?")
_MODAL = re.compile(r"\s+(?:(?:will|would|now|also|still|has|have|had|is|are|was|were)\s+)*")
#: The plain verbs a modal takes, each as a pattern of the lexicon writes it ("will run": "runs", "will build": "built").
_AS_PATTERN = {"run": "runs", "operate": "operates", "manage": "manages", "own": "owns", "host": "hosts", "build": "built",
                 "maintain": "maintains"}


def relative_verb_without_object(mentions: list[Mention], text: str, start: int, end: int) -> bool:
    """Whether the verb at ``start`` ends an object relative ("…, which Huawei built and …", "a network that X runs,"):
    its subject right before it after "which"/"that", and no object of its own after it."""
    actor = next((m for m in mentions if m.end <= start and _HAVE.fullmatch(text[m.end:start]) and m.via != "pronoun"), None)
    return actor is not None and re.search(r"(?:,\s*which|(?<![\w-])that)\s+(?:the\s+)?$", text[:actor.start]) is not None \
        and re.match(r"\s+(?:and|but|,)|[,.;]", text[end:]) is not None and not any(0 <= m.start - end <= 1 for m in mentions)


def _second_relative(lexicon: Lexicon, mentions: list[Mention], text: str, end: int, thing: Mention,
                     actor: Mention) -> Iterator[Fact]:
    """"the network, which Huawei built and China Mobile Yunnan will run,": the second subject of the relative clause
    does what its own verb says to the same thing (no object of its own follows the verb)."""
    joint = _AND_SUBJECT.match(text, end)
    second = _at(mentions, joint.end()) if joint is not None else None
    if second is None or second.key in (actor.key, thing.key) or not _named(second) or second.via == "pronoun":
        return
    modal = _MODAL.match(text, second.end)
    verb = re.match(r"([a-z]+)(?=[\s,.;])", text[modal.end():]) if modal is not None else None
    if modal is None or verb is None or re.match(r"\s+(?:the|a|an|its|their)\s", text[modal.end() + verb.end():]):
        return
    words = _AS_PATTERN.get(verb.group(1), verb.group(1))
    for pattern in lexicon.patterns:
        if pattern.words.lower() == words and not pattern.weak and not pattern.object_first and pattern.closing is None \
                and lexicon.is_a(second.cls, pattern.domain) is not False and lexicon.is_a(thing.cls, pattern.range) is not False:
            yield (second, pattern.predicate, thing, f"and … {verb.group(1)}", modal.end(), modal.end() + verb.end(), 0.55)
            return


#: A second verb of the same relative subject, with no object of its own: "that Inspur built | and operates.", "which
#: Huawei developed | and now manages under a contract".
_AND_VERB = re.compile(r"\s+and\s+(?:(?:now|also|still|later|jointly)\s+)?([a-z]+)"
                       r"(?=\s*[,.;]|\s*$|\s+(?:under|for|since|in|at|from|with|on)\s)")


def _second_verb(lexicon: Lexicon, mentions: list[Mention], text: str, end: int, thing: Mention,
                 actors: list[Mention]) -> Iterator[Fact]:
    """"a platform that Inspur built and operates": the relative's subject does what its second verb says to the
    same thing."""
    verb = _AND_VERB.match(text, end)
    if verb is None or any(verb.start(1) <= m.start < verb.end(1) + 2 for m in mentions):
        return
    words = _AS_PATTERN.get(verb.group(1), verb.group(1))
    pattern = next((p for p in lexicon.patterns if p.words.lower() == words and not p.weak and not p.object_first
                    and p.closing is None and lexicon.is_a(thing.cls, p.range) is not False), None)
    if pattern is None:
        return
    for actor in actors:
        if actor.key != thing.key and lexicon.is_a(actor.cls, pattern.domain) is not False:
            yield (actor, pattern.predicate, thing, f"that … and {verb.group(1)}", verb.start(1), verb.end(1), 0.55)


def split_verbs(lexicon: Lexicon, mentions: list[Mention], text: str) -> Iterator[Fact]:
    """"running its furnaces on a cloud platform": the two words of a pattern ("running on") with the
    subject between them, after a possessive or "the", and the object after the preposition."""
    for pattern in lexicon.patterns:
        words = pattern.words.split()
        if len(words) != 2 or words[1].lower() not in ("on", "to", "with", "in") or pattern.object_first \
                or not pattern.words.isascii():
            continue
        verb = re.compile(rf"(?<![\w-]){re.escape(words[0])}\s+(?:its|their|the)\s+", re.IGNORECASE)
        for match in verb.finditer(text):
            thing = _at(mentions, match.end())
            if thing is None:
                continue
            joint = re.match(rf"\s+{re.escape(words[1])}\s+(?:(?:a|an|the|its|their)\s+)?", text[thing.end:], re.IGNORECASE)
            target = _at(mentions, thing.end + joint.end()) if joint else None
            if target is None or thing.key == target.key or lexicon.is_a(thing.cls, pattern.domain) is False \
                    or lexicon.is_a(target.cls, pattern.range) is False:
                continue
            yield (thing, pattern.predicate, target, pattern.words, match.start(), match.end(), 0.55)


#: "Among the founding members were A and B": the members follow the verb.
_AMONG_INVERTED = re.compile(r"(?<![\w-])among\s+(?:the|its|their)\s+(?:[a-z-]+\s+)?members\s+(?:of\s+(?:the\s+)?[^,]*?\s+)?"
                             r"(?:were|are|is|was)\s+",
                             re.IGNORECASE)
#: "A and B have since signed on as members": the members come before, the organization goes unsaid.
_AS_MEMBERS = re.compile(r"(?<![\w-])(?:signed\s+on|signed\s+up|joined|enrolled|came\s+on\s+board)\s+as\s+"
                         r"(?:(?:founding|first|full|new)\s+)?members?\b(?!\s+of\b)"
                         # "A and B joined last year": "joined" with no object says what they joined went before
                         r"|(?<![\w-])(?:joined|signed\s+on|signed\s+up)(?=\s*[,.;]|\s*$|\s+(?:last|this|earlier|later|in|"
                         r"on|soon|too|as\s+well)\b(?!\s+(?:the|a|an|its|their)\b))", re.IGNORECASE)
_LIST_JOINT = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+")


def _listed(mentions: list[Mention], text: str, first: Mention) -> list[Mention]:
    """``first`` and the names joined to it by commas and "and" ("A, B and C")."""
    out = [first]
    for mention in mentions:
        if mention.start > out[-1].end and _LIST_JOINT.fullmatch(text[out[-1].end:mention.start]):
            out.append(mention)
        elif mention.start > out[-1].end:
            break
    return out


def phrasal_members(lexicon: Lexicon, mentions: list[Mention], text: str, earlier: Mention | None) -> Iterator[Fact]:
    """Membership said without the organization's name after the words: "Among the founding members were A and
    B", "A and B have since signed on as members": members of the organization named last before them in the
    sentence, else in the text before (``earlier``)."""
    for match, before in [(m, True) for m in _AS_MEMBERS.finditer(text)] + [(m, False) for m in _AMONG_INVERTED.finditer(text)]:
        if before:
            last = next((m for m in reversed(mentions) if m.end <= match.start()), None)
            if last is None or not re.fullmatch(r"\s+(?:(?:have|has|had|also|since|now|all|both|each|later|then)\s+)*",
                                                text[last.end:match.start()]):
                continue
            ahead = [m for m in mentions if m.end <= last.end]
            members = [last]
            for mention in reversed(ahead[:-1]):
                if _LIST_JOINT.fullmatch(text[mention.end:members[0].start]):
                    members.insert(0, mention)
                else:
                    break
        else:
            first = _at(mentions, match.end())
            if first is None:
                continue
            members = _listed(mentions, text, first)
        opening = min(m.start for m in members) if before else match.start()
        # "Among the first members of the X Alliance were …": the organization named in the words
        inside = [m for m in mentions if match.start() <= m.start and m.end <= match.end() and lexicon.is_a(m.cls, [ORGANIZATION])]
        # an alliance named before is what members join, over any other organization the sentence names
        organizations = [m for m in reversed(mentions) if m.end <= opening and lexicon.is_a(m.cls, [ORGANIZATION]) is True]
        group = inside[-1] if inside else next((m for m in organizations if lexicon.is_a(m.cls, [str(KG.IndustryAlliance)])),
                                               organizations[0] if organizations else None) or earlier
        if group is None:
            continue
        for member in members:
            if member.key != group.key and member.via != "pronoun" and lexicon.is_a(member.cls, [AGENT]) is not False:
                yield (member, MEMBER_OF, group, match.group().strip(), match.start(), match.end(), 0.55)


def role_affiliations(lexicon: Lexicon, mentions: list[Mention], text: str) -> Iterator[Fact]:
    """"Ma Lin, deputy director of the X Institute,": a role in apposition "of"/"at" an organization says the
    person is affiliated with it."""
    affiliated = str(KG.affiliatedWith)
    for person in mentions:
        if not (person.cls or "").endswith("Person"):
            continue
        role = ROLE_AFTER.match(text, person.end)
        # ("an analyst at | Kunming-based | Dianchi Securities", "a deputy director of the | city's | agriculture bureau")
        joint = re.match(r"\s+(?:of|at|with)\s+(?:the\s+)?(?:[\w'’]+-based\s+|(?:city|province|county|district|region)['’]s\s+)?",
                         text[role.end():]) if role else None
        organization = _at(mentions, role.end() + joint.end()) if role and joint else None
        field = re.match(r"\s+of\s+(?:[a-z][\w-]*\s+){0,3}?[a-z][\w-]*\s+at\s+(?:the\s+)?", text[role.end():]) if role else None
        if role is not None and field is not None and (organization is None or (organization.via == "phrase"
                                                                                and organization.cls is None)):
            # "a professor of network security at X": the field is no organization, the one after "at" is
            organization = _at(mentions, role.end() + field.end())
        if organization is not None and role is not None and lexicon.is_a(organization.cls, [ORGANIZATION]) is not False \
                and not (organization.cls or "").endswith("Person"):
            yield (person, affiliated, organization, role.group().strip(", "), role.start(), role.end(), 0.6)


_EQUIPPED = re.compile(r"(?<![\w-])(?:equipped|equips|equip|equipping)\s+(?:its|their|the)\s+", re.IGNORECASE)


def equipped_sites(lexicon: Lexicon, mentions: list[Mention], text: str) -> Iterator[Fact]:
    """"S has equipped its X (in P) with a Y": the Y is in X."""
    for match in _EQUIPPED.finditer(text):
        site = _at(mentions, match.end())
        if site is None:
            continue
        after = re.match(r"(?:\s+in\s+[^,]*?)?\s+with\s+(?:(?:a|an|the)\s+)?", text[site.end:])
        thing = _at(mentions, site.end + after.end()) if after else None
        if thing is not None and thing.key != site.key and lexicon.is_a(thing.cls, [AGENT]) is not True:
            yield (thing, LOCATED, site, "equipped … with", match.start(), site.end + after.end() if after else match.end(), 0.55)


_AUXILIARIES = r"(?:\s+(?:have|has|had|also|jointly|now|recently|since|already))*\s+"


def reciprocal_partners(lexicon: Lexicon, mentions: list[Mention], text: str) -> Iterator[Fact]:
    """"Geely and Ericsson have signed a deal to …", "A and B teamed up on …": the words of a partnership with no
    "with" after them, said of two agents joined by "and", state it of the two (each is the other's partner)."""
    partnered = str(KG.partneredWith)
    stems = {p.words[:-5] for p in lexicon.patterns
             if p.predicate == partnered and p.words.isascii() and p.words.endswith(" with") and not p.object_first}
    for stem in sorted(stems, key=len, reverse=True):
        # a one-word stem followed by a particle is another verb ("have since signed on as members", "signed up")
        particle = r"(?!\s+(?:on|up|off|onto)\b)" if " " not in stem else ""
        said = re.compile(rf"(?<![\w-]){re.escape(stem).replace(chr(92) + ' ', chr(92) + 's+')}(?!\s+with\b){particle}(?![\w-])",
                          re.IGNORECASE)
        for match in said.finditer(text):
            if re.match(r"[^,;.]*?(?<![\w-])with\s", text[match.end():]):
                continue  # "A and B signed a deal with C": the partner is named after the words
            second = next((m for m in reversed(mentions) if m.end <= match.start()
                           and re.fullmatch(_AUXILIARIES, text[m.end:match.start()])), None)
            first = next((m for m in reversed(mentions) if second is not None and m.end <= second.start
                          and re.fullmatch(r"\s+and\s+", text[m.end:second.start])), None)
            if first is None or second is None or first.key == second.key or "pronoun" in (first.via, second.via) \
                    or any(lexicon.is_a(m.cls, [AGENT]) is not True and m.via not in ("name", "label") for m in (first, second)):
                continue
            yield (first, partnered, second, stem, match.start(), match.end(), 0.6)
