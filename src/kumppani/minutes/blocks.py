"""Provides the minutes document: headings, paragraphs, lists, tables and a key-value header.

The minutes are built once from a session as these blocks, holding the user's
text as typed (not escaped); each writer (Markdown, Word, OpenDocument, HTML)
renders the same blocks and escapes for its own format. So a note reads the
same in every format, and no writer re-parses another's output.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, NamedTuple

from kumppani.text.markdown import clean

Style = Literal["", "bold", "italic"]

HEADING_END = ".,;:!。，；：！ "
"""What a heading does not end in (markdownlint MD026): a theme or action may be a sentence."""


class Span(NamedTuple):
    """A run of text in one style; the text is the user's, unescaped."""

    text: str
    style: Style = ""


Inline = tuple[Span, ...]


def plain(text: str) -> Inline:
    """One unstyled run (nothing for empty text)."""
    return (Span(text),) if text else ()


def inline_text(spans: Inline) -> str:
    """The visible text of a run of spans."""
    return "".join(span.text for span in spans)


@dataclass(frozen=True)
class Heading:
    """A heading of ``level`` 1 (the title) to 4."""

    level: int
    text: str


@dataclass(frozen=True)
class Paragraph:
    """A paragraph; its lines are kept apart (a line break between them)."""

    lines: tuple[Inline, ...]


class Item(NamedTuple):
    """A list item: its text (lines kept apart) and the items nested under it."""

    lines: tuple[Inline, ...]
    children: tuple[Item, ...] = ()


@dataclass(frozen=True)
class ItemList:
    """A bulleted (or numbered) list."""

    items: tuple[Item, ...]
    numbered: bool = False


@dataclass(frozen=True)
class Table:
    """A table with a header row; every cell is one line of plain text."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


def text_width(text: str) -> float:
    """About how wide a text prints, in lower-case letters (digits and capitals are wider)."""
    return sum(1.3 if char.isdigit() or char.isupper() else 1.0 for char in text)


def level(needs: list[float], capacity: float) -> float:
    """The width ``c`` at which ``min(need, c)`` over all columns fills ``capacity``."""
    ordered = sorted(needs)
    used = 0.0
    for index, need in enumerate(ordered):
        left = len(ordered) - index
        if used + need * left >= capacity:
            return (capacity - used) / left
        used += need
    return ordered[-1] if ordered else 0.0


def column_shares(table: Table, capacity: int, padding: int = 4) -> tuple[float, ...]:
    """Each column's share of a table row that holds ``capacity`` lower-case letters.

    Every column gets room for its longest word and a cell's ``padding``, so no
    word is broken inside, as far as the row allows; the room left goes to the
    columns with longer texts, in proportion to how much longer they are.
    """
    columns = [
        [table.header[i], *(row[i] if i < len(row) else "" for row in table.rows)]
        for i in range(len(table.header))
    ]
    need = [
        max(text_width(word) for cell in cells for word in [*cell.split(), ""]) + padding
        for cells in columns
    ]
    want = [max(text_width(cell) for cell in cells) + padding for cells in columns]
    extra = [w - n for w, n in zip(want, need, strict=True)]
    if sum(need) >= capacity:  # not every word fits: only the longest ones break
        weights = [min(n, level(need, capacity)) for n in need]
    elif sum(want) <= capacity or not sum(extra):
        weights = want
    else:
        spare = capacity - sum(need)
        weights = [n + spare * e / sum(extra) for n, e in zip(need, extra, strict=True)]
    total = sum(weights) or 1.0
    return tuple(weight / total for weight in weights)


@dataclass(frozen=True)
class Fields:
    """The key-value header of the minutes: a label and a value per line."""

    pairs: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Quote:
    """A quoted text (the shared message): paragraphs of lines."""

    paragraphs: tuple[tuple[str, ...], ...]


Block = Heading | Paragraph | ItemList | Table | Fields | Quote


@dataclass
class Document:
    """The minutes as blocks in reading order, with the language they are written in."""

    language: str
    title: str = ""
    blocks: list[Block] = field(default_factory=list)

    def add(self, block: Block | None) -> None:
        """Append a block; an empty one is left out, so no section is empty."""
        if block is None:
            return
        if isinstance(block, (ItemList, Fields)) and not (
            block.items if isinstance(block, ItemList) else block.pairs
        ):
            return
        if isinstance(block, (Paragraph, Quote)) and not (
            block.lines if isinstance(block, Paragraph) else block.paragraphs
        ):
            return
        self.blocks.append(block)

    def heading(self, level: int, text: str) -> None:
        """Append a heading, without the full stop or colon a typed sentence may end in."""
        self.blocks.append(Heading(level, text.rstrip(HEADING_END) or text))


def text_lines(text: str) -> tuple[str, ...]:
    """The non-blank lines of a typed text, trimmed, control characters gone.

    Split at line feeds only (after CR LF and CR became LF): ``str.splitlines``
    would also split at NEL and other controls that are dropped.
    """
    text = clean(text)
    if "\n" not in text:
        text = text.strip()
        return (text,) if text else ()
    return tuple(stripped for line in text.split("\n") if (stripped := line.strip()))


def one_line(text: str) -> str:
    """A typed text on one line (for a table cell or a heading)."""
    return " ".join(" ".join(text_lines(text)).split())


def paragraphs_of(text: str) -> tuple[tuple[str, ...], ...]:
    """A typed text as paragraphs (split at blank lines) of trimmed lines."""
    groups: list[list[str]] = [[]]
    for line in clean(text).split("\n"):
        if line.strip():
            groups[-1].append(line.strip())
        elif groups[-1]:
            groups.append([])
    return tuple(tuple(group) for group in groups if group)


def item(text: str, *, lead: str = "", tail: str = "", children: tuple[Item, ...] = ()) -> Item:
    """A list item for a typed text: an optional bold ``lead`` label, an italic ``tail``."""
    lines = list(text_lines(text)) or ["—"]
    first: list[Span] = [Span(f"{lead}:", "bold"), Span(" ")] if lead else []
    spans = [(*first, Span(lines[0])), *((Span(line),) for line in lines[1:])]
    if tail:
        spans[-1] = (*spans[-1], Span(" — "), Span(tail, "italic"))
    return Item(tuple(spans), children)


def items(texts: list[str] | tuple[str, ...]) -> ItemList:
    """A plain list of typed texts, the empty ones left out."""
    return ItemList(tuple(item(text) for text in texts if text_lines(text)))
