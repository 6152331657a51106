"""Spreadsheets through a mapping: matching, typed literals, refused rows, all or nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from explorer.core.errors import Cancelled
from explorer.core.graph import KnowledgeGraph
from explorer.core.tasks import CancelToken
from explorer.services.importing.mapping import MappingError, TableMapping
from explorer.services.importing.tables import (
    EntityRef,
    LiteralValue,
    TableError,
    context_from_graph,
    plan_import,
    read_table,
)

KG = "https://w3id.org/kg-explorer/ontology#"
D = "https://w3id.org/kg-explorer/data/"
ORG = "http://www.w3.org/ns/org#"

MAPPING = {
    "subject": {"column": "Company", "class": "kg:Company"},
    "labels": [{"column": "Chinese", "language": "zh"}],
    "facts": [
        {"predicate": "org:memberOf", "object": {"column": "Alliance", "class": "kg:IndustryAlliance"}},
        {"predicate": {"column": "Relation"}, "object": {"column": "Partner"}},
    ],
    "source": {"title": "Member list", "date": "2020-06-01"},
}


@pytest.fixture(scope="module")
def context():
    return context_from_graph(KnowledgeGraph.bundled())


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_rows_become_facts_with_known_entities_matched_across_case_and_width(tmp_path: Path, context) -> None:
    table = read_table(write(tmp_path, "members.csv",
                             "Company,Chinese,Alliance,Relation,Partner\n"
                             "Ｈｕａｗｅｉ,华为,zhejiang 5g industry alliance,kg:partneredWith,CHINA MOBILE\n"
                             "ZTE,中兴,5G industry alliance,,\n"))
    plan = plan_import(table, TableMapping.from_json(MAPPING), context)
    assert plan.problems == []
    alliance = EntityRef("zhejiang 5g industry alliance", iri=D + "Zhejiang5GIndustryAlliance")
    huawei = plan.new_entities["huawei"]
    assert huawei.cls == KG + "Company"
    member = [f for f in plan.facts if f.predicate == ORG + "memberOf" and f.row == 2]
    assert member and member[0].object == alliance and member[0].subject == huawei
    partner = [f for f in plan.facts if f.predicate == KG + "partneredWith"]
    assert partner[0].object.iri == D + "ChinaMobile"
    assert partner[0].quote == ("Company: Ｈｕａｗｅｉ; Chinese: 华为; Alliance: zhejiang 5g industry alliance; "
                                "Relation: kg:partneredWith; Partner: CHINA MOBILE")
    assert (huawei, "华为", "zh", False) in plan.labels


def test_bad_rows_are_listed_with_row_number_and_reason(tmp_path: Path, context) -> None:
    table = read_table(write(tmp_path, "bad.tsv",
                             "Company\tChinese\tAlliance\tRelation\tPartner\n"
                             "\t\tx\t\t\n"
                             "Acme\t\tNowhere Alliance\tkg:noSuchProperty\tChina Mobile\n"
                             "Good Co\t\t5G industry alliance\t\t\n"))
    plan = plan_import(table, TableMapping.from_json(MAPPING), context)
    reasons = [str(p) for p in plan.problems]
    assert reasons == ["row 2: column 'Company': no subject",
                       "row 3: column 'Relation': unknown property 'kg:noSuchProperty'"]
    good = plan.without_refused_rows()
    assert {f.row for f in good.facts} == {4}
    assert set(good.new_entities) == {"good co"}


def test_typed_literals_are_checked(tmp_path: Path, context) -> None:
    mapping = TableMapping.from_json({"subject": {"column": "Entity"},
                                      "facts": [{"predicate": "rdfs:comment", "object": {"column": "Units", "datatype": "xsd:integer"}}]})
    table = read_table(write(tmp_path, "u.csv", "Entity,Units\nChina Mobile,\"1,200\"\nChina Mobile,many\n"))
    plan = plan_import(table, mapping, context)
    assert [f.object for f in plan.facts] == [LiteralValue("1200", "http://www.w3.org/2001/XMLSchema#integer")]
    assert [str(p) for p in plan.problems] == ["row 3: column 'Units': 'many' is not a whole number"]


def test_an_ambiguous_name_is_a_choice_recorded_in_the_mapping(tmp_path: Path, context) -> None:
    context.matcher._by_name["twin"] = [D + "A", D + "B"]
    mapping = TableMapping.from_json({"subject": {"column": "Entity"}, "labels": [{"column": "Note"}]})
    table = read_table(write(tmp_path, "t.csv", "Entity,Note\nTwin,x\n"))
    [problem] = plan_import(table, mapping, context).problems
    assert problem.candidates == (D + "A", D + "B")
    mapping.choices["Twin"] = D + "B"
    assert plan_import(table, mapping, context).problems == []
    saved = tmp_path / "m.json"
    mapping.save(saved)
    assert TableMapping.load(saved).choices == {"Twin": D + "B"}


def test_xlsx_rows_keep_their_spreadsheet_numbers(tmp_path: Path, context) -> None:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Members"
    sheet.append(["Company", "Chinese", "Alliance", "Relation", "Partner"])
    sheet.append([None, None, None, None, None])
    sheet.append(["Huawei", "华为", "5G industry alliance", None, None])
    path = tmp_path / "m.xlsx"
    workbook.save(path)
    mapping = TableMapping.from_json({**MAPPING, "sheet": "Members"})
    table = read_table(path, "Members")
    assert [n for n, _ in table.rows] == [3]
    assert plan_import(table, mapping, context).facts[0].row == 3
    with pytest.raises(TableError, match="no sheet named 'Other'"):
        read_table(path, "Other")


@pytest.mark.parametrize("text, message", [
    ("", "the table is empty"),
    ("a,a\n1,2\n", ":1: two columns are named 'a'"),
    ("a,b\n1,2,3\n", ":2: 3 cells in a table of 2 columns"),
])
def test_unreadable_tables_name_file_and_line(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(TableError, match=message):
        read_table(write(tmp_path, "x.csv", text))


@pytest.mark.parametrize("data, field", [
    ({}, "'subject': missing"),
    ({"subject": {"column": "A"}, "facts": [{"object": {"column": "B"}}]}, r"'facts\[0\].predicate' is missing"),
    ({"subject": {"column": "A", "match": "name"}}, "'subject.match'"),
    ({"subject": {"column": "A"}, "facts": [{"predicate": "p", "object": {"column": "B", "datatype": "d", "language": "en"}}]},
     "cannot go together"),
    ({"version": 9, "subject": {"column": "A"}}, "'version'"),
])
def test_bad_mappings_name_the_field(data: dict, field: str, tmp_path: Path) -> None:
    with pytest.raises(MappingError, match=field):
        TableMapping.from_json(data)
    path = write(tmp_path, "m.json", "{\n  oops")
    with pytest.raises(MappingError, match=r"m.json:2: not JSON"):
        TableMapping.load(path)


def test_a_column_the_table_lacks_is_one_clear_error(tmp_path: Path, context) -> None:
    table = read_table(write(tmp_path, "x.csv", "Name\nA\n"))
    with pytest.raises(MappingError, match="does not have: Alliance, Chinese, Company, Partner, Relation"):
        plan_import(table, TableMapping.from_json(MAPPING), context)


def test_cancel_while_checking_rows(tmp_path: Path, context) -> None:
    rows = "".join(f"Company {i},,5G industry alliance,,\n" for i in range(5000))
    table = read_table(write(tmp_path, "big.csv", "Company,Chinese,Alliance,Relation,Partner\n" + rows))
    token = CancelToken()

    def progress(fraction, message):
        if fraction > 0.3:
            token.cancel()

    with pytest.raises(Cancelled):
        plan_import(table, TableMapping.from_json(MAPPING), context, progress=progress, cancel=token)
    assert json.dumps(MAPPING)  # the mapping itself is untouched
