"""Suggested facts from an article: each with its sentence, the pattern that fired and a confidence.

A fact is proposed where a property's trigger words (``kg:lexicalPattern``) stand between two
mentions in one sentence: the nearest mention before the words is the subject, the nearest after
is the object (or the other way round for a pattern written ``{o} …``). The ontology's domain
and range decide between candidates and set the confidence; nothing here needs a model download.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from typing import Any

from explorer.core.extraction import (
    clause_readers,
    clauses,
    constructions,
    figures,
    member_groups,
    modal_threats,
    owners,
    refit,
    relatives,
    sites,
    slots,
)
from explorer.core.extraction.appositions import apposed_name
from explorer.core.extraction.appositions import read as read_appositions
from explorer.core.extraction.attachment import head_across_place, head_of_ing_participle, participle_clause_subject
from explorer.core.extraction.branch_names import branch_names, branches_of_carriers
from explorer.core.extraction.calibration import recalibrated
from explorer.core.extraction.devices import equipment_facts, unplaced
from explorer.core.extraction.incidents import harmed
from explorer.core.extraction.lexicon import PREPOSITIONS, Lexicon, PropertyPattern
from explorer.core.extraction.makers_gear import gear_makers
from explorer.core.extraction.mentions import KnownEntity, Mention, MentionFinder
from explorer.core.extraction.ner import NerPipeline, marked_ner, ner_mentions
from explorer.core.extraction.outcomes import OutcomeReader, consequences
from explorer.core.extraction.pair_features import candidates
from explorer.core.extraction.placed_kinds import placed_kinds
from explorer.core.extraction.readings import (
    CLAUSE_BREAK,
    fittest,
    no_place,
    products_made,
    technology_made,
    unrealised,
)
from explorer.core.extraction.references import such_kinds
from explorer.core.extraction.relation_model import RelationReader, bundled
from explorer.core.extraction.rereading import reread
from explorer.core.extraction.risk_phrases import acts_of_harm
from explorer.core.extraction.risks import exposed_head, one_attack, read_risks, unwarned_weaknesses, warned_of
from explorer.core.extraction.sentences import Sentence, fold_width, split_sentences
from explorer.core.extraction.shared_subjects import pronoun_relative_head, shared_subject
from explorer.core.extraction.verbs import PARTICIPLE as _PARTICIPLE
from explorer.core.extraction.verbs import describes_unread_noun, determiner, modifies_noun_after, verb_after_subject
from explorer.core.tasks import CancelToken, Progress
from explorer.core.vocab import KG

AGENT, THREAT = str(KG.Agent), str(KG.CyberRisk)
INCIDENT, ALLIANCE = str(KG.Incident), str(KG.IndustryAlliance)
LOCATED_IN, WARNS_OF = str(KG.locatedIn), str(KG.warnsOf)
#: How far (in characters) a subject or object may stand from the trigger words.
MAX_GAP = 90


@dataclass(frozen=True)
class Suggestion:
    """One proposed fact between two mentions of one sentence."""

    subject: Mention
    predicate: str
    object: Mention
    sentence: Sentence
    pattern: str
    trigger_start: int
    trigger_end: int
    confidence: float

    def as_json(self) -> dict[str, Any]:
        """The shape ``kg-explorer suggest --format json`` prints."""
        return {
            "subject": _end(self.subject),
            "predicate": self.predicate,
            "object": _end(self.object),
            "quote": self.sentence.text,
            "sentence": self.sentence.number,
            "pattern": self.pattern,
            "confidence": round(self.confidence, 2),
        }


def _end(mention: Mention) -> dict[str, Any]:
    if mention.iri is not None:
        return {"iri": mention.iri}
    aliases = {"aliases": list(mention.aliases)} if mention.aliases else {}
    return {"label": mention.label or mention.text, "class": mention.cls, **aliases}


def _fit(lexicon: Lexicon, mention: Mention, classes: frozenset[str]) -> float:
    verdict = lexicon.is_a(mention.cls, classes)
    return {True: 0.2, None: 0.0, False: -0.5}[verdict]


def _candidates(mentions: list[Mention], start: int, end: int, before: bool, text: str) -> list[Mention]:
    if before:
        # (a semicolon closes a clause: "… the appetite of the fish; the robots are made by X" — no subject before it)
        return sorted((m for m in mentions if m.end <= start and start - m.end <= MAX_GAP and ";" not in text[m.end:start]),
                      key=lambda m: start - m.end)
    # "based in the northern Henan city of Anyang": the region is no object; the place named after "city of" is
    after = sorted((m for m in mentions if m.start >= end and m.start - end <= MAX_GAP
                    and not sites.region_of_named_place(m, mentions, text)), key=lambda m: m.start - end)
    # "run by the group's subsidiary Dongfang Turbine": the name after the owner's word for it is the object
    role = _OWNERS_ROLE.match(text, after[0].end) if after else None
    named = next((m for m in after[1:] if role is not None and m.start == role.end() and m.text[:1].isupper()), None)
    return [named, *(m for m in after if m is not named)] if named is not None else after


#: An owner's word for a body, before that body's name ("the group's subsidiary | Dongfang Turbine", "its unit").
_OWNERS_ROLE = re.compile(r"['’]s\s+(?:own\s+)?(?:subsidiary|unit|arm|affiliate|division|joint\s+venture|branch)\s+")


_SAID_THAT = re.compile(r"(?<![\w-])(?:said|says|saying|warned|warns|warning|added|adds|noted|notes|reported|found|cautioned|stressed"
                        r"|believes)"
                        # "says the cranes depend on …": a reported clause may open with no "that"
                        r"\s+(?:that|the|these|those|many|most|some|such|all)\s"
                        # "China Unicom said ZTE had supplied …": a name and an auxiliary open the reported clause
                        r"|(?<![\w-])(?:said|says|added|noted)\s+(?=(?-i:[A-Z][\w&.'’-]*(?:\s+[A-Z][\w&.'’-]*)*)\s+(?:had|has|have|would|will)\s)",
                        re.IGNORECASE)
_TAKEN_AS = re.compile(r"\S\s+(?<!such\s)as\s+(?!well\s+as\b)", re.IGNORECASE)
_PASSIVE_BEFORE = re.compile(r"(?<![\w-])(?:is|are|was|were|been|being)\s+(?:\w+ly\s+)?$", re.IGNORECASE)
#: A verb of making and the words of what is made, up to a trigger that ends them ("makes steel roof | supports").
_MADE_THING = re.compile(r"(?<![\w-])(?:make|makes|made|making|produce|produces|produced|producing|sell|sells|sold|selling"
                         r"|export|exports|exported|design|designs|designed)\s+(?:[a-z][\w-]*\s+){1,3}$", re.IGNORECASE)


def _reduced_relative(lexicon: Lexicon, pattern: PropertyPattern, mentions: list[Mention], start: int,
                      text: str) -> tuple[Mention | None, Mention, float] | None:
    """"S said in a report released in May that …": a participle right after a thing that follows a preposition describes
    that thing, its object; the subject is the clause's (S), if one fits, else no fact. None when no such participle."""
    first = pattern.words.split()[0]
    if pattern.object_first or pattern.weak or not _PARTICIPLE.fullmatch(first) or pattern.words.endswith(" by"):
        return None
    governed = constructions.governed(mentions, text)
    thing = next((m for m in governed if 0 <= start - m.end <= 1 and m.via in ("phrase", "cue")), None)
    if thing is None:
        return None
    subjects = [m for m in mentions if m.end <= thing.start and m not in governed
                and not CLAUSE_BREAK.search(text[m.end:thing.start]) and lexicon.is_a(m.cls, pattern.domain) is not False
                and not (_unnamed(m) and _agents_only(lexicon, pattern.domain))]
    if not subjects or lexicon.is_a(thing.cls, pattern.range) is False or pattern.words.split()[-1] in PREPOSITIONS:
        return (None, thing, 0.0)  # ("base stations built on farmland": the thing is the subject of "built on", not S's object)
    subject = subjects[-1]
    return (subject, thing, 0.6 + _fit(lexicon, subject, pattern.domain) + _fit(lexicon, thing, pattern.range) - 0.1)


