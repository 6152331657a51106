"""A hub's left-out links on a server are counted only up to a cap: the page says "1,000+
more" (and the CLI's JSON flags the figure as a lower bound) instead of waiting for the server
to count thousands of links; the exact figure is one more query, and paging still reaches
every link.

The server is a pyoxigraph store behind Python's HTTP server in this process (the
``OxigraphHttpEndpoint`` of conftest), so these tests need no installed server.
"""

from __future__ import annotations

import json

import pytest

from conftest import OxigraphHttpEndpoint
from explorer.cli import main
from explorer.core.backends.endpoint_queries import COUNT_CAP
from explorer.core.graph import KnowledgeGraph
from explorer.core.graph_model import count_text, fill_in_totals
from explorer.core.scene import Scene
from explorer.core.scene_items import more_node_id
from explorer.ui.inspector.inspector import LINK_LIMIT, InspectorWidget

E = "https://example.org/hub/"
HUB = E + "Hub"
MEMBERS = COUNT_CAP + 300  # incoming links: more than any page shown plus the cap
PLACES = 3  # outgoing links


@pytest.fixture(scope="module")
def hub_endpoint(tmp_path_factory):
    lines = ["@prefix e: <https://example.org/hub/> .",
             "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .",
             "@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .",
             'e:Hub rdfs:label "The hub" .']
    lines += [f'e:m{i} e:memberOf e:Hub ; rdfs:label "member {i}" .' for i in range(MEMBERS)]
    lines += [f'e:Hub e:locatedIn e:p{i} . e:p{i} rdfs:label "place {i}" .' for i in range(PLACES)]
    # Evidence records name the hub too; they are not links of it.
    lines += [f"e:r{i} a rdf:Statement ; rdf:subject e:m{i} ; rdf:predicate e:memberOf ; rdf:object e:Hub ."
              for i in range(5)]
    path = tmp_path_factory.mktemp("hub") / "hub.ttl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    endpoint = OxigraphHttpEndpoint([path])
    endpoint.files = [path]
    yield endpoint
    endpoint.close()


@pytest.fixture
def hub_graph(hub_endpoint) -> KnowledgeGraph:
    return KnowledgeGraph.connect(hub_endpoint.url, timeout=30)


def test_a_hub_past_the_cap_shows_a_lower_bound(hub_graph, hub_endpoint):
    hub_endpoint.queries.clear()
    around = hub_graph.neighbours(HUB, limit=25)
    assert len(around.incoming) == 25 and len(around.outgoing) == PLACES
    assert (around.omitted_incoming, around.omitted_incoming_at_least) == (COUNT_CAP, True)
    assert (around.omitted_outgoing, around.omitted_outgoing_at_least) == (0, False)
    assert around.omitted_at_least
    assert count_text(around.omitted, around.omitted_at_least) == "1,000+"
    # The server was asked to stop counting: no query counts every link.
    counts = [query for query in hub_endpoint.queries if "COUNT(*)" in query]
    assert len(counts) == 1 and f"LIMIT {25 + COUNT_CAP + 1}" in counts[0]


def test_a_rest_of_exactly_the_cap_is_exact(hub_graph):
    exact = hub_graph.neighbours(HUB, limit=MEMBERS - COUNT_CAP)
    assert (exact.omitted_incoming, exact.omitted_incoming_at_least) == (COUNT_CAP, False)
    one_more = hub_graph.neighbours(HUB, limit=MEMBERS - COUNT_CAP - 1)
    assert (one_more.omitted_incoming, one_more.omitted_incoming_at_least) == (COUNT_CAP, True)
    under = hub_graph.neighbours(HUB, limit=MEMBERS - 10)
    assert (under.omitted_incoming, under.omitted_incoming_at_least) == (10, False)


def test_the_exact_figure_is_one_query_away(hub_graph, hub_endpoint):
    around = hub_graph.neighbours(HUB, limit=25)
    hub_endpoint.queries.clear()
    assert hub_graph.link_totals(HUB) == (PLACES, MEMBERS)
    assert len(hub_endpoint.queries) == 1
    fill_in_totals(around, hub_graph.link_totals(HUB))
    assert (around.omitted_incoming, around.omitted_incoming_at_least) == (MEMBERS - 25, False)
    # The embedded store counts exactly to begin with, and agrees.
    embedded = KnowledgeGraph()
    embedded.load(hub_endpoint.files)
    assert embedded.link_totals(HUB) == (PLACES, MEMBERS)
    local = embedded.neighbours(HUB, limit=25)
    assert (local.omitted_incoming, local.omitted_incoming_at_least) == (MEMBERS - 25, False)


