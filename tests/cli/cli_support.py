"""What the command-line tests share: running a command in-process and reading what it printed."""

from __future__ import annotations

import pytest

from explorer.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """``kg-explorer ARGV`` in this process: its exit code, what it wrote on stdout and on stderr."""
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err
