"""Provides crash recovery: reads the journals left behind and rebuilds the sessions in them.

A journal (``kumppani.storage.journal``) that still exists when a session is opened
holds edits that never reached the file, unless kumppani stopped between
writing the file and compacting the journal. ``find_offer`` rebuilds the
session: from the journal's last ``whole`` record, else from the saved file,
with every later piece applied in order (each piece puts one note, one step's
fields, the win-win or one text in place, so applying one twice does no
harm). The result is read back through the file format's own checks. When it
is the same as the file on disk (apart from the time it was last changed),
there is nothing to recover and the journal is removed. Otherwise the
``RecoveryOffer`` says what there is: when the journal was written, how big
it is, how many edits it holds, the saved file's time and size, and whether
that file changed after the journal began.

Nothing here touches a session file; the user's choice is carried out by the
app (recover: the rebuilt session replaces the loaded one and autosave saves
it; open the saved file: the journal is set aside, renamed, never offered
again; discard: the journal is removed).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import socket
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from kumppani.errors import KumppaniError, Message, Words
from kumppani.fileformat import dump_session, parse_session
from kumppani.session.model import Session
from kumppani.storage import platform
from kumppani.storage.journal_disk import OnDisk, segment_path, sweep_temps
from kumppani.storage.journal_drafts import KIND as DRAFT_KIND
from kumppani.storage.journal_drafts import latest
from kumppani.storage.journal_frames import (
    STEP_FIELDS,
    STEP_TEXTS,
    base_copy_path,
    journal_folder,
    journal_paths,
    read_frames,
)
from kumppani.storage.journal_frames import SUFFIX as JOURNAL_SUFFIX
from kumppani.storage.journal_frames import read_payload as journal_table
from kumppani.toml import read as tomlread
from kumppani.toml.problems import reason
from kumppani.toml.source import read_source

ASIDE_SUFFIX = ".aside"
"""A journal the user chose not to recover but not to throw away either."""


@dataclass
class RecoveryOffer:
    """Edits found in a journal that the saved file does not have."""

    path: Path
    """The session file."""
    journal: Path
    journal_time: datetime
    journal_size: int
    edits: int
    """Recorded changes (a keystroke burst in one field counts once)."""
    file_time: datetime | None
    """When the saved file was last modified; None if it does not exist."""
    file_size: int | None
    base_differs: bool
    """The saved file is not the one the journal's edits were made on."""
    session: Session | None
    """The rebuilt session; None when it cannot be rebuilt (``problem`` says why)."""
    problem: Words | KumppaniError = ""
    """Why not: words, or the error met (said in the user's language by the dialog)."""
    drafts: dict[str, dict[str, Any]] = field(default_factory=dict)
    """Typing not yet in the session when it ended (``journal_drafts``): key → fields."""


@dataclass
class _Journal:
    head: dict[str, Any]
    records: list[tuple[str, int, bytes]]


def read_journal(file: Path) -> _Journal | None:
    """The header and records of a journal (with its segments); None if it has no header."""
    first = _read_segment(file)
    if first is None:
        return None
    head, records = first
    token, number = head.get("journal"), 2
    while token is not None:  # segments written past a file size limit, while they match
        following = _read_segment(segment_path(file, number))
        if following is None or following[0].get("journal") != token:
            break
        if following[0].get("segment") != number:
            break
        records += following[1]
        number += 1
    return _Journal(head, records)


def _read_segment(file: Path) -> tuple[dict[str, Any], list[tuple[str, int, bytes]]] | None:
    try:
        data = file.read_bytes()
    except OSError:
        return None
    frames = list(read_frames(data))
    if not frames or frames[0][0] != "head":
        return None
    try:
        head = journal_table(frames[0][2])
    except (tomlread.TOMLDecodeError, UnicodeDecodeError):
        return None
    return head, frames[1:]


