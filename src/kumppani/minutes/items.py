"""Provides the items (käsitellyt asiat) of the minutes: one numbered item per step.

Each item: the key highlights (keskeisimmät nostot) as a list; the other notes
as a plain list grouped under the facilitator's groups (never by kind); what
the step produced (the win-win, the shared message, the indicators and the
follow-up plan); and the conclusions (johtopäätökset) as a list.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection

from kumppani.minutes.blocks import (
    Document,
    Item,
    ItemList,
    Paragraph,
    Quote,
    Span,
    Table,
    item,
    items,
    one_line,
    paragraphs_of,
    plain,
    text_lines,
)
from kumppani.minutes.readings import readings_table
from kumppani.minutes.words import Words
from kumppani.roundtable.groups import grouped
from kumppani.session.model import Indicator, Note, Step
from kumppani.session.vocabulary import STEP_KEYS, ActionStatus


def ordered_steps(words: Words) -> list[Step]:
    """The session's steps in process order."""
    order = {key: index for index, key in enumerate(STEP_KEYS)}
    return sorted(words.session.steps, key=lambda step: order.get(step.key, len(order)))


def note_item(words: Words, note: Note, children: tuple[Item, ...] = ()) -> Item:
    """A note as a list item: its text, then who said it and its votes, once."""
    key = (note.participant, note.party, note.votes)
    tail = words.tails.get(key)
    if tail is None:
        meta = []
        person = words.people.get(note.participant) if note.participant else None
        if person is not None:
            meta.append(words.who(person, note.party))
        elif note.party:
            meta.append(words.label("party", note.party))
        if note.votes > 0:
            votes = words._("export.votes", count=note.votes)
            meta.append(words._("export.vote_one") if note.votes == 1 else votes)
        tail = words.tails[key] = "; ".join(meta)
    return item(note.text, tail=tail, children=children)


def notes_list(words: Words, step: Step, notes: Collection[str]) -> ItemList:
    """The notes with these ids, under their groups (a group is an item holding its notes)."""
    entries: list[Item] = []
    for group, members in grouped(step):
        chosen = tuple(note_item(words, note) for note in members if note.id in notes)
        if group is None:
            entries.extend(chosen)
        elif chosen:
            entries.append(item(group.heading, children=chosen))
    return ItemList(tuple(entries))


def step_notes(doc: Document, words: Words, step: Step, skip: Collection[str] = ()) -> None:
    """The highlights, then the other notes (or all notes as the discussion)."""
    shown = [note for note in step.notes if note.id not in skip]
    highlights = {note.id for note in shown if note.highlight}
    rest = {note.id for note in shown if not note.highlight}
    if highlights:
        doc.heading(4, words._("export.section.highlights"))
        doc.add(notes_list(words, step, highlights))
    if rest:
        doc.heading(4, words._("export.section." + ("other_notes" if highlights else "notes")))
        doc.add(notes_list(words, step, rest))


def conclusions(doc: Document, words: Words, text: str) -> None:
    """The conclusions of an item, one list item per line typed."""
    if text_lines(text):
        doc.heading(4, words._("export.section.conclusion"))
        doc.add(items(text_lines(text)))


def step_item(
    doc: Document, words: Words, index: int, step: Step, skip: Collection[str] = ()
) -> None:
    """One numbered item: the step's notes, what it produced, its conclusions."""
    doc.heading(3, words.step_title(index, step.key))
    if not step.notes:
        doc.add(Paragraph((plain(words._("export.no_notes")),)))
    step_notes(doc, words, step, skip)
    if step.key == "will":
        winwin(doc, words)
    elif step.key == "solutions":
        message = words.session.shared_message
        if paragraphs_of(message):
            doc.heading(4, words._("export.section.shared_message"))
            doc.add(Quote(paragraphs_of(message)))
    elif step.key == "followup":
        followup(doc, words)
    conclusions(doc, words, step.conclusion)


def winwin(doc: Document, words: Words) -> None:
    """What each side gains, and the incentives and disincentives, as labelled lists."""
    winwin = words.session.winwin
    texts = {
        "state_gains": winwin.state_gains,
        "city_gains": winwin.city_gains,
        "incentives": winwin.incentives,
        "disincentives": winwin.disincentives,
    }
    entries = []
    for key, text in texts.items():
        lines = text_lines(text)
        if not lines:
            continue
        label = words._(f"export.label.{key}")
        if len(lines) == 1:
            entries.append(item(lines[0], lead=label))
        else:
            entries.append(Item(((Span(label + ":", "bold"),),), tuple(map(item, lines))))
    if entries:
        doc.heading(4, words._("export.section.winwin"))
        doc.add(ItemList(tuple(entries)))


def followup(doc: Document, words: Words) -> None:
    """The state of carried actions, the indicators with their readings, the follow-up plan."""
    session = words.session
    if session.previous is not None and session.actions:
        doc.heading(4, words._("export.section.action_summary"))
        counts = Counter(action.status for action in session.actions)
        lines = [
            f"{words.label('action_status', s)}: {counts[s]}" for s in ActionStatus if counts[s]
        ]
        doc.add(items(lines))
    if session.indicators:
        doc.heading(4, words._("export.section.indicators"))
        columns = ("indicator", "unit", "baseline", "target", "latest", "follower", "schedule")
        header = tuple(words._(f"export.column.{column}") for column in columns)
        doc.add(Table(header, tuple(indicator_row(words, i) for i in session.indicators)))
        for indicator in session.indicators:
            if indicator.readings:
                doc.heading(5, words._("export.readings_of", name=one_line(indicator.name)))
                doc.add(readings_table(indicator, words))
    if paragraphs_of(session.followup_plan):
        doc.heading(4, words._("export.section.followup_plan"))
        for paragraph in paragraphs_of(session.followup_plan):
            doc.add(Paragraph(tuple(plain(line) for line in paragraph)))


def indicator_row(words: Words, indicator: Indicator) -> tuple[str, ...]:
    last = max(indicator.readings, key=lambda reading: reading.on, default=None)
    latest = ""
    if last is not None:
        value = words.number(last.value)
        latest = words._("export.reading_item", date=words.date(last.on), value=value)
    return tuple(
        one_line(text)
        for text in (
            indicator.name,
            indicator.unit,
            words.number(indicator.baseline),
            words.number(indicator.target),
            latest,
            words.person(indicator.owner),
            indicator.schedule,
        )
    )
