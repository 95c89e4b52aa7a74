"""Provides dates as people type them: one reader for the command line, the forms and filters.

``parse_date`` reads ``2026-03-12`` or ``12.3.2026`` everywhere and, where a
form knows today's date and passes it, ``12.3.`` for the current year. A text
that is not a date raises ``DateError``, which says why (``message``) in the
user's language.
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
