"""Provides the minutes by theme (``--by theme``): the format of the state–region discussions.

One numbered section per focus theme, with its key highlights (keskeisimmät
nostot) and conclusions (johtopäätökset). A focus theme is either

- a facilitator's group, merged by heading across the steps: its notes are the
  highlights, its notes of kind ``theme`` the conclusions; or
- a note of kind ``theme`` outside any group, such as the focus themes a dot
  vote carried forward to step 3 (``kumppani.roundtable.voting``): the section
  is headed by its text and says where it came from (the vote and its step,
  who raised the note voted on and its dots, once); notes grouped in any step
  under a heading that is the theme's text are its highlights.

The note a carried theme was voted from is shown by the theme only, so no text
or vote count appears twice. The rest of each step (its other notes, what it
produced and its conclusions) follows as the usual numbered items, so nothing
typed is left out. A session without focus themes is written by step.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kumppani.minutes.blocks import HEADING_END, Document, ItemList, Paragraph, Span, one_line
from kumppani.minutes.items import note_item, ordered_steps, step_item
from kumppani.minutes.words import Words
from kumppani.roundtable.voting import THEME_KIND, ranked
from kumppani.session.model import Note, Step


@dataclass
class Origin:
    """Where a theme of its own came from: its step and the note that raised it."""

    index: int
    """The step's number in process order."""
    step: Step
    note: Note
    voted: bool
    """True when a vote carried the note forward (``note`` is the note voted on)."""


@dataclass
class Theme:
    """One section: its heading, the notes under it and, for a theme note, its origin."""

    heading: str
    notes: list[Note] = field(default_factory=list)
    origin: Origin | None = None


def fold(text: str) -> str:
    """A heading or theme as compared: one line, case and a closing full stop ignored."""
    return one_line(text).rstrip(HEADING_END).casefold()


def carried(words: Words) -> dict[str, Origin]:
    """The notes votes carried to step 3, by their folded text (a later vote wins)."""
    found: dict[str, Origin] = {}
    for index, step in enumerate(ordered_steps(words), 1):
        for vote in step.votes:
            if vote.carried == "will":
                for note, _count in ranked(step, vote):
                    found[fold(note.text)] = Origin(index, step, note, voted=True)
    return found


def theme_notes(step: Step) -> list[Note]:
    """The step's notes of kind ``theme`` outside its groups: each a focus theme of its own."""
    known = {group.id for group in step.groups}
    return [note for note in step.notes if note.kind == THEME_KIND and note.group not in known]


def themes(words: Words) -> tuple[dict[str, Theme], set[str]]:
    """The themes by their folded heading, in order, and the ids of the notes they show."""
    steps = ordered_steps(words)
    votes = carried(words)
    own = {fold(note.text) for step in steps for note in theme_notes(step)}
    sources = {key: votes[key] for key in own if key in votes}
    taken = {origin.note.id for origin in sources.values()}
    found: dict[str, Theme] = {}
    for index, step in enumerate(steps, 1):
        for note in theme_notes(step):
            key = fold(note.text)
            if key:  # a voted theme note is taken, yet heads its own section
                theme = found.setdefault(key, Theme(one_line(note.text)))
                if theme.origin is None:
                    theme.heading = one_line(note.text)
                    theme.origin = sources.get(key) or Origin(index, step, note, voted=False)
                taken.add(note.id)
        for group in step.groups:
            members = [n for n in step.notes if n.group == group.id and n.id not in taken]
            if fold(group.heading) and members:
                theme = found.setdefault(fold(group.heading), Theme(one_line(group.heading)))
                theme.notes.extend(members)
    shown = taken | {note.id for theme in found.values() for note in theme.notes}
    return found, shown


def origin_line(words: Words, origin: Origin) -> Paragraph:
    """``Chosen as a focus theme by dot vote (2. …) — who raised it; 5 votes``."""
    how = "carried" if origin.voted else "raised"
    step = words.step_title(origin.index, origin.step.key)
    spans = [Span(words._(f"export.theme_origin.{how}", step=step))]
    tail = note_item(words, origin.note).lines[-1]
    if len(tail) > 1 and tail[-1].style == "italic":
        spans.extend(tail[-2:])
    return Paragraph((tuple(spans),))


def theme_items(doc: Document, words: Words) -> None:
    """The theme sections, then the other items by step."""
    found, shown = themes(words)
    if found:
        doc.heading(2, words._("export.section.themes"))
    for number, (key, theme) in enumerate(found.items(), 1):
        doc.heading(3, words._("export.step_heading", number=number, name=theme.heading))
        if theme.origin is not None:
            doc.add(origin_line(words, theme.origin))
        raised = [note for note in theme.notes if note.kind != THEME_KIND]
        concluded = [
            note for note in theme.notes if note.kind == THEME_KIND and fold(note.text) != key
        ]
        if raised:
            doc.heading(4, words._("export.section.highlights"))
            doc.add(ItemList(tuple(note_item(words, note) for note in raised)))
        if concluded:
            doc.heading(4, words._("export.section.conclusion"))
            doc.add(ItemList(tuple(note_item(words, note) for note in concluded)))
    doc.heading(2, words._("export.section." + ("other_items" if found else "items")))
    for index, step in enumerate(ordered_steps(words), 1):
        step_item(doc, words, index, step, shown)
