"""The search index of an embedded store: its label triples read in one pass, and, right after
a load, read while the store counts what it holds.

Both happen once per load of a large graph: at a million triples reading the labels takes
about 0.4 s of the interpreter and counting the quads 0.2 s in the store, which lets go of
the interpreter lock while it counts. Done side by side, on two processor cores the count
costs no time of its own.
"""

from __future__ import annotations

import threading
from typing import Any

import pyoxigraph as ox

from explorer.core.backends.store_tools import count_quads
from explorer.core.collector import collector_paused
from explorer.core.search import LabelIndex
from explorer.core.vocab import LABEL_PREDICATES

_LABEL_NODES = tuple(ox.NamedNode(p) for p in LABEL_PREDICATES)


def read_label_index(store: ox.Store) -> LabelIndex:
    """Every literal label (skos:prefLabel, rdfs:label, skos:altLabel) of the store, all graphs."""
    entities: list[str] = []
    texts: list[str] = []
    languages: list[str] = []
    kinds: list[int] = []
    named, blank, literal = ox.NamedNode, ox.BlankNode, ox.Literal
    add_entity, add_text, add_language = entities.append, texts.append, languages.append
    for kind, predicate in enumerate(_LABEL_NODES):
        before = len(texts)
        for quad in store.quads_for_pattern(None, predicate, None, None):
            value = quad.object
            if type(value) is not literal:
                continue
            subject: Any = quad.subject
            kind_of_subject = type(subject)
            if kind_of_subject is named:
                add_entity(subject.value)
            elif kind_of_subject is blank:
                add_entity("_:" + subject.value)
            else:  # an RDF 1.2 triple term names no entity
                continue
            add_text(value.value)
            add_language(value.language or "")
        kinds.extend([kind] * (len(texts) - before))
    return LabelIndex.from_columns(entities, texts, languages, kinds)


def count_while_indexing(store: ox.Store) -> tuple[int, LabelIndex]:
    """(:func:`count_quads`, :func:`read_label_index`) of ``store``: the count runs in the store on a
    thread of its own while this thread reads the labels."""
    counted: list[int] = []
    failed: list[BaseException] = []

    def count() -> None:
        try:
            counted.append(count_quads(store))
        except BaseException as error:  # handed over to the caller below
            failed.append(error)

    counter = threading.Thread(target=count, name="count quads", daemon=True)
    counter.start()
    index: Any = None
    try:
        with collector_paused():
            index = read_label_index(store)
    finally:
        counter.join()
    if failed:
        raise failed[0]
    return counted[0], index


__all__ = ["count_while_indexing", "read_label_index"]
