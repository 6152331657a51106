"""Start the desktop app: QApplication, error handling, theme, and the main window.

``main(files=None, argv=None) -> int`` is what ``kg-explorer`` / ``kg-explorer gui FILE…``
calls. The window appears at once; the graph (the bundled one, or ``files``) loads in a
worker while it is already on screen. An unexpected error anywhere in the GUI shows one
clear message and writes the traceback to ``<data dir>/logs/kg-explorer.log`` instead of
crashing the app.
"""

from __future__ import annotations

import logging
import logging.handlers
import os
import sys
import threading
import traceback
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType
from typing import Any

from PySide6.QtCore import Qt, QThreadPool, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from explorer.core.backends import EndpointConfig
from explorer.core.store_disposal import affordable_quads, disposal
from explorer.services.settings import APP_NAME, data_dir, load_settings

ORGANISATION = "kg-explorer"
log = logging.getLogger("explorer")


def log_file() -> Path:
    return data_dir() / "logs" / "kg-explorer.log"


def _setup_logging() -> Path | None:
    """Send the app's log (tracebacks included) to a rotating file in the user data folder."""
    path = log_file()
    if any(isinstance(h, logging.handlers.RotatingFileHandler) and getattr(h, "baseFilename", "") == str(path)
           for h in log.handlers):
        return path
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(path, maxBytes=1_000_000, backupCount=3, encoding="utf-8")
    except OSError:
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    log.addHandler(handler)
    if log.level == logging.NOTSET or log.level > logging.INFO:
        log.setLevel(logging.INFO)
    return path


