"""Provides the note list of a step: one line per note, the cursor's note whole.

A line-API ``ScrollView`` (as Toolong's log lines): the widget holds a reference to the
step's own list of notes and draws the lines in view, so a step with 10,000 notes scrolls
and grows as fast as one with ten. Adding a note is ``note_added()``: the virtual height
grows by one line, nothing is rebuilt; after a merge ``show(keep=True)`` keeps the cursor's
note and the view. Each line shows the highlight mark ★, the kind, who said it and the text;
the text is literal (never markup), made printable first. The kind is never cut; a long
speaker name is, and the text is cut at the row's end.

The note under the cursor (after a capture: the newest) is shown whole,
wrapped over as many rows as it needs (at most the view less two), so a
facilitator can read a note back. Only that one note is wrapped: the other
rows stay one line each, and the list's height is its notes plus the cursor
note's extra rows, so 10,000 notes cost no more than ten. In a narrow list
(under ``NARROW`` columns) the other rows show only the text: the cursor's
note still says its kind and speaker.

No whole-list work per key: a cursor move repaints the two rows it touches (the whole view
only when it scrolls), and rendered rows are kept in an LRU cache keyed by what they show
(kind label, who, highlight, text, width), so an edited note is simply a new key and a
repaint after scrolling or adding a note renders only the rows not seen before. The cache is
cleared when the styles change (a theme switch). The list draws its own position bar in its
last column rather than Textual's scrollbar, which repainted in a frame of its own after
every layout of the screen (see "the position bar").

The list changes nothing itself: it posts ``NoteCommand``; the step screen decides.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar, NamedTuple

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.cache import LRUCache
from textual.events import Click
from textual.geometry import Region, Size
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from kumppani.session.model import Note
from kumppani.text.i18n import Translator
from kumppani.text.safe import ELLIPSIS, one_line, truncate
from kumppani.tui.bindings import NOTE_LIST_BINDINGS, localize
from kumppani.tui.messages import NoteCommand

Describe = Callable[[Note], tuple[str, str]]
"""A note's kind label and attribution, as the screen words them."""

WHO_WIDTH = 22
INDENT = 2
"""The continued rows of the cursor's note start under its text, past the ★ column."""
NARROW = 56
"""Below this width, rows other than the cursor's show the mark and the text only."""
ROW_CACHE_SIZE = 1024
"""Rendered rows kept: several screenfuls, a few hundred kB at most."""

RowKey = tuple[str, str, bool, str, int, bool | None]
"""What a row shows: kind label, who, highlight, text, width, position bar cell (None: none)."""


class _View(NamedTuple):
    """What one rendering pass needs: the rows' width, the first note shown, the thumb rows.

    ``thumb_end`` is 0 when the list fits the view and shows no position bar.
    """

    width: int
    top: int
    thumb_start: int
    thumb_end: int


