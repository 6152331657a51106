"""Where the ontology and the bundled knowledge graph are, however the app was installed.

A source checkout keeps them at the top of the repository (``ontology/``, ``data/``); a
wheel and a frozen bundle carry them inside the package as ``explorer/bundled/``.
"""

from __future__ import annotations

import sys
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent.parent


def _find(name: str) -> Path:
    candidates = [_PACKAGE_DIR / "bundled" / name, _PACKAGE_DIR.parent / name]
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        candidates.insert(0, Path(frozen_root) / "explorer" / "bundled" / name)
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"the bundled '{name}' folder is missing (looked in {', '.join(map(str, candidates))})")


def ontology_dir() -> Path:
    return _find("ontology")


def data_dir() -> Path:
    return _find("data")


def ontology_file() -> Path:
    return ontology_dir() / "explorer.ttl"


def lexicon_file() -> Path:
    """Trigger words per property and name cues per class, read by the article importer."""
    return ontology_dir() / "lexicon.ttl"


def ontology_files() -> list[Path]:
    """The ontology with its lexicon: what the article importer reads patterns from."""
    return [ontology_file(), lexicon_file()]


def shapes_file() -> Path:
    return ontology_dir() / "shapes.ttl"


def article_file() -> Path:
    return data_dir() / "sources" / "5g-industrial-internet-article.txt"


def bundled_graph_files() -> list[Path]:
    """The ontology and the graph of the article: what the app opens by default."""
    return [ontology_file(), data_dir() / "5g-industrial-internet.ttl"]
