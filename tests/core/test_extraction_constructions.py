"""Facts carried by syntax: coordination, apposition, relative clauses, possessives, nationality
adjectives, compound modifiers, comparisons, passives and counted groups (sentences written here,
none from the articles the benchmark scores)."""

from __future__ import annotations

from extraction_support import facts

from explorer.core.extraction.lexicon import Lexicon
from explorer.core.extraction.suggest import suggest_facts


def test_coordinated_subjects_and_objects_each_get_the_fact(lexicon: Lexicon) -> None:
    found = facts("Tencent and Alibaba set up a cloud alliance in Shenzhen.", lexicon)
    assert {("Tencent", "established", "cloud alliance"), ("Alibaba", "established", "cloud alliance")} <= found
    found = facts("A smart port was deployed by Baidu and China Unicom.", lexicon)
    assert {("smart port", "builtBy", "Baidu"), ("smart port", "builtBy", "China Unicom")} <= found


def test_and_inside_a_name_is_not_a_coordination(lexicon: Lexicon) -> None:
    found = facts("The Ministry of Science and Technology set up a quantum alliance.", lexicon)
    assert ("Ministry of Science and Technology", "established", "quantum alliance") in found


def test_a_place_after_a_comma_is_no_list(lexicon: Lexicon) -> None:
    found = facts("Sinopec built a smart port in Qingdao, Shandong province.", lexicon)
    assert ("smart port", "locatedIn", "Shandong province") not in found


def test_an_apposition_does_not_lend_its_name_to_the_verb(lexicon: Lexicon) -> None:
    found = facts("Sany Heavy Industry, a unit of Sany Group, built a smart port in Changsha.", lexicon)
    assert ("Sany Heavy Industry", "built", "smart port") in found
    assert ("Sany Group", "built", "smart port") not in found


def test_a_relative_clause_takes_the_subject_it_follows(lexicon: Lexicon) -> None:
    found = facts("China Unicom's Shandong branch, which operates the platform, opened a lab.", lexicon)
    assert ("China Unicom Shandong", "operates", "platform") in found


def test_a_possessive_with_modifiers_reads_as_the_pattern_on_its_head(lexicon: Lexicon) -> None:
    found = facts("Haier's Qingdao branch deployed an industrial internet platform.", lexicon)
    assert ("Haier", "hasBranch", "Haier's Qingdao branch") in found


def test_a_countrys_things_and_a_nationality_adjective_mean_based_there(lexicon: Lexicon) -> None:
    found = facts("Japan's telecom operators partnered with Chinese smartphone vendors.", lexicon)
    assert ("Japan's telecom operators", "basedIn", "Japan") in found
    assert ("Chinese smartphone vendors", "basedIn", "China") in found


def test_its_is_the_thing_named_last_and_names_what_it_owns(lexicon: Lexicon) -> None:
    found = facts("Canalys said in its annual report that shipments fell.", lexicon)
    assert ("Canalys", "published", "Canalys' annual report") in found


def test_a_compound_modifier_states_its_pattern(lexicon: Lexicon) -> None:
    found = facts("The hospital runs 6G-enabled remote healthcare services.", lexicon)
    assert ("6G", "enables", "6G-enabled remote healthcare services") in found


def test_compared_with_reads_as_more_than(lexicon: Lexicon) -> None:
    found = facts("Compared with consumer applications, the industrial internet is far more complex.", lexicon)
    assert ("industrial internet", "moreComplexThan", "consumer applications") in found


def test_a_counted_plural_is_a_group(lexicon: Lexicon) -> None:
    suggestions = suggest_facts("The association currently has 85 leading companies.", lexicon)
    members = [s for s in suggestions if s.object.text == "85 leading companies"]
    assert members and members[0].object.cls.endswith("OrganizationGroup")
    assert members[0].predicate.endswith("hasMemberGroup")


def test_an_opening_participle_clause_has_the_main_subject(lexicon: Lexicon) -> None:
    found = facts("Besides pushing consumer applications, Korea's telecom operators are building private networks.", lexicon)
    assert ("Korea's telecom operators", "promotes", "consumer applications") in found


def test_the_object_stays_in_the_triggers_clause(lexicon: Lexicon) -> None:
    found = facts("Huawei built a smart port to boost throughput, the company said on Monday.", lexicon)
    assert not any(p == "promotes" for _s, p, _o in found)
    assert not any(o == "Monday" for _s, _p, o in found)


def test_passives_are_derived_for_the_inverse_unless_declared(lexicon: Lexicon) -> None:
    passives = {p.words: p.predicate.rsplit("#", 1)[-1] for p in lexicon.patterns}
    assert passives["deployed by"] == "builtBy"
    assert passives["developed by"] == "developedBy"  # declared in the ontology: it wins


def test_an_indefinite_noun_phrase_is_a_thing_and_the_noun_refers_back_to_it(lexicon: Lexicon) -> None:
    text = "Midea built an automated welding workshop in Foshan. The workshop supports a robotic assembly line."
    found = facts(text, lexicon)
    assert ("Midea", "built", "automated welding workshop") in found
    assert ("automated welding workshop", "locatedIn", "Foshan") in found
    subjects = {s for s, p, _o in found if p == "supports"}
    assert subjects == {"automated welding workshop"}


def test_a_thing_described_but_not_named_is_no_agent(lexicon: Lexicon) -> None:
    found = facts("Zhang said a factory must prove its gains.", lexicon)
    assert not any(o == "factory" and p == "reportedBy" for _s, p, o in found)
