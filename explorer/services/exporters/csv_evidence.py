"""The evidence table as CSV: one row per evidence record of each fact, in words and IRIs.

Columns: subject, predicate, object (labels and the predicate in words), their IRIs, then
the evidence — quote, source (label and IRI), where the quote stands (sentence index, line
number, page, character offsets from the record's text position selector), or "background"
with its note, and the record's IRI. A fact with several records gets one row per record; a
fact without any evidence record still gets a row, with the evidence columns empty, so the
table lists every fact.

The file is UTF-8 with a byte-order mark, so spreadsheet programs show the Chinese labels
correctly. Cells that a spreadsheet would run as a formula (starting with ``=``, ``+``,
``@``, a tab, or ``-`` not followed by a number) get a leading apostrophe: data must not be
able to execute in the analyst's spreadsheet.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

from explorer.core.scene_items import edge_id
from explorer.services.exporters import Exporter, ExportJob, register

COLUMNS = (
    "subject", "predicate", "object",
    "subject_iri", "predicate_iri", "object_iri",
    "evidence", "quote", "source", "source_iri", "sentence_index", "line_number", "page", "start", "end",
    "note", "evidence_record", "analyst_note",
)  # fmt: skip

_NUMBER = re.compile(r"-\d[\d.,]*%?")


def defuse(cell: str) -> str:
    """A cell text that spreadsheets show as text rather than evaluate.

    >>> defuse('=HYPERLINK("x")')
    '\\'=HYPERLINK("x")'
    >>> defuse("-5")
    '-5'
    """
    if cell and (cell[0] in "=+@\t\r" or (cell[0] == "-" and not _NUMBER.fullmatch(cell))):
        return "'" + cell
    return cell


def rows(job: ExportJob) -> list[dict[str, str]]:
    """The table as dictionaries keyed by :data:`COLUMNS`, facts in subgraph order."""
    kg = job.kg
    notes = job.scene.notes if job.scene is not None else {}
    table: list[dict[str, str]] = []
    for fact in job.subgraph.facts:
        subject, predicate, obj = fact
        base = {
            "subject": kg.label(subject), "predicate": kg.predicate_words(predicate, True), "object": kg.label(obj),
            "subject_iri": subject, "predicate_iri": predicate, "object_iri": obj,
            "analyst_note": notes.get(edge_id(subject, predicate, obj), ""),
        }  # fmt: skip
        records = job.subgraph.evidence.get(fact, [])
        if not records:
            table.append({**base, "evidence": "none"})
        for record in records:
            table.append({
                **base,
                "evidence": "background" if record.background else "quote",
                "quote": record.quote or "",
                "source": record.source_label or "",
                "source_iri": record.source or "",
                "sentence_index": "" if record.sentence_index is None else str(record.sentence_index),
                "line_number": "" if record.line_number is None else str(record.line_number),
                "page": record.page or "",
                "start": "" if record.start is None else str(record.start),
                "end": "" if record.end is None else str(record.end),
                "note": record.note or "",
                "evidence_record": record.record,
            })
    return table


def write_csv(job: ExportJob, path: Path) -> None:
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS, restval="")
        writer.writeheader()
        for row in rows(job):
            writer.writerow({key: defuse(value) for key, value in row.items()})


register(Exporter("csv", "CSV evidence table", ".csv", write_csv))
