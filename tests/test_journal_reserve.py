"""The journal's reserve and a file size limit, at the edges (issue 18, items 1-2).

Before: the reserve released on the first full disk was never made again, so a second
fill kept notes in memory only (4 of 12 lost after kill -9); and a save that failed
while a note was still waiting for the flusher dropped that note from the journal when
its whole copy did not fit (under ``prlimit --fsize=8000``). Here a child process types
notes, the disk fills up two or three times, and the child is killed with SIGKILL.
"""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest

from kumppani.editing.editor import SessionEditor
from kumppani.editing.journaling import start_journal
from kumppani.storage import journal_disk
from kumppani.storage.journal import Journal
from kumppani.storage.save_errors import where_safe
from tests.support.full_disk import EXAMPLE, recovered_numbers, tmpfs

FAKE_DISK = textwrap.dedent(
    """
    import errno, os, shutil
    from kumppani.editing import document
    from kumppani.storage import platform

    class Disk:
        '''A full disk, injected: writes take only the bytes that removals gave back.'''
        full, free = False, 0

    def _size(path):
        try:
            return os.stat(path).st_size
        except OSError:
            return 0

    def _freed(call):
        def freeing(*args):
            size = _size(args[-1])
            call(*args)
            if Disk.full:
                Disk.free += size
        return freeing

    _write, _truncate, _usage, _checked = os.write, os.ftruncate, shutil.disk_usage, None

    def write(descriptor, data):
        if not Disk.full:
            return _write(descriptor, data)
        if Disk.free <= 0:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        written = _write(descriptor, bytes(data[: Disk.free]))
        Disk.free -= written
        return written

    def truncate(descriptor, length):
        before = os.fstat(descriptor).st_size
        _truncate(descriptor, length)
        if Disk.full:
            Disk.free += max(0, before - length)

    def usage(path):
        found = _usage(path)
        return type(found)(found.total, found.used, Disk.free if Disk.full else found.free)

    def checked_write(*args):
        if Disk.full:  # the session file does not fit either
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return _checked(*args)

    _checked = document.checked_write
    os.write, os.ftruncate, shutil.disk_usage = write, truncate, usage
    platform.remove, platform.replace = _freed(platform.remove), _freed(platform.replace)
    document.checked_write = checked_write
    """
)

FILLS = textwrap.dedent(
    """
    import os, signal, sys
    from pathlib import Path
    from kumppani.editing.editor import SessionEditor
    from kumppani.editing.journaling import start_journal
    from kumppani.errors import KumppaniError

    path, fills, filler = Path(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    editor = SessionEditor.open(path)
    journal = start_journal(editor)
    editor.add_note("overall", "ennen täyttä levyä")
    journal.flush()
    editor.save()

    def fill():
        if not filler:
            Disk.full, Disk.free = True, 0
            return
        descriptor = os.open(filler, os.O_WRONLY | os.O_CREAT)
        for size in (65536, 4096, 512, 1):
            try:
                while os.write(descriptor, b"x" * size):
                    pass
            except OSError:
                pass
        os.close(descriptor)

    def free():
        if filler:
            os.unlink(filler)
        else:
            Disk.full = False

    number = 0
    for round in range(fills):
        print("reserve", (journal.file.parent / ".reserve").exists(), flush=True)
        fill()
        for _ in range(12):
            editor.add_note("overall", f"muistiinpano {number:03d} " + "tekstiä " * 5)
            journal.flush()
            try:
                editor.save()
            except KumppaniError:
                pass
            print(number, journal.health, flush=True)
            number += 1
        if round < fills - 1:
            free()
            editor.save()  # space is back: this save works, the journal is done with
    os.kill(os.getpid(), signal.SIGKILL)
    """
)


