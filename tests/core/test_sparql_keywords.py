"""Variables and prefixed names that spell a keyword do not change what a query is taken for."""

from __future__ import annotations

import pytest

from explorer.core.errors import RefusedQuery
from explorer.core.sparql import QueryPolicy, query_kind, uses_service


def test_a_variable_or_prefixed_name_called_service_is_not_federation():
    assert not uses_service("SELECT ?service WHERE { ?service a ex:Service ; ex:service ?x }")
    assert QueryPolicy().check("SELECT ?service { ?s <http://e/p> ?service }") == "select"


def test_real_service_clauses_are_still_refused_in_any_case():
    for text in ("SELECT * { SERVICE <http://x> { ?s ?p ?o } }", "select * { service<http://x>{ ?s ?p ?o } }",
                 "SELECT * { SERVICE SILENT ?endpoint { ?s ?p ?o } }"):
        with pytest.raises(RefusedQuery, match="SERVICE"):
            QueryPolicy().check(text)


def test_prefix_declarations_including_the_empty_prefix_are_skipped():
    assert query_kind("PREFIX : <http://e/> PREFIX delete: <http://d/> SELECT * { ?s :p ?o }") == "select"
    assert query_kind("PREFIX insert: <http://e/> DELETE WHERE { ?s insert:p ?o }") == "update"
    assert query_kind("PREFIX ex: <http://e/> SELECT ?delete { ?delete ex:insert ?o }") == "select"