def _second_objects(mentions: list[Mention], facts: list[Suggestion], text: str) -> Iterator[Suggestion]:
    """"The branch installed 42 base stations supplied by Huawei and an edge computing node": what the outer verb did to
    the base stations it did to the node too (see ``_thing_after_maker``)."""
    for made in facts:
        if not made.pattern.endswith(" by") or made.object.start < made.subject.end:
            continue
        other = next((m for m in mentions if _thing_after_maker(made.object, m, text)), None)
        if other is None:
            continue
        for outer in (f for f in facts if f.object.key == made.subject.key and f.trigger_end <= made.subject.start
                      and f.subject.key != other.key):
            yield replace(outer, object=other, confidence=round(max(0.0, outer.confidence - 0.05), 2))


def _thing_after_maker(maker: Mention, other: Mention, text: str) -> bool:
    """"installed base stations supplied by Huawei and an edge computing node": after a maker named by "by", a thing
    introduced by "and a"/"and an" is the outer verb's second object, no second maker."""
    return maker.text[:1].isupper() and other.start > maker.end and not other.text[:1].isupper() \
        and re.fullmatch(r"\s+and\s+(?:a|an)\s+", text[maker.end:other.start], re.IGNORECASE) is not None


def _unnamed(mention: Mention) -> bool:
    return mention.via == "phrase" and mention.cls is None


def _described_reference(mention: Mention) -> bool:
    """"the workshop" after "a welding workshop": a thing described, not named (a bare "from" makes no agent of it)."""
    label = mention.label or mention.text
    return mention.via == "definite" and mention.iri is None and mention.cls is None and not label[:1].isupper()


def _agents_only(lexicon: Lexicon, classes: frozenset[str]) -> bool:
    return bool(classes) and all(lexicon.is_a(c, [AGENT]) for c in classes)


