"""Provides the autosave: every change reaches the file within about a second, typing never waits.

``Autosave`` is an invisible widget mounted in the step screen. It listens to
the ``SessionEditor``; after a change it schedules one save ``delay`` seconds
later (further changes in between ride along, so a burst of typing costs one
write). The save runs in a thread worker. An everyday save (up to 2,000
notes, few of them changed) reuses every unchanged note and costs a few ms:
it is made in the thread. A larger one, where it can (``storage.apart``), has
its bytes made in a forked child: the worker forks holding the editor's lock
(a consistent session, a few ms), then only waits on a pipe, so typing never
waits for the serialising; elsewhere the editor serializes in the thread.
The write and fsync happen outside the lock. If the session changed while a
save ran, another save follows. Only one save runs at a time, and the
editor never lets an older revision overwrite a newer one.

Time ticks of a running step timer change the session every second, and
starting or pausing the timer changes its live state (``QUIET_CHANGES``); on
their own they are saved at most every ``TIME_DELAY`` seconds, and they do not
make the indicator say "unsaved": it speaks of the user's work (notes, forms,
rounds …), which is saved within about a second. The projector learns of the
timer from the live-state file, not from these saves.

Each state change is posted as ``SaveStateChanged`` for the save indicator.
"Saving" is posted only when a save still runs after ``SAVING_SHOWN_AFTER``
seconds: an everyday save is over sooner, and its start is the moment the
worker forks, when a repaint costs a key most (issue 14); the indicator goes
from "unsaved" straight to "saved", which is also true meanwhile.
A read-only session never saves. When a save finds the file changed outside
(``ConflictError``), autosave pauses (state ``conflict``) and posts
``SaveConflict`` so the user can choose; Ctrl+S asks again; ``resume`` goes on.
While co-writing (``merging``, set by ``co_writing.CoWriting``), such a save
merges the other writer's changes in and saves the merge at once under the
folder's save lock (``save_merging``), and posts ``CoWriterMerged``; only a
deleted file, or one that keeps changing, still pauses.

A failed save (disk full, folder read-only or gone …) leaves the file as it
was; the edits stay in memory and in the recovery journal. The indicator
names the file and the reason in the user's language, a notification says it
once, and the save is tried again after ``RETRY_FIRST`` seconds, doubling up
to ``RETRY_MAX`` (and after every further change); the first save that works
clears the message.
"""

from __future__ import annotations

import time

from textual.timer import Timer
from textual.widget import Widget

from kumppani.editing.editor import SessionEditor
from kumppani.editing.merging import save_merging
from kumppani.errors import KumppaniError, render
from kumppani.storage import apart
from kumppani.storage.conflicts import ConflictError
from kumppani.storage.files import session_bytes
from kumppani.storage.save_errors import describe_save_error, where_safe
from kumppani.text.i18n import Translator
from kumppani.tui.messages import CoWriterMerged, SaveConflict, SaveStateChanged
from kumppani.tui.typing_pace import behind_typing

TIME_DELAY = 15.0
"""How long a change of the time spent alone may wait before it is saved."""
QUIET_CHANGES = frozenset({"time", "live"})
"""Changes that are not the user's work: the timer's seconds and its live state."""

RETRY_FIRST = 2.0
"""Seconds before a failed save is tried again; each failure in a row doubles it …"""
RETRY_MAX = 60.0
"""… up to this."""
SAVING_SHOWN_AFTER = 0.5
"""Seconds a save runs before the indicator says "saving" (until then it says "unsaved")."""
JOURNAL_CHECK = 1.0
"""How often the recovery journal's health is looked at (it is written in its own thread)."""


