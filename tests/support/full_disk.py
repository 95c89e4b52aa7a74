"""Provides a child process that types notes while the disk is full, then dies as kill -9 would.

Used by the full-disk tests (``tests/test_journal_full_disk.py``) and the tests of a
journal kept beside the session (``tests/test_journal_aside.py``): the child opens a
session, saves one note, then (under a file size limit, on a filled disk, or with the
state folder unwritable) types notes, writing the journal after each, and exits with
``os._exit`` (no atexit, no flush). It prints each note's number and the journal's
``health`` then, so a test can tell a note announced as kept in memory only from one
lost silently.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from kumppani.storage.files import load_session
from kumppani.storage.journal_frames import journal_path, read_frames
from kumppani.storage.recovery import find_offer

EXAMPLE = Path(__file__).parent.parent.parent / "sessions" / "2026-03-12-nuorisotyollisyys.toml"

CHILD = textwrap.dedent(
    """
    import os, resource, sys
    from pathlib import Path
    from kumppani.editing.editor import SessionEditor
    from kumppani.editing.journaling import start_journal
    from kumppani.errors import KumppaniError

    path, count, limit, fill = Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
    saving = sys.argv[5] == "save"
    editor = SessionEditor.open(path)
    journal = start_journal(editor)
    editor.add_note("overall", "ennen täyttä levyä")
    journal.flush()
    editor.save()
    if limit:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    if fill:  # fill the disk until nothing more fits
        descriptor = os.open(fill, os.O_WRONLY | os.O_CREAT)
        for size in (65536, 4096, 512, 1):
            try:
                while os.write(descriptor, b"x" * size):
                    pass
            except OSError:
                pass
        os.close(descriptor)
    for number in range(count):
        editor.add_note("overall", f"muistiinpano {number:03d} " + "tekstiä " * 5)
        journal.flush()
        if saving:
            try:
                editor.save()
            except KumppaniError:
                pass
        print(number, journal.health, journal.file, flush=True)
    os._exit(0)  # as kill -9 would: no atexit, no flush
    """
)


def type_notes(
    session: Path, count: int, *, limit: int = 0, fill: Path | None = None, save: bool = True
) -> dict[int, str]:
    """Type ``count`` notes in ``session`` in a child that then dies; each note's health."""
    return {
        number: health for number, (health, _) in typed(session, count, limit, fill, save).items()
    }


def typed(
    session: Path, count: int, limit: int = 0, fill: Path | None = None, save: bool = True
) -> dict[int, tuple[str, Path]]:
    """As ``type_notes``, with where the journal was written after each note."""
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            CHILD,
            str(session),
            str(count),
            str(limit),
            str(fill or ""),
            "save" if save else "keep",
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    notes = {}
    for line in result.stdout.splitlines():
        number, state, file = line.split(maxsplit=2)
        notes[int(number)] = (state, Path(file))
    assert len(notes) == count
    return notes


def recovered_numbers(session: Path) -> set[int]:
    """The notes the next start has: recovered from the journal, or in the saved file."""
    offer = find_offer(session)
    if offer is None:
        kept = load_session(session)
    else:
        assert offer.session is not None, offer.problem
        kept = offer.session
    texts = [note.text for note in kept.step("overall").notes]
    return {int(text.split()[1]) for text in texts if text.startswith("muistiinpano ")}


def check(session: Path, health: dict[int, str]) -> set[int]:
    """The notes back after the crash; fails if one was lost without being announced."""
    back = recovered_numbers(session)
    journal = journal_path(session)
    if journal.exists():  # never a broken frame at the end: the journal is whole frames only
        data = journal.read_bytes()
        assert len(b"".join(frame for _, _, frame in read_frames(data))) > 0
        assert data.endswith(b"\n")
    # every note typed while the journal said it was on disk comes back;
    # a note it could not write was announced as kept in memory only
    lost = {number for number in health if number not in back}
    silent = {number for number in lost if health[number] != "memory"}
    assert not silent, f"lost without warning: {sorted(silent)}"
    return back


@contextlib.contextmanager
def tmpfs(folder: Path, size: str) -> Iterator[Path]:
    """A small tmpfs mounted at ``folder`` (root only: skipped with the reason elsewhere)."""
    folder.mkdir()
    if os.name != "posix" or os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root; the RLIMIT_FSIZE test covers the rest")
    result = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here ({result.stderr.strip() or 'mount failed'})")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)