def _best_pair(lexicon: Lexicon, pattern: PropertyPattern, mentions: list[Mention], start: int, end: int,
               text: str) -> tuple[Mention, Mention, float] | None:
    # "Its rival X, …, runs": a possessive determiner belongs to the noun after it and is no verb's subject or object,
    # unless that noun opens the pattern's words ("its members include": what it has)
    nearest = [m for m in _candidates(mentions, start, end, before=True, text=text)
               if not determiner(m, text) or not text[m.end:start].strip()]
    described = False
    # a bare preposition links what stands right before it, not the head of the clause it stands in
    left = nearest if pattern.weak else relatives.left_of_trigger(lexicon, nearest, mentions, start, text)
    same_clause = [m for m in left if not CLAUSE_BREAK.search(text[m.end:start])]
    in_aside = any(s <= start < e for s, e, _relative in relatives.asides(text))  # its subject stands before its comma
    if same_clause and not pattern.punctuation and not in_aside:
        left = same_clause  # "…by A and B, and it supports X": the subject is in the verb's own clause
    elif not pattern.weak and relatives.OWN_PRONOUN_SUBJECT.search(text[:start]):
        left = []  # "… because they depend on X": the clause's subject is a pronoun read as no one, not a name before it
    if not pattern.weak:
        # (an object read before its words, "{o} a subsidiary of", may follow a preposition: "operated by X, a subsidiary of")
        heads = [m for m in left if m not in constructions.governed(mentions, text)] if not pattern.object_first else left
        described_by = (relatives.reduced_relative_subject(mentions, text, start)
                        or head_of_ing_participle(mentions, text, start, pattern.words)) if not pattern.object_first else None
        if described_by is not None:
            left = [described_by]  # "a campaign attributed to the group X targeted …": the noun the participle describes
        elif heads:
            left = heads  # "systems in kilns and plants are exposed to …": the subject is not after a preposition
        elif left and relatives.UNREAD_SUBJECT.match(text):
            left = []  # "The trucks at X run on …": the subject is a thing no mention covers, not the X after "at"
        elif pattern.words.endswith(" by") and any(relatives.PEOPLE_OF.search(text[:m.start]) for m in left):
            # "engineers at several suppliers were targeted by …": people spoken of generically stand for where they work
            left = [m for m in left if relatives.PEOPLE_OF.search(text[:m.start])][-1:]
        beside = [m for m in nearest if 0 <= start - m.end <= 1 and m.via in ("phrase", "cue")] or head_across_place(
            lexicon, mentions, text, start) or [m for m in nearest[:1] if re.fullmatch(r",\s*", text[m.end:start])
                                                and m.via in ("phrase", "cue", "name") and not _PASSIVE_BEFORE.search(text[:start])]
        described = pattern.words.endswith(" by") and bool(beside)
        if described:
            # "runs X on a platform built by B", "across the X works, owned by B,": a participle with "by"
            # describes what it follows, and a description in apposition stands for its name ("X, a service launched by")
            left = [apposed_name(mentions, text, beside[0]) or beside[0], *beside[1:]]
    right = [m for m in _candidates(mentions, start, end, before=False, text=text) if not determiner(m, text)]
    # "runs the province's biggest kiln line": a possessor is no object; what it has, named after its "'s", is
    right = [m for m in right if not owners.possessor(m, mentions, text)]
    under = constructions.governed(mentions, text) + [m for m in mentions if re.search(r"(?<![\w-])with\s+(?:the\s+)?$",
                                                                                      text[:m.start])]
    direct = [m for m in right if m not in under and lexicon.is_a(m.cls, pattern.range) is not False]
    if right and right[0] in direct and not pattern.weak:
        # "built a network with China Mobile": a noun after a preposition is no direct object
        right = direct
    elif right and not pattern.weak and not pattern.object_first and lexicon.is_a(right[0].cls, pattern.range) is False \
            and re.fullmatch(r"\s+(?:(?:a|an|the|its|their)\s+)?", text[end:right[0].start]):
        # "to open a platform in Suzhou": the verb's own object does not fit; a name after "in" or "at" is no object
        right = [m for m in right if not (m.via in ("name", "label") and re.search(r"(?:in|at)\s+$", text[:m.start]))]
    elif right and right[0] in under and not pattern.weak and not any(w.lower() in PREPOSITIONS for w in pattern.words.split()) \
            and re.match(r"\s+[a-z]", text[end:]) and not any(m.start - end <= 1 for m in right) \
            and not relatives.OWNED_OBJECT.fullmatch(text[end:right[0].start]):
        # "carries video from the machines to a control centre": the verb's object is a word no mention covers,
        # and what follows a preposition after it is no object of the verb ("infected the servers of a plant":
        # the owner after "of" stands for what it owns)
        right = []
    if re.match(r"\s+that\s", text[end:]):
        # "warned that refineries run on …": a clause follows, not an object, unless of the very kind wanted
        right = [m for m in right if lexicon.is_a(m.cls, pattern.range) is True]
    said_that = [m.start() for m in _SAID_THAT.finditer(text[:start])]
    if said_that and not pattern.object_first:
        # "X warned that Y run on Z": the subject of what was said stands after "that"
        left = [m for m in left if m.start > said_that[-1]]
    left_out = (relatives.object_gap(mentions, text, start) or pronoun_relative_head(mentions, text, start)) \
        if pattern.words.split()[-1].lower() in PREPOSITIONS else None
    if left_out is not None and not pattern.object_first:
        left = [left_out]  # "a campaign that investigators attributed to X": what "that" stands for is the verb's object
    if not pattern.punctuation:
        # The object stands in the trigger's clause: not past a comma ("… to boost efficiency, the company said").
        right = [m for m in right if not CLAUSE_BREAK.search(text[end:m.start])]
    if not pattern.weak and not pattern.object_first and not pattern.words.lower().endswith(" as"):
        # "promoted the scheme as a model": what follows "as" says what the object is taken for (not "such as", "as well as")
        right = [m for m in right if not _TAKEN_AS.search(text[end:m.start])]
    if not left and pattern.words.split()[0].endswith("ing") and "," in text[end:]:
        # "Aside from pushing X, S …": an opening participle clause has the main clause's subject.
        comma = text.index(",", end)
        left = [m for m in mentions if m.start > comma][:1]
    if pattern.closing is not None:
        closing = pattern.closing
        right = [m for m in right if closing.match(text, m.end) or closing.match(text, m.end + 1)][:1]
    sharer = None if pattern.weak else (shared_subject(mentions, text, start, pattern.words.endswith(" by"))
                                        or participle_clause_subject(mentions, text, start, pattern.words))
    if sharer is not None and lexicon.is_a(sharer.cls, pattern.domain) is not False:
        left = [sharer]
    if text[:start].rstrip().endswith((",", "，")) and (opener := next((m for m in mentions if not determiner(m, text)), None)) \
            and opener.end <= start and not described and not relatives.POSSESSOR.match(text, opener.end) \
            and not any(e == len(text[:start].rstrip()) for _s, e, _r in relatives.asides(text)):
        # "…合作，推动工业互联网": a clause that opens with the verb shares the sentence's subject ("Its rival X, …": X).
        left = [opener, *(m for m in left if m is not opener)]
    complemented_head: Mention | None = None
    if pattern.weak and left and not pattern.punctuation and pattern.words.lower() in ("in", "at"):
        # "an alliance with 40 makers in Nanjing": the place is said of the thing the "with" complements
        complemented = re.search(r"\swith\s+$", text[:left[0].start])
        complemented_head = next((m for m in mentions if complemented and 0 <= complemented.start() - m.end <= 1), None)
        if complemented_head is not None:
            left = [complemented_head, *left]
    if pattern.weak:
        # A bare preposition or comma links only the two things right beside it.
        gap = 2 if pattern.punctuation else MAX_GAP
        if pattern.words.lower() in PREPOSITIONS and not (pattern.words.lower() in ("in", "at")
                                                          and re.search(r"[a-z]ed\s+$", text[:start])):
            # "rivals in Korea": a preposition after a noun no mention covers says nothing of what came
            # before; after a verb ("have emerged in China") it places the verb's subject
            gap = 1
        left = [m for m in left[:1] if start - m.end <= gap or m is complemented_head]
        right = [m for m in right[:1] if m.start - end <= gap or sites.described_site_after(lexicon, pattern.predicate, m, text, end)
                 # "a terminal in the Binhai New Area": a place's name may take "the"
                 or (gap == 1 and pattern.words.lower() == "in" and m.via in ("name", "label")
                     and re.fullmatch(r"\s+the\s+", text[end:m.start]) is not None)]
    if not pattern.weak and right and right[0].start - end <= 1 and right[0].via in ("name", "label") \
            and lexicon.is_a(right[0].cls, pattern.domain if pattern.object_first else pattern.range) is not False:
        right = right[:1]  # a name right after the verb is its object (or "such as" its subject), over a kind further on
    elif not pattern.weak and not pattern.object_first and right \
            and re.fullmatch(r"\s+(?:(?:a|an|the|its|their)\s+)?", text[end:right[0].start]) \
            and lexicon.is_a(right[0].cls, pattern.range) is not False:
        right = right[:1]  # "run on a network from X", "runs a test bed for …": the noun the verb (or its preposition) governs
    best: tuple[Mention, Mention, float] | None = None
    # (no subject that cannot hold the property counts as a nearer one: "stations still using default passwords were exposed")
    left = left if pattern.object_first else [m for m in left if refit.subject_fits(lexicon, pattern.predicate, m)]
    for li, first in enumerate(left[:3]):
        for ri, second in enumerate(right[:3]):
            subject, obj = (second, first) if pattern.object_first else (first, second)
            if subject.key == obj.key:
                continue
            described_place = sites.described_place(lexicon, pattern.predicate, subject, obj, text)
            if pattern.weak and (obj.via == "pronoun" or (obj.via == "definite" and not described_place)
                                 or subject.via == "pronoun" or lexicon.is_a(obj.cls, pattern.range) is False):
                continue
            if pattern.punctuation and lexicon.is_a(obj.cls, pattern.range) is not True:
                continue  # "…, Liu added": a comma links a place only to a known kind of place
            if (_unnamed(subject) or (pattern.weak and _described_reference(subject))) and _agents_only(lexicon, pattern.domain):
                continue  # "a technology … said": a thing described, not named, is no one who acts
            if subject.via == "pronoun" and subject.text.lower() == "it" and pattern.domain \
                    and all(c.endswith("Person") for c in pattern.domain):
                continue  # "it carries video from the …": "it" is never a person
            if pattern.weak and _unnamed(obj) and not (pattern.predicate == LOCATED_IN and sites.one_site(lexicon, obj, text)):
                continue  # "services in rural counties": a bare preposition links only to a named or known kind
            # "a ransomware attack halted X": one attack that happened is an incident, not the kind of threat
            incident = INCIDENT in pattern.domain and one_attack(lexicon, subject, text)
            if (lexicon.is_a(subject.cls, pattern.domain) is False and not incident) \
                    or lexicon.is_a(obj.cls, pattern.range) is False or not refit.subject_fits(lexicon, pattern.predicate, subject):
                continue  # the ontology says the pair cannot hold ("set up … in Wuhan": a city is founded by no one)
            score = 0.6 + max(_fit(lexicon, subject, pattern.domain), 0.0 if incident else -1.0) \
                + _fit(lexicon, obj, pattern.range) - 0.12 * (li + ri)
            if subject.via in ("pronoun", "definite") or obj.via in ("pronoun", "definite"):
                score -= 0.05
            if subject.iri is None and subject.cls is None:
                score -= 0.1
            if obj.iri is None and obj.cls is None:
                score -= 0.1
            if best is None or score > best[2]:
                best = (subject, obj, score)
    return best


