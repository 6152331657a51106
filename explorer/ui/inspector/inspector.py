"""The Inspector panel: everything the graph says about one entity, and why.

Shows the entity's labels in every language, its classes, literal properties, and its
outgoing and incoming links in words ("has branch China Mobile Zhejiang", "member of
Zhejiang 5G Industry Alliance"). Every linked entity is clickable and navigates, with
Back/Forward history; every link shows its evidence — the quoted sentence with its source
and sentence number, or "background knowledge".
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field

from PySide6.QtCore import QPoint, Qt, QUrl, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)
from rdflib import Literal

from explorer.core.curation.provenance import record_provenance
from explorer.core.errors import ExplorerError
from explorer.core.graph import Description, Edge, Evidence, KnowledgeGraph
from explorer.core.graph_model import count_text, fill_in_totals
from explorer.core.history import NavigationHistory
from explorer.core.scene_items import edge_id
from explorer.ui.workers import LatestTaskRunner

#: Links shown per direction before the rest is only counted.
LINK_LIMIT = 150
_ANCHOR = "entity:"


@dataclass(frozen=True)
class EntityReading:
    """Everything the Inspector shows about one entity, read in one go (in a worker on a server)."""

    description: Description
    evidence: dict[tuple[str, str, str], list[Evidence]]
    #: Evidence of the entity's literal-valued facts (a count, a date), by (predicate, value).
    literal_evidence: dict[tuple[str, Literal], list[Evidence]] = field(default_factory=dict)


def read_entity(kg: KnowledgeGraph, entity: str) -> EntityReading:
    """The entity's description and the evidence of each link shown."""
    description = kg.describe(entity, limit=LINK_LIMIT)
    edges = [*description.outgoing, *description.incoming]
    kg.prefetch_labels(edge.other for edge in edges)
    return EntityReading(description, {edge.triple: kg.evidence(*edge.triple) for edge in edges},
                         kg.literal_evidence(entity))


