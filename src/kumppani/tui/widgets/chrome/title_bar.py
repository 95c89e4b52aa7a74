"""Provides the title bar: the app's title and the screen's subtitle, on one line at the top.

It looks like Textual's ``Header`` (the icon on the left opens the command
palette; the title and subtitle centred between it and the clock's space)
but is one widget drawing one line, where ``Header`` composes four; on home
that was some 8 ms of the first frame. The subtitle is often a session's
title: it is drawn as plain text, never as markup.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import events
from textual.widget import Widget

ICON = "⭘"
ICON_WIDTH = 8
"""Cells on the left for the icon, as on ``Header``."""
RIGHT_WIDTH = 10
"""Cells kept free on the right, where ``Header`` keeps the clock's place."""


class TitleBar(Widget):
    """``App.title — Screen.sub_title`` (or the app's), centred, with the palette's icon."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES: ClassVar[set[str]] = {"title-bar--sub"}
    DEFAULT_CSS = """
    TitleBar {
        dock: top;
        width: 100%;
        height: 1;
        background: $panel;
        color: $foreground;
    }
    /* The theme's muted colour, not the terminal's dim: dim is 4:1 or less in 16 colours. */
    TitleBar > .title-bar--sub { color: $text-muted; }
    """

    def on_mount(self) -> None:
        for owner in (self.app, self.screen):
            self.watch(owner, "title", self._changed, init=False)
            self.watch(owner, "sub_title", self._changed, init=False)

    def _changed(self) -> None:
        self.refresh()

    def render(self) -> Text:
        screen, app = self.screen, self.app
        title = screen.title if screen.title is not None else app.title
        sub_title = screen.sub_title if screen.sub_title is not None else app.sub_title
        middle = Text(title, no_wrap=True, end="")
        if sub_title:
            muted = self.get_component_rich_style("title-bar--sub", partial=True)
            middle.append(" — ", muted)
            middle.append(sub_title, muted)
        room = max(self.size.width - ICON_WIDTH - RIGHT_WIDTH, 0)
        middle.truncate(room, overflow="ellipsis")
        middle.align("center", room)
        line = Text(f" {ICON}".ljust(ICON_WIDTH), no_wrap=True, end="")
        line.append_text(middle)
        return line

    async def on_click(self, event: events.Click) -> None:
        if event.x < ICON_WIDTH and self.app.ENABLE_COMMAND_PALETTE:
            event.stop()
            await self.run_action("app.command_palette")