def suggest_facts(text: str, lexicon: Lexicon, known: Iterable[KnownEntity] = (), *, min_confidence: float = 0.3,
                  progress: Progress | None = None, cancel: CancelToken | None = None,
                  ner: NerPipeline | None = None, learned: bool | RelationReader = True) -> list[Suggestion]:
    """Facts proposed for ``text``, in reading order, at most one per trigger occurrence.

    ``ner``, when given, adds its entities as name candidates (see ``extraction.ner``); ``learned`` adds the facts
    the bundled relation model finds between mentions no rule linked (``relation_model``), or another reader's."""
    reader = bundled() if learned is True else learned or None
    sentences = split_sentences(text)
    finder = MentionFinder(lexicon, known)
    suggestions: list[Suggestion] = []
    previous_subject: Mention | None = None
    quoting: list[_QuotedSentence] = []
    quote_open = False
    outcomes = OutcomeReader(lexicon, finder.named)
    for index, sentence in enumerate(sentences):
        if cancel is not None:
            cancel.raise_if_cancelled()
        # Matching reads full-width text as ASCII ("ＨＵＡＷＥＩ"); the quote stays verbatim.
        view = fold_width(sentence.text)
        earlier = finder.named_so_far()
        earlier_site = sites.last_site(lexicon, earlier)  # what "there" stands for
        mentions = finder.find(view, previous_subject, ner_mentions(ner, view) if ner is not None else ())
        mentions = relatives.split_list_ends(lexicon, relatives.where_subjects(lexicon, mentions, view), view)
        mentions = constructions.plain_ends(lexicon, mentions, view)
        mentions = acts_of_harm(lexicon, mentions, view)  # "theft of product designs": one risk
        mentions = such_kinds(slots.slot_nouns(lexicon, slots.quantity_heads(mentions, view), view), view, earlier)
        taken: list[tuple[int, int]] = []
        seen: set[tuple[str, str, str]] = set()
        first = len(suggestions)  # this sentence's suggestions start here
        earlier_threat = finder.last_of(THREAT)
        earlier_alliance = finder.last_of(ALLIANCE)  # what members join when the sentence names none
        whole = [*constructions.passive_attacks(lexicon, mentions, view, earlier_threat), *read_risks(lexicon, mentions, view),
                 *gear_makers(mentions, view, finder.named)]
        for subject, predicate, obj, words, start, end, confidence in whole + list(equipment_facts(lexicon, mentions, view)):
            # "is attacked by …", "installed at the mill" are read here as a whole, so their words state nothing more below
            taken.append((start, end))
            if (subject.key, predicate, obj.key) not in seen:
                seen.add((subject.key, predicate, obj.key))
                suggestions.append(Suggestion(subject, predicate, obj, sentence, words, start, end, confidence))
        # a sentence reporting market figures is read as observations first (see ``figures``)
        figure_reading = figures.read_figures(lexicon, mentions, view, finder.named, finder.recall)
        # what an attack the sentence opens on leads to (its verbs state nothing else)
        attack_outcomes = consequences(lexicon, [_as_fact(s) for s in suggestions[first:]], view, finder.named)
        taken += figure_reading.taken + outcomes.spans(view) + [(fact[4], fact[5]) for fact in attack_outcomes]
        hits = []
        for pattern in lexicon.patterns:
            for match in pattern.regex.finditer(view):
                if any(match.start() < m.end and m.start < match.end() for m in mentions):
                    continue  # the words are part of a name or phrase ("5G-enabled remote healthcare services")
                hits.append((pattern, match.start(), match.end()))
        # Longer triggers first, so "teamed up with" wins over "with".
        hits.sort(key=lambda hit: (-(hit[2] - hit[1]), hit[1]))
        for index_in_hits, (pattern, start, end) in enumerate(hits):
            if any(start < e and s < end for s, e in taken) or unrealised(view, start, pattern) or no_place(pattern, view, start, end):
                continue
            # words several properties share ("opened", "owns") state the one whose range fits the object
            read = [(p, pair) for p, s, e in hits[index_in_hits:] if (s, e) == (start, end)
                    for pair in [_read_hit(lexicon, p, mentions, start, end, view)] if pair is not None]
            if not read:
                continue
            pattern, (subject, obj, score) = fittest(lexicon, read)
            if technology_made(lexicon, pattern, subject, obj) or products_made(lexicon, pattern, obj, view) \
                    or unplaced(lexicon, pattern, subject, mentions, view, start):
                continue
            key = (subject.key, pattern.predicate, obj.key)
            if score < min_confidence or key in seen:
                continue
            seen.add(key)
            taken.append((start, end))
            suggestions.append(Suggestion(subject, pattern.predicate, obj, sentence, pattern.words, start, end,
                                          round(max(0.0, min(1.0, score)), 2)))
            # "forklifts and cranes in the casting shop": the things listed before a site all stand in it
            in_site = pattern.predicate == LOCATED_IN and sites.one_site(lexicon, obj, view)
            if (pattern.weak and not in_site) or (pattern.object_first and not pattern.words.endswith(" as")):
                continue
            for other_subject, other_object in (constructions.coordinated(mentions, view, subject, obj) if not pattern.object_first
                                                else ((o, s) for s, o in constructions.coordinated(mentions, view, obj, subject))):
                if in_site and other_object is not obj:
                    continue
                if pattern.words.endswith(" by") and _thing_after_maker(obj, other_object, view):
                    continue
                if relatives.beyond_coordination(view, start, subject, other_subject, other_object):
                    continue
                predicate = refit.refit(lexicon, pattern.predicate, other_subject, pattern.words)  # "A, B and C are members of"
                key = (other_subject.key, predicate, other_object.key)
                if key in seen or lexicon.is_a(other_subject.cls, lexicon.ends(predicate)[0]) is False \
                        or lexicon.is_a(other_object.cls, lexicon.ends(predicate)[1]) is False:
                    continue
                seen.add(key)
                suggestions.append(Suggestion(other_subject, predicate, other_object, sentence,
                                              pattern.words, start, end, round(max(0.0, min(1.0, score - 0.05)), 2)))
        for outer in _second_objects(mentions, suggestions[first:], view):
            if (outer.subject.key, outer.predicate, outer.object.key) not in seen:
                seen.add((outer.subject.key, outer.predicate, outer.object.key))
                suggestions.append(outer)
        for subject, predicate, obj, words, start, end, confidence in _constructions(lexicon, finder, mentions, view):
            key = (subject.key, predicate, obj.key)
            if key in seen or subject.key == obj.key:
                continue
            seen.add(key)
            suggestions.append(Suggestion(subject, predicate, obj, sentence, words, start, end, confidence))
        suggestions += _joint_purposes(lexicon, suggestions[first:], view, seen)
        suggestions[first:] = _clause_facts(lexicon, sentence, suggestions[first:], mentions, view, seen,
                                            earlier_alliance, earlier_site)
        read_outcomes = outcomes.read(mentions, view, [_as_fact(s) for s in suggestions[first:]], quote_open) + attack_outcomes
        for subject, predicate, obj, words, start, end, confidence in figure_reading.facts + read_outcomes:
            if (subject.key, predicate, obj.key) not in seen:
                seen.add((subject.key, predicate, obj.key))
                suggestions.append(Suggestion(subject, predicate, obj, sentence, words, start, end, confidence))
        suggestions[first:] = [replace(s, subject=head) if (head := exposed_head(lexicon, s.predicate, s.subject, mentions, view))
                               is not s.subject else s for s in suggestions[first:]]
        suggestions[first:] = reread(lexicon, suggestions[first:], mentions, view)  # ends the whole sentence gives
        # "a ransomware attack on Hengtai encrypted …": one attack told as done affected what it reached
        suggestions[first:] = [replace(s, predicate=p) if (p := harmed(lexicon, s.predicate, s.subject, s.pattern, view)) != s.predicate
                               else s for s in suggestions[first:]]
        suggestions[first:] = [_with_inferred_classes(finder, _seated(lexicon, _counted_members(s))) for s in unwarned_weaknesses(
            suggestions[first:]) if refit.fits(lexicon, s.predicate, s.subject, s.object, view[:s.trigger_start], s.pattern, view)]
        if ner is not None:
            suggestions[first:] = marked_ner(suggestions[first:], min_confidence)
        # "said that attacks on X rose 30 percent": a threat named with its target inside a noun phrase is what a
        # figure counts, not an exposure the speaker asserts (a verb states that: "X is exposed to", "attacks target X")
        facts = [(s.subject, s.predicate, s.object) for s in suggestions[first:] if s.pattern not in constructions.NOMINAL_WORDS]
        for subject, predicate, obj, words, start, end, confidence in constructions.reported_warnings(
                lexicon, mentions, view, facts):
            key = (subject.key, predicate, obj.key)
            if key not in seen:
                seen.add(key)
                suggestions.append(Suggestion(subject, predicate, obj, sentence, words, start, end, confidence))
        if reader is not None:
            rule_facts = [(s.subject, s.predicate, s.object) for s in suggestions[first:]]
            # ("in the Guangdong city of Jiangmen": the model's place is Jiangmen, not the region before its kind)
            ends = [m for m in candidates([*mentions, *(m for s in suggestions[first:] for m in (s.subject, s.object))])
                    if not sites.region_of_named_place(m, mentions, view)]
            # a name the rules' facts gave a class ("Hangzhou-based Supcon Technology": an agent) keeps it in the model's facts
            classed = {(m.start, m.end, m.key): m for s in suggestions[first:] for m in (s.subject, s.object)}
            suggestions += constructions.reports_warning(
                [Suggestion(classed.get((s.start, s.end, s.key), s), p, classed.get((o.start, o.end, o.key), o), sentence,
                            words, start, end, confidence)
                 for s, p, o, words, start, end, confidence in reader.read(lexicon, sentence, view, ends, rule_facts)
                 if confidence >= min_confidence and (s.key, p, o.key) not in seen], mentions, view, WARNS_OF)
        quoting.append(_QuotedSentence(sentence, quote_open, constructions.has_quote(view),
                                       constructions.quote_speaker(lexicon, mentions, view, quote_open),
                                       [s for s in suggestions[first:] if s.predicate in lexicon.exposure]))
        quote_open = constructions.quotes_open_after(view, quote_open)
        # "In Liuzhou, SAIC … has linked …": a place the sentence opens on is no subject of it
        opening = re.match(r"(?:In|At|Across|On)\s+[^,]{1,60},\s", view)
        firsts = [m for m in mentions if (m.via not in ("cue", "phrase") or m.cls is not None)
                  and not (opening and m.end <= opening.end())]
        if firsts:
            previous_subject = firsts[0]
        if progress is not None:
            progress((index + 1) / len(sentences), f"sentence {index + 1} of {len(sentences)}")
    warnings = _quoted_warnings(lexicon, quoting, {(s.subject.key, s.predicate, s.object.key) for s in suggestions})
    if warnings:
        suggestions = sorted(suggestions + warnings, key=lambda s: s.sentence.number)
    # "China Mobile Qinghai" and "China Mobile's Qinghai branch" are one branch: one fact between them states nothing
    # ("the Jiangsu branch of China Unicom" is China Unicom Jiangsu, there and where "the branch" speaks of it)
    branches = branches_of_carriers([(m, fold_width(s.sentence.text)) for s in suggestions for m in (s.subject, s.object)])
    suggestions = [named for s in suggestions
                   for named in [replace(s, subject=branch_names(s.subject, branches, fold_width(s.sentence.text)),
                                         object=branch_names(s.object, branches, fold_width(s.sentence.text)))]
                   if named.subject.key != named.object.key]
    return _one_per_fact(lexicon, recalibrated(suggestions, min_confidence))  # what each reading guessed (``calibration``)


