"""Provides terminal-safe text: what a file holds is shown on the terminal but never acts on it.

A title, a name or a note is typed by people and may come from a file someone
else wrote. Printed as it is, an escape sequence in it could move the cursor,
change the window title, hide the following lines or write a link; a bidi
override could make a line read differently from what it holds. Everything
the command line prints from a file goes through ``printable`` or ``one_line``.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

# Escape sequences, longest forms first: OSC (ESC ] … BEL/ST), DCS/SOS/PM/APC strings
# (ESC P/X/^/_ … ST), CSI (ESC [ … final byte) and their 8-bit C1 forms, then any other
# two-character ESC sequence. An unterminated string runs to the end of the text.
_ESCAPES = r"""
    (?:\x1b\]|\x9d) [^\x07\x1b\x9c]* (?:\x07|\x1b\\|\x9c|$)           # OSC
  | (?:\x1b[PX^_]|[\x90\x98\x9e\x9f]) [^\x1b\x9c]* (?:\x1b\\|\x9c|$)  # DCS, SOS, PM, APC
  | (?:\x1b\[|\x9b) [0-?]* [ -/]* [@-~]?                              # CSI
  | \x1b [ -/]* [0-~]?                                                # other ESC sequences
    """
# C0 controls except tab and line feed, DEL, C1 controls, and the bidi embedding,
# override and isolate controls (U+202A–U+202E, U+2066–U+2069).
_CONTROLS = "[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]"


@cache
def _cleaners() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The escape-sequence and control patterns, compiled when first needed.

    Nearly all text is plain (``_NOT_PLAIN``) and never needs them; compiling
    them at import cost every start-up a couple of ms.
    """
    return re.compile(_ESCAPES, re.VERBOSE), re.compile(_CONTROLS)


TERMINAL_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
"""Characters that must never reach the terminal inside a drawn line: every C0 control
(tab and line feed too: a drawn line has neither), DEL, C1 controls and bidi controls.
All of them take no columns, so dropping them leaves the layout as it was."""

LINE_BREAK = " ⏎ "
"""What a line break becomes in ``one_line``: a one-line place shows that it was there."""

ELLIPSIS = "…"

# Characters one column wide that ``printable`` keeps as they are: printable ASCII,
# Latin-1 and Latin Extended letters (not the soft hyphen), dashes, quotes, bullets,
# … and €. Text made only of these (nearly every note) needs no per-character work.
_NOT_PLAIN = re.compile("[^\x20-\x7e\xa0-\xac\xae-\u02ff\u2010-\u2027\u20ac]")


def _char_width(char: str) -> int:
    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def printable(text: str) -> str:
    """``text`` without escape sequences, control characters or bidi overrides.

    Line feeds and tabs stay; a carriage return (CR LF or a lone CR) becomes a
    line feed, so that it cannot overwrite the start of a line.
    """
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    escapes, controls = _cleaners()
    return controls.sub("", escapes.sub("", text))


def same_lines(old: str, new: str) -> bool:
    """Whether ``new`` holds the same lines as ``old``, whatever its line breaks.

    A text editor (Textual's ``TextArea``) splits what it loads at every kind of
    line break (CR, CR LF, VT, FF, NEL, U+2028 …) and gives it back joined with
    one kind, without a break at the very end: that echo is not an edit, and
    taking it as one would rewrite a stored text that nobody touched.
    """
    return old == new or old.splitlines() == new.splitlines()


def cell_width(text: str) -> int:
    """How many terminal columns ``text`` takes: wide characters two, combining marks none."""
    if _NOT_PLAIN.search(text) is None:
        return len(text)
    return sum(_char_width(char) for char in text)


def truncate(text: str, width: int) -> str:
    """``text`` cut to at most ``width`` columns, ending in … when something was cut."""
    if width <= 0:
        return ""
    if _NOT_PLAIN.search(text) is None:
        return text if len(text) <= width else text[: width - 1].rstrip() + ELLIPSIS
    # Walk only as far as the width reaches, not the whole (possibly long) text.
    used = 0
    cut = None
    for index, char in enumerate(text):
        used += _char_width(char)
        if cut is None and used > width - 1:
            cut = index
        if used > width:
            assert cut is not None
            return text[:cut].rstrip() + ELLIPSIS
    return text


def truncate_words(text: str, width: int) -> str:
    """``text`` cut to at most ``width`` columns at the end of a word, ending in … when cut.

    For a hint or a prompt: a word cut bare (``… j``) reads as a stray letter. A
    text whose first word does not fit is cut inside it, as ``truncate`` does.
    """
    cut = truncate(text, width)
    if cut == text or not cut.endswith(ELLIPSIS):
        return cut
    head = cut[: -len(ELLIPSIS)]
    if text[len(head) : len(head) + 1].isspace() or " " not in head:
        return cut
    return head[: head.rindex(" ")].rstrip() + ELLIPSIS


def one_line(text: str, width: int | None = None) -> str:
    """``text`` made printable and put on one line, for a table cell, a list row or a header.

    The one rule of every one-line place, in the terminal interface and on the
    command line alike: a line break shows as `` ⏎ ``, so that a person sees that
    the text has more than one line; tabs and runs of spaces become one space.
    With ``width`` the result is cut to that many columns, ending in ….
    """
    if _NOT_PLAIN.search(text) is None and " ".join(text.split()) == text:
        return text if width is None else truncate(text, width)  # nothing to clean
    lines = [" ".join(line.split()) for line in printable(text).split("\n")]
    result = LINE_BREAK.join(line for line in lines if line)
    return result if width is None else truncate(result, width)


def single_line(text: str) -> str:
    """``text`` made printable with every line break and run of spaces as one space.

    Not for showing (``one_line`` shows breaks): for a value that is *kept* on one
    line, such as a title given on the command line or one made from another.
    """
    return " ".join(printable(text).split())


def pad(text: str, width: int) -> str:
    """``text`` followed by spaces up to ``width`` columns (for aligned columns)."""
    return text + " " * max(0, width - cell_width(text))