class NoteList(ScrollView, can_focus=True):
    """The notes of one step, with a cursor."""

    BINDINGS = NOTE_LIST_BINDINGS

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "note-list--cursor",
        "note-list--highlight",
        "note-list--kind",
        "note-list--who",
        "note-list--empty",
        "note-list--bar",
        "note-list--thumb",
    }

    DEFAULT_CSS = """
    NoteList { height: 1fr; background: $surface; scrollbar-size-vertical: 0; }
    NoteList > .note-list--cursor {
        background: $block-cursor-blurred-background; color: $block-cursor-blurred-foreground;
    }
    NoteList:focus > .note-list--cursor {
        background: $block-cursor-background; color: $block-cursor-foreground;
    }
    NoteList > .note-list--highlight { color: $warning; text-style: bold; }
    NoteList > .note-list--kind { color: $text-muted; }
    NoteList > .note-list--who { color: $accent; }
    NoteList > .note-list--empty { color: $text-muted; text-style: italic; }
    NoteList > .note-list--bar { background: $scrollbar-background; }
    NoteList > .note-list--thumb { background: $scrollbar; }
    """

    cursor: reactive[int] = reactive(0, always_update=True, repaint=False)
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
        self._rows: LRUCache[RowKey, Strip] = LRUCache(ROW_CACHE_SIZE)
        self._base: Style | None = None
        self._bar_cells: tuple[Strip, Strip] | None = None
        self._view: _View | None = None
        self._wrapped: tuple[tuple[object, ...], list[Strip]] | None = None
        """The cursor note's rows, and what they were made from."""
        localize(self, translate)

    # -- data --------------------------------------------------------------------------------
    def show(self, notes: list[Note], *, keep: bool = False) -> None:
        """Show another step's notes, cursor at the last one. ``keep`` (the same step after a
        merge): the cursor stays on its note, the view where it was (at the end: at the end)."""
        note, top, end = self.current, self.scroll_offset.y, self.is_vertical_scroll_end
        self.notes = notes
        self._resize()
        self.cursor = min(self.cursor, len(notes) - 1) if keep else max(0, len(notes) - 1)
        if keep and note is not None:
            self.select(note.id)
        bottom = max(0, self.virtual_size.height - self.size.height)
        self.scroll_to(y=bottom if end or not keep else top, animate=False, immediate=keep)
        if keep:
            self._follow_cursor()  # notes came in above it: still in view
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
        self.virtual_size = Size(self.size.width, max(1, len(self.notes) + self._extra()))

    def _extra(self) -> int:
        """The rows the cursor's note takes beyond its one."""
        note = self.current
        if note is None or self.size.width < 2:
            return 0
        return len(self._cursor_rows(note, self._measure_width())) - 1

    def _measure_width(self) -> int:
        width, height = self.size
        return width - 1 if len(self.notes) > height > 0 and width > 1 else width

    def _note_at(self, row: int) -> tuple[int, int]:
        """The note shown on virtual ``row``, and which of its rows (0 but in the cursor note)."""
        cursor, extra = self.cursor, self._extra()
        if row < cursor or not self.notes:
            return row, 0
        if row <= cursor + extra:
            return cursor, row - cursor
        return row - extra, 0

    # -- cursor ------------------------------------------------------------------------------
    def validate_cursor(self, cursor: int) -> int:
        return max(0, min(cursor, len(self.notes) - 1)) if self.notes else 0

    def watch_cursor(self, old: int, new: int) -> None:
        top = self.scroll_offset.y
        height = self.virtual_size.height
        self._resize()
        if self.notes:
            self.scroll_to_region(self._line_region(new), animate=False, force=True, immediate=True)
        if self.scroll_offset.y != top or self.virtual_size.height != height or self._extra():
            self.refresh()  # scrolled, or a note of several rows moved the rows below it
        else:
            self.refresh_line(old)
            self.refresh_line(new)

    def _line_region(self, index: int) -> Region:
        return Region(0, index, max(1, self.size.width), 1 + self._extra())

    def on_resize(self) -> None:
        self._resize()
        if self.notes:  # a panel opened or the terminal shrank: keep the cursor's note in view
            self.call_after_refresh(self._follow_cursor)

    def _follow_cursor(self) -> None:
        region = self._line_region(self.cursor)
        self.scroll_to_region(region, animate=False, force=True, immediate=True)

    def on_focus(self) -> None:
        self.refresh()  # the cursor's note may take several rows; the empty line changes

    on_blur = on_focus

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._rows.clear()
        self._base = None
        self._bar_cells = None

    def on_click(self, event: Click) -> None:
        height = self.size.height
        if self.thumb() is not None and event.x == self.size.width - 1 and height > 1:
            # On the position bar: jump to the same place in the whole list.
            self.cursor = round(event.y * (len(self.notes) - 1) / (height - 1))
        else:
            self.cursor = self._note_at(int(self.scroll_offset.y) + event.y)[0]

    def action_cursor(self, delta: int) -> None:
        self.cursor = self.cursor + delta

    @property
    def at_end(self) -> bool:
        """Whether the cursor is on the last note (or there is none)."""
        return self.cursor >= len(self.notes) - 1

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
    def render_lines(self, crop: Region) -> list[Strip]:
        # Textual's size and scroll offset are computed properties (a screen lookup each):
        # take them once for all the lines of this pass.
        self._view = self._measure()
        try:
            return super().render_lines(crop)
        finally:
            self._view = None

    def _measure(self) -> _View:
        width, height = self.size
        total = len(self.notes) + self._extra()
        top = int(self.scroll_offset.y)
        if total > height > 0 and width > 1:  # the position bar, in the last column
            size = max(1, height * height // total)
            start = min(round(top * (height - size) / max(1, total - height)), height - size)
            return _View(width - 1, top, start, start + size)
        return _View(width, top, 0, 0)

    def render_line(self, y: int) -> Strip:
        view = self._view or self._measure()
        index, part = self._note_at(view.top + y)
        bar = (view.thumb_start <= y < view.thumb_end) if view.thumb_end else None
        if index == self.cursor and index < len(self.notes):
            rows = self._cursor_rows(self.notes[index], view.width)
            return self._with_bar(rows[min(part, len(rows) - 1)], bar)
        if index >= len(self.notes):
            return self._with_bar(self._blank_row(index, view.width), bar)
        note = self.notes[index]
        kind, who = self.describe(note)
        key = (kind, who, note.highlight, note.text, view.width, bar)
        strip = self._rows.get(key)
        if strip is None:
            segments = self.note_segments(note, view.width, (kind, who))
            strip = self._with_bar(self._strip(segments, view.width, self._base_style()), bar)
            self._rows[key] = strip
        return strip

    def _cursor_rows(self, note: Note, width: int) -> list[Strip]:
        """The cursor's note whole: its mark, kind, speaker and text wrapped to ``width``."""
        kind, who = self.describe(note)
        focused = self.has_focus
        key = (note.highlight, kind, who, note.text, width, focused, self.size.height)
        if self._wrapped is not None and self._wrapped[0] == key:
            return self._wrapped[1]
        cursor = self.get_component_rich_style("note-list--cursor")
        text = Text(no_wrap=False, overflow="fold", end="")
        text.append("★ " if note.highlight else "  ", self._style("highlight"))
        text.append(one_line(kind) + "  ", self._style("kind"))
        if who:
            text.append(one_line(who) + ": ", self._style("who"))
        text.append(one_line(note.text))
        text.stylize(cursor)
        console = self.app.console
        lines = list(text.wrap(console, max(1, width - INDENT)))
        most = max(1, self.size.height - 2)
        if len(lines) > most:
            lines = lines[:most]
            lines[-1].truncate(width - INDENT - 1)
            lines[-1].append(ELLIPSIS, cursor)
        fill = self._base_style() + cursor
        indent = Segment(" " * INDENT, fill)
        rows = [
            self._strip([*([indent] if row else []), *line.render(console)], width, fill)
            for row, line in enumerate(lines)
        ]
        self._wrapped = (key, rows)
        return rows

    def _blank_row(self, index: int, width: int) -> Strip:
        """A row below the last note; the first says that there are none yet."""
        base = self._base_style()
        if index != 0:
            return Strip.blank(width, base)
        cursor = ("note-list--cursor",) if self.has_focus else ()  # the focus shows when empty
        style = self.get_component_rich_style("note-list--empty", *cursor)
        return self._strip([Segment(" " + self.translate("step.notes_empty"), style)], width, base)

    def _with_bar(self, row: Strip, bar: bool | None) -> Strip:
        return row if bar is None else Strip.join([row, self._bar_cell(bar)])

    def _base_style(self) -> Style:
        if self._base is None:
            self._base = self.rich_style
        return self._base

    # -- the position bar --------------------------------------------------------------------
    # Textual's scrollbar is hidden (``scrollbar-size-vertical: 0``): it repainted in a frame of
    # its own after every layout of the screen. The list draws its own one-column bar in its
    # last column instead, as part of each row: where the view is in the list, and how much of
    # it. The wheel scrolls as before; a click on the bar jumps there.
    def thumb(self) -> tuple[int, int] | None:
        """The rows of the view that show the bar's thumb (first, end); None without a bar."""
        view = self._measure()
        return (view.thumb_start, view.thumb_end) if view.thumb_end else None

    def _bar_cell(self, thumb: bool) -> Strip:
        if self._bar_cells is None:
            track = self.get_component_rich_style("note-list--bar")
            handle = self.get_component_rich_style("note-list--thumb")
            self._bar_cells = (Strip([Segment(" ", track)], 1), Strip([Segment(" ", handle)], 1))
        return self._bar_cells[thumb]

    def note_segments(
        self,
        note: Note,
        width: int,
        described: tuple[str, str] | None = None,
    ) -> list[Segment]:
        """One note as one line of literal text: ★, kind, who, what.

        In a list narrower than ``NARROW`` only ★ and the text: the kind and the
        speaker are on the cursor's note.

        Segments made directly: a rich ``Text`` rendered to segments cost four times as
        much, on every row of a step's first frame.
        """
        kind, who = described or self.describe(note)
        parts = [("★ " if note.highlight else "  ", self._style("highlight"))]
        if width >= NARROW:
            parts.append((one_line(kind) + "  ", self._style("kind")))
            if who:
                who_width = min(WHO_WIDTH, width // 4)
                parts.append((truncate(one_line(who), who_width) + ": ", self._style("who")))
        room = max(1, width - sum(cell_len(text) for text, _ in parts))
        if shown := one_line(note.text, room):  # no empty segment for an empty text
            # The list's own colours: a segment without a style is drawn in the terminal's.
            parts.append((shown, self._base_style()))
        return [Segment(text, style) for text, style in parts]

    def _style(self, part: str) -> Style:
        return self.get_component_rich_style(f"note-list--{part}")

    def _strip(self, segments: list[Segment], width: int, fill: Style) -> Strip:
        return Strip(segments).crop_extend(0, width, fill)
