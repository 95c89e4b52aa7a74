"""Provides typed, located access to one table of a parsed TOML document.

Each read names its field (``steps.will.notes[2].kind``); a wrong value raises
one ``SessionFileError`` with the file, the line, the field and what was
expected. Keys that were never read are handed back as ``extra`` so they
survive a save.
"""

from __future__ import annotations

import datetime as dt
import math
from enum import StrEnum
from pathlib import Path
from typing import Any, NoReturn, TypeVar

from kumppani.errors import SessionFileError
from kumppani.text.numbers import Number
from kumppani.toml.locate import find_line

E = TypeVar("E", bound=StrEnum)

_TYPE_NAMES = {
    str: "text",
    bool: "true or false",
    int: "a whole number",
    float: "a number",
    dict: "a table",
    list: "an array",
    dt.datetime: "a date-time",
    dt.date: "a date",
    dt.time: "a time",
}


def describe(value: Any) -> str:
    """What a value is, in words, for an error message."""
    for kind, name in _TYPE_NAMES.items():
        if type(value) is kind:
            return name
    return type(value).__name__


class Source:
    """The file being read: raises errors located in it."""

    def __init__(self, path: Path | None, text: str) -> None:
        self.path = path
        self.text = text
        self.unknown_keys = False
        """Set once a table was found holding a key this version does not know."""

    def fail(self, field: str, message: str, expected: str | None = None) -> NoReturn:
        """Raise the located error for ``field``."""
        line = find_line(self.text, field) if field else None
        raise SessionFileError(self.path, message, line=line, field=field, expected=expected)


class Fields:
    """One table of the document, read key by key."""

    def __init__(self, source: Source, table: dict[str, Any], where: str) -> None:
        self.source = source
        self.table = table
        self.where = where
        self.read: set[str] = set()

    def field(self, key: str) -> str:
        """The dotted path of ``key`` in this table."""
        return f"{self.where}.{key}" if self.where else key

    def _get(self, key: str) -> Any:
        self.read.add(key)
        return self.table.get(key)

    def _wrong(self, key: str, value: Any, expected: str) -> NoReturn:
        self.source.fail(self.field(key), f"is {describe(value)}", expected)

    def has(self, key: str) -> bool:
        """True if the key is present."""
        return key in self.table

    def text(self, key: str, default: str = "", *, required: bool = False) -> str:
        """A string value."""
        value = self._get(key)
        if value is None:
            if required:
                self.source.fail(self.field(key), "is missing", "text")
            return default
        if not isinstance(value, str):
            self._wrong(key, value, "text in quotes")
        return value

    def choice(self, key: str, choices: tuple[str, ...], default: str) -> str:
        """A string that must be one of ``choices``."""
        value = self.text(key, default)
        if value not in choices:
            self.source.fail(
                self.field(key), f"is {value!r}", "one of " + ", ".join(map(repr, choices))
            )
        return value

    def enum(self, key: str, kind: type[E], default: E) -> E:
        """A string that must be a value of ``kind``."""
        return kind(self.choice(key, tuple(member.value for member in kind), default.value))

    def flag(self, key: str, default: bool = False) -> bool:
        """A boolean."""
        value = self._get(key)
        if value is None:
            return default
        if not isinstance(value, bool):
            self._wrong(key, value, "true or false")
        return value

    def whole(self, key: str, default: int = 0, *, low: int = 0, high: int | None = None) -> int:
        """An integer within ``low``…``high``."""
        value = self._get(key)
        if value is None:
            return default
        if not isinstance(value, int) or isinstance(value, bool):
            self._wrong(key, value, "a whole number")
        if value < low or (high is not None and value > high):
            span = f"from {low} to {high}" if high is not None else f"{low} or more"
            self.source.fail(self.field(key), f"is {value}", f"a whole number {span}")
        return value

    def number(self, key: str) -> Number | None:
        """A finite number, or None when absent."""
        value = self._get(key)
        if value is None:
            return None
        if not isinstance(value, int | float) or isinstance(value, bool):
            self._wrong(key, value, "a number")
        if isinstance(value, float) and not math.isfinite(value):
            self.source.fail(self.field(key), f"is {value}", "a finite number")
        return value

    def day(self, key: str, *, required: bool = False) -> dt.date | None:
        """A date such as ``2026-03-12``."""
        value = self._get(key)
        if value is None:
            if required:
                self.source.fail(self.field(key), "is missing", "a date such as 2026-03-12")
            return None
        if type(value) is not dt.date:
            self._wrong(key, value, "a date such as 2026-03-12")
        return value

    def clock(self, key: str) -> dt.time | None:
        """A local time of day such as ``09:30:00``."""
        value = self._get(key)
        if value is None:
            return None
        if type(value) is not dt.time:
            self._wrong(key, value, "a time such as 09:30:00")
        return value

    def instant(self, key: str, default: dt.datetime | None = None) -> dt.datetime:
        """A timezone-aware date-time such as ``2026-03-12T09:30:00+02:00``."""
        value = self._get(key)
        expected = "a date-time with a UTC offset, such as 2026-03-12T09:30:00+02:00"
        if value is None:
            if default is None:
                self.source.fail(self.field(key), "is missing", expected)
            return default
        if type(value) is not dt.datetime:
            self._wrong(key, value, expected)
        if value.tzinfo is None:
            self.source.fail(self.field(key), "has no UTC offset", expected)
        return value

    def instant_or_none(self, key: str) -> dt.datetime | None:
        """Like ``instant``, but None when absent."""
        if self.table.get(key) is None:
            self.read.add(key)
            return None
        return self.instant(key)

    def texts(self, key: str) -> list[str]:
        """An array of strings."""
        value = self._get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            self._wrong(key, value, "an array of text")
        for index, item in enumerate(value):
            if not isinstance(item, str):
                self.source.fail(f"{self.field(key)}[{index}]", f"is {describe(item)}", "text")
        return value

    def wholes(self, key: str, low: int, high: int) -> list[int]:
        """An array of distinct integers within ``low``…``high``."""
        value = self._get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            self._wrong(key, value, "an array of whole numbers")
        for index, item in enumerate(value):
            if not isinstance(item, int) or isinstance(item, bool) or not low <= item <= high:
                self.source.fail(
                    f"{self.field(key)}[{index}]", f"is {item!r}", f"a number from {low} to {high}"
                )
        if len(set(value)) != len(value):
            self.source.fail(self.field(key), "repeats a number", "each number once")
        return value

    def sub(self, key: str) -> Fields | None:
        """A sub-table, or None when absent."""
        value = self._get(key)
        if value is None:
            return None
        if not isinstance(value, dict):
            self._wrong(key, value, f"a table [{self.field(key)}]")
        return Fields(self.source, value, self.field(key))

    def subs(self, key: str) -> list[Fields]:
        """An array of tables (``[[key]]``)."""
        return [Fields(self.source, item, where) for where, item in self.tables(key)]

    def tables(self, key: str) -> list[tuple[str, dict[str, Any]]]:
        """An array of tables (``[[key]]``) as they are, each with its dotted path."""
        value = self._get(key)
        if value is None:
            return []
        if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
            self._wrong(key, value, f"an array of tables [[{self.field(key)}]]")
        path = self.field(key)
        return [(f"{path}[{index}]", item) for index, item in enumerate(value)]

    def extra(self) -> dict[str, Any]:
        """The keys never read: kept as they are and written back on save."""
        found = {key: value for key, value in self.table.items() if key not in self.read}
        if found:
            self.source.unknown_keys = True
        return found