class InspectorWidget(QWidget):
    """Details of one entity, links in words with their evidence, history."""

    sig_entity_shown = Signal(str)
    sig_history_changed = Signal()
    sig_show_on_canvas_requested = Signal(str)
    sig_expand_requested = Signal(str)
    sig_context_menu_requested = Signal(str, QPoint)
    #: The entity (its IRI) or the link (its edge id) the Inspector now shows.
    sig_item_shown = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._kg: KnowledgeGraph | None = None
        self.history = NavigationHistory()
        self.description: Description | None = None
        self._evidence: dict[tuple[str, str, str], list[Evidence]] = {}
        self._literal_evidence: dict[tuple[str, Literal], list[Evidence]] = {}
        self._anchors: list[str] = []
        self._runner = LatestTaskRunner(self)
        self._fact: tuple[str, str, str] | None = None
        #: Evidence records of the fact shown last (a link picked on the canvas).
        self.fact_evidence: list[Evidence] = []

        self.back_button = self._tool_button("◀", "Back (Alt+Left)")
        self.forward_button = self._tool_button("▶", "Forward (Alt+Right)")
        self.title = QLabel(self)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.title.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.title.setWordWrap(True)  # a long name or a fact wraps instead of being clipped
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.title.setFont(font)
        self.show_button = self._tool_button("Show", "Show this entity on the canvas")
        self.expand_button = self._tool_button("Expand", "Show this entity and its neighbours on the canvas")
        self.copy_button = self._tool_button("Copy IRI", "Copy the entity's IRI to the clipboard")

        self.text = QTextBrowser(self)
        self.text.setObjectName("inspectorText")
        self.text.setOpenLinks(False)
        self.text.setOpenExternalLinks(False)
        self.text.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)

        header = QHBoxLayout()
        header.setContentsMargins(0, 0, 0, 0)
        header.addWidget(self.back_button)
        header.addWidget(self.forward_button)
        header.addWidget(self.title, 1)
        actions = QHBoxLayout()
        actions.setContentsMargins(0, 0, 0, 0)
        actions.addWidget(self.show_button)
        actions.addWidget(self.expand_button)
        actions.addWidget(self.copy_button)
        actions.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(header)
        layout.addLayout(actions)
        layout.addWidget(self.text, 1)

        self.back_button.clicked.connect(self.back)
        self.forward_button.clicked.connect(self.forward)
        self.show_button.clicked.connect(self._on_show_button_clicked)
        self.expand_button.clicked.connect(self._on_expand_button_clicked)
        self.copy_button.clicked.connect(self.copy_iri)
        self.text.anchorClicked.connect(self._on_text_anchor_clicked)
        self.text.customContextMenuRequested.connect(self._on_text_context_menu)
        self._show_placeholder()

    def _tool_button(self, text: str, tip: str) -> QToolButton:
        button = QToolButton(self)
        button.setObjectName("navButton")
        button.setText(text)
        button.setToolTip(tip)
        button.setAutoRaise(True)
        return button

    # ------------------------------------------------------------------ public
    @property
    def current(self) -> str | None:
        return self.history.current

    def set_graph(self, kg: KnowledgeGraph | None) -> None:
        self._kg = kg
        self.history.clear()
        self.description = None
        self._show_placeholder()
        self.sig_history_changed.emit()

    def show_entity(self, entity: str) -> None:
        """Describe ``entity`` and add it to the history."""
        if self._kg is None:
            return
        self._fact = None
        self.history.visit(entity)
        self._render(entity)
        self.sig_history_changed.emit()
        self.sig_item_shown.emit(entity)

    def show_fact(self, subject: str, predicate: str, obj: str, subject_label: str, words: str, object_label: str) -> None:
        """Show one fact (a link picked on the canvas) with every evidence record of it.

        On a server the records are read in a worker, like an entity's description.
        """
        kg = self._kg
        if kg is None:
            return
        fact = (subject, predicate, obj)
        self._fact = fact
        self.sig_item_shown.emit(edge_id(subject, predicate, obj))
        self.title.setText(f"{subject_label} — {words} — {object_label}")
        self.title.setToolTip(f"{subject}\n{predicate}\n{obj}")
        labels = (subject_label, words, object_label)
        if kg.is_remote:
            self.text.setHtml("<p class='muted'>Reading the evidence …</p>")
            task = self._runner.start(kg.evidence, subject, predicate, obj)
            task.sig_finished.connect(lambda records, f=fact, n=labels: self._on_fact_read(f, n, records))
            task.sig_failed.connect(lambda message, f=fact, n=labels: self._on_fact_read(f, n, ExplorerError(message)))
            return
        try:
            records: list[Evidence] | ExplorerError = kg.evidence(subject, predicate, obj)
        except ExplorerError as error:
            records = error
        self._on_fact_read(fact, labels, records)

    def _on_fact_read(self, fact: tuple[str, str, str], labels: tuple[str, str, str],
                      records: list[Evidence] | ExplorerError) -> None:
        if fact != getattr(self, "_fact", None) or self._kg is None:
            return  # the analyst picked something else meanwhile
        if isinstance(records, ExplorerError):
            self.text.setHtml(f"<p>{html.escape(str(records))}</p>")
            return
        self.fact_evidence = list(records)
        subject, predicate, obj = fact
        subject_label, words, object_label = labels
        self._anchors = []
        dark = bool(QApplication.instance() and QApplication.instance().property("kg_dark_theme"))
        muted = "#9aa5b1" if dark else "#616e7c"
        parts = [
            f"<style>.muted{{color:{muted};}} .pred{{font-weight:600;}} h3{{margin-top:14px; margin-bottom:4px;}}</style>",
            f"<p>{self._link(subject, subject_label)} <span class='pred'>{html.escape(words)}</span> "
            f"{self._link(obj, object_label)}</p>",
            f"<p class='muted' style='margin-top:0'>{html.escape(self._kg.qname(predicate))}</p>",
            f"<h3>Evidence <span class='muted'>({len(records)} record{'' if len(records) == 1 else 's'})</span></h3>",
        ]
        for item in records:
            added = record_provenance(self._kg, item.record)
            by = f" <span class='muted'>({html.escape(added.describe())})</span>" if added is not None else ""
            parts.append(f"<p style='margin-top:0; margin-left:6px'>{_evidence_html(item)}{by}</p>")
        if not records:
            parts.append("<p class='muted'>no evidence recorded for this link</p>")
        self.text.setHtml("".join(parts))
        self.text.verticalScrollBar().setValue(0)

    def refresh(self) -> None:
        """Describe the current entity again (the graph changed under it)."""
        if self._kg is not None and self.history.current is not None:
            self._render(self.history.current)

    def back(self) -> None:
        if self.history.can_go_back():
            entity = self.history.back()
            if entity:
                self._fact = None
                self._render(entity)
                self.sig_item_shown.emit(entity)
            self.sig_history_changed.emit()

    def forward(self) -> None:
        if self.history.can_go_forward():
            entity = self.history.forward()
            if entity:
                self._fact = None
                self._render(entity)
                self.sig_item_shown.emit(entity)
            self.sig_history_changed.emit()

    def copy_iri(self) -> None:
        if self.current:
            QGuiApplication.clipboard().setText(self.current)

    def link_targets(self) -> list[str]:
        """The entities the displayed text links to, in display order (for tests and keyboard use)."""
        return list(self._anchors)

    def plain_text(self) -> str:
        return self.text.toPlainText()

    # ------------------------------------------------------------------ rendering
    def _show_placeholder(self) -> None:
        self.title.setText("Inspector")
        self._anchors = []
        self.text.setHtml(
            "<p style='color:gray'>Search for an entity in the Browser, or click one on the canvas, "
            "to read what the graph says about it — every link with the sentence it comes from.</p>"
        )
        self._update_buttons()

    def _update_buttons(self) -> None:
        has_entity = self.description is not None
        self.back_button.setEnabled(self.history.can_go_back())
        self.forward_button.setEnabled(self.history.can_go_forward())
        for button in (self.show_button, self.expand_button, self.copy_button):
            button.setEnabled(has_entity)

    def _render(self, entity: str) -> None:
        """Describe ``entity``: at once on a local graph; in a worker on a server, whose every
        question is a round trip (the panel says so meanwhile)."""
        kg = self._kg
        assert kg is not None
        if kg.is_remote:
            self.title.setText(f"{kg.qname(entity)} …")
            self.title.setToolTip(entity)
            task = self._runner.start(read_entity, kg, entity)
            task.sig_finished.connect(lambda read, e=entity: self._on_entity_read(e, read))
            task.sig_failed.connect(lambda message, e=entity: self._on_entity_read(e, ExplorerError(message)))
            return
        try:
            read: EntityReading | ExplorerError = read_entity(kg, entity)
        except ExplorerError as error:
            read = error
        self._on_entity_read(entity, read)

    def _on_entity_read(self, entity: str, read: EntityReading | ExplorerError) -> None:
        if entity != self.history.current:
            return  # the analyst went on to another entity meanwhile
        if isinstance(read, ExplorerError):
            self.description = None
            self.title.setText("Inspector")
            self.text.setHtml(f"<p>{html.escape(str(read))}</p>")
            self._update_buttons()
            return
        description = read.description
        self._evidence = read.evidence
        self._literal_evidence = read.literal_evidence
        self.description = description
        self.title.setText(description.label)
        self.title.setToolTip(entity)
        self._anchors = []
        self.text.setHtml(self._html(description))
        self.text.verticalScrollBar().setValue(0)
        self._update_buttons()
        self.sig_entity_shown.emit(entity)
        if description.omitted_outgoing_at_least or description.omitted_incoming_at_least:
            self._count_links(entity)

    def _count_links(self, entity: str) -> None:
        """A server counted a hub's rest only up to a cap ("1,000+ more"): count it exactly in a
        worker and fill the figure in, where the analyst is reading."""
        assert self._kg is not None
        task = self._runner.start(self._kg.link_totals, entity)
        task.sig_finished.connect(lambda totals, e=entity: self._on_links_counted(e, totals))

    def _on_links_counted(self, entity: str, totals: tuple[int, int]) -> None:
        description = self.description
        if description is None or description.entity != entity or entity != self.history.current:
            return
        fill_in_totals(description, totals)
        scrolled = self.text.verticalScrollBar().value()
        self._anchors = []
        self.text.setHtml(self._html(description))
        self.text.verticalScrollBar().setValue(scrolled)

    def _link(self, entity: str, text: str) -> str:
        self._anchors.append(entity)
        return f"<a href='{_ANCHOR}{len(self._anchors) - 1}'>{html.escape(text)}</a>"

    def _html(self, d: Description) -> str:
        kg = self._kg
        assert kg is not None
        dark = bool(QApplication.instance() and QApplication.instance().property("kg_dark_theme"))
        muted = "#9aa5b1" if dark else "#616e7c"
        quote_colour = "#d9e2ec" if dark else "#243b53"
        parts = [
            f"<style>.muted{{color:{muted};}} .pred{{font-weight:600;}} "
            f".quote{{color:{quote_colour}; font-style:italic;}} h3{{margin-top:14px; margin-bottom:4px;}}</style>",
            f"<p class='muted' style='margin-top:0'>{html.escape(kg.qname(d.entity))}</p>",
        ]
        if d.classes:
            links = ", ".join(self._link(iri, label) for iri, label in d.classes)
            parts.append(f"<p><span class='pred'>a</span> {links}</p>")
        if d.labels:
            parts.append("<h3>Names</h3><table cellspacing='0' cellpadding='2'>")
            for text, language, predicate in d.labels:
                kind = kg.qname(predicate)
                parts.append(f"<tr><td>{html.escape(text)}</td><td class='muted'>&nbsp;{html.escape(language or '—')}"
                             f"&nbsp;</td><td class='muted'>{html.escape(kind)}</td></tr>")
            parts.append("</table>")
        if d.literals:
            parts.append("<h3>Properties</h3>")
            for predicate, words, value in d.literals:
                language = f" <span class='muted'>@{html.escape(value.language)}</span>" if value.language else ""
                # Vocabulary terms without a label read as their local name ("comment", not "rdfs:comment").
                shown = words.rpartition(":")[2] if words and ":" in words and " " not in words else words
                parts.append(f"<p style='margin-bottom:2px'><span class='pred'>{html.escape(shown)}</span>: "
                             f"{html.escape(str(value))}{language}</p>")
                parts.extend(self._evidence_html(self._literal_evidence.get((predicate, value), []), quiet=True))
        for heading, edges, omitted, at_least in (("Links", d.outgoing, d.omitted_outgoing, d.omitted_outgoing_at_least),
                                                  ("Links to it", d.incoming, d.omitted_incoming,
                                                   d.omitted_incoming_at_least)):
            if not edges and not omitted:
                continue
            parts.append(f"<h3>{heading} <span class='muted'>({count_text(len(edges) + omitted, at_least)})</span></h3>")
            for edge in edges:
                parts.append(self._edge_html(edge))
            if omitted:
                parts.append(f"<p class='muted'>… and {count_text(omitted, at_least)} more not listed here; "
                             "expand the entity on the canvas to see them.</p>")
        if len(parts) == 2 and not d.classes:
            parts.append("<p class='muted'>The graph says nothing else about this entity.</p>")
        return "".join(parts)

    def _edge_html(self, edge: Edge) -> str:
        assert self._kg is not None
        evidence = self._evidence.get(edge.triple, [])
        lines = [f"<p style='margin-bottom:2px'><span class='pred'>{html.escape(edge.words)}</span> "
                 f"{self._link(edge.other, edge.other_label)}</p>"]
        lines.extend(self._evidence_html(evidence, quiet=False))
        return "".join(lines)

    def _evidence_html(self, evidence: list[Evidence], *, quiet: bool) -> list[str]:
        """A paragraph per evidence record; with none, a note (unless ``quiet``: most literal
        values, names and counts alike, carry no record of their own)."""
        assert self._kg is not None
        lines = []
        for item in evidence:
            added = record_provenance(self._kg, item.record)  # an analyst's record says who added it, when
            by = f" <span class='muted'>({html.escape(added.describe())})</span>" if added is not None else ""
            lines.append(f"<p style='margin-top:0; margin-left:18px'>{_evidence_html(item)}{by}</p>")
        if not evidence and not quiet:
            lines.append("<p class='muted' style='margin-top:0; margin-left:18px'>no evidence recorded</p>")
        return lines

    # ------------------------------------------------------------------ slots
    def _entity_of(self, url: QUrl) -> str | None:
        text = url.toString()
        if not text.startswith(_ANCHOR):
            return None
        try:
            return self._anchors[int(text[len(_ANCHOR):])]
        except (ValueError, IndexError):
            return None

    def _on_text_anchor_clicked(self, url: QUrl) -> None:
        entity = self._entity_of(url)
        if entity is not None:
            self.show_entity(entity)

    def _on_text_context_menu(self, position: QPoint) -> None:
        anchor = self.text.anchorAt(position)
        entity = self._entity_of(QUrl(anchor)) if anchor else self.current
        if entity:
            self.sig_context_menu_requested.emit(entity, self.text.viewport().mapToGlobal(position))

    def _on_show_button_clicked(self) -> None:
        if self.current:
            self.sig_show_on_canvas_requested.emit(self.current)

    def _on_expand_button_clicked(self) -> None:
        if self.current:
            self.sig_expand_requested.emit(self.current)


def _evidence_html(item: Evidence) -> str:
    if item.background:
        note = f": {html.escape(item.note)}" if item.note else ""
        return f"<span class='muted'>background knowledge{note}</span>"
    quote = f"<span class='quote'>“{html.escape(item.quote)}”</span>" if item.quote else ""
    source = html.escape(item.source_label or item.source or "source")
    place = html.escape(item.place())
    note = f" ({html.escape(item.note)})" if item.note else ""
    return f"{quote} <span class='muted'>— {source}{', ' + place if place else ''}{note}</span>"