class ErrorReporter:
    """The excepthook: one message box per burst of errors, the full traceback in the log."""

    def __init__(self, parent: QWidget | None = None) -> None:
        self.parent = parent
        self.showing = False
        self.last_message: str | None = None

    def message_for(self, error: BaseException) -> str:
        from explorer.core.errors import ExplorerError

        if isinstance(error, ExplorerError):
            return str(error)
        text = " ".join(str(error).split())
        where = log_file()
        return f"Unexpected error: {type(error).__name__}{': ' + text if text else ''}. Details are in {where}."

    def __call__(self, kind: type[BaseException], error: BaseException, trace: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            QApplication.quit()
            return
        log.error("unhandled error\n%s", "".join(traceback.format_exception(kind, error, trace)))
        self.last_message = self.message_for(error)
        if self.showing or QApplication.instance() is None:
            return
        self.showing = True
        box = QMessageBox(QMessageBox.Icon.Critical, "KG Explorer", self.last_message,
                          QMessageBox.StandardButton.Ok, self.parent)
        box.finished.connect(self._on_box_finished)
        box.open()

    def _on_box_finished(self, _result: int) -> None:
        self.showing = False

    def thread_hook(self, args: threading.ExceptHookArgs) -> None:
        """Errors in plain Python threads: logged (they cannot touch widgets)."""
        log.error("unhandled error in thread %s", args.thread.name if args.thread else "?",
                  exc_info=(args.exc_type, args.exc_value or args.exc_type(), args.exc_traceback))


def create_application(argv: Sequence[str] | None = None) -> QApplication:
    """The QApplication (reused if one exists), named for QSettings, with icon and high-DPI set."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        app = existing
    else:
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
        app = QApplication(list(argv) if argv is not None else sys.argv[:1])
    from explorer import __version__
    from explorer.ui.resources import app_icon
    from explorer.ui.resources.indicator_style import install_indicator_style

    install_indicator_style(app)  # before any window: a later change of style re-polishes every widget

    app.setApplicationName(APP_NAME)
    app.setOrganizationName(ORGANISATION)
    app.setApplicationDisplayName("KG Explorer")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("org.kg_explorer.KgExplorer")
    app.setWindowIcon(app_icon())
    return app


def free_replaced_graphs_unseen(app: QGuiApplication) -> None:
    """Free the memory of replaced or cancelled graphs only while the app is not in use.

    Freeing a large in-memory store stops every Python thread for about a second per
    million quads (see :mod:`explorer.core.store_disposal`); done when the window loses
    focus or is minimised, nobody sees the window stand still.
    """
    disposal.keep_quads = affordable_quads()
    disposal.deferring = True

    def on_state_changed(state: Qt.ApplicationState) -> None:
        if state != Qt.ApplicationState.ApplicationActive:
            disposal.free_waiting(in_background=True)

    app.applicationStateChanged.connect(on_state_changed)


def _quit_when_loaded(app: QApplication, window: QWidget, task: Any) -> None:
    """For start-up tests (``KG_EXPLORER_EXIT_WHEN_LOADED=1``): once the graph is in the shown window,
    say so and exit 0; if loading fails or is cancelled, exit 1 with the reason on stderr."""
    outcome: dict[str, str] = {}
    task.sig_failed.connect(lambda message: outcome.setdefault("error", message))
    task.sig_cancelled.connect(lambda: outcome.setdefault("error", "loading was cancelled"))

    def finish() -> None:
        kg = getattr(window, "kg", None)
        if "error" not in outcome and kg is not None and window.isVisible():
            print(f"kg-explorer: window shown, graph loaded ({len(kg)} triples)", flush=True)
            app.exit(0)
            return
        reason = outcome.get("error") or "the window has no graph after loading"
        print("error: " + " ".join(reason.split()), file=sys.stderr, flush=True)
        app.exit(1)

    # After the window's own handlers of the same signal have put the graph in place.
    task.sig_done.connect(lambda: QTimer.singleShot(0, finish))


def main(files: list[str] | None = None, argv: Sequence[str] | None = None, endpoint: EndpointConfig | None = None) -> int:
    """Open the main window on the bundled graph (or ``files``, or a SPARQL ``endpoint``
    given as an :class:`~explorer.core.backends.EndpointConfig`) and run the event loop."""
    app = create_application(argv)
    free_replaced_graphs_unseen(app)
    _setup_logging()
    settings, warning = load_settings()

    from explorer.ui.app.main_window import MainWindow
    from explorer.ui.resources import apply_theme

    apply_theme(app, settings.theme)
    window = MainWindow(settings)
    reporter = ErrorReporter(window)
    previous_hooks = sys.excepthook, threading.excepthook
    sys.excepthook = reporter
    threading.excepthook = reporter.thread_hook
    hints = QGuiApplication.styleHints()
    hints.colorSchemeChanged.connect(lambda _scheme: window.settings.theme == "system" and apply_theme(app, "system"))
    window.show()
    if os.environ.get("KG_EXPLORER_EXIT_AFTER_SHOW"):
        # For benchmarks/run.py: paint once, say so, and quit (window-on-screen time).
        def _painted_then_quit() -> None:
            window.repaint()
            print("kg-explorer: window shown", flush=True)
            app.quit()

        QTimer.singleShot(0, _painted_then_quit)
    if warning:
        window.statusBar().showMessage(warning, 15000)
    # Start loading once the window is on screen, so it appears at once whatever the data.
    if endpoint is not None:
        from explorer.ui.endpoints.endpoint_dialog import connect_window

        QTimer.singleShot(0, lambda: connect_window(window, endpoint))
    else:
        def start_loading() -> None:
            task = window.open_files(files) if files else window.open_bundled()
            if task is not None and os.environ.get("KG_EXPLORER_EXIT_WHEN_LOADED"):
                _quit_when_loaded(app, window, task)

        QTimer.singleShot(0, start_loading)
    # With the load under way: offer back the work of a session that ended unexpectedly.
    QTimer.singleShot(0, window.recovery.offer)
    try:
        return app.exec()
    finally:
        QThreadPool.globalInstance().waitForDone(5000)
        sys.excepthook, threading.excepthook = previous_hooks


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:] or None))
