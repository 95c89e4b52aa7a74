"""Provides the paste guard: a bracketed paste is text, never keys, whatever it holds.

A terminal wraps pasted text in ``ESC [200~`` … ``ESC [201~``. Textual's input
parser (8.x) leaves the paste at the first ESC inside it and reads what
follows as key presses: pasting ``see ESC]0; SUB ESC\\`` fired Ctrl+Z (undo)
and a BEL fired Ctrl+G (session details). ``PasteGuard`` sits before the
parser: inside a paste every control character but tab and line breaks is
replaced by its visible picture (``␛`` for ESC, ``␚`` for SUB, ``␇`` for BEL),
so the parser sees one plain paste and the text arrives as it was, visibly.
Outside a paste nothing is changed or held back (a lone Escape key still
arrives at once). ``install`` makes Textual's drivers use ``SafeParser``.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable

from textual import events
from textual._xterm_parser import XTermParser
from textual.message import Message

from kumppani.tui.alt_keys import alt_key_events
from kumppani.tui.typing_pace import input_seen

_MOUSE = "\x1b[<"
"""How a mouse report starts (SGR): a moving mouse is not typing."""

START = "\x1b[200~"
END = "\x1b[201~"
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\x80-\x9f]")
"""Controls shown as pictures inside a paste (tab, line feed and carriage return stay)."""


def visible(text: str) -> str:
    """``text`` with each control character replaced by a visible picture of it."""

    def picture(match: re.Match[str]) -> str:
        code = ord(match.group())
        if code < 0x20:
            return chr(0x2400 + code)  # ␀ … ␟
        if code == 0x7F:
            return "\u2421"  # ␡
        return "\ufffd"  # a C1 control: no picture of its own

    return _CONTROLS.sub(picture, text)


class PasteGuard:
    """Rewrites the terminal's input so nothing inside a bracketed paste is a control."""

    def __init__(self) -> None:
        self.pasting = False
        self._held = ""
        """Inside a paste: the end of a chunk that may be the start of ``END``."""
        self._tail = ""
        """Outside a paste: the last characters passed on, to find a ``START`` split in two."""

    def filter(self, data: str) -> str:
        """The input to hand to the parser in place of ``data``."""
        out: list[str] = []
        while data:
            if not self.pasting:
                seen = self._tail + data
                found = seen.find(START)
                if found < 0:
                    out.append(data)
                    self._tail = seen[-(len(START) - 1) :]
                    return "".join(out)
                cut = found + len(START) - len(self._tail)
                out.append(data[:cut])
                data = data[cut:]
                self.pasting, self._tail = True, ""
                continue
            data = self._held + data
            self._held = ""
            found = data.find(END)
            if found < 0:
                keep = _partial_end(data)
                out.append(visible(data[: len(data) - keep]))
                self._held = data[len(data) - keep :]
                return "".join(out)
            out.append(visible(data[:found]) + END)
            data = data[found + len(END) :]
            self.pasting = False
        return "".join(out)

    def flush(self) -> str:
        """What was held back (at the end of input), made visible."""
        held, self._held = self._held, ""
        return visible(held)


def _partial_end(data: str) -> int:
    """How many characters at the end of ``data`` could begin ``END``."""
    for size in range(min(len(END) - 1, len(data)), 0, -1):
        if END.startswith(data[-size:]):
            return size
    return 0


class SafeParser(XTermParser):
    """Textual's parser with the paste guard in front of it, reading Alt keys as Alt keys.

    (``alt_keys``: ``ESC 5`` is Alt+5, not "∞"; ``ESC b`` is Alt+B, not Ctrl+Left.)
    """

    def __init__(self, debug: bool = False) -> None:
        super().__init__(debug)
        self.guard = PasteGuard()

    def feed(self, data: str) -> Iterable[Message]:
        if not data:  # the end of input: say so, with whatever was held back
            return super().feed(self.guard.flush())
        if not data.startswith(_MOUSE):  # in the terminal's thread, before the app sees it
            input_seen()  # a save running in its thread waits for this key (typing_pace)
        safe = self.guard.filter(data)
        return super().feed(safe) if safe else ()  # "" would mean the end of input

    def _sequence_to_key_events(self, sequence: str, alt: bool = False) -> Iterable[events.Key]:
        read = super()._sequence_to_key_events
        keys = alt_key_events(sequence, alt, lambda text, alt: read(text, alt=alt))
        return read(sequence, alt=alt) if keys is None else keys


def install() -> None:
    """Make Textual's terminal drivers read input through ``SafeParser``."""
    from textual.drivers import linux_driver

    linux_driver.XTermParser = SafeParser  # type: ignore[attr-defined]
    from textual.drivers import linux_inline_driver

    linux_inline_driver.XTermParser = SafeParser  # type: ignore[attr-defined]
    if os.name == "nt":  # pragma: no cover - Windows
        from textual.drivers import win32

        win32.XTermParser = SafeParser  # type: ignore[attr-defined]
