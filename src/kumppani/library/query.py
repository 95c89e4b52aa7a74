"""Provides a library's sessions filtered and sorted, for ``kumppani list`` and home alike.

``LibraryFilter`` holds what the filter bar or the command line asks for
(text, date range, series, party, statuses); ``filter_summaries`` applies it
and ``sort_summaries`` orders the result by date (newest first), title,
status, file or modification time. Plain Python, tested without Textual.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from kumppani.library import SeriesIndex, SessionSummary, find_session
from kumppani.session.vocabulary import SessionStatus

SORT_KEYS: tuple[str, ...] = ("date", "title", "status")
"""The orders the home screen cycles through."""
SORTS: tuple[str, ...] = (*SORT_KEYS, "file", "modified")
"""Every order ``sort_summaries`` knows (``kumppani list --sort``)."""

STATUS_ORDER = {status.value: index for index, status in enumerate(SessionStatus)}


@dataclass(frozen=True)
class LibraryFilter:
    """What to show; an empty field does not filter."""

    text: str = ""
    """Found (case ignored) in the title, theme, notes, conclusions, actions … or file name."""
    since: dt.date | None = None
    until: dt.date | None = None
    series: str = ""
    """A session's id or file name: only the sessions of its series."""
    party: str = ""
    """A party key: only sessions where that party was present."""
    statuses: tuple[str, ...] = ()
    """Session status values: only sessions in one of them."""

    @property
    def is_empty(self) -> bool:
        """True when nothing is filtered out."""
        return self == LibraryFilter()


def text_matches(summary: SessionSummary, needle: str) -> bool:
    """True if the case-folded ``needle`` occurs in the session's title, theme, texts or file."""
    if needle in summary.title.casefold() or needle in summary.theme.casefold():
        return True
    if needle in summary.path.name.casefold():
        return True
    if needle not in summary.text_blob.casefold():
        return False
    return any(needle in entry.text.casefold() for entry in summary.texts())


def filter_summaries(
    summaries: Sequence[SessionSummary], wanted: LibraryFilter
) -> list[SessionSummary]:
    """The summaries ``wanted`` lets through, in the given order.

    An unknown series lets nothing through (the user named a session that is not there).
    """
    found = list(summaries)
    if wanted.series.strip():
        target = find_session(found, wanted.series.strip())
        if target is None:
            return []
        members = SeriesIndex(found).members(target.id)
        found = [item for item in found if item.id in members]
    if wanted.statuses:
        found = [item for item in found if item.status.value in wanted.statuses]
    if wanted.party:
        found = [item for item in found if wanted.party in item.parties]
    if wanted.since is not None:
        since = wanted.since
        found = [item for item in found if item.date is not None and item.date >= since]
    if wanted.until is not None:
        until = wanted.until
        found = [item for item in found if item.date is not None and item.date <= until]
    if needle := wanted.text.strip().casefold():
        found = [item for item in found if text_matches(item, needle)]
    return found


def _newest_first(summary: SessionSummary) -> tuple[bool, int, int, str, str]:
    day = summary.date.toordinal() if summary.date else 0
    start = summary.start_time
    minute = start.hour * 60 + start.minute if start else 0
    return (summary.date is None, -day, -minute, summary.title.casefold(), summary.path.name)


def sort_summaries(
    summaries: Sequence[SessionSummary],
    key: str = "date",
    *,
    reverse: bool = False,
    series: SeriesIndex | None = None,
) -> list[SessionSummary]:
    """``summaries`` by ``key`` (one of ``SORTS``).

    ``date`` is newest first (with ``series``: the series' own order, a
    timeline), ``title`` A–Z, ``status`` draft first, ``file`` by path,
    ``modified`` most recently changed first.
    """
    if key == "date" and series is not None:
        ordered = sorted(summaries, key=series.order)
    elif key == "title":
        ordered = sorted(summaries, key=lambda item: (item.title.casefold(), item.path.name))
    elif key == "status":
        ordered = sorted(
            summaries, key=lambda item: (STATUS_ORDER.get(item.status, 99), _newest_first(item))
        )
    elif key == "file":
        ordered = sorted(summaries, key=lambda item: str(item.path))
    elif key == "modified":
        oldest = dt.datetime.min.replace(tzinfo=dt.UTC)
        ordered = sorted(summaries, key=lambda item: item.modified or oldest, reverse=True)
    else:
        ordered = sorted(summaries, key=_newest_first)
    if reverse:
        ordered.reverse()
    return ordered