def find_offer(path: Path) -> RecoveryOffer | None:
    """What the journal of ``path`` can give back; None if nothing (a stale journal is removed).

    The journal may be in the state folder or, when that could not be written, beside
    the file; if both exist the newer one holds everything.
    """
    found = []
    for file in journal_paths(path):
        with contextlib.suppress(OSError):
            found.append((file.stat().st_mtime_ns, file))
    if not found:
        return None
    return _offer(max(found)[1], Path(path))


def find_offers() -> list[RecoveryOffer]:
    """Every journal with edits to recover, newest first; those of a running kumppani skipped.

    Temporary files a killed kumppani left in the journal folder go on the way.
    """
    sweep_temps(journal_folder())
    try:
        files = [item for item in journal_folder().iterdir() if item.name.endswith(JOURNAL_SUFFIX)]
    except OSError:
        return []
    offers = []
    for file in files:
        journal = read_journal(file)
        if journal is None:
            continue
        if _owned_by_running(journal.head):
            continue
        offer = _offer(file, Path(str(journal.head.get("path", ""))), journal)
        if offer is not None:
            offers.append(offer)
    offers.sort(key=lambda offer: offer.journal_time, reverse=True)
    return offers


def discard(offer: RecoveryOffer) -> None:
    """Throw the journal's edits away (and its copy of the saved file)."""
    for file in (offer.journal, *journal_paths(offer.path)):
        OnDisk(file).remove()
    with contextlib.suppress(OSError):
        platform.remove(base_copy_path(offer.path))


def set_aside(offer: RecoveryOffer) -> Path:
    """Keep the journal under another name, never offered again; return that name."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    target = offer.journal.with_name(f"{offer.journal.stem}-{stamp}{ASIDE_SUFFIX}")
    with contextlib.suppress(FileNotFoundError):
        platform.replace(offer.journal, target)
    with contextlib.suppress(OSError):
        platform.replace(base_copy_path(offer.path), target.with_name(f"{target.name}.base"))
    return target


def _owned_by_running(head: dict[str, Any]) -> bool:
    """The journal belongs to another kumppani still running on this machine."""
    pid = head.get("pid")
    if not isinstance(pid, int) or pid == os.getpid() or head.get("host") != socket.gethostname():
        return False
    return platform.pid_alive(pid)


def _offer(file: Path, path: Path, journal: _Journal | None = None) -> RecoveryOffer | None:
    journal = journal or read_journal(file)
    if journal is None:
        with contextlib.suppress(OSError):
            file.unlink()  # a journal cut short before its header holds nothing
        return None
    info = file.stat()
    try:
        saved = read_source(path)
        saved_info: os.stat_result | None = path.stat()
    except OSError:
        saved, saved_info = None, None
    base = journal.head.get("base")
    base_sha = base.get("sha256") if isinstance(base, dict) else None
    differs = saved is not None and base_sha != hashlib.sha256(saved).hexdigest()
    session: Session | None = None
    problem: Words | KumppaniError = ""
    try:
        session = rebuild(journal, path, saved if saved is not None else _base_copy(journal, path))
    except KumppaniError as error:
        problem = error
    drafts = latest(journal.records)
    if session is not None and saved is not None and not drafts and _same(session, saved, path):
        with contextlib.suppress(OSError):
            file.unlink()
        return None
    if session is None and not problem:
        return None
    return RecoveryOffer(
        path=path,
        journal=file,
        journal_time=datetime.fromtimestamp(info.st_mtime).astimezone(),
        journal_size=info.st_size,
        edits=_edits(journal),
        file_time=(
            datetime.fromtimestamp(saved_info.st_mtime).astimezone() if saved_info else None
        ),
        file_size=saved_info.st_size if saved_info else None,
        base_differs=differs or (saved is None and base_sha is not None),
        session=session,
        problem=problem,
        drafts=drafts,
    )


def _base_copy(journal: _Journal, path: Path) -> bytes | None:
    """The journal's own copy of the saved file, if it is the one its pieces apply to."""
    base = journal.head.get("base")
    try:
        data = base_copy_path(path).read_bytes()
    except OSError:
        return None
    if not isinstance(base, dict) or hashlib.sha256(data).hexdigest() != base.get("sha256"):
        return None
    return data


