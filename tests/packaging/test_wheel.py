"""An installed wheel finds its ontology and bundled graph without the source tree."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
                    "--wheel-dir", str(out), str(ROOT)], check=True, capture_output=True, timeout=300)
    return next(out.glob("kg_explorer-*.whl"))


def test_wheel_carries_the_ontology_the_graph_and_the_package_data(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for expected in ("explorer/bundled/ontology/explorer.ttl", "explorer/bundled/ontology/shapes.ttl",
                     "explorer/bundled/data/5g-industrial-internet.ttl",
                     "explorer/bundled/data/sources/5g-industrial-internet-article.txt",
                     "explorer/services/exporters/html_template.html", "explorer/py.typed",
                     "explorer/core/extraction/relation_model.json.gz"):  # the article reader's trained model
        assert expected in names
    assert any(name.startswith("explorer/services/queries/") and name.endswith(".rq") for name in names)


def test_installed_wheel_loads_the_bundled_graph_from_its_own_files(wheel, tmp_path):
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(target),
                    str(wheel)], check=True, capture_output=True, timeout=300)
    probe = (
        "import explorer, explorer.core.bundled as b\n"
        "from explorer.core.graph import KnowledgeGraph\n"
        "kg = KnowledgeGraph.bundled()\n"
        "print(explorer.__file__); print(b.ontology_file()); print(len(kg))\n"
    )
    environment = {**os.environ, "PYTHONPATH": str(target)}
    result = subprocess.run([sys.executable, "-c", probe], cwd=tmp_path, env=environment, capture_output=True,
                            text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    package_file, ontology, triples = result.stdout.split()
    assert Path(package_file).is_relative_to(target)
    assert Path(ontology).is_relative_to(target / "explorer" / "bundled")
    assert int(triples) > 1000
