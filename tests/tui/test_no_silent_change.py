"""No silent change: every form and dialog opened and closed unchanged leaves the file as it was.

Through the real app (Pilot): a session is opened, forms and dialogs are
opened and closed without a change (Esc, or saved as they were), the session
is closed (which saves if anything changed) and the file must be
byte-identical. After each visit the editor must have nothing unsaved, so a
failure names the form. The example sessions visit every form once; Hypothesis
draws generated sessions (``tests.support.silent.awkward_session``: values a form
would tidy up) and a few visits in any order. Each Pilot run costs about a
second, so the examples are few; the suite's profile makes them the same on
every run.
"""

from __future__ import annotations

import asyncio
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kumppani.editing.approval import is_approved
from kumppani.session.model import Session
from kumppani.settings.config import Config
from kumppani.storage.files import save_session
from kumppani.tui.app import make_app
from kumppani.tui.screens.step.screen import StepScreen
from tests.support.examples import EXAMPLES
from tests.support.silent import SLOW, VISITS, awkward_session
from tests.support.tui import edit_even_if_approved, settle

EXAMPLE_FILES = sorted(path.name for path in EXAMPLES.glob("*.toml"))


async def open_visit_close(path: Path, visits: list[str]) -> list[str]:
    """Open ``path``, make ``visits`` in order, close it; the file must not have changed.

    Returns the visits made (a session without actions has no action form to open …).
    """
    before = path.read_bytes()
    app = make_app(Config(), path.parent, language="fi", open_file=path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await edit_even_if_approved(pilot)
        screen = app.screen
        assert isinstance(screen, StepScreen)
        if is_approved(screen.editor.session) or screen.editor.can_undo:
            # "Edit anyway" withdrew the approval (when that happens is issue 13's approval
            # work, not this test's): the forms are checked against the file saved after it.
            screen.action_save()
            await settle(pilot)
            before = path.read_bytes()
        assert not screen.editor.dirty, "opening the session changed it"
        made = []
        for name in visits:
            if await VISITS[name](app, pilot, screen):
                made.append(name)
            assert not screen.editor.dirty, f"{name} changed the session"
            assert app.screen is screen
        await pilot.press("ctrl+o")
        await settle(pilot)
        assert not isinstance(app.screen, StepScreen)
    assert path.read_bytes() == before, f"the file changed after {made}"
    return made


@pytest.mark.parametrize("name", EXAMPLE_FILES)
async def test_every_form_opened_and_closed_unchanged_leaves_an_example_as_it_was(
    name: str, tmp_path: Path
) -> None:
    path = tmp_path / name
    shutil.copy(EXAMPLES / name, path)
    assert await open_visit_close(path, list(VISITS)) == list(VISITS)


@settings(
    max_examples=6,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    awkward_session(), st.lists(st.sampled_from(sorted(set(VISITS) - SLOW)), min_size=1, max_size=4)
)
def test_forms_closed_unchanged_keep_a_generated_session_exactly(
    session: Session, visits: list[str]
) -> None:
    with tempfile.TemporaryDirectory() as name:
        path = Path(name) / "istunto.toml"
        save_session(session, path)
        asyncio.run(open_visit_close(path, visits))
