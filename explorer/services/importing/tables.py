"""Spreadsheets (CSV, TSV, XLSX) read through a :class:`TableMapping` into a plan of facts.

Nothing is written here: :func:`plan_import` checks every row and returns the facts it would add
(each with its row as the quote) and the rows it refuses, with row number and reason. The caller
applies the good rows or nothing, so a table is never half-imported.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from explorer.core.errors import ExplorerError
from explorer.core.search import normalize
from explorer.core.tasks import CancelToken, Progress
from explorer.services.importing.mapping import MappingError, TableMapping

XSD = "http://www.w3.org/2001/XMLSchema#"
TABLE_SUFFIXES = (".csv", ".tsv", ".tab", ".xlsx")
#: Rows read between progress reports and cancel checks.
_CHUNK = 2000


class TableError(ExplorerError):
    """A table that cannot be read at all; the message names the file (and line)."""


@dataclass(frozen=True)
class Table:
    """A table's header and rows (row numbers as a spreadsheet shows them: the header is row 1)."""

    path: Path
    header: list[str]
    rows: list[tuple[int, dict[str, str]]]

    def preview(self, count: int = 20) -> list[list[str]]:
        return [[row.get(column, "") for column in self.header] for _, row in self.rows[:count]]


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


def _header(cells: list[str], path: Path) -> list[str]:
    header = [cell.strip() for cell in cells]
    if not any(header):
        raise TableError(f"{path}:1: the first row must name the columns")
    seen: set[str] = set()
    for index, name in enumerate(header):
        if not name:
            header[index] = name = f"column {index + 1}"
        if name in seen:
            raise TableError(f"{path}:1: two columns are named '{name}'")
        seen.add(name)
    return header


def _read_delimited(path: Path, delimiter: str) -> Table:
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = path.read_bytes()[: error.start].count(b"\n") + 1
        raise TableError(f"{path}:{line}: not UTF-8 text (save the table as UTF-8)") from None
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        first = next(reader, None)
        if first is None:
            raise TableError(f"{path}: the table is empty")
        header = _header(first, path)
        rows = []
        for cells in reader:
            if not any(cell.strip() for cell in cells):
                continue
            if len(cells) > len(header):
                raise TableError(f"{path}:{reader.line_num}: {len(cells)} cells in a table of {len(header)} columns")
            rows.append((reader.line_num, {name: cells[i].strip() if i < len(cells) else "" for i, name in enumerate(header)}))
    except csv.Error as error:
        raise TableError(f"{path}:{reader.line_num}: {error}") from None
    return Table(path, header, rows)


def _read_xlsx(path: Path, sheet: str | None) -> Table:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, KeyError, ValueError, OSError) as error:
        raise TableError(f"{path}: not a readable .xlsx workbook ({error})") from None
    except Exception as error:  # zipfile.BadZipFile and openpyxl's parse errors share no base
        raise TableError(f"{path}: not a readable .xlsx workbook ({type(error).__name__})") from None
    try:
        if sheet is not None and sheet not in workbook.sheetnames:
            raise TableError(f"{path}: no sheet named '{sheet}' (sheets: {', '.join(workbook.sheetnames)})")
        worksheet = workbook[sheet] if sheet is not None else workbook.worksheets[0]
        rows_iter = worksheet.iter_rows(values_only=True)
        first = next(rows_iter, None)
        if first is None:
            raise TableError(f"{path}: the sheet '{worksheet.title}' is empty")
        header = _header([_cell(v) for v in first], path)
        rows = []
        for number, values in enumerate(rows_iter, start=2):
            cells = [_cell(v) for v in values]
            if not any(cells):
                continue
            rows.append((number, {name: cells[i] if i < len(cells) else "" for i, name in enumerate(header)}))
    finally:
        workbook.close()
    return Table(path, header, rows)


