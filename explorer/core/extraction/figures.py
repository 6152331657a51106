"""Market figures: a sentence that reports shipments, sales or a share of them reads as observations.

"Global shipments of 5G phones during the first quarter topped all 5G phone shipments in 2019" names two
figures by their noun phrases; each is an observation (``kg:ShipmentObservation``, or a
``kg:MarketShareObservation`` for "N percent of …") that measures the product counted, in its period
(``time:hasTime``), over its area ("global": the world; "in Germany"), among a group ("by the top five
players"). The verbs between two figures ("topped") and the words after one ("thanks to strong demand from
X", "with the majority of the volume going to Y") are the ontology's patterns of ``kg:exceeds``,
``kg:drivenBy`` and ``kg:mostVolumeTo``; whoever "accounted for" a share is what it is about; a report the
sentence cites ("said in its report", "the report added") is where every figure of it was reported.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from rdflib.namespace import TIME

from explorer.core.extraction import speech
from explorer.core.extraction.constructions import COUNTRIES, DEMONYMS, Reading
from explorer.core.extraction.lexicon import Lexicon
from explorer.core.extraction.spans import Mention
from explorer.core.extraction.words import STOPWORDS
from explorer.core.search import normalize
from explorer.core.timewords import calendar_description
from explorer.core.vocab import KG

SHIPMENTS, SHARE, OBSERVATION = str(KG.ShipmentObservation), str(KG.MarketShareObservation), str(KG.Observation)
PERIOD, PLACE, SOURCE, GROUP, PRODUCT = str(KG.Period), str(KG.Place), str(KG.Source), str(KG.Group), str(KG.Product)
MEASURES, ABOUT, HAS_TIME, SCOPE = str(KG.measures), str(KG.about), str(TIME.hasTime), str(KG.geographicScope)
EXCEEDS, DRIVEN_BY, VOLUME_TO, REPORTED_IN = str(KG.exceeds), str(KG.drivenBy), str(KG.mostVolumeTo), str(KG.reportedIn)
AMONG, SHIPPED_BY = str(KG.measuredAmong), str(KG.shippedBy)
#: Properties only a figure has: their words state nothing outside a sentence that reports one.
FIGURE_PROPERTIES = frozenset([EXCEEDS, VOLUME_TO])

#: Nouns that count what a market moved; the first group counts units shipped.
_MEASURE = re.compile(r"(?<![\w-])(?:(shipments|deliveries)|sales|exports|imports|output|production|revenues?)(?![\w-])",
                      re.IGNORECASE)
#: Words before a measure that say how wide it is ("global", "all"); "global"/"worldwide" name its area.
_SCOPE_WORDS = frozenset(["global", "worldwide", "world", "all", "total", "combined", "annual", "quarterly", "domestic"])
_WORLD_WORDS = frozenset(["global", "worldwide", "world"])
#: Particles and past tenses not in -ed that stand before a measure as a verb does ("ramped up output", "began production").
_NOT_COUNTED = frozenset(["up", "down", "out", "off", "back", "over", "began", "begun", "cut", "set", "put", "shut", "kept", "took",
                          "won", "led", "ran", "hit", "lost", "grew", "saw"])
_SHARE_BEFORE = re.compile(r"(\d+(?:\.\d+)?)\s*(?:percent|per\s+cent|%)\s+of\s+(?:the\s+)?$", re.IGNORECASE)
_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_TIME = re.compile(r"(?:the\s+)?((?:(?:first|second|third|fourth|final|last)\s+(?:quarter|half)|Q[1-4])(?:\s+of\s+(?:19|20)\d\d)?"
                   rf"|(?:{_MONTHS})(?:\s+(?:19|20)\d\d)?|(?:19|20)\d\d)(?![\w-])")
_TOKEN = re.compile(r"(?:\d+G|[A-Z]{2,}[\w-]*|[a-z][\w-]*)(?![\w’'])")
#: A verb a share's holder takes ("X accounted for 61 percent of …").
_HOLDS = re.compile(r"(?<![\w-])(?:accounted\s+for|accounts\s+for|account\s+for|made\s+up|makes\s+up|held|holds|captured"
                    r"|captures|took|takes|represented|represents|claimed|claims)\s+$", re.IGNORECASE)
#: What stands between a figure and the verb that compares it ("… alone topped", "… easily surpassed").
_ADVERBS = re.compile(r"\s*(?:(?:alone|already|also|even|easily|\w+ly)\s+)*$")
_DEMAND = re.compile(r"\s*(?:the\s+)?(?:[a-z]+\s+){0,2}demand\s+(?:from|among|by|in)\s+(?:the\s+)?", re.IGNORECASE)
_MARKET = re.compile(r"\s*(?:the\s+)?(" + "|".join(sorted(DEMONYMS, key=len, reverse=True)) + r")\s+market(?![\w-])",
                     re.IGNORECASE)
_CITED = re.compile(r"(?<![\w-])(?:in|according\s+to)\s+(?:(?:its|their|his|her|the|a|an)\s+)?$", re.IGNORECASE)
#: How a figure moved, after it: "rose 12 percent", "topped 1 billion tonnes" (a period may follow).
_CHANGE = re.compile(r"\s+(?:(?:also|again|sharply|slightly)\s+)?(?:rose|fell|grew|increased|jumped|climbed|declined|dropped|slipped|surged"
                     r"|soared|rebounded|doubled|tripled|halved|topped|exceeded|surpassed|reached|hit|totall?ed)"
                     r"(?:\s+(?:by\s+)?(?:about\s+|nearly\s+|almost\s+|more\s+than\s+|over\s+)?\d[\d.,]*\s*(?:percent|per\s+cent|%"
                     r"|(?:million|billion)?(?:\s+(?:units|tonnes|tons|yuan|dollars|vehicles))?))?(?=\s+(?:in|during|for|over)\s)",
                     re.IGNORECASE)
#: A source's verb after it ("the survey showed", "the ministry said"): the lexicon's verbs of saying, and "show".
_CITES = re.compile(rf"\s+(?:{speech.saying()}|showed|shows)(?![\w-])")

Named = Callable[[str, int, "str | None"], Mention]


@dataclass
class Figure:
    mention: Mention
    product: Mention | None
    share: bool
    period: Mention | None = None
    scope: Mention | None = None
    among: Mention | None = None
    #: the words each part was read from ("during the first quarter", "Global"), shown as its pattern
    words: dict[str, str] = field(default_factory=dict)


@dataclass
class FigureReading:
    facts: list[Reading] = field(default_factory=list)
    #: spans whose words the figures read (no other pattern reads them again)
    taken: list[tuple[int, int]] = field(default_factory=list)


def read_figures(lexicon: Lexicon, mentions: list[Mention], text: str, named: Named,
                 recall: Callable[[str], Mention | None]) -> FigureReading:
    """The observations ``text`` reports and their facts. ``named`` names a thing found in the text, ``recall``
    finds a thing named earlier in the document by its label."""
    out = FigureReading()
    for pattern in lexicon.patterns:
        if pattern.predicate in FIGURE_PROPERTIES:
            out.taken += [m.span() for m in pattern.regex.finditer(text)]
    figures = _figures(lexicon, mentions, text, named, recall)
    if not figures:
        return out
    out.taken += [(f.mention.start, f.mention.end) for f in figures]
    compared: set[int] = set()
    for first, second in itertools.pairwise(figures):
        for pattern in lexicon.patterns:
            if pattern.predicate != EXCEEDS or pattern.object_first:
                continue
            verb = pattern.regex.search(text, first.mention.end, second.mention.start)
            if verb and _ADVERBS.fullmatch(text[first.mention.end:verb.start()]) and not text[verb.end():second.mention.start].strip():
                out.facts.append((first.mention, EXCEEDS, second.mention, pattern.words, verb.start(), verb.end(), 0.75))
                compared.add(id(second))
                break
    main = next(f for f in figures if id(f) not in compared)
    for figure in figures:
        m = figure.mention
        if figure.product is not None:
            out.facts.append((m, MEASURES, figure.product, figure.words[MEASURES], m.start, m.end, 0.75))
        for predicate, end in ((HAS_TIME, figure.period), (SCOPE, figure.scope), (AMONG if figure.share else SHIPPED_BY, figure.among)):
            if end is not None:
                out.facts.append((m, predicate, end, figure.words.get(predicate, end.text), m.start, m.end, 0.7))
    holder = _holder(lexicon, mentions, text, main)
    if holder is not None:
        out.facts.append((main.mention, ABOUT, holder, "accounted for", holder.end, main.mention.start, 0.7))
    elif not main.share and main.product is not None:
        out.facts.append((main.mention, ABOUT, main.product, main.words[MEASURES], main.mention.start, main.mention.end, 0.65))
    out.facts += _after_figure(lexicon, mentions, text, main, figures[-1], named, out.taken)
    report = _report(lexicon, mentions, text)
    if report is not None:
        out.facts += [(f.mention, REPORTED_IN, report, report.text, report.start, report.end, 0.7) for f in figures]
    return out


def _figures(lexicon: Lexicon, mentions: list[Mention], text: str, named: Named,
             recall: Callable[[str], Mention | None]) -> list[Figure]:
    figures: list[Figure] = []
    for measure in _MEASURE.finditer(text):
        if any(f.mention.start <= measure.start() < f.mention.end for f in figures):
            continue
        of = re.match(r"\s+of\s+", text[measure.end():])
        if of is not None:  # "shipments of 5G phones"
            product_start = measure.end() + of.end()
            words = _words_after(text, product_start)
            start, end = measure.start(), product_start + len(words)
        else:  # "5G phone shipments"
            words = _words_before(text, measure.start())
            product_start = measure.start() - len(words) - 1
            start, end = product_start, measure.end()
        if not words:
            continue  # a figure of nothing named ("sales rose")
        product = next((m for m in mentions if m.start == product_start and m.end == product_start + len(words)), None)
        if product is None:
            earlier = recall(words)
            product = replace(earlier, start=product_start, end=product_start + len(words), text=words) if earlier \
                else named(words, product_start, None)
            if product_start == 0 and product.iri is None and words[1:2].islower():
                product = replace(product, label=words[:1].lower() + words[1:])  # "Smartphone shipments …" opens the sentence
        if product.iri is None and product.cls is None:
            product = replace(product, cls=PRODUCT)  # what a market ships or sells is a product
        while (before := re.search(r"([A-Za-z]+)\s+$", text[:start])) and before.group(1).lower() in _SCOPE_WORDS:
            start = before.start()
        owner = re.search(r"([A-Z][\w-]*(?:\s+[A-Z][\w-]*)*)['’]s\s+$", text[:start])
        place = _place(lexicon, mentions, owner.group(1), owner.start(), named) if owner else None
        if place is not None and owner is not None:  # "China's total production of crude steel"
            start = owner.start()
        world = next((w for w in re.findall(r"[A-Za-z]+", text[start:product_start]) if w.lower() in _WORLD_WORDS), None)
        share = _SHARE_BEFORE.search(text[:start])
        if share is not None:
            start = share.start()
        figure = Figure(Mention(start, end, "", None, SHARE if share else SHIPMENTS if measure.group(1) else OBSERVATION),
                        product, share is not None, scope=place)
        if place is not None and owner is not None:
            figure.words[SCOPE] = text[owner.start():owner.end()].strip()
        figure.words[MEASURES] = text[product_start:measure.end()] if of is None else f"{measure.group()} of"
        end = _qualifiers(lexicon, mentions, text, figure, end, named)
        change = _CHANGE.match(text, end)
        if change is not None and figure.period is None:  # "… rose 12 percent in the second quarter"
            _qualifiers(lexicon, mentions, text, figure, change.end(), named)
        label = re.sub(r"^(?:the|a|an)\s+", "", text[start:end], flags=re.IGNORECASE)
        figure.mention = replace(figure.mention, end=end, text=text[start:end], label=label, via="phrase")
        known = named(label, start, None)
        if known.iri is not None:  # a figure the graph holds already, under these words
            figure.mention = replace(known, start=start, end=end, text=text[start:end])
        world = world or next((w for w in re.findall(r"[A-Za-z]+", text[start:end]) if w.lower() in _WORLD_WORDS), None)
        if figure.scope is None and world is not None:
            at = text.index(world, start)
            figure.scope = replace(named("world", at, PLACE), start=at, end=at + len(world), text=world)
        if figure.share or figure.period or (figure.scope and _CHANGE.match(text, end)) or figure.among or world \
                or _compared(lexicon, text, end):
            figures.append(figure)  # a figure is reported with its share or period, or compared, or said to move
    return figures


def _compared(lexicon: Lexicon, text: str, end: int) -> bool:
    """Whether a verb comparing figures follows ``end`` ("… alone topped")."""
    return any(pattern.predicate == EXCEEDS and (verb := pattern.regex.search(text, end)) is not None
               and _ADVERBS.fullmatch(text[end:verb.start()]) is not None for pattern in lexicon.patterns)


def _words_after(text: str, position: int) -> str:
    """The words of what is counted after "of": up to a function word, a verb or punctuation."""
    end = position
    for token in _TOKEN.finditer(text, position):
        if (token.start() != end and not re.fullmatch(r"\s+", text[end:token.start()])) or token.group().lower() in STOPWORDS \
                or token.group().lower().endswith("ed") or _MEASURE.fullmatch(token.group()):
            break
        end = token.end()
    return text[position:end]


def _words_before(text: str, position: int) -> str:
    """The words of what is counted before the measure ("5G phone | shipments"), not how wide it is."""
    words: list[str] = []
    for word in reversed(re.findall(r"\S+", text[:position])[-3:]):
        opening = text.startswith(word) and len(text[:position].split()) == len(words) + 1
        lowered = word.lower()
        if not _TOKEN.fullmatch(lowered[:1] + word[1:] if opening else word) or lowered in STOPWORDS or lowered in _SCOPE_WORDS \
                or lowered.endswith(("ing", "ed")):
            break
        words.insert(0, word)
    if re.search(r"(?<![\w-])(?:to|will|would|can|could|may|might|must|should|shall|did|does|do)\s+$",
                 text[:position - len(" ".join(words)) - 1]) or any(w.lower() in _NOT_COUNTED for w in words):
        return ""  # "to disrupt production", "will expand production", "ramped up output": a verb and its object
    return " ".join(words) if words and text[:position].endswith(" ".join(words) + " ") else ""


def _place(lexicon: Lexicon, mentions: list[Mention], name: str, start: int, named: Named) -> Mention | None:
    """The place a possessive names ("China's"), if it is one."""
    mention = next((m for m in mentions if m.start == start and m.text in (name, name + "'s", name + "’s")), None)
    if mention is not None and lexicon.is_a(mention.cls, [PLACE]):
        return replace(mention, end=start + len(name), text=name)
    if normalize(name) in COUNTRIES:
        return replace(named(name, start, str(KG.Country)), start=start, end=start + len(name), text=name)
    return None


def _qualifiers(lexicon: Lexicon, mentions: list[Mention], text: str, figure: Figure, end: int, named: Named) -> int:
    """Read "during the first quarter", "in 2019", "in Germany", "by the top five players" after a figure;
    returns where the figure's noun phrase ends."""
    while True:
        when = re.match(r"\s+(?:during|in|for|over)\s+", text[end:])
        period = _TIME.match(text, end + when.end()) if when else None
        if when and period and figure.period is None and calendar_description(period.group(1)) is not None:
            figure.period = replace(named(period.group(1), end + when.end() + period.start(1) - period.start(), PERIOD),
                                    cls=PERIOD)
            figure.words[HAS_TIME] = text[end:period.end()].strip()
            end = period.end()
            continue
        place = next((m for m in mentions if when and m.start == end + when.end()), None) \
            if when and text[end:end + when.end()].split()[0].lower() == "in" else None
        if place is not None and figure.scope is None and lexicon.is_a(place.cls, [PLACE]) is not False \
                and place.via in ("name", "label"):
            figure.scope = place
            figure.words[SCOPE] = text[end:place.end].strip()
            end = place.end
            continue
        by = re.match(r"\s+(?:by|among|from)\s+(?:the\s+)?", text[end:])
        group = next((m for m in mentions if by and m.start == end + by.end()), None) if by else None
        if group is not None and figure.among is None and group.text.endswith("s") \
                and lexicon.is_a(group.cls, [str(KG.Agent), GROUP]) is not False:
            figure.among = group if lexicon.is_a(group.cls, [GROUP]) else replace(group, cls=str(KG.OrganizationGroup))
            figure.words[AMONG if figure.share else SHIPPED_BY] = text[end:group.end].strip()
            end = group.end
            continue
        return end


