"""Gives an open session its recovery journal."""

from __future__ import annotations

from kumppani.editing.editor import SessionEditor
from kumppani.storage.journal import Base, Journal


def start_journal(editor: SessionEditor) -> Journal:
    """Give ``editor`` a journal; an editor with unsaved changes already is journaled whole."""
    assert editor.path is not None, "only a session with a file has a journal"
    snapshot = editor.snapshot
    base = Base(snapshot.size, snapshot.mtime_ns, snapshot.sha256) if snapshot else None
    journal = Journal(editor.path, editor, base, base_revision=editor.saved_revision)
    editor.journal = journal
    if editor.dirty:
        journal.record(editor.revision, ())
    return journal
