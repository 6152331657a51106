"""The learned scorer of facts no rule read (fourteenth session): candidates, features, the fit, the weights file and
the rules' vetoes (sentences written here, none from the articles the benchmark scores)."""

from __future__ import annotations

import json

import pytest

from explorer.core.extraction import learned_pairs, learned_scorer
from explorer.core.extraction.fact_features import local_name
from explorer.core.extraction.lexicon import Lexicon
from explorer.core.extraction.mentions import Mention
from explorer.core.extraction.sentences import Sentence
from explorer.core.extraction.suggest import Suggestion, suggest_facts

#: A small corpus and its key: each network is built by the carrier named after "built by", and each plant runs on it.
CORPUS = [
    ("Haier said the Qingdao fridge plant runs on a private network built by China Unicom.",
     {("private network", "builtBy", "China Unicom"), ("Qingdao fridge plant", "runsOn", "private network")}),
    ("Anshan Steel said the Bayuquan mill runs on a 5G network built by China Mobile.",
     {("5G network", "builtBy", "China Mobile"), ("Bayuquan mill", "runsOn", "5G network")}),
    ("Gree said the Zhuhai compressor plant runs on a 5G network built by China Telecom.",
     {("5G network", "builtBy", "China Telecom"), ("Zhuhai compressor plant", "runsOn", "5G network")}),
    ("Sany said the Changsha crane works runs on a private network built by China Mobile.",
     {("private network", "builtBy", "China Mobile"), ("Changsha crane works", "runsOn", "private network")}),
    ("BYD said the Xi'an battery plant runs on a 5G network built by China Unicom.",
     {("5G network", "builtBy", "China Unicom"), ("Xi'an battery plant", "runsOn", "5G network")}),
]


def _name(mention: Mention) -> str:
    return mention.label or mention.text


def _inverse(fact: tuple[str, str, str]) -> tuple[str, str, str]:
    inverse = {"builtBy": "built", "built": "builtBy", "runsOn": "supports", "supports": "runsOn"}
    return (fact[2], inverse.get(fact[1], fact[1]), fact[0])


def _read(text: str, lexicon: Lexicon) -> tuple[list[Suggestion], list[tuple[Sentence, list[Mention]]]]:
    read: list[tuple[Sentence, list[Mention]]] = []
    return suggest_facts(text, lexicon, mentions_read=read), read


def _train(lexicon: Lexicon) -> learned_scorer.Scorer:
    rows, labels = [], []
    for text, key in CORPUS:
        rules, read = _read(text, lexicon)
        found, features = learned_pairs.rows_of(lexicon, rules, read, linked_too=True)
        rows += features
        labels += [(fact := (_name(c.subject), local_name(c.predicate), _name(c.object))) in key or _inverse(fact) in key
                   for c in found]
    assert any(labels) and not all(labels)
    weights = learned_scorer.fit(rows, labels, l2=1.0, min_count=1)
    return learned_scorer.Scorer(weights, frozenset(n for n in weights if n.startswith("property=")), 0.5)


NEW = "Midea said the Foshan dryer plant runs on a 5G network built by China Telecom."


def _probabilities(scorer: learned_scorer.Scorer, text: str, lexicon: Lexicon) -> dict[tuple[str, str, str], float]:
    rules, read = _read(text, lexicon)
    found, rows = learned_pairs.rows_of(lexicon, rules, read, linked_too=True)
    return {(_name(c.subject), local_name(c.predicate), _name(c.object)): scorer.probability(row)
            for c, row in zip(found, rows, strict=True)}


def test_a_scorer_fitted_on_a_small_corpus_separates_a_right_fact_from_a_wrong_one(lexicon: Lexicon) -> None:
    probabilities = _probabilities(_train(lexicon), NEW, lexicon)
    right = probabilities[("5G network", "builtBy", "China Telecom")]
    assert right > 0.5 > probabilities[("China Telecom", "builtBy", "5G network")]
    assert right > 0.5 > probabilities[("5G network", "built", "China Telecom")]


def test_two_fits_give_identical_weights(lexicon: Lexicon) -> None:
    assert _train(lexicon).weights == _train(lexicon).weights


def test_a_property_the_model_never_saw_is_left_to_the_rules(lexicon: Lexicon) -> None:
    scorer = _train(lexicon)
    assert not scorer.judges({"bias": 1.0, "property=neverSeenBefore": 1.0})
    _rules, read = _read(NEW, lexicon)
    # a scorer that knows no property proposes nothing
    blind = learned_scorer.Scorer(dict(scorer.weights), frozenset(), 0.0)
    assert learned_pairs.added(lexicon, [], read, Suggestion, scorer=blind) == []


def test_what_the_scorer_proposes_says_where_it_came_from(lexicon: Lexicon) -> None:
    scorer = _train(lexicon)
    rules, read = _read(NEW, lexicon)
    found, rows = learned_pairs.rows_of(lexicon, rules, read, linked_too=True)
    # of the two ends the text links, one property, in the direction the words give it (or its inverse)
    chosen = [(_name(c.subject), local_name(c.predicate), _name(c.object)) for c, _p in learned_pairs.chosen(scorer, found, rows, [])]
    assert len(chosen) == 1 and ("5G network", "builtBy", "China Telecom") in (chosen[0], _inverse(chosen[0]))
    proposed = learned_pairs.added(lexicon, [], read, Suggestion, scorer=scorer)
    assert proposed and all(s.as_json()["pattern"].endswith(" (learned)") and s.confidence >= 0.5 for s in proposed)


def test_pairs_the_rules_linked_are_never_proposed_again(lexicon: Lexicon) -> None:
    rules, read = _read(NEW, lexicon)
    assert learned_pairs.added(lexicon, rules, read, Suggestion, scorer=_train(lexicon)) == rules


def test_the_rules_vetoes_hold_for_the_model(lexicon: Lexicon) -> None:
    # guards: who is urged to act, a possessive determiner, a participle describing a noun, a clause of its own
    for text in ("Chen Hui, an engineer at Tongji University, spoke on Friday. He urged smelters to patch their routers.",
                 "Sany builds cranes in Hunan. Its rival Zoomlion, a unit of Zoomlion Holdings, runs a plant.",
                 "Investigators followed the intrusion to a swarm of hijacked webcams in Brazil.",
                 "A Wuxi bearing maker that supplies Chery was hit by ransomware in June."):
        rules, read = _read(text, lexicon)
        found, _rows = learned_pairs.rows_of(lexicon, rules, read)
        assert not [(_name(c.subject), local_name(c.predicate), _name(c.object)) for c in found
                    if local_name(c.predicate) in ("callsFor", "subsidiaryOf", "hasSubsidiary", "targets", "built")], text


def test_weights_round_trip_and_a_disagreeing_feature_list_is_refused(lexicon: Lexicon) -> None:
    scorer = _train(lexicon)
    again = learned_scorer.Scorer.from_json(json.loads(json.dumps(scorer.as_json())))
    assert again.known == scorer.known and set(again.weights) == set(scorer.weights)
    with pytest.raises(ValueError):
        learned_scorer.Scorer.from_json({"weights": {"bias": 1.0}, "features": ["bias", "other"], "known": [],
                                         "drop_below": 0.5})
