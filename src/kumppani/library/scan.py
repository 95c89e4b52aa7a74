"""The scan: a folder's session files into summaries, from the cache or read afresh."""

from __future__ import annotations

import contextlib
import gc
import os
import time
from collections.abc import Iterator
from pathlib import Path

from kumppani.errors import Message, SessionFileError
from kumppani.library.cache import _Entry, _load_cache, _save_cache, cache_file
from kumppani.library.decoding import _BAD_RECORD, _outcome
from kumppani.library.files import _File, _files
from kumppani.library.reading import NewPool, Progress, _read, new_pool
from kumppani.library.records import Summarize, summarize_file
from kumppani.library.summary import ScanResult, SessionSummary


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
    summarize: Summarize = summarize_file,
    make_pool: NewPool = new_pool,
) -> ScanResult:
    """Every session file of ``folder`` as a summary, and the errors of those that fail.

    ``workers`` is the number of processes for files that must be parsed
    (default: the usable cores; 1 parses in this process). With ``cache`` the
    index in ``paths.cache_dir()`` is used and updated. ``progress(done, total)``
    is called from this thread as files are done, for a progress bar. A folder
    that cannot be listed gives an empty result; the caller checks it exists.
    ``summarize`` reads one file and ``make_pool`` starts the workers (tests
    pass their own; ``summarize`` must be a module-level function to reach a
    worker, else those files are read in this process).
    """
    with _collector_paused():
        return _scan(folder, cache, workers, recursive, progress, summarize, make_pool)


def _scan(
    folder: Path,
    cache: bool,
    workers: int | None,
    recursive: bool,
    progress: Progress | None,
    summarize: Summarize,
    make_pool: NewPool,
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
    records = (
        _read(todo, workers, cached, len(found), progress, summarize, make_pool) if todo else []
    )
    for item, record in zip(todo, records, strict=True):
        try:
            outcomes[item.key] = _outcome(item.path, record)
        except _BAD_RECORD as error:  # a bug in record_of; still only this file is skipped
            unreadable = Message("problem.unreadable", reason=str(error))
            outcomes[item.key] = SessionFileError(item.path, unreadable)
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
