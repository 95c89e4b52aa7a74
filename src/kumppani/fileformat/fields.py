"""Provides typed, located access to one table of a parsed TOML document.

Each read names its field (``steps.will.notes[2].kind``); a wrong value raises
one ``SessionFileError`` with the file, the line, the field and what was
expected. Keys that were never read are handed back as ``extra`` so they
survive a save.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
from enum import StrEnum
from pathlib import Path
from typing import Any, NoReturn, TypeVar

from kumppani.errors import Message, SessionFileError, Words, is_
from kumppani.errors import kind_of as describe
from kumppani.text.numbers import Number
from kumppani.toml.locate import find_line

E = TypeVar("E", bound=StrEnum)

MISSING = Message("problem.missing")
DATE_EXAMPLE = Message("expected.date_example")


class Source:
    """The file being read: raises errors located in it."""

    def __init__(self, path: Path | None, text: str) -> None:
        self.path = path
        self.text = text
        self.unknown_keys = False
        """Set once a table was found holding a key this version does not know."""

    def fail(self, field: str, message: Words, expected: Words | None = None) -> NoReturn:
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

    def _wrong(self, key: str, value: Any, expected: Words) -> NoReturn:
        self.source.fail(self.field(key), is_(describe(value)), expected)

    def has(self, key: str) -> bool:
        """True if the key is present."""
        return key in self.table

    def text(self, key: str, default: str = "", *, required: bool = False) -> str:
        """A string value."""
        value = self._get(key)
        if value is None:
            if required:
                self.source.fail(self.field(key), MISSING, Message("type.text"))
            return default
        if not isinstance(value, str):
            self._wrong(key, value, Message("expected.text_in_quotes"))
        return value

    def choice(self, key: str, choices: tuple[str, ...], default: str) -> str:
        """A string that must be one of ``choices``."""
        value = self.text(key, default)
        if value not in choices:
            one_of = Message("expected.one_of", choices=", ".join(map(repr, choices)))
            self.source.fail(self.field(key), is_(repr(value)), one_of)
        return value

    def enum(self, key: str, kind: type[E], default: E) -> E:
        """A string that must be a value of ``kind``."""
        return kind(self.choice(key, _values(kind), default.value))

    def flag(self, key: str, default: bool = False) -> bool:
        """A boolean."""
        value = self._get(key)
        if value is None:
            return default
        if not isinstance(value, bool):
            self._wrong(key, value, Message("type.bool"))
        return value

    def whole(self, key: str, default: int = 0, *, low: int = 0, high: int | None = None) -> int:
        """An integer within ``low``…``high``."""
        value = self._get(key)
        if value is None:
            return default
        if not isinstance(value, int) or isinstance(value, bool):
            self._wrong(key, value, Message("type.int"))
        if value < low or (high is not None and value > high):
            span = (
                Message("expected.whole_range", low=low, high=high)
                if high is not None
                else Message("expected.whole_min", low=low)
            )
            self.source.fail(self.field(key), is_(value), span)
        return value

    def number(self, key: str) -> Number | None:
        """A finite number, or None when absent."""
        value = self._get(key)
        if value is None:
            return None
        if not isinstance(value, int | float) or isinstance(value, bool):
            self._wrong(key, value, Message("type.float"))
        if isinstance(value, float) and not math.isfinite(value):
            self.source.fail(self.field(key), is_(value), Message("expected.finite"))
        return value

    def day(self, key: str, *, required: bool = False) -> dt.date | None:
        """A date such as ``2026-03-12``."""
        value = self._get(key)
        if value is None:
            if required:
                self.source.fail(self.field(key), MISSING, DATE_EXAMPLE)
            return None
        if type(value) is not dt.date:
            self._wrong(key, value, DATE_EXAMPLE)
        return value

    def clock(self, key: str) -> dt.time | None:
        """A local time of day such as ``09:30:00``."""
        value = self._get(key)
        if value is None:
            return None
        if type(value) is not dt.time:
            self._wrong(key, value, Message("expected.time_example"))
        return value

    def instant(self, key: str, default: dt.datetime | None = None) -> dt.datetime:
        """A timezone-aware date-time such as ``2026-03-12T09:30:00+02:00``."""
        value = self._get(key)
        expected = Message("expected.instant")
        if value is None:
            if default is None:
                self.source.fail(self.field(key), MISSING, expected)
            return default
        if type(value) is not dt.datetime:
            self._wrong(key, value, expected)
        if value.tzinfo is None:
            self.source.fail(self.field(key), Message("problem.no_offset"), expected)
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
            self._wrong(key, value, Message("expected.array_of_text"))
        for index, item in enumerate(value):
            if not isinstance(item, str):
                where = f"{self.field(key)}[{index}]"
                self.source.fail(where, is_(describe(item)), Message("type.text"))
        return value

    def wholes(self, key: str, low: int, high: int) -> list[int]:
        """An array of distinct integers within ``low``…``high``."""
        value = self._get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            self._wrong(key, value, Message("expected.array_of_wholes"))
        for index, item in enumerate(value):
            if not isinstance(item, int) or isinstance(item, bool) or not low <= item <= high:
                span = Message("expected.number_range", low=low, high=high)
                self.source.fail(f"{self.field(key)}[{index}]", is_(repr(item)), span)
        if len(set(value)) != len(value):
            self.source.fail(
                self.field(key), Message("problem.repeats_number"), Message("expected.each_once")
            )
        return value

    def sub(self, key: str) -> Fields | None:
        """A sub-table, or None when absent."""
        value = self._get(key)
        if value is None:
            return None
        if not isinstance(value, dict):
            self._wrong(key, value, Message("expected.table_named", name=self.field(key)))
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
            self._wrong(key, value, Message("expected.tables_named", name=self.field(key)))
        path = self.field(key)
        return [(f"{path}[{index}]", item) for index, item in enumerate(value)]

    def extra(self) -> dict[str, Any]:
        """The keys never read: kept as they are and written back on save."""
        found = {key: value for key, value in self.table.items() if key not in self.read}
        if found:
            self.source.unknown_keys = True
        return found


@functools.cache
def _values(kind: type[StrEnum]) -> tuple[str, ...]:
    """The values of an enumeration, in order (looked up for every enum field read)."""
    return tuple(member.value for member in kind)
