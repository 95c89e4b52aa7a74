"""Provides numbers as people read and type them: one writer, one reader.

``format_number`` writes the shortest text that reads back as the same float
(``repr``'s digits, never ``:g``, which keeps only six), laid out without
exponent notation and with the language's decimal separator (a comma in
Finnish and Swedish, a point in English). ``parse_number`` reads what a person
typed: either separator, spaces as thousands separators, a typographic minus.
With ``exact=True`` a float keeps its decimal part (``2,0``), so that
``parse_number(format_number(x, language, exact=True)) == x`` with the same
type for every finite number: a form opened and saved unchanged keeps its
values exactly.
"""

from __future__ import annotations

import math
import re
from decimal import Decimal

from kumppani.text.catalogs import lookup

Number = int | float
"""A number in a session: what TOML stores as an integer or a float."""

_INTEGER = re.compile(r"[-+]?\d+")
_DECIMAL = re.compile(r"[-+]?(\d+[.,]?\d*|[.,]\d+)([eE][-+]?\d+)?")


def decimal_separator(language: str) -> str:
    """The decimal separator of ``language`` (``,`` in Finnish and Swedish, ``.`` in English)."""
    return lookup("export.decimal_separator", language)


def format_number(value: Number | None, language: str, *, exact: bool = False) -> str:
    """``value`` as ``language`` writes it; None is empty.

    A whole float is written without decimals (``2``) unless ``exact``, which
    keeps ``2,0`` so that parsing gives back a float.
    """
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, float):
        return str(int(value))
    if not math.isfinite(value):
        return repr(value)
    text = format(Decimal(repr(value)), "f")
    if value.is_integer():
        text = text.split(".")[0]
        if not exact:
            return "0" if text == "-0" else text
        text += ".0"
    elif "." not in text:
        text += ".0"
    return text.replace(".", decimal_separator(language))


def parse_number(text: str) -> Number | None:
    """``12``, ``12,5``, ``12.5`` or ``1 200`` as a number; empty is None; else ValueError.

    Digits only read as an integer, anything with a separator as a float.
    """
    text = "".join(text.split()).replace("\u2212", "-")
    if not text:
        return None
    if _INTEGER.fullmatch(text):
        return int(text)
    if not _DECIMAL.fullmatch(text):
        raise ValueError(text)
    value = float(text.replace(",", "."))
    if not math.isfinite(value):
        raise ValueError(text)
    return value