def read_table(path: str | Path, sheet: str | None = None) -> Table:
    """The header and rows of a CSV, TSV or XLSX file."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in TABLE_SUFFIXES:
        raise TableError(f"{path}: not a table (expected {', '.join(TABLE_SUFFIXES)})")
    if not path.is_file():
        raise TableError(f"{path}: no such file" if not path.exists() else f"{path}: not a regular file")
    if suffix == ".xlsx":
        return _read_xlsx(path, sheet)
    return _read_delimited(path, "," if suffix == ".csv" else "\t")


# -- matching names ---------------------------------------------------------------------------
def fold_name(text: str) -> str:
    """A name folded for matching: case, accents, full/half width, spacing and punctuation.

    >>> fold_name("ＣＨＩＮＡ  Mobile") == fold_name("china mobile") == fold_name("China-Mobile")
    True
    """
    if text.isascii() or _ASCII_AND_HAN.fullmatch(text):
        # No case to fold beyond lower(), no accents, no compatibility forms: normalize()'s
        # three Unicode passes give the same (most names of a big table are of this kind).
        return " ".join(_NAME_PUNCTUATION.sub(" ", text.lower()).split())
    folded = normalize(text)
    return " ".join(_NAME_PUNCTUATION.sub(" ", unicodedata.normalize("NFKC", folded)).split())


_NAME_PUNCTUATION = re.compile(r"[\s\-_.,'’()]+")
_ASCII_AND_HAN = re.compile("[\u0000-\u007f\u3400-\u4dbf\u4e00-\u9fff]*")


class EntityMatcher:
    """Known entities by every label and alias they have."""

    def __init__(self, names: Iterable[tuple[str, str]]) -> None:
        self._by_name: dict[str, list[str]] = {}
        for iri, name in names:
            key = fold_name(name)
            if key:
                entities = self._by_name.setdefault(key, [])
                if iri not in entities:
                    entities.append(iri)

    def candidates(self, name: str) -> list[str]:
        return list(self._by_name.get(fold_name(name), ()))

    def candidates_folded(self, key: str) -> list[str]:
        """:meth:`candidates` of a name already folded by :func:`fold_name`."""
        return list(self._by_name.get(key, ()))


# -- the plan -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class EntityRef:
    """An entity a fact names: known (``iri``) or new (``label`` and ``cls``)."""

    label: str
    iri: str | None = None
    cls: str | None = None


@dataclass(frozen=True)
class LiteralValue:
    lexical: str
    datatype: str | None = None
    language: str | None = None


@dataclass(frozen=True)
class PlannedFact:
    subject: EntityRef
    predicate: str
    object: EntityRef | LiteralValue
    row: int
    quote: str


@dataclass(frozen=True)
class RowProblem:
    row: int
    reason: str
    candidates: tuple[str, ...] = ()  # for an ambiguous name: the entities it could be

    def __str__(self) -> str:
        return f"row {self.row}: {self.reason}"


@dataclass
class ImportPlan:
    table: Table
    facts: list[PlannedFact] = field(default_factory=list)
    new_entities: dict[str, EntityRef] = field(default_factory=dict)
    labels: list[tuple[EntityRef, str, str | None, bool]] = field(default_factory=list)  # entity, text, language, alias?
    problems: list[RowProblem] = field(default_factory=list)
    rows_read: int = 0

    @property
    def good_rows(self) -> int:
        refused = {p.row for p in self.problems}
        return len({f.row for f in self.facts} - refused) if self.facts else self.rows_read - len(refused)

    def without_refused_rows(self) -> ImportPlan:
        """The plan for the good rows only (what "Import the good rows" applies)."""
        refused = {p.row for p in self.problems}
        kept = ImportPlan(self.table, [f for f in self.facts if f.row not in refused], {}, [], [], self.rows_read)
        used = {ref.label for f in kept.facts for ref in (f.subject, f.object) if isinstance(ref, EntityRef) and ref.iri is None}
        kept.new_entities = {k: v for k, v in self.new_entities.items() if v.label in used}
        kept.labels = [item for item in self.labels if any(f.subject == item[0] for f in kept.facts) or item[0].label in used]
        return kept


_LITERAL_CHECKS: dict[str, tuple[re.Pattern[str], str]] = {
    XSD + "integer": (re.compile(r"[+-]?\d+"), "a whole number"),
    XSD + "nonNegativeInteger": (re.compile(r"\+?\d+"), "a whole number of zero or more"),
    XSD + "decimal": (re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)"), "a decimal number"),
    XSD + "double": (re.compile(r"[+-]?((\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?|INF|NaN)"), "a number"),
    XSD + "date": (re.compile(r"\d{4}-\d{2}-\d{2}"), "a date (YYYY-MM-DD)"),
    XSD + "gYear": (re.compile(r"\d{4}"), "a year (YYYY)"),
    XSD + "gYearMonth": (re.compile(r"\d{4}-\d{2}"), "a year and month (YYYY-MM)"),
    XSD + "boolean": (re.compile(r"true|false|1|0"), "true or false"),
}


def _check_literal(text: str, datatype: str) -> str | None:
    check = _LITERAL_CHECKS.get(datatype)
    if check is None:
        return None
    value = text.replace(",", "") if datatype != XSD + "boolean" else text.lower()
    if not check[0].fullmatch(value):
        return check[1]
    if datatype == XSD + "date":
        try:
            date.fromisoformat(value)
        except ValueError:
            return "a real date (YYYY-MM-DD)"
    return None


@dataclass
class ImportContext:
    """What a plan is checked against: names, classes and properties of the open graph."""

    matcher: EntityMatcher
    classes: set[str]
    properties: set[str]
    expand: Callable[[str], str | None]


def _row_quote(table: Table, row: Mapping[str, str]) -> str:
    """The row's own text, as the evidence quote: "Company: Huawei; Alliance: 5G alliance"."""
    return "; ".join([f"{column}: {value}" for column in table.header if (value := row.get(column))])


