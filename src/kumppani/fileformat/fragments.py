"""Provides the checked dump: a document's TOML text, proven to read back as the document.

Saving must never write bytes that would not read back as exactly what was
meant (issue 2). Parsing the whole text back after every save did that, but
cost twice the write itself (issue 7). Here the proof is made in parts, and
the parts that did not change are not redone:

- Every array of tables that ``tomli_w`` writes as ``[[path]]`` blocks (the
  notes of a step, the participants, actions, indicators, and any other such
  array, known to this version or not) is written item by item. Each item's
  block, its *fragment*, is dumped on its own and parsed back on its own,
  once: it is kept in a cache keyed by the path and the item's encoded
  content (its ``repr``: values with their types), so an unchanged note is neither dumped
  nor parsed again, and an edited note is simply a new key.
- The rest, the *skeleton*, holds each such array as a single placeholder
  item. It is dumped and parsed back whole at every save; it is small (the
  header, the steps' own fields, the end marker).
- The text is the skeleton with each placeholder block replaced by the
  array's fragments, in order. A ``[[path]]`` block appends one item to the
  array ``path``, and the headers inside a fragment (``[[path.history]]``)
  belong to that item; each fragment was shown to parse to exactly its item,
  and the skeleton to exactly the document around them, so the text parses
  to exactly the document. The parsed parts, put together, are what the
  caller validates as a session, as it validated a whole re-parse before.

The text is byte for byte what ``tomli_w.dumps(document, multiline_strings=True)``
gives (tests check this on random edit sequences). Only ``tomli_w``'s public
``dumps`` is used: a fragment is the dump of the item alone at its path.
"""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from collections.abc import Mapping, Sequence
from typing import Any

import tomli_w

from kumppani.fileformat.pacing import checkpoint
from kumppani.fileformat.runs import Run, RunList, known
from kumppani.toml import read as tomlread

Table = dict[str, Any]
Path = tuple[str, ...]

CACHE_SIZE = 30_000
"""Fragments kept (least recently used dropped): every note of a few large sessions."""

_MARK = "_kumppani_fragment_" + os.urandom(6).hex()
"""The placeholder item's key: random per process, so no text in a file can imitate it."""
_PLACEHOLDER: Table = {_MARK: "\n"}
"""Written as a block of its own (a multi-line string is never put inline)."""
_PLACEHOLDER_LINES = f'{_MARK} = """\n\n"""\n'


class DumpCheckError(ValueError):
    """The text would not read back as the document (a writer bug: nothing is written)."""


class _Fragment:
    """One item's checked block, and whether ``tomli_w`` would write the item inline."""

    __slots__ = ("inline", "parsed", "text")

    def __init__(self, text: str, parsed: Table) -> None:
        self.text = text
        """The item's ``[[path]]`` block (its header line first), as the whole dump has it."""
        self.parsed = parsed
        """The item as the TOML reader reads it back from ``text``."""
        self.inline: bool | None = None
        """Would ``tomli_w`` write it ``{ … }`` in an array of such items? None: not asked yet."""


_NOT_FROZEN: tuple[None, None, None] = (None, None, None)


class FragmentCache:
    """Fragments by path and encoded content, least recently used dropped; thread-safe."""

    def __init__(self, size: int = CACHE_SIZE) -> None:
        self.size = size
        self._entries: OrderedDict[tuple[Path, str], _Fragment] = OrderedDict()
        self._frozen: dict[int, tuple[Mapping[str, Any], Path | None, _Fragment | None]] = {}
        """Items promised never to change (``freeze``), by identity: item, path, fragment."""
        self._lock = threading.Lock()
        self.made = 0
        """Fragments dumped and parsed so far (a cache miss each; for tests and benchmarks)."""

    def get(self, path: Path, item: Mapping[str, Any]) -> _Fragment:
        """The checked fragment of ``item`` in the array of tables at ``path``."""
        frozen, where, made = self._frozen.get(id(item), _NOT_FROZEN)
        if frozen is item and where == path and made is not None:
            return made  # a frozen item is still what it was when this was made
        # repr tells apart whatever is written differently (True, 1 and 1.0; one instant
        # in two offsets), for the types a TOML document holds, and is quick to make.
        key = (path, repr(item))
        with self._lock:
            found = self._entries.get(key)
            if found is not None:
                self._entries.move_to_end(key)
                self._found_frozen(path, item, found)
                return found
        checkpoint()  # a new item is dumped and parsed: a piece of its own
        fragment = _make_fragment(path, item)
        with self._lock:
            self.made += 1
            self._entries[key] = fragment
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)
            self._found_frozen(path, item, fragment)
        return fragment

    def _found_frozen(self, path: Path, item: Mapping[str, Any], fragment: _Fragment) -> None:
        """Keep ``fragment`` by the identity of ``item`` if ``item`` is frozen (lock held)."""
        frozen = self._frozen.get(id(item))
        if frozen is not None and frozen[0] is item:
            self._frozen[id(item)] = (item, path, fragment)

    def freeze(self, item: Mapping[str, Any]) -> None:
        """Promise that ``item`` will never be changed: its fragment is then found by identity.

        Saves make no ``repr`` of a frozen item again (``note_memo`` hands out such
        tables). An item changed after this would be written as it was: never do it.
        """
        with self._lock:
            self._frozen[id(item)] = (item, None, None)

    def thaw(self, item: Mapping[str, Any]) -> None:
        """Take back ``freeze`` (the item is no longer used); it is let go of.

        No lock (one dictionary step): a note's memo entry may be let go of anywhere.
        """
        if self._frozen.get(id(item), _NOT_FROZEN)[0] is item:
            self._frozen.pop(id(item), None)

    def fresh_lock(self) -> None:
        """Take a new lock (in a forked child, where another thread may have held the old)."""
        self._lock = threading.Lock()

    def clear(self) -> None:
        """Forget every fragment (frozen items stay frozen, their fragments made again)."""
        with self._lock:
            self._entries.clear()
            self._frozen = {key: (item, None, None) for key, (item, _, _) in self._frozen.items()}

    def __len__(self) -> int:
        return len(self._entries)


