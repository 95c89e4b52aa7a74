"""Recognises the conflict copies that sync clients leave beside a session file.

When two people change a file in a synced folder at once, the sync client
keeps one version under the original name and the other as a copy:

- Syncthing: ``name.sync-conflict-20260312-101500-ABCDEFG.toml``;
- Nextcloud and ownCloud: ``name (conflicted copy 2026-03-12 101500).toml``;
- Dropbox: ``name (Maija's conflicted copy 2026-03-12).toml``;
- OneDrive: ``name-LAPTOP42.toml`` (the computer's name, in capitals).

A copy is recognised only when its original is in the same folder, so an
ordinary file whose name happens to end in capitals is never taken for one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kumppani.library.summary import SessionSummary

_PATTERNS = (
    re.compile(r"^(?P<stem>.+)\.sync-conflict-\d{8}-\d{6}(?:-[A-Z0-9]+)?$"),  # Syncthing
    re.compile(r"^(?P<stem>.+?) \([^()]*conflicted copy[^()]*\)$", re.IGNORECASE),  # Nc, Dropbox
    re.compile(r"^(?P<stem>.+)_conflict-\d{8}-\d{6}$"),  # ownCloud's older clients
    re.compile(r"^(?P<stem>.+)-(?P<computer>[A-Z][A-Z0-9-]{1,14})$"),  # OneDrive
)


def original_name(name: str) -> str | None:
    """The file name a sync client's conflict copy named ``name`` was copied from, if any."""
    path = Path(name)
    for pattern in _PATTERNS:
        match = pattern.match(path.stem)
        if match:
            return match.group("stem") + path.suffix
    return None


def original_of(copy: Path) -> Path | None:
    """The session file ``copy`` is a sync conflict copy of, when that file exists beside it."""
    name = original_name(copy.name)
    if name is None:
        return None
    original = copy.with_name(name)
    return original if original != copy and original.is_file() else None


def copies_by_original(files: Iterable[Path]) -> dict[Path, list[Path]]:
    """The conflict copies among ``files``, under the original each belongs to (also listed)."""
    listed = set(files)
    found: dict[Path, list[Path]] = {}
    for path in sorted(listed):
        name = original_name(path.name)
        if name is not None and (original := path.with_name(name)) in listed:
            found.setdefault(original, []).append(path)
    return found


def after_originals(
    found: list[SessionSummary], copies: dict[Path, list[Path]]
) -> list[SessionSummary]:
    """Each sync conflict copy right after its original, wherever the sort put it."""
    copied = {copy for listed in copies.values() for copy in listed}
    by_path = {summary.path: summary for summary in found}
    ordered: list[SessionSummary] = []
    for summary in found:
        if summary.path in copied:
            continue
        ordered.append(summary)
        ordered.extend(by_path[copy] for copy in copies.get(summary.path, ()) if copy in by_path)
    shown = {summary.path for summary in ordered}
    ordered.extend(summary for summary in found if summary.path not in shown)
    return ordered
