"""Provides the app base that draws user text as plain text, never as terminal controls.

Textual draws what a widget holds as it is: a title, a note or a conclusion
from a file someone else wrote could carry an escape sequence (clear the
screen, set the window title, write a hyperlink), a NUL or a bidi override,
and an editor (``TextArea``, ``Input``) must keep such text exactly as stored.
So the check is made once, where every widget's lines pass: a line filter
drops ``kumppani.text.safe.TERMINAL_CONTROLS`` from every drawn line (they take
no columns, so nothing moves), and every notification is plain text, never
markup, whatever its caller asked. Input passes the paste guard
(``kumppani.tui.paste_guard``): nothing inside a paste becomes a key.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.segment import Segment
from textual.app import ReturnType
from textual.color import Color
from textual.filter import LineFilter
from textual.notifications import SeverityLevel

from kumppani.text.safe import TERMINAL_CONTROLS
from kumppani.tui import paste_guard
from kumppani.tui.key_order import KeyOrderApp


class ControlFilter(LineFilter):
    """Drops control and bidi characters from the text of a drawn line, then applies
    Textual's own filters (``then``) to what is left.

    One filter instead of one more: Textual makes a new ``Strip`` (with its seven
    caches) for every filter a line passes, on every line of every frame.
    """

    def __init__(self, then: tuple[LineFilter, ...] = ()) -> None:
        super().__init__()
        self.then = then

    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        search = TERMINAL_CONTROLS.search
        if search("".join([segment.text for segment in segments])) is not None:
            cleaned = []
            for text, style, control in segments:
                if control is None and search(text):
                    text = TERMINAL_CONTROLS.sub("", text)
                    if not text:
                        continue
                cleaned.append(Segment(text, style, control))
            segments = cleaned
        for line_filter in self.then:
            segments = line_filter.apply(segments, background)
        return segments


class PlainOutputApp(KeyOrderApp[ReturnType]):
    """An App whose screen never receives terminal controls from text and never parses
    notification text as markup."""

    _control_filter: ControlFilter | None = None

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        paste_guard.install()  # a paste is text, never keys (before any driver starts)
        super().__init__(*args, **kwargs)

    def get_line_filters(self) -> Sequence[LineFilter]:
        textual = tuple(super().get_line_filters())
        # The same object while Textual's filters stay the same: strips cache by filter.
        if self._control_filter is None or self._control_filter.then != textual:
            self._control_filter = ControlFilter(textual)
        return [self._control_filter]

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Show a notification; its text is shown literally (``markup`` is ignored)."""
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=False)
