"""Browser: search suggestions (debounced, ranked, keyboard) and the class tree with paged instances."""

from __future__ import annotations

from PySide6.QtCore import Qt

from explorer.ui.browser import class_tree
from explorer.ui.browser.browser import BrowserWidget
from explorer.ui.browser.class_tree import ClassTreeModel, IriRole, KindRole

D = "https://w3id.org/kg-explorer/data/"
KG = "https://w3id.org/kg-explorer/ontology#"


def test_suggestions_appear_as_you_type(qtbot, bundled_graph):
    browser = BrowserWidget()
    qtbot.addWidget(browser)
    browser.set_graph(bundled_graph)
    assert browser.pages.currentIndex() == 0
    qtbot.keyClicks(browser.search_box, "china mob")
    qtbot.waitUntil(lambda: browser.pages.currentIndex() == 1, timeout=3000)
    assert browser.suggestions()[0] == D + "ChinaMobile"
    assert "telecom operator" in browser.results_model.rows[0].text


def test_enter_activates_the_best_match_and_escape_clears(qtbot, bundled_graph):
    browser = BrowserWidget()
    qtbot.addWidget(browser)
    browser.set_graph(bundled_graph)
    browser.search_box.setText("中国移动")
    with qtbot.waitSignal(browser.sig_entity_activated, timeout=3000) as blocker:
        qtbot.keyClick(browser.search_box, Qt.Key.Key_Return)
    assert blocker.args == [D + "ChinaMobile"]
    qtbot.keyClick(browser.search_box, Qt.Key.Key_Escape)
    assert browser.search_box.text() == ""
    browser.refresh_search()
    assert browser.pages.currentIndex() == 0


def test_no_match_says_so(qtbot, bundled_graph):
    browser = BrowserWidget()
    qtbot.addWidget(browser)
    browser.set_graph(bundled_graph)
    browser.search("zzzzqqqq")
    assert browser.suggestions() == []
    assert not browser.no_results.isHidden()


def test_class_tree_counts_and_instances(qtbot, bundled_graph):
    model = ClassTreeModel()
    model.set_graph(bundled_graph)
    index = model.index_of_class("https://w3id.org/kg-explorer/ontology#TelecomOperator")
    assert index.isValid()
    assert "(" in index.data() and index.data(KindRole) == "class"
    assert model.hasChildren(index)
    assert model.canFetchMore(index)
    model.fetchMore(index)
    instances = [model.index(r, 0, index) for r in range(model.rowCount(index))
                 if model.index(r, 0, index).data(KindRole) == "instance"]
    assert D + "ChinaMobile" in [i.data(IriRole) for i in instances]
    assert not model.canFetchMore(index)


def test_instances_are_paged(qtbot, bundled_graph, monkeypatch):
    monkeypatch.setattr(class_tree, "PAGE_SIZE", 1)
    model = ClassTreeModel()
    model.set_graph(bundled_graph)
    index = model.index_of_class("https://w3id.org/kg-explorer/ontology#TelecomOperator")
    direct = bundled_graph.class_hierarchy()["https://w3id.org/kg-explorer/ontology#TelecomOperator"].direct_count
    assert direct > 1
    subclasses = model.rowCount(index)
    model.fetchMore(index)
    assert model.rowCount(index) == subclasses + 1
    while model.canFetchMore(index):
        model.fetchMore(index)
    assert model.rowCount(index) == subclasses + direct


def test_empty_classes_hidden_unless_asked(qtbot, bundled_graph):
    model = ClassTreeModel()
    model.set_graph(bundled_graph)
    shown = model.rowCount()
    model.set_show_empty(True)
    assert model.rowCount() >= shown
    everything = []
    stack = [model.index(r, 0) for r in range(model.rowCount())]
    while stack:
        index = stack.pop()
        if index.data(KindRole) == "class":
            everything.append(index.data(IriRole))
            stack.extend(model.index(r, 0, index) for r in range(model.rowCount(index)))
    empty = [c.iri for c in bundled_graph.class_hierarchy().values() if c.total_count == 0]
    assert empty and set(empty) <= set(everything)
    # The domain comes first; alignment superclasses without instances follow it as their own roots.
    roots = [model.index(r, 0).data(IriRole) for r in range(model.rowCount())]
    assert roots[0] == KG + "Entity"
    assert {"https://schema.org/Event", "http://d3fend.mitre.org/ontologies/d3fend.owl#Vulnerability"} <= set(roots)


