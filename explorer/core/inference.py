"""RDFS and OWL 2 RL inference, kept apart from the asserted facts.

Inferred triples are materialised with owlrl into one named graph,
:data:`INFERRED_GRAPH`. Everything that reads the store — queries (whose default graph is
the union of all graphs), the browser, neighbours, paths — sees them while that graph
exists; dropping the graph turns inference off again and leaves the asserted facts
exactly as they were.

Only conclusions an analyst can use are kept: owlrl also derives tautologies
(``x owl:sameAs x``, ``x a rdfs:Resource``, literals as subjects) that would only add noise.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from rdflib import BNode, URIRef
from rdflib import Literal as RdfLiteral
from rdflib.namespace import OWL, RDF, RDFS

from explorer.core.changes import ChangeSet
from explorer.core.errors import Cancelled, ExplorerError
from explorer.core.tasks import CancelToken, Progress
from explorer.core.vocab import INFERRED_GRAPH

if TYPE_CHECKING:
    from explorer.core.graph import KnowledgeGraph


Profile = Literal["rdfs", "owl-rl"]
PROFILES: dict[str, str] = {"rdfs": "RDFS", "owl-rl": "OWL 2 RL"}

_RDF, _RDFS, _OWL = str(RDF), str(RDFS), str(OWL)
_REFLEXIVE_NOISE = frozenset(
    (_OWL + "sameAs", _RDFS + "subClassOf", _RDFS + "subPropertyOf", _OWL + "equivalentClass", _OWL + "equivalentProperty")
)
_TRIVIAL_TYPES = frozenset((_RDFS + "Resource", _OWL + "Thing", _RDFS + "Datatype"))
_INFERRED_NODE = URIRef(INFERRED_GRAPH)


@dataclass(frozen=True)
class InferenceResult:
    """What one run of the reasoner added."""

    profile: str
    added: int
    elapsed: float

    def summary(self) -> str:
        return f"{PROFILES.get(self.profile, self.profile)} inference added {self.added} triple(s)"


def is_materialised(kg: KnowledgeGraph) -> bool:
    """Whether the graph currently holds inferred triples (the "include inferred" switch is on)."""
    local = kg.local
    return local is not None and INFERRED_GRAPH in local.named_graphs()


def inferred_count(kg: KnowledgeGraph) -> int:
    """How many triples the inferred graph holds (0 when inference is off)."""
    if not is_materialised(kg):
        return 0
    return sum(1 for _ in kg.quads(None, None, None, _INFERRED_NODE))


def _writable_local(kg: KnowledgeGraph) -> None:
    if kg.local is None or not kg.can_write:
        raise ExplorerError("inference needs a graph held here; a remote endpoint does its own reasoning")


def drop_inferred(kg: KnowledgeGraph) -> int:
    """Remove every inferred triple; the asserted ones stay as they were. Returns how many went."""
    if not is_materialised(kg):
        return 0
    inferred = tuple(kg.quads(None, None, None, _INFERRED_NODE))
    kg.apply_changes(ChangeSet(removed=inferred, description="Drop inferred triples"))
    return len(inferred)


def materialise(
    kg: KnowledgeGraph,
    profile: Profile = "rdfs",
    *,
    progress: Progress | None = None,
    cancel: CancelToken | None = None,
) -> InferenceResult:
    """Compute the RDFS or OWL 2 RL closure of the asserted facts into :data:`INFERRED_GRAPH`.

    Earlier inferred triples are replaced. On cancel nothing changes: the new triples are
    written only once the reasoner has finished.

    >>> from explorer.core.graph import KnowledgeGraph
    >>> kg = KnowledgeGraph()
    >>> kg.load_text('@prefix ex: <http://example.org/> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .'
    ...              ' ex:Cat rdfs:subClassOf ex:Animal . ex:tom a ex:Cat .', "turtle")
    >>> materialise(kg).added > 0
    True
    >>> kg.query("ASK { <http://example.org/tom> a <http://example.org/Animal> }").boolean
    True
    """
    if profile not in PROFILES:
        raise ExplorerError(f"unknown inference profile {profile!r}: use one of {', '.join(PROFILES)}")
    _writable_local(kg)
    report = progress or (lambda fraction, message: None)
    started = time.perf_counter()
    report(0.0, "Copying asserted facts for the reasoner")
    asserted = _asserted_graph(kg, cancel)
    originals = set(asserted)
    report(0.2, f"Reasoning ({PROFILES[profile]})")
    _run_cancellable(lambda: _expand(asserted, profile), cancel)
    report(0.9, "Storing inferred triples")
    known_nodes = {node for triple in originals for node in (triple[0], triple[2])}
    new_quads = [
        _to_quad(triple) for triple in asserted
        if triple not in originals and _worth_keeping(triple, known_nodes)
    ]
    if cancel is not None:
        cancel.raise_if_cancelled()
    earlier = tuple(kg.quads(None, None, None, _INFERRED_NODE))
    kg.apply_changes(ChangeSet.of(added=new_quads, removed=earlier, description=f"{PROFILES[profile]} inference"))
    if not new_quads:
        local = kg.local
        assert local is not None
        local.add_graph(INFERRED_GRAPH)  # an empty inferred graph still says "inference is on"
        kg.invalidate_caches()
    report(1.0, "Inference done")
    return InferenceResult(profile, len(new_quads), time.perf_counter() - started)


def set_include_inferred(
    kg: KnowledgeGraph,
    include: bool,
    profile: Profile = "rdfs",
    *,
    progress: Progress | None = None,
    cancel: CancelToken | None = None,
) -> InferenceResult | None:
    """Turn the "include inferred" switch on (materialise) or off (drop the inferred graph)."""
    if include:
        return materialise(kg, profile, progress=progress, cancel=cancel)
    drop_inferred(kg)
    return None


# ---------------------------------------------------------------------- helpers
def _asserted_graph(kg: KnowledgeGraph, cancel: CancelToken | None) -> Any:
    from rdflib import Graph

    graph = Graph()
    for index, (s, p, o, g) in enumerate(kg.quads()):
        if g == _INFERRED_NODE:
            continue
        if cancel is not None and index % 8192 == 0:
            cancel.raise_if_cancelled()
        graph.add((s, p, o))
    return graph


def _expand(graph: Any, profile: str) -> None:
    import owlrl

    semantics = owlrl.RDFS_Semantics if profile == "rdfs" else owlrl.OWLRL_Semantics
    owlrl.DeductiveClosure(semantics, axiomatic_triples=False, datatype_axioms=False).expand(graph)


def _run_cancellable(work: Any, cancel: CancelToken | None) -> None:
    """Run the reasoner in a helper thread so a cancel request is answered at once.

    owlrl cannot be interrupted: a cancelled run finishes in the background on its own
    copy of the facts, and its answer is dropped.
    """
    if cancel is None:
        work()
        return
    outcome: dict[str, BaseException] = {}
    done = threading.Event()

    def runner() -> None:
        try:
            work()
        except BaseException as error:  # handed back to the caller below
            outcome["error"] = error
        finally:
            done.set()

    threading.Thread(target=runner, name="owlrl-inference", daemon=True).start()
    while not done.wait(0.05):
        if cancel.cancelled:
            raise Cancelled("inference cancelled; the graph was left as it was")
    if "error" in outcome:
        raise ExplorerError(f"inference failed: {outcome['error']}") from outcome["error"]


def _worth_keeping(triple: tuple[Any, Any, Any], known_nodes: set[Any]) -> bool:
    subject, predicate, obj = triple
    if isinstance(subject, RdfLiteral):
        return False
    # Blank nodes the reasoner made up (literal proxies) mean nothing outside it.
    if isinstance(subject, BNode) and subject not in known_nodes:
        return False
    if isinstance(obj, BNode) and obj not in known_nodes:
        return False
    if subject == obj and str(predicate) in _REFLEXIVE_NOISE:
        return False
    return not (str(predicate) == _RDF + "type" and str(obj) in _TRIVIAL_TYPES)


def _to_quad(triple: tuple[Any, Any, Any]) -> tuple[Any, Any, Any, URIRef]:
    subject, predicate, obj = triple
    return subject, predicate, obj, _INFERRED_NODE


def inferred_triples(kg: KnowledgeGraph) -> Iterable[tuple[str, str, str]]:
    """The inferred triples as (subject, predicate, object) N-Triples-like strings, for display."""
    for s, p, o, _ in kg.quads(None, None, None, _INFERRED_NODE):
        yield s.n3(), p.n3(), o.n3()
