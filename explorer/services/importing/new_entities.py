"""The class each new entity of a batch of accepted suggestions is created with.

A name the article introduces takes part in several accepted facts, and each fact's property asks something of it: who
"established" an alliance is an organization, what cameras are "located in" is a location. The entity is created once,
so its class must answer all of them at once; the words' own cue ("Ministry", "alliance") is kept where it does.
Without a cue, the end's words decide between the kinds the properties allow: a phrase ending in a class's name is of
that class ("5G private network"), a site's head noun makes a facility ("the Linhe plant"), a location named by no site
word is a place, a thing named by no word of its kind is an asset, the ontology's thing of value that someone
operates ("edge servers"), and an agent named by no word of its kind is an organization ("Huawei" that built a network),
or a threat actor when all it does in the accepted facts is carry out or be blamed for an attack ("Frostmoth").
kg:Entity, kg:Location and kg:Agent only gather kinds; nothing is created as one of them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from rdflib import Graph

from explorer.core import bundled
from explorer.core.curation.schema import OntologySchema
from explorer.core.extraction.lexicon import Lexicon
from explorer.core.extraction.sites import has_site_head
from explorer.core.extraction.spans import Mention
from explorer.core.extraction.suggest import Suggestion
from explorer.core.vocab import KG

ENTITY, LOCATION, PLACE, FACILITY, ASSET = (str(KG.Entity), str(KG.Location), str(KG.Place), str(KG.Facility),
                                            str(KG.Asset))
AGENT, ORGANIZATION, THREAT_ACTOR = str(KG.Agent), str(KG.Organization), str(KG.ThreatActor)
#: Classes that only gather kinds: an entity is created as one of the kinds below them
_GATHERING = frozenset([ENTITY, LOCATION, AGENT])
#: Properties whose object is who carried out or is blamed for an attack
_BLAMING = frozenset([str(KG.attributedTo), str(KG.carriedOutBy)])


@lru_cache(maxsize=1)
def _bundled_lexicon() -> Lexicon:
    """The bundled ontology's words: which head nouns name a site."""
    graph = Graph()
    for path in bundled.ontology_files():
        graph.parse(path, format="turtle")
    return Lexicon.from_ontology(graph)


def label_of(mention: Mention) -> str:
    """The label a new entity is created with."""
    return (mention.label or mention.text).strip()


