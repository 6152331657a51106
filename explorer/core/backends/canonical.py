"""W3C RDF Dataset Canonicalization (RDFC-1.0) of rdflib quads, with a bound on the work.

Blank node labels change every time data is loaded, so two loads of the same data, or two
saves of the same view, only compare equal once their blank nodes are named canonically.
RDFC-1.0 (https://www.w3.org/TR/rdf-canon/) names them from the shape of the data.

pyoxigraph's ``Dataset.canonicalize(RDFC_1_0)`` gives the same canonical N-Quads but neither
the mapping from the input's labels to the canonical ones (which a snapshot diff needs to
match the canvas's blank nodes) nor a way to stop it: its worst case is exponential
(8 blank nodes all linked to each other take ~20 s, 9 several minutes) and Rust code in a
thread cannot be interrupted. This implementation follows the recommendation's algorithm
step by step and counts its work (each call of Hash N-Degree Quads and each permutation it
tries); the tests check it against pyoxigraph and the recommendation's examples.

When the count passes ``max_work`` (the recommendation's advice against "poison graphs"),
the blank nodes not yet named keep a label made of their first-degree hash
(``_:h`` + 16 hex digits): two loads of the same data still give the same form, and only a
change that rewires look-alike blank nodes among themselves goes unseen.
:attr:`CanonicalForm.exact` is then False and :attr:`CanonicalForm.note` says so.
"""

from __future__ import annotations

import hashlib
import itertools
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from rdflib.term import BNode, Node

from explorer.core.backends.terms import to_oxigraph
from explorer.core.tasks import CancelToken, check

#: Steps (Hash N-Degree Quads calls plus permutations tried) before canonicalization gives
#: up on the blank nodes still alike: ~1 s on the shared 2-core machine. Six blank nodes all
#: linked to each other need 41,046 steps; the work grows factorially with that number.
MAX_WORK = 100_000

_POSITIONS = ("s", "p", "o", "g")

# A quad as four serialized terms; blank nodes as ("_:", id) pairs so they can be renamed.
_Term = str | tuple[str, str]
_Row = tuple[_Term, _Term, _Term, _Term | None]


@dataclass(frozen=True)
class CanonicalForm:
    """Canonical N-Quads of a dataset and the blank node names that produced them.

    Attributes:
        nquads: the canonical N-Quads document (sorted lines, each ending in a newline).
        labels: input blank node identifier (without ``_:``) → canonical one (``c14n0``…).
        exact: False when the work cap was reached (see the module's documentation).
        note: a sentence for people when not exact, else "".
    """

    nquads: str
    labels: dict[str, str] = field(default_factory=dict)
    exact: bool = True
    note: str = ""
    local_labels: dict[str, str] = field(default_factory=dict, repr=False)
    _rows: tuple[_Row, ...] = field(default=(), repr=False, compare=False)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.nquads.encode("utf-8")).hexdigest()

    def label(self, identifier: Any) -> Any:
        """The canonical ``_:name`` of an input ``_:name`` (anything else is returned as it is)."""
        return _renamed(identifier, self.labels)

    def local_label(self, identifier: Any) -> Any:
        """Like :meth:`label`, but a name that changes only when the blank node's own statements do.

        Canonical names are numbered in the order of the whole dataset's hashes, so one
        changed blank node renumbers others: a diff that matched by them would list unchanged
        statements as removed and added. A blank node whose first-degree hash (its own
        statements, its neighbours' names left out) is unique in the dataset is named by that
        hash (``_:h`` + 16 hex digits); the others, alike at that level, keep their canonical name.
        """
        return _renamed(identifier, self.local_labels)

    def local_lines(self) -> set[str]:
        """The dataset's N-Quads lines with :meth:`local_label` names (for counting what changed)."""
        return {_line(row, self.local_labels).rstrip("\n") for row in self._rows}


