"""Provides the actions tracker: every agreed action of a folder, in its latest state.

A follow-up session carries the open actions of its series forward with the
same ids, so the same action appears in several files. The tracker keeps, per
series and action id, the state of the latest session that states it (by
date, then by place in the chain) and says which session that was and where
the action first appeared.

Filters: status (``open`` is every status that still needs follow-up), party,
owner and overdue. Output as an aligned table for the terminal, a Markdown
(GFM) table, or CSV (RFC 4180). User text is made safe for where it goes:
``textsafe`` for the terminal, ``markdown_text`` for Markdown; in CSV a cell
that a spreadsheet would run as a formula is prefixed with ``'``.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from kumppani.library import ActionSummary, SeriesIndex, SessionSummary
from kumppani.session.vocabulary import ActionStatus
from kumppani.text import markdown as md
from kumppani.text.safe import cell_width, one_line, printable

OPEN = "open"
"""The status filter that means every open status (proposed, agreed, in progress)."""
STATUS_CHOICES: tuple[str, ...] = (OPEN, *(status.value for status in ActionStatus))
FORMATS: tuple[str, ...] = ("table", "md", "csv")
TITLE_WIDTH = 50
RESPONSIBLE_WIDTH = 40
CSV_COLUMNS: tuple[str, ...] = (
    "id",
    "title",
    "status",
    "due",
    "overdue",
    "owner",
    "responsible",
    "parties",
    "last_change",
    "session_file",
    "session_date",
    "session_title",
    "first_file",
    "sessions",
)
"""The CSV header: fixed English names, so a script or a pivot table can rely on them."""
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class TrackedAction:
    """An action in its latest state, and where it came from."""

    action: ActionSummary
    session: SessionSummary
    """The latest session that states this action (its state is this session's)."""
    first: SessionSummary
    """The earliest session of the series that holds this action."""
    appearances: int = 1
    """In how many sessions of the series the action appears."""

    def is_overdue(self, today: dt.date) -> bool:
        """Open and due before ``today``."""
        return self.action.is_overdue(today)


def track_actions(summaries: Sequence[SessionSummary]) -> list[TrackedAction]:
    """Every action of the folder once: the latest state per series and action id.

    Sorted by due date (undated last), then title and id.
    """
    series = SeriesIndex(summaries)
    ordered = sorted(summaries, key=series.order)
    latest: dict[tuple[str, str], TrackedAction] = {}
    for summary in ordered:
        key = series.key(summary.id)
        for action in summary.actions:
            known = latest.get((key, action.id))
            if known is None:
                latest[(key, action.id)] = TrackedAction(action, summary, summary)
            else:
                latest[(key, action.id)] = TrackedAction(
                    action, summary, known.first, known.appearances + 1
                )
    return sorted(
        latest.values(),
        key=lambda item: (
            item.action.due is None,
            item.action.due or dt.date.min,
            item.action.title.casefold(),
            item.action.id,
        ),
    )


@dataclass(frozen=True)
class ActionFilter:
    """Which tracked actions to show; every given condition must hold."""

    statuses: frozenset[str] = frozenset()
    """Status values, or ``open``; empty means any status."""
    party: str = ""
    """A party key or label, or a responsible organisation (case does not matter)."""
    owner: str = ""
    """Part of the owner's name (case does not matter)."""
    overdue: bool = False
    today: dt.date = field(default_factory=dt.date.today)
    party_aliases: Mapping[str, str] = field(default_factory=dict)
    """Party labels (case-folded) to party keys, so ``--party Kaupunki`` finds ``city``."""

    def matches(self, item: TrackedAction) -> bool:
        """True if ``item`` passes every condition."""
        action = item.action
        if self.statuses and not (
            action.status.value in self.statuses
            or (OPEN in self.statuses and action.status.is_open)
        ):
            return False
        if self.overdue and not action.is_overdue(self.today):
            return False
        if self.owner and self.owner.casefold() not in action.owner.casefold():
            return False
        return not self.party or self._party_matches(action)

    def _party_matches(self, action: ActionSummary) -> bool:
        wanted = self.party.strip().casefold()
        key = self.party_aliases.get(wanted, wanted)
        if key in action.parties:
            return True
        return any(body.strip().casefold() == wanted for body in action.responsible)


def filter_actions(items: Iterable[TrackedAction], rule: ActionFilter) -> list[TrackedAction]:
    """The items that pass ``rule``, in their order."""
    return [item for item in items if rule.matches(item)]


# ---------------------------------------------------------------------------
# Output


Label = Callable[[str], str]
"""A translation lookup: ``label("cli.actions.col_title")``."""


def _date(day: dt.date | None) -> str:
    return day.isoformat() if day is not None else ""


def _session_cell(summary: SessionSummary) -> str:
    day = f" ({summary.date.isoformat()})" if summary.date else ""
    return summary.path.name + day


def _headers(label: Label) -> list[str]:
    return [
        label("cli.actions.col_status"),
        label("cli.actions.col_due"),
        label("cli.actions.col_title"),
        label("cli.actions.col_owner"),
        label("cli.actions.col_responsible"),
        label("cli.actions.col_session"),
    ]


def _status_text(item: TrackedAction, label: Label, today: dt.date) -> str:
    text = label(f"action_status.{item.action.status.value}")
    return text + " !" if item.is_overdue(today) else text


def _cell(text: str, width: int | None = None) -> str:
    """A table cell: one safe line, cut to ``width`` columns."""
    return one_line(text, width)


def format_table(rows: Sequence[Sequence[str]]) -> str:
    """Rows of terminal-safe cells in aligned columns, two spaces apart; one line per row."""
    if not rows:
        return ""
    sizes = [[cell_width(cell) for cell in row] for row in rows]
    widths = [max(row[column] for row in sizes) for column in range(len(rows[0]))]
    lines = []
    for row, row_sizes in zip(rows, sizes, strict=True):
        cells = [
            cell + " " * (width - size)
            for cell, size, width in zip(row[:-1], row_sizes, widths, strict=False)
        ]
        lines.append("  ".join([*cells, row[-1]]).rstrip())
    return "\n".join(lines) + "\n"


def render_table(items: Sequence[TrackedAction], label: Label, today: dt.date) -> str:
    """An aligned plain-text table, every cell safe for the terminal; '!' marks overdue."""
    rows = [[_cell(text) for text in _headers(label)]]
    for item in items:
        action = item.action
        rows.append(
            [
                _cell(_status_text(item, label, today)),
                _date(action.due),
                _cell(action.title, TITLE_WIDTH),
                _cell(action.owner, 30),
                _cell(", ".join(action.responsible), RESPONSIBLE_WIDTH),
                _cell(_session_cell(item.session)),
            ]
        )
    return format_table(rows)


def render_markdown(items: Sequence[TrackedAction], label: Label, today: dt.date) -> str:
    """A GFM table; every cell escaped so user text cannot make markup."""
    header = [md.cell(text) for text in _headers(label)]
    rows = [
        [
            md.cell(_status_text(item, label, today)),
            _date(item.action.due),
            md.cell(item.action.title),
            md.cell(item.action.owner),
            md.cell(", ".join(item.action.responsible)),
            md.cell(_session_cell(item.session)),
        ]
        for item in items
    ]
    return md.table(header, rows) + "\n"


def _csv_text(text: str) -> str:
    """Printable text that a spreadsheet shows as text, never runs as a formula."""
    text = printable(text)
    return "'" + text if text.startswith(_FORMULA_START) else text


def render_csv(items: Sequence[TrackedAction], today: dt.date) -> str:
    """CSV (RFC 4180: CRLF line ends, quotes where needed) with the ``CSV_COLUMNS`` header.

    Status and dates are stored values (``in_progress``, ``2026-06-30``), not labels.
    """
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for item in items:
        action = item.action
        writer.writerow(
            [
                _csv_text(action.id),
                _csv_text(action.title),
                action.status.value,
                _date(action.due),
                "yes" if item.is_overdue(today) else "",
                _csv_text(action.owner),
                _csv_text("; ".join(action.responsible)),
                _csv_text(";".join(action.parties)),
                _date(action.last_change),
                _csv_text(item.session.path.name),
                _date(item.session.date),
                _csv_text(item.session.title),
                _csv_text(item.first.path.name),
                item.appearances,
            ]
        )
    return buffer.getvalue()