def test_paging_still_reaches_every_link(hub_graph):
    everything = hub_graph.neighbours(HUB, limit=None)
    assert len(everything.incoming) == MEMBERS and len(everything.outgoing) == PLACES
    assert everything.omitted == 0 and not everything.omitted_at_least
    assert {e.other for e in everything.incoming} == {f"{E}m{i}" for i in range(MEMBERS)}
    # On the canvas, each expansion brings the next page, and its "+N more" is exact.
    scene = Scene()
    scene.expand(hub_graph, HUB, limit=25)
    assert scene.nodes[more_node_id(HUB)].more_count == MEMBERS + PLACES - 25
    scene.expand(hub_graph, HUB, limit=25)
    assert scene.nodes[more_node_id(HUB)].more_count == MEMBERS + PLACES - 50
    assert len([n for n in scene.nodes.values() if n.kind == "entity"]) == 51


def run(capsys, *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    return code, capsys.readouterr().out


def test_describe_json_flags_the_lower_bound(capsys, hub_endpoint):
    remote = ("--endpoint", hub_endpoint.url)
    code, out = run(capsys, "describe", HUB, "--limit", "10", "--no-evidence", "--format", "json", *remote)
    found = json.loads(out)
    assert code == 0 and len(found["incoming"]) == 10
    assert (found["omitted_incoming"], found["omitted_incoming_at_least"]) == (COUNT_CAP, True)
    assert (found["omitted_outgoing"], found["omitted_outgoing_at_least"]) == (0, False)
    code, out = run(capsys, "describe", HUB, "--limit", "10", "--no-evidence", *remote)
    assert code == 0 and f"Incoming links ({COUNT_CAP + 10:,}+):" in out
    assert "… and 1,000+ more (raise --limit to see them, --exact-counts to count them)" in out
    code, out = run(capsys, "describe", HUB, "--limit", "10", "--no-evidence", "--exact-counts", "--format", "json",
                    *remote)
    found = json.loads(out)
    assert (found["omitted_incoming"], found["omitted_incoming_at_least"]) == (MEMBERS - 10, False)
    code, out = run(capsys, "neighbors", HUB, "--limit", "10", "--format", "json", *remote)
    found = json.loads(out)
    assert (found["omitted"], found["omitted_at_least"]) == (COUNT_CAP, True)


def test_the_inspector_says_1000_plus_then_fills_in_the_count(qtbot, hub_graph):
    inspector = InspectorWidget()
    qtbot.addWidget(inspector)
    inspector.set_graph(hub_graph)
    counted: list[str] = []
    real = hub_graph.link_totals

    def counting(entity: str, *, include_schema: bool = False) -> tuple[int, int]:
        counted.append(entity)
        return real(entity, include_schema=include_schema)

    hub_graph.link_totals = counting
    with qtbot.waitSignal(inspector.sig_entity_shown, timeout=60000):
        inspector.show_entity(HUB)
    # What was first shown: the capped figure, honestly marked.
    description = hub_graph.describe(HUB, limit=LINK_LIMIT)
    assert description.omitted_incoming_at_least
    first = inspector._html(description)
    assert f"({COUNT_CAP + LINK_LIMIT:,}+)" in first and "… and 1,000+ more not listed here" in first
    # Then, from a worker, the exact figure.
    exact = MEMBERS - LINK_LIMIT
    qtbot.waitUntil(lambda: f"… and {exact:,} more not listed here" in inspector.plain_text(), timeout=60000)
    assert counted == [HUB]
    assert f"Links to it ({MEMBERS:,})" in inspector.plain_text()
    assert "1,000+" not in inspector.plain_text()


def test_the_more_neighbours_list_says_1000_plus(qtbot, monkeypatch, hub_graph):
    from explorer.ui.canvas import more_neighbours

    monkeypatch.setattr(more_neighbours, "LIST_LIMIT", 25)  # a hub far past the list, cheaply
    scene = Scene()
    scene.expand(hub_graph, HUB, limit=5)
    dialog = more_neighbours.MoreNeighboursDialog(hub_graph, scene, HUB)
    qtbot.addWidget(dialog)
    assert dialog.summary.text().endswith("(and 1,000+ more beyond this list)")
