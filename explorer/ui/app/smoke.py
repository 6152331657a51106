"""``kg-explorer --smoke``: prove a build works end to end, then exit.

The bundle's own check (and CI's, after building it): open the main window offscreen,
load the bundled graph through the same worker the app uses, run one search, one path
(drawn on the canvas) and one export of each kind of writer (offline HTML and a PNG of
the canvas), one reading of a sentence for suggested facts, and exit 0. Each step prints one line with its time; the first failure
prints ``error: …`` and exits 1.
"""

from __future__ import annotations

import os
import re
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

SMOKE_TIMEOUT_MS = 120_000


def _step(name: str, work: Callable[[], Any], started: float) -> Any:
    began = time.perf_counter()
    result = work()
    print(f"ok  {name:<28} {time.perf_counter() - began:7.3f} s   (t = {time.perf_counter() - started:.2f} s)")
    sys.stdout.flush()
    return result


def run_smoke() -> int:
    """Run the smoke test; returns the process exit code."""
    started = time.perf_counter()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    # The smoke run must not read or change the user's settings or recent files.
    scratch = Path(tempfile.mkdtemp(prefix="kg-explorer-smoke-"))
    os.environ["KG_EXPLORER_CONFIG_DIR"] = str(scratch / "config")
    os.environ["KG_EXPLORER_DATA_DIR"] = str(scratch / "data")

    from PySide6.QtCore import QEventLoop, QTimer

    from explorer.ui.app.application import create_application

    app = create_application(sys.argv[:1])
    try:
        window = _step("main window", lambda: _open_window(), started)

        def load() -> Any:
            task = window.open_bundled()
            assert task is not None, "a fresh window has no graph to keep"
            loop = QEventLoop()
            outcome: dict[str, Any] = {}
            task.sig_failed.connect(lambda message: outcome.setdefault("error", message))
            task.sig_cancelled.connect(lambda: outcome.setdefault("error", "loading was cancelled"))
            task.sig_done.connect(loop.quit)
            QTimer.singleShot(SMOKE_TIMEOUT_MS, loop.quit)
            loop.exec()
            app.processEvents()
            if "error" in outcome:
                raise RuntimeError(outcome["error"])
            if window.kg is None:
                raise RuntimeError("the bundled graph did not load in time")
            return window.kg

        kg = _step("load bundled graph", load, started)
        print(f"    {len(kg):,} triples")

        def search() -> str:
            hits = kg.search("China Mobile", limit=5)
            if not hits or kg.label(hits[0].entity) != "China Mobile":
                raise RuntimeError(f"search for 'China Mobile' found {[h.matched for h in hits]}")
            return hits[0].entity

        china_mobile = _step("search 'China Mobile'", search, started)

        def path() -> Any:
            from explorer.core.paths import find_paths

            target = kg.resolve("remote healthcare")
            found = find_paths(kg, china_mobile, target, mode="shortest")
            if not found:
                raise RuntimeError("no path from China Mobile to the remote-healthcare services")
            window.draw_paths(found[0])
            app.processEvents()
            return found[0]

        chain = _step("path to remote healthcare", path, started)
        print(f"    {chain.words(kg)}")

        def export() -> list[Path]:
            import explorer.ui.export.export_render  # noqa: F401 - installs the Qt image renderer
            from explorer.services import subgraph as subgraphs
            from explorer.services.exporters import ExportJob
            from explorer.services.exporters import export as write_export

            selection = subgraphs.from_scene(kg, window.scene)
            job = ExportJob(kg=kg, subgraph=selection, scene=window.scene, title="China Mobile chain",
                            width=800, height=500)
            written = []
            for name, suffix in (("html", ".html"), ("png", ".png")):
                target = scratch / f"smoke{suffix}"
                write_export(name, job, target)
                if target.stat().st_size == 0:
                    raise RuntimeError(f"{target} is empty")
                written.append(target)
            html = (scratch / "smoke.html").read_text(encoding="utf-8")
            if re.search(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", html):
                raise RuntimeError("the HTML export references a remote resource")
            return written

        files = _step("export HTML and PNG", export, started)
        print(f"    {', '.join(f'{p.name} ({p.stat().st_size:,} bytes)' for p in files)}")

        def suggest() -> str:
            from explorer.services.importing.articles import article_from_text
            from explorer.services.importing.suggestions import suggest_for_graph

            # Reads word forms from lemminflect's lexicon and patterns from the bundled ontology: both must be bundled.
            text = "Liquefied natural gas tankers unload at a terminal operated by PetroChina Dalian LNG."
            run = suggest_for_graph(kg, article_from_text(text, title="smoke"))
            facts = [f"{s.subject.text} —{s.predicate.rsplit('#', 1)[-1]}→ {s.object.text}" for s in run.suggestions]
            if not any("—operatedBy→ PetroChina Dalian LNG" in fact for fact in facts):
                raise RuntimeError(f"the article reader suggested {facts}")
            return "; ".join(facts)

        print(f"    {_step('suggest facts from a text', suggest, started)}")
        window.close()
    except Exception as error:  # the smoke run reports, it never shows a traceback
        print("error: smoke test failed: " + " ".join(str(error).split()), file=sys.stderr)
        return 1
    print(f"smoke test passed in {time.perf_counter() - started:.2f} s")
    return 0


def _open_window() -> Any:
    from explorer.services.settings import load_settings
    from explorer.ui.app.main_window import MainWindow

    settings, _warning = load_settings()
    window = MainWindow(settings)
    window.resize(1280, 800)
    window.show()
    return window
