"""Provides the note list of a step: one line per note, only the visible lines rendered.

A line-API ``ScrollView`` (as Toolong's log lines): the widget holds a
reference to the step's own list of notes and draws the lines in view, so a
step with 10,000 notes scrolls and grows as fast as one with ten. Adding a
note is ``note_added()``: the virtual height grows by one line, nothing is
rebuilt. Each line shows the highlight mark ★, the kind, who said it and the
text; the text is a plain ``Text`` (never markup), made printable first.

The list changes nothing itself: it posts ``NoteCommand`` messages and the
step screen decides.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.events import Click
from textual.geometry import Region, Size
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from kumppani.i18n import Translator
from kumppani.model import Note
from kumppani.textsafe import one_line, truncate
from kumppani.tui.bindings import NOTE_LIST_BINDINGS, localize
from kumppani.tui.messages import NoteCommand

Describe = Callable[[Note], tuple[str, str]]
"""A note's kind label and attribution, as the screen words them."""

KIND_WIDTH = 13
WHO_WIDTH = 22


class NoteList(ScrollView, can_focus=True):
    """The notes of one step, with a cursor."""

    BINDINGS = NOTE_LIST_BINDINGS  # type: ignore[assignment]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "note-list--cursor",
        "note-list--highlight",
        "note-list--kind",
        "note-list--who",
        "note-list--empty",
    }

    DEFAULT_CSS = """
    NoteList { height: 1fr; background: $surface; }
    NoteList > .note-list--cursor { background: $block-cursor-blurred-background; }
    NoteList:focus > .note-list--cursor {
        background: $block-cursor-background; color: $block-cursor-foreground;
    }
    NoteList > .note-list--highlight { color: $warning; text-style: bold; }
    NoteList > .note-list--kind { color: $text-muted; }
    NoteList > .note-list--who { color: $accent; }
    NoteList > .note-list--empty { color: $text-muted; text-style: italic; }
    """

    cursor: reactive[int] = reactive(0, always_update=True)
    """The index of the note under the cursor."""

    def __init__(
        self,
        notes: list[Note],
        describe: Describe,
        translate: Translator,
        *,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.notes = notes
        self.describe = describe
        self.translate = translate
        localize(self, translate)

    # -- data --------------------------------------------------------------------------------
    def show(self, notes: list[Note]) -> None:
        """Show another step's notes, cursor at the last one."""
        self.notes = notes
        self._resize()
        self.cursor = max(0, len(notes) - 1)
        self.scroll_to(y=max(0, len(notes) - self.size.height), animate=False)
        self.refresh()

    def note_added(self) -> None:
        """The last note of the list is new: grow by one line and follow it."""
        self._resize()
        self.cursor = len(self.notes) - 1

    def notes_changed(self) -> None:
        """Notes were edited, removed or reordered: redraw the visible lines."""
        self._resize()
        self.cursor = min(self.cursor, max(0, len(self.notes) - 1))
        self.refresh()

    def select(self, note_id: str) -> None:
        """Put the cursor on the note with this id, if it is in the list."""
        for index, note in enumerate(self.notes):
            if note.id == note_id:
                self.cursor = index
                return

    @property
    def current(self) -> Note | None:
        """The note under the cursor."""
        if 0 <= self.cursor < len(self.notes):
            return self.notes[self.cursor]
        return None

    def _resize(self) -> None:
        self.virtual_size = Size(self.size.width, max(1, len(self.notes)))

    # -- cursor ------------------------------------------------------------------------------
    def validate_cursor(self, cursor: int) -> int:
        return max(0, min(cursor, len(self.notes) - 1)) if self.notes else 0

    def watch_cursor(self) -> None:
        if self.notes:
            self.scroll_to_region(
                self._line_region(self.cursor), animate=False, force=True, immediate=True
            )
        self.refresh()

    def _line_region(self, index: int) -> Region:
        return Region(0, index, max(1, self.size.width), 1)

    def on_resize(self) -> None:
        self._resize()

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    def on_click(self, event: Click) -> None:
        self.cursor = int(self.scroll_offset.y) + event.y

    def action_cursor(self, delta: int) -> None:
        self.cursor = self.cursor + delta

    def action_page(self, direction: int) -> None:
        self.cursor = self.cursor + direction * max(1, self.size.height - 1)

    def action_command(self, action: str) -> None:
        note = self.current
        if note is not None:
            self.post_message(NoteCommand(action, note.id))

    def action_move(self, delta: int) -> None:
        note = self.current
        if note is not None:
            self.post_message(NoteCommand("move", note.id, delta))

    # -- rendering ---------------------------------------------------------------------------
    def render_line(self, y: int) -> Strip:
        width = self.size.width
        base = self.rich_style
        index = int(self.scroll_offset.y) + y
        if not self.notes:
            if y != 0:
                return Strip.blank(width, base)
            style = self.get_component_rich_style("note-list--empty")
            text = Text(" " + self.translate("step.notes_empty"), style=style, no_wrap=True)
            return self._strip(text, width, base)
        if index >= len(self.notes):
            return Strip.blank(width, base)
        text = self.render_note(self.notes[index], width)
        if index == self.cursor:
            cursor = self.get_component_rich_style("note-list--cursor")
            text.stylize(cursor)
            return self._strip(text, width, base + cursor)
        return self._strip(text, width, base)

    def render_note(self, note: Note, width: int) -> Text:
        """One note as one line of literal text: ★, kind, who, what."""
        kind, who = self.describe(note)
        text = Text(no_wrap=True, overflow="ellipsis", end="")
        mark = "★ " if note.highlight else "  "
        text.append(mark, self.get_component_rich_style("note-list--highlight"))
        text.append(truncate(kind, KIND_WIDTH).ljust(KIND_WIDTH) + " ", self._style("kind"))
        if who:
            text.append(truncate(one_line(who), WHO_WIDTH) + ": ", self._style("who"))
        room = max(1, width - text.cell_len)
        text.append(one_line(note.text, room))
        return text

    def _style(self, part: str) -> Style:
        return self.get_component_rich_style(f"note-list--{part}")

    def _strip(self, text: Text, width: int, fill: Style) -> Strip:
        segments = [Segment(s.text, s.style) for s in text.render(self.app.console)]
        return Strip(segments).crop_extend(0, width, fill)
