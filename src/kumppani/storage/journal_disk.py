"""Provides the journal's writes: whole or not at all, and a reserve for a full disk.

``os.write`` may write less than it was given (a nearly full disk, a file
size limit) without raising; a journal written that way used to end in a
cut-short frame, and every later frame was lost behind it. Here:

* ``write_file`` writes a new journal to a temporary file, checks every byte
  went in, fsyncs, and only then renames it over the old one: a failure
  leaves the old journal exactly as it was.
* ``append`` adds frames to the end of a journal whose good length is known
  (its *verified tail*): if the file is longer (a write cut short before) it
  is cut back first; if this write is cut short, the file is cut back to the
  good length and the error raised, so the journal always ends in a whole frame.

Past a file size limit (``RLIMIT_FSIZE``, a file system's largest file) a
journal goes on in a next *segment*, ``<journal>.2``, ``.3`` … (``OnDisk``).
Every segment starts with a header naming the journal's token and its number;
a journal written anew gets a new token, so a segment left from before is
never read as part of it.

The reserve: while there is room, a file of ``RESERVE_BYTES`` is kept in the
journal folder (``.reserve``). When a journal write finds the disk full,
``release_reserve`` removes it and the write is tried again in the space it
freed, so the edits of a session whose disk fills up (the state folder and
the sessions on one disk, the default on Linux) still reach the journal.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import secrets
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from kumppani.storage import platform

RESERVE_NAME = ".reserve"
RESERVE_BYTES = 64 * 1024
"""Kept free for the journal alone: room for about 100 typed notes (a note is about 600
bytes in the journal; 80 fitted on a state folder filled to the last byte, test_journal_aside)."""
RESERVE_HEADROOM = 32 * 1024
"""At least this much stays free beside a new reserve (for saving the session itself)."""
SPACE_ERRORS = frozenset(
    number
    for number in (errno.ENOSPC, errno.EFBIG, getattr(errno, "EDQUOT", None))
    if number is not None
)
"""The write failed for want of room: the reserve may help (not for a size limit)."""


class ShortWrite(OSError):
    """The system took fewer bytes than given and said no more (a full disk, a size limit)."""


def ensure_folder(folder: Path) -> Path:
    """The journal folder, created readable by the user only."""
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    with contextlib.suppress(OSError):
        platform.set_path_mode(folder, 0o700)
    return folder


def write_all(descriptor: int, data: bytes) -> None:
    """Write every byte of ``data`` or raise (``ShortWrite`` when the system stops taking them)."""
    view = memoryview(data)
    while view:
        written = os.write(descriptor, view)
        if written <= 0:
            raise ShortWrite(errno.ENOSPC, os.strerror(errno.ENOSPC))
        view = view[written:]


def write_file(file: Path, data: bytes) -> int:
    """Replace ``file`` by one holding exactly ``data`` (owner-only); its length.

    The folder must exist (``ensure_folder`` for the state folder). Any failure
    removes the temporary file and leaves ``file`` as it was.
    """
    folder = file.parent
    temp = folder / f".{file.name}.{os.getpid()}.tmp"
    descriptor = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        try:
            write_all(descriptor, data)
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
        platform.replace(temp, file)
    except BaseException:
        with contextlib.suppress(OSError):
            platform.remove(temp)
        raise
    platform.fsync_folder(folder)
    return len(data)


def append(file: Path, good: int, data: bytes) -> int:
    """Add ``data`` after the first ``good`` bytes of ``file``; the new good length.

    FileNotFoundError if the file is gone (the caller writes it anew). On any
    other failure the file is cut back to ``good`` bytes before the error is raised.
    """
    descriptor = os.open(file, os.O_WRONLY)
    try:
        if os.fstat(descriptor).st_size != good:
            os.ftruncate(descriptor, good)  # a tail cut short before: drop it
        os.lseek(descriptor, good, os.SEEK_SET)
        try:
            write_all(descriptor, data)
            os.fsync(descriptor)
        except OSError:
            with contextlib.suppress(OSError):
                os.ftruncate(descriptor, good)
                os.fsync(descriptor)
            raise
    finally:
        os.close(descriptor)
    return good + len(data)


def keep_copy(source: Path, target: Path, size: int, mtime_ns: int) -> bool:
    """Make ``target`` a copy of ``source`` as it was saved (``size``, ``mtime_ns``); True if so.

    A hard link where the file system allows (no bytes written), else a copy of the
    bytes. Nothing is kept when ``source`` is no longer that saved version.
    """
    if _same_saved_file(source, target, size, mtime_ns):
        return True  # kept already (by a program that crashed): a rename would do nothing
    temp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    with contextlib.suppress(FileNotFoundError):
        platform.remove(temp)
    try:
        os.link(source, temp)
    except OSError:
        try:
            data = source.read_bytes()
            info = source.stat()
        except OSError:
            return False
        if (info.st_size, info.st_mtime_ns) != (size, mtime_ns):
            return False
        with contextlib.suppress(OSError):
            write_file(target, data)
            return True
        return False
    try:
        info = temp.stat()
        if (info.st_size, info.st_mtime_ns) != (size, mtime_ns):
            platform.remove(temp)
            return False
        platform.replace(temp, target)
    except OSError:
        with contextlib.suppress(OSError):
            platform.remove(temp)
        return False
    finally:  # renaming a link over another link to the same file leaves both (POSIX)
        with contextlib.suppress(OSError):
            platform.remove(temp)
    return True


def _same_saved_file(source: Path, target: Path, size: int, mtime_ns: int) -> bool:
    """``target`` is already a link to ``source`` as it was saved."""
    try:
        info = source.stat()
        return os.path.samefile(source, target) and (info.st_size, info.st_mtime_ns) == (
            size,
            mtime_ns,
        )
    except OSError:
        return False


TEMP_PATTERN = re.compile(r"\..+\.(\d+)\.tmp")
"""``.<name>.<pid>.tmp``: the temporary files ``write_file`` and ``keep_copy`` make."""
TEMP_STALE_SECONDS = 60.0


def sweep_temps(folder: Path, older_than: float = TEMP_STALE_SECONDS) -> list[Path]:
    """Remove temporary files a killed program left here (old, and its process gone)."""
    removed = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return []
    now = time.time()
    for entry in entries:
        match = TEMP_PATTERN.fullmatch(entry.name)
        if match is None or int(match.group(1)) == os.getpid():
            continue
        try:
            if not entry.is_file(follow_symlinks=False):
                continue
            if now - entry.stat(follow_symlinks=False).st_mtime < older_than:
                continue
            if platform.pid_alive(int(match.group(1))):
                continue
            platform.remove(Path(entry.path))
        except OSError:
            continue
        removed.append(Path(entry.path))
    return removed


def keep_reserve(folder: Path, headroom: int = RESERVE_HEADROOM) -> bool:
    """Make the reserve file if it is missing and ``headroom`` more is free; True if it is there.

    Best effort, tried again whenever the journal or a save has written (cheap while the
    reserve is there). A folder where a file size limit refuses it is not tried again.
    """
    reserve = folder / RESERVE_NAME
    if reserve.exists():
        return True
    if folder in _TOO_BIG:
        return False
    try:
        if shutil.disk_usage(ensure_folder(folder)).free < RESERVE_BYTES + headroom:
            return False
        write_file(reserve, bytes(RESERVE_BYTES))
    except OSError as error:
        if error.errno == errno.EFBIG:
            _TOO_BIG.add(folder)
        with contextlib.suppress(OSError):
            platform.remove(reserve)
        return False
    return True


_TOO_BIG: set[Path] = set()
"""Folders where a file size limit (``RLIMIT_FSIZE``) is smaller than the reserve."""


def release_reserve(folder: Path) -> bool:
    """Free the reserve for the journal; True if there was one to free."""
    try:
        platform.remove(folder / RESERVE_NAME)
    except OSError:
        return False
    return True


Head = Callable[[str, int], bytes]
"""The header frame of a segment, from the journal's token and the segment's number."""


def segment_path(file: Path, number: int) -> Path:
    """Segment ``number`` of the journal ``file`` (1 is the file itself)."""
    return file if number <= 1 else file.with_name(f"{file.name}.{number}")


@dataclass
class OnDisk:
    """A journal at one place: its file and, past a file size limit, further segments."""

    file: Path
    good: int | None = None
    """The length of whole frames in the last segment; None: nothing written here."""
    count: int = 0
    token: str = ""

    def fresh(self, head: Head, data: bytes) -> None:
        """The journal becomes ``head`` + ``data`` (whole or not at all); older segments go."""
        token = secrets.token_hex(8)
        self.good = write_file(self.file, head(token, 1) + data)
        self.token, self.count = token, 1
        self._remove_segments(2)

    def append(self, head: Head, data: bytes) -> None:
        """Add ``data`` at the end; in a new segment when the last one may not grow."""
        if self.good is None:
            raise FileNotFoundError(errno.ENOENT, os.strerror(errno.ENOENT), str(self.file))
        last = segment_path(self.file, self.count)
        try:
            self.good = append(last, self.good, data)
        except OSError as error:
            if error.errno != errno.EFBIG:
                raise
            following = segment_path(self.file, self.count + 1)
            self.good = write_file(following, head(self.token, self.count + 1) + data)
            self.count += 1

    def remove(self) -> None:
        """Remove the journal and all its segments."""
        self.good, self.count = None, 0
        with contextlib.suppress(OSError):
            platform.remove(self.file)
        self._remove_segments(2)

    def _remove_segments(self, first: int) -> None:
        with contextlib.suppress(OSError):
            for item in self.file.parent.glob(f"{self.file.name}.*"):
                suffix = item.name[len(self.file.name) + 1 :]
                if suffix.isdigit() and int(suffix) >= first:
                    with contextlib.suppress(OSError):
                        platform.remove(item)
