"""The projector themes register and can be switched to."""

from __future__ import annotations

from textual.app import App

from kumppani.tui.themes import CONTRAST, LIGHT, register_themes


async def test_both_themes_register_and_apply() -> None:
    app: App[None] = App()
    register_themes(app)
    async with app.run_test(size=(40, 10)):
        for name in (LIGHT, CONTRAST):
            app.theme = name
            assert app.theme == name
        assert app.available_themes[LIGHT].dark is False
        assert app.available_themes[CONTRAST].background == "#000000"
