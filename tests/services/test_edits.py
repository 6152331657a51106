"""The edits file: the analyst's graph saved as TriG, reopened over the sources, never tearing."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from rdflib import Dataset, URIRef
from rdflib.namespace import RDF

import explorer.core.curation.store_access as store_access
from explorer.core.curation import Background, CurationCommand, Curator, NewSource, Provenance, Quoted, Value
from explorer.core.graph import KnowledgeGraph
from explorer.core.vocab import DATA, KG, ORG
from explorer.services.edits import EditsFile, EditsFileError, pending_recoveries, read_edits

ROOT = Path(__file__).resolve().parents[2]


def curate(kg: KnowledgeGraph, edits: EditsFile) -> tuple[URIRef, list[CurationCommand]]:
    curator = Curator(kg, Provenance("Ada Analyst"), graph=edits.graph)
    iri, change = curator.add_entity("China Unicom", "TelecomOperator", label_zh="中国联通",
                                     evidence=Background("China Unicom is a Chinese telecom operator."))
    commands = [CurationCommand(kg, change, edits.record)]
    commands[-1].redo()
    change = curator.add_fact("China Unicom", "member of", Value("Zhejiang 5G industry alliance"),
                              evidence=Quoted(NewSource("Zhejiang 5G report", date="2024-03"),
                                              "China Unicom joined", sentence=1))
    commands.append(CurationCommand(kg, change, edits.record))
    commands[-1].redo()
    fact = (URIRef(DATA.ChinaMobileZhejiang), KG.established, URIRef(DATA.Zhejiang5GIndustryAlliance))
    commands.append(CurationCommand(kg, curator.retract_fact(fact, reason=Background("test")), edits.record))
    commands[-1].redo()
    return iri, commands


def test_save_then_reopen_sources_plus_edits_gives_the_same_graph(tmp_path):
    kg = KnowledgeGraph.bundled()
    edits = EditsFile(kg, URIRef("https://w3id.org/kg-explorer/edits/AdaAnalyst"))
    iri, _ = curate(kg, edits)
    assert edits.dirty
    saved = edits.save(tmp_path / "my-edits.trig")
    assert not edits.dirty and saved.exists()
    reopened = KnowledgeGraph.bundled()
    again = EditsFile.open(reopened, saved)
    assert set(store_access.quads(reopened, None, None, None)) == set(store_access.quads(kg, None, None, None))
    assert reopened.evidence(str(iri), str(ORG.memberOf), str(DATA.Zhejiang5GIndustryAlliance))
    assert not again.dirty and again.graph == edits.graph


def test_the_edits_file_alone_is_a_dataset_any_tool_reads(tmp_path):
    kg = KnowledgeGraph.bundled()
    edits = EditsFile(kg, URIRef("https://w3id.org/kg-explorer/edits/AdaAnalyst"))
    iri, _ = curate(kg, edits)
    path = edits.save(tmp_path / "alone.trig")
    dataset = Dataset()
    dataset.parse(path, format="trig")
    names = {str(g.identifier) for g in dataset.graphs()}
    assert "https://w3id.org/kg-explorer/edits/AdaAnalyst" in names
    assert "https://w3id.org/kg-explorer/edits/AdaAnalyst/retracted" in names
    alone = KnowledgeGraph()
    alone.load([path])
    assert str(KG.TelecomOperator) in alone.types(str(iri))


def test_undo_everything_and_the_file_is_empty_again(tmp_path):
    kg = KnowledgeGraph.bundled()
    edits = EditsFile(kg, URIRef("https://w3id.org/kg-explorer/edits/AdaAnalyst"))
    _, commands = curate(kg, edits)
    for command in reversed(commands):
        command.undo()
    assert edits.is_empty()
    assert not read_edits(edits.save(tmp_path / "e.trig")).added


def test_a_source_is_never_overwritten(tmp_path):
    source = tmp_path / "source.ttl"
    source.write_text("<urn:a> <urn:p> <urn:b> .\n")
    kg = KnowledgeGraph()
    kg.load([source])
    with pytest.raises(EditsFileError, match="one of the opened sources"):
        EditsFile(kg, URIRef("urn:g")).save(source)
    with pytest.raises(EditsFileError, match="choose a file"):
        EditsFile(kg, URIRef("urn:g")).save()
    assert source.read_text() == "<urn:a> <urn:p> <urn:b> .\n"


@pytest.mark.parametrize("text, message", [
    ("this is not trig {", "not a TriG dataset"),
    ("<urn:a> <urn:p> <urn:b> .", "statements outside a named graph"),
    ("<urn:g1> { <urn:a> <urn:p> <urn:b> } <urn:g2> { <urn:a> <urn:p> <urn:c> }", "2 graphs of additions"),
])
def test_a_file_that_is_not_an_edits_dataset_gets_one_clear_message(tmp_path, text, message):
    path = tmp_path / "bad.trig"
    path.write_text(text)
    kg = KnowledgeGraph.bundled()
    before = len(kg)
    with pytest.raises(EditsFileError, match=message) as error:
        EditsFile.open(kg, path)
    assert str(path) in str(error.value) and "\n" not in str(error.value)
    assert len(kg) == before


def test_unsaved_edits_are_kept_for_recovery_until_saved(tmp_path):
    kg = KnowledgeGraph.bundled()
    edits = EditsFile(kg, URIRef("https://w3id.org/kg-explorer/edits/AdaAnalyst"))
    edits.start_recovery(tmp_path / "recovery", sources=["bundled"])
    curate(kg, edits)
    assert edits.recovery_path is not None and edits.recovery_path.exists()
    copy = read_edits(edits.recovery_path)
    assert copy.meta["sources"] == ["bundled"] and copy.added
    # Another process (the next start) finds it; this one does not list its own.
    assert pending_recoveries(tmp_path / "recovery") == []
    crashed = edits.recovery_path.with_name("edits-1-1" + edits.recovery_path.suffix)
    edits.recovery_path.rename(crashed)
    [(path, found)] = pending_recoveries(tmp_path / "recovery")
    assert path == crashed and found.graph == edits.graph
    edits.recovery_path = crashed
    edits.save(tmp_path / "saved.trig")
    assert not crashed.exists()


SAVER = textwrap.dedent(
    """
    import os, sys
    from pathlib import Path
    from rdflib import Literal, URIRef
    from rdflib.namespace import RDFS
    import explorer.core.curation.store_access as store_access
    from explorer.core.changes import ChangeSet
    from explorer.core.graph import KnowledgeGraph
    from explorer.services.edits import EditsFile

    target, first = Path(sys.argv[1]), int(sys.argv[2])
    graph = URIRef("https://w3id.org/kg-explorer/edits/Kill")
    kg = KnowledgeGraph()
    edits = EditsFile(kg, graph)
    real_fsync = os.fsync

    def say(*words):
        os.write(1, (" ".join(str(w) for w in words) + "\\n").encode())

    def paused_fsync(descriptor):
        say("fsync")
        os.read(0, 2)
        real_fsync(descriptor)

    os.fsync = paused_fsync
    for generation in range(1, first + 40):
        quads = [(URIRef(f"urn:e{generation}-{i}"), RDFS.label, Literal("x" * 200), graph) for i in range(50)]
        change = ChangeSet(added=tuple(quads))
        store_access.apply(kg, change)
        edits.record(change)
        if generation >= first:
            say("saving", generation)
            edits.save(target)
            say("saved", generation)
    """
)


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL")
def test_a_kill_during_save_leaves_the_edits_file_whole(tmp_path):
    script = tmp_path / "saver.py"
    script.write_text(SAVER)
    target = tmp_path / "edits.trig"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    rng = random.Random(1405)
    for round_number in range(6):
        first = 2 + round_number
        child = subprocess.Popen([sys.executable, str(script), str(target), str(first)], stdin=subprocess.PIPE,
                                 stdout=subprocess.PIPE, env=env, text=True, bufsize=1)
        assert child.stdin is not None and child.stdout is not None
        kill_at, saving, saved = rng.randint(1, 9), None, None
        for count, line in enumerate(child.stdout, 1):
            words = line.split()
            if words[0] == "saving":
                saving = int(words[1])
            elif words[0] == "saved":
                saved = int(words[1])
            if count == kill_at:
                child.send_signal(signal.SIGKILL)
                break
            if words[0] == "fsync":
                child.stdin.write("c\n")
                child.stdin.flush()
        child.wait()
        assert child.returncode == -signal.SIGKILL
        if saving is None:
            continue
        edits = read_edits(target)  # whole: parses, one graph
        generations = {int(str(s).split("-")[0][5:]) for s, _, _, _ in edits.added}
        assert generations == set(range(1, max(generations) + 1))  # every generation saved, none half
        assert max(generations) in {saving, saving - 1, saved}
        assert len(edits.added) == 50 * max(generations)
        assert all(p != RDF.type for _, p, _, _ in edits.added)


def _values(quads) -> set:
    """Quads by their terms' values (the store may spell a time "Z" that came as "+00:00")."""
    from rdflib import Literal

    return {tuple(t.toPython() if isinstance(t, Literal) else t for t in q) for q in quads}


