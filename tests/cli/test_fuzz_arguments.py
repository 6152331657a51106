"""Every argument of every command, fuzzed: bad input is exit 2 with one ``error:`` line, never a crash.

The options are read from the real parser (a new command or option is fuzzed without editing
this file). Values are hostile: any text (NUL, controls, surrogates of non-UTF-8 bytes), huge and
negative numbers, infinities, and paths that do not exist, are folders, FIFOs, sockets, empty or
garbage files. Commands run in-process; nothing may reach the network.
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import sys
import types
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from explorer.cli import COMMANDS as REGISTERED
from explorer.cli import build_parser, main
from explorer.core.graph import KnowledgeGraph

SMALL_TTL = (
    "@prefix e: <http://example.org/> .\n"
    "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
    'e:a rdfs:label "Acme" ; e:supplies e:b .\n'
    'e:b rdfs:label "Port" .\n'
)


@pytest.fixture(scope="module")
def files(tmp_path_factory) -> dict[str, str]:
    """Inputs of every kind a path argument may meet."""
    root = tmp_path_factory.mktemp("fuzz")
    (root / "folder").mkdir()
    os.mkfifo(root / "fifo")
    listener = socket.socket(socket.AF_UNIX)
    listener.bind(str(root / "socket"))
    (root / "empty.ttl").write_bytes(b"")
    (root / "garbage.ttl").write_bytes(bytes(range(256)) * 4)
    (root / "small.ttl").write_text(SMALL_TTL, encoding="utf-8")
    (root / "query.rq").write_text("SELECT * WHERE { ?s ?p ?o }", encoding="utf-8")
    (root / "table.csv").write_text("name\nAcme\n", encoding="utf-8")
    (root / "latin1.rq").write_bytes("SELECT * WHERE { ?s ?p 'café' }".encode("latin-1"))
    (root / "not-a-snapshot.kgsnap").write_text('{"schema_version": 1}', encoding="utf-8")
    snapshot = root / "view.kgsnap"
    assert main(["snapshot", "save", "--focus", "Acme", "--title", "t", "--data", str(root / "small.ttl"),
                 "-o", str(snapshot)]) == 0
    yield {
        "missing": str(root / "missing.ttl"),
        "folder": str(root / "folder"),
        "fifo": str(root / "fifo"),
        "socket": str(root / "socket"),
        "empty": str(root / "empty.ttl"),
        "garbage": str(root / "garbage.ttl"),
        "small": str(root / "small.ttl"),
        "query": str(root / "query.rq"),
        "table": str(root / "table.csv"),
        "latin1": str(root / "latin1.rq"),
        "bad snapshot": str(root / "not-a-snapshot.kgsnap"),
        "snapshot": str(snapshot),
        "out": str(root / "out.ttl"),
        "out folder": str(root / "folder" / "missing" / "out.ttl"),
    }
    listener.close()


# The arguments a command needs to do something (each runs with exit 0 or 1 as it is). A command
# without an entry is fuzzed from no arguments at all.
def _bases(files: dict[str, str]) -> dict[str, list[str]]:
    return {
        "gui": [],
        "stats": [],
        "search": ["China"],
        "describe": ["d:ChinaMobile"],
        "neighbors": ["d:Ningbo"],
        "path": ["d:Liu", "d:China"],
        "analyze": ["centrality", "--top", "3"],
        "risk": ["China Mobile"],
        "query": ["SELECT * WHERE { ?s ?p ?o } LIMIT 2"],
        "validate": ["--data", files["small"]],
        "export": ["--focus", "d:Ningbo", "-o", files["out"]],
        "snapshot": ["show", files["snapshot"]],
    }


class Hung(BaseException):
    """Raised by the watchdog; a BaseException, so the command line's own error handling cannot swallow it."""


@pytest.fixture(autouse=True)
def _watchdog():
    """A command that waits on a FIFO would hang the suite: :func:`run` fails the test instead."""
    def hung(signum, frame):
        raise Hung(f"the command did not finish within {COMMAND_SECONDS} s (waiting on a FIFO or a device?)")

    previous = signal.signal(signal.SIGALRM, hung)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


COMMAND_SECONDS = 60


def run(argv: list[str]) -> int:
    """``main(argv)`` under the watchdog."""
    signal.alarm(COMMAND_SECONDS)
    try:
        return main(argv)
    finally:
        signal.alarm(0)


@pytest.fixture(autouse=True)
def _offline_and_shared(bundled_graph, monkeypatch):
    """The bundled graph is shared; the GUI is a stand-in; no connection leaves the machine."""
    monkeypatch.setattr(KnowledgeGraph, "bundled", classmethod(lambda cls, backend=None: bundled_graph))
    fake_app = types.ModuleType("explorer.ui.app.application")
    fake_app.main = lambda files=None, argv=None, endpoint=None: 0  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "explorer.ui.app.application", fake_app)
    real_getaddrinfo = socket.getaddrinfo

    def loopback_only(host, *args, **kwargs):
        if host not in ("localhost", "127.0.0.1", "::1"):
            raise socket.gaierror(socket.EAI_NONAME, f"the fuzz test resolves no names ({host})")
        return real_getaddrinfo(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", loopback_only)
    monkeypatch.delenv("COLUMNS", raising=False)


def _actions(command: str) -> list[argparse.Action]:
    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction)).choices[command]
    return [a for a in sub._actions if not isinstance(a, (argparse._HelpAction, argparse._VersionAction))]


COMMANDS = list(REGISTERED)  # every registered command, a new one included

