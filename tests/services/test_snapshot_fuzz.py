"""The snapshot reader on tampered files: every damage is one line naming the file (exit 2), never a crash.

Hypothesis takes a real snapshot and replaces values anywhere in its JSON with hostile ones:
deep nesting, huge or non-finite numbers, wrong types, very long strings.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from explorer import cli
from explorer.core.errors import ExplorerError
from explorer.core.vocab import DATA
from explorer.services import snapshots as sn
from explorer.services import subgraph as sg


@pytest.fixture(scope="module")
def document(bundled_graph, tmp_path_factory) -> dict:
    chosen = sg.from_focus(bundled_graph, str(DATA.ChinaMobile), 2)
    folder = tmp_path_factory.mktemp("snap")
    saved = sn.save_snapshot(folder / "base", bundled_graph, sg.to_scene(bundled_graph, chosen), title="base",
                             notes="notes", subgraph=chosen)
    return json.loads(Path(saved.path).read_text(encoding="utf-8"))


def _paths(node: Any, prefix: tuple = ()) -> list[tuple]:
    found = [prefix]
    if isinstance(node, dict):
        for key, value in node.items():
            found += _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node[:5]):
            found += _paths(value, (*prefix, index))
    return found


def _replace(node: Any, path: tuple, value: Any) -> Any:
    if not path:
        return value
    copy = dict(node) if isinstance(node, dict) else list(node)
    copy[path[0]] = _replace(copy[path[0]], path[1:], value)
    return copy


hostile = st.one_of(
    st.integers(min_value=-(10**30), max_value=10**30),
    st.sampled_from([10**400, -(10**400), math.inf, -math.inf, math.nan, 1e308, -1, 0, True, None, "", [], {}]),
    st.text(max_size=30),
    st.integers(100, 3000).map(lambda depth: "DEEP" + str(depth)),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=3),
)


def _encoded(document: Any) -> str:
    text = json.dumps(document, allow_nan=True)
    # Deep nesting and huge numbers as a hostile writer would put them, inline.
    for depth in range(100, 3001):
        marker = json.dumps("DEEP" + str(depth))
        if marker in text:
            text = text.replace(marker, "[" * depth + "]" * depth)
    return text


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_tampered_snapshots_give_one_clear_error(document, data, tmp_path_factory):
    tampered = document
    for _ in range(data.draw(st.integers(1, 3))):
        path = data.draw(st.sampled_from(_paths(tampered)))
        tampered = _replace(tampered, path, data.draw(hostile))
    file = tmp_path_factory.mktemp("fuzz") / "tampered.kgsnap"
    file.write_text(_encoded(tampered), encoding="utf-8")
    try:
        snapshot = sn.open_snapshot(file)
    except ExplorerError as error:
        assert "\n" not in str(error) and str(file) in str(error)
        return
    # Accepted: it must then be usable (its scene, its graph, its description).
    snapshot.scene()
    snapshot.own_graph()


@pytest.mark.parametrize("text", [
    '{"format": "kg-explorer-snapshot", "schema_version": 1, "title": "t", "notes": ' + "[" * 100000 + "]" * 100000 + "}",
    '{"format": "kg-explorer-snapshot", "schema_version": ' + "9" * 100000 + "}",
    '{"format": "kg-explorer-snapshot", "schema_version": 1e999}',
    '{"format": "kg-explorer-snapshot", "schema_version": -1}',
])
def test_the_cli_gives_exit_2_and_one_line(text, tmp_path, capsys):
    file = tmp_path / "bad.kgsnap"
    file.write_text(text, encoding="utf-8")
    code = cli.main(["snapshot", "show", str(file)])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1 and err.startswith("error: ")


def test_a_huge_notes_field_is_refused_quickly(document, tmp_path):
    import time

    file = tmp_path / "huge.kgsnap"
    file.write_text(json.dumps({**document, "notes": "x" * (sn.MAX_TEXT_FIELD_CHARS + 1)}), encoding="utf-8")
    started = time.perf_counter()
    with pytest.raises(sn.SnapshotError, match="notes"):
        sn.open_snapshot(file)
    assert time.perf_counter() - started < 5