def fill_and_kill(session: Path, fills: int, filler: Path | None = None) -> dict[str, list[str]]:
    """Type 12 notes into each of ``fills`` full disks; the health after each, the reserves."""
    code = FILLS if filler is not None else FAKE_DISK + FILLS
    result = subprocess.run(
        [sys.executable, "-c", code, str(session), str(fills), str(filler or "")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == -signal.SIGKILL, result.stderr
    found: dict[str, list[str]] = {"reserve": [], "health": []}
    for line in result.stdout.splitlines():
        first, second = line.split()
        found["reserve" if first == "reserve" else "health"].append(second)
    assert len(found["health"]) == 12 * fills, result.stderr
    return found


@pytest.mark.parametrize("fills", [2, 3])
def test_every_fill_of_the_disk_keeps_every_note(tmp_path: Path, fills: int) -> None:
    """Always on: the full disk injected (writes fail past what removals gave back)."""
    session = tmp_path / "round.toml"
    shutil.copy(EXAMPLE, session)
    found = fill_and_kill(session, fills)
    back = recovered_numbers(session)
    assert back == set(range(12 * fills)), f"lost {sorted(set(range(12 * fills)) - back)}"
    assert found["reserve"] == ["True"] * fills  # made again each time space came back
    assert "memory" not in found["health"], found["health"]
    assert found["health"][-1] == "reserve"  # the status line says the reserve is used up


def big_session(path: Path) -> None:
    """A session larger than the reserve: no save fits into what the reserve frees."""
    shutil.copy(EXAMPLE, path)
    editor = SessionEditor.open(path)
    for number in range(250):
        editor.add_note("overall", f"vanha {number:03d} " + "aiempaa tekstiä " * 16)
    editor.save()


@pytest.mark.parametrize("fills", [2, 3])
def test_every_fill_of_a_real_small_disk_keeps_every_note(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fills: int
) -> None:
    """Sessions and state on one small tmpfs (root only), filled up two or three times."""
    with tmpfs(tmp_path / "disk", "512k") as disk:
        monkeypatch.setenv("KUMPPANI_STATE_DIR", str(disk / "state"))
        (disk / "sessions").mkdir()
        session = disk / "sessions" / "round.toml"
        big_session(session)
        assert session.stat().st_size > 64 * 1024
        found = fill_and_kill(session, fills, disk / "filler")
        (disk / "filler").unlink()  # space freed, then kumppani starts again
        back = recovered_numbers(session)
        assert back == set(range(12 * fills)), f"lost {sorted(set(range(12 * fills)) - back)}"
        assert found["reserve"] == ["True"] * fills
        assert "memory" not in found["health"], found["health"]


SIZE_LIMIT = textwrap.dedent(
    """
    import os, random, resource, signal, sys
    from pathlib import Path
    from kumppani.editing.editor import SessionEditor
    from kumppani.editing.journaling import start_journal
    from kumppani.errors import KumppaniError

    path, seed, count = Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
    editor = SessionEditor.open(path)
    journal = start_journal(editor)
    resource.setrlimit(resource.RLIMIT_FSIZE, (8000, 8000))
    choose = random.Random(seed)
    for number in range(count):
        editor.add_note("overall", f"muistiinpano {number:03d} " + "tekstiä " * 5)
        if choose.random() < 0.5:  # the flusher first, or the autosave first
            journal.flush()
        if choose.random() < 0.6:
            try:
                editor.save()
            except KumppaniError:
                pass
        print(number, journal.health, flush=True)
    journal.flush()  # what the flusher does within half a second
    os.kill(os.getpid(), signal.SIGKILL)
    """
)


@pytest.mark.parametrize("seed", range(4))
def test_saves_failing_under_a_file_size_limit_lose_no_note(tmp_path: Path, seed: int) -> None:
    """RLIMIT_FSIZE 8,000 bytes: the session (15 kB) never saves, the journal goes on."""
    session = tmp_path / "round.toml"
    shutil.copy(EXAMPLE, session)
    result = subprocess.run(
        [sys.executable, "-c", SIZE_LIMIT, str(session), str(seed), "60"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == -signal.SIGKILL, result.stderr
    health = [line.split()[1] for line in result.stdout.splitlines()]
    assert len(health) == 60
    back = recovered_numbers(session)
    assert back == set(range(60)), f"lost {sorted(set(range(60)) - back)}"
    assert "memory" not in health  # every note reached the journal: nothing only in memory


def opened(session: Path) -> Journal:
    """A journal started as the app starts it, once its reserve thread has finished."""
    journal = start_journal(SessionEditor.open(session))
    for thread in threading.enumerate():
        if thread.name == "kumppani-reserve":
            thread.join()
    return journal


def test_the_reserve_is_made_as_the_session_opens(tmp_path: Path) -> None:
    session = tmp_path / "round.toml"
    shutil.copy(EXAMPLE, session)
    journal = opened(session)
    assert (journal.file.parent / journal_disk.RESERVE_NAME).stat().st_size == 64 * 1024
    assert journal.health == "ok"


def test_without_room_for_the_reserve_the_status_line_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    session = tmp_path / "round.toml"
    shutil.copy(EXAMPLE, session)
    usage = shutil.disk_usage(tmp_path)
    tight = type(usage)(usage.total, usage.used, 80 * 1024)  # less than reserve and a save
    monkeypatch.setattr(journal_disk.shutil, "disk_usage", lambda path: tight)
    journal = opened(session)
    assert not (journal.file.parent / journal_disk.RESERVE_NAME).exists()
    assert journal.health == "reserve"
    assert "reserve" in where_safe(journal, "en")
    assert "varatila" in where_safe(journal, "fi")