def _holder(lexicon: Lexicon, mentions: list[Mention], text: str, figure: Figure) -> Mention | None:
    """"Chinese vendors accounted for 61 percent of …": the share is theirs."""
    verb = _HOLDS.search(text[:figure.mention.start]) if figure.share else None
    if verb is None:
        return None
    before = [m for m in mentions if m.end <= verb.start() and not re.search(r"[,;]", text[m.end:verb.start()])]
    if not before or lexicon.is_a(before[-1].cls, [str(KG.Agent)]) is False:
        return None
    return before[-1]


def _after_figure(lexicon: Lexicon, mentions: list[Mention], text: str, main: Figure, last: Figure, named: Named,
                  taken: list[tuple[int, int]]) -> list[Reading]:
    """What drove the figure ("thanks to strong demand from X": X) and where most of what it counts went."""
    out: list[Reading] = []
    for pattern in lexicon.patterns:
        if pattern.predicate not in (DRIVEN_BY, VOLUME_TO) or pattern.object_first:
            continue
        for words in pattern.regex.finditer(text, last.mention.end):
            at = words.end()
            if pattern.predicate == DRIVEN_BY:
                demand = _DEMAND.match(text, at)
                at = at + (demand.end() - at if demand else 0)
                driver = next((m for m in mentions if m.start >= at and re.fullmatch(r"\s*(?:the\s+)?", text[at:m.start])), None)
                if driver is not None:
                    out.append((main.mention, DRIVEN_BY, driver, pattern.words, words.start(), words.end(), 0.7))
                    taken.append(words.span())
                continue
            market = _MARKET.match(text, at)
            place = replace(named(DEMONYMS[market.group(1).lower()], at, str(KG.Country)), start=market.start(1),
                            end=market.end(), text=text[market.start(1):market.end()]) if market else \
                next((m for m in mentions if m.start >= at and re.fullmatch(r"\s*(?:the\s+)?", text[at:m.start])
                      and lexicon.is_a(m.cls, [PLACE])), None)
            if place is not None:
                out.append((last.mention, VOLUME_TO, place, pattern.words, words.start(), words.end(), 0.7))
    return out


def _report(lexicon: Lexicon, mentions: list[Mention], text: str) -> Mention | None:
    """The report a sentence cites: "said in its latest report", "according to a report", "the report added"."""
    for mention in mentions:
        if not lexicon.is_a(mention.cls, [SOURCE]):
            continue
        start = mention.start
        if mention.via != "definite" and re.search(r"(?:its|their|his|her)\s+$", text[:start]):
            start = re.search(r"(?:its|their|his|her)\s+$", text[:start]).start()  # type: ignore[union-attr]
        if _CITED.search(text[:start]) or _CITES.match(text, mention.end):
            return mention
    return None

