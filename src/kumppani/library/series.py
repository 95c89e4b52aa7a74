"""Series: sessions linked by their previous session; finding one session."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Sequence

from kumppani.library.summary import SessionSummary


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