def _one_per_fact(lexicon: Lexicon, suggestions: list[Suggestion]) -> list[Suggestion]:
    """Each fact of a sentence once: "China Mobile's Hunan branch" read by two readers as the branch of China Mobile and
    as China Mobile's branch states one fact, which the analyst reviews once; the surer reading is kept, in its place."""
    best: dict[tuple[int, str, str, str], Suggestion] = {}
    for suggestion in suggestions:
        key = _fact_key(lexicon, suggestion)
        if key not in best or suggestion.confidence > best[key].confidence:
            best[key] = suggestion
    kept = {id(s) for s in best.values()}
    return [s for s in suggestions if id(s) in kept]


def _fact_key(lexicon: Lexicon, suggestion: Suggestion) -> tuple[int, str, str, str]:
    """The fact a suggestion states, read the same way whichever of two inverse properties states it."""
    inverse = lexicon.inverses.get(suggestion.predicate)
    subject, predicate, obj = suggestion.subject.key, suggestion.predicate, suggestion.object.key
    if inverse is not None and inverse < predicate:
        subject, predicate, obj = obj, inverse, subject
    return (suggestion.sentence.number, subject, predicate, obj)


def _read_hit(lexicon: Lexicon, pattern: PropertyPattern, mentions: list[Mention], start: int, end: int,
              text: str) -> tuple[Mention, Mention, float] | None:
    """The subject, object and score one occurrence of a pattern's words states, if any."""
    if verb_after_subject(lexicon, pattern, mentions, start, text):
        pattern = replace(pattern, as_verb=True)
    relative = _reduced_relative(lexicon, pattern, mentions, start, text)
    if relative is not None:
        # a participle describing a thing states a fact only with a subject to state it of
        return (relative[0], relative[1], relative[2]) if relative[0] is not None else None
    if clauses.relative_verb_without_object(mentions, text, start, end):
        return None  # "the network, which Huawei built and …": ``clauses.object_relatives`` reads it
    if _PASSIVE_BEFORE.search(text[:start]) and " " not in pattern.words and _PARTICIPLE.fullmatch(pattern.words):
        return None  # "the cameras were developed (with X)": a passive states no active fact of its subject
    if " " not in pattern.words and _PARTICIPLE.fullmatch(pattern.words) \
            and re.search(r"(?<![\w-])(?:[Aa]|[Aa]n)\s+(?:[a-z]+\s+)?$", text[:start]) \
            and re.match(r"\s+[a-z][\w-]*(?:\s+[a-z][\w-]*)?\s+(?:would|could|will|can|may|might|is|was|has|gives?)\b", text[end:]):
        return None  # "a single compromised gateway would …": a participle before the noun it describes, no verb
    if describes_unread_noun(pattern, mentions, start, text) or modifies_noun_after(pattern, start, text):
        return None  # a participle describing a noun: "the time needed to …", "a botnet of hijacked cameras"
    made = _MADE_THING.search(text[:start])
    if made and " " not in pattern.words and not any(made.start() < m.end and m.start < start for m in mentions):
        return None  # "makes hydraulic roof supports for …": a noun in what is made, not a verb
    pair = _best_pair(lexicon, pattern, mentions, start, end, text)
    if pair is not None and constructions.REPORTING.fullmatch(pattern.words) \
            and any(m.via in ("pronoun", "definite") or constructions.quoted_at(text, m.start) for m in pair[:2]):
        # "…, said X" says that something exists or holds: a thing referred back to, or named inside a
        # quotation, is not what is reported ("The lab will test …, said Lin"; '"… a whole plant," said Wu')
        return None
    if pair is not None and constructions.REPORTING.fullmatch(pattern.words) and not pattern.object_first \
            and pair[0].end <= start and not re.search(r"[,\"”]\s*$", text[pair[0].end:start]) and pair[1].start >= end:
        return None  # "Ma said the alliance …": who stands before "said" speaks; what follows opens what is said
    return pair


