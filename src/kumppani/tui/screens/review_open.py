"""Provides opening a session in review mode, from home or from ``kumppani review FILE``.

The file is only read: ``ReviewScreen.load`` never takes a lock and never
writes. A file that does not load is shown in an error dialog (file, line,
field); in ``kumppani review FILE`` closing that dialog quits.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from kumppani.errors import KumppaniError
from kumppani.tui.dialogs.error import ErrorDialog
from kumppani.tui.screens.review import ReviewScreen

if TYPE_CHECKING:
    from kumppani.tui.app import KumppaniApp


def open_review(app: KumppaniApp, path: Path, *, quit_on_close: bool = False) -> bool:
    """Push the review screen of ``path``; False (and an error dialog) if it does not load."""
    translate = app.translate
    try:
        screen = ReviewScreen.load(path, app.config, translate, quit_on_close=quit_on_close)
    except KumppaniError as error:
        dialog = ErrorDialog(
            translate("dialog.error_title"),
            translate("review.open_failed"),
            str(error),
            translate("dialog.ok"),
        )
        app.push_screen(dialog, (lambda _: app.exit(1)) if quit_on_close else None)
        return False
    app.push_screen(screen)
    return True
