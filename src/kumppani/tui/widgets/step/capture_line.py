"""Provides the capture line: where the facilitator types, one note per Enter.

An ``Input`` that hands its text over with ``CaptureSubmitted``, clears
itself and keeps the focus, so the next note can be typed at once. Every
character typed here is text: a note may well start with "2030".

Enter is handled in the line's own key handler, not as a binding: Textual
resolves a focused widget's bindings only once the key has bubbled up to the
App, and by then the characters typed after Enter (a fast typist, a text
expander, a terminal burst) are already in the line and would merge two notes
into one. ``flush`` likewise runs on the line's own queue, after every key
already sent to it, so quitting takes what was typed as a note.

A pasted text of several lines is kept whole, its lines joined, rather than
cut to its first line.

Typing lays out nothing but the line itself. Textual's ``Input`` keeps its
text width (plus one for the cursor) in ``virtual_size``, a reactive that asks
for a layout of the whole screen on every change, so each character re-laid
out the step view and repainted the note list's scrollbar in a second frame
(issue 7: 7.75x slower with a long note list). The line's own size never
depends on its text (``width: 1fr``, ``height: 1``), so here the same reactive
only repaints the line; its horizontal scrolling reads ``virtual_size``
directly and still follows the cursor.

The placeholder is cut to the line's width after a word, with "…": cut bare at the edge it
left a lone letter there ("Kirjoita muistiinpano j") that looked like a
stray character (issue 14).
"""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.geometry import Size
from textual.reactive import Reactive
from textual.widgets import Input, Label

from kumppani.text.safe import cell_width, truncate, truncate_words
from kumppani.tui.messages import CaptureFlushed, CaptureSubmitted


class CaptureLine(Input):
    """The input line for new notes."""

    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=False)
    """The text's width, as in ``Input``, without a screen layout per character."""

    full_placeholder = ""
    """The placeholder as given; ``placeholder`` is it cut to the line's width."""

    def on_resize(self, event: events.Resize) -> None:
        self.full_placeholder = self.full_placeholder or self.placeholder
        width = self.scrollable_content_region.width
        self.placeholder = truncate_words(self.full_placeholder, width) if width > 0 else ""

    async def _on_key(self, event: events.Key) -> None:
        if event.key == "enter":
            event.stop()
            event.prevent_default()
            self._submit()
            return
        await super()._on_key(event)

    def _submit(self) -> None:
        text = self.value.strip()
        self.value = ""
        if text:
            self.post_message(CaptureSubmitted(text))

    def flush(self) -> None:
        """After the keys already sent here: submit what is typed, then post ``CaptureFlushed``."""

        def done() -> None:
            self._submit()
            self.post_message(CaptureFlushed())

        self.call_later(done)

    def _on_paste(self, event: events.Paste) -> None:
        lines = [line.strip() for line in event.text.splitlines()]
        text = " ".join(line for line in lines if line)
        if text:
            self.insert_text_at_cursor(text)
        event.stop()
        event.prevent_default()  # else Input's own handler pastes the first line once more

    async def action_submit(self) -> None:
        self._submit()


SHORTEST_NAME = 6
"""The fewest columns the speaker's name is cut to before the kind gives way too."""


def fit_attribution(who: str, kind: str, mode: str, width: int) -> str:
    """``who · kind · mode ›`` in ``width`` columns, each part cut with "…" where it must.

    The name gives way first (down to ``SHORTEST_NAME``), then the kind; whether the
    attribution stays (``mode``) is always whole, as long as anything fits.
    """
    tail = f" · {mode} ›"
    whole = f"{who} · {kind}{tail}"
    if cell_width(whole) <= width:
        return whole
    room = width - cell_width(f" · {kind}{tail}")
    if room >= SHORTEST_NAME:
        return f"{truncate(who, room)} · {kind}{tail}"
    who = truncate(who, SHORTEST_NAME)
    room = width - cell_width(f"{who} · {tail}")
    if room >= 2:
        return f"{who} · {truncate(kind, room)}{tail}"
    return truncate(whole, width)


class CaptureBar(Horizontal):
    """The capture line with the attribution and kind of the next note beside it."""

    DEFAULT_CSS = """
    CaptureBar { height: 1; dock: bottom; }
    CaptureBar > #attribution { width: auto; max-width: 60%; padding: 0 1; height: 1; }
    CaptureBar > CaptureLine { border: none; height: 1; padding: 0 1; width: 1fr; }
    """

    def __init__(self, placeholder: str) -> None:
        super().__init__(id="capture-bar")
        self.placeholder = placeholder
        self.parts = ("", "", "")
        """Who, what kind and whether they stay, as last shown."""

    def compose(self) -> ComposeResult:
        yield Label("", id="attribution", markup=False)
        yield CaptureLine(placeholder=self.placeholder, id="capture")

    def show_attribution(self, who: str, kind: str, mode: str) -> None:
        """Show who and what kind the next note will be, and whether that stays (``mode``)."""
        self.parts = (who, kind, mode)
        self._fit()

    def on_resize(self) -> None:
        self._fit()

    def _fit(self) -> None:
        label = self.query_one("#attribution", Label)
        room = 1000  # before the first layout: whole; resized at once
        limit = label.styles.max_width
        if self.size.width and limit is not None:
            room = int(limit.resolve(self.size, self.app.size)) - label.styles.gutter.width
        label.update(fit_attribution(*self.parts, room))
