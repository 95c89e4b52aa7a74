"""Provides opening a session in review mode, from home or from ``kumppani review FILE``.

The file is only read: ``ReviewScreen.load`` never takes a lock and never
writes. A file that does not load is shown in an error dialog (file, line,
field); in ``kumppani review FILE`` closing that dialog quits.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.app import App

from kumppani.errors import KumppaniError
from kumppani.settings.config import Config
from kumppani.text.i18n import Translator
from kumppani.tui.dialogs.error import ErrorDialog
from kumppani.tui.screens.review.screen import ReviewScreen


def open_review(
    app: App[Any],
    path: Path,
    config: Config,
    translate: Translator,
    *,
    quit_on_close: bool = False,
) -> bool:
    """Push the review screen of ``path``; False (and an error dialog) if it does not load."""
    try:
        screen = ReviewScreen.load(path, config, translate, quit_on_close=quit_on_close)
    except KumppaniError as error:
        dialog = ErrorDialog(
            translate("dialog.error_title"),
            translate("review.open_failed"),
            error.describe(translate.language),
            translate("dialog.ok"),
        )
        app.push_screen(dialog, (lambda _: app.exit(1)) if quit_on_close else None)
        return False
    app.push_screen(screen)
    return True