FRAGMENTS = FragmentCache()
"""The process's cache: saves of the same session (autosave, Ctrl+S) share it."""


def checked_dump(document: Table, cache: FragmentCache | None = None) -> tuple[str, Table]:
    """The TOML text of ``document`` and what it parses back to, checked to equal it.

    Raises ``DumpCheckError`` if any part would not read back the same.
    """
    parts, parsed = _checked_parts(document, FRAGMENTS if cache is None else cache)
    return "".join(part if isinstance(part, str) else part.text for part in parts), parsed


def checked_dump_bytes(document: Table, cache: FragmentCache | None = None) -> tuple[bytes, Table]:
    """``checked_dump``, as the UTF-8 bytes a save writes.

    Each run's bytes are made once and kept on it, so a save of 10,000 notes joins
    bytes instead of encoding the whole text again (5 MB in one call, holding the
    interpreter lock for milliseconds while a key may wait: issue 14).
    """
    parts, parsed = _checked_parts(document, FRAGMENTS if cache is None else cache)
    return b"".join(_utf8(part) if isinstance(part, str) else part.data for part in parts), parsed


def _utf8(text: str) -> bytes:
    return text.encode("utf-8", errors="replace")


def _checked_parts(document: Table, fragments: FragmentCache) -> tuple[list[str | _Block], Table]:
    """The text of ``document`` in parts (text, and blocks of array items), and its read-back."""
    arrays: list[tuple[Path, list[_Block]]] = []
    skeleton = _skeleton(document, (), fragments, arrays)
    if not arrays:
        text = tomli_w.dumps(document, multiline_strings=True)
        return [text], _parse_equal(text, document, "the text")
    checkpoint()
    skeleton_text = tomli_w.dumps(skeleton, multiline_strings=True)
    checkpoint()
    parsed = _parse_equal(skeleton_text, skeleton, "the text around the arrays of tables")
    pieces = skeleton_text.split(_PLACEHOLDER_LINES)
    if len(pieces) != len(arrays) + 1:
        raise DumpCheckError("the arrays of tables were not where they were put")
    out: list[str | _Block] = []
    for (path, blocks), piece in zip(arrays, pieces, strict=False):
        before = _without_last_line(piece)
        header = piece[len(before) :]  # the placeholder's [[path]] line
        if not all(block.header == header for block in blocks):
            raise DumpCheckError(f"the items of {'.'.join(path)} would land elsewhere")
        out.append(before)
        for index, block in enumerate(blocks):  # the items one after another, a line between
            out += [block] if index == 0 else ["\n", block]
        read = [block.parsed for block in blocks]  # a plain array is one block, not a run
        _place(parsed, path, RunList.of(read) if blocks[0].run else list(read[0]))
    out.append(pieces[-1])
    return out, parsed


class _Block:
    """Items of one array, one after another: their text, what it reads back as, its header."""

    __slots__ = ("_data", "_inline", "_items", "header", "parsed", "run", "text")

    def __init__(self, path: Path, items: Sequence[Mapping[str, Any]], cache: FragmentCache):
        fragments = [cache.get(path, item) for item in items]
        header = _first_line(fragments[0].text)
        same = all(fragment.text.startswith(header) for fragment in fragments)
        self.header = header if same else None
        """The ``[[path]]`` line every item's block starts with (None: they do not agree)."""
        self.text = "\n".join(fragment.text for fragment in fragments)
        self.parsed = Run(fragment.parsed for fragment in fragments)
        self.run = isinstance(items, Run)
        """Made of a ``Run``, kept on it: the parts read back are kept as runs too."""
        self._items = (path, tuple(items), fragments)  # not the run itself: no cycle with it
        self._inline: bool | None = None
        self._data: bytes | None = None

    @property
    def data(self) -> bytes:
        """``text`` in UTF-8, made once."""
        if self._data is None:
            self._data = _utf8(self.text)
        return self._data

    @property
    def inline(self) -> bool:
        """Whether every item fits on a line (then ``tomli_w`` writes the array inline).

        Asked in order, up to the first that does not, as tomli_w does; once.
        """
        if self._inline is None:
            path, items, fragments = self._items
            pairs = zip(items, fragments, strict=True)
            self._inline = all(_inline(path, *pair) for pair in pairs)
        return self._inline


