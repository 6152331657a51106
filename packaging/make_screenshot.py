"""Render the main window on the bundled graph to a PNG (the README screenshot).

Opens the app offscreen, walks the China Mobile chain (search, expand, path to the
remote-healthcare service), lays it out and grabs the window at 1280×800:

    .venv/bin/python packaging/make_screenshot.py [OUT.png] [--theme light|dark]

The default output is ``packaging/screenshot.png``.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

D = "https://w3id.org/kg-explorer/data/"
CHAIN = ["ChinaMobile", "ChinaMobileZhejiang", "Zhejiang5GIndustryAlliance", "HospitalPartners",
         "FiveGRemoteHealthcareServices"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", nargs="?", default=str(Path(__file__).with_name("screenshot.png")))
    parser.add_argument("--theme", choices=("light", "dark"), default="light")
    parser.add_argument("--size", default="1280x800", help="window size, WIDTHxHEIGHT")
    args = parser.parse_args(argv)
    width, height = (int(v) for v in args.size.lower().split("x"))

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    # A throw-away settings folder: the picture never depends on (or changes) the user's settings.
    scratch = tempfile.mkdtemp(prefix="kg-explorer-shot-")
    os.environ["KG_EXPLORER_CONFIG_DIR"] = str(Path(scratch) / "config")
    os.environ["KG_EXPLORER_DATA_DIR"] = str(Path(scratch) / "data")

    from explorer.core.graph import KnowledgeGraph
    from explorer.core.paths import find_paths
    from explorer.services.settings import Settings
    from explorer.ui.app.application import create_application
    from explorer.ui.app.main_window import MainWindow
    from explorer.ui.resources import apply_theme

    app = create_application([sys.argv[0]])
    apply_theme(app, args.theme)
    window = MainWindow(Settings(theme=args.theme))
    window.resize(width, height)
    window.show()
    kg = KnowledgeGraph.bundled()
    window.set_graph(kg)
    window.browser.search("China Mobile")
    window.show_entity(D + CHAIN[0])
    window.expand_on_canvas(D + CHAIN[0])
    window.expand_on_canvas(D + CHAIN[2])
    paths = find_paths(kg, D + CHAIN[0], D + CHAIN[-1])
    window.paths_panel.set_paths(paths, f"{len(paths)} path from China Mobile to 5G-enabled remote healthcare services (shortest)")
    window.show_entity(D + "HospitalPartners")
    window.scene.set_focus(D + CHAIN[2])
    window.run_layout("radial")
    for _ in range(5):
        app.processEvents()
    window.fit_canvas()
    app.processEvents()
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    if not window.grab().save(str(out)):
        print(f"error: could not write {out}", file=sys.stderr)
        return 2
    print(f"{out} ({out.stat().st_size // 1024} KB)")
    window.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
