"""Arbitrary text in every field, through every view with Pilot: no crash, shown literally.

Hypothesis builds sessions whose title, participant, notes, conclusions,
win-win, actions and indicators hold any text, with markup, escape sequences,
control and bidi characters, emoji, combining marks and wide characters mixed
in; the app opens each one headless at a fixed size and visits every view
that shows them (``tests.support.hostile.visit_everything``; the details form and
the help, slow to build, are visited by ``test_hostile_widgets``).
"""

from __future__ import annotations

import asyncio
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from kumppani.settings.config import Config
from kumppani.tui.app import make_app
from tests.support.hostile import FIELDS, SIZE, hostile_session, saved, tagged, visit_everything

FRAGMENTS = [
    "[bold]",
    "[/]",
    "[/bold]",
    "[link=file:///etc/passwd]",
    "[@click=app.quit]",
    "$variable",
    "\x1b[2J",
    "\x1b]8;;http://evil.example\x1b\\",
    "\x1b]0;title\x07",
    "\x9b31m",
    "\x00",
    "\x07",
    "\u202e",
    "\u2066",
    "\u200f",
    "👩\u200d👩\u200d👧",
    "e\u0301",
    "漢字のタイトル",
    "\t",
    "\n",
    "\r\n",
    "\u2028",
    "\\",
    '"""',
    "ä ö å",
]
PIECES = st.one_of(
    st.sampled_from(FRAGMENTS),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=6),
)
TEXT = st.lists(PIECES, max_size=6).map("".join)
TEXTS = st.fixed_dictionaries({field: TEXT for field in FIELDS})
EMPTY = dict.fromkeys(FIELDS, "")


async def open_and_visit(texts: dict[str, str]) -> None:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        path = saved(folder, hostile_session(texts))
        app = make_app(Config(), folder, language="fi")
        async with app.run_test(size=SIZE) as pilot:
            await visit_everything(app, pilot, texts, path, forms=False)


@pytest.mark.slow
@settings(max_examples=3, suppress_health_check=[HealthCheck.too_slow])  # the whole app per example
@given(TEXTS)
# Found: the session list drew a title's line break as nothing, the step header as ⏎.
@example({**EMPTY, "title": "\nl"})
@example({**EMPTY, "title": "\r\n[bold]"})
def test_any_text_in_any_field_is_shown_literally_everywhere(texts: dict[str, str]) -> None:
    asyncio.run(open_and_visit(tagged(texts)))