def plan_import(table: Table, mapping: TableMapping, context: ImportContext, *,
                progress: Progress | None = None, cancel: CancelToken | None = None) -> ImportPlan:
    """Check every row; the facts the good rows make and, for the others, why not."""
    missing = sorted(mapping.columns() - set(table.header))
    if missing:
        raise MappingError(f"{table.path}: the mapping reads column(s) the table does not have: {', '.join(missing)} "
                           f"(columns: {', '.join(table.header)})")
    plan = ImportPlan(table)
    total = max(1, len(table.rows))
    # A table repeats its names, classes, properties and datatypes: each is expanded, folded
    # and looked up once (a 100,000-row table has a few distinct ones in most columns).
    expanded: dict[str, str | None] = {}
    folded: dict[str, str] = {}
    known: dict[str, EntityRef] = {}

    def expand(text: str) -> str | None:
        if text not in expanded:
            expanded[text] = context.expand(text)
        return expanded[text]

    def resolve_class(value: str, row: int, what: str) -> tuple[str | None, RowProblem | None]:
        if not value:
            return None, None
        iri = expand(value)
        if iri is None or iri not in context.classes:
            return None, RowProblem(row, f"{what}: unknown class '{value}'")
        return iri, None

    def entity(name: str, cls: str | None, row: int, what: str) -> tuple[EntityRef | None, RowProblem | None]:
        ref = known.get(name)
        if ref is not None:  # a known entity met before: the same answer
            return ref, None
        if name in mapping.choices:
            ref = known[name] = EntityRef(name, iri=mapping.choices[name])
            return ref, None
        key = folded.get(name)
        if key is None:
            key = folded[name] = fold_name(name)
        found = context.matcher.candidates_folded(key)
        if len(found) == 1:
            ref = known[name] = EntityRef(name, iri=found[0])
            return ref, None
        if len(found) > 1:
            return None, RowProblem(row, f"{what}: '{name}' names {len(found)} entities; choose one", tuple(found))
        if cls is None:
            return None, RowProblem(row, f"{what}: '{name}' is not in the graph and no class is given to create it")
        existing = plan.new_entities.get(key)
        if existing is not None and existing.cls != cls:
            return None, RowProblem(row, f"{what}: '{name}' is created as {existing.cls} on another row, here as {cls}")
        ref = existing or EntityRef(name, cls=cls)
        plan.new_entities[key] = ref
        return ref, None

    for index, (number, row) in enumerate(_iterate(table, progress, cancel, total)):
        plan.rows_read += 1
        problems: list[RowProblem] = []
        facts: list[PlannedFact] = []
        quote = row.get(mapping.quote_column, "") if mapping.quote_column else ""
        quote = quote or _row_quote(table, row)
        subject_name = row.get(mapping.subject_column, "")
        if not subject_name:
            plan.problems.append(RowProblem(number, f"column '{mapping.subject_column}': no subject"))
            continue
        subject_class, problem = resolve_class(mapping.subject_class.read(row) if mapping.subject_class else "", number,
                                               "subject class")
        if problem:
            plan.problems.append(problem)
            continue
        if mapping.subject_match == "iri":
            iri = expand(subject_name)
            subject: EntityRef | None = EntityRef(subject_name, iri=iri) if iri else None
            problem = None if iri else RowProblem(number, f"column '{mapping.subject_column}': '{subject_name}' is not an IRI")
        else:
            subject, problem = entity(subject_name, subject_class, number, f"column '{mapping.subject_column}'")
        if problem or subject is None:
            plan.problems.append(problem or RowProblem(number, "no subject"))
            continue
        if subject.iri is None and subject_class is not None:
            facts.append(PlannedFact(subject, "http://www.w3.org/1999/02/22-rdf-syntax-ns#type",
                                     EntityRef(subject_class, iri=subject_class), number, quote))
        for fact in mapping.facts:
            predicate_text = fact.predicate.read(row)
            if not predicate_text:
                continue
            predicate = expand(predicate_text)
            if predicate is None or predicate not in context.properties:
                where = f"column '{fact.predicate.column}'" if fact.predicate.column else "mapping"
                problems.append(RowProblem(number, f"{where}: unknown property '{predicate_text}'"))
                continue
            value = row.get(fact.object.column, "")
            if not value:
                continue
            where = f"column '{fact.object.column}'"
            if fact.object.is_literal:
                datatype = expand(fact.object.datatype) if fact.object.datatype else None
                if fact.object.datatype and datatype is None:
                    problems.append(RowProblem(number, f"{where}: unknown datatype '{fact.object.datatype}'"))
                    continue
                wrong = _check_literal(value, datatype) if datatype else None
                if wrong:
                    problems.append(RowProblem(number, f"{where}: '{value}' is not {wrong}"))
                    continue
                lexical = value.replace(",", "") if datatype in (XSD + "integer", XSD + "decimal", XSD + "double") else value
                facts.append(PlannedFact(subject, predicate, LiteralValue(lexical, datatype, fact.object.language), number, quote))
                continue
            object_class, problem = resolve_class(fact.object.cls.read(row) if fact.object.cls else "", number,
                                                  f"{where} class")
            obj, problem = (None, problem) if problem else entity(value, object_class, number, where)
            if problem or obj is None:
                problems.append(problem or RowProblem(number, f"{where}: no object"))
                continue
            if obj.iri is None and object_class is not None:
                facts.append(PlannedFact(obj, "http://www.w3.org/1999/02/22-rdf-syntax-ns#type",
                                         EntityRef(object_class, iri=object_class), number, quote))
            facts.append(PlannedFact(subject, predicate, obj, number, quote))
        for label_mapping, alias in [(m, False) for m in mapping.labels] + [(m, True) for m in mapping.aliases]:
            text = row.get(label_mapping.column, "")
            if text:
                plan.labels.append((subject, text, label_mapping.language, alias))
        if problems:
            plan.problems.extend(problems)
        plan.facts.extend(facts)
        del index
    return plan


