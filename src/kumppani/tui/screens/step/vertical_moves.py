"""Provides where ↑ and ↓ lead in the step view, and where typing on a list goes.

Top to bottom the step view holds the notes, the plan of steps 4 and 5 (the
actions or indicators table) and the capture line. ↑ from the capture line goes
to the notes, or to the plan when there are no notes yet (an empty list has
nothing to do); from an empty note list ↑ and ↓ go on to the plan, and ↓ from its
last note back to the capture line; from the plan's first row ↑ goes to the notes
and from its last row ↓ to the capture line. Elsewhere a list's own ↑ and ↓ move
its cursor.

On the note list or the plan a letter that no key answers is not dropped: it goes
back to the capture line, typed there (``typed_back``).
"""

from __future__ import annotations

from textual import events
from textual.screen import Screen
from textual.widget import Widget

from kumppani.tui.widgets.step.capture_line import CaptureLine
from kumppani.tui.widgets.step.note_list import NoteList
from kumppani.tui.widgets.tables.plan_table import PlanTable


def _plan(screen: Screen[None]) -> PlanTable | None:
    """The plan table if the step on screen shows one."""
    for plan in screen.query(PlanTable):
        return plan if plan.display else None
    return None


def _line(screen: Screen[None]) -> CaptureLine | None:
    line = screen.query_one(CaptureLine)
    return line if line.parent is not None and line.parent.display else None


def above(screen: Screen[None]) -> Widget | None:
    """Where ↑ leads from the focus; None: the focused widget's own ↑."""
    focused = screen.focused
    notes = screen.query_one(NoteList)
    plan = _plan(screen)
    if isinstance(focused, CaptureLine):
        return plan if plan is not None and not notes.notes else notes
    if focused is notes and not notes.notes:
        return plan
    if isinstance(focused, PlanTable) and focused.cursor_row <= 0 and notes.notes:
        return notes
    return None


def below(screen: Screen[None]) -> Widget | None:
    """Where ↓ leads from the focus; None: the focused widget's own ↓."""
    focused = screen.focused
    if isinstance(focused, NoteList) and focused.at_end:
        plan = _plan(screen)
        return plan if plan is not None and not focused.notes else _line(screen)
    if isinstance(focused, PlanTable) and focused.cursor_row >= focused.row_count - 1:
        return _line(screen)
    return None


def go(screen: Screen[None], target: Widget | None, *, upwards: bool) -> None:
    """Focus ``target`` at once, its cursor on the row nearest to where the focus came from.

    At once, not as ``focus()`` does after the keys already read: "↑ v" typed fast
    must vote, not type "v" into the note (so the bindings are priority ones, too).
    """
    if isinstance(target, NoteList):
        target.cursor = len(target.notes) - 1
    elif isinstance(target, PlanTable) and target.row_count:
        target.move_cursor(row=target.row_count - 1 if upwards else 0)
    if target is not None:
        screen.set_focus(target)


def typed_back(screen: Screen[None], event: events.Key) -> None:
    """A character typed on the notes or the plan that no key answers: into the capture line."""
    line = _line(screen)
    if (
        line is None
        or not event.is_printable
        or event.character is None
        or not isinstance(screen.focused, NoteList | PlanTable)
    ):
        return
    active = screen.active_bindings.get(event.key)
    if active is not None and active.enabled:
        return
    event.stop()
    event.prevent_default()
    screen.set_focus(line)
    line.insert_text_at_cursor(event.character)
