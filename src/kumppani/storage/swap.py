"""Provides the save that sees what it replaced: no outside change is lost between check and write.

``conflicts.checked_write`` compares the file with what was loaded, then
writes. An editor that does not take kumppani's lock could write in between
(a window of about a millisecond): 9 of 300 racing outside writes were lost
that way. Here the new file is not renamed over the old one but *swapped*
with it in one step (Linux ``renameat2(RENAME_EXCHANGE)``, macOS
``renamex_np(RENAME_SWAP)``): the file that was replaced is still there under
the new file's name, and is compared with what was expected. If it differs, an
outside change landed in the window: the swap is undone (theirs is in place
again, ours was never visible to anyone but a reader in those microseconds)
and ``ConflictError`` is raised. That name is a ``backup_path`` carrying both
hashes (the expected one and the save's own), given just before the swap: a
save killed between the swap and the compare leaves the replaced file under
it, and the clean-up of a later open removes it only when it holds one of those
two (``removable_backup``); anything else there is an outside change, kept.

A program that had the old file open before the swap and writes into it
afterwards writes into a file that no longer has a name. The replaced file
is therefore kept open (``_kept``) until the next save of that path, which
first compares it again: a change found there is put back in place and
reported as a conflict, at the latest at the next save.

Windows has no swap but ``ReplaceFileW`` (``platform.replace_keeping``): the new
file takes the name while the old one is moved, in the same call, to a backup
name beside it (``backup_path``). The backup is compared the same way; a
difference puts it back in place (theirs) and is the same conflict. A match
removes it at once; it is not kept open for a later look, because on Windows
(a) a program holding the file open without ``FILE_SHARE_DELETE`` (the C
library's and Python's ``open``, most editors) makes ``ReplaceFileW`` fail
(retried, then reported as "held open by another program"), so the late writer
above can only be one that opened it sharing deletion; (b) a backup held open
by us could not be deleted until the next save, so one would sit beside every
session being edited, shown in Explorer (a dot name hides nothing there) and
uploaded by OneDrive. A save killed between the replace and the compare leaves
the backup; ``removable_backup`` says when a later clean-up may delete it.

Where neither is available (a file system without it), the replace is the
usual one and only the check before it runs: there the window of about a
millisecond remains.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import secrets
from collections.abc import Collection
from pathlib import Path

from kumppani.storage import platform
from kumppani.storage.files import TEMP_PREFIX, link_target

BACKUP_SUFFIX = ".replaced"
_BACKUP_NAME = re.compile(
    re.escape(TEMP_PREFIX)
    + r"([0-9a-f]{16})-([0-9a-f]{8})-[0-9a-f]{8}(?:-([0-9a-f]{16}))?"
    + re.escape(BACKUP_SUFFIX)
)
"""``backup_path``: the expected hash, the target's name tag, eight random characters and,
for a swap, the hash of the save's own bytes."""

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
    """A ``put`` for ``write_atomic`` that swaps (Windows: replaces keeping a backup), then
    checks the file it replaced.

    ``collided`` is True afterwards when that file was not the expected one: the swap
    was undone (the backup put back), nothing of ours is in place, and the caller
    reports the conflict.
    """

    def __init__(self, expected_sha: str, ours_sha: str | None = None) -> None:
        self.expected_sha = expected_sha
        self.ours_sha = ours_sha
        """The hash of the bytes this save writes (read back from the file when not given)."""
        self.collided = False

    def __call__(self, temp: Path, path: Path) -> None:
        if not path.exists():
            platform.replace(temp, path)
        elif self._replace_keeping(temp, path):
            return  # Windows: replaced and checked
        else:
            self._swap(temp, path)

    def _swap(self, temp: Path, path: Path) -> None:
        """Linux, macOS: swap under a name that says what the file there may hold, then check.

        Before the swap the new file is renamed to ``backup_path`` with both hashes: after
        it, the replaced file is under that name, and a save killed before its compare
        leaves it there, for ``removable_backup`` to judge (never a plain temporary file,
        which the clean-up removes unread).
        """
        ours = self.ours_sha or file_digest(temp)
        named = backup_path(path, self.expected_sha, ours)
        os.rename(temp, named)
        try:
            swapped = platform.exchange(named, path)
            if not swapped:
                platform.replace(named, path)  # no swap on this file system: the plain rename
        except BaseException:
            with contextlib.suppress(OSError):
                named.unlink()  # not swapped: it holds ours, which the caller still has
            raise
        if swapped:
            self._check_swapped(named, path)

    def _check_swapped(self, temp: Path, path: Path) -> None:
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

    def _replace_keeping(self, temp: Path, path: Path) -> bool:
        """Windows: ``ReplaceFileW`` keeping the replaced file as a backup, then its check."""
        backup = backup_path(path, self.expected_sha)
        try:
            if not platform.replace_keeping(temp, path, backup):
                return False
        except OSError:
            # The old file could not go back (someone's file took the name meanwhile): a
            # backup holding just what was expected is nobody's only copy (see below).
            with contextlib.suppress(OSError):
                if path.exists() and removable_backup(backup, [path.name]):
                    platform.remove(backup)
            raise
        self._check_backup(path, backup)
        return True

    def _check_backup(self, path: Path, backup: Path) -> None:
        """After ``ReplaceFileW``: theirs back in place if the replaced file was not expected."""
        try:
            replaced = file_digest(backup)
        except OSError:
            platform.replace(backup, path)  # what was replaced is unknown: it goes back
            raise  # and the save fails (the autosave tries again)
        if replaced != self.expected_sha:
            platform.replace(backup, path)  # theirs back in place; ours is gone with it
            self.collided = True
            return
        with contextlib.suppress(OSError):  # held: a later open's clean-up removes it
            platform.remove(backup)


