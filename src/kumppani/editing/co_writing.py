"""Provides co-writing: two kumppani programs writing one session, each seeing the other's notes.

A co-writer joined the lock of a session someone else was editing
(``storage.locks.join``); while the lock lists more than one live writer, each
side watches the file's size and modification time (``projector.stamp``, as the
projector does) and, when the other's save changed it, merges it in by meaning
(``merging.merge_with_disk``), without asking when nothing conflicts. Saving
merges too (``merging.save_merging``, under the folder's save lock). No Textual
here: the step view polls (``kumppani.tui.screens.step.co_writing``).
"""

from __future__ import annotations

from kumppani.editing.editor import SessionEditor
from kumppani.editing.merging import DiskMerge, take
from kumppani.editing.projector import stamp
from kumppani.session.merge import MergeResult
from kumppani.storage import locks


def co_writers(editor: SessionEditor) -> int:
    """How many live writers the session's lock lists (0 when it is not locked)."""
    return len(locks.writers(editor.path)) if editor.path is not None else 0


def changed_on_disk(editor: SessionEditor) -> bool:
    """True when the file's size or modification time is not what this editor last read or wrote."""
    snapshot = editor.snapshot
    if editor.path is None or snapshot is None:
        return False
    seen = stamp(editor.path)
    return seen is not None and seen != (snapshot.size, snapshot.mtime_ns)


def bring_in(editor: SessionEditor, merged: DiskMerge) -> MergeResult | None:
    """Go on with a clean merge made from the session as it still is; what came in.

    None, and nothing changes, when the session changed since the merge was made
    (it is made again) or when it conflicts (the next save asks). With no change
    of mine to keep, the file as the merge read it is taken: nothing to save, so
    two co-writers never answer each other's saves with saves of their own. It is
    not read again: broken or gone since, that is for the next look or save.
    """
    if editor.revision != merged.revision or not merged.result.clean:
        return None
    if editor.dirty:
        return take(editor, merged)
    editor.adopt_file(merged.snapshot, merged.data)
    return merged.result
