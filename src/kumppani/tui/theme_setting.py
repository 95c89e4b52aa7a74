"""Provides the theme setting of the interface: the config's theme at start, and a theme
chosen in the command palette kept in the config file.

Only the ``theme`` line of the config file is written (``settings.config_edit``):
every other byte stays, comments included. A config file that cannot be written
is reported once, in the interface language; the theme still changes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.app import App

from kumppani.errors import ConfigError, KumppaniError, Message, os_reason, render
from kumppani.settings import paths
from kumppani.settings.config import Config
from kumppani.settings.config_edit import with_setting
from kumppani.storage.files import write_atomic
from kumppani.text.i18n import Translator
from kumppani.toml import read as tomlread
from kumppani.toml.problems import toml_problem


def use_configured_theme(app: App[Any], config: Config) -> None:
    """Show the config's theme (``apply_theme``); a fallback is not written over it."""
    from kumppani.tui.themes import apply_theme

    apply_theme(app, config.theme)
    config.theme = app.theme


def remember_theme(config: Config, name: str) -> Path | None:
    """Write theme ``name`` into the config file if it is a new choice; the file written.

    Raises ``KumppaniError`` (or ``OSError``) when the file cannot be read or written,
    a ``ConfigError`` when it is no longer TOML or UTF-8 text.
    """
    if name == config.theme:
        return None
    path = config.source or paths.config_file()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        text = ""
    except UnicodeDecodeError:
        raise ConfigError(path, Message("problem.not_utf8")) from None
    try:
        new_text = with_setting(text, "theme", name)
    except tomlread.TOMLDecodeError as error:
        problem = toml_problem(error, text)
        raise ConfigError(path, problem.message, line=problem.line, column=problem.column) from None
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, new_text.encode("utf-8"))
    config.theme, config.source = name, path
    return path


def remember_theme_of(app: App[Any], config: Config, translate: Translator) -> None:
    """Keep the app's theme in the config file; say so if that fails."""
    try:
        remember_theme(config, app.theme)
    except (KumppaniError, OSError) as error:
        config.theme = app.theme  # said once, not at every change
        if isinstance(error, KumppaniError):
            reason = error.describe(translate.language)
        else:
            reason = render(os_reason(error), translate.language)
        app.notify(
            translate("app.theme_not_saved", reason=reason),
            severity="warning",
            markup=False,
        )
