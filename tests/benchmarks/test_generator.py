"""The benchmark graph generator: deterministic, the right size, and shaped like our graph."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

import pyoxigraph as ox
import pytest


@pytest.fixture(scope="module")
def small_graph(generate: ModuleType, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("generated")
    nt, ttl = folder / "g.nt", folder / "g.ttl"
    generate.write(nt, 10_000, "nt", seed=5)
    generate.write(ttl, 10_000, "ttl", seed=5)
    return nt, ttl


def _store(path: Path) -> ox.Store:
    store = ox.Store()
    store.load(path=str(path), format=ox.RdfFormat.N_TRIPLES if path.suffix == ".nt" else ox.RdfFormat.TURTLE)
    return store


def test_same_seed_same_bytes_other_seed_other_graph(generate: ModuleType, small_graph: tuple[Path, Path],
                                                       tmp_path: Path) -> None:
    again, other = tmp_path / "again.nt", tmp_path / "other.nt"
    generate.write(again, 10_000, "nt", seed=5)
    generate.write(other, 10_000, "nt", seed=6)
    assert again.read_bytes() == small_graph[0].read_bytes()
    assert other.read_bytes() != small_graph[0].read_bytes()


@pytest.mark.parametrize("target", [10_000, 25_000])
def test_size_is_within_two_percent_and_both_formats_hold_the_same_triples(generate: ModuleType, tmp_path: Path,
                                                                           target: int) -> None:
    nt, ttl = tmp_path / "g.nt", tmp_path / "g.ttl"
    written = generate.write(nt, target, "nt")
    generate.write(ttl, target, "ttl")
    nt_store, ttl_store = _store(nt), _store(ttl)
    assert abs(len(nt_store) - target) <= target * generate.TOLERANCE
    assert len(nt_store) == written
    assert set(nt_store) == set(ttl_store)


def test_graph_has_our_classes_evidence_and_chinese_labels(small_graph: tuple[Path, Path]) -> None:
    from explorer.core.graph import KnowledgeGraph

    kg = KnowledgeGraph()
    kg.load([small_graph[1]])
    hierarchy = kg.class_hierarchy()
    kg_ns = "https://w3id.org/kg-explorer/ontology#"
    for cls in ("TelecomOperator", "DeviceVendor", "IndustryAlliance", "Hospital", "IndustrialInternetPlatform",
                "CyberRisk", "Impact", "Person", "Observation", "Province", "City"):
        assert hierarchy[kg_ns + cls].direct_count > 0, cls
    alliance = "https://w3id.org/kg-explorer/data/g0-Alliance"
    branch = "https://w3id.org/kg-explorer/data/g0-Branch0"
    evidence = kg.evidence(branch, kg_ns + "established", alliance)
    assert evidence and evidence[0].quote and evidence[0].sentence_index is not None
    background = kg.query("ASK { ?r <https://w3id.org/kg-explorer/ontology#isBackground> true }")
    assert background.boolean
    chinese = [text for text, language, _ in kg.all_labels("https://w3id.org/kg-explorer/data/g0-Operator") if language == "zh"]
    assert chinese and all("\u4e00" <= ch <= "\u9fff" for ch in chinese[0])
    assert kg.search(chinese[0], 5)[0].entity == "https://w3id.org/kg-explorer/data/g0-Operator"
    assert any(hit.entity.endswith("g0-Operator") for hit in kg.search("china", 50))


def test_probes_name_a_hub_and_a_shortest_path_of_six_hops(generate: ModuleType, small_graph: tuple[Path, Path]) -> None:
    from explorer.core.graph import KnowledgeGraph
    from explorer.core.paths import find_paths

    kg = KnowledgeGraph()
    kg.load([small_graph[0]])
    probes = generate.probes()
    paths = find_paths(kg, probes["path_source"], probes["path_target"], mode="shortest", max_hops=6)
    assert paths and len(paths[0].hops) == 6
    assert not find_paths(kg, probes["path_source"], probes["path_target"], mode="shortest", max_hops=5)
    hub = kg.neighbours(probes["hub"], limit=10)
    assert hub.omitted_incoming > 10


def test_cli_writes_the_requested_format(generate: ModuleType, tmp_path: Path) -> None:
    out = tmp_path / "cli.ttl"
    assert generate.main(["--triples", "10k", "--format", "ttl", "--out", str(out)]) == 0
    assert out.read_text(encoding="utf-8").startswith("@prefix")
    assert len(_store(out)) >= 10_000
