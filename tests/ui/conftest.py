"""Fixtures shared by the desktop tests."""

from __future__ import annotations

import pytest

from explorer.services.settings import Settings
from explorer.ui.app.main_window import MainWindow


@pytest.fixture
def window(qtbot):
    """A main window with the bundled graph loaded."""
    win = MainWindow(Settings())
    qtbot.addWidget(win)
    win.show()
    task = win.open_bundled()
    qtbot.waitUntil(lambda: task.finished, timeout=20000)
    assert win.kg is not None
    yield win
    win._load_runner.cancel()


@pytest.fixture
def discard_unsaved_at_teardown(window):
    """The window closes at teardown (before fixtures end): unsaved edits go without a modal prompt."""
    window.curation.ask_unsaved = lambda *_: "discard"
    yield


@pytest.fixture(scope="session", autouse=True)
def _app_style(qapp):
    """As in the app: its style is set once, before any widget (see ``create_application``)."""
    from explorer.ui.resources.indicator_style import install_indicator_style

    install_indicator_style(qapp)


@pytest.fixture(autouse=True)
def _collector_on_the_gui_thread(qapp):
    """As in the app: cyclic garbage (and the Qt objects in it) is collected on the GUI thread only."""
    from explorer.ui.app.gui_collector import collect_garbage_on_gui_thread

    collect_garbage_on_gui_thread()
