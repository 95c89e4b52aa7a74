"""Provides what happens when a save finds the session file changed outside kumppani.

Autosave pauses. When the file is still there, the two versions are merged by
meaning first (``kumppani.editing.merging``): if nothing conflicts, the merge is
taken and saved at once, and the user is told what came in ("3 muistiinpanoa
toiselta kirjaajalta"). Otherwise ``ask_about_conflict`` shows
``ConflictDialog``. Every choice keeps both versions somewhere, except "keep
mine over", which the user picks knowing it replaces theirs:

* merge (the first choice): take the merge, both values of each conflict kept
  in the file, and settle the conflicts one by one (or later);
* keep mine over: save over the file on disk (a forced save), saving goes on;
* keep mine as a copy: save mine beside it under a new name
  (``<name>-oma.toml``, numbered if taken) and go on editing the copy; theirs stays;
* load theirs: first save mine as such a copy, then load the file on disk;
* view both: the unified diff of the two TOML texts, then the choice again;
* later (Esc): stay paused; Ctrl+S asks again.

Quitting anyway while a conflict is unsettled keeps mine as such a copy too.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from textual.app import App

from kumppani.editing.merging import DiskMerge, merge_with_disk, take
from kumppani.errors import KumppaniError
from kumppani.session.merge import Conflict, MergeResult, conflicts_of, resolve
from kumppani.storage import locks as locking
from kumppani.storage.conflicts import ConflictError, claim_copy, forced_write, unified_diff
from kumppani.storage.save_errors import reason_key
from kumppani.text.i18n import Translator
from kumppani.tui.dialogs.conflict_dialog import ConflictDialog, DiffScreen
from kumppani.tui.dialogs.merge_conflicts import MergeConflictDialog
from kumppani.tui.screens.step.screen import StepScreen


def ask_about_conflict(
    app: App[Any], translate: Translator, screen: StepScreen, error: ConflictError
) -> None:
    """Show the choice (once: not again while it or the diff is on screen)."""
    if any(isinstance(shown, ConflictDialog | DiffScreen) for shown in app.screen_stack):
        return
    if not error.deleted and _merge_quietly(app, translate, screen):
        return

    def answered(choice: str | None) -> None:
        settle(app, translate, screen, error, choice or "later")

    app.push_screen(ConflictDialog(translate, error), answered)


def settle(
    app: App[Any], translate: Translator, screen: StepScreen, error: ConflictError, choice: str
) -> None:
    """Carry out the user's choice; say what was done, or why it failed (still paused)."""
    if choice == "view_both":
        diff = difference(screen, translate, error.path)
        app.push_screen(
            DiffScreen(translate, diff),
            lambda _: ask_about_conflict(app, translate, screen, error),
        )
        return
    try:
        message = _carry_out(translate, screen, error, choice)
    except KumppaniError as failure:
        app.notify(
            translate("conflict.failed", reason=failure.describe(translate.language)),
            severity="error",
            markup=False,
        )
        return
    if message:
        app.notify(message, markup=False)


def _merge_quietly(app: App[Any], translate: Translator, screen: StepScreen) -> bool:
    """Merge with the file and save, if nothing conflicts; True when done."""
    try:
        merged = merge_with_disk(screen.editor)
    except KumppaniError:
        return False  # the file does not load now: the user chooses
    if not merged.result.clean:
        return False
    app.notify(_taken(translate, screen, merged), markup=False)
    return True


def _taken(translate: Translator, screen: StepScreen, merged: DiskMerge) -> str:
    """Take a merge, show it, save it; what came in, in words."""
    result = take(screen.editor, merged)
    screen.show_step(screen.index, merged=True)
    screen.autosave.resume()  # settled: the merge is saved at once, like any change
    screen.autosave.save_now()  # a new outside change meanwhile pauses and asks again
    return came_in(translate, [result])


def came_in(translate: Translator, merges: Sequence[MergeResult]) -> str:
    """What the merges brought, in words: "3 muistiinpanoa toiselta kirjaajalta"."""
    notes = sum(result.added.get("notes", 0) for result in merges)
    came = translate.plural("merge.added.notes", notes) if notes else translate("merge.nothing_new")
    conflicts = sum(len(result.conflicts) for result in merges)
    if conflicts:
        came += " · " + translate("merge.left", count=conflicts)
    return came


def show_merges(screen: StepScreen, translate: Translator, merges: Sequence[MergeResult]) -> None:
    """A co-writer's changes came in: show them, say what came, offer to settle conflicts."""
    screen.show_step(screen.index, merged=True)
    if any(result.added or result.conflicts for result in merges):
        screen.app.notify(came_in(translate, merges), markup=False)
    conflicts = conflicts_of(screen.editor.session)
    if any(result.conflicts for result in merges) and conflicts:
        screen.app.push_screen(
            MergeConflictDialog(translate, conflicts),
            lambda choices: _settle_conflicts(screen, translate, choices or []),
        )


