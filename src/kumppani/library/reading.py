"""Reading many files: in this process, or in a pool of worker processes.

How one file is read (``summarize``) and how a pool is made (``new_pool``) are
parameters, so a test can count the reads or take the processes away.
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from kumppani.library.files import _File
from kumppani.library.records import Record, Summarize, _summarize_chunk, summarize_file
from kumppani.storage import platform

if TYPE_CHECKING:
    from concurrent.futures import Executor, Future

PARALLEL_MIN = 16
"""Fewer files than this to read are parsed in this process: starting workers costs more."""
CHUNKS_PER_WORKER = 3
"""Chunks per worker: enough to even out uneven files, few enough to keep overhead low."""

Progress = Callable[[int, int], None]
NewPool = Callable[[int], "Executor"]
"""Makes a pool of that many worker processes: ``new_pool``, or a stand-in a test passes."""


def default_workers() -> int:
    """How many processes a cold scan uses: the cores this process may run on."""
    return platform.cpu_count()


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
    todo: Sequence[_File], done: int, total: int, progress: Progress | None, summarize: Summarize
) -> list[Record]:
    records: list[Record] = []
    step = max(1, len(todo) // 20)
    for index, found in enumerate(todo, start=1):
        records.append(summarize(found.path))
        if progress is not None and (index % step == 0 or index == len(todo)):
            progress(done + index, total)
    return records


_TRACKER_START = threading.Lock()


def _has_real_stderr() -> bool:
    """Whether ``sys.stderr`` is a file with a descriptor a child process can inherit."""
    try:
        return sys.stderr is not None and sys.stderr.fileno() >= 0
    except (AttributeError, OSError, ValueError):
        return False


def _start_resource_tracker() -> None:
    """Start multiprocessing's resource tracker with the null device as its stderr.

    A pool that does not fork starts the tracker, which hands
    ``sys.stderr.fileno()`` to its process. In the TUI, Textual's print
    capture stands in for ``sys.stderr`` and answers -1, and the start fails
    with "bad value(s) in fds_to_keep": the home screen's first scan of a
    folder of 16 files or more crashed the app. The tracker only ever writes
    warnings; they must not land on the terminal the TUI draws on either.
    """
    with _TRACKER_START:  # two scans at once must not swap sys.stderr back and forth
        if _has_real_stderr():
            return
        from multiprocessing import resource_tracker

        with open(os.devnull, "w") as null, contextlib.redirect_stderr(null):
            resource_tracker.ensure_running()


def new_pool(workers: int) -> Executor:
    """A pool of worker processes (imported here: a warm scan never needs one)."""
    from concurrent.futures import ProcessPoolExecutor

    context = _context()
    if context.get_start_method() != "fork":
        _start_resource_tracker()
    return ProcessPoolExecutor(max_workers=workers, mp_context=context)


def _read_parallel(
    todo: Sequence[_File],
    workers: int,
    done: int,
    total: int,
    progress: Progress | None,
    summarize: Summarize,
    make_pool: NewPool,
) -> list[Record]:
    from concurrent.futures import as_completed
    from concurrent.futures.process import BrokenProcessPool

    chunks = _chunks(todo, workers * CHUNKS_PER_WORKER)
    results: list[list[Record] | None] = [None] * len(chunks)
    try:
        with make_pool(workers) as pool:
            futures: dict[Future[list[Record]], int] = {
                pool.submit(
                    _summarize_chunk, [str(found.path) for found in chunk], summarize
                ): index
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
    except (BrokenProcessPool, OSError, NotImplementedError, ImportError, ValueError):
        # No processes here (a sandbox, a broken pool, a pool that cannot start):
        # the rest is read in this process.
        pass
    records: list[Record] = []
    for chunk, result in zip(chunks, results, strict=True):
        records.extend(
            result
            if result is not None
            else _summarize_chunk([str(found.path) for found in chunk], summarize)
        )
    return records


def _read(
    todo: Sequence[_File],
    workers: int | None,
    done: int,
    total: int,
    progress: Progress | None,
    summarize: Summarize = summarize_file,
    make_pool: NewPool = new_pool,
) -> list[Record]:
    count = default_workers() if workers is None else max(1, workers)
    count = min(count, max(1, len(todo) // 4))
    if count <= 1 or len(todo) < PARALLEL_MIN:
        return _read_serial(todo, done, total, progress, summarize)
    return _read_parallel(todo, count, done, total, progress, summarize, make_pool)
