"""The search index of an embedded store: its label triples read in one pass; right after a
load, on a thread of its own while the store counts what it holds and the class tree is asked for.

At a million triples reading the labels takes about 0.4 s of the interpreter, counting the
quads 0.2 s and the class tree's queries about as much in the store, which lets go of the
interpreter lock meanwhile: side by side, on two processor cores, most of it costs no time
of its own.
"""

from __future__ import annotations

import threading
from typing import Any

import pyoxigraph as ox

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


#: Formats whose parser gives the store's very terms (blank nodes aside, which the store renames).
_READ_BESIDE_FORMATS = frozenset({"ntriples", "nquads", "turtle", "trig"})


class FileLabelReading:
    """The label index of one file read by a parser of its own while the store parses it.

    For a process with no window (the CLI), the second processor core is idle while the store
    parses; the labels read from the file meanwhile spare the 0.3–0.4 s of reading them from
    the store afterwards. The result is what :func:`read_label_index` reads from the store
    (tests compare them), or ``None`` — a label of a blank node (the store renames blank nodes),
    a parse error (the store's own parse reports it) — and the labels are read from the store.
    """

    def __init__(self, path: str, format_name: str, rdf_format: ox.RdfFormat, base_iri: str) -> None:
        self._index: LabelIndex | None = None
        self._thread: threading.Thread | None = None
        if format_name in _READ_BESIDE_FORMATS:
            self._thread = threading.Thread(target=self._read, args=(path, rdf_format, base_iri),
                                            name="read labels beside the parse", daemon=True)
            self._thread.start()

    def _read(self, path: str, rdf_format: ox.RdfFormat, base_iri: str) -> None:
        kinds = {node.value: kind for kind, node in enumerate(_LABEL_NODES)}
        columns: tuple[list[str], list[str], list[str], list[int]] = ([], [], [], [])
        entities, texts, languages, kinds_of = columns
        try:
            with collector_paused():
                for statement in ox.parse(path=path, format=rdf_format, base_iri=base_iri):
                    kind = kinds.get(statement.predicate.value)
                    value = statement.object
                    if kind is None or type(value) is not ox.Literal:
                        continue
                    subject: Any = statement.subject
                    if type(subject) is ox.BlankNode:
                        return  # named otherwise in the store: read it there
                    if type(subject) is not ox.NamedNode:
                        continue  # an RDF 1.2 triple term names no entity
                    entities.append(subject.value)
                    texts.append(value.value)
                    languages.append(value.language or "")
                    kinds_of.append(kind)
                self._index = LabelIndex.from_columns(*columns)
        except (SyntaxError, OSError, ValueError, UnicodeDecodeError, MemoryError):
            return

    def result(self) -> LabelIndex | None:
        if self._thread is None:
            return None
        self._thread.join()
        return self._index


class LabelIndexReading:
    """:func:`read_label_index` of a store on a thread of its own: at once, or from :meth:`begin`.

    The thread holds the interpreter lock for most of its work; the store lets go of it while
    it counts the quads or answers the class tree's queries. Begun later (when the graph is
    ready to browse), it takes neither the lock nor a processor core from that path.
    """

    def __init__(self, store: ox.Store, *, at_once: bool = True, beside: FileLabelReading | None = None) -> None:
        self._index: LabelIndex | None = None
        self._beside = beside
        self._error: BaseException | None = None
        self._go = threading.Event()
        self._abandoned = False
        self._thread = threading.Thread(target=self._read, args=(store,), name="read labels", daemon=True)
        self._thread.start()
        if at_once:
            self._go.set()

    def _read(self, store: ox.Store) -> None:
        self._go.wait()
        if self._abandoned:
            return
        try:
            read_beside = self._beside.result() if self._beside is not None else None
            with collector_paused():
                self._index = read_beside if read_beside is not None else read_label_index(store)
        except BaseException as error:  # handed over by result()
            self._error = error

    def begin(self) -> None:
        """Start reading now (nothing if it has begun)."""
        self._go.set()

    def wait(self) -> None:
        """Until the thread is done (and holds the store no longer); begins the reading if it waits."""
        self._go.set()
        self._thread.join()

    def abandon(self) -> None:
        """Until the thread holds the store no longer, without reading it if it has not begun."""
        if not self._go.is_set():
            self._abandoned = True
        self.wait()

    def begun(self) -> bool:
        return self._go.is_set()

    def done(self) -> bool:
        """Whether the index is read (or failed): :meth:`result` no longer waits."""
        return not self._thread.is_alive()

    def result(self) -> LabelIndex:
        self.wait()
        if self._abandoned:
            raise RuntimeError("the label reading was abandoned")
        if self._error is not None:
            raise self._error
        assert self._index is not None
        return self._index


__all__ = ["FileLabelReading", "LabelIndexReading", "read_label_index"]
