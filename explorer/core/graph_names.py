"""How the graph names things: prefixed names, labels in the preferred languages, and
predicates in words read either way ("has branch" / "branch of").

The part of :class:`~explorer.core.graph.KnowledgeGraph` that turns identifiers into
words. Labels come from the backend's whole-graph label index when it keeps one (a local
graph), else from a cache filled a batch at a time (a server).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from explorer.core.backends import Backend, LabelsByLanguage
from explorer.core.search import LabelIndex, LabelTable
from explorer.core.vocab import LABEL_PREDICATES


class GraphNames:
    """Names, labels and predicate words (mixed into KnowledgeGraph, which sets the state)."""

    backend: Backend
    prefixes: dict[str, str]
    label_languages: tuple[str, ...]
    _index: LabelIndex | None
    _labels: LabelTable | None
    _fetched_labels: dict[str, LabelsByLanguage]
    _predicate_words: dict[tuple[str, bool], str]
    _inverse_of: dict[str, set[str]] | None

    def _build_index(self) -> None:
        raise NotImplementedError  # the facade builds it

    def qname(self, iri: str) -> str:
        """A prefixed name where a prefix fits, else the IRI in angle brackets."""
        best = ""
        for prefix, namespace in self.prefixes.items():
            if iri.startswith(namespace) and len(namespace) > len(best):
                local = iri[len(namespace):]
                if re.fullmatch(r"[\w.-]*", local) and not local.endswith("."):
                    best = namespace
                    name = f"{prefix}:{local}"
        return name if best else (iri if iri.startswith("_:") else f"<{iri}>")

    def expand(self, text: str) -> str | None:
        """The IRI of ``<iri>``, an absolute IRI, or a prefixed name; ``None`` if none of them."""
        text = text.strip()
        if text.startswith("<") and text.endswith(">"):
            return text[1:-1]
        if text.startswith("_:"):
            return text
        if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*://", text) or text.startswith("urn:"):
            return text
        prefix, colon, local = text.partition(":")
        if colon and prefix in self.prefixes and " " not in local:
            return self.prefixes[prefix] + local
        return None

    def prefetch_labels(self, entities: Iterable[str]) -> None:
        """Make the labels of many entities cheap to ask for (one query per batch on a server)."""
        if self._labels_at_hand():
            return
        missing = [e for e in dict.fromkeys(entities) if e not in self._fetched_labels]
        if missing:
            found = self.backend.labels_of(missing)
            for entity in missing:
                self._fetched_labels[entity] = found.get(entity, {})

    def _labels_at_hand(self) -> bool:
        if self._index is None:
            if self.backend.label_index_pending():
                # Right after a load the index is still being read on a thread of its own: the
                # few names a view shows meanwhile are looked up one by one; only search waits.
                return False
            self._build_index()
        return self._labels is not None

    def _labels_of(self, entity: str) -> LabelsByLanguage:
        if self._labels_at_hand():
            assert self._labels is not None
            found: LabelsByLanguage = self._labels.get(entity) or {}
            return found
        if entity not in self._fetched_labels:
            self.prefetch_labels((entity,))
        return self._fetched_labels[entity]

    def label(self, entity: str, languages: Sequence[str] | None = None) -> str:
        """The best label: skos:prefLabel, then rdfs:label, then skos:altLabel, in the
        preferred languages (default :attr:`label_languages`); else a prefixed name or the
        IRI's last segment."""
        if languages is None:
            languages = self.label_languages
        labels = self._labels_of(entity)
        if labels:
            best: tuple[int, int, str] | None = None
            for language, values in labels.items():
                rank = languages.index(language) if language in languages else len(languages)
                for kind, text in values:
                    candidate = (kind, rank, text)
                    if best is None or candidate < best:
                        best = candidate
            if best is not None:
                return best[2]
        return self._fallback_label(entity)

    def _fallback_label(self, entity: str) -> str:
        if entity.startswith("_:"):
            return entity
        name = self.qname(entity)
        if not name.startswith("<"):
            return name
        tail = re.split(r"[#/]", entity.rstrip("/#"))[-1]
        return tail or entity

    def all_labels(self, entity: str) -> list[tuple[str, str, str]]:
        """Every label of an entity: (text, language, predicate IRI)."""
        found = []
        for language, values in self._labels_of(entity).items():
            for kind, text in values:
                found.append((text, language, LABEL_PREDICATES[kind]))
        return sorted(found, key=lambda item: (LABEL_PREDICATES.index(item[2]), item[1] != "en", item[1]))

    def predicate_words(self, predicate: str, forward: bool = True) -> str:
        """A predicate in words, read forward ("has branch") or backward ("branch of")."""
        key = (predicate, forward)
        if key not in self._predicate_words:
            self._prefetch_words([predicate] if not forward else [], [predicate] if forward else [])
        return self._predicate_words[key]

    def _prefetch_words(self, backward: Iterable[str], forward: Iterable[str] = ()) -> None:
        """Words for many predicates at once: labels and inverse labels in a few questions."""
        forward = [p for p in dict.fromkeys(forward) if (p, True) not in self._predicate_words]
        backward = [p for p in dict.fromkeys(backward) if (p, False) not in self._predicate_words]
        inverse_labels = self.backend.inverse_labels(backward) if backward else {}
        inverses = {p: self.inverse_of(p) for p in backward if p not in inverse_labels}
        self.prefetch_labels([*forward, *backward, *(i for i in inverses.values() if i)])
        for predicate in forward:
            self._predicate_words[(predicate, True)] = self.label(predicate)
        for predicate in backward:
            inverse = inverses.get(predicate)
            words = inverse_labels.get(predicate) or (self.label(inverse) if inverse else f"{self.label(predicate)} (inverse)")
            self._predicate_words[(predicate, False)] = words

    def inverse_of(self, predicate: str) -> str | None:
        """The named inverse of a property (owl:inverseOf, either way round); the first if several."""
        inverses = self._inverse_table().get(predicate)
        return min(inverses) if inverses else None

    def inverses_of(self, predicate: str) -> frozenset[str]:
        """Every property declared inverse of ``predicate`` (owl:inverseOf, either way round)."""
        return frozenset(self._inverse_table().get(predicate, ()))

    def _inverse_table(self) -> dict[str, set[str]]:
        if self._inverse_of is None:
            self._inverse_of = self.backend.inverse_pairs()
        return self._inverse_of

