"""`kg-explorer --smoke` — the bundle's self-test — passes in the source tree too."""

from __future__ import annotations

from explorer.cli import main


def test_smoke_mode_loads_searches_finds_the_chain_and_exports(qapp, capsys, monkeypatch):
    # The smoke run points settings at its own scratch folder; the fixture restores the env.
    monkeypatch.setenv("KG_EXPLORER_CONFIG_DIR", "unused")
    assert main(["--smoke"]) == 0
    out = capsys.readouterr().out
    assert "ok  load bundled graph" in out
    assert "China Mobile —has branch→ China Mobile Zhejiang —established→ Zhejiang 5G industry alliance" in out
    assert "smoke.html" in out and "smoke.png" in out
    assert "terminal —operatedBy→ PetroChina Dalian LNG" in out
    assert out.rstrip().splitlines()[-1].startswith("smoke test passed")
