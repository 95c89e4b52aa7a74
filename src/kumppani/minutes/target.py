"""Provides where minutes may be written: never over a session, never over a stranger's file.

Every export that writes a file (``kumppani export -o``, ``e`` on home, ``e`` and
``E`` in the summary) asks ``check_target`` first, through ``put_minutes``:

* **never a session file**, not even with ``--force``: the session the minutes
  come from, a name ending ``.toml`` (a session to be), or an existing file
  that is one: it begins (within ``MARKER_BYTES``) with the session format
  marker ``format = "kumppani.session"``, which every file kumppani reads as
  a session has. A symbolic link is judged by what it leads to. Writing
  minutes there would destroy the session, so no edit lock is needed: the
  export never writes a session.
* **an existing file of anything else** is replaced only with ``force``
  (``--force``), except the *default minutes* of the session: its own name
  with a minutes extension, beside it (``round.toml`` → ``round.md``,
  ``round.docx`` …). That is where kumppani writes minutes unasked (``e``), so
  exporting again replaces the last export, as it always has. Any other name
  may be someone's own document (``README.md``, a report edited in Word).
* **not a regular file** (a folder, a device, a pipe): ``write_atomic`` refuses.
"""

from __future__ import annotations

import re
from pathlib import Path

from kumppani.errors import FileError, Message
from kumppani.storage.files import SUFFIX, link_target, write_atomic

MARKER_BYTES = 64 * 1024
"""How far into an existing file the session format marker is looked for."""

_MARKER = re.compile(rb"""^[ \t]*format[ \t]*=[ \t]*["']kumppani\.session["']""", re.MULTILINE)
"""The first key of every session file (``fileformat.encode``), in either TOML string quote."""

MINUTES_EXTENSIONS = (".md", ".markdown", ".docx", ".odt", ".html", ".htm")
"""The names a session's own minutes may have beside it (``minutes.export.EXTENSIONS``)."""


def is_session_file(path: Path) -> bool:
    """True if ``path`` (followed if a link) is a regular file carrying the session marker."""
    target = link_target(path)
    try:
        if not target.is_file():  # a pipe or a device is never opened: that could wait forever
            return False
        with target.open("rb") as stream:
            head = stream.read(MARKER_BYTES)
    except (OSError, ValueError):
        return False
    return _MARKER.search(head.removeprefix(b"\xef\xbb\xbf")) is not None


def default_minutes(target: Path, source: Path) -> bool:
    """True if ``target`` is the session's own minutes name beside it (any minutes extension)."""
    if target.suffix.lower() not in MINUTES_EXTENSIONS:
        return False
    try:
        return link_target(target).parent.resolve() == source.resolve().parent and (
            target.stem == source.stem
        )
    except (OSError, ValueError):
        return False


def _same(one: Path, other: Path) -> bool:
    try:
        return one.exists() and other.exists() and one.samefile(other)
    except (OSError, ValueError):
        return False


def check_target(
    target: Path, source: Path | None, *, force: bool = False, exists: str = "cli.export.exists"
) -> None:
    """A ``FileError`` (in the user's language) if minutes may not be written to ``target``.

    ``source`` is the session file the minutes come from (None: a session not yet saved);
    ``exists`` the catalog key that says how to replace an existing file after all.
    """
    expected = Message("cli.export.output_expected")
    if source is not None and _same(target, source):
        raise FileError(target, Message("cli.export.same_file"), expected=expected)
    suffixes = {target.suffix.lower(), link_target(target).suffix.lower()}
    if SUFFIX in suffixes or is_session_file(target):
        raise FileError(target, Message("cli.export.toml_file"), expected=expected)
    if force or not link_target(target).is_file():  # none yet, or a pipe, a device, a folder:
        return  # ``write_atomic`` says what it is and never replaces it
    if source is not None and default_minutes(target, source):
        return
    raise FileError(target, Message(exists))  # a fine name, taken: nothing else to expect


def put_minutes(
    data: bytes,
    target: Path,
    source: Path | None,
    *,
    force: bool = False,
    exists: str = "cli.export.exists",
) -> None:
    """Write the bytes of minutes to ``target`` atomically, if ``check_target`` allows it."""
    check_target(target, source, force=force, exists=exists)
    write_atomic(target, data)