def _iterate(table: Table, progress: Progress | None, cancel: CancelToken | None, total: int
             ) -> Iterator[tuple[int, dict[str, str]]]:
    for index, item in enumerate(table.rows):
        if index % _CHUNK == 0:
            if cancel is not None:
                cancel.raise_if_cancelled()
            if progress is not None:
                progress(index / total, f"checking row {index + 1:,} of {total:,}")
        yield item
    if progress is not None:
        progress(1.0, f"checked {len(table.rows):,} rows")


_NAMES_QUERY = """
SELECT ?e ?name WHERE {
  VALUES ?p { <http://www.w3.org/2000/01/rdf-schema#label> <http://www.w3.org/2004/02/skos/core#prefLabel>
              <http://www.w3.org/2004/02/skos/core#altLabel> }
  ?e ?p ?name . FILTER(isIRI(?e))
  FILTER NOT EXISTS { ?e a <http://www.w3.org/1999/02/22-rdf-syntax-ns#Statement> }
}"""
_CLASSES_QUERY = """
SELECT DISTINCT ?c WHERE { { ?c a <http://www.w3.org/2002/07/owl#Class> } UNION
                           { ?c a <http://www.w3.org/2000/01/rdf-schema#Class> } FILTER(isIRI(?c)) }"""
_PROPERTIES_QUERY = """
SELECT DISTINCT ?p WHERE { VALUES ?t { <http://www.w3.org/2002/07/owl#ObjectProperty>
    <http://www.w3.org/2002/07/owl#DatatypeProperty> <http://www.w3.org/1999/02/22-rdf-syntax-ns#Property>
    <http://www.w3.org/2002/07/owl#AnnotationProperty> } ?p a ?t FILTER(isIRI(?p)) }"""


def context_from_graph(kg: object) -> ImportContext:
    """Names, classes and properties of an open :class:`~explorer.core.graph.KnowledgeGraph`."""
    from explorer.core.graph import KnowledgeGraph

    assert isinstance(kg, KnowledgeGraph)

    def column(sparql: str) -> list[tuple[str, ...]]:
        result = kg.query(sparql, timeout=None)
        return [tuple(str(value) for value in result.row(i) if value is not None) for i in range(len(result))]

    names = [(row[0], row[1]) for row in column(_NAMES_QUERY) if len(row) == 2]
    classes = {row[0] for row in column(_CLASSES_QUERY)}
    properties = {row[0] for row in column(_PROPERTIES_QUERY)}
    properties |= {"http://www.w3.org/2000/01/rdf-schema#label", "http://www.w3.org/2004/02/skos/core#altLabel",
                   "http://www.w3.org/2000/01/rdf-schema#comment"}
    return ImportContext(EntityMatcher(names), classes, properties, kg.expand)
