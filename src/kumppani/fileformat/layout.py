"""Provides saving into the file as it was written: comments and unknown keys stay in place.

A session file a person edited by hand may hold comments (``# …``) and keys
this version does not know. The fast writer (``tomli_w``, checked in parts by
``fileformat.fragments``) writes every file in one fixed layout, which would
drop the comments and move the unknown keys. So a file that holds either is
read with its text kept (``Session.layout``), and saved by writing the new
document *into* that text with tomlkit, a comment-preserving TOML library:
values that did not change keep their exact text, changed ones are replaced
in place (a comment after them on the line stays), removed ones go, new ones
are added at the end of their table, and notes, participants, actions … are
matched by their ``id`` so that a comment stays with its item. ``[end]`` is
kept last. Files without comments or unknown keys keep the fast path; tomlkit
is imported only when such a file is saved.

The result must read back as exactly the document (checked by the caller).
Where it would not, ``layout_dump`` raises ``LayoutError`` and the caller
falls back to the fixed layout; ``comments`` then names what would be lost.
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from typing import Any

_STRINGS_OR_COMMENT = re.compile(
    r'"""(?:[^\\]|\\[\s\S])*?"""(?!")'  # multi-line basic string
    r"|'''[\s\S]*?'''(?!')"  # multi-line literal string
    r'|"(?:[^"\\\n]|\\.)*"'  # basic string
    r"|'[^'\n]*'"  # literal string
    r"|#[^\n]*"  # a comment, to the end of its line
)


KEEP_PARSED = 4
"""Parsed files kept for their next save (the sessions open in one app)."""
_PARSED: OrderedDict[str, Any] = OrderedDict()
_LOCK = threading.Lock()
"""One merge at a time: a kept document is changed in place."""


class LayoutError(ValueError):
    """The document could not be written into the file's own layout."""


def comments(text: str) -> list[tuple[int, str]]:
    """The comments of a TOML text: (line number, comment), in order."""
    if "#" not in text:  # the usual file: no need to look further
        return []
    found: list[tuple[int, str]] = []
    for match in _STRINGS_OR_COMMENT.finditer(text):
        token = match.group()
        if token.startswith("#"):
            found.append((text.count("\n", 0, match.start()) + 1, token))
    return found


def has_comments(text: str) -> bool:
    """True if the TOML text holds at least one comment."""
    if "#" not in text:
        return False
    return any(match.group().startswith("#") for match in _STRINGS_OR_COMMENT.finditer(text))


def layout_dump(document: dict[str, Any], layout: str) -> str:
    """The text of ``document`` written into ``layout`` (the file as read); LayoutError if not.

    Parsing the text with tomlkit is most of the cost (about a second for 1,000
    notes), so the parsed document is kept, per text, for the next save: a save
    brings it in line with the new document, whatever it held before.
    """
    import tomlkit  # about 30 ms to import: only when a file with comments is saved

    with _LOCK:
        try:
            target = _PARSED.pop(layout, None)
            if target is None:
                target = tomlkit.parse(layout)
            _merge_table(target, document, top=True)
            text = tomlkit.dumps(target)
        except Exception as error:  # tomlkit raises many kinds; any of them means: not this way
            raise LayoutError(f"{type(error).__name__}: {error}") from None
        _PARSED[layout] = target
        while len(_PARSED) > KEEP_PARSED:
            _PARSED.popitem(last=False)
        return text


def same_document(old: Any, new: Any) -> bool:
    """Equal documents, value by value and type by type (``1``, ``1.0`` and ``true`` differ)."""
    return _same(old, new)


def _same(old: Any, new: Any) -> bool:
    """Equal values of the same types (``1``, ``1.0`` and ``true`` are all different)."""
    if isinstance(new, list):  # an array; a save's notes come as a list in runs (``runs``)
        return isinstance(old, list) and len(old) == len(new) and all(map(_same, old, new))
    if type(old) is not type(new):
        return False
    if isinstance(new, dict):
        return old.keys() == new.keys() and all(_same(old[key], new[key]) for key in new)
    return bool(old == new)


def _plain(item: Any) -> Any:
    unwrap = getattr(item, "unwrap", None)
    return unwrap() if unwrap is not None else item


def _is_tables(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, dict) for v in value)


def _string(value: str) -> Any:
    """A string; one with line breaks as a multi-line string where that is safe to write."""
    import tomlkit

    multiline = (
        "\n" in value
        and '"""' not in value
        and "\\" not in value
        and not value.endswith('"')
        and all(char.isprintable() or char in "\n\t" for char in value)
    )
    return tomlkit.string(value, multiline=True) if multiline else tomlkit.item(value)


def _new_item(value: Any) -> Any:
    """A tomlkit item for a value that was not in the file."""
    import tomlkit

    if isinstance(value, str):
        return _string(value)
    if isinstance(value, dict):
        table = tomlkit.table()
        for key, item in value.items():
            table.append(key, _new_item(item))
        table.add(tomlkit.nl())  # a blank line before what follows, as the fixed layout has
        return table
    if _is_tables(value):
        tables = tomlkit.aot()
        for item in value:
            tables.append(_new_item(item))
        return tables
    if isinstance(value, list):
        array = tomlkit.array()
        for item in value:
            array.append(_new_item(item))
        return array
    return tomlkit.item(value)


def _merge_table(target: Any, new: dict[str, Any], *, top: bool = False) -> None:
    from tomlkit.items import AoT, InlineTable, Table

    for key in [key for key in target if key not in new]:
        del target[key]
    added = [key for key in new if key not in target]
    end = None
    if top and added and "end" in target:  # [end] stays the last table
        end = target["end"]
        del target["end"]
    for key, value in new.items():
        if key == "end" and end is not None:
            continue
        if key not in target:
            target[key] = _new_item(value)
            continue
        old = target[key]
        if isinstance(value, dict) and isinstance(old, (Table, InlineTable)):
            _merge_table(old, value)
        elif _is_tables(value) and isinstance(old, AoT):
            _merge_tables(old, value)
        elif not _same(_plain(old), value):
            target[key] = _new_item(value)
    if end is not None:
        _merge_table(end, new.get("end", {}))
        target.append("end", end)


def _merge_tables(old: Any, new: list[dict[str, Any]]) -> None:
    """An array of tables: items matched by ``id`` (else by place), merged, in the new order."""
    existing = list(old)
    by_id = {table["id"]: table for table in existing if isinstance(table.get("id"), str)}
    wanted = []
    for index, value in enumerate(new):
        ident = value.get("id")
        if isinstance(ident, str):
            table = by_id.pop(ident, None)
        elif index < len(existing) and "id" not in existing[index]:
            table = existing[index]
        else:
            table = None
        if table is None:
            wanted.append(_new_item(value))
        else:
            _merge_table(table, value)
            wanted.append(table)
    if [id(table) for table in wanted] == [id(table) for table in existing]:
        return
    while len(old):
        del old[len(old) - 1]
    for table in wanted:
        old.append(table)