@dataclass(frozen=True)
class _QuotedSentence:
    sentence: Sentence
    open_at_start: bool  # inside a quotation opened in an earlier sentence
    quotes: bool  # holds a quotation mark
    speaker: Mention | None
    exposures: list[Suggestion]


def _quoted_warnings(lexicon: Lexicon, sentences: list[_QuotedSentence],
                     seen: set[tuple[str, str, str]]) -> list[Suggestion]:
    """A quotation may run over several sentences, and a new one may go on with the last speaker
    ("…," Wu said. "They are exposed to malware."): who speaks it warns of the threats its sentences
    say something is exposed to, as ``reported_warnings`` reads within one sentence."""
    warns = str(KG.warnsOf)
    groups: list[list[_QuotedSentence]] = []
    for item in sentences:
        if item.open_at_start and groups:
            groups[-1].append(item)
        elif item.quotes:
            groups.append([item])
        else:
            groups.append([])
    out: list[Suggestion] = []
    previous_speaker: Mention | None = None
    for group in groups:
        speaker = next((item.speaker for item in group if item.speaker is not None), None) or previous_speaker
        previous_speaker = next((item.speaker for item in group if item.speaker is not None), None)
        if speaker is None:
            continue
        for item in group:
            for fact in item.exposures:
                for end in (fact.subject, fact.object):
                    key = (speaker.key, warns, end.key)
                    if not warned_of(lexicon, end) or key in seen or end.key == speaker.key:
                        continue
                    seen.add(key)
                    out.append(Suggestion(speaker, warns, end, item.sentence, "said", fact.trigger_start,
                                          fact.trigger_end, 0.65))
    return out


