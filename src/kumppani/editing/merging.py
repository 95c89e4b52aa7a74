"""Merges session files: two versions of one session, with or without their common ancestor.

The files are read as sessions (a broken one is reported with its file, line and
field), merged by meaning with ``kumppani.session.merge`` and written
atomically. Conflicts are kept in the written file, never as text markers.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kumppani.editing.document import SessionDocument
from kumppani.fileformat import parse_session
from kumppani.library.sync_copies import original_of
from kumppani.session.merge import MergeResult, merge
from kumppani.storage.conflicts import ConflictError, save_lock
from kumppani.storage.files import (
    Snapshot,
    load_session,
    move_to_trash,
    read_text,
    save_session,
    snapshot_of,
)

SAVE_ATTEMPTS = 20
"""How often a save retries when another writer keeps changing the file in between."""


def merge_files(mine: Path, theirs: Path, base: Path | None = None) -> MergeResult:
    """The merge of the sessions in ``mine`` and ``theirs`` (three-way when ``base`` is given).

    An empty ``base`` (git's ancestor of a file added on both sides) counts as none.
    """
    ancestor = None
    if base is not None and base.stat().st_size > 0:
        ancestor = load_session(base)
    return merge(ancestor, load_session(mine), load_session(theirs))


def write_merge(result: MergeResult, target: Path) -> None:
    """Write the merged session to ``target`` atomically, conflicts included."""
    save_session(result.session, target)


def merge_into(
    mine: Path, theirs: Path, base: Path | None = None, target: Path | None = None
) -> tuple[MergeResult, Path | None]:
    """Merge ``theirs`` into ``mine`` and write the result over it (or to ``target``).

    When ``theirs`` is a sync client's conflict copy of ``mine`` and the merge is
    clean, the copy is then moved into ``.trash/``: the merge and where the copy went.
    The merge is read and written under the folder's save lock, so no kumppani
    saves ``mine`` in between (one that has it open merges the result in).
    """
    target = target or mine
    with save_lock(target):
        result = merge_files(mine, theirs, base)
        write_merge(result, target)
    trashed = None
    if result.clean and target == mine and original_of(theirs) == mine:
        trashed = move_to_trash(theirs)
    return result, trashed


@dataclass
class DiskMerge:
    """The merge of the open session with the file as it is now, not yet taken."""

    result: MergeResult
    snapshot: Snapshot
    data: bytes
    revision: int = 0
    """The open session's revision that was merged (a later edit makes the merge outdated)."""


def merge_with_disk(document: SessionDocument) -> DiskMerge:
    """The merge of the open session with the file's outside changes, by meaning.

    The base is the file as this document last read or wrote it, so a note the
    other writer deleted goes, and one only I added stays; without a base (none
    was kept) nothing is dropped. Nothing changes until ``take`` (a look first).
    """
    assert document.path is not None
    text, data = read_text(document.path)
    theirs = parse_session(text, document.path)
    base = None
    if document.base_data is not None:
        base = parse_session(document.base_data.decode("utf-8", "replace"), document.path)
    with document.lock:
        revision = document.revision
        result = merge(base, document.session, theirs)
    return DiskMerge(result, snapshot_of(document.path, data), data, revision)


def take(document: SessionDocument, merged: DiskMerge) -> MergeResult:
    """Go on with the merged session; it is a change still to save."""
    document.adopt_merge(merged.result.session, merged.snapshot, merged.data)
    return merged.result


def merge_from_disk(document: SessionDocument) -> MergeResult:
    """Bring the file's outside changes into the open session (``merge_with_disk`` + ``take``)."""
    return take(document, merge_with_disk(document))


def save_merging(document: SessionDocument) -> list[MergeResult]:
    """Save; whenever the file changed outside meanwhile, merge it in and save the merge.

    Returns the merges made (none when the file had not changed). A deleted file,
    or one that keeps changing through ``SAVE_ATTEMPTS`` tries, raises ``ConflictError``.
    """
    assert document.path is not None
    merges: list[MergeResult] = []
    if _saved(document):
        return merges
    for _ in range(SAVE_ATTEMPTS):
        # Merge and save under the folder's save lock, so that no other kumppani
        # writes between reading the file and replacing it (a sync client still may:
        # then the next round merges that too).
        with save_lock(document.path):
            merges.append(merge_from_disk(document))
            if _saved(document):
                return merges
    document.save()
    return merges


def _saved(document: SessionDocument) -> bool:
    """Save; False when the file changed outside meanwhile (a deleted file raises)."""
    try:
        document.save()
    except ConflictError as error:
        if error.deleted:
            raise
        return False
    return True
