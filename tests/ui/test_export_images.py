"""PNG, SVG and PDF of the canvas, drawn offscreen."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from explorer.core.vocab import DATA
from explorer.services import subgraph as sg
from explorer.services.exporters import ExportError, ExportJob, export


@pytest.fixture(scope="module")
def job(bundled_graph):
    import explorer.ui.export.export_render  # noqa: F401  installs the renderer

    subgraph = sg.from_focus(bundled_graph, str(DATA.ChinaMobile), 3)
    return ExportJob(bundled_graph, subgraph, sg.to_scene(bundled_graph, subgraph), title="China Mobile chain")


def test_png_has_the_chosen_size_and_scale_and_is_not_blank(qapp, job, tmp_path):
    from PySide6.QtGui import QImage

    job.width, job.height, job.scale = 640, 360, 2.0
    image = QImage(str(export("png", job, tmp_path / "graph.png")))
    assert (image.width(), image.height()) == (1280, 720)
    background = image.pixelColor(0, 0)
    colours = {image.pixelColor(x, y).name() for x in range(0, 1280, 16) for y in range(0, 720, 16)}
    assert len(colours) > 5  # nodes, edges and labels, not an empty picture
    assert any(image.pixelColor(x, y) != background for x in range(0, 1280, 8) for y in range(0, 720, 8))
    # The graph sits in the middle: the left and right margins are about the same.
    used = [x for x in range(1280) if any(image.pixelColor(x, y) != background for y in range(0, 720, 4))]
    assert abs(used[0] - (1279 - used[-1])) < 80


def test_svg_parses_as_xml_with_the_labels(qapp, job, tmp_path):
    tree = ET.parse(export("svg", job, tmp_path / "graph.svg"))
    texts = " ".join(t.strip() for t in tree.getroot().itertext())
    for label in ("China Mobile", "China Mobile Zhejiang", "Zhejiang 5G industry alli"):
        assert label in texts


def test_pdf_is_a_pdf(qapp, job, tmp_path):
    data = export("pdf", job, tmp_path / "graph.pdf").read_bytes()
    assert data.startswith(b"%PDF") and len(data) > 2000


def test_bad_sizes_are_refused_before_drawing(qapp, job, tmp_path):
    job.width, job.height, job.scale = 640, 360, 50.0
    with pytest.raises(ExportError, match="scale 50 is out of range"):
        export("png", job, tmp_path / "huge.png")
    job.width, job.scale = 5, 1.0
    with pytest.raises(ExportError, match="width 5 is out of range"):
        export("png", job, tmp_path / "tiny.png")
    assert list(tmp_path.iterdir()) == []


def test_images_carry_a_legend_and_the_title_unless_turned_off(qapp, job, tmp_path):
    from PySide6.QtGui import QImage

    job.width, job.height, job.scale = 900, 600, 1.0
    job.options = {}
    with_legend = QImage(str(export("png", job, tmp_path / "legend.png")))
    job.options = {"legend": False}
    without = QImage(str(export("png", job, tmp_path / "plain.png")))
    assert (with_legend.width(), with_legend.height()) == (without.width(), without.height()) == (900, 600)
    # The legend sits in the top-right corner: that corner differs, pixel for pixel.
    corner = [(x, y) for x in range(700, 900, 4) for y in range(40, 200, 4)]
    assert sum(with_legend.pixelColor(x, y) != without.pixelColor(x, y) for x, y in corner) > 50
    job.options = {}
    svg = (export("svg", job, tmp_path / "legend.svg")).read_text(encoding="utf-8")
    texts = " ".join(t.strip() for t in ET.fromstring(svg).itertext())
    present = {node.class_label for node in job.scene.visible_nodes() if node.kind == "entity"}
    assert "Telecom operator" in texts and "Industry alliance" in texts
    for label in present:
        assert label[:1].upper() + label[1:] in texts, label
    assert "China Mobile chain" in texts  # the title line
    job.options = {"legend": False}
    plain_svg = (export("svg", job, tmp_path / "plain.svg")).read_text(encoding="utf-8")
    assert "Telecom operator" not in plain_svg
    job.options = {}


def test_exports_install_the_chinese_font_fallback(qapp, job, tmp_path):
    """The command line draws with its own QApplication: it must pick the Chinese font too."""
    from PySide6.QtGui import QFont

    from explorer.ui.resources import cjk_family

    family = cjk_family()
    if family is None:
        pytest.skip("no Chinese-capable font installed")
    default = QFont().family()
    saved = QFont.substitutes(default)
    QFont.removeSubstitutions(default)
    try:
        export("png", job, tmp_path / "cjk.png")
        assert family.casefold() in [name.casefold() for name in QFont.substitutes(default)]
    finally:
        QFont.removeSubstitutions(default)
        for name in saved:
            QFont.insertSubstitution(default, name)
