"""``kg-explorer suggest``: table and JSON, exit codes, bad input in one line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from explorer.cli import main

ARTICLES = Path(__file__).resolve().parents[1] / "data" / "articles"


def test_json_has_the_documented_shape(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["suggest", str(ARTICLES / "guangdong-shanghai-5g.txt"), "--format", "json"]) == 0
    facts = json.loads(capsys.readouterr().out)
    assert facts
    for fact in facts:
        assert set(fact) == {"subject", "predicate", "object", "quote", "sentence", "pattern", "confidence"}
        for end in (fact["subject"], fact["object"]):
            assert set(end) in ({"iri"}, {"label", "class"}, {"label", "class", "aliases"}, {"value", "datatype"})
        assert fact["quote"] in (ARTICLES / "guangdong-shanghai-5g.txt").read_text(encoding="utf-8")
    # Known entities of the bundled graph come back as IRIs.
    assert {"iri": "https://w3id.org/kg-explorer/data/ChinaMobile"} in [f["object"] for f in facts]


def test_json_gives_a_new_end_the_class_accepting_the_listed_facts_creates_it_with(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    article = tmp_path / "linhe.txt"
    article.write_text("Huawei built a 5G private network at the Linhe plant. The intrusion was attributed to "
                       "Frostmoth.\n", encoding="utf-8")
    (tmp_path / "empty.ttl").write_text("", encoding="utf-8")  # read against no known entities
    assert main(["suggest", str(article), "--format", "json", "--data", str(tmp_path / "empty.ttl")]) == 0
    ends = {end["label"]: end["class"].rsplit("#", 1)[-1] for fact in json.loads(capsys.readouterr().out)
            for end in (fact["subject"], fact["object"]) if "label" in end}
    assert ends["Huawei"] == "Organization" and ends["Linhe plant"] == "Facility" and ends["Frostmoth"] == "ThreatActor"
    assert ends["5G private network"] == "PrivateNetwork"


def test_table_names_new_entities_with_their_class(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["suggest", str(ARTICLES / "zhejiang-5g-zh.txt")]) == 0
    out = capsys.readouterr().out
    assert "中国移动浙江公司 (new, company)" in out and "established" in out


def test_table_marks_a_fact_announced_for_the_future(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    article = tmp_path / "plans.txt"
    article.write_text("Tangshan Port Group will operate the new ore terminal. Rizhao Port Group operates the old one.\n",
                       encoding="utf-8")
    assert main(["suggest", str(article)]) == 0
    rows = [line for line in capsys.readouterr().out.splitlines() if "operate" in line]
    assert len(rows) == 2
    assert "(announced)" in next(r for r in rows if "Tangshan" in r)
    assert "(announced)" not in next(r for r in rows if "Rizhao" in r)


def test_nothing_suggested_is_exit_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    article = tmp_path / "quiet.txt"
    article.write_text("Nothing happens here.\n", encoding="utf-8")
    assert main(["suggest", str(article)]) == 1


@pytest.mark.parametrize("argv, message", [
    (["suggest", "missing.txt"], "missing.txt: no such file"),
    (["suggest", "x.docx"], "not an article"),
    (["suggest", "a.txt", "--min-confidence", "2"], "not between 0 and 1"),
])
def test_bad_input_is_one_error_line(argv: list[str], message: str, capsys: pytest.CaptureFixture[str],
                                     tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "x.docx").write_text("x")
    (tmp_path / "a.txt").write_text("A set up B.")
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("error:") and message in err


def test_an_ner_pipeline_not_installed_is_one_note_and_the_run_goes_on(capsys: pytest.CaptureFixture[str]) -> None:
    # spaCy is not installed in the test environment, so the named pipeline cannot load
    assert main(["suggest", str(ARTICLES / "guangdong-shanghai-5g.txt"), "--ner", "xx_not_installed",
                 "--format", "json"]) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out)
    assert captured.err.count("\n") == 1 and captured.err.startswith("note: NER pipeline 'xx_not_installed'")


def test_the_ner_pipeline_of_preferences_is_used_without_the_option(capsys: pytest.CaptureFixture[str]) -> None:
    from explorer.services.settings import Settings, save_settings

    save_settings(Settings(ner_model="xx_from_preferences"))
    assert main(["suggest", str(ARTICLES / "guangdong-shanghai-5g.txt")]) == 0
    assert "note: NER pipeline 'xx_from_preferences'" in capsys.readouterr().err
    assert main(["suggest", str(ARTICLES / "guangdong-shanghai-5g.txt"), "--ner", ""]) == 0
    assert capsys.readouterr().err == ""


def _model_suggestion(text: str):
    from explorer.core.extraction.sentences import Sentence
    from explorer.core.extraction.spans import Mention
    from explorer.core.extraction.suggest import Suggestion

    start = text.index("Huawei")
    verb = text.index("supplied")
    end = text.index("China Mobile")
    return Suggestion(Mention(start, start + 6, "Huawei", label="Huawei"), "https://w3id.org/kg-explorer/ontology#built",
                      Mention(end, end + 12, "China Mobile", iri="https://w3id.org/kg-explorer/data/ChinaMobile"),
                      Sentence(1, text, 0, len(text), 1), "[model] supplied", verb, verb + 8, 0.64)


@pytest.mark.parametrize("preference, argv, learned", [
    (None, [], True),  # no settings file: the bundled model is on
    (None, ["--rules-only"], False),
    (False, [], False),  # Preferences turned it off
    (True, ["--rules-only"], False),  # the flag wins
    (True, [], True),
])
def test_the_bundled_model_follows_preferences_unless_rules_only(preference: bool | None, argv: list[str], learned: bool,
                                                                 tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    import explorer.services.importing.suggestions as suggestions_module
    from explorer.services.settings import Settings, save_settings

    text = "Huawei supplied base stations to China Mobile."
    article = tmp_path / "supply.txt"
    article.write_text(text + "\n", encoding="utf-8")
    calls: list[dict] = []

    def fake(text_, lexicon, known, **kwargs):
        calls.append(kwargs)
        return [_model_suggestion(text_.strip())]

    monkeypatch.setattr(suggestions_module, "suggest_facts", fake)
    if preference is not None:
        save_settings(Settings(learned_relations=preference))
    assert main(["suggest", str(article), *argv]) == 0
    assert [call["learned"] for call in calls] == [learned]
    [row] = [line for line in capsys.readouterr().out.splitlines() if "Huawei" in line]
    assert row.rstrip().endswith("[model] supplied")  # the model's pattern is shown as it is


def test_rules_only_is_in_the_help(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["suggest", "--help"]) == 0
    help_text = " ".join(capsys.readouterr().out.split())
    assert "--rules-only suggest from the ontology's patterns alone, without the bundled model" in help_text
