"""Provides the save that sees what it replaced: no outside change is lost between check and write.

``conflicts.checked_write`` compares the file with what was loaded, then
writes. An editor that does not take kumppani's lock could write in between
(a window of about a millisecond): 9 of 300 racing outside writes were lost
that way. Here the new file is not renamed over the old one but *swapped*
with it in one step (Linux ``renameat2(RENAME_EXCHANGE)``, macOS
``renamex_np(RENAME_SWAP)``): the file that
was replaced is still there under the temporary name, and is compared with
what was expected. If it differs, an outside change landed in the window:
the swap is undone (theirs is in place again, ours was never visible to
anyone but a reader in those microseconds) and ``ConflictError`` is raised.

A program that had the old file open before the swap and writes into it
afterwards writes into a file that no longer has a name. The replaced file
is therefore kept open (``_kept``) until the next save of that path, which
first compares it again: a change found there is put back in place and
reported as a conflict, at the latest at the next save.

Where swapping is not available (``platform.exchange``: Windows, or a file
system without it), the replace is the usual one and only the check before it runs:
there the window of about a millisecond remains.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from kumppani.storage import platform
from kumppani.storage.files import link_target

_kept: dict[Path, tuple[int, str]] = {}
"""A saved path → the replaced file, kept open, and the hash it had when replaced."""


def _whole(descriptor: int) -> bytes:
    """Everything in the open file, from its start."""
    os.lseek(descriptor, 0, os.SEEK_SET)
    parts = []
    while chunk := os.read(descriptor, 1 << 20):
        parts.append(chunk)
    return b"".join(parts)


def _digest(descriptor: int) -> str:
    return hashlib.sha256(_whole(descriptor)).hexdigest()


class Swapper:
    """A ``put`` for ``write_atomic`` that swaps, then checks the file it replaced.

    ``collided`` is True afterwards when that file was not the expected one: the swap
    was undone, nothing of ours is in place, and the caller reports the conflict.
    """

    def __init__(self, expected_sha: str) -> None:
        self.expected_sha = expected_sha
        self.collided = False

    def __call__(self, temp: Path, path: Path) -> None:
        if not path.exists() or not platform.exchange(temp, path):
            platform.replace(temp, path)
            return
        descriptor = os.open(temp, os.O_RDONLY)  # the file that was in place until now
        try:
            replaced = _digest(descriptor)
            if replaced != self.expected_sha:
                platform.exchange(temp, path)  # theirs back in place
                temp.unlink()
                self.collided = True
                os.close(descriptor)
                return
            temp.unlink()
        except BaseException:
            os.close(descriptor)
            raise
        _keep(path, descriptor, replaced)


def _keep(path: Path, descriptor: int, sha: str) -> None:
    old = _kept.pop(path, None)
    if old is not None:
        os.close(old[0])
    _kept[path] = (descriptor, sha)


def forget(path: Path) -> None:
    """Stop watching the file replaced by the last save of ``path``."""
    old = _kept.pop(link_target(path), None)
    if old is not None:
        os.close(old[0])


def late_change(path: Path) -> bytes | None:
    """What was written into the file the last save of ``path`` replaced, after it did.

    None when nothing was (or nothing is watched). The watch ends here either way.
    """
    kept = _kept.pop(link_target(path), None)
    if kept is None:
        return None
    descriptor, sha = kept
    try:
        data = _whole(descriptor)
    except OSError:
        return None
    finally:
        os.close(descriptor)
    return None if hashlib.sha256(data).hexdigest() == sha else data
