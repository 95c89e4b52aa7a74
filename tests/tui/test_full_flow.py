"""A whole round table through the real app, by keyboard: from a new session to sent minutes.

Texts are pasted (one event each) rather than typed key by key: what is tested
here is the flow through the screens; typing is tested in ``test_capture_burst``.

New session with two participants, notes captured in all five steps with
party attribution and highlights, a conclusion in every step, an action in
step 4, an indicator in step 5, the minutes exported; then the file on disk
and the exported Markdown hold all of it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input

from kumppani.session.vocabulary import STEP_KEYS
from kumppani.settings.config import Config
from kumppani.storage.files import load_session
from kumppani.tui.app import make_app
from kumppani.tui.screens.step.screen import StepScreen
from kumppani.tui.screens.summary import SummaryScreen
from tests.support.tui import paste, settle


@pytest.mark.slow
async def test_a_whole_session_by_keyboard(tmp_path: Path) -> None:
    folder = tmp_path / "istunnot"
    folder.mkdir()
    app = make_app(Config(), folder, language="fi")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        # A new session: title, theme, date and time, then the roster.
        await pilot.press("n")
        await settle(pilot)
        for text in ("Kotoutuminen", "Työ ja kieli", "2026-05-20", "13:00"):
            await paste(pilot, text)
            await pilot.press("enter")
        app.screen.query_one("#roster-name", Input).focus()
        await paste(pilot, "Neuvotteleva virkamies")
        await pilot.press("tab", "T", "E", "M", "enter")  # a short one typed, key by key
        await pilot.press("f3")
        await paste(pilot, "Kotoutumisjohtaja")
        await pilot.press("tab")
        await paste(pilot, "Vantaa")
        await pilot.press("enter")
        await pilot.press("ctrl+s")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, StepScreen)
        editor = screen.editor
        assert [p.name for p in editor.session.participants] == [
            "Neuvotteleva virkamies",
            "Kotoutumisjohtaja",
        ]
        # Every step: a note from the state, one from the city (highlighted), a conclusion.
        for number, key in enumerate(STEP_KEYS, start=1):
            assert screen.step_key == key
            await pilot.press("f3")  # → state
            await paste(pilot, f"valtio {number}")
            await pilot.press("enter", "f3")  # → city
            await paste(pilot, f"kaupunki {number}")
            await pilot.press("enter")
            await pilot.press("tab", "end", "h", "escape")  # highlight the city's note
            await pilot.press("f3", "f3")  # → other → none, for the next step
            await pilot.press("f6")
            await paste(pilot, f"johtopäätös {number}")
            await pilot.press("escape")
            if key == "solutions":
                await pilot.press("tab", "a")
                await settle(pilot)
                await paste(pilot, "Kielikoulutuspilotti")
                app.screen.query_one("#field-responsible", Input).focus()
                await paste(pilot, "TEM, Vantaa")
                app.screen.query_one("#field-due", Input).focus()
                await paste(pilot, "2026-12-31")
                await pilot.press("ctrl+s")
                await settle(pilot)
            if key == "followup":
                await pilot.press("tab", "i")
                await settle(pilot)
                await paste(pilot, "Työllistyneet")
                app.screen.query_one("#field-baseline", Input).focus()
                await paste(pilot, "12,5")
                app.screen.query_one("#field-target", Input).focus()
                await paste(pilot, "20")
                await pilot.press("ctrl+s")
                await settle(pilot)
            await pilot.press("escape", "f8")
            await settle(pilot)
        # The minutes, exported with one key.
        await pilot.press("f12")
        await settle(pilot)
        assert isinstance(app.screen, SummaryScreen)
        await pilot.press("e")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        path = editor.path
        await pilot.press("ctrl+q")
        await settle(pilot)

    assert path is not None and path.parent == folder
    saved = load_session(path)
    assert saved.title == "Kotoutuminen" and saved.theme == "Työ ja kieli"
    state, city = saved.participants
    assert (state.organisation, state.party) == ("TEM", "state")
    assert (city.organisation, city.party) == ("Vantaa", "city")
    for number, step in enumerate(saved.steps, start=1):
        texts = {note.text: note for note in step.notes}
        assert texts[f"valtio {number}"].party == "state"
        assert texts[f"kaupunki {number}"].party == "city"
        assert texts[f"kaupunki {number}"].highlight
        assert not texts[f"valtio {number}"].highlight
        assert step.conclusion == f"johtopäätös {number}"
    [action] = saved.actions
    assert action.title == "Kielikoulutuspilotti"
    assert action.responsible == ["TEM", "Vantaa"]
    assert str(action.due) == "2026-12-31"
    [indicator] = saved.indicators
    assert (indicator.name, indicator.baseline, indicator.target) == ("Työllistyneet", 12.5, 20)

    minutes = path.with_suffix(".md").read_text("utf-8")
    for expected in (
        "Kotoutuminen",
        "Neuvotteleva virkamies",
        "valtio 1",
        "kaupunki 5",
        "johtopäätös 3",
        "Kielikoulutuspilotti",
        "Työllistyneet",
    ):
        assert expected in minutes
    highlights = minutes.split("## 1.")[1].split("## 2.")[0]
    assert highlights.index("kaupunki 1") < highlights.index("valtio 1")
