"""The Style panel: the canvas's styling rules in order, and a form to add or change one.

The list shows every rule (the measure style of Analysis ▸ Measures among them); ticking a rule
turns it on or off. Selecting a rule loads it into the form below; Add Rule appends the form as a
new rule, Update Rule replaces the selected one. Remove, Move Up and Move Down act on the
selected rule. Every change is one :class:`~explorer.core.style_resolution.ApplyStyleRules`
command on the session's history, so Edit ▸ Undo takes it back. What a new rule applies to and
its starting colour are remembered in the settings.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QSignalBlocker, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QColorDialog,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from explorer.core.scene_items import NODE_SIZE, SHAPES
from explorer.core.style_resolution import ApplyStyleRules
from explorer.core.style_rules import (
    EVIDENCE_STATUSES,
    EVIDENCE_WORDS,
    ICONS,
    LABEL_CHOICES,
    LABEL_WORDS,
    PROPERTY_LABEL,
    StyleRule,
    check_colour,
)
from explorer.ui.analysis.common import run_command, save_settings
from explorer.ui.canvas.canvas_drawing import glyph_path
from explorer.ui.canvas.canvas_icons import draw_icon

KIND_WORDS = {"class": "Entities of a class", "property": "Entities with a property value",
              "predicate": "Links of a kind", "evidence": "Links by their evidence", "measure": "A measure (Analysis)"}
UNCHANGED = "(unchanged)"
#: Classes of the graph offered in the "Which" box besides those on the canvas.
MAX_CLASSES_LISTED = 500
_RULE_ROLE = Qt.ItemDataRole.UserRole


def rule_icon(rule: StyleRule, size: int = 22) -> QIcon:
    """A small picture of what a rule does: its glyph in its colour, with its icon; a line for links."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.translate(size / 2, size / 2)
    colour = QColor(rule.color or "#bbbbbb")
    if rule.for_links:
        painter.setPen(QPen(colour, max(1.5, (rule.width or 1.0) * 1.5)))
        painter.drawLine(-size * 0.4, size * 0.25, size * 0.4, -size * 0.25)
    elif rule.kind == "measure":
        for index, (x, radius) in enumerate(((-0.25, 0.14), (0.0, 0.2), (0.28, 0.26))):
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(("#88CCEE", "#44AA99", "#CC6677")[index]))
            painter.drawEllipse(int(x * size - radius * size / 2), int(-radius * size / 2), int(radius * size), int(radius * size))
    else:
        painter.setPen(QPen(colour.darker(160), 1.0))
        painter.setBrush(colour)
        painter.drawPath(glyph_path(rule.shape or "ellipse", size * 0.7))
        if rule.icon:
            draw_icon(painter, rule.icon, size * 0.45, colour)
    painter.end()
    return QIcon(pixmap)


