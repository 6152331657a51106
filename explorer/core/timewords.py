"""Periods named in words ("the first quarter", "2019", "Q3 2021", "March 2020") and the OWL-Time
calendar description those words give: the unit (year, quarter, month) and the numbers stated. A
period whose words give no calendar unit ("last year", "the second half") has none: it is relative
to a date the text may not state."""

from __future__ import annotations

import re
from dataclasses import dataclass

from rdflib.namespace import TIME

from explorer.core.vocab import KG

_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4}
_MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december"]
_YEAR = r"(?:of\s+|,\s*)?((?:19|20)\d\d)"
_QUARTER = re.compile(rf"(?:the\s+)?(?:(first|second|third|fourth)\s+quarter|q([1-4]))(?:\s+{_YEAR})?", re.IGNORECASE)
_MONTH = re.compile(rf"({'|'.join(_MONTHS)})(?:\s+{_YEAR})?", re.IGNORECASE)
_YEAR_ONLY = re.compile(r"(?:the\s+year\s+)?((?:19|20)\d\d)")


@dataclass(frozen=True)
class CalendarDescription:
    """What a period's words say of it on the Gregorian calendar."""

    unit: str  # an OWL-Time temporal unit IRI (time:unitYear, time:unitMonth, kg:unitQuarter)
    year: int | None = None
    quarter: int | None = None
    month: int | None = None


def calendar_description(words: str) -> CalendarDescription | None:
    """The calendar description the words of a period give, or None when they give no unit."""
    text = words.strip()
    quarter = _QUARTER.fullmatch(text)
    if quarter is not None:
        number = _ORDINALS[quarter.group(1).lower()] if quarter.group(1) else int(quarter.group(2))
        return CalendarDescription(str(KG.unitQuarter), _year(quarter.group(3)), quarter=number)
    month = _MONTH.fullmatch(text)
    if month is not None:
        return CalendarDescription(str(TIME.unitMonth), _year(month.group(2)), month=_MONTHS.index(month.group(1).lower()) + 1)
    year = _YEAR_ONLY.fullmatch(text)
    if year is not None:
        return CalendarDescription(str(TIME.unitYear), int(year.group(1)))
    return None


def _year(text: str | None) -> int | None:
    return int(text) if text else None
