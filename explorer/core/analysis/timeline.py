"""Facts and entities with dates or periods, in order, with the evidence for each date.

Dates are read where the ontology models them: XSD literals (``xsd:date``, ``xsd:dateTime``,
``xsd:gYear``, ``xsd:gYearMonth``) on an entity, and OWL-Time temporal entities
(``time:inXSDDate`` / ``inXSDgYear`` / ``inXSDgYearMonth`` / ``inXSDDateTimeStamp``, a
``time:DateTimeDescription`` with ``time:year`` / ``time:month`` / ``time:day``, or
``time:hasBeginning`` / ``time:hasEnd`` instants) that an entity or an evidence record points
to. A date on an evidence record (an ``rdf:Statement``) dates its fact. A period whose year
is not given ("the first quarter" of an undated year) stays without one: it is listed, after
the dated items, and never guessed into a year.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from explorer.core.tasks import CancelToken, Progress, check, no_progress

if TYPE_CHECKING:
    from explorer.core.graph import Evidence, KnowledgeGraph
    from explorer.core.scene import Scene

TIME = "http://www.w3.org/2006/time#"
XSD = "http://www.w3.org/2001/XMLSchema#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
DATE_TYPES = tuple(XSD + name for name in ("date", "dateTime", "dateTimeStamp", "gYear", "gYearMonth"))
_OWN_DATE = tuple(TIME + name for name in ("inXSDDate", "inXSDDateTime", "inXSDDateTimeStamp", "inXSDgYear",
                                           "inXSDgYearMonth"))
KG_QUARTER = "https://w3id.org/kg-explorer/ontology#quarter"
_DESCRIPTION = (TIME + "inDateTime", TIME + "hasDateTimeDescription")
_BEGINNING = (TIME + "hasBeginning",)
_END = (TIME + "hasEnd",)
_QUARTER = re.compile(r"\b(first|second|third|fourth|1st|2nd|3rd|4th|q[1-4])\b.*\bquarter\b|\bq([1-4])\b", re.I)
_QUARTER_NUMBER = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}


@dataclass(frozen=True, order=True)
class TimeSpan:
    """A span of days (both ends included); ``start``/``end`` are ``None`` when the year is not known."""

    start: dt.date | None
    end: dt.date | None
    text: str

    @property
    def dated(self) -> bool:
        return self.start is not None and self.end is not None

    def overlaps(self, start: dt.date, end: dt.date) -> bool:
        if self.start is None or self.end is None:
            return False
        return self.start <= end and start <= self.end


@dataclass
class TimelineItem:
    """A dated entity or fact.

    ``fact`` is the dated fact (subject, predicate, object) when the date sits on an evidence
    record, else ``None`` and ``entity`` is dated. ``predicate`` is how it is dated
    (``dct:date``, ``kg:during`` …); ``evidence`` the records of the dating claim.
    """

    entity: str
    predicate: str
    span: TimeSpan
    fact: tuple[str, str, str] | None = None
    time_entity: str | None = None
    evidence: list[Evidence] = field(default_factory=list)

    @property
    def entities(self) -> set[str]:
        """The entities this item dates (a fact dates its subject and object)."""
        return {self.fact[0], self.fact[2]} if self.fact else {self.entity}

    def words(self, kg: KnowledgeGraph) -> str:
        what = (f"{kg.label(self.fact[0])} —{kg.predicate_words(self.fact[1])}→ {kg.label(self.fact[2])}"
                if self.fact else kg.label(self.entity))
        return f"{self.span.text}: {what} ({kg.predicate_words(self.predicate)})"


@dataclass
class Timeline:
    """Dated items in order (earliest first), then those whose year is not given."""

    items: list[TimelineItem]

    @property
    def dated(self) -> list[TimelineItem]:
        return [item for item in self.items if item.span.dated]

    @property
    def undated(self) -> list[TimelineItem]:
        return [item for item in self.items if not item.span.dated]

    def bounds(self) -> tuple[dt.date, dt.date] | None:
        dated = self.dated
        if not dated:
            return None
        return min(i.span.start for i in dated if i.span.start), max(i.span.end for i in dated if i.span.end)

    def within(self, start: dt.date, end: dt.date) -> list[TimelineItem]:
        """The dated items that overlap ``start``..``end``."""
        return [item for item in self.dated if item.span.overlaps(start, end)]

    def entities_outside(self, start: dt.date, end: dt.date, among: Iterable[str] | None = None) -> set[str]:
        """Dated entities none of whose dates overlap the range (undated entities are never outside)."""
        inside: set[str] = set()
        dated: set[str] = set()
        for item in self.dated:
            dated |= item.entities
            if item.span.overlaps(start, end):
                inside |= item.entities
        outside = dated - inside
        return outside if among is None else outside & set(among)


# ---------------------------------------------------------------------- reading spans
def parse_date_literal(value: str, datatype: str) -> TimeSpan | None:
    """The span an XSD date literal covers, or ``None`` if it does not parse.

    >>> parse_date_literal("2019", "http://www.w3.org/2001/XMLSchema#gYear")
    TimeSpan(start=datetime.date(2019, 1, 1), end=datetime.date(2019, 12, 31), text='2019')
    >>> parse_date_literal("2019-03", "http://www.w3.org/2001/XMLSchema#gYearMonth").end
    datetime.date(2019, 3, 31)
    """
    text = value.strip()
    try:
        if datatype.endswith("#gYear"):
            year = int(text[:4])
            return TimeSpan(dt.date(year, 1, 1), dt.date(year, 12, 31), str(year))
        if datatype.endswith("#gYearMonth"):
            year, month = int(text[:4]), int(text[5:7])
            return _month(year, month)
        day = dt.date.fromisoformat(text[:10])
        return TimeSpan(day, day, day.isoformat())
    except ValueError:
        return None


def _month(year: int, month: int) -> TimeSpan:
    last = calendar.monthrange(year, month)[1]
    return TimeSpan(dt.date(year, month, 1), dt.date(year, month, last), f"{calendar.month_name[month]} {year}")


def _quarter(number: int, year: int | None, text: str) -> TimeSpan:
    if year is None:
        return TimeSpan(None, None, text)
    first = 3 * (number - 1) + 1
    end = _month(year, first + 2).end
    return TimeSpan(dt.date(year, first, 1), end, f"Q{number} {year}")


class _TimeReader:
    """Spans of OWL-Time entities, read once each."""

    def __init__(self, kg: KnowledgeGraph) -> None:
        self.kg = kg
        self.cache: dict[str, TimeSpan | None] = {}

    def values(self, node: str, predicates: Iterable[str]) -> list[object]:
        wanted = " ".join(f"<{p}>" for p in predicates)
        subject = node if node.startswith("_:") else f"<{node}>"
        if node.startswith("_:"):
            return []
        return [row[0] for row in self.kg.query(f"SELECT ?v WHERE {{ VALUES ?p {{ {wanted} }} {subject} ?p ?v }}").rows]

    def span(self, node: str, depth: int = 0) -> TimeSpan | None:
        if node in self.cache:
            return self.cache[node]
        self.cache[node] = None  # guards against cycles
        found = self._read(node, depth)
        self.cache[node] = found
        return found

    def _read(self, node: str, depth: int) -> TimeSpan | None:
        from rdflib import Literal

        for value in self.values(node, _OWN_DATE):
            if isinstance(value, Literal):
                span = parse_date_literal(str(value), str(value.datatype or XSD + "date"))
                if span is not None:
                    return span
        if depth < 3:
            for value in self.values(node, _DESCRIPTION):
                span = self._description(str(value), self._label(node))
                if span is not None:
                    return span
            begins = [s for v in self.values(node, _BEGINNING) if (s := self.span(str(v), depth + 1))]
            ends = [s for v in self.values(node, _END) if (s := self.span(str(v), depth + 1))]
            if begins or ends:
                start = begins[0].start if begins else None
                end = ends[0].end if ends else (begins[0].end if begins else None)
                if start is None and ends:
                    start = ends[0].start
                text = f"{begins[0].text if begins else '…'} – {ends[0].text if ends else '…'}"
                return TimeSpan(start, end, text)
        return self._named_period(node)

    def _label(self, node: str) -> str | None:
        labels = [str(v) for v in self.values(node, (RDFS + "label",))]
        return labels[0] if labels else None

    def _description(self, node: str, label: str | None) -> TimeSpan | None:
        year = self._number(node, TIME + "year")
        month = self._number(node, TIME + "month")
        day = self._number(node, TIME + "day")
        quarter = self._number(node, KG_QUARTER)
        if quarter is not None and 1 <= quarter <= 4:
            return _quarter(quarter, year, label or f"Q{quarter} (year not given)")
        if year is not None and month is not None and day is not None:
            date = dt.date(year, month, day)
            return TimeSpan(date, date, date.isoformat())
        if year is not None and month is not None:
            return _month(year, month)
        if year is not None:
            return TimeSpan(dt.date(year, 1, 1), dt.date(year, 12, 31), str(year))
        return None

    def _number(self, node: str, predicate: str) -> int | None:
        for value in self.values(node, (predicate,)):
            digits = re.search(r"\d+", str(value))
            if digits:
                return int(digits.group(0))
        return None

    def _named_period(self, node: str) -> TimeSpan | None:
        """A period known only by its name ("the first quarter"): a quarter of a given year, or no year."""
        labels = [str(v) for v in self.values(node, (RDFS + "label",))]
        if not labels:
            return None
        label = labels[0]
        quarter = _QUARTER.search(label)
        year_match = re.search(r"\b(1[89]\d\d|2\d\d\d)\b", label)
        year = int(year_match.group(1)) if year_match else None
        if quarter:
            word = (quarter.group(1) or "").lower()
            number = _QUARTER_NUMBER.get(word) or int(word[1] if word.startswith("q") else quarter.group(2))
            return _quarter(number, year, label)
        if year is not None:
            return TimeSpan(dt.date(year, 1, 1), dt.date(year, 12, 31), label)
        return TimeSpan(None, None, label)


# ---------------------------------------------------------------------- the timeline
def timeline(kg: KnowledgeGraph, *, progress: Progress | None = None, cancel: CancelToken | None = None) -> Timeline:
    """Every dated entity and fact of the graph, in order."""
    from rdflib import Literal

    report = progress or no_progress
    reader = _TimeReader(kg)
    types = ", ".join(f"<{t}>" for t in DATE_TYPES)
    time_ns = TIME
    report(None, "timeline: dates")
    literal_rows = kg.query(
        f"SELECT ?x ?p ?v WHERE {{ ?x ?p ?v FILTER(isLiteral(?v) && DATATYPE(?v) IN ({types}) "
        f'&& !STRSTARTS(STR(?p), "{time_ns}") && !STRSTARTS(STR(?p), "{RDF}")) }}'
    ).rows
    check(cancel)
    report(None, "timeline: periods")
    structural = " ".join(f"<{p}>" for p in (*_OWN_DATE, *_DESCRIPTION, *_BEGINNING, *_END))
    time_rows = kg.query(
        "SELECT DISTINCT ?x ?p ?t WHERE { ?x ?p ?t . "
        f'FILTER((?p = <{time_ns}hasTime> || !STRSTARTS(STR(?p), "{time_ns}")) && !STRSTARTS(STR(?p), "{RDF}")) '
        f'{{ ?t a/<{RDFS}subClassOf>* ?c FILTER(STRSTARTS(STR(?c), "{time_ns}")) }} UNION '
        f"{{ VALUES ?q {{ {structural} }} ?t ?q ?w }} }}"
    ).rows
    items: list[TimelineItem] = []
    for x, p, value in literal_rows:
        check(cancel)
        assert isinstance(value, Literal)
        span = parse_date_literal(str(value), str(value.datatype))
        if span is not None:
            items.append(_item(kg, str(x), str(p), span, None, value))
    seen: set[tuple[str, str, str]] = set()
    for x, p, t in time_rows:
        check(cancel)
        key = (str(x), str(p), str(t))
        if key in seen or kg.is_schema_term(str(x)):
            continue
        seen.add(key)
        span = reader.span(str(t))
        if span is not None:
            items.append(_item(kg, str(x), str(p), span, str(t), None))
    items = [item for item in items if item.entity not in reader.cache]  # an instant inside a period is not an item
    items.sort(key=_order)
    report(1.0, f"timeline: {len(items)} dated items")
    return Timeline(items)


def _order(item: TimelineItem) -> tuple[int, dt.date, dt.date, str]:
    if item.span.start is None or item.span.end is None:
        return (1, dt.date.max, dt.date.max, item.span.text)
    return (0, item.span.start, item.span.end, item.entity)


def _item(kg: KnowledgeGraph, subject: str, predicate: str, span: TimeSpan, time_entity: str | None,
          literal: object) -> TimelineItem:
    fact = _reified_fact(kg, subject)
    if time_entity is not None:
        evidence = kg.evidence(subject, predicate, time_entity)
    else:
        evidence = _literal_evidence(kg, subject, predicate, literal)
    entity = fact[0] if fact else subject
    return TimelineItem(entity, predicate, span, fact, time_entity, evidence)


def _reified_fact(kg: KnowledgeGraph, node: str) -> tuple[str, str, str] | None:
    if node.startswith("_:") or not kg.is_evidence_record(node):
        return None
    rows = kg.query(f"SELECT ?s ?p ?o WHERE {{ <{node}> <{RDF}subject> ?s ; <{RDF}predicate> ?p ; <{RDF}object> ?o }}").rows
    return (str(rows[0][0]), str(rows[0][1]), str(rows[0][2])) if rows else None


def _literal_evidence(kg: KnowledgeGraph, subject: str, predicate: str, literal: object) -> list[Evidence]:
    """Evidence records of a fact whose object is a literal (``kg.evidence`` takes entities)."""
    if subject.startswith("_:"):
        return []
    from rdflib import Literal

    assert isinstance(literal, Literal)
    rows = kg.query(
        f"SELECT ?r WHERE {{ ?r <{RDF}subject> <{subject}> ; <{RDF}predicate> <{predicate}> ; <{RDF}object> ?o "
        f"FILTER(STR(?o) = {literal.n3().split('^^')[0]}) }}"
    ).rows
    found = []
    for (record,) in rows:
        found.append(_record(kg, str(record)))
    return found


def _record(kg: KnowledgeGraph, record: str) -> Evidence:
    from explorer.core.graph import Evidence

    quote = source = note = page = None
    background = False
    sentence = line = start = end = None
    rows = kg.query(f"SELECT ?p ?v WHERE {{ <{record}> ?p ?v }}").rows
    for predicate, value in rows:
        name = str(predicate).rsplit("#", 1)[-1].rsplit("/", 1)[-1]
        if name == "quote":
            quote = str(value)
        elif name == "sentenceIndex":
            sentence = int(str(value)) if str(value).isdigit() else None
        elif name == "lineNumber":
            line = int(str(value)) if str(value).isdigit() else None
        elif name == "pagination":
            page = str(value)
        elif name == "isBackground":
            background = str(value) in ("true", "1")
        elif name == "wasDerivedFrom":
            source = str(value)
        elif name == "comment":
            note = str(value)
    # the character offsets of the record's Web Annotation position selector
    for first, last in kg.query(
            f"SELECT ?start ?end WHERE {{ <{record}> <http://www.w3.org/ns/oa#hasSelector> ?s . "
            f"?s a <http://www.w3.org/ns/oa#TextPositionSelector> ; <http://www.w3.org/ns/oa#start> ?start ; "
            f"<http://www.w3.org/ns/oa#end> ?end }} LIMIT 1").rows:
        if str(first).isdigit() and str(last).isdigit():
            start, end = int(str(first)), int(str(last))
    return Evidence(record, background, quote, source, kg.label(source) if source else None, sentence, note,
                    line_number=line, page=page, start=start, end=end)


class FilterCanvasByTime:
    """Undoable: hide the canvas' entities dated only outside a range, show those the last filter hid.

    ``start``/``end`` ``None`` lifts the filter. Entities without a date are never hidden.
    Nodes hidden by the filter are remembered on the command chain only: undo restores
    each node's hidden state as it was.
    """

    def __init__(self, scene: Scene, line: Timeline, start: dt.date | None, end: dt.date | None,
                 hidden_by_filter: set[str]) -> None:
        self.scene = scene
        self.line = line
        self.start, self.end = start, end
        self.previously_hidden_by_filter = set(hidden_by_filter)
        self.hidden_by_filter: set[str] = set()
        self.text = (f"Timeline {start.isoformat()} – {end.isoformat()}" if start and end else "Timeline: show all")
        self._before: dict[str, bool] = {}

    def redo(self) -> None:
        scene = self.scene
        on_canvas = {node.entity: node.id for node in scene.nodes.values() if node.kind == "entity"}
        outside = (self.line.entities_outside(self.start, self.end, on_canvas)
                   if self.start is not None and self.end is not None else set())
        wanted_hidden = {on_canvas[e] for e in outside}
        to_show = {i for i in self.previously_hidden_by_filter if i in scene.nodes} - wanted_hidden
        to_hide = {i for i in wanted_hidden if not scene.nodes[i].hidden}
        self._before = {i: scene.nodes[i].hidden for i in to_show | to_hide}
        for node_id in sorted(to_show):
            scene.hide(node_id, False)
        for node_id in sorted(to_hide):
            scene.hide(node_id, True)
        self.hidden_by_filter = (self.previously_hidden_by_filter - to_show) | to_hide

    def undo(self) -> None:
        for node_id, hidden in self._before.items():
            if node_id in self.scene.nodes:
                self.scene.hide(node_id, hidden)
