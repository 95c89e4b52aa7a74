"""Provides the round-table parts of the facilitation appendix: dot votes and party balance.

Facilitation figures, not minutes: they appear only with ``--appendix``
(``kumppani.minutes.appendix``). Labels come from the ``roundtable`` catalogs.
"""

from __future__ import annotations

from kumppani.minutes.blocks import Document, Paragraph, Table, one_line, plain
from kumppani.minutes.words import Words
from kumppani.roundtable.balance import balance
from kumppani.roundtable.voting import latest, ranked, used
from kumppani.session.model import Step
from kumppani.session.vocabulary import STEP_KEYS


def vote_result(doc: Document, words: Words, index: int, step: Step) -> None:
    """The notes of the step's latest vote, most dots first, with how the vote was held."""
    vote = latest(step)
    if vote is None:
        return
    _ = words._
    doc.heading(3, _("roundtable.minutes.vote_of", step=words.step_title(index, step.key)))
    per = _(f"roundtable.minutes.per.{vote.per.value}")
    summary = _(
        "roundtable.minutes.vote_summary",
        dots=vote.dots,
        per=per,
        voters=vote.voters,
        used=used(vote),
    )
    if vote.carried:
        name = words.step_title(STEP_KEYS.index(vote.carried) + 1, vote.carried)
        summary += " " + _(f"roundtable.minutes.carried.{vote.carried}", step=name)
    doc.add(Paragraph((plain(summary),)))
    rows: list[tuple[str, ...]] = []
    place, previous = 0, -1
    for position, (note, count) in enumerate(ranked(step, vote), 1):
        if count != previous:
            place, previous = position, count
        rows.append((str(place), one_line(note.text), str(count)))
    if rows:
        columns = tuple(_(f"roundtable.minutes.column.{key}") for key in ("rank", "note", "dots"))
        doc.add(Table(columns, tuple(rows)))


def _clock(seconds: int) -> str:
    return f"{seconds // 60}:{seconds % 60:02d}"


def balance_section(doc: Document, words: Words) -> None:
    """Notes and speaking time per party in the whole session, as a short table."""
    result = balance(words.session)
    if result.empty:
        return
    _ = words._
    doc.heading(3, _("roundtable.minutes.balance"))
    rows = []
    for share in result.parties:
        note_share = round(100 * result.note_share(share.key))
        time_share = round(100 * result.time_share(share.key))
        rows.append(
            (
                one_line(words.label("party", share.key)),
                str(share.notes),
                _("roundtable.minutes.percent", value=note_share),
                _clock(share.seconds),
                _("roundtable.minutes.percent", value=time_share),
            )
        )
    keys = ("party", "notes", "note_share", "time", "time_share")
    doc.add(Table(tuple(_(f"roundtable.minutes.column.{key}") for key in keys), tuple(rows)))
    if result.unattributed:
        doc.add(
            Paragraph((plain(_("roundtable.minutes.unattributed", count=result.unattributed)),))
        )