class NewEntities:
    """The new entities of a batch of accepted suggestions: for each end, which one it is and its class.

    An end is its label, and the kind its fact asks of it. One label whose facts ask kinds nothing is at once ("the
    ransomware attack" a warning names, a risk, and "the ransomware attack" that hit the servers, an incident) names
    one entity of each kind, so every accepted fact holds as the ontology reads it."""

    def __init__(self, schema: OntologySchema, suggestions: Iterable[Suggestion]) -> None:
        self._schema = schema
        self._kinds = frozenset(schema.entity_classes())
        #: per label, its groups of demands one class answers together, with the cues of the ends in each and whether
        #: every end of the group names who carried out or is blamed for an attack
        groups: dict[str, list[tuple[set[str], list[str], Mention, list[bool]]]] = {}
        #: which group of its label an end asking a kind (or none) belongs to
        self._group_of: dict[tuple[str, str | None], int] = {}
        for suggestion in suggestions:
            for mention, wanted, blamed in self._ends(suggestion):
                label = label_of(mention)
                of_label = groups.setdefault(label, [])
                index = self._group_of.get((label, wanted))
                if index is None:
                    index = next((i for i, (demands, _, _, _) in enumerate(of_label)
                                  if wanted is None or self._fits(demands | {wanted})), len(of_label))
                    if index == len(of_label):
                        of_label.append((set(), [], mention, [True]))
                    self._group_of[(label, wanted)] = index
                demands, cues, _, only_blamed = of_label[index]
                if wanted is not None:
                    demands.add(wanted)
                if mention.cls is not None and mention.cls not in cues:
                    cues.append(mention.cls)
                only_blamed[0] = only_blamed[0] and blamed
        self._classes = {(label, index): _chosen(schema, self._kinds, demands, cues, mention, only_blamed[0])
                         for label, of_label in groups.items()
                         for index, (demands, cues, mention, only_blamed) in enumerate(of_label)}

    def _ends(self, suggestion: Suggestion) -> list[tuple[Mention, str | None, bool]]:
        """The new ends of a suggestion, each with the kind its property asks of it and whether it is who carried out or
        is blamed for an attack."""
        info = self._schema.resolve_predicate(suggestion.predicate)
        blamed = (False, suggestion.predicate in _BLAMING)
        return [(mention, wanted if wanted and wanted != ENTITY and self._schema.is_class(wanted) else None, is_blamed)
                for mention, wanted, is_blamed in ((suggestion.subject, info.domain, blamed[0]),
                                                   (suggestion.object, info.range, blamed[1]))
                if mention.iri is None]

    def _fits(self, demands: set[str]) -> bool:
        return any(all(self._schema.is_subclass(c, wanted) for wanted in demands) for c in self._kinds)

    def of(self, suggestion: Suggestion) -> list[tuple[str, str] | None]:
        """For the subject and the object: the new entity's key (its label and which of that label's entities) and
        its class; None for a known entity."""
        ends = iter(self._ends(suggestion))
        found: list[tuple[str, str] | None] = []
        for mention in (suggestion.subject, suggestion.object):
            if mention.iri is not None:
                found.append(None)
                continue
            _, wanted, _ = next(ends)
            label = label_of(mention)
            index = self._group_of[(label, wanted)]
            found.append((f"{index}:{label}", self._classes[(label, index)]))
        return found


def _chosen(schema: OntologySchema, kinds: frozenset[str], demands: set[str], cues: list[str], mention: Mention,
            only_blamed: bool) -> str:
    fits = sorted(c for c in kinds if all(schema.is_subclass(c, wanted) for wanted in demands))
    if not fits:
        # a property asks for a class no entity may be made of: the cue or that class, and the shapes say what is wrong
        return next((c for c in [*cues, *sorted(demands)] if c in kinds and c not in _GATHERING), ASSET)
    site = FACILITY in fits and has_site_head(_bundled_lexicon(), mention)
    for cue in cues:
        # the reader calls what a thing is located in a place when no word of the name says its kind; a site's head
        # noun says it ("the fermentation plant"): a facility
        if cue == PLACE and site:
            return FACILITY
        if cue in fits and cue not in _GATHERING:
            return cue
    phrase = " " + " ".join(label_of(mention).lower().split())
    named = [c for c in fits if c not in _GATHERING and (name := schema.label(c).casefold())
             and re.search(rf" {re.escape(name)}s?$", phrase)]
    if named:
        return max(named, key=lambda c: (len(schema.label(c)), c))
    if site:
        return FACILITY
    if PLACE in fits and LOCATION in demands:
        return PLACE
    if only_blamed and THREAT_ACTOR in fits:
        return THREAT_ACTOR
    broadest = [c for c in fits if c not in _GATHERING
                and not any(other != c and other not in _GATHERING and schema.is_subclass(c, other) for other in fits)]
    for default in (ASSET, ORGANIZATION):
        if default in broadest:
            return default
    return broadest[0] if broadest else ASSET


def suggestions_json(schema: OntologySchema, suggestions: list[Suggestion]) -> list[dict[str, object]]:
    """The suggestions as ``kg-explorer suggest --format json`` prints them: a new end's ``class`` is the one it is created
    with when these suggestions are accepted together (as ``--accept-all`` does), not only its words' cue."""
    entities = NewEntities(schema, suggestions)
    printed = []
    for suggestion in suggestions:
        shape = suggestion.as_json()
        for end, new in zip(("subject", "object"), entities.of(suggestion), strict=True):
            if new is not None:
                shape[end]["class"] = new[1]
        printed.append(shape)
    return printed
