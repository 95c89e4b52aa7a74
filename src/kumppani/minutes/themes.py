"""Provides the minutes by theme (``--by theme``): the format of the state–region discussions.

One numbered section per focus theme: the facilitator's groups, merged by
heading across the steps. Under each, the key highlights (keskeisimmät nostot:
the notes of the theme) and the conclusions (johtopäätökset: the theme notes,
such as the focus themes a dot vote carried forward). The rest of each step
(its other notes, what it produced and its conclusions) follows as the usual
numbered items, so nothing typed is left out. A session without groups is
written by step.
"""

from __future__ import annotations

from kumppani.minutes.blocks import Document, ItemList, one_line
from kumppani.minutes.items import note_item, ordered_steps, step_item
from kumppani.minutes.words import Words
from kumppani.roundtable.voting import THEME_KIND
from kumppani.session.model import Note


def themes(words: Words) -> dict[str, tuple[str, list[Note]]]:
    """The themes by their folded heading: the heading as first written and the notes."""
    found: dict[str, tuple[str, list[Note]]] = {}
    for step in ordered_steps(words):
        for group in step.groups:
            heading = one_line(group.heading)
            members = [note for note in step.notes if note.group == group.id]
            if heading and members:
                found.setdefault(heading.casefold(), (heading, []))[1].extend(members)
    return found


def theme_items(doc: Document, words: Words) -> None:
    """The theme sections, then the other items by step."""
    found = themes(words)
    shown: set[str] = set()
    if found:
        doc.heading(2, words._("export.section.themes"))
    for number, (heading, notes) in enumerate(found.values(), 1):
        doc.heading(3, words._("export.step_heading", number=number, name=heading))
        raised = [note for note in notes if note.kind != THEME_KIND]
        concluded = [note for note in notes if note.kind == THEME_KIND]
        if raised:
            doc.heading(4, words._("export.section.highlights"))
            doc.add(ItemList(tuple(note_item(words, note) for note in raised)))
        if concluded:
            doc.heading(4, words._("export.section.conclusion"))
            doc.add(ItemList(tuple(note_item(words, note) for note in concluded)))
        shown.update(note.id for note in notes)
    doc.heading(2, words._("export.section." + ("other_items" if found else "items")))
    for index, step in enumerate(ordered_steps(words), 1):
        step_item(doc, words, index, step, shown)
