"""Provides search across a folder of sessions: which notes, conclusions and actions say what.

The text comes from the library index (``kumppani.library``), so a search of a
folder that has not changed reads no session file. Matching is by line and
ignores case (``str.casefold``); accents count (``a`` does not find ``ä``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from kumppani.library import SessionSummary, TextEntry, iter_texts
from kumppani.vocabulary import STEP_KEYS

FIELDS: tuple[str, ...] = (
    "note",
    "conclusion",
    "winwin.state_gains",
    "winwin.city_gains",
    "winwin.incentives",
    "winwin.disincentives",
    "action.title",
    "action.description",
    "action.rationale",
    "shared_message",
    "indicator.name",
    "followup_plan",
)
"""What is searched, as ``TextEntry.field`` names it."""


@dataclass(frozen=True)
class Hit:
    """One line of one text that holds the query."""

    summary: SessionSummary
    entry: TextEntry
    line: str
    """The matching line as stored (not yet made safe for a terminal)."""

    @property
    def step(self) -> str:
        """The step key the text belongs to."""
        return self.entry.step


def _matching_lines(text: str, needle: str) -> Iterator[str]:
    if needle not in text.casefold():
        return
    for line in text.splitlines():
        if needle in line.casefold():
            yield line


def search(
    summaries: Iterable[SessionSummary], query: str, *, steps: Iterable[str] = ()
) -> list[Hit]:
    """Every line that holds ``query`` (case ignored), session by session, in step order.

    ``steps`` limits the search to those step keys. An empty or blank query finds nothing.
    """
    needle = query.strip().casefold()
    if not needle:
        return []
    wanted = set(steps)
    order = {key: index for index, key in enumerate(STEP_KEYS)}
    hits: list[Hit] = []
    found: list[Hit] = []
    current: SessionSummary | None = None
    for summary, entry in iter_texts(summaries):
        if summary is not current:
            hits.extend(sorted(found, key=lambda hit: order.get(hit.step, len(order))))
            found, current = [], summary
        if wanted and entry.step not in wanted:
            continue
        found.extend(Hit(summary, entry, line) for line in _matching_lines(entry.text, needle))
    hits.extend(sorted(found, key=lambda hit: order.get(hit.step, len(order))))
    return hits
