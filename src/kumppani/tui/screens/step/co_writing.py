"""Provides the step view's co-writing: seeing the other writer's notes within two seconds.

``CoWriting`` is an invisible widget in the step screen. Every ``POLL_SECONDS``
it looks at the lock file (only when its size or time changed is it read
again): while it lists more than one live writer, and after that until the
file's last change by the other is merged in, the session is co-written,
autosave merges on saving (``Autosave.merging``), and the session file's size
and modification time are watched as the projector does. When the other's save
changed the file, the merge is made in a worker thread and, if nothing
conflicts, taken in the app's thread (``co_writing.bring_in``): the notes that
came in show at once and the status line says how many. A conflicting merge is
left to the next save, which asks. Nothing is brought in while a form or dialog
is open over the step (it could be editing what the merge replaces) nor while a
save runs or a conflict waits for the user.
"""

from __future__ import annotations

from textual.widget import Widget

from kumppani.editing.co_writing import bring_in, changed_on_disk, co_writers
from kumppani.editing.editor import SessionEditor
from kumppani.editing.merging import DiskMerge, merge_with_disk
from kumppani.editing.projector import Stamp, stamp
from kumppani.errors import KumppaniError
from kumppani.storage.locks import lock_path
from kumppani.tui.messages import CoWriterMerged
from kumppani.tui.screens.step.autosave import Autosave

POLL_SECONDS = 0.5
"""How often the lock file and the session file are looked at (a stat each)."""


class CoWriting(Widget):
    """Watches for a co-writer and merges in what they saved."""

    DEFAULT_CSS = "CoWriting { display: none; }"

    def __init__(self, editor: SessionEditor, autosave: Autosave) -> None:
        super().__init__()
        self.editor = editor
        self.autosave = autosave
        self.active = False
        """True while the lock lists another live writer besides this one."""
        self._lock_seen: Stamp | None = None
        self._lock_read = False
        self._others = False
        """True while the lock, as last read, lists another live writer."""
        self._merging = False
        self._left: tuple[Stamp | None, int] | None = None
        """The file's stamp and the session's revision of a merge left to the next save
        (it conflicted): not made again until one of them changes."""

    def on_mount(self) -> None:
        if self.editor.read_only or self.editor.path is None:
            return
        self.poll()
        self.set_interval(POLL_SECONDS, self.poll, name="co-writing")

    def poll(self) -> None:
        """Follow the lock's writers; merge in the file when a co-writer changed it."""
        path = self.editor.path
        if path is None:
            return
        seen = stamp(lock_path(path))
        if seen != self._lock_seen or not self._lock_read:
            self._lock_seen, self._lock_read = seen, True
            self._others = co_writers(self.editor) > 1
        # The other writer's last save and its leaving the lock can fall between two looks:
        # co-writing ends only once that save is merged in (or, conflicting, left to my save).
        self.active = self._others or (
            self.active and (self._merging or changed_on_disk(self.editor))
        )
        self.autosave.merging = self.active
        if not self.active or self._merging or not self._quiet():
            return
        if changed_on_disk(self.editor) and self._left != self._attempt():
            self._merging = True
            self.run_worker(self._merge, thread=True, group="co-writing", exit_on_error=False)

    def _attempt(self) -> tuple[Stamp | None, int]:
        path = self.editor.path
        return (stamp(path) if path is not None else None), self.editor.revision

    def _quiet(self) -> bool:
        """True when a merge may come in now: no save running, no question, no form open."""
        autosave = self.autosave
        return autosave.conflict is None and not autosave.busy and self.screen.is_current

    def _merge(self) -> None:
        try:
            merged: DiskMerge | None = merge_with_disk(self.editor)
        except KumppaniError:  # half-written by a program that does not lock, or broken
            merged = None
        self.app.call_from_thread(self._bring_in, merged)

    def _bring_in(self, merged: DiskMerge | None) -> None:
        self._merging = False
        if merged is None or not self.is_attached or not self._quiet():
            return
        if not merged.result.clean:
            self._left = (merged.snapshot.size, merged.snapshot.mtime_ns), merged.revision
        result = bring_in(self.editor, merged)
        if result is not None:
            self.post_message(CoWriterMerged(self.editor, [result]))
