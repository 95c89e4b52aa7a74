"""Screens keep their styles in .tcss files, and the app reads them once home is drawn.

Read only when a screen is first shown, a stylesheet made Textual parse every
stylesheet again and restyle the whole app (100 to 300 ms before help, the
summary or a form appeared). DEFAULT_CSS belongs to reusable widgets and
dialogs, not to screens.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from pathlib import Path

from textual.screen import Screen

import kumppani.tui.screens
from kumppani.tui.app import SCREEN_STYLES, KumppaniApp

TUI = Path(inspect.getfile(KumppaniApp)).parent


def screens() -> list[type[Screen[object]]]:
    """Every screen class defined in ``kumppani.tui.screens`` (dialogs live elsewhere)."""
    found = []
    for module_info in pkgutil.walk_packages(
        kumppani.tui.screens.__path__, kumppani.tui.screens.__name__ + "."
    ):
        module = importlib.import_module(module_info.name)
        for _, value in inspect.getmembers(module, inspect.isclass):
            if issubclass(value, Screen) and value.__module__ == module.__name__:
                found.append(value)
    return found


def styles_of(screen: type[Screen[object]]) -> list[Path]:
    """The screen's own stylesheets, as paths."""
    paths = screen.__dict__.get("CSS_PATH") or []
    folder = Path(inspect.getfile(screen)).parent
    return [(folder / path).resolve() for path in ([paths] if isinstance(paths, str) else paths)]


def test_the_app_knows_every_screen_stylesheet() -> None:
    read_early = {(TUI / path).resolve() for path in SCREEN_STYLES}
    own = {path for screen in screens() for path in styles_of(screen)}
    assert own, "no screen has a stylesheet of its own"
    assert all(path.is_file() for path in own)
    assert own == read_early, sorted(map(str, own ^ read_early))


def test_screens_keep_no_styles_in_default_css() -> None:
    # SetupScreen's error colour stays default CSS on purpose (see its DEFAULT_CSS).
    allowed = {"SetupScreen": "SetupScreen .error { color: $error; }"}
    found = {
        screen.__name__: css.strip()
        for screen in screens()
        if (css := screen.__dict__.get("DEFAULT_CSS", "")).strip()
    }
    assert found == allowed


async def test_showing_help_reads_no_new_stylesheet(tmp_path: Path) -> None:
    from kumppani.settings.config import Config
    from kumppani.tui.app import make_app

    app = make_app(Config(), tmp_path, language="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        before = set(app.stylesheet.source)
        app.action_help()
        await pilot.pause()
        assert type(app.screen).__name__ == "HelpScreen"
        added = {path for path, class_var in set(app.stylesheet.source) - before if not class_var}
        assert added == set()
