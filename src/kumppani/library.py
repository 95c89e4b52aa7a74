"""Provides the library of sessions: a folder scanned into compact summaries, fast and cached.

A secretariat folder holds years of sessions. ``scan_folder`` reads every
session file in it and keeps, per file, a ``SessionSummary``: the header
fields ``list`` shows, the searchable text ``search`` needs, and the actions
and indicators the tracker follows. Whole ``Session`` objects never leave the
worker that parsed them.

Cold, the files are parsed in parallel on every core the process may use
(``ProcessPoolExecutor``, files handed out in chunks; a worker returns plain
records, cheap to pickle). Warm, an index cache in ``paths.cache_dir()``
answers for every file whose absolute path, size and ``mtime_ns`` are as they
were, so nothing is read. A file that fails to load is reported with its file,
line and field, and skipped; its error is cached too.

The cache is JSON, one file per scanned folder. JSON rather than pickle:
loading a pickle runs whatever it names, and a cache is a file the program
did not just write; a JSON cache can only ever be wrong, never act. It is
checked entry by entry (format, version, folder, field types): anything that
does not fit is ignored and the file is read again, a cache that cannot be
read or parsed is rebuilt, and it is written atomically (a temporary file
renamed over the old one) only when something changed.

An entry is trusted only when the file's modification time is clearly older
than the moment the entry was made (by ``RACY_NS``): on a file system with
coarse timestamps (FAT, some network shares) a file saved twice within one
tick keeps its size and time, and would otherwise keep its old entry.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import hashlib
import json
import os
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from kumppani import __version__, paths
from kumppani.errors import KumppaniError, SessionFileError
from kumppani.fileformat import parse_session
from kumppani.model import Session
from kumppani.storage import read_text, write_atomic
from kumppani.vocabulary import ActionStatus, SessionStatus

if TYPE_CHECKING:
    from concurrent.futures import Executor, Future

CACHE_FORMAT = "kumppani.library-cache"
CACHE_VERSION = 3
"""Bumped whenever the record layout changes; an older cache is then rebuilt."""
CACHE_FOLDER = "library"
RACY_NS = 2_000_000_000
"""How much older than its cache entry a file must be for the entry to be trusted (2 s)."""
PARALLEL_MIN = 16
"""Fewer files than this to read are parsed in this process: starting workers costs more."""
CHUNKS_PER_WORKER = 3
"""Chunks per worker: enough to even out uneven files, few enough to keep overhead low."""

TEXT_SEPARATOR = "\x00"
"""Separates the parts of a session's searchable text when stored as one string.

One string per session parses twice as fast as a list of small ones. A NUL in a
text (possible through a TOML escape) becomes U+FFFD: it is a control character
that no terminal shows and no one searches for.
"""

Number = int | float
Record = dict[str, Any]
Progress = Callable[[int, int], None]


# ---------------------------------------------------------------------------
# What a scan gives


class TextEntry(NamedTuple):
    """One searchable piece of text of a session."""

    step: str
    """The step key it belongs to (``overall`` … ``followup``)."""
    field: str
    """What it is: ``note``, ``conclusion``, ``winwin.state_gains``, ``action.title`` …"""
    text: str
    ref: str = ""
    """The id of the note, action or indicator it belongs to, if any."""


class ActionSummary(NamedTuple):
    """An action as a session states it, enough to track it.

    A named tuple, as ``IndicatorSummary``: a warm scan makes thousands, and a
    tuple is made several times faster than a frozen dataclass.
    """

    id: str
    title: str
    status: ActionStatus
    due: dt.date | None = None
    owner: str = ""
    responsible: tuple[str, ...] = ()
    parties: tuple[str, ...] = ()
    """Party keys: the owner's party and those of participants whose organisation is
    responsible (so ``--party city`` finds what the city answers for)."""
    last_change: dt.date | None = None
    """The date of the latest status change in the action's history."""

    def is_overdue(self, today: dt.date) -> bool:
        """Open and due before ``today``."""
        return self.status.is_open and self.due is not None and self.due < today


