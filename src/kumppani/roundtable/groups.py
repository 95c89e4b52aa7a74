"""Provides clustering: a step's notes grouped under headings (themes).

A group is a heading kept in its step (``Step.groups``); a note names its group
by id (``Note.group``). A group nobody uses any more is dropped. A note whose
group id is not in the step (a hand-edited file) counts as ungrouped and keeps
its id.
"""

from __future__ import annotations

from kumppani.session.model import Group, Note, Step


def _same(one: str, other: str) -> bool:
    return " ".join(one.split()).casefold() == " ".join(other.split()).casefold()


def find_group(step: Step, heading: str) -> Group | None:
    """The step's group with this heading (case and spacing ignored), or None."""
    for group in step.groups:
        if _same(group.heading, heading):
            return group
    return None


def assign(step: Step, note: Note, heading: str) -> Group | None:
    """Put ``note`` under ``heading`` (new or existing); an empty heading ungroups it."""
    heading = " ".join(heading.split())
    group: Group | None = None
    if heading:
        group = find_group(step, heading)
        if group is None:
            group = Group(heading=heading)
            step.groups.append(group)
    note.group = group.id if group else ""
    drop_unused(step)
    return group


def drop_unused(step: Step) -> None:
    """Remove the groups no note is under."""
    used = {note.group for note in step.notes}
    step.groups[:] = [group for group in step.groups if group.id in used]


def grouped(step: Step) -> list[tuple[Group | None, list[Note]]]:
    """The notes by group, groups in their order; the ungrouped last (under None)."""
    known = {group.id for group in step.groups}
    result: list[tuple[Group | None, list[Note]]] = [
        (group, [note for note in step.notes if note.group == group.id]) for group in step.groups
    ]
    loose = [note for note in step.notes if note.group not in known]
    if loose:
        result.append((None, loose))
    return [(group, notes) for group, notes in result if notes]


def headings(step: Step) -> list[str]:
    """The headings of the step's groups, in order (offered when assigning)."""
    return [group.heading for group in step.groups]
