"""The journal on a full or nearly full disk (issue 18): whole frames only, and said when not.

Before: ``os.write`` was not checked, a cut-short journal replaced the good one and
recovery stopped at the broken frame: 0 of 12 notes came back on a nearly full tmpfs,
18 of 60 were lost under ``prlimit --fsize=8000``. Here a child process types notes while
its files cannot grow, is killed without any clean-up, and the journal must give back
every note it did not report as kept in memory only.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from kumppani.storage import journal_disk
from kumppani.storage.files import load_session
from kumppani.storage.journal_frames import journal_path, read_frames
from kumppani.storage.recovery import find_offer

EXAMPLE = Path(__file__).parent.parent / "sessions" / "2026-03-12-nuorisotyollisyys.toml"

CHILD = textwrap.dedent(
    """
    import os, resource, sys
    from pathlib import Path
    from kumppani.editing.editor import SessionEditor
    from kumppani.editing.journaling import start_journal
    from kumppani.errors import KumppaniError

    path, count, limit, fill = Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
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
        try:
            editor.save()
        except KumppaniError:
            pass
        print(number, journal.health, flush=True)
    os._exit(0)  # as kill -9 would: no atexit, no flush
    """
)


def type_notes(
    session: Path, count: int, *, limit: int = 0, fill: Path | None = None
) -> dict[int, str]:
    result = subprocess.run(
        [sys.executable, "-c", CHILD, str(session), str(count), str(limit), str(fill or "")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    health = {}
    for line in result.stdout.splitlines():
        number, state = line.split()
        health[int(number)] = state
    assert len(health) == count
    return health


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


def test_a_file_size_limit_never_breaks_the_journal(tmp_path: Path) -> None:
    """Always on: RLIMIT_FSIZE (the session file itself is bigger than the limit)."""
    session = tmp_path / "round.toml"
    shutil.copy(EXAMPLE, session)
    health = type_notes(session, 60, limit=8000)
    back = check(session, health)
    assert back == set(range(60))  # in segments of 8,000 bytes each
    assert session.read_bytes().count(b"muistiinpano") == 0  # no save could succeed


def test_a_short_write_is_not_taken_as_written(tmp_path: Path) -> None:
    target = tmp_path / "j"
    target.write_bytes(b"good")
    calls = []

    def short(descriptor: int, data: object) -> int:
        calls.append(1)
        return 0 if len(calls) > 1 else 3

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(journal_disk.os, "write", short)
        with pytest.raises(OSError):
            journal_disk.write_file(target, b"longer than three")
        with pytest.raises(OSError):
            journal_disk.append(target, 4, b"more")
    assert target.read_bytes() == b"good"  # the cut-short write replaced nothing, left nothing
    assert [item.name for item in tmp_path.iterdir()] == ["j"]


@contextlib.contextmanager
def tmpfs(folder: Path, size: str):  # type: ignore[no-untyped-def]
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


def test_a_nearly_full_disk_keeps_every_note_in_the_journal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Sessions and state on one small tmpfs, filled up while notes are typed."""
    with tmpfs(tmp_path / "disk", "300k") as disk:
        monkeypatch.setenv("KUMPPANI_STATE_DIR", str(disk / "state"))
        (disk / "sessions").mkdir()
        session = disk / "sessions" / "round.toml"
        shutil.copy(EXAMPLE, session)
        health = type_notes(session, 12, fill=disk / "filler")
        (disk / "filler").unlink()  # space freed, then kumppani starts again
        back = check(session, health)
        assert back == set(range(12)), f"only {len(back)} of 12 notes back"
        assert "memory" not in health.values(), health