class StylePanelWidget(QWidget):
    """The rules list and the rule form (see the module docstring)."""

    sig_rules_changed = Signal()

    def __init__(self, window: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("StylePanelWidget")
        self.window_ = window
        self._refresh_pending = False
        # Timers owned by the panel: deferred work never runs after the panel is gone.
        self._refresh_timer = _one_shot(self, self.refresh)
        self._preview_timer = _one_shot(self, self._update_preview)
        self.rules_list = QListWidget(self)
        self.rules_list.setAccessibleName("Styling rules, later ones win")
        self.rules_list.setWordWrap(True)
        # The list takes what the form leaves: in a short dock the form stays in reach.
        self.rules_list.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Ignored)
        self.rules_list.setMinimumHeight(72)
        self.rules_list.currentRowChanged.connect(self._on_rules_list_current_row_changed)
        self.rules_list.itemChanged.connect(self._on_rules_list_item_changed)
        self.remove_button = QPushButton("&Remove", self)
        self.up_button = QPushButton("Move &Up", self)
        self.down_button = QPushButton("Move &Down", self)
        self.remove_button.clicked.connect(self.remove_selected)
        self.up_button.clicked.connect(lambda: self.move_selected(-1))
        self.down_button.clicked.connect(lambda: self.move_selected(1))
        list_buttons = QHBoxLayout()
        for button in (self.remove_button, self.up_button, self.down_button):
            list_buttons.addWidget(button)
        list_buttons.addStretch(1)
        self._build_form()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        hint = QLabel("Rules apply in order; a later rule wins for what it sets.", self)
        hint.setWordWrap(True)
        layout.addWidget(hint)
        layout.addWidget(self.rules_list, 2)
        layout.addLayout(list_buttons)
        layout.addWidget(self.form_box, 3)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setObjectName("StylePanelMessage")
        layout.addWidget(self.message)
        settings = window.settings
        self._select_data(self.kind_combo, settings.style_rule_kind)
        self.color_edit.setText(settings.style_rule_color)
        self.color_check.setChecked(True)
        self._on_kind_changed()
        self.refresh()

    # ------------------------------------------------------------------ the form
    def _build_form(self) -> None:
        self.form_box = QWidget(self)
        form = QFormLayout(self.form_box)
        form.setContentsMargins(0, 6, 0, 0)
        self.kind_combo = QComboBox(self.form_box)
        for kind in ("class", "property", "predicate", "evidence", "measure"):
            self.kind_combo.addItem(KIND_WORDS[kind], kind)
        self.kind_combo.model().item(4).setEnabled(False)  # measure rules come from Analysis ▸ Measures
        self.kind_combo.currentIndexChanged.connect(self._on_kind_changed)
        self.target_combo = QComboBox(self.form_box)
        self.target_combo.setEditable(True)
        self.target_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.target_combo.setMinimumContentsLength(16)
        self.target_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.value_edit = QLineEdit(self.form_box)
        self.value_edit.setPlaceholderText("any value (or an IRI, or text)")
        self.evidence_combo = QComboBox(self.form_box)
        for status in EVIDENCE_STATUSES:
            self.evidence_combo.addItem(EVIDENCE_WORDS[status], status)
        self.subclasses_check = QCheckBox("and its subclasses", self.form_box)
        self.subclasses_check.setChecked(True)
        self.color_check = QCheckBox(self.form_box)
        self.color_check.setToolTip("Set the colour")
        self.color_edit = QLineEdit(self.form_box)
        self.color_edit.setPlaceholderText("#rrggbb")
        self.color_edit.setMaxLength(7)
        self.color_button = QToolButton(self.form_box)
        self.color_button.setText("…")
        self.color_button.setToolTip("Pick a colour")
        self.color_button.clicked.connect(self.pick_colour)
        colour_row = QHBoxLayout()
        colour_row.addWidget(self.color_check)
        colour_row.addWidget(self.color_edit, 1)
        colour_row.addWidget(self.color_button)
        self.shape_combo = QComboBox(self.form_box)
        self.shape_combo.addItem(UNCHANGED, None)
        for shape in SHAPES:
            self.shape_combo.addItem(rule_icon(StyleRule("class", "x", shape=shape, color="#9e9e9e")), shape, shape)
        self.size_spin = QDoubleSpinBox(self.form_box)
        self.size_spin.setRange(0.0, 120.0)
        self.size_spin.setSpecialValueText(UNCHANGED)
        self.size_spin.setSingleStep(4.0)
        self.width_spin = QDoubleSpinBox(self.form_box)
        self.width_spin.setRange(0.0, 12.0)
        self.width_spin.setSpecialValueText(UNCHANGED)
        self.width_spin.setSingleStep(0.5)
        self.icon_combo = QComboBox(self.form_box)
        self.icon_combo.addItem(UNCHANGED, None)
        self.icon_combo.addItem("(no icon)", "")
        for icon in ICONS:
            self.icon_combo.addItem(rule_icon(StyleRule("class", "x", icon=icon, color="#dddddd")), icon, icon)
        self.label_combo = QComboBox(self.form_box)
        self.label_combo.addItem(UNCHANGED, None)
        for choice in LABEL_CHOICES:
            self.label_combo.addItem(LABEL_WORDS[choice], choice)
        self.label_combo.addItem("a property…", PROPERTY_LABEL)
        self.label_property = QLineEdit(self.form_box)
        self.label_property.setPlaceholderText("property IRI shown as the label")
        self.preview = QLabel(self.form_box)
        self.preview.setMinimumHeight(64)
        self.preview.setAccessibleName("Preview of the rule's looks")
        self.add_button = QPushButton("&Add Rule", self.form_box)
        self.update_button = QPushButton("Update Rule", self.form_box)
        self.add_button.clicked.connect(self.add_from_form)
        self.update_button.clicked.connect(self.update_selected)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.update_button)
        buttons.addWidget(self.add_button)
        form.addRow("Applies to", self.kind_combo)
        form.addRow("Which", self.target_combo)
        form.addRow("Value", self.value_edit)
        form.addRow("Evidence", self.evidence_combo)
        form.addRow("", self.subclasses_check)
        form.addRow("Colour", colour_row)
        form.addRow("Shape", self.shape_combo)
        form.addRow("Size", self.size_spin)
        form.addRow("Line width", self.width_spin)
        form.addRow("Icon", self.icon_combo)
        form.addRow("Label", self.label_combo)
        form.addRow("", self.label_property)
        form.addRow("Preview", self.preview)
        form.addRow(buttons)
        self._form = form
        for signal in (self.color_edit.textChanged, self.color_check.toggled, self.shape_combo.currentIndexChanged,
                       self.size_spin.valueChanged, self.icon_combo.currentIndexChanged, self.label_combo.currentIndexChanged,
                       self.width_spin.valueChanged, self.target_combo.currentTextChanged):
            signal.connect(self._update_preview)

    def _show_row(self, widget: QWidget, shown: bool) -> None:
        self._form.setRowVisible(widget, shown)

    def _on_kind_changed(self, *_args: object) -> None:
        kind = self.kind
        links = kind in ("predicate", "evidence")
        self._show_row(self.target_combo, kind in ("class", "property", "predicate"))
        self._show_row(self.value_edit, kind == "property")
        self._show_row(self.evidence_combo, kind == "evidence")
        self._show_row(self.subclasses_check, kind == "class")
        for widget in (self.size_spin, self.icon_combo):
            self._show_row(widget, not links and kind != "measure")
        self._show_row(self.shape_combo, not links)
        self._show_row(self.width_spin, links)
        self._fill_targets()
        self._update_preview()
        if kind != "measure":
            self.window_.settings.style_rule_kind = kind

    def _fill_targets(self) -> None:
        kind, scene = self.kind, self.window_.scene
        text = self.target_combo.currentText()
        with QSignalBlocker(self.target_combo):
            self.target_combo.clear()
            if kind == "class":
                for iri, label, color, shape in scene.legend():
                    if iri:
                        self.target_combo.addItem(QIcon(rule_icon(StyleRule("class", iri, color=color, shape=shape))),
                                                  label, iri)
                # Then the graph's other classes (a parent class styles all its subclasses at once).
                kg = self.window_.kg
                if kg is not None:
                    shown = {self.target_combo.itemData(i) for i in range(self.target_combo.count())}
                    others = sorted((kg.label(iri), iri) for iri in list(kg.class_hierarchy())[:MAX_CLASSES_LISTED]
                                    if iri not in shown)
                    for label, iri in others:
                        self.target_combo.addItem(label, iri)
            elif kind == "predicate":
                for predicate, words, _count in scene.predicates():
                    self.target_combo.addItem(words or predicate, predicate)
            elif kind == "property":
                for iri in _common_properties():
                    self.target_combo.addItem(iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1], iri)
            if text:
                self.target_combo.setCurrentText(text)  # what the analyst typed or chose stays
            elif self.target_combo.count():
                self.target_combo.setCurrentIndex(0)  # never an icon beside an empty box

    @property
    def kind(self) -> str:
        return str(self.kind_combo.currentData())

    def target(self) -> str:
        """The IRI in the "Which" box: the chosen entry's, or what was typed."""
        text = self.target_combo.currentText().strip()
        index = self.target_combo.findText(text)
        if index >= 0 and self.target_combo.itemData(index):
            return str(self.target_combo.itemData(index))
        return text

    def set_colour(self, colour: str) -> None:
        self.color_edit.setText(colour)
        self.color_check.setChecked(True)

    def pick_colour(self) -> None:
        current = QColor(self.color_edit.text()) if QColor.isValidColorName(self.color_edit.text()) else QColor("#0072B2")
        chosen = QColorDialog.getColor(current, self, "Rule colour")
        if chosen.isValid():
            self.set_colour(chosen.name())

    def rule_from_form(self) -> StyleRule:
        """The form as a rule (raises ExplorerError, naming the field, when something is wrong)."""
        from explorer.core.errors import ExplorerError

        kind = self.kind
        target = self.target() if kind in ("class", "property", "predicate") else ""
        if kind in ("class", "property", "predicate") and not target:
            raise ExplorerError("Which: choose or type the IRI the rule is about")
        looks: dict[str, Any] = {}
        if self.color_check.isChecked():
            looks["color"] = check_colour(self.color_edit.text().strip(), "Colour")
        links = kind in ("predicate", "evidence")
        if not links and self.shape_combo.currentData() is not None:
            looks["shape"] = self.shape_combo.currentData()
        if not links and kind != "measure" and self.size_spin.value() > 0:
            looks["size"] = max(4.0, self.size_spin.value())
        if links and self.width_spin.value() > 0:
            looks["width"] = max(0.5, self.width_spin.value())
        if not links and kind != "measure" and self.icon_combo.currentData() is not None:
            looks["icon"] = self.icon_combo.currentData()
        label = self.label_combo.currentData()
        if label == PROPERTY_LABEL:
            prop = self.label_property.text().strip()
            if not prop:
                raise ExplorerError("Label: type the IRI of the property to show")
            label = PROPERTY_LABEL + prop
        if label is not None:
            if links and label not in ("name", "hidden"):
                raise ExplorerError("Label: a link's words are shown or hidden")
            looks["label"] = label
        value = self.value_edit.text().strip() if kind == "property" else \
            str(self.evidence_combo.currentData()) if kind == "evidence" else ""
        measure = None
        current = self.current_rule()
        if kind == "measure" and current is not None:
            measure, target = current.measure, current.target
            looks.pop("color", None)
        return StyleRule(kind, target, value, self.subclasses_check.isChecked(), measure=measure, **looks)

    def load_rule(self, rule: StyleRule) -> None:
        """Show ``rule`` in the form."""
        self._select_data(self.kind_combo, rule.kind)
        self._on_kind_changed()
        index = self.target_combo.findData(rule.target)
        if index >= 0:
            self.target_combo.setCurrentIndex(index)
        else:
            self.target_combo.setCurrentText(rule.target)
        self.value_edit.setText(rule.value if rule.kind == "property" else "")
        if rule.kind == "evidence":
            self._select_data(self.evidence_combo, rule.value)
        self.subclasses_check.setChecked(rule.subclasses)
        self.color_check.setChecked(rule.color is not None)
        if rule.color:
            self.color_edit.setText(rule.color)
        self._select_data(self.shape_combo, rule.shape)
        self.size_spin.setValue(rule.size or 0.0)
        self.width_spin.setValue(rule.width or 0.0)
        self._select_data(self.icon_combo, rule.icon)
        if rule.label and rule.label.startswith(PROPERTY_LABEL):
            self._select_data(self.label_combo, PROPERTY_LABEL)
            self.label_property.setText(rule.label[len(PROPERTY_LABEL):])
        else:
            self._select_data(self.label_combo, rule.label)
        self._update_preview()

    @staticmethod
    def _select_data(combo: QComboBox, data: Any) -> None:
        index = combo.findData(data)
        combo.setCurrentIndex(max(0, index))

    def _update_preview(self, *_args: object) -> None:
        """The rule's looks drawn on the canvas's background, with a sample label."""
        width, height = 240, 64
        pixmap = QPixmap(width, height)
        canvas = getattr(self.window_, "canvas", None)
        colours = getattr(canvas, "colours", None)
        background = colours.background if colours is not None else self.palette().base().color()
        text_colour = colours.text if colours is not None else self.palette().text().color()
        pixmap.fill(background)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        kind = self.kind
        colour_text = self.color_edit.text().strip()
        colour = QColor(colour_text) if self.color_check.isChecked() and QColor.isValidColorName(colour_text) \
            else QColor("#9e9e9e")
        label = self.target_combo.currentText() or "Example"
        if "/" in label or "#" in label:  # an IRI typed in: its local name reads better
            from explorer.core.style_resolution import local_name

            label = local_name(label)
        if kind in ("predicate", "evidence"):
            pen = QPen(colour if self.color_check.isChecked() else text_colour, max(1.0, self.width_spin.value() or 1.0))
            painter.setPen(pen)
            painter.drawLine(20, height // 2, width - 20, height // 2)
            if self.label_combo.currentData() != "hidden":
                painter.setPen(text_colour)
                painter.drawText(0, 4, width, 20, Qt.AlignmentFlag.AlignHCenter, label if kind == "predicate" else "link")
        else:
            size = min(48.0, self.size_spin.value() or NODE_SIZE)
            painter.translate(40, height / 2)
            painter.setPen(QPen(colour.darker(160), 1.0))
            painter.setBrush(colour)
            painter.drawPath(glyph_path(self.shape_combo.currentData() or "ellipse", size))
            icon = self.icon_combo.currentData()
            if icon:
                draw_icon(painter, icon, size * 0.62, colour)
            painter.resetTransform()
            shown = {"hidden": "", "class": "(class)", "name-class": f"{label} (class)", "local-name": "local_name",
                     PROPERTY_LABEL: "(property value)"}.get(self.label_combo.currentData() or "name", label)
            painter.setPen(text_colour)
            painter.drawText(80, 0, width - 84, height, Qt.AlignmentFlag.AlignVCenter, shown)
        painter.end()
        self.preview.setPixmap(pixmap)

    def changeEvent(self, event: QEvent) -> None:
        # A theme switch: the preview is drawn on the canvas's background, which follows the palette.
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self._preview_timer.start()
        super().changeEvent(event)

    # ------------------------------------------------------------------ the list
    def refresh(self) -> None:
        """Rebuild the list from the scene's rules (after any change, undo or redo)."""
        self._refresh_pending = False
        rules = self.window_.scene.style_rules
        row = self.rules_list.currentRow()
        name_of = self._name_of()
        with QSignalBlocker(self.rules_list):
            self.rules_list.clear()
            for index, rule in enumerate(rules):
                item = QListWidgetItem(rule_icon(rule), rule.describe(name_of).removesuffix(" [off]"))
                item.setData(_RULE_ROLE, index)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Checked if rule.enabled else Qt.CheckState.Unchecked)
                item.setToolTip(rule.describe(name_of))
                self.rules_list.addItem(item)
            if rules:
                self.rules_list.setCurrentRow(min(max(row, 0), len(rules) - 1) if row >= 0 else -1)
        self._update_buttons()
        self._fill_targets()

    def schedule_refresh(self, *_args: object) -> None:
        if not self._refresh_pending:
            self._refresh_pending = True
            self._refresh_timer.start()

    def _name_of(self) -> Any:
        kg = self.window_.kg
        if kg is not None:
            return kg.label
        from explorer.core.style_legend import scene_names

        return scene_names(self.window_.scene)

    def current_rule(self) -> StyleRule | None:
        row = self.rules_list.currentRow()
        rules = self.window_.scene.style_rules
        return rules[row] if 0 <= row < len(rules) else None

    def _update_buttons(self) -> None:
        row, count = self.rules_list.currentRow(), self.rules_list.count()
        self.remove_button.setEnabled(row >= 0)
        self.update_button.setEnabled(row >= 0)
        self.up_button.setEnabled(row > 0)
        self.down_button.setEnabled(0 <= row < count - 1)

    def _on_rules_list_current_row_changed(self, row: int) -> None:
        self._update_buttons()
        rule = self.current_rule()
        if rule is not None:
            self.load_rule(rule)

    def _on_rules_list_item_changed(self, item: QListWidgetItem) -> None:
        index = int(item.data(_RULE_ROLE))
        rules = list(self.window_.scene.style_rules)
        enabled = item.checkState() == Qt.CheckState.Checked
        if 0 <= index < len(rules) and rules[index].enabled != enabled:
            rules[index] = rules[index].with_looks(enabled=enabled)
            self._apply(rules, ("Turn on" if enabled else "Turn off") + " style rule")

    # ------------------------------------------------------------------ changes (each one undoable)
    def add_from_form(self) -> bool:
        rule = self._form_rule()
        if rule is None:
            return False
        self.window_.settings.style_rule_color = self.color_edit.text().strip() if rule.color else \
            self.window_.settings.style_rule_color
        self._apply([*self.window_.scene.style_rules, rule], f"Add style rule: {rule.selector_text(self._name_of())}")
        self.rules_list.setCurrentRow(self.rules_list.count() - 1)
        return True

    def update_selected(self) -> bool:
        row = self.rules_list.currentRow()
        rule = self._form_rule()
        rules = list(self.window_.scene.style_rules)
        if rule is None or not 0 <= row < len(rules):
            return False
        rules[row] = rule
        self._apply(rules, f"Change style rule: {rule.selector_text(self._name_of())}")
        return True

    def remove_selected(self) -> None:
        row = self.rules_list.currentRow()
        rules = list(self.window_.scene.style_rules)
        if 0 <= row < len(rules):
            removed = rules.pop(row)
            self._apply(rules, f"Remove style rule: {removed.selector_text(self._name_of())}")

    def move_selected(self, step: int) -> None:
        row = self.rules_list.currentRow()
        rules = list(self.window_.scene.style_rules)
        other = row + step
        if 0 <= row < len(rules) and 0 <= other < len(rules):
            rules[row], rules[other] = rules[other], rules[row]
            self._apply(rules, "Move style rule " + ("up" if step < 0 else "down"))
            self.rules_list.setCurrentRow(other)

    def style_class(self, class_iri: str) -> None:
        """Start a rule for ``class_iri`` (Legend ▸ Style this class…): the form filled, ready to add."""
        with QSignalBlocker(self.rules_list):
            self.rules_list.setCurrentRow(-1)
        self._update_buttons()
        self._select_data(self.kind_combo, "class")
        self._on_kind_changed()
        index = self.target_combo.findData(class_iri)
        if index >= 0:
            self.target_combo.setCurrentIndex(index)
        else:
            self.target_combo.setCurrentText(class_iri)
        self.color_edit.setFocus()

    def _form_rule(self) -> StyleRule | None:
        from explorer.core.errors import ExplorerError

        try:
            rule = self.rule_from_form()
        except ExplorerError as error:
            self.message.setText(str(error))
            return None
        if not rule.looks() and rule.kind != "measure":
            self.message.setText("Set at least a colour, shape, size, icon, width or label for the rule")
            return None
        self.message.setText("")
        return rule

    def _apply(self, rules: list[StyleRule], text: str) -> None:
        run_command(self.window_, ApplyStyleRules(self.window_.scene, rules, self.window_.kg, text))
        self.refresh()
        save_settings(self.window_)
        self.sig_rules_changed.emit()


def _one_shot(owner: QWidget, slot: Any) -> QTimer:
    timer = QTimer(owner)
    timer.setSingleShot(True)
    timer.setInterval(0)
    timer.timeout.connect(slot)
    return timer


def _common_properties() -> list[str]:
    from rdflib.namespace import RDFS, SKOS

    from explorer.core.vocab import KG

    found = [str(RDFS.label), str(SKOS.altLabel), str(RDFS.comment)]
    # Links to places and kinds are what analysts most often style by ("everything in Zhejiang").
    prefix = str(KG.locatedIn).rsplit("#", 1)[0] + "#"
    found += [prefix + name for name in ("locatedIn", "basedIn", "memberKind", "promotes", "scope")]
    return found


__all__ = ["StylePanelWidget", "rule_icon"]