def file_digest(path: Path) -> str:
    """The sha256 of the file at ``path`` (retried while Windows reports it held open)."""
    return hashlib.sha256(platform.retry_sharing(path.read_bytes)).hexdigest()


def _name_tag(name: str) -> str:
    return hashlib.sha256(name.casefold().encode("utf-8", "surrogatepass")).hexdigest()[:8]


def backup_path(path: Path, expected_sha: str, ours_sha: str | None = None) -> Path:
    """A hidden-ish name beside ``path`` for the file a save replaces.

    It carries the hash that file should have and a tag of ``path``'s name, so a
    backup left by a killed save can be judged later without the save's memory
    (``removable_backup``), and eight random characters, so it never meets
    another backup. A swap's name (Linux, macOS) also carries ``ours_sha``, the hash
    of the save's own bytes: they are under that name until the swap. Names of
    temporary files all begin ``TEMP_PREFIX``.
    """
    tag, random = _name_tag(path.name), secrets.token_hex(4)
    ours = f"-{ours_sha[:16]}" if ours_sha else ""
    name = f"{TEMP_PREFIX}{expected_sha[:16]}-{tag}-{random}{ours}{BACKUP_SUFFIX}"
    return path.with_name(name)


def is_backup(name: str) -> bool:
    """True if ``name`` is one ``backup_path`` makes."""
    return _BACKUP_NAME.fullmatch(name) is not None


def removable_backup(backup: Path, names: Collection[str]) -> bool:
    """True if a backup left by a killed save holds nothing that could be anyone's only copy.

    That is when it holds exactly what its save expected to replace (the hash in
    its name: the version the save meant to overwrite), or, for a swap, the save's
    own bytes (killed before the swap or after undoing it: the journal has them),
    and the file it was replaced for is still among ``names`` (the folder's files).
    Any other backup may hold an outside change that landed in the window, or the
    only copy of a file whose replace was cut short: it is left where it is
    (``kept_backups`` names it). Windows shows it in Explorer (a dot does not hide
    a file there) under its ``.replaced`` name.
    """
    match = _BACKUP_NAME.fullmatch(backup.name)
    if match is None or match[2] not in {_name_tag(name) for name in names}:
        return False
    try:
        return file_digest(backup)[:16] in {match[1], match[3]}
    except OSError:
        return False


def kept_backups(path: Path) -> list[Path]:
    """The backups beside ``path``, made for it, that may hold an outside version.

    Asked after the clean-up (``save_errors.clean_stale_temps``) when a session
    opens: what is left for this file is either a save running right now or
    a version ``removable_backup`` would not remove, which the user is told of.
    """
    path = link_target(path)  # a save writes beside the file a link leads to
    try:
        entries = sorted(path.parent.iterdir())
    except OSError:
        return []
    tag = _name_tag(path.name)
    found = []
    for entry in entries:
        match = _BACKUP_NAME.fullmatch(entry.name)
        if match is not None and match[2] == tag and not removable_backup(entry, [path.name]):
            found.append(entry)
    return found


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
