"""A theme chosen in the command palette is kept in the config file, and nothing else changes."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from kumppani.settings.config import load_config
from kumppani.tui.app import make_app
from kumppani.tui.projector.app import PresentApp
from tests.support.tui import settle

if TYPE_CHECKING:
    from tests.support.dirs import KumppaniDirs

CONFIG = """\
# Minun asetukseni – tämä kommentti säilyy.
language = "fi"   # suomeksi
bell = false

[party_labels.other]
fi = "Muut toimijat"  # oma nimi
"""


async def choose_theme_in_palette(app: object, pilot: object, name: str) -> None:
    await pilot.press("ctrl+p")  # type: ignore[attr-defined]
    await settle(pilot)  # type: ignore[arg-type]
    await pilot.press(*"teema", "enter")  # type: ignore[attr-defined]  # the Finnish word
    await settle(pilot)  # type: ignore[arg-type]
    await pilot.press(*name, "enter")  # type: ignore[attr-defined]
    await settle(pilot)  # type: ignore[arg-type]


async def test_a_theme_chosen_in_the_palette_is_kept_in_the_config_file(
    kumppani_dirs: KumppaniDirs, sessions: Path
) -> None:
    kumppani_dirs.config.mkdir(parents=True)
    path = kumppani_dirs.config_file
    path.write_text(CONFIG, encoding="utf-8")
    app = make_app(load_config(), sessions, language="fi")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert path.read_text(encoding="utf-8") == CONFIG  # starting writes nothing
        await choose_theme_in_palette(app, pilot, "nord")
        assert app.theme == "nord"
    assert path.read_text(encoding="utf-8") == CONFIG.replace(
        "bell = false\n", 'bell = false\ntheme = "nord"\n'
    )
    # The next start shows it; choosing again changes only that line.
    again = make_app(load_config(), sessions, language="fi")
    async with again.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert again.theme == "nord"
        await choose_theme_in_palette(again, pilot, "dracula")
    assert path.read_text(encoding="utf-8") == CONFIG.replace(
        "bell = false\n", 'bell = false\ntheme = "dracula"\n'
    )


async def test_without_a_config_file_one_is_made_with_the_theme_alone(
    kumppani_dirs: KumppaniDirs, sessions: Path
) -> None:
    app = make_app(load_config(), sessions, language="fi")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert not kumppani_dirs.config_file.exists()
        app.theme = "kumppani-light"
        await settle(pilot)
    assert kumppani_dirs.config_file.read_text(encoding="utf-8") == 'theme = "kumppani-light"\n'
    assert load_config().theme == "kumppani-light"


async def test_q_on_home_quits(sessions: Path) -> None:
    app = make_app(load_config(), sessions, language="fi")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("q")
        await pilot.pause()
        assert app._exit  # the app is on its way out
    assert app.return_code == 0


def test_the_projector_is_titled_kumppani(tmp_path: Path) -> None:
    assert PresentApp(tmp_path / "x.toml").title == "Kumppani"
