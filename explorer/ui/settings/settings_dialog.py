"""Edit ▸ Preferences… (Ctrl+,): every setting the explorer remembers, in one dialog.

Sections: Appearance (theme, label languages), Curation (analyst name; for articles, an
NER pipeline and the bundled relation model), Canvas and paths (expansion cap, hop limit),
Queries (timeout, row cap, SPARQL Update, network access), Inference (include inferred
triples when a graph opens, and with which rules) and Storage (in memory, or an on-disk
workspace folder). OK and Apply check every field first: a value that does not fit is
refused with one line naming the field, and nothing is applied. Accepted values take
effect at once through ``sig_settings_applied(Settings)`` (the main window applies the
policy, theme and caps and saves the file atomically).
"""

from __future__ import annotations

import dataclasses
import html

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from explorer.services.settings import Settings, check_value, workspaces_dir

#: How the "no language tag" entry of the label languages is written in the dialog.
NO_TAG = "none"
THEME_NAMES = {"system": "Follow the system", "light": "Light", "dark": "Dark"}
PROFILE_NAMES = {"rdfs": "RDFS", "owl-rl": "OWL 2 RL"}
#: Field names as the user reads them in the dialog (used in every error message).
FIELD_NAMES = {
    "theme": "Theme",
    "label_languages": "Label languages",
    "expansion_cap": "Neighbours per expansion",
    "path_max_hops": "Path hop limit",
    "query_timeout": "Query timeout",
    "max_result_rows": "Maximum result rows",
    "query_memory_mb": "Query memory limit",
    "allow_update": "Allow SPARQL Update",
    "allow_network": "Allow network access",
    "include_inferred": "Include inferred triples",
    "inference_profile": "Inference rules",
    "storage_mode": "Storage",
    "learned_relations": "Suggest facts the bundled model finds",
}


def parse_languages(text: str) -> list[str]:
    """``"en, none, zh"`` → ``["en", "", "zh"]`` (``none`` or ``-`` stands for "no language tag").

    >>> parse_languages(" en ,none, zh-Hans ")
    ['en', '', 'zh-Hans']
    """
    items = [item.strip() for item in text.replace(";", ",").split(",")]
    return [("" if item.lower() in (NO_TAG, "-") else item) for item in items if item]


def _number(value: float) -> str:
    return f"{int(value):,}" if float(value).is_integer() else f"{value:g}"


def format_languages(languages: list[str]) -> str:
    return ", ".join(item or NO_TAG for item in languages)