def _carry_out(translate: Translator, screen: StepScreen, error: ConflictError, choice: str) -> str:
    editor, autosave, path = screen.editor, screen.autosave, error.path
    if choice == "merge":
        message = _taken(translate, screen, merge_with_disk(editor))
        conflicts = conflicts_of(editor.session)
        if conflicts:
            screen.app.push_screen(
                MergeConflictDialog(translate, conflicts),
                lambda choices: _settle_conflicts(screen, translate, choices or []),
            )
        return message
    if choice == "keep_over":
        failure = autosave.save_now(force=True)
        if failure is not None:
            raise failure
        autosave.resume()
        return translate("conflict.saved_over", path=path)
    if choice == "keep_copy":
        copy = claim_copy(path, translate("conflict.copy_tag"))
        editor.save_as(copy)
        locking.release(path)
        _lock_quietly(copy)
        screen.sub_title = f"{editor.session.title} · {copy.name}"
        autosave.resume()
        return translate("conflict.saved_copy", path=copy)
    if choice == "load_theirs":
        copy = keep_a_copy(screen, translate, path)
        editor.reload()
        screen.sub_title = editor.session.title
        screen.show_step(screen.index)
        autosave.resume()
        return translate("conflict.loaded", path=copy)
    return ""  # later: saving stays paused


def _settle_conflicts(
    screen: StepScreen, translate: Translator, choices: list[tuple[Conflict, str]]
) -> None:
    """Apply the choices made in the conflict dialog, as one undoable change."""
    if not choices:
        return
    editor = screen.editor

    def settle_all() -> None:
        for conflict, choice in choices:
            resolve(editor.session, conflict, choice)

    fields = {conflict.path.split(".")[1] for conflict, _ in choices} | {"file_extra"}
    editor.edit("merge_conflicts", settle_all, *((editor.session, name) for name in fields))
    screen.show_step(screen.index, merged=True)
    left = len(conflicts_of(editor.session))
    screen.app.notify(
        translate("merge.resolved", count=len(choices))
        + (" · " + translate("merge.left", count=left) if left else ""),
        markup=False,
    )


def keep_a_copy(screen: StepScreen, translate: Translator, path: Path) -> Path:
    """Write the session as it is on screen to a new copy beside ``path``; the copy."""
    _, data = screen.editor.serialize()
    copy = claim_copy(path, translate("conflict.copy_tag"))
    forced_write(copy, data)
    return copy


def quit_note(failures: Sequence[KumppaniError], translate: Translator) -> str:
    """What the quit question adds when a failure is a conflict: mine will be kept as a copy."""
    if any(isinstance(failure, ConflictError) for failure in failures):
        return "\n\n" + translate("conflict.quit_copy")
    return ""


def what_is_kept(screens: Sequence[StepScreen], translate: Translator) -> str:
    """The truth for the quit question: is what the file lacks in the recovery journal?

    Each journal is written now; if one of them cannot be, its changes would be lost.
    A journal kept beside its session file (the state folder could not be written) is
    named, as the user would not find it in the usual place.
    """
    aside: Path | None = None
    for screen in screens:
        journal = screen.editor.journal
        if journal is not None:
            journal.flush()
        if screen.editor.dirty and (journal is None or journal.health == "memory"):
            error = journal.last_error if journal is not None else None
            reason = translate(reason_key(error.errno if error else None))
            return translate("dialog.quit_lost", reason=reason)
        if screen.editor.dirty and journal is not None and journal.health == "aside":
            aside = aside or journal.file
    if aside is not None:
        return translate("dialog.quit_kept_aside", file=str(aside))
    return translate("dialog.quit_kept")


def keep_mine_on_quit(screens: Sequence[StepScreen], translate: Translator) -> list[Path]:
    """Before quitting anyway: the unsettled sessions saved as copies (best effort)."""
    copies = []
    for screen in screens:
        conflict = screen.autosave.conflict
        if conflict is not None and screen.editor.dirty:
            with contextlib.suppress(KumppaniError):
                copies.append(keep_a_copy(screen, translate, conflict.path))
    return copies


def _lock_quietly(path: Path) -> None:
    """Lock a copy just made (nobody else can hold it; a refused lock changes nothing)."""
    with contextlib.suppress(locking.LockError):
        locking.acquire(path)


def difference(screen: StepScreen, translate: Translator, path: Path) -> str:
    """The unified diff from the file on disk (empty if gone) to the session on screen."""
    try:
        theirs = path.read_bytes().decode("utf-8", errors="replace")
    except OSError:
        theirs = ""
    try:
        mine = screen.editor.serialize()[1].decode("utf-8")
    except KumppaniError as error:
        mine = error.describe(translate.language)
    return unified_diff(
        theirs,
        mine,
        theirs_label=f"{path.name} ({translate('conflict.theirs_label')})",
        mine_label=f"{path.name} ({translate('conflict.mine_label')})",
    )