def _blocks(path: Path, value: Sequence[Mapping[str, Any]], cache: FragmentCache) -> list[_Block]:
    """The blocks of an array of tables: one per run of a ``RunList`` (kept on the run)."""
    if type(value) is not RunList:
        return [_Block(path, value, cache)]
    blocks = []
    for run in value.runs:
        made = known(run, "fragment")
        if made is None or made[0] != path:
            checkpoint()
            made = (path, _Block(path, run, cache))
            run.fragment = made
        blocks.append(made[1])
    return blocks


def _skeleton(
    table: Mapping[str, Any],
    path: Path,
    cache: FragmentCache,
    arrays: list[tuple[Path, list[_Block]]],
) -> Table:
    """``table`` with each array written as ``[[…]]`` blocks cut down to one placeholder item.

    The arrays, with their items' blocks, are appended to ``arrays`` in the
    order the text has them: ``tomli_w`` writes a table's plain values first,
    then its tables and arrays of tables in key order, each one whole, and
    plain values make no arrays here.
    """
    result: Table = {}
    for key, value in table.items():
        if isinstance(value, Mapping):
            result[key] = _skeleton(value, (*path, key), cache, arrays)
        elif (type(value) is RunList and value) or _is_array_of_tables(value):
            blocks = _blocks((*path, key), value, cache)
            if all(block.inline for block in blocks):
                result[key] = value  # written inline: a plain value of the skeleton
            else:
                arrays.append(((*path, key), blocks))
                result[key] = [_PLACEHOLDER]
        else:
            result[key] = value
    return result


def _is_array_of_tables(value: Any) -> bool:
    # (a dict asked first: the abstract Mapping's check costs more, for each of 1,000s of notes)
    return (
        isinstance(value, list | tuple)
        and bool(value)
        and all(type(item) is dict or isinstance(item, Mapping) for item in value)
    )


def _make_fragment(path: Path, item: Mapping[str, Any]) -> _Fragment:
    # After an item that is never inline, tomli_w writes the array as blocks without
    # first trying each item inline (that try costs as much as the block itself).
    text = tomli_w.dumps(_nest(path, [_PLACEHOLDER, item]), multiline_strings=True)
    lead = _first_line(text) + _PLACEHOLDER_LINES + "\n"
    if not text.startswith(lead):
        raise DumpCheckError(f"the block of an item of {'.'.join(path)} was not found")
    text = text[len(lead) :]
    reread = _parse_equal(text, _nest(path, [item]), f"an item of {'.'.join(path)}")
    return _Fragment(text, _dig(reread, path)[0])


def _inline(path: Path, item: Mapping[str, Any], fragment: _Fragment) -> bool:
    """Whether tomli_w would write ``item`` inline (asked once per fragment)."""
    if fragment.inline is None:
        # A multi-line string (the only way '"""' gets into the text) is never inline.
        fragment.inline = '"""' not in fragment.text and not tomli_w.dumps(
            _nest(path, [item]), multiline_strings=True
        ).startswith("[[")
    return fragment.inline


def _first_line(text: str) -> str:
    """The first line of ``text`` with its line feed: a ``[[path]]`` header."""
    return text[: text.index("\n") + 1]


def _nest(path: Path, value: Any) -> Table:
    for key in reversed(path):
        value = {key: value}
    return value  # type: ignore[no-any-return]


def _dig(table: Table, path: Path) -> Any:
    value: Any = table
    for key in path:
        value = value[key]
    return value


def _place(table: Table, path: Path, value: Any) -> None:
    _dig(table, path[:-1])[path[-1]] = value


def _parse_equal(text: str, expected: Table, what: str) -> Table:
    try:
        parsed = tomlread.loads(text)
    except tomlread.TOMLDecodeError as error:
        raise DumpCheckError(f"{what} would not parse: {error}") from None
    if parsed != expected:
        raise DumpCheckError(f"{what} would not read back the same")
    return parsed


def _without_last_line(text: str) -> str:
    """``text`` without its last line (the placeholder's ``[[path]]`` header)."""
    return text[: text.rfind("\n", 0, len(text) - 1) + 1]
