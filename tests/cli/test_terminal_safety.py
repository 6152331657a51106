"""Labels, titles and names holding control characters never reach the terminal raw.

Every C0 and C1 control, DEL, and real escape sequences (clear the screen, retitle the window,
device control strings) are put into the data; every command's terminal output shows them
escaped as ``\\xNN``, JSON and RDF answers escape them in their own syntax (same data), and
CSV stays byte-faithful.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pyoxigraph as ox
import pytest
from cli_support import run
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from explorer.cli.output import CONTROL_CHARACTERS

E = "http://example.org/"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"

EVERY_CONTROL = "".join(chr(code) for code in sorted(CONTROL_CHARACTERS))
SEQUENCES = [
    "\x1b[2J\x1b[H",           # clear the screen, cursor home
    "\x1b]0;owned\x07",        # retitle the window (OSC … BEL)
    "\x1b]2;owned\x1b\\",      # retitle, ended by ST
    "\x9b2J",                  # C1 CSI: clear the screen
    "\x9d0;owned\x9c",         # C1 OSC … ST
    "\x1bP+q544e\x1b\\",       # DCS: a terminal query
    "\x1b[31mred\x1b[0m",      # colours
    "line one\rOVERWRITTEN",   # carriage return hides the start of the line
]
CLASS_LABEL = "Vendor\x1b[2J class"
LINK_LABEL = "supplies\x9b2J"
HOSTILE = "Acme " + "".join(SEQUENCES)


def _nt_literal(text: str) -> str:
    r"""An N-Triples string with every control, quote and backslash as a \u escape."""
    escaped = "".join(f"\\u{ord(ch):04X}" if ord(ch) in CONTROL_CHARACTERS or ch in '"\\' else ch for ch in text)
    return f'"{escaped}"'


def _write_graph(path: Path, labels: dict[str, str]) -> Path:
    lines = [f"<{E}{name}> <{RDFS_LABEL}> {_nt_literal(label)} ." for name, label in labels.items()]
    lines += [
        f"<{E}a> <{RDF_TYPE}> <{E}Vendor> .",
        f"<{E}Vendor> <{RDFS_LABEL}> {_nt_literal(CLASS_LABEL)} .",
        f"<{E}supplies> <{RDFS_LABEL}> {_nt_literal(LINK_LABEL)} .",
        f"<{E}a> <{E}supplies> <{E}b> .",
        f"<{E}b> <{E}supplies> <{E}c> .",
        f"<{E}a> <{E}note> {_nt_literal('note ' + EVERY_CONTROL)} .",
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def hostile_graph(tmp_path: Path) -> Path:
    return _write_graph(tmp_path / "hostile.nt", {
        "a": HOSTILE,
        "b": "every control " + EVERY_CONTROL,
        "c": "\x1b]0;owned\x07 twin",
        "d": "\x1b]0;owned\x07 twin",
    })


def raw_controls(text: str, allowed: str = "\n") -> list[str]:
    return sorted({f"{ord(ch):#04x}" for ch in text if ord(ch) in CONTROL_CHARACTERS and ch not in allowed})


def assert_terminal_safe(out: str, err: str, allowed: str = "\n") -> None:
    assert raw_controls(out, allowed) == [], out
    assert raw_controls(err) == [], err


TABLE_COMMANDS = [
    ["stats"],
    ["search", "Acme"],
    ["search", "every control"],
    ["describe", f"<{E}a>"],
    ["describe", f"<{E}b>"],
    ["neighbors", f"<{E}a>", "--hops", "2"],
    ["path", f"<{E}a>", f"<{E}c>", "--evidence"],
    ["path", f"<{E}a>", f"<{E}c>", "--all"],
    ["query", "SELECT ?s ?l WHERE { ?s ?p ?l }"],
    ["query", "ASK { ?s ?p ?o }"],
]


@pytest.mark.parametrize("argv", TABLE_COMMANDS, ids=lambda argv: " ".join(argv)[:30])
def test_table_output_shows_controls_escaped(capsys, hostile_graph, argv):
    code, out, err = run(capsys, *argv, "--data", str(hostile_graph))
    assert code == 0, err
    assert_terminal_safe(out, err)
    if argv[0] in ("describe", "query") and "ASK" not in argv[1]:
        assert "\\x1b[2J" in out or "\\x1b]0;owned\\x07" in out or "\\x00" in out, out


def test_describe_shows_every_control_escaped(capsys, hostile_graph):
    code, out, _ = run(capsys, "describe", f"<{E}a>", "--data", str(hostile_graph))
    assert code == 0
    first = out.splitlines()[0]
    assert first.startswith("Acme \\x1b[2J\\x1b[H\\x1b]0;owned\\x07\\x1b]2;owned\\x1b\\\\x9b2J")
    assert "\\x9d0;owned\\x9c" in first and "line one\\x0dOVERWRITTEN" in first
    assert "Vendor\\x1b[2J class" in out and "supplies\\x9b2J" in out


def test_path_chain_is_escaped(capsys, hostile_graph):
    code, out, _ = run(capsys, "path", f"<{E}a>", f"<{E}c>")
    assert code == 2  # no such entity in the bundled graph: --data is needed
    code, out, err = run(capsys, "path", f"<{E}a>", f"<{E}c>", "--data", str(hostile_graph))
    assert code == 0, err
    assert out.startswith("Acme \\x1b[2J") and "—supplies\\x9b2J→" in out
    assert_terminal_safe(out, err)


@pytest.mark.parametrize("argv", [
    ["describe", "\x1b[2J\x1b]0;owned\x07 nobody"],             # echoed in "no entity is labelled …"
    ["describe", "\x1b]0;owned\x07 twin"],                      # ambiguous: the candidates' labels are listed
    ["query", "@/no/such/\x1b[2J.rq"],                          # a query file's name
    ["stats", "--data", "/no/such/\x1b]0;owned\x07.ttl"],       # a file name
    ["search", "x", "--limit", "\x9b2J"],                       # argparse echoes the bad value
    ["stats", "--frobnicate\x1b[2J"],                           # an unknown option
])
def test_error_lines_are_escaped(capsys, hostile_graph, argv):
    if "--data" not in argv:
        argv = [*argv, "--data", str(hostile_graph)]
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == ""
    assert err.startswith("error: ") and err.count("\n") == 1, err
    assert raw_controls(err) == [], err
    assert "\\x1b" in err or "\\x9b" in err, err


def test_json_escapes_controls_and_keeps_the_exact_labels(capsys, hostile_graph):
    code, out, err = run(capsys, "describe", f"<{E}a>", "--format", "json", "--data", str(hostile_graph))
    assert code == 0, err
    assert_terminal_safe(out, err)
    document = json.loads(out)
    assert document["label"] == HOSTILE
    code, out, err = run(capsys, "query", "SELECT ?l WHERE { ?s ?p ?l FILTER(isLiteral(?l)) }", "--format", "json",
                         "--data", str(hostile_graph))
    assert code == 0
    assert_terminal_safe(out, err)
    values = {b["l"]["value"] for b in json.loads(out)["results"]["bindings"]}
    assert HOSTILE in values and "every control " + EVERY_CONTROL in values


@pytest.mark.parametrize("fmt,rdf_format", [
    ("table", ox.RdfFormat.TURTLE), ("csv", ox.RdfFormat.N_TRIPLES), ("json", ox.RdfFormat.JSON_LD),
])
def test_construct_answers_escape_controls_in_their_syntax(capsys, hostile_graph, fmt, rdf_format):
    code, out, err = run(capsys, "query", "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", "--format", fmt,
                         "--data", str(hostile_graph))
    assert code == 0, err
    assert_terminal_safe(out, err, allowed="\n\t")
    labels = {t.object.value for t in ox.parse(out.encode("utf-8"), rdf_format) if t.predicate.value == RDFS_LABEL}
    assert HOSTILE in labels and "every control " + EVERY_CONTROL in labels


def test_csv_answers_stay_faithful(capsys, hostile_graph):
    code, out, _ = run(capsys, "query", f"SELECT ?l WHERE {{ <{E}a> <{RDFS_LABEL}> ?l }}", "--format", "csv",
                       "--data", str(hostile_graph))
    assert code == 0
    assert list(csv.reader(io.StringIO(out, newline=""))) == [["l"], [HOSTILE]]


def test_snapshot_titles_and_export_names_are_escaped(capsys, hostile_graph, tmp_path):
    title = "Review \x1b]0;owned\x07\x9b2J"
    first, second = tmp_path / "one.kgsnap", tmp_path / "two.kgsnap"
    for target, hops in ((first, "1"), (second, "2")):
        code, out, err = run(capsys, "snapshot", "save", "--focus", f"<{E}a>", "--hops", hops, "--title", title,
                             "-o", str(target), "--data", str(hostile_graph))
        assert code == 0, err
        assert_terminal_safe(out, err)
    for argv in (["snapshot", "show", str(first)], ["snapshot", "diff", str(first), str(second)]):
        code, out, err = run(capsys, *argv, "--data", str(hostile_graph))
        assert code == 0, err
        assert_terminal_safe(out, err)
        assert "Review \\x1b]0;owned\\x07\\x9b2J" in out
    odd_name = tmp_path / "graph\x1b[2J.ttl"
    code, out, err = run(capsys, "export", "--focus", f"<{E}a>", "-o", str(odd_name), "--data", str(hostile_graph))
    assert code == 0, err
    assert_terminal_safe(out, err)
    assert "graph\\x1b[2J.ttl" in out


_LABEL_TEXT = st.text(
    alphabet=st.one_of(st.sampled_from(sorted(chr(code) for code in CONTROL_CHARACTERS)),
                       st.characters(codec="utf-8", exclude_categories=("Cs",))),
    min_size=1, max_size=40,
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(label=_LABEL_TEXT)
def test_any_label_is_shown_without_raw_controls(capsys, tmp_path, label):
    data = _write_graph(tmp_path / "generated.nt", {"a": label, "b": label + " other", "c": "c"})
    for argv in (["describe", f"<{E}a>"], ["neighbors", f"<{E}b>"], ["path", f"<{E}a>", f"<{E}c>"],
                 ["query", f"SELECT ?l WHERE {{ <{E}a> <{RDFS_LABEL}> ?l }}"]):
        code, out, err = run(capsys, *argv, "--data", str(data))
        assert code in (0, 1), (argv, err)
        assert_terminal_safe(out, err)