def _renamed(identifier: Any, names: dict[str, str]) -> Any:
    if isinstance(identifier, str) and identifier.startswith("_:"):
        name = names.get(identifier[2:])
        if name is not None:
            return "_:" + name
    return identifier


class _WorkExceeded(Exception):
    pass


class _Issuer:
    """An identifier issuer: a prefix, a counter and the identifiers issued, in order."""

    __slots__ = ("issued", "prefix")

    def __init__(self, prefix: str, issued: dict[str, str] | None = None) -> None:
        self.prefix = prefix
        self.issued: dict[str, str] = dict(issued) if issued else {}

    def issue(self, node: str) -> str:
        if node not in self.issued:
            self.issued[node] = f"{self.prefix}{len(self.issued)}"
        return self.issued[node]

    def copy(self) -> _Issuer:
        return _Issuer(self.prefix, self.issued)


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _serialize(term: Node) -> _Term:
    if isinstance(term, BNode):
        return ("_:", str(term))
    return str(to_oxigraph(term))


def _line(row: _Row, name: dict[str, str], *, first_degree_of: str | None = None) -> str:
    parts = []
    for term in row:
        if term is None:
            continue
        if isinstance(term, tuple):
            if first_degree_of is not None:
                parts.append("_:a" if term[1] == first_degree_of else "_:z")
            else:
                parts.append("_:" + name[term[1]])
        else:
            parts.append(term)
    return " ".join(parts) + " .\n"


class _State:
    def __init__(self, rows: list[_Row], max_work: int, cancel: CancelToken | None = None) -> None:
        self.rows = rows
        self.quads_of: dict[str, list[_Row]] = {}
        for row in rows:
            for term in row:
                if isinstance(term, tuple):
                    bucket = self.quads_of.setdefault(term[1], [])
                    if not bucket or bucket[-1] is not row:
                        bucket.append(row)
        self.canonical = _Issuer("c14n")
        self.first_degree: dict[str, str] = {}
        self.work = 0
        self.max_work = max_work
        self.cancel = cancel

    def spend(self) -> None:
        self.work += 1
        if self.work > self.max_work:
            raise _WorkExceeded
        if self.work % 4096 == 0:
            check(self.cancel)

    def hash_first_degree(self, node: str) -> str:
        known = self.first_degree.get(node)
        if known is None:
            lines = sorted(_line(row, {}, first_degree_of=node) for row in self.quads_of[node])
            known = self.first_degree[node] = _sha256("".join(lines))
        return known

    def hash_related(self, related: str, row: _Row, issuer: _Issuer, position: str) -> str:
        text = position
        if position != "g":
            text += str(row[1])  # the predicate, an IRI already written as <…>
        if related in self.canonical.issued:
            text += "_:" + self.canonical.issued[related]
        elif related in issuer.issued:
            text += "_:" + issuer.issued[related]
        else:
            text += self.hash_first_degree(related)
        return _sha256(text)

    def hash_n_degree(self, node: str, issuer: _Issuer) -> tuple[str, _Issuer]:
        self.spend()
        related_by_hash: dict[str, list[str]] = {}
        for row in self.quads_of[node]:
            for index in (0, 2, 3):
                term = row[index]
                if isinstance(term, tuple) and term[1] != node:
                    digest = self.hash_related(term[1], row, issuer, _POSITIONS[index])
                    related_by_hash.setdefault(digest, []).append(term[1])
        data = ""
        for digest in sorted(related_by_hash):
            data += digest
            chosen_path, chosen_issuer = "", None
            for permutation in itertools.permutations(related_by_hash[digest]):
                self.spend()
                issuer_copy, path, recursion = issuer.copy(), "", []
                worse = False
                for related in permutation:
                    if related in self.canonical.issued:
                        path += "_:" + self.canonical.issued[related]
                    else:
                        if related not in issuer_copy.issued:
                            recursion.append(related)
                        path += "_:" + issuer_copy.issue(related)
                    if chosen_path and len(path) >= len(chosen_path) and path > chosen_path:
                        worse = True
                        break
                if worse:
                    continue
                for related in recursion:
                    result_hash, result_issuer = self.hash_n_degree(related, issuer_copy)
                    path += "_:" + issuer_copy.issue(related) + f"<{result_hash}>"
                    issuer_copy = result_issuer
                    if chosen_path and len(path) >= len(chosen_path) and path > chosen_path:
                        worse = True
                        break
                if worse:
                    continue
                if not chosen_path or path < chosen_path:
                    chosen_path, chosen_issuer = path, issuer_copy
            data += chosen_path
            assert chosen_issuer is not None
            issuer = chosen_issuer
        return _sha256(data), issuer

    def run(self) -> bool:
        """Issue canonical identifiers; False when the work cap stopped it."""
        by_hash: dict[str, list[str]] = {}
        for node in self.quads_of:
            by_hash.setdefault(self.hash_first_degree(node), []).append(node)
        alike = {}
        for digest in sorted(by_hash):
            nodes = by_hash[digest]
            if len(nodes) == 1:
                self.canonical.issue(nodes[0])
            else:
                alike[digest] = nodes
        # How much work a group takes depends on the order of its nodes, which is the input's:
        # when the cap is reached, every name given after this point is dropped, so the
        # fallback is the same for any order.
        unique = self.canonical.copy()
        try:
            for digest in sorted(alike):
                paths = []
                for node in alike[digest]:
                    if node in self.canonical.issued:
                        continue
                    temporary = _Issuer("b")
                    temporary.issue(node)
                    paths.append(self.hash_n_degree(node, temporary))
                for _, issuer in sorted(paths, key=lambda result: result[0]):
                    for existing in issuer.issued:
                        self.canonical.issue(existing)
        except _WorkExceeded:
            self.canonical = unique
            return False
        return True


