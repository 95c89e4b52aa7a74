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

The package is laid out by what each module holds: ``summary`` (what a scan
gives), ``records`` (a session into a plain record), ``decoding`` (records back
into summaries), ``files`` (finding the files), ``cache`` (the index cache),
``reading`` (reading many files, in worker processes), ``scan`` (the scan) and
``series`` (sessions linked by their previous session). Everything is imported
from here, ``kumppani.library``. How one file is read and how worker processes
start are parameters of ``scan_folder`` (``summarize``, ``make_pool``), so a
test passes its own instead of replacing functions here.
"""

from __future__ import annotations

from kumppani.library.cache import (
    CACHE_FOLDER,
    CACHE_FORMAT,
    CACHE_VERSION,
    RACY_NS,
    cache_file,
)
from kumppani.library.decoding import error_from_record, summary_from_record
from kumppani.library.files import session_files
from kumppani.library.reading import (
    CHUNKS_PER_WORKER,
    PARALLEL_MIN,
    NewPool,
    Progress,
    default_workers,
    new_pool,
)
from kumppani.library.records import Record, Summarize, record_of, summarize_file
from kumppani.library.scan import scan_folder
from kumppani.library.series import SeriesIndex, find_session, series_of
from kumppani.library.summary import (
    TEXT_SEPARATOR,
    ActionSummary,
    ApprovalInfo,
    IndicatorSummary,
    PreviousLink,
    ScanResult,
    SessionSummary,
    TextEntry,
    text_entries,
)

__all__ = [
    "CACHE_FOLDER",
    "CACHE_FORMAT",
    "CACHE_VERSION",
    "CHUNKS_PER_WORKER",
    "PARALLEL_MIN",
    "RACY_NS",
    "TEXT_SEPARATOR",
    "ActionSummary",
    "ApprovalInfo",
    "IndicatorSummary",
    "NewPool",
    "PreviousLink",
    "Progress",
    "Record",
    "ScanResult",
    "SeriesIndex",
    "SessionSummary",
    "Summarize",
    "TextEntry",
    "cache_file",
    "default_workers",
    "error_from_record",
    "find_session",
    "new_pool",
    "record_of",
    "scan_folder",
    "series_of",
    "session_files",
    "summarize_file",
    "summary_from_record",
    "text_entries",
]
