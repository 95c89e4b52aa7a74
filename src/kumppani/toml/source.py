"""Provides reading a user's TOML file (session, template, settings): a regular file, not too big.

A path a user names, or that a folder scan finds, may be something that is not
a file: a named pipe (reading it waits for a writer that never comes), a
device (``/dev/zero`` never ends), a socket or a folder. ``read_source``
opens without blocking, asks the opened file what it is and refuses anything
but a regular file at once, with one line saying what it is. It reads at most
``size_limit()`` bytes (50 MB by default, far above any real session; the
``max_file_mb`` setting changes it), so a file that keeps growing cannot eat
the memory.

``text_of`` decodes UTF-8 and drops a leading byte order mark (Windows
Notepad and Excel write one); the bytes returned by ``read_source`` stay as
they were on disk, so a hash of them still tells whether the file changed.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from kumppani.errors import Message, WordedOSError, read_problem

DEFAULT_LIMIT_MB = 50
BOM = b"\xef\xbb\xbf"
_CHUNK = 1 << 20

_limit = DEFAULT_LIMIT_MB * 1024 * 1024

_KINDS = (
    (stat.S_ISDIR, "folder"),
    (stat.S_ISFIFO, "fifo"),
    (stat.S_ISSOCK, "socket"),
    (stat.S_ISCHR, "device"),
    (stat.S_ISBLK, "device"),
)
"""What a path may be instead of a regular file: the ``file_kind.*`` catalog key."""


class NotARegularFile(WordedOSError):
    """The path is not a regular file, or one too big to be a session; nothing was read."""


def size_limit() -> int:
    """The most bytes read from one file."""
    return _limit


def set_size_limit(megabytes: float) -> None:
    """Change the limit (the ``max_file_mb`` setting)."""
    global _limit
    _limit = max(1, int(megabytes * 1024 * 1024))


def not_regular_reason(mode: int) -> Message:
    """Why a file of this mode is not taken: a named pipe, a device, a socket …."""
    for test, name in _KINDS:
        if test(mode):
            return Message("problem.not_regular_file", kind=Message(f"file_kind.{name}"))
    return Message("problem.not_a_regular_file")


def file_problem(path: Path) -> Message | None:
    """Why ``path`` cannot be read as a session, worded as reading it would say; None if it can.

    For a command to stop with one line before it opens a screen: a missing file,
    a folder, a named pipe or a device. Only looks (``stat``): never opens, never blocks.
    """
    try:
        info = path.stat()
    except OSError as error:
        return read_problem(error)
    if stat.S_ISREG(info.st_mode):
        return None
    return read_problem(NotARegularFile(errno.EINVAL, not_regular_reason(info.st_mode), str(path)))


def read_source(path: Path, limit: int | None = None) -> bytes:
    """The bytes of the regular file ``path``; ``NotARegularFile`` (an OSError) if it is not one.

    Never blocks on a pipe and never reads more than ``limit`` (default ``size_limit()``).
    """
    limit = size_limit() if limit is None else limit
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    flags |= getattr(os, "O_BINARY", 0)
    descriptor = os.open(path, flags)
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):
            raise NotARegularFile(errno.EINVAL, not_regular_reason(info.st_mode), str(path))
        if info.st_size > limit:
            raise NotARegularFile(errno.EFBIG, _too_big(limit), str(path))
        parts: list[bytes] = []
        total = 0
        while True:
            chunk = os.read(descriptor, min(_CHUNK, limit + 1 - total))
            if not chunk:
                break
            parts.append(chunk)
            total += len(chunk)
            if total > limit:
                raise NotARegularFile(errno.EFBIG, _too_big(limit), str(path))
        return b"".join(parts)
    finally:
        os.close(descriptor)


def _too_big(limit: int) -> Message:
    return Message("problem.too_large", megabytes=limit / 1024 / 1024)


def text_of(data: bytes) -> str:
    """``data`` as UTF-8 text without a leading byte order mark.

    A ``UnicodeDecodeError`` counts its positions in ``data`` itself, mark included.
    """
    skip = len(BOM) if data.startswith(BOM) else 0
    try:
        return data[skip:].decode("utf-8")
    except UnicodeDecodeError as error:
        raise UnicodeDecodeError(
            "utf-8", data, error.start + skip, error.end + skip, error.reason
        ) from None
