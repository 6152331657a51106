"""Add Entity and Merge Entities dialogs: what the analyst asks for, built and checked by the Curator.

A dialog stays open while the change is refused (the reason in words under the form), and
hands an accepted change to the controller, which applies it through the undo history.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from explorer.core.changes import ChangeSet
from explorer.core.curation import ChangeRefused, CurationError, Curator
from explorer.core.curation.schema import ClassNode
from explorer.core.errors import ExplorerError
from explorer.ui.curation.evidence_widget import EvidenceWidget
from explorer.ui.paths.path_finder import EntityPickerWidget


def refusal_text(error: ExplorerError) -> str:
    """The message for a refused change: every violation on its own line."""
    if isinstance(error, ChangeRefused) and error.violations:
        return "Refused by the SHACL shapes:\n" + "\n".join(f"• {v.describe()}" for v in error.violations)
    return str(error)


class CurationDialog(QDialog):
    """Shared frame: a form, an error line, OK/Cancel; OK builds the change or says why not."""

    state_key = "curation"

    def __init__(self, curator: Curator, settings: QSettings, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.curator = curator
        self.settings = settings
        self.change: ChangeSet | None = None
        self.setWindowTitle(title)
        self.error_label = QLabel()
        self.error_label.setObjectName("CurationError")
        self.error_label.setWordWrap(True)
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error_label.setStyleSheet("color: #d64545;")
        self.error_label.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._on_ok_clicked)
        self.buttons.rejected.connect(self.reject)
        self.body = QVBoxLayout(self)

    def finish_layout(self) -> None:
        self.body.addWidget(self.error_label)
        self.body.addWidget(self.buttons)
        geometry = self.settings.value(f"{self.state_key}/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)

    def build(self) -> ChangeSet:  # pragma: no cover - every dialog overrides it
        raise NotImplementedError

    def show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.show()

    def _on_ok_clicked(self) -> None:
        try:
            self.change = self.build()
        except ExplorerError as error:
            self.show_error(refusal_text(error))
            return
        self.save_state()
        self.accept()

    def save_state(self) -> None:
        self.settings.setValue(f"{self.state_key}/geometry", self.saveGeometry())

    def done(self, result: int) -> None:
        self.settings.setValue(f"{self.state_key}/geometry", self.saveGeometry())
        super().done(result)


class AddEntityDialog(CurationDialog):
    """A new entity: its class from the ontology's tree, labels in English and Chinese, aliases, a comment."""

    state_key = "curation/add_entity"

    def __init__(self, curator: Curator, settings: QSettings, parent: QWidget | None = None, *, label: str = "") -> None:
        super().__init__(curator, settings, "Add Entity", parent)
        self.setObjectName("AddEntityDialog")
        self.entity: str | None = None
        self.label_edit = QLineEdit(label)
        self.label_edit.setObjectName("LabelEdit")
        self.label_edit.setPlaceholderText("Name in English")
        self.chinese_edit = QLineEdit()
        self.chinese_edit.setObjectName("ChineseLabelEdit")
        self.chinese_edit.setPlaceholderText("中文名称 (optional)")
        self.aliases_edit = QLineEdit()
        self.aliases_edit.setPlaceholderText("Other names, separated by semicolons")
        self.comment_edit = QPlainTextEdit()
        self.comment_edit.setPlaceholderText("What it is (optional)")
        self.comment_edit.setFixedHeight(52)
        self.class_tree = QTreeWidget()
        self.class_tree.setObjectName("ClassTree")
        self.class_tree.setHeaderHidden(True)
        self.class_tree.setMinimumHeight(180)
        self._fill_tree(curator.schema.class_tree(), self.class_tree.invisibleRootItem())
        self.class_tree.expandToDepth(1)
        form = QFormLayout()
        form.addRow("&Label (English):", self.label_edit)
        form.addRow("&Chinese label:", self.chinese_edit)
        form.addRow("&Aliases:", self.aliases_edit)
        form.addRow("C&lass:", self.class_tree)
        form.addRow("Co&mment:", self.comment_edit)
        self.body.addLayout(form)
        self.evidence = EvidenceWidget("Evidence for its kind", background_reason="")
        self.evidence.set_graph(curator.kg)
        self.body.addWidget(self.evidence)
        self.finish_layout()
        self.evidence.restore_state(settings, self.state_key)
        self.select_class(str(settings.value(f"{self.state_key}/class", "")))

    def _fill_tree(self, nodes: list[ClassNode], parent: QTreeWidgetItem) -> None:
        for node in nodes:
            item = QTreeWidgetItem(parent, [node.label])
            item.setData(0, Qt.ItemDataRole.UserRole, node.iri)
            item.setToolTip(0, node.iri)
            self._fill_tree(node.children, item)

    def select_class(self, iri: str) -> bool:
        """Select the class ``iri`` in the tree (False when it is not an entity class)."""
        items = self.class_tree.findItems("*", Qt.MatchFlag.MatchWildcard | Qt.MatchFlag.MatchRecursive)
        for item in items:
            if item.data(0, Qt.ItemDataRole.UserRole) == iri:
                self.class_tree.setCurrentItem(item)
                return True
        return False

    def chosen_class(self) -> str:
        item = self.class_tree.currentItem()
        if item is None:
            raise CurationError("class: choose the entity's class in the tree")
        return str(item.data(0, Qt.ItemDataRole.UserRole))

    def build(self) -> ChangeSet:
        evidence = self.evidence.spec()
        aliases = [a.strip() for a in self.aliases_edit.text().split(";") if a.strip()]
        entity, change = self.curator.add_entity(
            self.label_edit.text(), self.chosen_class(), evidence=evidence, label_zh=self.chinese_edit.text() or None,
            aliases=aliases, comment=self.comment_edit.toPlainText() or None)
        self.entity = str(entity)
        return change

    def save_state(self) -> None:
        super().save_state()
        item = self.class_tree.currentItem()
        if item is not None:
            self.settings.setValue(f"{self.state_key}/class", item.data(0, Qt.ItemDataRole.UserRole))
        self.evidence.save_state(self.settings, self.state_key)