class SettingsDialog(QDialog):
    """The Preferences dialog; edits a copy of the settings and hands it back when valid."""

    sig_settings_applied = Signal(object)

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Preferences")
        self.setObjectName("SettingsDialog")
        self.settings = settings

        # Appearance
        self.theme_box = QComboBox(self)
        for key, name in THEME_NAMES.items():
            self.theme_box.addItem(name, key)
        self.languages_edit = QLineEdit(self)
        self.languages_edit.setPlaceholderText("en, none, zh")
        self.languages_edit.setToolTip(
            "Language tags tried in order when an entity has labels in several languages; "
            f"'{NO_TAG}' stands for labels without a language tag")

        # Curation: the name recorded (PROV) with every fact the analyst adds or changes
        self.analyst_edit = QLineEdit(self)
        self.analyst_edit.setObjectName("AnalystNameEdit")
        self.analyst_edit.setPlaceholderText("your login name")
        self.analyst_edit.setToolTip("Recorded as who added each fact, source and change you make (PROV)")

        # Articles: an optional NER pipeline the user has installed (never downloaded)
        self.ner_edit = QLineEdit(self)
        self.ner_edit.setObjectName("NerModelEdit")
        self.ner_edit.setPlaceholderText("none (e.g. en_core_web_sm, if spaCy and that model are installed)")
        self.ner_edit.setToolTip("File ▸ Import ▸ Facts from an Article: the pipeline's entities add name candidates, "
                                 "marked [NER]; nothing is downloaded, and a missing pipeline is reported and skipped")
        # Articles: the bundled trained relation model (shipped with the app) next to the ontology's patterns
        self.learned_box = QCheckBox("Suggest facts the bundled model finds", self)
        self.learned_box.setObjectName("LearnedRelationsCheck")
        self.learned_box.setToolTip("File ▸ Import ▸ Facts from an Article: a small trained model shipped with the app "
                                    "(it runs offline) adds the facts no pattern of the ontology fired for, each marked "
                                    "[model], with how often its facts were right on articles it was not trained on as its "
                                    "confidence. Off: the patterns alone")

        # Canvas and paths
        self.expansion_spin = self._int_spin(1, 10_000, "Neighbours added when an entity is expanded; the rest "
                                             "go into a '+N more' node")
        self.hops_spin = self._int_spin(1, 20, "Hop limit the Find Path dialog starts with")

        # Queries
        self.timeout_spin = QDoubleSpinBox(self)
        self.timeout_spin.setRange(0.1, 86_400.0)
        self.timeout_spin.setDecimals(1)
        self.timeout_spin.setSuffix(" s")
        self.timeout_spin.setToolTip("A SPARQL query running longer than this is stopped")
        self.rows_spin = self._int_spin(1, 10_000_000, "A result keeps at most this many rows and is marked truncated")
        self.rows_spin.setGroupSeparatorShown(True)
        self.memory_spin = self._int_spin(64, 1_048_576, "A query using more memory than this is stopped")
        self.memory_spin.setSuffix(" MB")
        self.memory_spin.setGroupSeparatorShown(True)
        self.update_box = QCheckBox("Allow SPARQL Update (INSERT, DELETE, LOAD, CLEAR…)", self)
        self.update_box.setToolTip("Updates change the graph; the workbench can undo the last one")
        self.network_box = QCheckBox("Allow network access from queries", self)
        self.network_note = QLabel(
            "Lets SPARQL queries use <b>SERVICE</b> to ask other endpoints, at the addresses written in the query. "
            "Files never reach the network: a remote JSON-LD <b>@context</b> is not fetched (put it inline). "
            "Remote endpoints you connect to yourself (File ▸ Connect) do not need this.", self)
        self.network_note.setWordWrap(True)
        self.network_note.setObjectName("networkNote")
        self.network_note.setEnabled(False)  # reads as a muted note

        # Inference
        self.inferred_box = QCheckBox("Include inferred triples when a graph opens", self)
        self.inferred_box.setToolTip("The same switch as View ▸ Include Inferred Triples, remembered")
        self.profile_box = QComboBox(self)
        for key, name in PROFILE_NAMES.items():
            self.profile_box.addItem(name, key)
        self.profile_box.setToolTip("RDFS: classes and properties up the hierarchies. OWL 2 RL: also inverses, "
                                    "symmetric and transitive properties, equivalences (slower)")

        # Storage
        self.memory_radio = QRadioButton("In memory (fastest; nothing is kept after closing)", self)
        self.disk_radio = QRadioButton("On-disk workspace (large graphs; reopen with File ▸ Open Workspace…)", self)
        self.storage_group = QButtonGroup(self)
        self.storage_group.addButton(self.memory_radio)
        self.storage_group.addButton(self.disk_radio)
        self.storage_note = QLabel(f"Workspaces are kept in {html.escape(str(workspaces_dir()))}. "
                                   "The choice applies to the next file you open.", self)
        self.storage_note.setWordWrap(True)
        self.storage_note.setEnabled(False)
        self.storage_note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.error_label = QLabel("", self)
        self.error_label.setObjectName("settingsError")
        self.error_label.setStyleSheet("color: #d64545; font-weight: 600;")
        self.error_label.setWordWrap(True)
        self.error_label.hide()

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
                                        | QDialogButtonBox.StandardButton.Apply
                                        | QDialogButtonBox.StandardButton.RestoreDefaults, self)
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)
        self.buttons.button(QDialogButtonBox.StandardButton.Apply).clicked.connect(self.apply)
        self.buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults).clicked.connect(self.restore_defaults)

        layout = QVBoxLayout(self)
        layout.addWidget(self._group("Appearance", [("Theme:", self.theme_box),
                                                    ("Label languages:", self.languages_edit)]))
        layout.addWidget(self._group("Curation", [("Analyst name:", self.analyst_edit),
                                                  ("NER pipeline for articles:", self.ner_edit),
                                                  (None, self.learned_box)]))
        layout.addWidget(self._group("Canvas and paths", [("Neighbours per expansion:", self.expansion_spin),
                                                          ("Path hop limit:", self.hops_spin)]))
        layout.addWidget(self._group("Queries", [("Query timeout:", self.timeout_spin),
                                                 ("Maximum result rows:", self.rows_spin),
                                                 ("Query memory limit:", self.memory_spin),
                                                 (None, self.update_box), (None, self.network_box),
                                                 (None, self.network_note)]))
        layout.addWidget(self._group("Inference", [(None, self.inferred_box), ("Rules:", self.profile_box)]))
        layout.addWidget(self._group("Storage", [(None, self.memory_radio), (None, self.disk_radio),
                                                 (None, self.storage_note)]))
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.set_values(settings)
        self.setMinimumWidth(560)

    # ------------------------------------------------------------------ building
    def _int_spin(self, low: int, high: int, tip: str) -> QSpinBox:
        spin = QSpinBox(self)
        spin.setRange(low, high)
        spin.setToolTip(tip)
        spin.setCorrectionMode(QAbstractSpinBox.CorrectionMode.CorrectToPreviousValue)
        return spin

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        # A form row gives a wrapped note the height its text needs at the label's guessed width, not at the width it
        # has: each note asks for the lines it needs now, and the dialog takes the height that makes.
        changed = False
        for note in (self.network_note, self.storage_note):
            held = note.minimumHeight()
            note.setMinimumHeight(0)  # a label's height for a width is never under its minimum: measure without it
            needed = note.heightForWidth(note.width())
            note.setMinimumHeight(held)
            if needed > 0 and held != needed:
                note.setMinimumHeight(needed)
                changed = True
        if changed:
            QTimer.singleShot(0, self._fit_height)

    def _fit_height(self) -> None:
        layout = self.layout()
        if layout is not None:
            layout.activate()
            self.resize(self.width(), max(layout.sizeHint().height(), self.minimumSizeHint().height()))

    def _group(self, title: str, rows: list[tuple[str | None, QWidget]]) -> QGroupBox:
        group = QGroupBox(title, self)
        form = QFormLayout(group)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        for label, widget in rows:
            if label is None:
                form.addRow(widget)
            else:
                form.addRow(label, widget)
        return group

    # ------------------------------------------------------------------ values
    def set_values(self, settings: Settings) -> None:
        """Show ``settings`` in the fields."""
        self.theme_box.setCurrentIndex(max(self.theme_box.findData(settings.theme), 0))
        self.languages_edit.setText(format_languages(settings.label_languages))
        self.analyst_edit.setText(settings.analyst_name)
        self.ner_edit.setText(settings.ner_model)
        self.learned_box.setChecked(settings.learned_relations)
        self.expansion_spin.setValue(settings.expansion_cap)
        self.hops_spin.setValue(settings.path_max_hops)
        self.timeout_spin.setValue(settings.query_timeout)
        self.rows_spin.setValue(settings.max_result_rows)
        self.memory_spin.setValue(settings.query_memory_mb)
        self.update_box.setChecked(settings.allow_update)
        self.network_box.setChecked(settings.allow_network)
        self.inferred_box.setChecked(settings.include_inferred)
        self.profile_box.setCurrentIndex(max(self.profile_box.findData(settings.inference_profile), 0))
        (self.disk_radio if settings.storage_mode == "disk" else self.memory_radio).setChecked(True)
        self._show_error(None)

    def restore_defaults(self) -> None:
        """Fill the fields with the defaults (recent files and window state are kept)."""
        self.set_values(Settings())

    def edited_settings(self) -> tuple[Settings | None, str | None]:
        """A copy of the settings with the fields' values, or None and one line naming the bad field."""
        for name, spin in (("expansion_cap", self.expansion_spin), ("path_max_hops", self.hops_spin),
                           ("query_timeout", self.timeout_spin), ("max_result_rows", self.rows_spin),
                           ("query_memory_mb", self.memory_spin)):
            if not spin.hasAcceptableInput():
                typed = spin.cleanText().strip()
                wanted = f"a number between {_number(spin.minimum())} and {_number(spin.maximum())}"
                return None, (f"{FIELD_NAMES[name]}: '{typed}' is not {wanted}" if typed
                              else f"{FIELD_NAMES[name]}: enter {wanted}")
        values = {
            "theme": self.theme_box.currentData(),
            "label_languages": parse_languages(self.languages_edit.text()),
            "analyst_name": self.analyst_edit.text().strip(),
            "ner_model": self.ner_edit.text().strip(),
            "learned_relations": self.learned_box.isChecked(),
            "expansion_cap": self.expansion_spin.value(),
            "path_max_hops": self.hops_spin.value(),
            "query_timeout": round(self.timeout_spin.value(), 1),
            "max_result_rows": self.rows_spin.value(),
            "query_memory_mb": self.memory_spin.value(),
            "allow_update": self.update_box.isChecked(),
            "allow_network": self.network_box.isChecked(),
            "include_inferred": self.inferred_box.isChecked(),
            "inference_profile": self.profile_box.currentData(),
            "storage_mode": "disk" if self.disk_radio.isChecked() else "memory",
        }
        for name, value in values.items():
            problem = check_value(name, value)
            if problem:
                return None, f"{FIELD_NAMES[name]}: {problem.removeprefix(name).strip()}"
        return dataclasses.replace(self.settings, **values), None

    # ------------------------------------------------------------------ actions
    def apply(self) -> bool:
        """Check every field; when all fit, hand the new settings over. Returns whether applied."""
        settings, problem = self.edited_settings()
        self._show_error(problem)
        if settings is None:
            return False
        self.settings = settings
        self.sig_settings_applied.emit(settings)
        return True

    def _on_buttons_accepted(self) -> None:
        if self.apply():
            self.accept()

    def _show_error(self, message: str | None) -> None:
        self.error_label.setText(message or "")
        self.error_label.setVisible(bool(message))
