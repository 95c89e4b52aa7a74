"""Provides the readings tables of the minutes: each indicator's dated readings over time.

Under the heading "Readings", one table per measured indicator: a row for the
baseline, a row per reading (oldest first) and a row for the target. Each
value carries the unit; each reading shows how much it changed from the
baseline and how far it has come towards the target (``0 %`` at the baseline,
``100 %`` at the target), and its note. The cells hold text as typed; each
writer of the minutes escapes it for its format.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Protocol

from kumppani.library.indicators import progress
from kumppani.minutes.blocks import Table, one_line
from kumppani.session.model import Indicator
from kumppani.text.numbers import Number

COLUMNS: tuple[str, ...] = ("reading_date", "reading_value", "change", "progress", "reading_note")
"""The columns of a readings table: keys under ``export.column``."""


class Words(Protocol):
    """What the readings tables need from the minutes being written."""

    def _(self, key: str, **values: object) -> str: ...

    def date(self, day: dt.date) -> str: ...

    def number(self, value: Number | None) -> str: ...


def difference(value: Number, baseline: Number) -> Number:
    """``value - baseline`` as the numbers read (62,3 − 61,5 is 0,8, not 0,7999…)."""
    try:
        exact = Decimal(repr(value)) - Decimal(repr(baseline))
    except InvalidOperation:  # inf or nan
        return value - baseline
    if exact == exact.to_integral_value():
        return int(exact)
    return float(exact)


def _with_unit(words: Words, value: Number | None, unit: str) -> str:
    number = words.number(value)
    unit = " ".join(unit.split())
    return f"{number} {unit}" if number and unit else number


def _signed(words: Words, value: Number) -> str:
    text = words.number(value)
    return "+" + text if value > 0 else text


def _percent(words: Words, share: float | None) -> str:
    if share is None or share != share or abs(share) == float("inf"):
        return ""
    return words._("export.percent", value=words.number(round(share * 100)))


def readings_table(indicator: Indicator, words: Words) -> Table:
    """The table of one indicator: baseline, readings by date, target."""
    unit = indicator.unit
    baseline, target = indicator.baseline, indicator.target
    rows: list[tuple[str, ...]] = []
    if baseline is not None:
        rows.append(
            (words._("export.column.baseline"), _with_unit(words, baseline, unit), *[""] * 3)
        )
    for reading in sorted(indicator.readings, key=lambda item: item.on):
        change = _signed(words, difference(reading.value, baseline)) if baseline is not None else ""
        rows.append(
            (
                words.date(reading.on),
                _with_unit(words, reading.value, unit),
                change,
                _percent(words, progress(reading.value, baseline, target)),
                one_line(reading.note),
            )
        )
    if target is not None:
        rows.append((words._("export.column.target"), _with_unit(words, target, unit), *[""] * 3))
    header = tuple(words._(f"export.column.{column}") for column in COLUMNS)
    return Table(header, tuple(rows))
