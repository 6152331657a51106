"""The mapping of a spreadsheet's columns to facts: a small JSON file, saved by the wizard and
reused by ``kg-explorer import``.

    {
      "subject": {"column": "Company", "class": "kg:Company"},
      "labels": [{"column": "Chinese name", "language": "zh"}],
      "aliases": [{"column": "Also known as"}],
      "facts": [
        {"predicate": "org:memberOf", "object": {"column": "Alliance", "class": "kg:IndustryAlliance"}},
        {"predicate": {"column": "Relation"}, "object": {"column": "Target"}},
        {"predicate": "kg:shipments", "object": {"column": "Units", "datatype": "xsd:integer"}}
      ],
      "quote": {"column": "Quote"},
      "source": {"title": "Alliance member list 2020", "date": "2020-06-01"}
    }

``subject.column`` holds a label or an IRI (``"match": "iri"``); ``class`` is fixed or read from a
column (``{"class": {"column": "Type"}}``); an object with a ``datatype`` is a typed literal, with a
``language`` a tagged string, otherwise an entity matched by label or alias. ``choices`` records
how the analyst resolved ambiguous names (``{"name": "IRI"}``).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from explorer.core.atomic import atomic_write
from explorer.core.errors import ExplorerError, LoadError
from explorer.core.input_files import regular_file_size

MAPPING_VERSION = 1


class MappingError(ExplorerError):
    """A mapping file that cannot be used; the message names the file and the field."""


@dataclass(frozen=True)
class ColumnOrValue:
    """A value fixed in the mapping, or read from a column of each row."""

    column: str | None = None
    value: str | None = None

    def read(self, row: Mapping[str, str]) -> str:
        if self.column is not None:
            return (row.get(self.column) or "").strip()
        return self.value or ""


@dataclass(frozen=True)
class ObjectMapping:
    column: str
    cls: ColumnOrValue | None = None
    datatype: str | None = None
    language: str | None = None

    @property
    def is_literal(self) -> bool:
        return self.datatype is not None or self.language is not None


@dataclass(frozen=True)
class FactMapping:
    predicate: ColumnOrValue
    object: ObjectMapping


@dataclass(frozen=True)
class LabelMapping:
    column: str
    language: str | None = None


@dataclass
class TableMapping:
    subject_column: str
    subject_match: str = "label"  # label | iri
    subject_class: ColumnOrValue | None = None
    labels: list[LabelMapping] = field(default_factory=list)
    aliases: list[LabelMapping] = field(default_factory=list)
    facts: list[FactMapping] = field(default_factory=list)
    quote_column: str | None = None
    source_title: str | None = None
    source_date: str | None = None
    sheet: str | None = None
    choices: dict[str, str] = field(default_factory=dict)

    def columns(self) -> set[str]:
        """Every column the mapping reads (checked against the table's header)."""
        used = {self.subject_column, *(m.column for m in self.labels), *(m.column for m in self.aliases)}
        if self.subject_class is not None and self.subject_class.column:
            used.add(self.subject_class.column)
        for fact in self.facts:
            used.add(fact.object.column)
            if fact.predicate.column:
                used.add(fact.predicate.column)
            if fact.object.cls is not None and fact.object.cls.column:
                used.add(fact.object.cls.column)
        if self.quote_column:
            used.add(self.quote_column)
        return used

    # -- JSON ---------------------------------------------------------------------------------
    def to_json(self) -> dict[str, Any]:
        def column_or_value(item: ColumnOrValue | None) -> Any:
            if item is None:
                return None
            return {"column": item.column} if item.column is not None else item.value

        data: dict[str, Any] = {"version": MAPPING_VERSION,
                                "subject": {"column": self.subject_column, "match": self.subject_match}}
        if self.subject_class is not None:
            data["subject"]["class"] = column_or_value(self.subject_class)
        if self.sheet:
            data["sheet"] = self.sheet
        data["labels"] = [{"column": m.column, "language": m.language} for m in self.labels]
        data["aliases"] = [{"column": m.column, "language": m.language} for m in self.aliases]
        facts = []
        for fact in self.facts:
            obj: dict[str, Any] = {"column": fact.object.column}
            if fact.object.cls is not None:
                obj["class"] = column_or_value(fact.object.cls)
            if fact.object.datatype:
                obj["datatype"] = fact.object.datatype
            if fact.object.language:
                obj["language"] = fact.object.language
            facts.append({"predicate": column_or_value(fact.predicate), "object": obj})
        data["facts"] = facts
        if self.quote_column:
            data["quote"] = {"column": self.quote_column}
        if self.source_title or self.source_date:
            data["source"] = {k: v for k, v in (("title", self.source_title), ("date", self.source_date)) if v}
        if self.choices:
            data["choices"] = dict(sorted(self.choices.items()))
        return data

    def save(self, path: str | Path) -> None:
        atomic_write(Path(path), json.dumps(self.to_json(), ensure_ascii=False, indent=2) + "\n")

    @classmethod
    def from_json(cls, data: Any, where: str = "mapping") -> TableMapping:
        reader = _Reader(where)
        if not isinstance(data, dict):
            raise MappingError(f"{where}: expected a JSON object")
        version = data.get("version", MAPPING_VERSION)
        if version != MAPPING_VERSION:
            raise MappingError(f"{where}: field 'version': {version!r} is not a mapping version this app reads ({MAPPING_VERSION})")
        subject = reader.object(data, "subject")
        mapping = cls(
            subject_column=reader.text(subject, "column", "subject.column"),
            subject_match=reader.choice(subject, "match", "subject.match", ("label", "iri"), "label"),
            subject_class=reader.column_or_value(subject.get("class"), "subject.class"),
            labels=[reader.label(item, f"labels[{i}]") for i, item in enumerate(reader.items(data, "labels"))],
            aliases=[reader.label(item, f"aliases[{i}]") for i, item in enumerate(reader.items(data, "aliases"))],
            sheet=reader.optional_text(data, "sheet", "sheet"),
        )
        for i, item in enumerate(reader.items(data, "facts")):
            name = f"facts[{i}]"
            if not isinstance(item, dict):
                raise MappingError(f"{where}: field '{name}': expected an object")
            predicate = reader.column_or_value(item.get("predicate"), f"{name}.predicate")
            if predicate is None:
                raise MappingError(f"{where}: field '{name}.predicate' is missing")
            obj = reader.object(item, "object", f"{name}.object")
            datatype = reader.optional_text(obj, "datatype", f"{name}.object.datatype")
            language = reader.optional_text(obj, "language", f"{name}.object.language")
            if datatype and language:
                raise MappingError(f"{where}: field '{name}.object': a datatype and a language cannot go together")
            mapping.facts.append(FactMapping(predicate, ObjectMapping(
                reader.text(obj, "column", f"{name}.object.column"),
                reader.column_or_value(obj.get("class"), f"{name}.object.class"), datatype, language)))
        quote = data.get("quote")
        if quote is not None:
            mapping.quote_column = reader.text(reader.object(data, "quote"), "column", "quote.column")
        source = data.get("source")
        if source is not None:
            source = reader.object(data, "source")
            mapping.source_title = reader.optional_text(source, "title", "source.title")
            mapping.source_date = reader.optional_text(source, "date", "source.date")
        choices = data.get("choices", {})
        if not isinstance(choices, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in choices.items()):
            raise MappingError(f"{where}: field 'choices': expected an object of name → IRI")
        mapping.choices = dict(choices)
        if not mapping.facts and not mapping.labels and mapping.subject_class is None:
            raise MappingError(f"{where}: the mapping makes no facts (give 'facts', 'labels' or 'subject.class')")
        return mapping

    @classmethod
    def load(cls, path: str | Path) -> TableMapping:
        path = Path(path)
        try:
            regular_file_size(path, "a mapping file")  # a FIFO would block the reader for good
        except LoadError as error:
            raise MappingError(f"{path}: cannot read the mapping ({error.reason})") from None
        try:
            text = path.read_text(encoding="utf-8-sig")
        except OSError as error:
            raise MappingError(f"{path}: cannot read the mapping ({error.strerror or error})") from None
        except UnicodeDecodeError:
            raise MappingError(f"{path}: the mapping is not UTF-8 text") from None
        try:
            data = json.loads(text)
        except json.JSONDecodeError as error:
            raise MappingError(f"{path}:{error.lineno}: not JSON ({error.msg})") from None
        return cls.from_json(data, str(path))


class _Reader:
    """Reads fields of the mapping's JSON with errors that name the field."""

    def __init__(self, where: str) -> None:
        self.where = where

    def _fail(self, name: str, what: str) -> MappingError:
        return MappingError(f"{self.where}: field '{name}': {what}")

    def object(self, data: dict[str, Any], key: str, name: str | None = None) -> dict[str, Any]:
        value = data.get(key)
        if not isinstance(value, dict):
            raise self._fail(name or key, "expected an object" if value is not None else "missing")
        return value

    def items(self, data: dict[str, Any], key: str) -> list[Any]:
        value = data.get(key, [])
        if not isinstance(value, list):
            raise self._fail(key, "expected a list")
        return value

    def text(self, data: dict[str, Any], key: str, name: str) -> str:
        value = data.get(key)
        if not isinstance(value, str) or not value.strip():
            raise self._fail(name, "expected a column name" if value is None else f"expected text, found {value!r}")
        return value

    def optional_text(self, data: dict[str, Any], key: str, name: str) -> str | None:
        value = data.get(key)
        if value is None:
            return None
        if not isinstance(value, str):
            raise self._fail(name, f"expected text, found {value!r}")
        return value

    def choice(self, data: dict[str, Any], key: str, name: str, allowed: tuple[str, ...], default: str) -> str:
        value = data.get(key, default)
        if value not in allowed:
            raise self._fail(name, f"expected one of {', '.join(allowed)}, found {value!r}")
        return str(value)

    def column_or_value(self, value: Any, name: str) -> ColumnOrValue | None:
        if value is None:
            return None
        if isinstance(value, str) and value.strip():
            return ColumnOrValue(value=value.strip())
        if isinstance(value, dict) and isinstance(value.get("column"), str):
            return ColumnOrValue(column=value["column"])
        raise self._fail(name, "expected a value or {\"column\": NAME}")

    def label(self, item: Any, name: str) -> LabelMapping:
        if not isinstance(item, dict):
            raise self._fail(name, "expected an object")
        return LabelMapping(self.text(item, "column", f"{name}.column"),
                            self.optional_text(item, "language", f"{name}.language"))