class IndicatorSummary(NamedTuple):
    """An indicator as a session states it, with its dated readings."""

    id: str
    name: str
    unit: str = ""
    baseline: Number | None = None
    target: Number | None = None
    owner: str = ""
    readings: tuple[tuple[dt.date, Number], ...] = ()


@dataclass(frozen=True)
class PreviousLink:
    """The link to the previous session of a series, as stored."""

    id: str
    file: str = ""
    title: str = ""


@dataclass(frozen=True)
class ApprovalInfo:
    """Who approved the minutes and when."""

    by: str
    at: dt.datetime


@dataclass(frozen=True)
class SessionSummary:
    """What the library keeps of one session file."""

    path: Path
    """The file, as found under the scanned folder (the folder as it was given)."""
    id: str
    title: str
    theme: str = ""
    date: dt.date | None = None
    start_time: dt.time | None = None
    status: SessionStatus = SessionStatus.DRAFT
    language: str = "fi"
    template_id: str = "partnership"
    parties: tuple[str, ...] = ()
    """Party keys of the participants present, in roster order, each once."""
    participant_count: int = 0
    previous: PreviousLink | None = None
    created: dt.datetime | None = None
    modified: dt.datetime | None = None
    approval: ApprovalInfo | None = None
    note_count: int = 0
    highlight_count: int = 0
    text_blob: str = field(default="", repr=False)
    """The searchable texts as stored: ``text_data`` joined with ``TEXT_SEPARATOR``."""
    actions: tuple[ActionSummary, ...] = field(default=(), repr=False)
    indicators: tuple[IndicatorSummary, ...] = field(default=(), repr=False)

    @cached_property
    def text_data(self) -> tuple[str, ...]:
        """The searchable texts, flat: step, field, text, ref, step, field, … (see ``texts``)."""
        return tuple(self.text_blob.split(TEXT_SEPARATOR)) if self.text_blob else ()

    @property
    def texts(self) -> tuple[TextEntry, ...]:
        """Every searchable text of the session: notes, conclusions, actions, messages …"""
        data = self.text_data
        return tuple(TextEntry(*data[index : index + 4]) for index in range(0, len(data), 4))

    @property
    def action_count(self) -> int:
        """How many actions the session holds."""
        return len(self.actions)

    @property
    def indicator_count(self) -> int:
        """How many indicators the session holds."""
        return len(self.indicators)

    @property
    def open_action_count(self) -> int:
        """How many of its actions are still open."""
        return sum(1 for action in self.actions if action.status.is_open)


@dataclass
class ScanResult:
    """The sessions of a folder, the files that failed, and how much was read."""

    summaries: list[SessionSummary]
    """One per readable session file, in file name order."""
    errors: list[SessionFileError]
    """One per file that failed to load, located (file, line, field), in file name order."""
    read: int = 0
    """How many files were parsed in this scan (the rest came from the cache)."""
    cached: int = 0
    """How many files the cache answered for."""


# ---------------------------------------------------------------------------
# Reading one file: a session into a plain record (JSON-ready, cheap to pickle)


