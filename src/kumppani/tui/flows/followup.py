"""Provides the follow-up session from the interface: the next session of a series, then open it.

The same as ``kumppani followup PREV.toml`` (``kumppani.editing.followup_session``): a new
file next to PREV, linked to it, with the same participants and parties,
and step 5 starting with the series' open actions and its indicators. The
date is asked first (today, shown and changeable); whether each person is
present is not known until it is marked. The
title is the series' first title with "follow-up" in that session's language
(not piled up: "X: follow-up", never "X: follow-up: follow-up"). The file is
written in a worker thread, then opened for editing.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from textual.screen import Screen

from kumppani.editing.followup_session import FollowUp, create_followup, default_title
from kumppani.errors import KumppaniError
from kumppani.text.i18n import Translator
from kumppani.tui.dialogs.followup_date import FollowupDateDialog
from kumppani.tui.messages import OpenSession


def create_next_session(previous: Path, day: dt.date | None = None) -> FollowUp:
    """Write the follow-up of the session in ``previous`` (never over an existing file)."""
    return create_followup(previous, title=default_title, day=day)


def start_followup(screen: Screen[Any], previous: Path, translate: Translator) -> None:
    """Ask the date (today, changeable), then create the follow-up of ``previous``."""
    texts = {
        key: translate(f"followup.date_{key}") for key in ("title", "prompt", "create", "bad_date")
    }
    texts["cancel"] = translate("dialog.cancel")

    def answered(day: dt.date | None) -> None:
        if day is not None:
            _create(screen, previous, day, translate)

    screen.app.push_screen(FollowupDateDialog(dt.date.today(), texts), answered)


def _create(screen: Screen[Any], previous: Path, day: dt.date, translate: Translator) -> None:
    """Create the follow-up of ``previous`` on ``day`` off the UI thread, then open it."""
    app = screen.app

    def made(result: FollowUp) -> None:
        for problem in result.history.problems:
            app.notify(problem.describe(translate.language), severity="warning", markup=False)
        app.notify(translate("followup.created", path=result.path.name), markup=False)
        screen.post_message(OpenSession(result.path))

    def failed(error: KumppaniError) -> None:
        reason = error.describe(translate.language)
        app.notify(translate("followup.failed", reason=reason), severity="error", markup=False)

    def work() -> None:
        try:
            result = create_next_session(previous, day)
        except KumppaniError as error:
            app.call_from_thread(failed, error)
            return
        app.call_from_thread(made, result)

    screen.run_worker(work, thread=True, group="followup", name="followup")
