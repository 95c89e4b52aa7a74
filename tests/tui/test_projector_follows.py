"""The projector follows the facilitator at once: step, timer and round, saved or not."""

from __future__ import annotations

from pathlib import Path

from textual.worker import WorkerCancelled

from kumppani.settings.config import Config
from kumppani.tui.projector.app import PresentApp
from kumppani.tui.screens.step.screen import StepScreen
from tests.support.examples import FIRST
from tests.support.tui import MakeApp, screen_text, settle


async def projector_sees(present: PresentApp) -> str:
    """What the projector shows after its next look at the files (as its interval does)."""
    present.poll()
    for _ in range(100):
        try:
            await present.workers.wait_for_complete()
        except WorkerCancelled:  # its own interval's look overtook this one: wait for that
            continue
        break
    return screen_text(present)


async def test_projector_follows_step_timer_and_round_without_a_save(
    app_for: MakeApp, sessions: Path
) -> None:
    path = sessions / FIRST
    before = path.read_bytes()
    app = app_for(FIRST)
    present = PresentApp(path, Config(), "fi")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, StepScreen)
        screen.autosave.delay = 3600.0  # nothing is saved while the test looks
        async with present.run_test(size=(100, 30)) as shown:
            await pilot.press("alt+2")
            await settle(pilot)
            await projector_sees(present)
            await shown.pause()
            assert "VAIHE 2/5" in screen_text(present)
            await pilot.press("ctrl+t")  # the timer runs …
            await settle(pilot)
            await projector_sees(present)
            await shown.pause()
            assert present.session is not None and present.session.live.timer_since is not None
            await pilot.press("ctrl+t", "f8")  # … is paused, and the next step comes on screen
            await settle(pilot)
            await projector_sees(present)
            await shown.pause()
            assert "VAIHE 3/5" in screen_text(present)
            assert present.session.live.timer_since is None
            await pilot.press("ctrl+r")
            await settle(pilot)
            await pilot.press("enter")  # a round starts: the floor shows
            await settle(pilot)
            await projector_sees(present)
            await shown.pause()
            assert "Puheenvuoro:" in screen_text(present)
            assert path.read_bytes() == before  # all of it without saving the session


async def test_paging_alone_is_not_unsaved_work_and_leaves_the_folder_as_it_was(
    app_for: MakeApp, sessions: Path
) -> None:
    path = sessions / FIRST
    before = path.read_bytes()
    listing = sorted(p.name for p in sessions.iterdir())
    app = app_for(FIRST)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, StepScreen)
        await pilot.press("alt+3", "f7", "f8", "f8")
        await settle(pilot)
        assert any(p.name.endswith(".live") for p in sessions.iterdir())
        assert not screen.autosave.unsaved_work
        await pilot.press("ctrl+o")
        await settle(pilot)
    assert path.read_bytes() == before
    assert sorted(p.name for p in sessions.iterdir()) == listing


async def test_timer_seconds_alone_do_not_say_unsaved(app_for: MakeApp) -> None:
    app = app_for(FIRST)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, StepScreen)
        await pilot.press("ctrl+t")
        for _ in range(3):
            screen.query_one("#timer").tick()  # type: ignore[attr-defined]
        await settle(pilot)
        assert screen.editor.dirty
        assert "Tallentamaton" not in screen_text(app)
        await pilot.press(*"muistiinpano", "enter")
        await settle(pilot)
        assert "Tallentamaton" in screen_text(app) or screen.autosave.state == "saving"
