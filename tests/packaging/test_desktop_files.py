"""The desktop integration files are well-formed and agree with the package."""

from __future__ import annotations

import configparser
import os
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import explorer

PACKAGING = Path(__file__).resolve().parents[2] / "packaging"
APP_ID = "org.kg_explorer.KgExplorer"


def test_desktop_entry_launches_the_app_with_files_and_declares_every_format():
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # keys are case-sensitive
    entry.read(PACKAGING / "linux" / f"{APP_ID}.desktop", encoding="utf-8")
    section = entry["Desktop Entry"]
    assert section["Type"] == "Application"
    assert section["Exec"] == "kg-explorer gui %F"
    assert section["Icon"] == APP_ID
    mime_types = set(filter(None, section["MimeType"].split(";")))
    assert mime_types == {
        "application/x-kg-explorer-snapshot", "text/turtle", "application/n-triples", "application/n-quads",
        "application/trig", "application/ld+json", "application/rdf+xml",
    }


def test_mime_file_maps_snapshot_and_rdf_suffixes():
    tree = ET.parse(PACKAGING / "linux" / f"{APP_ID}.mime.xml")
    ns = {"m": "http://www.freedesktop.org/standards/shared-mime-info"}
    globs = {
        mime.get("type"): {g.get("pattern") for g in mime.findall("m:glob", ns)}
        for mime in tree.getroot().findall("m:mime-type", ns)
    }
    assert globs["application/x-kg-explorer-snapshot"] == {"*.kgsnap"}
    assert "*.ttl" in globs["text/turtle"]
    assert {"*.rdf", "*.owl"} <= globs["application/rdf+xml"]


def test_metainfo_names_the_desktop_file_and_the_current_version():
    root = ET.parse(PACKAGING / "linux" / f"{APP_ID}.metainfo.xml").getroot()
    assert root.findtext("id") == APP_ID
    assert root.find("launchable").text == f"{APP_ID}.desktop"
    newest = root.find("releases/release")
    assert newest is not None and newest.get("version") == explorer.__version__


def _tool_or_skip(name: str, debian_package: str) -> str:
    """The tool's path; on a developer's machine without it the test is skipped, but under CI
    (``CI=true``) a missing tool is a failure of ``.ci/setup test``, never a quiet skip."""
    path = shutil.which(name)
    if path is not None:
        return path
    message = f"{name} is not installed (Debian package {debian_package}; .ci/setup test installs it)"
    if os.environ.get("CI", "").strip().lower() in ("true", "1", "yes"):
        pytest.fail(message)
    pytest.skip(message)


def test_metainfo_passes_appstream_validation():
    appstreamcli = _tool_or_skip("appstreamcli", "appstream")
    result = subprocess.run(
        [appstreamcli, "validate", "--no-net", "--pedantic", str(PACKAGING / "linux" / f"{APP_ID}.metainfo.xml")],
        capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_missing_tool_fails_under_ci_and_skips_elsewhere(monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda name: None)
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="appstream"):
        _tool_or_skip("appstreamcli", "appstream")
    monkeypatch.delenv("CI")
    with pytest.raises(pytest.skip.Exception):
        _tool_or_skip("appstreamcli", "appstream")


def test_icon_exists_as_svg_and_in_every_desktop_size():
    ET.parse(PACKAGING / "icons" / "kg-explorer.svg")  # well-formed
    for size in (16, 24, 32, 48, 64, 128, 256, 512):
        png = PACKAGING / "icons" / f"kg-explorer-{size}.png"
        with png.open("rb") as handle:
            header = handle.read(24)
        assert header[:8] == b"\x89PNG\r\n\x1a\n"
        width = int.from_bytes(header[16:20], "big")
        height = int.from_bytes(header[20:24], "big")
        assert (width, height) == (size, size)
