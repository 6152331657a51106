"""The spreadsheet wizard: preview, mapping, check in a worker, refused rows, good rows only."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QComboBox, QWizard

from explorer.core.changes import ChangeSet
from explorer.core.graph import KnowledgeGraph
from explorer.services.importing.mapping import TableMapping
from explorer.ui.importing.table_wizard import TableImportWizard

KG = "https://w3id.org/kg-explorer/ontology#"


@pytest.fixture
def wizard(qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("KG_EXPLORER_CONFIG_DIR", str(tmp_path))
    applied = []
    built = []

    def build(plan, mapping, *, progress=None, cancel=None):
        built.append((plan, mapping))
        if progress is not None:
            progress(0.5, "building")
        return ChangeSet(description=f"Import {len(plan.facts)} facts")

    def apply(change):
        applied.append(change)
        return None

    widget = TableImportWizard(KnowledgeGraph.bundled(), build, apply)
    qtbot.addWidget(widget)
    widget.applied = applied
    widget.built = built
    return widget


def table(tmp_path: Path) -> Path:
    path = tmp_path / "members.csv"
    path.write_text("Company,Chinese,Alliance\nHuawei,华为,5G industry alliance\n,x,y\nZTE,中兴,5G industry alliance\n",
                    encoding="utf-8")
    return path


def test_walk_through_the_three_pages(qtbot, wizard, tmp_path) -> None:
    wizard.show()
    wizard.open_path(table(tmp_path))
    assert wizard.table_page.preview.rowCount() == 3 and wizard.table_page.isComplete()
    wizard.next()
    page = wizard.mapping_page
    page.subject.setCurrentText("Company")
    page.subject_class.setCurrentText(next(n for n in wizard.class_names() if n.startswith("Company (")))
    page.add_label_line("Chinese", False, "zh")
    page.add_fact_line()
    link = page.facts.cellWidget(0, 0)
    assert isinstance(link, QComboBox)
    link.setCurrentText(next(n for n in wizard.property_names() if "(org:memberOf)" in n))
    page.facts.cellWidget(0, 1).setCurrentText("Alliance")
    saved = tmp_path / "mapping.json"
    page.mapping().save(saved)
    assert TableMapping.load(saved).facts[0].predicate.value == "http://www.w3.org/ns/org#memberOf"
    wizard.next()
    check = wizard.check_page
    qtbot.waitUntil(lambda: check.plan is not None, timeout=10000)
    assert check.problems.rowCount() == 1 and check.problems.item(0, 0).text() == "3"
    assert "no subject" in check.problems.item(0, 1).text()
    check.nothing.setChecked(True)
    assert not check.isComplete()
    check.good_rows.setChecked(True)
    assert check.isComplete()
    wizard.button(QWizard.WizardButton.FinishButton).click()
    qtbot.waitUntil(lambda: bool(wizard.applied), timeout=10000)
    [(plan, mapping)] = wizard.built
    assert {f.row for f in plan.facts} == {2, 4} and plan.problems == []
    assert mapping.subject_class.value == KG + "Company"
    assert [c.description for c in wizard.applied] == ["Import 4 facts"]
    assert not wizard.isVisible()


def test_an_unreadable_table_stays_on_the_first_page(qtbot, wizard, tmp_path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("a,a\n1,2\n", encoding="utf-8")
    wizard.open_path(bad)
    assert not wizard.table_page.isComplete()
    assert "two columns are named 'a'" in wizard.table_page.message.text()


def test_the_summary_counts_only_what_the_good_rows_add(qtbot, wizard, tmp_path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("Company,Alliance\nHuawei,5G industry alliance\nZTE,Nowhere\n", encoding="utf-8")
    wizard.show()
    wizard.open_path(path)
    wizard.next()
    page = wizard.mapping_page
    page.add_fact_line()
    page.facts.cellWidget(0, 0).setCurrentText(next(n for n in wizard.property_names() if "(org:memberOf)" in n))
    page.facts.cellWidget(0, 1).setCurrentText("Alliance")
    page.subject_class.setCurrentText(next(n for n in wizard.class_names() if n.startswith("Company (")))
    wizard.next()
    qtbot.waitUntil(lambda: wizard.check_page.plan is not None, timeout=10000)
    # Row 3's subject would be new, but its alliance is unknown and has no class: the row is refused whole.
    assert "2 facts and 1 new entities from the good rows; 1 row(s) refused" in wizard.check_page.summary.text()
