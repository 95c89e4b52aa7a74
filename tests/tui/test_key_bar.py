"""The key bar at the bottom shows the keys that work where the focus is, and clicks press them."""

from __future__ import annotations

from typing import ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Input

from kumppani.tui.screens.help import HelpScreen
from kumppani.tui.screens.home import HomeScreen
from kumppani.tui.widgets.chrome.key_bar import KeyBar
from tests.support.tui import MakeApp, settle


def bar_text(app: object) -> str:
    screen = getattr(app, "screen")  # noqa: B009
    bar = screen.query_one(KeyBar)
    return str(bar.render().plain)


async def test_home_shows_its_keys_on_the_first_frame(app_for: MakeApp) -> None:
    app = app_for()
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()  # no settling: the first frame must already list the keys
        assert isinstance(app.screen, HomeScreen)
        text = bar_text(app)
        for label in ("n Uusi", "/ Suodata", "^q Lopeta", "f1 Ohje"):
            assert label in text


class _Field(Input):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("ctrl+e", "app.bell", "Erikoinen")]


class _TwoFields(App[None]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("ctrl+g", "bell", "Yleinen")]

    def compose(self) -> ComposeResult:
        yield Input(id="plain")
        yield _Field(id="special")
        yield KeyBar()


async def test_keys_follow_the_focus() -> None:
    app = _TwoFields()
    async with app.run_test(size=(80, 10)) as pilot:
        app.query_one("#plain").focus()
        await pilot.pause()
        assert "^g Yleinen" in bar_text(app) and "Erikoinen" not in bar_text(app)
        await pilot.press("tab")
        await pilot.pause()
        assert "^e Erikoinen" in bar_text(app) and "^g Yleinen" in bar_text(app)
        await pilot.press("tab")
        await pilot.pause()
        assert "Erikoinen" not in bar_text(app)


async def test_clicking_a_key_presses_it(app_for: MakeApp) -> None:
    app = app_for()
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        bar = app.screen.query_one(KeyBar)
        start = bar.render().plain.index("f1 Ohje")
        await pilot.click(KeyBar, offset=(start + 1, 0))
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)


async def test_a_narrow_terminal_shows_whole_keys_a_mark_and_the_palette(
    app_for: MakeApp,
) -> None:
    app = app_for()
    async with app.run_test(size=(60, 20)) as pilot:
        await settle(pilot)
        text = bar_text(app)
        assert len(text) <= 60
        assert text.rstrip().endswith("^p Komennot")
        assert " … " in text  # some keys did not fit, and the bar says so
        assert "n Uusi" in text and "Tarkaste…" not in text  # no key is cut in half
