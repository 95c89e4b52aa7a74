"""Provides the Markdown writer of the minutes document (CommonMark with GFM tables).

Clean by construction: one blank line between blocks, ``-`` bullets indented by
two, tables with compact pipes (``| --- |``), no raw HTML, every piece of user
text escaped by ``kumppani.text.markdown`` so it stays the words typed.
"""

from __future__ import annotations

from functools import lru_cache

from kumppani.minutes.blocks import (
    Block,
    Document,
    Fields,
    Heading,
    Inline,
    Item,
    ItemList,
    Paragraph,
    Quote,
    Table,
)
from kumppani.text import markdown as md


@lru_cache(maxsize=4096)
def _span(text: str, style: str) -> str:
    """One span escaped, spaces around it kept; cached, as labels and attributions repeat."""
    core = text.strip()
    text = text.replace(core, md.inline(core), 1) if core else text
    if style == "bold" and text.strip():
        return f"**{text}**"
    if style == "italic" and text.strip():
        return f"*{text}*"
    return text


def _spans(spans: Inline) -> str:
    if not spans:
        return ""
    first = spans[0]
    # A line's own text is escaped with its start guarded (it begins the line); the
    # rest (labels, attributions) repeat and come from the cache.
    head = md.inline(first.text) if not first.style else _span(first.text, first.style)
    if len(spans) == 1:
        return head
    return head + "".join([_span(text, style) for text, style in spans[1:]])


def _lines(lines: tuple[Inline, ...], indent: str) -> str:
    if len(lines) == 1:
        return _spans(lines[0]) or "—"
    texts = [_spans(line) for line in lines if line]
    return (md.HARD_BREAK + indent).join(text for text in texts if text) or "—"


def _item(entry: Item, depth: int, marker: str) -> list[str]:
    indent = "  " * depth
    inner = indent + " " * len(marker)
    out = [indent + marker + _lines(entry.lines, inner)]
    for child in entry.children:
        out.extend(_item(child, depth + 1, "- "))
    return out


def _row(cells: list[str]) -> str:
    texts = [md.heading(cell) for cell in cells]
    return "|" + "|".join(f" {text} " if text else " " for text in texts) + "|"


def _block(block: Block) -> str:
    if isinstance(block, Heading):
        return "#" * block.level + " " + (md.heading(block.text) or "—")
    if isinstance(block, Paragraph):
        return _lines(block.lines, "")
    if isinstance(block, ItemList):
        lines: list[str] = []
        for number, entry in enumerate(block.items, 1):
            lines.extend(_item(entry, 0, f"{number}. " if block.numbered else "- "))
        return "\n".join(lines)
    if isinstance(block, Table):
        width = len(block.header)
        rows = [block.header, *block.rows]
        out = [_row(list(rows[0])), "|" + " --- |" * width]
        out.extend(_row(list((*row, *[""] * width)[:width])) for row in rows[1:])
        return "\n".join(out)
    if isinstance(block, Fields):
        return "\n".join(
            f"- **{md.inline(label)}:** {md.inline(value)}" for label, value in block.pairs
        )
    assert isinstance(block, Quote)
    groups = [
        "> " + (md.HARD_BREAK + "> ").join(map(md.inline, lines)) for lines in block.paragraphs
    ]
    return "\n>\n".join(groups)


def write_markdown(document: Document) -> str:
    """The document as Markdown, blocks separated by one blank line, ending in a newline."""
    return "\n\n".join(_block(block) for block in document.blocks) + "\n"
