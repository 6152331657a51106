"""The SPARQL workbench against a server: updates, when allowed, go to the server as sent."""

from __future__ import annotations

import pytest

from explorer.core.graph import KnowledgeGraph
from explorer.services.query_library import QueryLibrary
from explorer.services.settings import Settings
from explorer.ui.sparql.query_workbench import QueryWorkbenchWidget

SCRATCH = "urn:kg-explorer:test:workbench"


@pytest.mark.endpoint
def test_workbench_sends_an_allowed_update_to_the_server(qtbot, tmp_path, virtuoso):
    settings = Settings()
    settings.allow_update = True
    writer = KnowledgeGraph.connect(virtuoso.url, allow_update=True, update_url=virtuoso.auth_url,
                                    auth=("digest", "dba", "dba"))
    workbench = QueryWorkbenchWidget(settings, QueryLibrary(tmp_path / "library"))
    qtbot.addWidget(workbench)
    workbench.set_graph(writer)
    insert = f'INSERT DATA {{ GRAPH <{SCRATCH}> {{ <http://e/wb> <http://e/p> "from the workbench" }} }}'
    with qtbot.waitSignal(workbench.sig_query_finished, timeout=30000) as finished:
        workbench.run_query(insert)
    assert finished.args[0].kind == "update"
    assert workbench.status.text().startswith("Update applied on the server")
    assert not workbench.undo_stack  # nothing recorded that could pretend to undo it
    reader = KnowledgeGraph.connect(virtuoso.url, default_graph=SCRATCH)
    assert reader.query('ASK { <http://e/wb> <http://e/p> "from the workbench" }').boolean is True
