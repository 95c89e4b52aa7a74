"""A skipped speaker brought back in a live round: panel, key bar and summary (issue 14)."""

from __future__ import annotations

import datetime as dt

from kumppani.tui.screens.step.screen import StepScreen
from kumppani.tui.widgets.chrome.key_bar import KeyBar
from tests.support.examples import FIRST
from tests.support.tui import MakeApp, screen_text, settle

T0 = dt.datetime(2026, 3, 12, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=2)))


def bar(app: object) -> str:
    screen = getattr(app, "screen")  # noqa: B009
    return str(screen.query_one(KeyBar).render().plain)


async def test_a_speaker_brought_back_is_no_longer_skipped(app_for: MakeApp) -> None:
    moments = [T0]
    app = app_for(FIRST)
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, StepScreen)
        screen.roundtable.clock = lambda: moments[-1]  # type: ignore[method-assign]
        screen.roundtable.start_round(120, False)
        await settle(pilot)
        speaking = screen.current_step.current_round
        assert speaking is not None
        moments.append(T0 + dt.timedelta(seconds=60))
        await pilot.press("ctrl+n")  # Neuvotteleva virkamies spoke
        assert "^u Takaisin ohitettuun" not in bar(app)  # nobody skipped yet
        await pilot.press("ctrl+k")  # Opetusneuvos skipped: Erityisasiantuntija has the floor
        await settle(pilot)
        assert "^u Takaisin ohitettuun" in bar(app)
        assert "Ctrl+U takaisin ohitettuun" in screen_text(app)  # the panel's hint says so too
        await pilot.press("ctrl+u")  # Opetusneuvos back at once
        await settle(pilot)
        text = screen_text(app)
        assert "Puheenvuoro: Opetusneuvos" in text
        assert "Seuraavaksi: Erityisasiantuntija" in text  # where the round was
        assert "^u Takaisin ohitettuun" not in bar(app)  # nobody is left skipped
        assert "Ctrl+U" not in text  # nor in the panel: Ctrl+U would clear the typed line
        moments.append(T0 + dt.timedelta(seconds=120))
        await pilot.press("ctrl+n")  # Opetusneuvos spoke
        await settle(pilot)
        text = screen_text(app)
        assert "Puheenvuoro: Erityisasiantuntija" in text
        assert "Seuraavaksi: Erityisasiantuntija" not in text
        assert "^u Takaisin ohitettuun" not in bar(app)
        await pilot.press("ctrl+u")  # nothing to go back to: the floor stays
        await settle(pilot)
        assert speaking.speaker == "p-tem2"
        app.clear_notifications()
        await pilot.press("ctrl+r")  # the round ends
        await settle(pilot)
        ended = [n.message for n in app._notifications if "Kierros päättyi" in n.message]
        assert ended == ["Kierros päättyi: 3 puhui, 0 ei lisättävää, 0 ohitettiin."]