def test_classes_of_values_are_not_in_the_domain_tree(qtbot, bundled_graph):
    """kg:Forward (a value of the kg:exposureDirection annotation) and kg:unitQuarter (a unit of
    calendar descriptions) are individuals, but not things in the world: their classes are no roots."""
    from explorer.ui.browser.class_tree import is_value_class

    assert is_value_class(bundled_graph, KG + "ExposureDirection")
    assert is_value_class(bundled_graph, "http://www.w3.org/2006/time#TemporalUnit")
    assert not is_value_class(bundled_graph, KG + "TelecomOperator")
    assert not is_value_class(bundled_graph, KG + "Period")  # periods are linked with what they date
    model = ClassTreeModel()
    model.set_graph(bundled_graph)
    for show_empty in (False, True):
        model.set_show_empty(show_empty)
        iris = {iri for _, iri, _ in _class_rows(model)}
        assert KG + "ExposureDirection" not in iris and "http://www.w3.org/2006/time#TemporalUnit" not in iris
        assert KG + "Period" in iris


def test_a_class_of_values_in_a_foreign_graph(qtbot):
    from explorer.core.graph import KnowledgeGraph
    from explorer.ui.browser.class_tree import is_value_class

    kg = KnowledgeGraph()
    kg.load_text("""
        @prefix ex: <http://example.org/> . @prefix owl: <http://www.w3.org/2002/07/owl#> .
        @prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
        ex:level a owl:AnnotationProperty . ex:Level a owl:Class . ex:high a ex:Level .
        ex:partOf a owl:ObjectProperty ; ex:level ex:high .
        ex:Thing a owl:Class . ex:a a ex:Thing . ex:b a ex:Thing . ex:a ex:partOf ex:b .
        ex:c a ex:Thing .  # linked with nothing but its evidence record: still a thing
        ex:record a rdf:Statement ; rdf:subject ex:c ; rdf:predicate rdf:type ; rdf:object ex:Thing .
    """, "turtle")
    model = ClassTreeModel()
    model.set_graph(kg)
    roots = [model.index(r, 0).data(IriRole) for r in range(model.rowCount())]
    assert roots == ["http://example.org/Thing"]
    assert is_value_class(kg, "http://example.org/Level") and not is_value_class(kg, "http://example.org/Thing")


def test_activating_a_tree_instance_emits_it(qtbot, bundled_graph):
    browser = BrowserWidget()
    qtbot.addWidget(browser)
    browser.set_graph(bundled_graph)
    index = browser.tree_model.index_of_class("https://w3id.org/kg-explorer/ontology#TelecomOperator")
    browser.tree_model.fetchMore(index)
    child = next(browser.tree_model.index(r, 0, index) for r in range(browser.tree_model.rowCount(index))
                 if browser.tree_model.index(r, 0, index).data(KindRole) == "instance")
    with qtbot.waitSignal(browser.sig_entity_activated, timeout=3000) as blocker:
        browser._on_tree_activated(child)
    assert blocker.args == [child.data(IriRole)]


def _class_rows(model):
    """Every class row of the tree as (label, iri, depth), depth first."""
    rows, stack = [], [(model.index(r, 0), 0) for r in reversed(range(model.rowCount()))]
    while stack:
        index, depth = stack.pop()
        if index.data(KindRole) == "class":
            rows.append((index.data(), index.data(IriRole), depth))
            stack.extend((model.index(r, 0, index), depth + 1) for r in reversed(range(model.rowCount(index))))
    return rows


