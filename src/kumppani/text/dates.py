"""Provides dates as people type them and as they read them: one reader and one writer.

``parse_date`` reads ``2026-03-12`` or ``12.3.2026`` everywhere and, where a
form knows today's date and passes it, ``12.3.`` for the current year. A text
that is not a date raises ``DateError``, which says why (``message``) in the
user's language. ``format_date``, ``format_time`` and ``format_when`` write a
date and a time as the minutes do (``5.12.2026 klo 9.00``; ``5 December 2026
09:00``), for the minutes and the review screen alike.
"""

from __future__ import annotations

import datetime as dt
import re

from kumppani.text.i18n import t

_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_DOTTED = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")
_DOTTED_SHORT = re.compile(r"(\d{1,2})\.(\d{1,2})\.?")


class DateError(ValueError):
    """A text that is not a date; ``reason`` names why (a key under ``dates.``)."""

    def __init__(self, text: str, reason: str) -> None:
        super().__init__(f"{text!r}: {reason}")
        self.text = text
        self.reason = reason

    def message(self, language: str) -> str:
        """Why the text was refused, in ``language``."""
        return t(f"dates.{self.reason}", language, value=self.text)


def parse_date(text: str, *, today: dt.date | None = None) -> dt.date | None:
    """``2026-03-12`` or ``12.3.2026`` as a date; empty is None; anything else DateError.

    With ``today``, ``12.3.`` (or ``12.3``) is that day of today's year.
    """
    text = text.strip()
    if not text:
        return None
    if found := _ISO.fullmatch(text):
        year, month, day = (int(part) for part in found.groups())
    elif found := _DOTTED.fullmatch(text):
        day, month, year = (int(part) for part in found.groups())
    elif today is not None and (found := _DOTTED_SHORT.fullmatch(text)):
        (day, month), year = (int(part) for part in found.groups()), today.year
    else:
        raise DateError(text, "shape_short" if today is not None else "shape")
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise DateError(text, "no_such_day") from None


def format_date(day: dt.date, language: str) -> str:
    """``day`` as a person reads it in ``language``: ``5.12.2026``, ``5 December 2026``."""
    name = t(f"export.month.{day.month}", language)
    return t(
        "export.date_format", language, day=day.day, month=day.month, year=day.year, month_name=name
    )


def format_time(moment: dt.time | dt.datetime, language: str) -> str:
    """The clock time of ``moment`` in ``language``: ``9.00``, ``09:00``."""
    return t("export.time_format", language, hour=moment.hour, minute=moment.minute)


def format_when(
    day: dt.date | None, start: dt.time | None, end: dt.time | None, language: str
) -> str:
    """``12.3.2026 klo 9.00–12.00``: what is known of a date and a time span."""
    parts = [format_date(day, language)] if day else []
    if start is not None:
        key = "export.time_single" if end is None else "export.time_range"
        ends = end and format_time(end, language)
        parts.append(t(key, language, start=format_time(start, language), end=ends))
    return " ".join(parts)
