"""Provides the key bar: the keys the screen answers to now, on one line at the bottom.

It stands where Textual's ``Footer`` would and shows the same thing (each
shown binding's key and description, the palette's key on the right, keys
that do nothing now dimmed) but as one line of text in one widget. ``Footer``
makes a widget per key and makes them all again whenever the focus moves:
on the step screen that was 16 widgets to style and lay out before the
first frame, and again on each move. Here a change of bindings only
repaints one line. A click on a key presses it, as on ``Footer``.
"""

from __future__ import annotations

from typing import ClassVar

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.screen import Screen
from textual.widget import Widget

DIM = Style(dim=True)

Entry = tuple[str, str, str, bool]
"""A key to show: the key, how it is shown, what it does, whether it does anything now."""
Span = tuple[int, int, str, bool]
"""A key's cells on the line: start, end, the key to press, whether it does anything now."""


class KeyBar(Widget):
    """The screen's keys and what they do, on one line."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES: ClassVar[set[str]] = {"key-bar--key", "key-bar--description"}
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        width: 1fr;
        text-wrap: nowrap;
        text-overflow: ellipsis;
        color: $footer-foreground;
        background: $footer-background;
        .key-bar--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        .key-bar--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._spans: list[Span] = []

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        self.refresh()

    def _entries(self) -> tuple[list[Entry], Entry | None]:
        """``(key, shown key, description, enabled)`` per action, and the palette's key."""
        app = self.app
        active = self.screen.active_bindings

        def entry(binding: Binding, enabled: bool) -> Entry:
            return (binding.key, app.get_key_display(binding), binding.description, enabled)

        # The screen's own keys first, in the order it lists them: a focused widget that
        # binds one of the same keys (as TextArea does F6) must not move it along the bar.
        order = {key: place for place, key in enumerate(self.screen._bindings.key_to_bindings)}
        seen: set[str] = set()
        entries: list[Entry] = []
        for _node, binding, enabled, _tooltip in sorted(
            active.values(), key=lambda found: order.get(found.binding.key, len(order))
        ):
            if binding.show and binding.action not in seen:
                seen.add(binding.action)
                entries.append(entry(binding, enabled))
        palette = None
        if app.ENABLE_COMMAND_PALETTE and app.COMMAND_PALETTE_BINDING in active:
            _node, binding, enabled, _tooltip = active[app.COMMAND_PALETTE_BINDING]
            if binding.action not in seen:
                palette = entry(binding, enabled)
        return entries, palette

    def render(self) -> Text:
        key_style = self.get_component_rich_style("key-bar--key")
        description_style = self.get_component_rich_style("key-bar--description")
        entries, palette = self._entries()
        line = Text(no_wrap=True, overflow="ellipsis", end="")
        spans: list[Span] = []

        def width(entry: Entry) -> int:
            return cell_len(entry[1]) + 2 + (cell_len(entry[2]) + 1 if entry[2] else 0)

        def add(entry: Entry) -> None:
            key, shown, description, enabled = entry
            start = line.cell_len
            dim = Style() if enabled else DIM
            line.append(f" {shown} ", key_style + dim)
            if description:
                line.append(f"{description} ", description_style + dim)
            spans.append((start, line.cell_len, key, enabled))

        # The palette's key keeps its place on the right, as on Footer; the others fill
        # the line from the left, whole, and a "…" says when some did not fit.
        room = self.size.width - (width(palette) + 1 if palette is not None else 0)
        for number, entry in enumerate(entries):
            last = number == len(entries) - 1
            if line.cell_len + width(entry) + (0 if last else 2) > room:
                line.append(" …")
                break
            add(entry)
        if palette is not None:
            line.append(" " * max(room - line.cell_len + 1, 1))
            add(palette)
        self._spans = spans
        return line

    def key_at(self, x: int) -> Span | None:
        """The key drawn at column ``x``, if any."""
        for span in self._spans:
            if span[0] <= x < span[1]:
                return span
        return None

    def on_mouse_down(self, event: events.MouseDown) -> None:
        span = self.key_at(event.x)
        if span is None:
            return
        if span[3]:
            self.app.simulate_key(span[2])
        else:
            self.app.bell()
