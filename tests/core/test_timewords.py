"""Periods named in words and the calendar description they give."""

from __future__ import annotations

from rdflib.namespace import TIME

from explorer.core.timewords import CalendarDescription, calendar_description
from explorer.core.vocab import KG


def test_words_of_a_year_a_quarter_and_a_month() -> None:
    assert calendar_description("2019") == CalendarDescription(str(TIME.unitYear), 2019)
    assert calendar_description("first quarter") == CalendarDescription(str(KG.unitQuarter), quarter=1)
    assert calendar_description("the third quarter of 2021") == CalendarDescription(str(KG.unitQuarter), 2021, quarter=3)
    assert calendar_description("Q4 2020") == CalendarDescription(str(KG.unitQuarter), 2020, quarter=4)
    assert calendar_description("March 2020") == CalendarDescription(str(TIME.unitMonth), 2020, month=3)


def test_relative_words_give_no_calendar_unit() -> None:
    for words in ("last year", "the second half", "recent months", "2019 and 2020"):
        assert calendar_description(words) is None, words
