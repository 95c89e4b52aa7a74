"""Provides the round-table parts of the minutes: groups, the dot vote, the party balance.

``kumppani.minutes.document`` calls ``step_extras`` after a step's notes and
``balance_section`` after the steps. Labels come from the ``roundtable``
catalogs; user text goes through ``kumppani.text.markdown``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from kumppani.roundtable.balance import balance
from kumppani.roundtable.groups import grouped
from kumppani.roundtable.voting import latest, ranked, used
from kumppani.session.model import Session, Step
from kumppani.session.vocabulary import STEP_KEYS
from kumppani.text import markdown as md


class Minutes(Protocol):
    """What these sections need of the minutes being written."""

    session: Session

    def _(self, key: str, **values: object) -> str: ...

    def label(self, prefix: str, value: str) -> str: ...

    def step_title(self, index: int, step: Step, escape: Callable[[str], str]) -> str: ...

    def add(self, block: str) -> None: ...

    def heading(self, level: int, text: str) -> None: ...


def step_extras(minutes: Minutes, step: Step) -> None:
    """The step's groups of notes and the result of its latest dot vote."""
    groups(minutes, step)
    vote_result(minutes, step)


def groups(minutes: Minutes, step: Step) -> None:
    """Each heading with the notes under it."""
    headed = [(group, notes) for group, notes in grouped(step) if group is not None]
    if not headed:
        return
    minutes.heading(3, minutes._("roundtable.minutes.groups"))
    blocks = []
    for group, notes in headed:
        assert group is not None
        items = [md.list_item(group.heading)]
        items.extend(md.sub_item(note.text) for note in notes)
        blocks.append("\n".join(items))
    minutes.add("\n".join(blocks))


def vote_result(minutes: Minutes, step: Step) -> None:
    """The notes of the latest vote, most dots first, with how the vote was held."""
    vote = latest(step)
    if vote is None:
        return
    result = ranked(step, vote)
    _ = minutes._
    minutes.heading(3, _("roundtable.minutes.vote"))
    per = _(f"roundtable.minutes.per.{vote.per.value}")
    summary = _(
        "roundtable.minutes.vote_summary",
        dots=vote.dots,
        per=per,
        voters=vote.voters,
        used=used(vote),
    )
    if vote.carried:
        number = STEP_KEYS.index(vote.carried) + 1
        name = minutes.step_title(number, minutes.session.step(vote.carried), md.inline)
        summary += " " + _(f"roundtable.minutes.carried.{vote.carried}", step=name)
    minutes.add(summary)
    if not result:
        return
    rows: list[list[str]] = []
    place = 0
    previous = -1
    for index, (note, count) in enumerate(result, 1):
        if count != previous:
            place, previous = index, count
        rows.append([str(place), md.cell(note.text), str(count)])
    columns = [_(f"roundtable.minutes.column.{key}") for key in ("rank", "note", "dots")]
    minutes.add(md.table(columns, rows))


def _clock(seconds: int) -> str:
    return f"{seconds // 60}:{seconds % 60:02d}"


def balance_section(minutes: Minutes) -> None:
    """Notes and speaking time per party in the whole session, as a short table."""
    result = balance(minutes.session)
    if result.empty:
        return
    _ = minutes._
    minutes.heading(2, _("roundtable.minutes.balance"))
    rows = []
    for share in result.parties:
        note_share = round(100 * result.note_share(share.key))
        time_share = round(100 * result.time_share(share.key))
        rows.append(
            [
                md.cell(minutes.label("party", share.key)),
                str(share.notes),
                _("roundtable.minutes.percent", value=note_share),
                _clock(share.seconds),
                _("roundtable.minutes.percent", value=time_share),
            ]
        )
    keys = ("party", "notes", "note_share", "time", "time_share")
    minutes.add(md.table([_(f"roundtable.minutes.column.{key}") for key in keys], rows))
    if result.unattributed:
        minutes.add(_("roundtable.minutes.unattributed", count=result.unattributed))
