"""The projector themes register and can be switched to."""

from __future__ import annotations

from textual.app import App

from kumppani.tui.themes import CONTRAST, FALLBACK, LIGHT, apply_theme, register_themes


async def test_both_themes_register_and_apply() -> None:
    app: App[None] = App()
    register_themes(app)
    async with app.run_test(size=(40, 10)):
        for name in (LIGHT, CONTRAST):
            app.theme = name
            assert app.theme == name
        assert app.available_themes[LIGHT].dark is False
        assert app.available_themes[CONTRAST].background == "#000000"


async def test_an_unknown_theme_falls_back_and_a_known_one_applies() -> None:
    app: App[None] = App()
    async with app.run_test(size=(40, 10)):
        apply_theme(app, "no-such-theme")
        assert app.theme == FALLBACK
        apply_theme(app, CONTRAST)
        assert app.theme == CONTRAST
