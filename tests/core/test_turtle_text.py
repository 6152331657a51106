"""Turtle spelled from strings means what the rdflib terms it replaces mean, for odd values too."""

from __future__ import annotations

import pytest
from rdflib import Literal, URIRef

from explorer.core import turtle_text
from explorer.core.backends.rdf_text import ntriples_term, parse_turtle

XSD = "http://www.w3.org/2001/XMLSchema#"
ODD_STRINGS = ["", "plain", 'a "quote"', "back\\slash", "two\nlines", "cr\rlf", "tab\there", "\x00\x01\x1f\x7f",
               "line\u2028sep\u2029para\x85nel", "华为技术有限公司", "emoji 😀", "trailing \\", "\\u0041 stays"]


def _object(spelled: str) -> object:
    [(_, _, value)] = parse_turtle(f"<urn:s> <urn:p> {spelled} .")
    return value


@pytest.mark.parametrize("text", ODD_STRINGS)
def test_a_string_reads_back_as_itself_on_one_line(text: str) -> None:
    for language in (None, "en", "zh-Hans"):
        spelled = turtle_text.string(text, language)
        assert "\n" not in spelled and len(spelled.splitlines()) <= 1
        assert _object(spelled) == Literal(text, lang=language)
        assert ntriples_term(_object(spelled)) == ntriples_term(Literal(text, lang=language))


@pytest.mark.parametrize(("lexical", "datatype"), [
    ("007", "integer"), ("+5", "integer"), ("-0", "integer"), ("12345678901234567890", "integer"), ("٣", "integer"),
    ("1.50", "decimal"), ("1e3", "double"), ("NaN", "double"), ("1", "boolean"), ("TRUE", "boolean"),
    ("2020-01-05", "date"), ("2020", "gYear"), ("2020-06", "gYearMonth"), ("x", "string"), ("abc", "integer")])
def test_a_typed_value_is_the_statement_rdflib_made(lexical: str, datatype: str) -> None:
    made = Literal(lexical, datatype=URIRef(XSD + datatype))  # what the builder made before (normalised)
    assert ntriples_term(_object(turtle_text.typed(lexical, XSD + datatype))) == ntriples_term(made)
    assert turtle_text.term(made) == turtle_text.typed(lexical, XSD + datatype)


@pytest.mark.parametrize("text", ["https://example.org/a b", "relative/name", "https://example.org/<x>", "urn:a\nb", ""])
def test_what_is_not_an_iri_is_refused(text: str) -> None:
    with pytest.raises(turtle_text.SpellingError, match="is not an IRI"):
        turtle_text.iri(text)


def test_iris_and_language_tags() -> None:
    assert _object(turtle_text.iri("https://w3id.org/kg-explorer/data/华为")) == URIRef("https://w3id.org/kg-explorer/data/华为")
    with pytest.raises(turtle_text.SpellingError, match="not a language tag"):
        turtle_text.string("x", "en gb")
