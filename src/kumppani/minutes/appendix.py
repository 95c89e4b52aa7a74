"""Provides the facilitation appendix (``--appendix``): how the session was run.

The session's status (draft, held, approved, changed after approval), party
balance, time use with each step's state, the dot-vote tables and the
partnership recipes the session advanced. Useful to the facilitator and the
secretariat; left out of the official minutes by default.
"""

from __future__ import annotations

from kumppani.fileformat.digest import ApprovalState, approval_state
from kumppani.minutes.blocks import Document, Fields, Paragraph, Table, items, plain
from kumppani.minutes.items import ordered_steps
from kumppani.minutes.roundtable import balance_section, vote_result
from kumppani.minutes.words import Words
from kumppani.session.template_sources import recipes


def appendix(doc: Document, words: Words) -> None:
    """The appendix as one level-2 section, after the minutes."""
    doc.heading(2, words._("export.section.appendix"))
    doc.add(Paragraph((plain(words._("export.appendix_note")),)))
    changed = approval_state(words.session) == ApprovalState.CHANGED
    status = "changed" if changed else words.session.status.value
    doc.add(Fields(((words._("export.field.status"), words.label("session_status", status)),)))
    balance_section(doc, words)
    time_used(doc, words)
    for index, step in enumerate(ordered_steps(words), 1):
        vote_result(doc, words, index, step)
    advanced(doc, words)


def time_used(doc: Document, words: Words) -> None:
    """Planned and used minutes and the state of each step."""
    steps = ordered_steps(words)
    if not any(step.planned_minutes or step.spent_seconds for step in steps):
        return
    doc.heading(3, words._("export.section.time"))
    rows = []
    planned = spent = 0
    for index, step in enumerate(steps, 1):
        minutes = (step.spent_seconds + 30) // 60
        planned += step.planned_minutes
        spent += minutes
        status = words.label("step_status", step.status.value)
        rows.append(
            (words.step_title(index, step.key), status, str(step.planned_minutes), str(minutes))
        )
    rows.append((words._("export.total"), "", str(planned), str(spent)))
    columns = ("step", "step_status", "planned", "spent")
    doc.add(Table(tuple(words._(f"export.column.{key}") for key in columns), tuple(rows)))


def advanced(doc: Document, words: Words) -> None:
    """The partnership recipes the session advanced."""
    numbers = sorted(set(words.session.recipes))
    if not numbers:
        return
    doc.heading(3, words._("export.section.recipes"))
    titles = {recipe.number: recipe.title.get(words.language) for recipe in recipes()}
    lines = [words._("export.recipe_item", number=n, title=titles.get(n, "")) for n in numbers]
    doc.add(items(lines))
