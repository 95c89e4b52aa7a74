"""Provides what a failed save means to a user, and the clean-up after interrupted saves.

A save can fail because the disk is full (ENOSPC), a quota is used up
(EDQUOT), the file would grow past a size limit (EFBIG), the folder is
read-only (EROFS) or not ours to write (EACCES, EPERM), or the folder has
vanished (an unplugged USB stick, a network share gone: ENOENT, ENODEV, EIO,
ENXIO, ESTALE …), or a file stands where a folder of the path should be (ENOTDIR),
or, on Windows, another program (an antivirus, the search
indexer, a sync client such as OneDrive) kept the file open through every retry
(EBUSY, from ``platform.retry_sharing``). ``describe_save_error`` says which,
in the user's language, with the file; the old file is intact in every case
(``storage.write_atomic``).
``where_safe`` says where the changes are meanwhile: in the recovery journal,
its reserve, beside the file, or only in memory.

A save killed half-way leaves at most one temporary file in the session's
folder, named as ``storage.write_atomic`` names them, or the backup of the
file it replaced (``storage.swap.backup_path``: Windows' ``ReplaceFileW``, the
swap on Linux and macOS).
``clean_stale_temps`` removes such files once they are older than a few
minutes (a younger one may belong to a save running right now, in this or
another kumppani); a backup only when it cannot hold anyone's only copy
(``swap.removable_backup``).
"""

from __future__ import annotations

import contextlib
import errno
import re
import stat
import time
from pathlib import Path

from kumppani.errors import KumppaniError, SaveError, render
from kumppani.storage import platform, swap
from kumppani.storage.files import TEMP_PREFIX, TEMP_SUFFIX
from kumppani.storage.journal import Journal
from kumppani.text.i18n import t

STALE_SECONDS = 300.0
"""A temporary file this old is left over from an interrupted save."""

_TEMP_NAME = re.compile(re.escape(TEMP_PREFIX) + r"[A-Za-z0-9_]{8}" + re.escape(TEMP_SUFFIX))
"""``tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=TEMP_SUFFIX)``: eight random characters."""

_REASONS: dict[int, str] = {
    errno.ENOSPC: "disk_full",
    errno.EFBIG: "too_big",
    errno.EROFS: "read_only",
    errno.EACCES: "denied",
    errno.EPERM: "denied",
    errno.ENOENT: "vanished",
    errno.ENOTDIR: "not_folder",  # a file where a folder should be: not unplugged
    errno.ENODEV: "vanished",
    errno.ENXIO: "vanished",
    errno.EIO: "io",
    errno.EBUSY: "busy",
}
for _name, _reason in (("EDQUOT", "quota"), ("ESTALE", "vanished"), ("ENOMEDIUM", "vanished")):
    if hasattr(errno, _name):  # not on every platform
        _REASONS[getattr(errno, _name)] = _reason


def reason_key(error_number: int | None) -> str:
    """The catalog key of what an OS error number means for a save."""
    return "journal.reason." + _REASONS.get(error_number or 0, "other")


def describe_save_error(error: KumppaniError, language: str) -> str:
    """One line: what went wrong with which file, in ``language``; the OS's words beside it."""
    if not isinstance(error, SaveError):
        return error.describe(language)
    if error.errno is None:
        reason = render(error.reason, language)
    else:
        reason = t(reason_key(error.errno), language)
        if error.reason and reason_key(error.errno).endswith(".other"):
            reason += f" ({render(error.reason, language)})"
    return t("journal.save_failed", language, file=str(error.path), reason=reason)


def where_safe(journal: Journal | None, language: str) -> str:
    """Where the changes not in the file are now, in ``language`` (the journal's ``health``)."""
    if journal is None:
        return t("journal.safe.memory", language, reason="-")
    error = journal.last_error or (journal.aside_error if journal.health == "aside" else None)
    reason = t(reason_key(error.errno), language) if error is not None else ""
    return t(f"journal.safe.{journal.health}", language, reason=reason, file=str(journal.file))


def clean_stale_temps(folder: Path, older_than: float = STALE_SECONDS) -> list[Path]:
    """Remove the temporary files of interrupted saves from ``folder``; return them.

    Only regular files named as ``write_atomic`` names them and not modified for
    ``older_than`` seconds, and such backups that ``swap.removable_backup``
    allows; anything that cannot be read or removed is left alone.
    """
    removed: list[Path] = []
    try:
        entries = list(folder.iterdir())
    except OSError:
        return removed
    names = [entry.name for entry in entries]
    limit = time.time() - older_than
    for path in entries:
        temp = _TEMP_NAME.fullmatch(path.name) is not None
        if not temp and not swap.is_backup(path.name):
            continue
        with contextlib.suppress(OSError):
            info = path.lstat()
            if not stat.S_ISREG(info.st_mode) or info.st_mtime > limit:
                continue
            if temp:
                path.unlink()
                removed.append(path)
                continue
            # A backup keeps the date of the file it was: it may be a save's of this very
            # moment. The save lock waits for such a save (which removes it itself).
            with platform.exclusive_lock(folder):
                if path.exists() and swap.removable_backup(path, names):
                    path.unlink()
                    removed.append(path)
    return removed
