"""The title bar shows the title and subtitle as plain text; its icon opens the palette."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.command import CommandPalette

from kumppani.tui.widgets.chrome.title_bar import TitleBar


class _Titled(App[None]):
    def compose(self) -> ComposeResult:
        yield TitleBar()

    def on_mount(self) -> None:
        self.title = "Kumppani"
        self.screen.sub_title = "[b]Pöytä[/b] \\[x] $var"


async def test_the_subtitle_is_text_not_markup_and_follows_changes() -> None:
    app = _Titled()
    async with app.run_test(size=(80, 5)) as pilot:
        await pilot.pause()
        line = app.query_one(TitleBar).render().plain
        assert "Kumppani — [b]Pöytä[/b] \\[x] $var" in line
        app.screen.sub_title = "Toinen istunto"
        await pilot.pause()
        assert "Kumppani — Toinen istunto" in app.query_one(TitleBar).render().plain


async def test_a_long_title_is_cut_with_an_ellipsis_inside_the_bar() -> None:
    app = _Titled()
    async with app.run_test(size=(40, 5)) as pilot:
        app.screen.sub_title = "Hyvin pitkä istunnon otsikko, joka ei mahdu riville"
        await pilot.pause()
        line = app.query_one(TitleBar).render().plain
        assert len(line) <= 40 and "…" in line


async def test_clicking_the_icon_opens_the_command_palette() -> None:
    app = _Titled()
    async with app.run_test(size=(80, 5)) as pilot:
        await pilot.click(TitleBar, offset=(1, 0))
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
