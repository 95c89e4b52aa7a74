"""Merges session files: two versions of one session, with or without their common ancestor.

The files are read as sessions (a broken one is reported with its file, line and
field), merged by meaning with ``kumppani.session.merge`` and written
atomically. Conflicts are kept in the written file, never as text markers.
"""

from __future__ import annotations

from pathlib import Path

from kumppani.session.merge import MergeResult, merge
from kumppani.storage.files import load_session, save_session


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
