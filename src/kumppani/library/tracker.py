"""Provides the actions tracker: every agreed action of a folder, in its latest state.

A follow-up session carries the open actions of its series forward with the
same ids, so the same action appears in several files. The tracker keeps, per
series and action id, the state of the latest session that states it (by
date, then by place in the chain) and says which session that was and where
the action first appeared.

Filters: status (``open`` is every status that still needs follow-up), party,
owner and overdue. An action is under every party it involves: its owner's,
and that of each responsible body, as the list of bodies and the session's
roster give it (``kumppani.session.bodies``), so ``state`` finds an action of
``YM`` and ``Tampere`` is the same body as ``Tampereen kaupunki``.

Output as an aligned table for the terminal, a Markdown (GFM) table, or CSV
(RFC 4180). User text is made safe for where it goes: ``textsafe`` for the
terminal, ``markdown_text`` for Markdown. In CSV every cell holding a separator
of any locale (``,`` ``;`` tab), a quote or a line break is quoted, so a
spreadsheet that splits on ``;`` (Finnish, Swedish) keeps it one cell; and a
cell, or text after such a separator inside a cell, that a spreadsheet would run
as a formula gets a ``'`` in front.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from kumppani.library import ActionSummary, SeriesIndex, SessionSummary
from kumppani.session.bodies import BodyDirectory
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
    parties: tuple[str, ...] = ()
    """Every party the action involves: the owner's, and those of its responsible bodies."""

    def is_overdue(self, today: dt.date) -> bool:
        """Open and due before ``today``."""
        return self.action.is_overdue(today)


def action_parties(
    action: ActionSummary, session: SessionSummary, bodies: BodyDirectory
) -> tuple[str, ...]:
    """The parties ``action`` of ``session`` involves: its owner's and its bodies'."""
    found = list(action.parties)
    found += [
        party
        for party in bodies.parties(action.responsible, session.organisations)
        if party not in found
    ]
    return tuple(found)


def track_actions(
    summaries: Sequence[SessionSummary], bodies: BodyDirectory | None = None
) -> list[TrackedAction]:
    """Every action of the folder once: the latest state per series and action id.

    ``bodies`` gives the parties of responsible bodies (the roster alone without it).
    Sorted by due date (undated last), then title and id.
    """
    bodies = bodies if bodies is not None else BodyDirectory()
    series = SeriesIndex(summaries)
    ordered = sorted(summaries, key=series.order)
    latest: dict[tuple[str, str], TrackedAction] = {}
    for summary in ordered:
        key = series.key(summary.id)
        for action in summary.actions:
            known = latest.get((key, action.id))
            parties = action_parties(action, summary, bodies)
            if known is None:
                latest[(key, action.id)] = TrackedAction(action, summary, summary, 1, parties)
            else:
                latest[(key, action.id)] = TrackedAction(
                    action, summary, known.first, known.appearances + 1, parties
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
    """A party key or label, or a responsible body by any of its names (case does not matter)."""
    owner: str = ""
    """Part of the owner's name (case does not matter)."""
    overdue: bool = False
    today: dt.date = field(default_factory=dt.date.today)
    party_aliases: Mapping[str, str] = field(default_factory=dict)
    """Party labels (case-folded) to party keys, so ``--party Kaupunki`` finds ``city``."""
    bodies: BodyDirectory = field(default_factory=BodyDirectory)
    """Which names mean the same body, so ``--party YM`` finds ``Ympäristöministeriö``."""

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
        return not self.party or self._party_matches(item)

    def _party_matches(self, item: TrackedAction) -> bool:
        wanted = self.party.strip().casefold()
        key = self.party_aliases.get(wanted, wanted)
        if key in item.parties or key in item.action.parties:
            return True
        return any(self.bodies.same(body, self.party) for body in item.action.responsible)


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


_SEPARATED_FORMULA = re.compile(r"([,;\t\r\n][ ]*)(?=[=+\-@])")
"""Text after a separator that a spreadsheet splitting there would read as a formula."""
_QUOTE_WHEN = (",", ";", "\t", '"', "\r", "\n")
"""A cell holding any of these is quoted, whatever the delimiter."""
DELIMITERS: tuple[str, ...] = (",", ";")
BOM = "\ufeff"
"""Written first when asked, so a spreadsheet reads the file as UTF-8."""


def _csv_text(text: str) -> str:
    """Printable text that a spreadsheet shows as text, never runs as a formula."""
    text = _SEPARATED_FORMULA.sub(r"\1'", printable(text))
    return "'" + text if text.startswith(_FORMULA_START) else text


def _csv_cell(value: object) -> str:
    text = _csv_text(str(value))
    if any(character in text for character in _QUOTE_WHEN):
        return '"' + text.replace('"', '""') + '"'
    return text


def render_csv(
    items: Sequence[TrackedAction], today: dt.date, *, delimiter: str = ",", bom: bool = False
) -> str:
    """CSV (RFC 4180: CRLF line ends, quotes where needed) with the ``CSV_COLUMNS`` header.

    Status and dates are stored values (``in_progress``, ``2026-06-30``), not labels.
    ``delimiter`` is ``,`` or ``;`` (spreadsheets in Finnish or Swedish locales);
    ``bom`` puts a UTF-8 byte order mark first.
    """
    if delimiter not in DELIMITERS:
        raise ValueError(f"not a CSV delimiter: {delimiter!r}")
    rows: list[Sequence[object]] = [CSV_COLUMNS]
    for item in items:
        action = item.action
        rows.append(
            [
                action.id,
                action.title,
                action.status.value,
                _date(action.due),
                "yes" if item.is_overdue(today) else "",
                action.owner,
                "; ".join(action.responsible),
                ";".join(item.parties or action.parties),
                _date(action.last_change),
                item.session.path.name,
                _date(item.session.date),
                item.session.title,
                item.first.path.name,
                item.appearances,
            ]
        )
    lines = (delimiter.join(_csv_cell(value) for value in row) + "\r\n" for row in rows)
    return (BOM if bom else "") + "".join(lines)