def canonicalize(quads: Iterable[tuple[Node, Node, Node, Node | None]], *, max_work: int = MAX_WORK,
                 cancel: CancelToken | None = None) -> CanonicalForm:
    """The RDFC-1.0 canonical form of rdflib quads (graph ``None`` = default graph).

    Duplicate quads count once, as in an RDF dataset. ``cancel`` raises
    :class:`~explorer.core.tasks.Cancelled` from within when the user cancels.

    >>> from rdflib import BNode, URIRef
    >>> p = URIRef("https://example.org/p")
    >>> form = canonicalize([(BNode("x"), p, BNode("y"), None)])
    >>> form.nquads
    '_:c14n0 <https://example.org/p> _:c14n1 .\\n'
    >>> form.labels == {"x": "c14n0", "y": "c14n1"}
    True
    """
    rows: list[_Row] = []
    seen: set[_Row] = set()
    for count, (s, p, o, g) in enumerate(quads):
        if count % 65536 == 0:
            check(cancel)
        row: _Row = (_serialize(s), _serialize(p), _serialize(o), None if g is None else _serialize(g))
        if row not in seen:
            seen.add(row)
            rows.append(row)
    state = _State(rows, max_work, cancel)
    exact = state.run()
    names = dict(state.canonical.issued)
    note = ""
    if not exact:
        left = [node for node in state.quads_of if node not in names]
        for node in left:
            names[node] = "h" + state.first_degree[node][:16]
        note = (f"{len(left)} blank nodes are too alike to name canonically within {max_work} steps: "
                f"they are compared by their immediate neighbourhood only")
    lines = sorted(_line(row, names) for row in rows)
    counts: dict[str, int] = {}
    for digest in state.first_degree.values():
        counts[digest] = counts.get(digest, 0) + 1
    local = {node: "h" + digest[:16] if counts[digest] == 1 else names[node] for node, digest in state.first_degree.items()}
    return CanonicalForm("".join(lines), names, exact, note, local, tuple(rows))


__all__ = ["MAX_WORK", "CanonicalForm", "canonicalize"]
