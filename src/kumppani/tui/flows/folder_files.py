"""Provides the home screen's changes to the folder's files: deleting, merging a conflict copy.

``offer_delete`` asks, then moves a file into the folder's ``.trash/``.
``offer_merge`` (a sync client's conflict copy into its original) asks first
(what the copy is, that both sides' additions are kept, that a clean merge
moves the copy into ``.trash/``), then merges in a worker thread with
``editing.merging.merge_into``, the function behind ``kumppani merge ORIGINAL
COPY``, and says what was done.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual.app import App

from kumppani.editing.merging import merge_into
from kumppani.errors import KumppaniError
from kumppani.session.merge import MergeError
from kumppani.storage.files import TRASH_FOLDER, move_to_trash
from kumppani.text.i18n import Translator
from kumppani.tui.dialogs.confirm import ConfirmDialog

Done = Callable[[], object]
"""Called after the folder changed (the home screen reads it again)."""


def offer_delete(app: App[Any], path: Path, translate: Translator, done: Done) -> None:
    """Ask, then move ``path`` into its folder's ``.trash/``, from where it can be restored."""
    trash = path.parent / TRASH_FOLDER
    dialog = ConfirmDialog(
        translate("home.delete_title"),
        translate("home.delete_body", name=path.name, trash=trash),
        translate("dialog.yes"),
        translate("dialog.no"),
    )

    def answered(yes: bool | None) -> None:
        if not yes:
            return
        try:
            target = move_to_trash(path)
        except KumppaniError as error:
            app.notify(error.describe(translate.language), severity="error", markup=False)
            return
        app.notify(translate("home.deleted", path=target), markup=False)
        done()

    app.push_screen(dialog, answered)


def offer_merge(
    app: App[Any], original: Path, copy: Path, translate: Translator, done: Done
) -> None:
    """Ask, then merge ``copy`` into ``original``; ``done()`` after a merge."""
    dialog = ConfirmDialog(
        translate("home.merge_copy_title"),
        translate("home.merge_copy_body", copy=copy.name, original=original.name),
        translate("home.merge_copy_yes"),
        translate("dialog.cancel"),
    )

    def answered(yes: bool | None) -> None:
        if yes:
            run = lambda: _merge(app, original, copy, translate, done)  # noqa: E731
            app.run_worker(run, thread=True, group="merge-copy", exit_on_error=False)

    app.push_screen(dialog, answered)


def _merge(app: App[Any], original: Path, copy: Path, translate: Translator, done: Done) -> None:
    """The merge, in a worker thread; what happened is said in the app's thread."""
    try:
        result, trashed = merge_into(original, copy)
    except KumppaniError as error:
        said = error.describe(translate.language)
        app.call_from_thread(app.notify, said, severity="error", markup=False)
        return
    except MergeError:  # two files that are not versions of one session
        said = translate("home.not_same_session", copy=copy.name, original=original.name)
        app.call_from_thread(app.notify, said, severity="error", markup=False)
        return
    if trashed is not None:
        said = translate("home.copy_merged", original=original.name, trash=trashed)
    else:
        count = len(result.conflicts)
        said = translate("home.copy_conflicts", original=original.name, count=count)
    app.call_from_thread(app.notify, said, markup=False)
    app.call_from_thread(done)
