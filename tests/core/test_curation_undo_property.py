"""Any sequence of curation edits followed by as many undos gives back the original graph, quad for quad."""

from __future__ import annotations

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from rdflib import URIRef

from explorer.core.curation import Background, CurationCommand, CurationError, Curator, Provenance, Quoted, Value, store_access
from explorer.core.graph import KnowledgeGraph
from explorer.core.vocab import DATA, KG

ENTITIES = ["China Mobile", "China Mobile Zhejiang", "Zhejiang 5G industry alliance", "hospital partners",
            "Ningbo", "Zhejiang", "industrial internet", "Strategy Analytics"]
PREDICATES = ["member of", "partnered with", "promotes", "based in", "located in", "established"]

edit = st.one_of(
    st.tuples(st.just("entity"), st.sampled_from(["Acme Port", "中国联通", "Hangzhou Lab"]),
              st.sampled_from(["City", "TelecomOperator", "ResearchInstitute", "Technology"])),
    st.tuples(st.just("fact"), st.sampled_from(ENTITIES), st.sampled_from(PREDICATES), st.sampled_from(ENTITIES)),
    st.tuples(st.just("quoted"), st.sampled_from(ENTITIES), st.sampled_from(PREDICATES), st.sampled_from(ENTITIES)),
    st.tuples(st.just("retract"), st.integers(0, 10_000)),
    st.tuples(st.just("merge"), st.sampled_from(ENTITIES), st.sampled_from(ENTITIES)),
)


def _facts(kg):
    return sorted({(s, p, o) for s, p, o, _ in store_access.quads(kg, None, None, None)
                   if isinstance(o, URIRef) and str(s).startswith(str(DATA)) and str(o).startswith(str(DATA))
                   and "/evidence/" not in str(s) and p != KG.memberKind})


_GRAPH = KnowledgeGraph.bundled()
_ORIGINAL = frozenset(store_access.quads(_GRAPH, None, None, None))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(edit, min_size=1, max_size=6))
def test_any_edits_then_as_many_undos_restore_every_quad(edits):
    kg = _GRAPH
    curator = Curator(kg, Provenance("Prop Tester"))
    done: list[CurationCommand] = []
    try:
        for step in edits:
            try:
                if step[0] == "entity":
                    _, change = curator.add_entity(step[1], step[2], evidence=Background("property test"))
                elif step[0] in ("fact", "quoted"):
                    evidence = (Quoted("d:Article5GIndustrialInternet", "Zhejiang")
                                if step[0] == "quoted" else Background("property test"))
                    change = curator.add_fact(step[1], step[2], Value(step[3]), evidence=evidence)
                elif step[0] == "retract":
                    facts = _facts(kg)
                    change = curator.retract_fact(facts[step[1] % len(facts)], reason=Background("property test"))
                else:
                    change = curator.merge_entities(step[1], step[2])
            except CurationError:
                event(f"{step[0]} refused")
                continue  # refused: nothing was applied, nothing to undo
            command = CurationCommand(kg, change)
            command.redo()
            done.append(command)
            event(f"{step[0]} applied")
    finally:
        for command in reversed(done):
            command.undo()
        assert frozenset(store_access.quads(kg, None, None, None)) == _ORIGINAL