#: What joins a partnership to its purpose: "teamed up with X | to build Y", "… with X | in order to …".
_PURPOSE_JOINT = re.compile(r"\s*(?:,\s*)?(?:in\s+order\s+|so\s+as\s+)?(?:to\s+)?$", re.IGNORECASE)


def _joint_purposes(lexicon: Lexicon, facts: list[Suggestion], text: str,
                    seen: set[tuple[str, str, str]]) -> list[Suggestion]:
    """"S teamed up with X to build Y": the partners act together, so the one of them the verb's fact
    left out does it too (X built Y when S did, S when X did)."""
    partnered = str(KG.partneredWith)
    out: list[Suggestion] = []
    for partnership in facts:
        if partnership.predicate != partnered:
            continue
        partners = (partnership.subject, partnership.object)
        for fact in facts:
            if fact.predicate == partnered or fact.trigger_start < partnership.object.end \
                    or not _PURPOSE_JOINT.fullmatch(text[partnership.object.end:fact.trigger_start]):
                continue
            actor = next((p for p in partners if p.key == fact.subject.key), None)
            if actor is None:
                continue
            other = partners[1] if actor is partners[0] else partners[0]
            if other.via in ("pronoun", "definite"):
                continue  # a partner found by a reference is a guess already: no new fact rests on it
            key = (other.key, fact.predicate, fact.object.key)
            if key in seen or lexicon.is_a(other.cls, lexicon.ends(fact.predicate)[0]) is False:
                continue
            seen.add(key)
            out.append(replace(fact, subject=other, confidence=round(max(0.0, fact.confidence - 0.05), 2)))
    return out


