"""A carrier's regional branch has one name, whichever way the text words it (sentences written here, none from the
articles the benchmark scores)."""

from __future__ import annotations

from extraction_support import facts

from explorer.core.extraction.branch_names import branch_names
from explorer.core.extraction.lexicon import Lexicon
from explorer.core.extraction.spans import Mention
from explorer.core.extraction.suggest import suggest_facts


def test_the_possessive_wording_takes_the_graphs_label_and_keeps_itself_as_an_alias() -> None:
    named = branch_names(Mention(0, 28, "China Unicom's Ganzi branch", label="China Unicom's Ganzi branch"))
    assert named.label == "China Unicom Ganzi"
    assert named.aliases == ("China Unicom's Ganzi branch",)


def test_the_plain_wording_of_a_known_place_gains_the_possessive_as_an_alias() -> None:
    named = branch_names(Mention(0, 20, "China Telecom Yunnan"))
    assert (named.label, named.aliases) == ("China Telecom Yunnan", ("China Telecom's Yunnan branch",))
    # a carrier's name before a word that names no place is no branch ("China Mobile Research")
    for text in ("China Mobile Research", "China Mobile", "Huawei's Qinghai branch"):
        assert branch_names(Mention(0, len(text), text)).aliases == (), text
    known = Mention(0, 20, "China Mobile Zhejiang", iri="https://example.org/cmzj")
    assert branch_names(known) is known


def test_both_wordings_in_one_text_are_one_branch(lexicon: Lexicon) -> None:
    found = facts("China Mobile's Qinghai branch built a 5G private network at the Xining potash plant with Huawei. "
                  "China Mobile Qinghai also operates the Golmud data centre.", lexicon)
    assert ("China Mobile Qinghai", "built", "5G private network") in found
    assert ("China Mobile Qinghai", "operates", "Golmud data centre") in found
    assert not any("'s Qinghai branch" in end for fact in found for end in (fact[0], fact[2]))


def test_the_json_of_a_new_branch_lists_its_alias(lexicon: Lexicon) -> None:
    suggestions = suggest_facts("China Mobile's Qinghai branch built a 5G private network at the Xining potash plant.",
                                lexicon, learned=False)
    ends = [end for s in suggestions for end in (s.as_json()["subject"], s.as_json()["object"])]
    assert {"label": "China Mobile Qinghai", "class": ends[0].get("class"),
            "aliases": ["China Mobile's Qinghai branch"]} in ends
    assert all("aliases" not in end for end in ends if end.get("label") != "China Mobile Qinghai")