def _edits(journal: _Journal) -> int:
    """How many changes the journal holds beyond its base (revisions, so typing counts).

    Only changes count: drafts (typing not yet in the session) are written with
    revision 0 and told apart by the dialog; a journal holding nothing but drafts
    after a save (its ``base_revision`` above 0) holds no change. Never negative.
    """
    revisions = [revision for kind, revision, _ in journal.records if kind != DRAFT_KIND]
    base = journal.head.get("base_revision", 0)
    return max(0, max(revisions, default=0) - (base if isinstance(base, int) else 0))


def _same(session: Session, saved: bytes, path: Path) -> bool:
    try:
        on_disk = parse_session(saved.decode("utf-8"), path)
    except (KumppaniError, UnicodeDecodeError):
        return False
    return replace(session, modified=on_disk.modified) == on_disk


class RecoveryError(KumppaniError):
    """A journal whose edits cannot be put back together."""


def rebuild(journal: _Journal, path: Path, saved: bytes | None) -> Session | None:
    """The session the journal describes; None if it records no change at all."""
    records = journal.records
    wholes = [index for index, (kind, _, _) in enumerate(records) if kind == "whole"]
    if wholes:
        start = wholes[-1]
        base_text = records[start][2].decode("utf-8", "replace")
        records = records[start + 1 :]
    elif not records:
        return None
    elif saved is None:
        raise RecoveryError(Message("problem.journal_only_changes", file=str(path)))
    else:
        base_text = saved.decode("utf-8", "replace")
    try:
        document = tomlread.loads(base_text)
    except tomlread.TOMLDecodeError as error:
        words = tomlread.syntax_problem(error, base_text).reason
        broken = Message("problem.journal_base_broken", file=str(path), reason=reason(words))
        raise RecoveryError(broken) from None
    for kind, _, payload in records:
        if kind == "op":
            apply(document, journal_table(payload))
    return parse_session(dump_session(document), path)


def apply(document: dict[str, Any], op: dict[str, Any]) -> None:
    """Put one recorded piece in place in a session document (tolerant: a gap is skipped)."""
    kind = op.get("op")
    steps = document.setdefault("steps", {})
    step = steps.setdefault(op["step"], {"status": "not_started"}) if "step" in op else None
    if step is not None and kind == "note":
        notes = step.setdefault("notes", [])
        note = op["note"]
        found = _find(notes, note.get("id"))
        if "index" in op:
            if found is not None:
                notes.pop(found)
            notes.insert(max(0, min(len(notes), op["index"])), note)
        elif found is not None:
            notes[found] = note
        else:
            notes.append(note)
    elif step is not None and kind == "note_delete":
        notes = step.get("notes", [])
        found = _find(notes, op.get("id"))
        if found is not None:
            notes.pop(found)
    elif step is not None and kind == "step":
        fields = op.get("fields", {})
        for name in STEP_FIELDS:
            if name in fields:
                step[name] = fields[name]
            else:
                step.pop(name, None)
    elif kind == "winwin":
        will = steps.setdefault("will", {"status": "not_started"})
        will["winwin"] = op.get("winwin", {})
        if not will["winwin"]:
            del will["winwin"]
    elif kind == "text" and op.get("field") in STEP_TEXTS:
        table = steps.setdefault(STEP_TEXTS[op["field"]], {"status": "not_started"})
        if op.get("value"):
            table[op["field"]] = op["value"]
        else:
            table.pop(op["field"], None)
    if "modified" in op and isinstance(document.get("session"), dict):
        document["session"]["modified"] = op["modified"]


def _find(notes: list[dict[str, Any]], note_id: object) -> int | None:
    for index, note in enumerate(notes):
        if note.get("id") == note_id:
            return index
    return None