def _day(value: dt.date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _owner_parties(session: Session, owner: str, responsible: Sequence[str]) -> list[str]:
    """The parties of the owner (a participant's name) and of the responsible organisations."""
    owner_key = owner.strip().casefold()
    bodies = {name.strip().casefold() for name in responsible if name.strip()}
    found: list[str] = []
    for person in session.participants:
        if not person.party or person.party in found:
            continue
        named = owner_key and person.name.strip().casefold() == owner_key
        if named or (bodies and person.organisation.strip().casefold() in bodies):
            found.append(person.party)
    return found


def record_of(session: Session) -> Record:
    """The record the library keeps of a session (plain JSON types only)."""
    texts: list[str] = []

    def add(entry: tuple[str, str, str, str]) -> None:
        for part in entry:
            texts.append(part.replace(TEXT_SEPARATOR, "\ufffd") if TEXT_SEPARATOR in part else part)

    note_count = highlight_count = 0
    for step in session.steps:
        for note in step.notes:
            add((step.key, "note", note.text, note.id))
            note_count += 1
            highlight_count += note.highlight
        if step.conclusion:
            add((step.key, "conclusion", step.conclusion, ""))
    winwin = session.winwin
    for name in ("state_gains", "city_gains", "incentives", "disincentives"):
        value = getattr(winwin, name)
        if value:
            add(("will", f"winwin.{name}", value, ""))
    actions: list[list[Any]] = []
    for action in session.actions:
        for name in ("title", "description", "rationale"):
            value = getattr(action, name)
            if value:
                add(("solutions", f"action.{name}", value, action.id))
        last = max((change.on for change in action.history), default=None)
        actions.append(
            [
                action.id,
                action.title,
                action.status.value,
                _day(action.due),
                action.owner,
                list(action.responsible),
                _owner_parties(session, action.owner, action.responsible),
                _day(last),
            ]
        )
    if session.shared_message:
        add(("solutions", "shared_message", session.shared_message, ""))
    indicators: list[list[Any]] = []
    for indicator in session.indicators:
        add(("followup", "indicator.name", indicator.name, indicator.id))
        readings = sorted(indicator.readings, key=lambda reading: reading.on)
        indicators.append(
            [
                indicator.id,
                indicator.name,
                indicator.unit,
                indicator.baseline,
                indicator.target,
                indicator.owner,
                [part for reading in readings for part in (reading.on.isoformat(), reading.value)],
            ]
        )
    if session.followup_plan:
        add(("followup", "followup_plan", session.followup_plan, ""))
    parties: list[str] = []
    for person in session.participants:
        if person.present and person.party and person.party not in parties:
            parties.append(person.party)
    previous = session.previous
    approval = session.approval
    return {
        "id": session.id,
        "title": session.title,
        "theme": session.theme,
        "date": _day(session.date),
        "start": session.start_time.isoformat() if session.start_time else None,
        "status": session.status.value,
        "language": session.language,
        "template": session.template_id,
        "parties": parties,
        "participants": len(session.participants),
        "previous": [previous.id, previous.file, previous.title] if previous else None,
        "created": session.created.isoformat(),
        "modified": session.modified.isoformat(),
        "approval": [approval.by, approval.at.isoformat()] if approval else None,
        "notes": note_count,
        "highlights": highlight_count,
        "texts": TEXT_SEPARATOR.join(texts),
        "actions": actions,
        "indicators": indicators,
    }


def _error_record(error: SessionFileError) -> Record:
    return {
        "message": error.message,
        "line": error.line,
        "column": error.column,
        "field": error.field,
        "expected": error.expected,
    }


def summarize_file(path: Path) -> Record:
    """Read and check one session file: its record, or ``{"error": …}`` saying what is wrong.

    Never raises for a bad file: whatever goes wrong is the file's error, so one
    file can never stop a scan.
    """
    try:
        text, _ = read_text(path)
        return record_of(parse_session(text, path))
    except SessionFileError as error:
        return {"error": _error_record(error)}
    except Exception as error:  # a file that trips an unexpected fault is still only skipped
        message = f"could not be read: {type(error).__name__}: {error}"
        return {"error": {"message": message}}


def _summarize_chunk(names: list[str]) -> list[Record]:
    """A worker's job: the records of a chunk of files."""
    return [summarize_file(Path(name)) for name in names]


# ---------------------------------------------------------------------------
# Records back into summaries (also the check of what the cache holds)


def _text(value: Any) -> str:
    if type(value) is not str:
        raise TypeError("text expected")
    return value


def _maybe_text(value: Any) -> str | None:
    return None if value is None else _text(value)


def _count(value: Any) -> int:
    if type(value) is not int or value < 0:
        raise TypeError("count expected")
    return value


def _number(value: Any) -> Number | None:
    if value is None:
        return None
    if type(value) not in (int, float):
        raise TypeError("number expected")
    number: Number = value
    return number


def _date(value: Any) -> dt.date | None:
    return None if value is None else dt.date.fromisoformat(_text(value))


def _instant(value: Any) -> dt.datetime:
    moment = dt.datetime.fromisoformat(_text(value))
    if moment.tzinfo is None:
        raise ValueError("offset expected")
    return moment


def _texts(value: Any) -> tuple[str, ...]:
    if type(value) is not list or not set(map(type, value)) <= {str}:
        raise TypeError("list of text expected")
    return tuple(value)


def _items(value: Any) -> list[Any]:
    if type(value) is not list:
        raise TypeError("list expected")
    return value


def _text_blob(value: Any) -> str:
    """Searchable texts joined: empty, or a multiple of four parts."""
    if type(value) is not str or (value and (value.count(TEXT_SEPARATOR) + 1) % 4):
        raise TypeError("texts expected")
    return value


_ACTION_STATUSES = {status.value: status for status in ActionStatus}
_SESSION_STATUSES = {status.value: status for status in SessionStatus}


def _action(item: Any) -> ActionSummary:
    ident, title, status, due, owner, responsible, parties, last = _items(item)
    if type(ident) is not str or type(title) is not str or type(owner) is not str:
        raise TypeError("action expected")
    return ActionSummary(
        ident,
        title,
        _ACTION_STATUSES[status],
        None if due is None else dt.date.fromisoformat(due),
        owner,
        _texts(responsible),
        _texts(parties),
        None if last is None else dt.date.fromisoformat(last),
    )


def _readings(value: Any) -> tuple[tuple[dt.date, Number], ...]:
    """Readings stored flat: day, value, day, value …"""
    if type(value) is not list or len(value) % 2:
        raise TypeError("readings expected")
    days, numbers = value[0::2], value[1::2]
    if not set(map(type, days)) <= {str} or not set(map(type, numbers)) <= {int, float}:
        raise TypeError("readings expected")
    return tuple(zip(map(dt.date.fromisoformat, days), numbers, strict=True))


def _indicator(item: Any) -> IndicatorSummary:
    ident, name, unit, baseline, target, owner, readings = _items(item)
    if type(ident) is not str or type(name) is not str:
        raise TypeError("indicator expected")
    if type(unit) is not str or type(owner) is not str:
        raise TypeError("indicator expected")
    return IndicatorSummary(
        ident, name, unit, _number(baseline), _number(target), owner, _readings(readings)
    )


def summary_from_record(path: Path, record: Record) -> SessionSummary:
    """The summary a record describes; TypeError/ValueError/… if it is not well formed."""
    previous = record["previous"]
    approval = record["approval"]
    start = _maybe_text(record["start"])
    link = None
    if previous is not None:
        ident, file, title = _items(previous)
        link = PreviousLink(_text(ident), _text(file), _text(title))
    approved = None
    if approval is not None:
        by, at = _items(approval)
        approved = ApprovalInfo(_text(by), _instant(at))
    return SessionSummary(
        path=path,
        id=_text(record["id"]),
        title=_text(record["title"]),
        theme=_text(record["theme"]),
        date=_date(record["date"]),
        start_time=dt.time.fromisoformat(start) if start is not None else None,
        status=_SESSION_STATUSES[record["status"]],
        language=_text(record["language"]),
        template_id=_text(record["template"]),
        parties=_texts(record["parties"]),
        participant_count=_count(record["participants"]),
        previous=link,
        created=_instant(record["created"]),
        modified=_instant(record["modified"]),
        approval=approved,
        note_count=_count(record["notes"]),
        highlight_count=_count(record["highlights"]),
        text_blob=_text_blob(record["texts"]),
        actions=tuple(_action(item) for item in _items(record["actions"])),
        indicators=tuple(_indicator(item) for item in _items(record["indicators"])),
    )


def error_from_record(path: Path, record: Record) -> SessionFileError:
    """The located error a record describes; TypeError/… if it is not well formed."""
    line, column = record.get("line"), record.get("column")
    return SessionFileError(
        path,
        _text(record["message"]),
        line=None if line is None else _count(line),
        column=None if column is None else _count(column),
        field=_maybe_text(record.get("field")),
        expected=_maybe_text(record.get("expected")),
    )


_BAD_RECORD = (KeyError, TypeError, ValueError, AttributeError)
"""What a record that does not fit raises while it is turned back into a summary."""


def _outcome(path: Path, record: Any) -> SessionSummary | SessionFileError:
    if type(record) is not dict:
        raise TypeError("record expected")
    error = record.get("error")
    if error is not None:
        if type(error) is not dict:
            raise TypeError("error record expected")
        return error_from_record(path, error)
    return summary_from_record(path, record)


# ---------------------------------------------------------------------------
# Finding the files


@dataclass(frozen=True)
class _File:
    path: Path
    """As shown: under the folder as it was given."""
    key: str
    """The absolute path: the cache key."""
    size: int
    mtime_ns: int


def session_files(folder: Path, *, recursive: bool = False) -> list[Path]:
    """The session files in ``folder``: ``*.toml``, not hidden (so no temporary files)."""
    return [found.path for found in _files(folder, recursive=recursive)]


def _files(folder: Path, *, recursive: bool) -> list[_File]:
    base = os.path.abspath(folder)
    found: list[_File] = []

    def visit(shown: Path, absolute: str) -> None:
        try:
            entries = sorted(os.scandir(absolute), key=lambda entry: entry.name)
        except OSError:
            return
        for entry in entries:
            if entry.name.startswith("."):
                continue
            try:
                if recursive and entry.is_dir():
                    visit(shown / entry.name, entry.path)
                elif entry.name.endswith(paths.SESSION_SUFFIX) and entry.is_file():
                    info = entry.stat()
                    found.append(
                        _File(shown / entry.name, entry.path, info.st_size, info.st_mtime_ns)
                    )
            except OSError:
                continue  # gone or unreadable between listing and stat: not a session now

    visit(folder, base)
    return found


# ---------------------------------------------------------------------------
# The cache


def cache_file(folder: Path, *, recursive: bool = False) -> Path:
    """Where the index of ``folder`` is cached."""
    key = f"{os.path.abspath(folder)}\0{int(recursive)}"
    digest = hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:24]
    return paths.cache_dir() / CACHE_FOLDER / f"{digest}.json"


