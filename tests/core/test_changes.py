from rdflib import Literal, URIRef

from explorer.core.changes import ChangeSet

S, P = URIRef("urn:s"), URIRef("urn:p")
A = (S, P, Literal("a"), None)
B = (S, P, Literal("b"), URIRef("urn:g"))


def test_of_cancels_a_quad_both_added_and_removed():
    change = ChangeSet.of(added=[A, B, A], removed=[B])
    assert change.added == (A,)
    assert change.removed == ()


def test_inverse_swaps_and_twice_is_identity():
    change = ChangeSet(added=(A,), removed=(B,), description="x")
    assert change.inverse() == ChangeSet(added=(B,), removed=(A,), description="x")
    assert change.inverse().inverse() == change


def test_then_composes_and_undoing_composition_is_empty():
    first = ChangeSet(added=(A,))
    second = ChangeSet(added=(B,), removed=(A,))
    combined = first.then(second)
    assert combined.added == (B,)
    assert combined.removed == ()
    assert combined.then(combined.inverse()).is_empty