def test_the_recovery_journal_grows_by_each_change_and_continues_the_saved_file(tmp_path, monkeypatch):
    import explorer.services.edits as edits_module

    monkeypatch.setattr(edits_module, "_NAMED_AGAIN_FROM", 1)
    kg = KnowledgeGraph.bundled()
    edits = EditsFile(kg, URIRef("https://w3id.org/kg-explorer/edits/AdaAnalyst"))
    edits.start_recovery(tmp_path / "recovery", sources=["bundled"])
    curate(kg, edits)
    edits.save(tmp_path / "saved.trig")
    edits.start_recovery(tmp_path / "recovery", sources=["bundled"])
    assert edits.recovery_path is not None and not edits.recovery_path.exists()
    curator = Curator(kg, Provenance("Ada Analyst"), graph=edits.graph)
    _, change = curator.add_entity("Zhejiang Mobile Lab", "Organization", evidence=Background("a lab"))
    command = CurationCommand(kg, change, edits.record)
    command.redo()
    first = edits.recovery_path.stat().st_size
    command.undo()
    command.redo()
    # Each change appends what it holds, an Undo or Redo of it one line: the journal does not hold
    # the saved edits again.
    assert edits.recovery_path.stat().st_size < first + 20
    assert "China Unicom" not in edits.recovery_path.read_text(encoding="utf-8")
    now = _values(store_access.quads(kg, None, None, None, edits.graph))
    copy = read_edits(edits.recovery_path)
    assert _values(copy.added) == now and set(copy.retracted) == set(edits.retracted) and copy.retracted
    # A change cut short by a crash (no end line) is left out; the whole ones stay.
    text = edits.recovery_path.read_text(encoding="utf-8")
    edits.recovery_path.write_text(text + "R 0\nA 2\n<urn:a> <urn:b> <urn:c> <urn:g> .\n", encoding="utf-8")
    assert _values(read_edits(edits.recovery_path).added) == now
    edits.recovery_path.write_text(text + "= 1 -\n= 1", encoding="utf-8")  # undone, then a redo cut short
    assert _values(read_edits(edits.recovery_path).added) == now - _values(change.added)
    edits.recovery_path.write_text(text, encoding="utf-8")
    # The saved file it continues has changed since: the journal no longer says what the edits are.
    (tmp_path / "saved.trig").write_text("# changed\n", encoding="utf-8")
    with pytest.raises(EditsFileError, match="has changed or is gone"):
        read_edits(edits.recovery_path)