class Autosave(Widget):
    """Saves the editor's session shortly after each change, in a worker thread."""

    DEFAULT_CSS = "Autosave { display: none; }"

    def __init__(
        self, editor: SessionEditor, delay: float = 1.0, translate: Translator | None = None
    ) -> None:
        super().__init__()
        self.editor = editor
        self.delay = delay
        self.translate = translate or Translator()
        self.failures = 0
        """Saves failed in a row (0 once one works)."""
        self.state = "read_only" if editor.read_only else ("dirty" if editor.dirty else "saved")
        self.reason = ""
        self._timer: Timer | None = None
        self._due = 0.0
        self._saving = False
        self._saving_shown: Timer | None = None
        self.unsaved_work = editor.dirty
        """Whether a change other than a quiet one waits to be saved (what the indicator says)."""
        self._work_in_save = False
        self.conflict: ConflictError | None = None
        """The outside change that paused saving, until the user chose what to do."""
        self.journal_health = "ok"
        """The recovery journal's ``health`` as last shown."""
        self.last_error: KumppaniError | None = None
        self.merging = False
        """Co-writing: a save that finds the file changed merges it in instead of pausing."""

    def on_mount(self) -> None:
        self.set_interval(JOURNAL_CHECK, self.check_journal, name="journal-check")
        self.editor.subscribe(self._on_change)
        self._announce(self.state)
        if self.editor.dirty and not self.editor.read_only:
            self._schedule(self.delay)

    # -- scheduling --------------------------------------------------------------------------
    def _on_change(self, what: str) -> None:
        if self.editor.read_only or self.conflict is not None:
            return
        quiet = what in QUIET_CHANGES
        if not quiet:
            self.unsaved_work = True
            if self.state not in ("dirty", "saving", "failed"):
                self._announce("dirty")
        if self.failures and self._timer is not None:
            return  # failing: the retry's backoff holds, typing does not hammer the disk
        self._schedule(TIME_DELAY if quiet else self.delay)

    def _schedule(self, delay: float) -> None:
        """Save in ``delay`` seconds unless a save is already due sooner."""
        due = self._now() + delay
        if self._timer is not None:
            if self._due <= due:
                return
            self._timer.stop()
        self._due = due
        self._timer = self.set_timer(delay, self.start_save, name="autosave")

    def _now(self) -> float:
        return time.monotonic()

    # -- saving ------------------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        """True while a background save runs."""
        return self._saving

    def start_save(self) -> None:
        """Start a background save now (the debounce timer calls this; so do Ctrl+S and tests)."""
        if self._timer is not None:  # called directly: the pending save is this one
            self._timer.stop()
        self._timer = None
        if self.conflict is not None:  # paused: ask again instead
            self.post_message(SaveConflict(self.conflict))
            return
        if self._saving or self.editor.read_only or not self.editor.dirty:
            return
        self._saving = True
        self._work_in_save, self.unsaved_work = self.unsaved_work, False
        if self._work_in_save:
            self.state = "saving"  # said on screen only if the save takes long (module text)
            self._saving_shown = self.set_timer(
                SAVING_SHOWN_AFTER, self._show_saving, name="saving-shown"
            )
        # The app's worker, not this widget's: closing the view (which unmounts this widget)
        # must not cancel a save half-way; it finishes, and the closing save waits for it.
        self.app.run_worker(
            self._save_in_thread, thread=True, group="save", name="autosave", exit_on_error=False
        )

    def _show_saving(self) -> None:
        self._saving_shown = None
        if self._saving and self.state == "saving":
            self._announce("saving")

    def _save_in_thread(self) -> None:
        try:
            with behind_typing():  # the bytes are made in pieces, each after the keys typed
                self._save()
        except KumppaniError as error:
            self.app.call_from_thread(self._finished, error)
        else:
            self.app.call_from_thread(self._finished, None)

    def _save(self) -> None:
        """Save once: the bytes made apart where that works (see the module's text)."""
        editor = self.editor
        path = editor.path
        if not apart.available() or path is None or editor.newer_format or editor.read_only:
            editor.save()  # also raises the reason a save cannot be made
            return
        if not apart.worth_forking(editor.session):  # few changes: cheaper here than a fork
            editor.save()
            return
        with editor.lock:
            revision = editor.revision
            try:
                child = apart.Apart(path, lambda: session_bytes(editor.session, path))
            except OSError:  # no process could be made: as elsewhere, in this thread
                child = None
        if child is None:
            editor.save()
            return
        try:
            data = child.result()
        except TimeoutError:  # the child hung (and is gone now): as elsewhere, in this thread
            editor.save()
            return
        editor.write(revision, data)

    def _finished(self, error: KumppaniError | None) -> None:
        self._saving = False
        if self._saving_shown is not None:
            self._saving_shown.stop()
            self._saving_shown = None
        if not self.is_attached:  # the view was closed meanwhile (its own save followed)
            return
        if error is not None:  # the work is still unsaved
            self.unsaved_work = self.unsaved_work or self._work_in_save
        if isinstance(error, ConflictError) and self.merging and not error.deleted:
            error = self._save_merging()
        if isinstance(error, ConflictError):
            self._pause(error)
            self.post_message(SaveConflict(error))
        elif error is not None:
            self._failed(error)
        elif self.editor.dirty:
            self._recovered()
            if self.unsaved_work:
                self._announce("dirty")
                self._schedule(self.delay)
            else:  # only the timer's seconds since: saved with the next change or soon
                self._announce("saved")
                self._schedule(TIME_DELAY)
        else:
            self._recovered()
            self._announce("saved")

    def _failed(self, error: KumppaniError) -> None:
        """Say what went wrong (a notification the first time) and try again later."""
        self.last_error = error
        self.failures += 1
        if self.failures == 1:
            message = describe_save_error(error, self.translate.language)
            notice = self.translate("save.failed", reason=message)
            self.notify(notice, severity="error", timeout=10, markup=False)
        self._announce("failed", self._failure_text(error))
        if not self.editor.read_only:
            self._schedule(self._retry_seconds())

    def _retry_seconds(self) -> float:
        return float(min(RETRY_MAX, RETRY_FIRST * 2 ** max(0, self.failures - 1)))

    def _failure_text(self, error: KumppaniError) -> str:
        """The failure, when it is tried again, and where the changes are meanwhile."""
        message = describe_save_error(error, self.translate.language)
        safe = where_safe(self.editor.journal, self.translate.language)
        retry = self.translate("journal.retry", seconds=self._retry_seconds(), safe=safe)
        return f"{message} {retry}"

    def _recovered(self) -> None:
        if self.failures:
            self.failures = 0
            self.notify(self.translate("journal.saved_again"), markup=False)

    def save_now(self, *, force: bool = False) -> KumppaniError | None:
        """Save synchronously (on quit, Ctrl+S); return the error instead of raising it.

        While paused by a conflict nothing is written unless ``force`` (keep mine over).
        """
        if self.conflict is not None and not force:
            return self.conflict
        if self.editor.read_only or not self.editor.dirty:
            return None
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        try:
            self.editor.save(force=force)
        except ConflictError as error:
            failure = self._save_merging() if self.merging and not error.deleted else error
            if isinstance(failure, ConflictError):
                self._pause(failure)
                return failure
            if failure is not None:
                self._failed(failure)
                return failure
        except KumppaniError as error:
            self._failed(error)
            return error
        self._recovered()
        self.unsaved_work = False
        self.resume()
        return None

    def _save_merging(self) -> KumppaniError | None:
        """Merge the co-writer's changes in and save, here in the app's thread (its listeners
        redraw); the error when that fails too."""
        try:
            merges = save_merging(self.editor)
        except KumppaniError as error:
            return error
        self.unsaved_work = self.editor.dirty and self.unsaved_work
        self.post_message(CoWriterMerged(self.editor, merges))
        return None

    def _pause(self, error: ConflictError) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        self.conflict = error
        self._announce("conflict", render(error.reason, self.translate.language))

    def resume(self) -> None:
        """The conflict is settled: save as usual again."""
        self.conflict = None
        if self.editor.dirty:
            self._announce("dirty")
            self._schedule(self.delay)
        else:
            self._announce("saved")

    def check_journal(self) -> None:
        """Say so when the recovery journal is not on disk as usual, and when it is again."""
        journal = self.editor.journal
        health = journal.health if journal is not None else "ok"
        if health == self.journal_health:
            return
        self.journal_health = health
        if self.state == "failed" and self.last_error is not None:
            self._announce("failed", self._failure_text(self.last_error))
        else:
            self._announce(self.state, self.reason)
        if health in ("aside", "memory"):
            warning = where_safe(journal, self.translate.language)
            self.notify(warning, severity="error", timeout=15, markup=False)

    def _announce(self, state: str, reason: str = "") -> None:
        self.state, self.reason = state, reason
        shown, why = state, reason
        if state not in ("failed", "conflict", "read_only") and self.journal_health != "ok":
            shown, why = "journal", where_safe(self.editor.journal, self.translate.language)
        self.post_message(SaveStateChanged(shown, why))
