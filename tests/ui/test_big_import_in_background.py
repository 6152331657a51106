"""A table import over the background threshold: applied, undone and redone in a worker while the
window's event loop keeps turning; nothing else can change the graph meanwhile; the recovery
journal holds the analyst's edits after each step."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QComboBox, QWizard
from rdflib import Literal, URIRef
from rdflib.namespace import RDFS

import explorer.core.curation.command as command_module
import explorer.core.curation.store_access as store_access
from explorer.core.changes import ChangeSet
from explorer.core.curation import CurationCommand
from explorer.services.edits import read_edits

ROWS = 40


pytestmark = pytest.mark.usefixtures("discard_unsaved_at_teardown")


@pytest.fixture
def ticks_during_work(monkeypatch):
    """Each worker write waits for three ticks of a timer on the GUI thread before it writes.

    Were the write on the GUI thread, no tick could come while it waits: it would give up after
    ten seconds and the test would fail on the record of that wait."""
    waits: list[bool] = []
    ticked = threading.Event()
    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(ticked.set)
    timer.start()
    write = CurationCommand.work

    def work(self, undo, progress=None):
        if self.runs_in_background:
            seen = 0
            for _ in range(3):
                ticked.clear()
                seen += ticked.wait(10)
            waits.append(seen == 3)
        return write(self, undo, progress)

    monkeypatch.setattr(CurationCommand, "work", work)
    monkeypatch.setattr(command_module, "BACKGROUND_STATEMENTS", 100)
    yield waits
    timer.stop()


def table(tmp_path: Path) -> Path:
    path = tmp_path / "members.csv"
    lines = ["Company,Alliance"] + [f"Big Import Company {n},5G industry alliance" for n in range(ROWS)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def same_value(quad: tuple) -> tuple:
    """A quad compared by its terms' values: the store writes a time with "Z" that came with "+00:00"."""
    return tuple(term.toPython() if isinstance(term, Literal) else term for term in quad)


def analyst_quads(window) -> set:
    return {same_value(q) for q in store_access.quads(window.kg, None, None, None, window.curation.edits.graph)}


def recovered(window) -> set:
    return {same_value(q) for q in read_edits(window.curation.edits.recovery_path).added}


def assert_locked_while_working(window) -> None:
    history = window.session.history
    imports = window.session.part("import")
    assert history.working and not history.can_undo and not history.can_redo
    assert not window.undo_actions.undo_action.isEnabled() and not window.undo_actions.redo_action.isEnabled()
    assert not imports.table_action.isEnabled() and not window.curation.add_fact_action.isEnabled()
    assert window.curation.background_steps.bar.isVisible()
    assert history.undo() is None and history.redo() is None  # the keys do nothing meanwhile
    assert "Wait until" in imports.apply_change(ChangeSet(added=((URIRef("urn:x-test:a"), RDFS.comment,
                                                                  Literal("no"), URIRef("urn:x-test:g")),)))


def test_a_big_import_applies_undoes_and_redoes_in_a_worker(window, qtbot, tmp_path, ticks_during_work) -> None:
    before = analyst_quads(window)
    assert before == set()
    imports = window.session.part("import")
    imports.table_action.trigger()
    wizard = imports.dialog
    qtbot.addWidget(wizard)
    wizard.open_path(table(tmp_path))
    wizard.next()
    page = wizard.mapping_page
    page.subject.setCurrentText("Company")
    page.subject_class.setCurrentText(next(n for n in wizard.class_names() if n.startswith("Company (")))
    page.add_fact_line()
    link = page.facts.cellWidget(0, 0)
    assert isinstance(link, QComboBox)
    link.setCurrentText(next(n for n in wizard.property_names() if "(org:memberOf)" in n))
    page.facts.cellWidget(0, 1).setCurrentText("Alliance")
    wizard.next()
    qtbot.waitUntil(lambda: wizard.check_page.plan is not None, timeout=20000)
    steps = window.curation.background_steps
    history = window.session.history

    with qtbot.waitSignal(steps.sig_step_finished, timeout=60000) as finished:
        wizard.button(QWizard.WizardButton.FinishButton).click()
        qtbot.waitUntil(lambda: steps.busy, timeout=20000)
        assert_locked_while_working(window)
    assert finished.args == [True] and ticks_during_work == [True]
    imported = analyst_quads(window)
    [step] = history.done()[-1:]
    assert isinstance(step, CurationCommand) and step.runs_in_background
    assert len(imported) == len([q for q in step.change.added if q[3] == window.curation.edits.graph])
    assert len(imported) > 100 and window.kg.search("Big Import Company 7", limit=3)
    assert recovered(window) == imported
    assert window.windowTitle().startswith("*") and window.undo_actions.undo_action.isEnabled()

    with qtbot.waitSignal(steps.sig_step_finished, timeout=60000):
        window.undo_actions.undo_action.trigger()
        assert_locked_while_working(window)
    assert ticks_during_work == [True, True]
    assert analyst_quads(window) == set() and recovered(window) == set()
    assert history.can_redo and not window.kg.search("Big Import Company 7", limit=3)

    with qtbot.waitSignal(steps.sig_step_finished, timeout=60000):
        window.undo_actions.redo_action.trigger()
        assert_locked_while_working(window)
    assert ticks_during_work == [True, True, True]
    assert analyst_quads(window) == imported and recovered(window) == imported
    assert history.done()[-1] is step and not history.can_redo


def test_a_small_change_stays_on_the_synchronous_path(window, qtbot, ticks_during_work) -> None:
    graph = window.curation.edits.graph
    fact = (URIRef("urn:x-test:thing"), RDFS.comment, Literal("small"), graph)
    window.curation.apply(ChangeSet(added=(fact,), description="Add a comment"))
    assert not window.session.history.working and not window.curation.background_steps.busy
    assert analyst_quads(window) == {same_value(fact)} == recovered(window) and ticks_during_work == []