@dataclass
class _Entry:
    size: int
    mtime_ns: int
    checked_ns: int
    record: Any

    def fits(self, found: _File) -> bool:
        return (
            self.size == found.size
            and self.mtime_ns == found.mtime_ns
            and found.mtime_ns < self.checked_ns - RACY_NS
        )


def _load_cache(where: Path, folder: str) -> dict[str, _Entry]:
    """The entries of the cache file; nothing if it is missing, unreadable or not ours."""
    try:
        document = json.loads(where.read_bytes())
    except (OSError, ValueError, RecursionError):
        return {}
    if (
        type(document) is not dict
        or document.get("format") != CACHE_FORMAT
        or document.get("version") != CACHE_VERSION
        or document.get("kumppani") != __version__
        or document.get("folder") != folder
        or type(document.get("entries")) is not dict
    ):
        return {}
    entries: dict[str, _Entry] = {}
    for key, value in document["entries"].items():
        if type(value) is not list or len(value) != 4:
            continue
        size, mtime_ns, checked_ns, record = value
        if all(type(number) is int for number in (size, mtime_ns, checked_ns)):
            entries[key] = _Entry(size, mtime_ns, checked_ns, record)
    return entries


def _save_cache(where: Path, folder: str, entries: dict[str, _Entry]) -> None:
    """Write the cache atomically; a cache that cannot be written is only a slower next scan."""
    document = {
        "format": CACHE_FORMAT,
        "version": CACHE_VERSION,
        "kumppani": __version__,
        "folder": folder,
        "entries": {
            key: [entry.size, entry.mtime_ns, entry.checked_ns, entry.record]
            for key, entry in entries.items()
        },
    }
    data = json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode(
        "utf-8", "surrogatepass"
    )
    with contextlib.suppress(OSError, KumppaniError):
        paths.ensure_dir(where.parent)
        write_atomic(where, data)


