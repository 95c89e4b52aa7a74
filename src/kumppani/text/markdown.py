"""Provides escaping of user text for Markdown (CommonMark with GFM tables).

Whatever a facilitator typed must come out as the same words and nothing more:
no heading, list, table cell, link or HTML that the writer did not make. So
every piece of user text goes through one of these helpers, each for the place
it ends up in:

- ``inline`` for one line inside a heading or after a bold label;
- ``cell`` for a table cell (``|`` escaped, line breaks as ``<br>``);
- ``list_item`` for a bullet whose text may span lines;
- ``paragraphs`` and ``blockquote`` for longer free text.

Markdown punctuation is escaped with a backslash (CommonMark lets any ASCII
punctuation be escaped); C0 and C1 control characters other than tab and line
feed are dropped, with whole terminal escape sequences and bidi overrides; CR
LF or a lone CR becomes a line feed. Lines are trimmed, so that leading spaces
cannot turn into a code block.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# Terminal colour and cursor sequences (CSI) go whole, so "\x1b[31m" leaves no "[31m";
# then C0 controls but tab and line feed, DEL, C1 controls, and the bidi embedding,
# override and isolate controls that could make a line read unlike what it holds.
_CONTROLS = re.compile(
    "(?:\x1b\\[|\x9b)[0-?]*[ -/]*[@-~]?|[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]"
)
# What can start markup anywhere in a line: emphasis, code, links, HTML, strikethrough,
# headings, table pipes and the escape character itself (first, so it is not doubled).
_SPECIAL = "\\`*_[]<>|#~"
_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
# What else makes a block when it starts a line: list items, setext underlines, rules.
_LINE_START = re.compile(r"^(?:(\d{1,9})[.)](?=[ \t]|$)|[-+](?=[ \t]|$)|[-=][-= \t]*$)")

HARD_BREAK = "\\\n"


def clean(text: str) -> str:
    """The text with line endings as LF and without control characters."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROLS.sub("", text) if _CONTROLS.search(text) else text


def _escape(text: str) -> str:
    for char in _SPECIAL:
        if char in text:
            text = text.replace(char, "\\" + char)
    return _ENTITY.sub(r"\\&", text) if "&" in text else text


def _guard_start(line: str) -> str:
    found = _LINE_START.match(line)
    if found is None:
        return line
    digits = found.group(1)
    if digits is None:
        return "\\" + line
    return f"{digits}\\{line[len(digits) :]}"


def lines(text: str) -> list[str]:
    """The lines of the text, trimmed and escaped so none can start a block; blanks kept."""
    return [_guard_start(line.strip()) for line in _escape(clean(text)).split("\n")]


def has_text(text: str) -> bool:
    """True when the text has something visible once control characters are gone."""
    return bool(clean(text).strip())


def inline(text: str) -> str:
    """The text as one escaped line (line breaks become spaces)."""
    return " ".join(line for line in lines(text) if line)


def heading(text: str) -> str:
    """The text for a heading or a table cell: escaped, on one line, a leading ``1.`` kept.

    Nothing at the start needs guarding there: a heading's or a cell's text
    cannot start a list or another block.
    """
    return " ".join(part for part in _escape(clean(text)).split() if part)


def cell(text: str) -> str:
    """The text for one GFM table cell: pipes escaped, line breaks as ``<br>``."""
    parts = (line.strip() for line in _escape(clean(text)).split("\n"))
    return "<br>".join(line for line in parts if line)


def list_item(text: str, marker: str = "- ", lead: str = "") -> str:
    """A list item holding the text; lines after the first are indented under it.

    ``lead`` is markup put before the text (a bold label), not escaped.
    """
    kept = [line for line in lines(text) if line] or ["—"]
    return marker + lead + (HARD_BREAK + " " * len(marker)).join(kept)


def paragraphs(text: str, prefix: str = "") -> str:
    """The text as paragraphs (blank lines between), lines within one kept apart.

    Every output line starts with ``prefix`` (``"> "`` for a block quote); the
    result is empty when the text has no words.
    """
    groups: list[list[str]] = [[]]
    for line in lines(text):
        if line:
            groups[-1].append(line)
        elif groups[-1]:
            groups.append([])
    joiner = HARD_BREAK + prefix
    blank = "\n" + prefix.rstrip() + "\n"
    return blank.join(prefix + joiner.join(group) for group in groups if group)


def blockquote(text: str) -> str:
    """The text as a block quote."""
    return paragraphs(text, "> ")


def table(header: list[str], rows: list[list[str]]) -> str:
    """A GFM table from cells that are already escaped with ``cell``."""
    out = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    out.extend("| " + " | ".join(row) + " |" for row in rows)
    return "\n".join(out)


def labelled(items: Iterable[tuple[str, str]]) -> str:
    """A list of ``**label:** text`` items; labels are trusted, empty texts left out."""
    return "\n".join(
        list_item(text, lead=f"**{label}:** ") for label, text in items if has_text(text)
    )


def sub_item(text: str, note: str = "") -> str:
    """An item of a list nested in a list item: the text, then its note if any."""
    return list_item(f"{text} – {note}" if has_text(note) else text, "  - ")


class Document:
    """Markdown blocks, joined once at the end so a long session costs linear time."""

    def __init__(self) -> None:
        self.blocks: list[str] = []

    def add(self, block: str) -> None:
        """Append a block; an empty one is left out, so no section is empty."""
        if block:
            self.blocks.append(block)

    def heading(self, level: int, text: str) -> None:
        """Append a heading whose text is already escaped."""
        self.blocks.append("#" * level + " " + text)

    def text(self) -> str:
        """The whole document, blocks separated by a blank line."""
        return "\n\n".join(self.blocks) + "\n"
