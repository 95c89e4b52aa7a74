"""Helpers of the no-silent-change tests: generated sessions and every form opened and closed.

``VISITS`` names each form or dialog of the step view with how to open it and
how to close it without a change: Esc, or saving it as it was (Ctrl+S, Enter).
Each visit returns False when the session has nothing it could open (no action,
no participant present …). ``awkward_session`` builds sessions with the values a
form could tidy up by mistake: planned minutes far from the template's, a start
time with seconds, texts with spaces and line ends around them, numbers stored
as floats, notes with trailing spaces.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable
from typing import Any

from hypothesis import strategies as st
from textual.pilot import Pilot

from kumppani.session.model import (
    Action,
    Indicator,
    Note,
    Participant,
    Reading,
    Session,
    WinWin,
    default_steps,
)
from kumppani.session.vocabulary import STEP_KEYS, ActionStatus, Role
from kumppani.tui.app import KumppaniApp
from kumppani.tui.screens.step.screen import StepScreen
from kumppani.tui.widgets.step.note_list import NoteList
from tests.support.tui import settle

Visit = Callable[[KumppaniApp, Pilot[Any], StepScreen], Awaitable[bool]]

WORD = st.text(alphabet="abcäöå ÄÖ-,.", min_size=1, max_size=12).filter(str.strip)
PADDED = st.tuples(st.sampled_from(["", " ", "  "]), WORD, st.sampled_from(["", " ", "\n"])).map(
    "".join
)
NUMBER = st.one_of(
    st.integers(-1000, 100_000),
    st.sampled_from([12.0, 0.5, 12.5, 1e-3, 100.0]),
    st.none(),
)


@st.composite
def awkward_session(draw: st.DrawFn) -> Session:
    """A session whose values a form would change if it rewrote fields left alone."""
    minutes = {key: draw(st.integers(0, 600)) for key in STEP_KEYS}
    steps = default_steps(minutes)
    people = [
        Participant(
            draw(PADDED),
            draw(PADDED),
            party=draw(st.sampled_from(["state", "city", "other", ""])),
            role=draw(st.sampled_from(list(Role))),
            present=draw(st.booleans()),
        )
        for _ in range(draw(st.integers(0, 3)))
    ]
    for step in steps[:2]:
        step.notes = [Note(draw(PADDED)) for _ in range(draw(st.integers(0, 2)))]
    steps[0].conclusion = draw(st.sampled_from(["", "Sovittu.\n", " tiivis "]))
    actions = [
        Action(
            draw(PADDED),
            description=draw(PADDED),
            responsible=draw(st.lists(WORD.map(str.strip), max_size=2)),
            due=draw(st.one_of(st.none(), st.dates(dt.date(2020, 1, 1), dt.date(2035, 12, 31)))),
            status=draw(st.sampled_from(list(ActionStatus))),
        )
        for _ in range(draw(st.integers(0, 2)))
    ]
    indicators = [
        Indicator(
            draw(PADDED),
            unit=draw(st.sampled_from(["", "%", " kpl "])),
            baseline=draw(NUMBER),
            target=draw(NUMBER),
            readings=[Reading(dt.date(2026, 1, 1), draw(NUMBER) or 0)],
        )
        for _ in range(draw(st.integers(0, 2)))
    ]
    return Session(
        title=draw(PADDED),
        theme=draw(st.sampled_from(["", " teema ", "Teema\n"])),
        date=draw(st.one_of(st.none(), st.dates(dt.date(2020, 1, 1), dt.date(2035, 12, 31)))),
        start_time=draw(st.one_of(st.none(), st.times().map(lambda t: t.replace(microsecond=0)))),
        venue=draw(st.sampled_from(["", "Sali 1 ", " Tampere"])),
        purpose=draw(st.sampled_from(["", "Miksi.\n", "  kaksi\n\nriviä  "])),
        participants=people,
        steps=steps,
        winwin=WinWin(state_gains=draw(st.sampled_from(["", "Valtio\n"]))),
        actions=actions,
        indicators=indicators,
    )


async def _pressed(pilot: Pilot[Any], *keys: str) -> None:
    await pilot.press(*keys)
    await settle(pilot)


async def _back(app: KumppaniApp, pilot: Pilot[Any], key: str, form: str) -> None:
    """Close the form on top with ``key``; the step view must be back, unasked."""
    assert type(app.screen).__name__ == form, f"expected {form}, the app shows {app.screen!r}"
    await _pressed(pilot, key)
    assert isinstance(app.screen, StepScreen), f"{key} on an unchanged {form} asked or stayed"


def _keys(open_keys: tuple[str, ...], form: str, close: str) -> Visit:
    async def visit(app: KumppaniApp, pilot: Pilot[Any], screen: StepScreen) -> bool:
        await _pressed(pilot, *open_keys)
        await _back(app, pilot, close, form)
        return True

    return visit


def _plan(step_index: int, items: str, form: str, close: str) -> Visit:
    async def visit(app: KumppaniApp, pilot: Pilot[Any], screen: StepScreen) -> bool:
        found = getattr(screen.editor.session, items)
        if not found:
            return False
        screen.show_step(step_index)
        screen.panels.edit_plan(found[0].id)
        await settle(pilot)
        await _back(app, pilot, close, form)
        return True

    return visit


def _on_note(open_key: str, form: str, close: str) -> Visit:
    async def visit(app: KumppaniApp, pilot: Pilot[Any], screen: StepScreen) -> bool:
        index = next((i for i, step in enumerate(screen.editor.session.steps) if step.notes), None)
        if index is None:
            return False
        screen.show_step(index)
        screen.query_one(NoteList).focus()
        await _pressed(pilot, open_key)
        await _back(app, pilot, close, form)
        await _pressed(pilot, "escape")  # back to the capture line
        return True

    return visit


def _with_people(open_key: str, form: str) -> Visit:
    async def visit(app: KumppaniApp, pilot: Pilot[Any], screen: StepScreen) -> bool:
        if not any(person.present for person in screen.editor.session.participants):
            return False
        if screen.current_step.current_round is not None:
            return False
        await _pressed(pilot, open_key)
        await _back(app, pilot, "escape", form)
        return True

    return visit


VISITS: dict[str, Visit] = {
    "details, Esc": _keys(("ctrl+g",), "SetupScreen", "escape"),
    "details, saved unchanged": _keys(("ctrl+g",), "SetupScreen", "ctrl+s"),
    "action, Esc": _plan(3, "actions", "ActionEditor", "escape"),
    "action, saved unchanged": _plan(3, "actions", "ActionEditor", "ctrl+s"),
    "indicator, Esc": _plan(4, "indicators", "IndicatorEditor", "escape"),
    "indicator, saved unchanged": _plan(4, "indicators", "IndicatorEditor", "ctrl+s"),
    "note, Esc": _on_note("enter", "NoteEditor", "escape"),
    "note, saved unchanged": _on_note("enter", "NoteEditor", "ctrl+s"),
    "dot vote, Esc": _on_note("v", "VoteDialog", "escape"),
    "group, Esc": _on_note("g", "GroupDialog", "escape"),
    "group, kept as it was": _on_note("g", "GroupDialog", "enter"),
    "speaking round, Esc": _with_people("ctrl+r", "RoundDialog"),
    "speaker picker, Esc": _with_people("f4", "ParticipantPicker"),
    "minutes and recipes, Esc": _keys(("f12",), "SummaryScreen", "escape"),
    "indicator chart, Esc": _keys(("ctrl+l",), "IndicatorsScreen", "escape"),
}
"""Every form and dialog of the step view that holds the session, opened and closed unchanged.

(The help is left out: it never sees the session, and its Markdown costs five seconds.)"""

SLOW = frozenset({"minutes and recipes, Esc"})
"""Visits of several seconds each (Markdown): made on the example sessions only."""