# ---------------------------------------------------------------------------
# Reading many files


def default_workers() -> int:
    """How many processes a cold scan uses: the cores this process may run on."""
    with contextlib.suppress(AttributeError, OSError):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


def _context() -> Any:
    """How workers start: a fork where it is safe (one thread) and cheap, else the default.

    Forking a process that runs threads (the TUI) can copy a held lock into the
    child, so then a clean start is used.
    """
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    if "forkserver" in methods:
        return multiprocessing.get_context("forkserver")
    return multiprocessing.get_context()


def _chunks(items: Sequence[_File], count: int) -> list[list[_File]]:
    size = max(1, -(-len(items) // count))
    return [list(items[start : start + size]) for start in range(0, len(items), size)]


def _read_serial(
    todo: Sequence[_File], done: int, total: int, progress: Progress | None
) -> list[Record]:
    records: list[Record] = []
    step = max(1, len(todo) // 20)
    for index, found in enumerate(todo, start=1):
        records.append(summarize_file(found.path))
        if progress is not None and (index % step == 0 or index == len(todo)):
            progress(done + index, total)
    return records


def _new_pool(workers: int) -> Executor:
    """A pool of worker processes (imported here: a warm scan never needs one)."""
    from concurrent.futures import ProcessPoolExecutor

    return ProcessPoolExecutor(max_workers=workers, mp_context=_context())


def _read_parallel(
    todo: Sequence[_File], workers: int, done: int, total: int, progress: Progress | None
) -> list[Record]:
    from concurrent.futures import as_completed
    from concurrent.futures.process import BrokenProcessPool

    chunks = _chunks(todo, workers * CHUNKS_PER_WORKER)
    results: list[list[Record] | None] = [None] * len(chunks)
    try:
        with _new_pool(workers) as pool:
            futures: dict[Future[list[Record]], int] = {
                pool.submit(_summarize_chunk, [str(found.path) for found in chunk]): index
                for index, chunk in enumerate(chunks)
            }
            try:
                for future in as_completed(futures):
                    index = futures[future]
                    with contextlib.suppress(Exception):
                        results[index] = future.result()
                    done += len(chunks[index])
                    if progress is not None:
                        progress(done, total)
            except BaseException:
                for future in futures:
                    future.cancel()
                raise
    except (BrokenProcessPool, OSError, NotImplementedError, ImportError):
        pass  # no processes here (a sandbox, a broken pool): the rest is read in this process
    records: list[Record] = []
    for chunk, result in zip(chunks, results, strict=True):
        records.extend(
            result if result is not None else _summarize_chunk([str(found.path) for found in chunk])
        )
    return records


def _read(
    todo: Sequence[_File], workers: int | None, done: int, total: int, progress: Progress | None
) -> list[Record]:
    count = default_workers() if workers is None else max(1, workers)
    count = min(count, max(1, len(todo) // 4))
    if count <= 1 or len(todo) < PARALLEL_MIN:
        return _read_serial(todo, done, total, progress)
    return _read_parallel(todo, count, done, total, progress)


# ---------------------------------------------------------------------------
# The scan


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cycle collector while many small objects are built that hold no cycles.

    Loading the index makes hundreds of thousands of strings, lists and tuples;
    the collector would rescan them again and again (a third of a warm scan).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def scan_folder(
    folder: Path,
    *,
    cache: bool = True,
    workers: int | None = None,
    recursive: bool = False,
    progress: Progress | None = None,
) -> ScanResult:
    """Every session file of ``folder`` as a summary, and the errors of those that fail.

    ``workers`` is the number of processes for files that must be parsed
    (default: the usable cores; 1 parses in this process). With ``cache`` the
    index in ``paths.cache_dir()`` is used and updated. ``progress(done, total)``
    is called from this thread as files are done, for a progress bar. A folder
    that cannot be listed gives an empty result; the caller checks it exists.
    """
    with _collector_paused():
        return _scan(folder, cache, workers, recursive, progress)


def _scan(
    folder: Path, cache: bool, workers: int | None, recursive: bool, progress: Progress | None
) -> ScanResult:
    started = time.time_ns()
    found = _files(folder, recursive=recursive)
    base = os.path.abspath(folder)
    where = cache_file(folder, recursive=recursive)
    stored = _load_cache(where, base) if cache else {}
    outcomes: dict[str, SessionSummary | SessionFileError] = {}
    kept: dict[str, _Entry] = {}
    todo: list[_File] = []
    for item in found:
        entry = stored.get(item.key)
        if entry is not None and entry.fits(item):
            try:
                outcomes[item.key] = _outcome(item.path, entry.record)
                kept[item.key] = entry
                continue
            except _BAD_RECORD:
                pass
        todo.append(item)
    cached = len(kept)
    if progress is not None:
        progress(cached, len(found))
    records = _read(todo, workers, cached, len(found), progress) if todo else []
    for item, record in zip(todo, records, strict=True):
        try:
            outcomes[item.key] = _outcome(item.path, record)
        except _BAD_RECORD as error:  # a bug in record_of; still only this file is skipped
            outcomes[item.key] = SessionFileError(item.path, f"could not be summarised: {error}")
            continue
        kept[item.key] = _Entry(item.size, item.mtime_ns, started, record)
    if cache and (todo or kept.keys() != stored.keys()):
        _save_cache(where, base, {item.key: kept[item.key] for item in found if item.key in kept})
    summaries: list[SessionSummary] = []
    errors: list[SessionFileError] = []
    for item in found:
        outcome = outcomes[item.key]
        if isinstance(outcome, SessionFileError):
            errors.append(outcome)
        else:
            summaries.append(outcome)
    return ScanResult(summaries, errors, read=len(todo), cached=cached)


# ---------------------------------------------------------------------------
# Series: sessions linked by their previous session


def _by_id(summaries: Iterable[SessionSummary]) -> dict[str, list[SessionSummary]]:
    index: dict[str, list[SessionSummary]] = {}
    for summary in summaries:
        index.setdefault(summary.id, []).append(summary)
    return index


def _previous_ids(
    summary: SessionSummary,
    index: dict[str, list[SessionSummary]],
    by_path: dict[str, SessionSummary],
) -> list[str]:
    """The id the link names if that session is known, else the session its file names."""
    link = summary.previous
    if link is None:
        return []
    if link.id in index:
        return [link.id]
    if link.file:
        target = os.path.normpath(os.path.join(os.path.dirname(summary.path), link.file))
        other = by_path.get(target)
        if other is not None:
            return [other.id]
    return [link.id]


class SeriesIndex:
    """Which sessions belong together, and the order within each series."""

    def __init__(self, summaries: Sequence[SessionSummary]) -> None:
        self.summaries = list(summaries)
        self.index = _by_id(self.summaries)
        by_path = {os.path.normpath(summary.path): summary for summary in self.summaries}
        self.parent: dict[str, str] = {}
        self.links: dict[str, list[str]] = {}
        for summary in self.summaries:
            for previous in _previous_ids(summary, self.index, by_path):
                if previous == summary.id:
                    continue
                self.parent.setdefault(summary.id, previous)
                self.links.setdefault(summary.id, []).append(previous)
                self.links.setdefault(previous, []).append(summary.id)
        self._roots: dict[str, str] = {}
        self._depths: dict[str, int] = {}
        self._days: dict[str, dt.date | None] = {}

    def members(self, session_id: str) -> set[str]:
        """The ids of every session linked to ``session_id``, backwards or forwards."""
        seen = {session_id}
        stack = [session_id]
        while stack:
            for other in self.links.get(stack.pop(), ()):
                if other not in seen:
                    seen.add(other)
                    stack.append(other)
        return seen

    def key(self, session_id: str) -> str:
        """One id that stands for the whole series (the same for every member)."""
        if session_id not in self._roots:
            group = self.members(session_id)
            root = min(group)
            for member in group:
                self._roots[member] = root
        return self._roots[session_id]

    def ancestors(self, session_id: str) -> list[str]:
        """``session_id``, its previous session, that one's previous … (no cycles)."""
        chain = [session_id]
        while (previous := self.parent.get(chain[-1])) is not None and previous not in chain:
            chain.append(previous)
        return chain

    def depth(self, session_id: str) -> int:
        """How many previous sessions lead to this one."""
        if session_id not in self._depths:
            self._depths[session_id] = len(self.ancestors(session_id)) - 1
        return self._depths[session_id]

    def effective_date(self, summary: SessionSummary) -> dt.date | None:
        """The session's date, or without one the latest date among its previous sessions."""
        if summary.date is not None:
            return summary.date
        if summary.id not in self._days:
            day: dt.date | None = None
            for ancestor in self.ancestors(summary.id)[1:]:
                dated = [item.date for item in self.index.get(ancestor, ()) if item.date]
                if dated:
                    day = max(dated)
                    break
            self._days[summary.id] = day
        return self._days[summary.id]

    def order(self, summary: SessionSummary) -> tuple[dt.date, int, dt.datetime, str]:
        """A sort key, earliest first: date, then place in the chain, then last change."""
        day = self.effective_date(summary) or dt.date.min
        modified = summary.modified or dt.datetime.min.replace(tzinfo=dt.UTC)
        return (day, self.depth(summary.id), modified, str(summary.path))

    def series(self, session_id: str) -> list[SessionSummary]:
        """Every session of the series of ``session_id``, by date (undated ones by chain)."""
        group = self.members(session_id)
        found = [summary for summary in self.summaries if summary.id in group]
        return sorted(found, key=self.order)


def series_of(summaries: Sequence[SessionSummary], session_id: str) -> list[SessionSummary]:
    """The sessions linked to ``session_id`` through ``previous``, ordered by date.

    A series is every session reachable through the links in either direction,
    branches included; an empty list if no summary has that id.
    """
    if not any(summary.id == session_id for summary in summaries):
        return []
    return SeriesIndex(summaries).series(session_id)


def find_session(summaries: Sequence[SessionSummary], wanted: str) -> SessionSummary | None:
    """The session with id ``wanted``, or whose file is ``wanted`` (a name or a path)."""
    for summary in summaries:
        if summary.id == wanted:
            return summary
    target = os.path.abspath(wanted)
    for summary in summaries:
        if summary.path.name == wanted or os.path.abspath(summary.path) == target:
            return summary
    return None


def iter_texts(summaries: Iterable[SessionSummary]) -> Iterator[tuple[SessionSummary, TextEntry]]:
    """Every searchable text of every session, in order."""
    for summary in summaries:
        data = summary.text_data
        for index in range(0, len(data), 4):
            yield summary, TextEntry(*data[index : index + 4])
