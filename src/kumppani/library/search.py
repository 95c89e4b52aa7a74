"""Provides search across a folder of sessions: which notes, conclusions and actions say what.

The text comes from the library index (``kumppani.library``), so a search of a
folder that has not changed reads no session file. Matching is by line and
ignores case (``str.casefold``); accents count (``a`` does not find ``ä``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from kumppani.library import TEXT_SEPARATOR, SessionSummary, TextEntry, text_entries
from kumppani.library.summary import CARRIED
from kumppani.session.vocabulary import STEP_KEYS

FIELDS: tuple[str, ...] = (
    "note",
    CARRIED,
    "conclusion",
    "winwin.state_gains",
    "winwin.city_gains",
    "winwin.incentives",
    "winwin.disincentives",
    "action.title",
    "action.description",
    "action.rationale",
    "action.status_note",
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


def _matching_lines(text: str, folded: str, needle: str) -> Iterator[str]:
    """The lines of ``text`` whose case-folded form (a line of ``folded``) holds ``needle``.

    Case folding can change a line's length (ß becomes ss) but never makes or
    removes a line break, so the lines of the two texts pair up.
    """
    for line, folded_line in zip(text.splitlines(), folded.splitlines(), strict=False):
        if needle in folded_line:
            yield line


def _once(found: list[Hit]) -> list[Hit]:
    """The hits without a carried focus theme whose note, where it was raised, is a hit."""
    raised = {" ".join(hit.line.split()) for hit in found if hit.entry.field == "note"}
    return [
        hit
        for hit in found
        if hit.entry.field != CARRIED or " ".join(hit.line.split()) not in raised
    ]


def search(
    summaries: Iterable[SessionSummary], query: str, *, steps: Iterable[str] = ()
) -> list[Hit]:
    """Every line that holds ``query`` (case ignored), session by session, in step order.

    ``steps`` limits the search to those step keys. A vote's result carried to step 3
    is listed once: where it was raised, or in step 3 when ``steps`` leaves that out.
    An empty or blank query finds nothing.
    """
    needle = query.strip().casefold()
    if not needle:
        return []
    wanted = set(steps)
    order = {key: index for index, key in enumerate(STEP_KEYS)}
    hits: list[Hit] = []
    for summary in summaries:
        # All of a session's text is folded at once: most sessions do not hold the query.
        folded = summary.text_blob.casefold()
        if needle not in folded:
            continue
        found: list[Hit] = []
        folded_texts = text_entries(folded.split(TEXT_SEPARATOR))
        for entry, folded_entry in zip(summary.texts(), folded_texts, strict=True):
            if needle not in folded_entry.text:
                continue
            if wanted and entry.step not in wanted:
                continue
            lines = _matching_lines(entry.text, folded_entry.text, needle)
            found.extend(Hit(summary, entry, line) for line in lines)
        hits.extend(sorted(_once(found), key=lambda hit: order.get(hit.step, len(order))))
    return hits