class MergeEntitiesDialog(CurationDialog):
    """Two entities that are the same: everything of the other moves to the one kept."""

    state_key = "curation/merge"

    def __init__(self, curator: Curator, settings: QSettings, parent: QWidget | None = None, *,
                 keep: str | None = None, other: str | None = None) -> None:
        super().__init__(curator, settings, "Merge Entities", parent)
        self.setObjectName("MergeEntitiesDialog")
        self.keep_picker = EntityPickerWidget("Entity to keep…")
        self.keep_picker.setObjectName("KeepPicker")
        self.other_picker = EntityPickerWidget("Entity merged into it…")
        self.other_picker.setObjectName("OtherPicker")
        for picker, entity in ((self.keep_picker, keep), (self.other_picker, other)):
            picker.set_graph(curator.kg)
            if entity:
                picker.set_entity(entity)
            picker.sig_entity_changed.connect(self._on_entity_changed)
        self.summary = QLabel()
        self.summary.setObjectName("MergeSummary")
        self.summary.setWordWrap(True)
        form = QFormLayout()
        form.addRow("&Keep:", self.keep_picker)
        form.addRow("&Merge into it:", self.other_picker)
        self.body.addLayout(form)
        self.body.addWidget(self.summary)
        self.evidence = EvidenceWidget("Why they are the same")
        self.evidence.set_graph(curator.kg)
        self.body.addWidget(self.evidence)
        self.finish_layout()
        self.evidence.restore_state(settings, self.state_key)
        self._on_entity_changed()

    def _on_entity_changed(self, _entity: str = "") -> None:
        try:
            keep, other = self.keep_picker.entity(), self.other_picker.entity()
        except ExplorerError:
            self.summary.setText("All labels, links and evidence of the second entity move to the first; "
                                 "the merge is recorded (owl:sameAs and who merged, when) and can be undone.")
            return
        kg = self.curator.kg
        links = len(kg.neighbours(other, limit=None).edges)
        self.summary.setText(f"{kg.label(other)} becomes {kg.label(keep)}: its {len(kg.all_labels(other))} name(s) "
                             f"become aliases and its {links} link(s) move, with their evidence.")

    def build(self) -> ChangeSet:
        keep, other = self.keep_picker.entity(), self.other_picker.entity()
        reason = self.evidence.spec() if self.evidence.quoted_radio.isChecked() or \
            self.evidence.reason_edit.text().strip() else None
        return self.curator.merge_entities(keep, other, reason=reason)

    def save_state(self) -> None:
        super().save_state()
        self.evidence.save_state(self.settings, self.state_key)