NUMBERS = st.one_of(
    st.integers(min_value=-(10**40), max_value=10**40).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.sampled_from(["0", "-0", "-1", "1e308", "-1e308", "1e-320", "inf", "-inf", "nan", "0x10", " 7 ", "٣", "1_000",
                     "99999999999999999999999999999", "4294967296", "9223372036854775808", "-9223372036854775809"]),
)
TEXT = st.one_of(
    st.text(max_size=40),
    st.text(alphabet=st.sampled_from("\x00\x1b\x07\x9b\r\n\t\\\"'<>{}:@-_ #?/%\udcff\udc9b"), max_size=20),
    st.sampled_from(["", " ", "-", "--", "@", "@-", "http://", "http://[::1", "http://127.0.0.1:0/sparql",
                     "http://127.0.0.1:99999/", "ftp://x/", "file:///etc/passwd", "SELECT", "{", "<>", "d:", ":",
                     "_:b", "a" * 5000, "2024-02-30", "9999-12-31T25:61"]),
)


def _values(files: dict[str, str]) -> st.SearchStrategy[str]:
    paths = st.sampled_from(sorted(files.values()))
    return st.one_of(TEXT, NUMBERS, paths, paths.map(lambda p: "@" + p))


def assert_clean_exit(argv: list[str], code: int, out: str, err: str) -> None:
    assert code in (0, 1, 2), (argv, code, err)
    assert "Traceback" not in out + err, (argv, err)
    if code == 2:
        lines = err.split("\n")
        assert len(lines) == 2 and lines[1] == "" and lines[0].startswith("error: "), (argv, err)
        assert "internal error" not in err, (argv, err)


def test_every_base_command_line_runs(capsys, files):
    for command, base in _bases(files).items():
        code = run([command, *base])
        _, err = capsys.readouterr()
        assert code in (0, 1) and err == "", (command, err)


@pytest.mark.parametrize("command", COMMANDS)
def test_fuzzed_arguments_exit_cleanly(capsys, files, command):
    base = _bases(files).get(command, [])
    actions = _actions(command)
    values = _values(files)

    @settings(max_examples=60, deadline=None, database=None,
              suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
    @given(data=st.data())
    def fuzz(data: st.DataObject) -> None:
        argv = [command, *base]
        if data.draw(st.booleans(), label="through an endpoint"):
            # A closed loopback port: the endpoint options are read and checked, the connection is refused.
            argv += ["--endpoint", "http://127.0.0.1:9/sparql"]
        for _ in range(data.draw(st.integers(min_value=1, max_value=3), label="how many")):
            action = data.draw(st.sampled_from(actions), label="argument")
            value = data.draw(values, label="value")
            if not action.option_strings:  # a positional: change the one the base gives, or add one
                position = [a for a in actions if not a.option_strings].index(action) + 1
                argv = [*argv[:position], value, *argv[position + 1:]] if position < len(argv) else [*argv, value]
            elif action.nargs == 0:
                argv.append(action.option_strings[-1])
            else:
                argv += [data.draw(st.sampled_from(action.option_strings), label="spelling"), value]
        code = run(argv)
        out, err = capsys.readouterr()
        assert_clean_exit(argv, code, out, err)

    fuzz()


@pytest.mark.parametrize("argv", [
    ["query", "@{fifo}"], ["query", "@{socket}"], ["query", "@{folder}"], ["query", "@{latin1}"],
    ["stats", "--data", "{fifo}"], ["stats", "--data", "{socket}"], ["gui", "{fifo}"],
    ["validate", "--shapes", "{fifo}"], ["snapshot", "show", "{fifo}"], ["snapshot", "diff", "{snapshot}", "{fifo}"],
    ["export", "--snapshot", "{fifo}", "-o", "{out}"],
    ["export", "--focus", "d:Ningbo", "-o", "{fifo}", "--format", "ttl"],
    ["snapshot", "save", "--focus", "d:Ningbo", "-o", "{fifo}"],
    ["stats", "--endpoint", "http://[::1"], ["stats", "--endpoint", ""], ["stats", "--endpoint", "http://127.0.0.1:99999/"],
    ["stats", "--endpoint", "http://127.0.0.1:9/sparql", "--endpoint-timeout", "inf"],
    ["query", "SELECT * {}", "--timeout", "1e308"], ["search", "x\x00y"], ["stats", "--data", "a\x00b"],
    ["stats", "--edits", "{fifo}"], ["stats", "--edits", "{folder}"], ["search", "Acme", "--edits", "{socket}"],
    ["import", "{table}", "--mapping", "{fifo}", "--dry-run"], ["import", "{table}", "--mapping", "{folder}", "--dry-run"],
])
def test_special_files_and_odd_values_are_one_line(capsys, files, argv):
    """The cases that once hung, ate memory or ended in an internal error."""
    for name, path in files.items():
        argv = [part.replace("{" + name + "}", path) for part in argv]
    code = run(argv)
    out, err = capsys.readouterr()
    assert code == 2, (argv, code, out, err)
    assert_clean_exit(argv, code, out, err)
    assert Path(files["fifo"]).is_fifo() and Path(files["socket"]).is_socket()  # never replaced by a file


def test_non_utf8_argument_bytes_are_shown_escaped(capsys):
    """An argument that was not UTF-8 (surrogate-escaped by Python) prints as its bytes, escaped."""
    code = main(["search", "caf\udce9 \udc9b2J"])
    out, err = capsys.readouterr()
    assert code == 1 and err == ""
    assert out == 'No entity matches "caf\\xe9 \\x9b2J".\n'
