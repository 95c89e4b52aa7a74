"""Numbers as people read and type them: one writer, one reader, exact round trip."""

from __future__ import annotations

import math

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from kumppani.text.numbers import format_number, parse_number


@given(
    value=st.floats(allow_nan=False, allow_infinity=False),
    language=st.sampled_from(["fi", "sv", "en"]),
)
@example(value=1234567.5, language="fi")
@example(value=1e16, language="fi")
@example(value=2.0, language="en")
@example(value=-0.0, language="sv")
@example(value=5e-324, language="en")
@example(value=1.7976931348623157e308, language="fi")
def test_every_float_reads_back_exactly_with_its_type(value: float, language: str) -> None:
    text = format_number(value, language, exact=True)
    back = parse_number(text)
    assert isinstance(back, float)
    assert back == value and math.copysign(1, back) == math.copysign(1, value)
    assert "e" not in text.casefold()


@given(value=st.integers(), language=st.sampled_from(["fi", "sv", "en"]))
def test_every_integer_reads_back_as_the_same_integer(value: int, language: str) -> None:
    back = parse_number(format_number(value, language))
    assert back == value and isinstance(back, int)


@given(value=st.floats(allow_nan=False, allow_infinity=False))
@example(value=1234567.5)
@example(value=6.467208959326001e16)
def test_a_shown_number_means_the_same_value(value: float) -> None:
    back = parse_number(format_number(value, "fi"))
    assert back is not None and float(back) == value


@pytest.mark.parametrize(
    ("value", "language", "text"),
    [
        (1234567.5, "fi", "1234567,5"),
        (1234567.5, "en", "1234567.5"),
        (61.5, "sv", "61,5"),
        (4.1, "fi", "4,1"),
        (2.0, "fi", "2"),
        (-0.0, "fi", "0"),
        (1e16, "en", "10000000000000000"),
        (1.5e-7, "fi", "0,00000015"),
        (0.1 + 0.2, "en", "0.30000000000000004"),
        (18, "fi", "18"),
        (None, "fi", ""),
    ],
)
def test_numbers_as_a_person_reads_them(value: float | None, language: str, text: str) -> None:
    assert format_number(value, language) == text


def test_exact_keeps_the_decimals_of_a_whole_float() -> None:
    assert format_number(2.0, "fi", exact=True) == "2,0"
    assert format_number(1e16, "en", exact=True) == "10000000000000000.0"
    assert format_number(2, "fi", exact=True) == "2"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("12", 12),
        ("12,5", 12.5),
        ("12.5", 12.5),
        ("1 200", 1200),
        ("1\u00a0200,5", 1200.5),
        ("\u22123,5", -3.5),
        (",5", 0.5),
        ("", None),
        ("   ", None),
    ],
)
def test_what_a_person_types(text: str, value: float | None) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["many", "1,2,3", "inf", "nan", "1e400", "1_000", "--1", "12,5 %"])
def test_what_is_not_a_number_is_refused(text: str) -> None:
    with pytest.raises(ValueError):
        parse_number(text)
