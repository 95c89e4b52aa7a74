"""Provides how an Alt (Meta, Option-as-Meta) key is read: always as the Alt key, never as text.

A terminal sends Alt+X as ``ESC X`` (xterm, VTE, tmux, screen, the Linux
console, Windows Terminal, macOS Terminal/iTerm2 with "Option as Meta").
Textual's parser (8.x) reads some of these pairs as something else, from a
table meant for macOS: ``ESC 1``…``ESC 0``, ``ESC -``, ``ESC =`` and ``ESC §``
as the characters macOS Option types (Alt+5 arrived as "∞", Alt+1 as "¡",
typed into the note), and ``ESC b`` / ``ESC f`` as Ctrl+Left / Ctrl+Right
(Alt+B never reached its binding). And a pair it does read as ``alt+x`` still
carries "x" as its character, so a text field with no binding for it types
"x".

``alt_key_events`` reads every ``ESC`` + printable character as ``alt+…`` with no
character: the binding gets it, and no field ever types it. The parser in
``paste_guard.SafeParser`` calls it first. ``ESC [`` and ``ESC O`` are left
alone: they begin the sequences of the arrows and F-keys.

Bare Option characters (a Mac without "Option as Meta" sends "¡" for
Option+1) are left as text on purpose: on a Finnish or Swedish Mac the same
key types "@", "{" or "[", which a note needs. Every Alt key has an F-key or
Ctrl key beside it (``bindings.STEP_BINDINGS``), so nothing needs Option.

Text fields answer ``alt+b`` / ``alt+f`` as a word left / right, as readline
does (``WORD_KEYS``): macOS Terminal sends Option+Left/Right so by default.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from textual import events
from textual.widget import Widget
from textual.widgets import Input

ESC = "\x1b"
SEQUENCE_STARTS = "[O"
"""After ESC these begin a longer sequence (CSI, SS3), never an Alt key."""

WORD_KEYS = {"alt+b": "left", "alt+f": "right"}
"""Alt keys a text field reads as a word left or right (readline; macOS Option+arrows)."""


def alt_character(sequence: str, alt: bool) -> str | None:
    """The character of ``sequence`` if it is an Alt key (``ESC`` + it, or it read with alt)."""
    if len(sequence) == 2 and sequence[0] == ESC:
        character = sequence[1]
        if character.isprintable() and character not in SEQUENCE_STARTS:
            return character
    if alt and len(sequence) == 1 and sequence.isprintable():
        return sequence
    return None


def alt_key_events(
    sequence: str, alt: bool, read: Callable[[str, bool], Iterable[events.Key]]
) -> list[events.Key] | None:
    """``sequence`` as an Alt key event with no character, or None if it is not one.

    ``read`` is the parser's own reading of a character, used for the key's name
    (``alt+minus``, ``alt+shift+n``).
    """
    character = alt_character(sequence, alt)
    if character is None:
        return None
    return [events.Key(alt_name(key.key), None) for key in read(character, False)]


def alt_name(name: str) -> str:
    """The name of Alt + the key named ``name`` (``n`` → ``alt+n``, ``N`` → ``alt+shift+n``)."""
    if len(name) == 1 and name.isupper():
        name = f"shift+{name.lower()}"
    return name if name.startswith("alt+") else f"alt+{name}"


def move_word(focused: Widget | None, direction: str) -> None:
    """Alt+B / Alt+F in a text field: a word ``left`` or ``right`` (``WORD_KEYS``)."""
    from textual.widgets import TextArea  # not before home's first frame (startup imports)

    if isinstance(focused, Input):
        if direction == "left":
            focused.action_cursor_left_word()
        else:
            focused.action_cursor_right_word()
    elif isinstance(focused, TextArea):
        if direction == "left":
            focused.action_cursor_word_left()
        else:
            focused.action_cursor_word_right()