def _clause_facts(lexicon: Lexicon, sentence: Sentence, facts: list[Suggestion], mentions: list[Mention], text: str,
                  seen: set[tuple[str, str, str]], earlier_alliance: Mention | None = None,
                  earlier_site: Mention | None = None) -> list[Suggestion]:
    """The sentence's facts with what ``clauses`` reads beside them (partners, sites, places, calls)."""
    called = clauses.called_actions(lexicon, [_as_fact(f) for f in facts], mentions, text)
    facts = [replace(f, predicate=r[1], object=r[2]) if r[2] is not f.object or r[1] != f.predicate else f
             for f, r in zip(facts, called, strict=True) if r is not None]
    read = [r for r in called if r is not None]
    extra = clause_readers.extra_facts(lexicon, read, mentions, text, earlier_alliance, earlier_site)
    replaced = clause_readers.superseded(extra)
    out = [f for f in facts if not replaced(f.subject, f.predicate, f.object)]
    for subject, predicate, obj, words, start, end, confidence in extra:
        key = (subject.key, predicate, obj.key)
        if key in seen or subject.key == obj.key:
            continue
        seen.add(key)
        out.append(Suggestion(subject, predicate, obj, sentence, words, start, end, confidence))
    return out


def _as_fact(suggestion: Suggestion) -> clauses.Fact:
    return (suggestion.subject, suggestion.predicate, suggestion.object, suggestion.pattern, suggestion.trigger_start,
            suggestion.trigger_end, suggestion.confidence)


def _with_inferred_classes(finder: MentionFinder, suggestion: Suggestion) -> Suggestion:
    subject, obj = finder.infer_classes(suggestion.predicate, suggestion.subject, suggestion.object)
    return suggestion if (subject, obj) == (suggestion.subject, suggestion.object) else replace(suggestion, subject=subject, object=obj)


def _counted_members(suggestion: Suggestion) -> Suggestion:
    subject, obj = member_groups.counted_group(suggestion.predicate, suggestion.subject, suggestion.object)
    return suggestion if (subject, obj) == (suggestion.subject, suggestion.object) else replace(suggestion, subject=subject, object=obj)


def _seated(lexicon: Lexicon, suggestion: Suggestion) -> Suggestion:
    """The property the ends' kinds fit where the words state two ("in" a place: a company's seat; an arm: a branch; ``refit``)."""
    predicate = refit.by_both_ends(lexicon, refit.refit(lexicon, suggestion.predicate, suggestion.subject, suggestion.pattern),
                                   suggestion.subject, suggestion.object, fold_width(suggestion.sentence.text), suggestion.trigger_start)
    return suggestion if predicate == suggestion.predicate else replace(suggestion, predicate=predicate)


def _constructions(lexicon: Lexicon, finder: MentionFinder, mentions: list[Mention],
                   text: str) -> list[constructions.Reading]:
    return [*constructions.possessives(lexicon, mentions, finder.named, text), *constructions.named_units(lexicon, mentions, finder.named),
            *constructions.nationalities(lexicon, mentions, finder.named),
            *constructions.compound_modifiers(lexicon, mentions, finder.named, text),
            *constructions.applied_technologies(lexicon, mentions, finder.named),
            *constructions.comparisons(lexicon, mentions, text), *constructions.attacks_on(lexicon, mentions, text),
            *constructions.harmed_belongings(lexicon, mentions, text), *modal_threats.threatened(lexicon, mentions, text),
            *modal_threats.warned_harms(lexicon, mentions, text),
            *owners.described_owners(lexicon, mentions, text), *read_appositions(lexicon, mentions, text, finder.named),
            *placed_kinds(lexicon, mentions, text, finder.named, finder.place_name), *sites.home_towns(mentions, text)]