def test_class_tree_is_one_domain_hierarchy(qtbot, bundled_graph):
    model = ClassTreeModel()
    model.set_graph(bundled_graph)
    rows = _class_rows(model)
    iris = [iri for _, iri, _ in rows]
    assert len(iris) == len(set(iris)), "a class with several parents is listed once"
    roots = [iri for _, iri, depth in rows if depth == 0]
    assert roots == [KG + "Entity"]
    assert not any(iri.startswith(("http://www.w3.org/", "http://www.w3.org/ns/")) for iri in iris)
    labels = {iri: text for text, iri, _ in rows}
    assert labels[KG + "TelecomOperator"] == "Telecom operator  (2)"
    assert labels[KG + "Entity"].endswith("(45)")  # the domain's entities; the ontology's named values are not among them
    parent_of = {}
    for index, (_, iri, depth) in enumerate(rows):
        parent_of[iri] = next((rows[j][1] for j in range(index - 1, -1, -1) if rows[j][2] == depth - 1), None)
    assert parent_of[KG + "Organization"] == KG + "Agent"
    assert parent_of[KG + "Source"] == KG + "Entity"


def test_no_class_row_counts_instances_and_opens_on_nothing(qtbot, bundled_graph):
    # a facility is an asset and a location; the bundled graph's one asset is a facility, so the asset row holds it
    model = ClassTreeModel()
    model.set_graph(bundled_graph)
    for _text, iri, _depth in _class_rows(model):
        index = model.index_of_class(iri)
        assert model.hasChildren(index), iri
    parents = {}
    rows = _class_rows(model)
    for position, (_, iri, depth) in enumerate(rows):
        parents[iri] = next((rows[j][1] for j in range(position - 1, -1, -1) if rows[j][2] == depth - 1), None)
    assert parents[KG + "Facility"] == KG + "Asset" and parents[KG + "Place"] == KG + "Location"


def test_foreign_graph_class_under_its_biggest_parent(qtbot):
    from explorer.core.graph import KnowledgeGraph

    kg = KnowledgeGraph()
    kg.load_text("""
        @prefix ex: <http://example.org/> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
        @prefix owl: <http://www.w3.org/2002/07/owl#> .
        ex:Small rdfs:subClassOf owl:Thing . ex:Big rdfs:subClassOf owl:Thing .
        ex:Both rdfs:subClassOf ex:Small, ex:Big .
        ex:a a ex:Both . ex:b a ex:Big . ex:c a ex:Big . ex:d a ex:Small .
    """, "turtle")
    model = ClassTreeModel()
    model.set_graph(kg)
    rows = _class_rows(model)
    assert [(iri, depth) for _, iri, depth in rows] == [
        ("http://example.org/Big", 0), ("http://example.org/Both", 1), ("http://example.org/Small", 0)]


def test_a_search_typed_while_the_labels_are_still_read_waits_off_the_gui_thread(qtbot, tmp_path, monkeypatch):
    import threading

    import explorer.core.backends.label_reading as label_reading
    from explorer.core.graph import KnowledgeGraph

    release, log = threading.Event(), []
    read = label_reading.read_label_index

    def held(store):
        release.wait(timeout=10)  # a search on the GUI thread would wait here until the timeout
        log.append("index read")
        return read(store)

    monkeypatch.setattr(label_reading, "read_label_index", held)
    data = tmp_path / "operators.ttl"
    data.write_text('<http://example.org/cm> <http://www.w3.org/2004/02/skos/core#prefLabel> "China Mobile"@en .\n',
                    encoding="utf-8")
    kg = KnowledgeGraph()
    kg.load([data])
    browser = BrowserWidget()
    qtbot.addWidget(browser)
    browser.set_graph(kg)
    browser.search("china")
    log.append("search box answered")
    release.set()
    qtbot.waitUntil(lambda: browser.suggestions() == ["http://example.org/cm"], timeout=5000)
    assert log == ["search box answered", "index read"]
