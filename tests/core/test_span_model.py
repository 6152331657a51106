"""The span model: names the mention finder misses, offered to the relation model as further ends."""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

from explorer.core.extraction.lexicon import Lexicon
from explorer.core.extraction.relation_model import MODEL_MARK, NONE, RelationModel, bundled
from explorer.core.extraction.span_model import MAX_WORDS, SpanModel, cue_ends, features, head_class, names_itself, tokens
from explorer.core.extraction.span_model import runs as word_runs
from explorer.core.extraction.spans import Mention
from explorer.core.extraction.suggest import suggest_facts
from explorer.core.vocab import KG

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))

import train_relation_model  # noqa: E402

VIEW = "Engineers wear augmented-reality headsets, which stream video to the control room of Sany Heavy Industry."


def texts(view: str, found: list[tuple[int, int]]) -> list[str]:
    words = tokens(view)
    return [view[words[i][0]:words[j][1]] for i, j in found]


def test_runs_are_up_to_seven_words_and_never_cross_punctuation() -> None:
    found = texts(VIEW, list(word_runs(VIEW, tokens(VIEW))))
    assert "augmented-reality headsets" in found and "the control room" in found
    assert not any("," in run for run in found)
    assert max(len(run.split()) for run in found) == MAX_WORDS
    assert "Sany Heavy Industry" in found  # the full stop after it ends the sentence, not the run


def test_a_run_is_described_by_its_words_its_neighbours_and_the_mentions_found(lexicon: Lexicon) -> None:
    words = tokens(VIEW)
    i = next(n for n, w in enumerate(words) if w[2] == "augmented-reality")
    sany = Mention(VIEW.index("Sany"), len(VIEW) - 1, "Sany Heavy Industry", None, str(KG.Company), "Sany Heavy Industry", "name")
    cues = cue_ends(lexicon, VIEW)
    found = features(VIEW, words, i, i + 1, [sany], cues)
    assert {"f:augmented-reality", "l:headsets", "p1:wear", "n1:which", "ma:,", "m:apart", "len:2"} <= set(found)
    # and by what its words can be, so that words never seen in training are read too
    assert {"fp:NOUN", "lp:NOUN", "pp:NOUN+VERB"} <= set(found)
    whole = features(VIEW, words, len(words) - 3, len(words) - 1, [sany], cues)
    assert "m:same" in whole


def test_the_class_of_a_run_is_the_cue_that_ends_it(lexicon: Lexicon) -> None:
    view = "The Hebei Drone Alliance met."
    cues = cue_ends(lexicon, view)
    assert head_class(cues, view.index("Hebei"), view.index(" met")) == str(KG.IndustryAlliance)
    assert head_class(cues, view.index("Hebei"), view.index(" Drone")) is None


def test_find_returns_the_likeliest_runs_no_mention_spans_as_mentions_marked_span(lexicon: Lexicon) -> None:
    model = SpanModel({"l:headsets": 2.5, "fl:augmented-reality|headsets": 1.0, "fl:the|room": 3.0}, -2.0)
    control = VIEW.index("control room")
    mentions = [Mention(control, control + len("control room"), "control room", None, None, "control room", "phrase")]
    found = model.find(lexicon, VIEW, mentions)
    # "augmented-reality headsets", likelier than the runs it overlaps ("wear augmented-reality headsets"), and "the
    # control room", which holds the mention "control room": a mention's own span is never returned
    assert [m.text for m in found] == ["augmented-reality headsets", "the control room"]
    assert all(m.via == "span" and m.iri is None for m in found)
    assert found[1].label == "control room"  # a leading article is not part of the name
    assert not any((m.start, m.end) == (mentions[0].start, mentions[0].end) for m in found)
    assert SpanModel({}, -5.0).find(lexicon, VIEW, []) == []


def test_a_run_that_ends_a_longer_mention_stands_for_its_thing_not_a_new_one(lexicon: Lexicon) -> None:
    view = "Sensors report over the branch's network every second."
    whole = view.index("the branch's network")
    network = Mention(whole, whole + len("the branch's network"), "the branch's network", None, None,
                      "5G private network", "definite")
    model = SpanModel({"l:network": 5.0, "len:1": 1.0, "l:sensors": 5.0}, -4.0)
    found = {m.text: m for m in model.find(lexicon, view, [network])}
    assert found["network"].label == "5G private network" and found["network"].via == "span"
    assert not names_itself(found["network"])  # the review says nothing of a name it did not give
    assert found["Sensors"].label == "Sensors" and names_itself(found["Sensors"])


def test_a_run_that_is_a_mention_with_its_article_stands_for_the_mention_s_thing(lexicon: Lexicon) -> None:
    view = "All of this feeds Tuzhi, an industrial internet platform that Jinhe developed."
    start = view.index("industrial internet platform")
    platform = Mention(start, start + len("industrial internet platform"), "industrial internet platform", None,
                       str(KG.IndustrialInternetPlatform), "Tuzhi", "definite")
    found = {m.text: m for m in SpanModel({"f:an": 5.0, "l:platform": 2.0}, -4.0).find(lexicon, view, [platform])}
    assert found["an industrial internet platform"].label == "Tuzhi"
    assert found["an industrial internet platform"].cls == str(KG.IndustrialInternetPlatform)


def test_no_run_opens_or_closes_on_a_preposition() -> None:
    view = "The control system has been moved onto Wuhai Cloud, a platform in the city."
    found = texts(view, list(word_runs(view, tokens(view))))
    assert "Wuhai Cloud" in found and "a platform" in found
    assert not any(run.split()[0] in ("onto", "in") or run.split()[-1] in ("onto", "in") for run in found)


def test_a_relation_model_saves_and_loads_its_span_model(lexicon: Lexicon, tmp_path: Path) -> None:
    spans = SpanModel({"l:headsets": 1.5, "f:the": -0.25}, -3.0, 0.6)
    model = RelationModel((NONE, str(KG.built)), {"bw:made|B": ((1, 2.5),)}, (0.5, -1.0), spans=spans)
    model.save(tmp_path / "m.json.gz")
    assert RelationModel.load(tmp_path / "m.json.gz") == model
    assert replace(model, spans=None).ends(lexicon, VIEW, []) == []


def test_the_span_model_is_fitted_from_runs_that_name_an_end() -> None:
    named = ["l:headsets", "len:2"]
    other = ["l:which", "len:2"]
    model = train_relation_model.span_model([(named, train_relation_model.END)] * 20 + [(other, NONE)] * 20)
    assert model.probability(named) > 0.8 > 0.2 > model.probability(other)


def test_the_bundled_model_links_a_name_only_the_span_model_finds(lexicon: Lexicon) -> None:
    assert bundled().spans is not None
    text = "The software, made by Hangzhou-based Supcon Technology, controls the kilns."
    [made] = [s for s in suggest_facts(text, lexicon) if s.pattern.startswith(MODEL_MARK) and s.predicate == str(KG.built)]
    assert (made.subject.text, made.object.text, made.object.label) == ("Supcon Technology", "The software", "software")
    assert names_itself(made.object) and made.pattern == f"{MODEL_MARK} made by Hangzhou-based"
    # the rules alone never name the software
    assert not any("software" in s.object.text.lower() or "software" in s.subject.text.lower()
                   for s in suggest_facts(text, lexicon, learned=False))
