"""One date reader for the command line, the forms and the filters, refusing with a reason."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kumppani.text.dates import DateError, parse_date

TODAY = dt.date(2026, 3, 1)


@pytest.mark.parametrize("text", [" 2026-03-12 ", "12.3.2026", "12.03.2026", "2026-03-12\n"])
def test_both_ways_of_writing_a_date(text: str) -> None:
    assert parse_date(text) == dt.date(2026, 3, 12)


def test_a_short_date_is_this_year_where_a_form_knows_today() -> None:
    assert parse_date("12.3.", today=TODAY) == dt.date(2026, 3, 12)
    assert parse_date("5.11", today=TODAY) == dt.date(2026, 11, 5)
    with pytest.raises(DateError) as refused:
        parse_date("12.3.")
    assert refused.value.reason == "shape"


def test_empty_is_no_date() -> None:
    assert parse_date("") is None
    assert parse_date("   ", today=TODAY) is None


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("12/3/2026", "shape"),
        ("2026-3-12", "shape"),
        ("20260312", "shape"),
        ("tomorrow", "shape"),
        ("2026-13-01", "no_such_day"),
        ("31.2.2026", "no_such_day"),
        ("0.1.2026", "no_such_day"),
    ],
)
def test_a_refused_date_says_why(text: str, reason: str) -> None:
    with pytest.raises(DateError) as refused:
        parse_date(text)
    assert refused.value.reason == reason
    for language in ("fi", "sv", "en"):
        message = refused.value.message(language)
        assert text in message and "{" not in message


def test_the_reason_in_each_language() -> None:
    with pytest.raises(DateError) as refused:
        parse_date("31.2.2026")
    assert refused.value.message("fi") == "Päivää 31.2.2026 ei ole kalenterissa"
    assert refused.value.message("en") == "There is no day 31.2.2026 in the calendar"


@given(day=st.dates())
def test_every_day_reads_back_from_both_forms(day: dt.date) -> None:
    if day.year < 1000:
        return
    assert parse_date(day.isoformat()) == day
    assert parse_date(f"{day.day}.{day.month}.{day.year}") == day
