"""Review mode writes dates and times as the minutes do, in each language (issue 14)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from kumppani.session.model import Action, Indicator, Reading
from kumppani.settings.config import Config
from kumppani.storage.files import load_session
from kumppani.text.dates import format_when
from kumppani.text.i18n import Translator
from kumppani.tui.screens.review.text import (
    action_cells,
    indicator_cells,
    indicator_detail,
    overview_text,
)
from tests.support.examples import FOLLOWUP

EXAMPLES = Path(__file__).parents[2] / "sessions"
SHOWN = {
    "fi": ("Päivä: 17.9.2026 klo 13.00–15.30", "24.9.2026 klo 14.10", "5.12.2026"),
    "sv": ("Datum: 17.9.2026 kl. 13.00–15.30", "24.9.2026 kl. 14.10", "5.12.2026"),
    "en": ("Date: 17 September 2026 13:00–15:30", "24 September 2026 14:10", "5 December 2026"),
}


@pytest.mark.parametrize("language", SHOWN)
def test_review_dates_read_as_in_the_minutes(language: str) -> None:
    session = load_session(EXAMPLES / FOLLOWUP)
    translate = Translator(language)
    overview = overview_text(session, Config(), translate).plain
    when, approved, day = SHOWN[language]
    assert when in overview
    assert approved in overview
    assert "2026-09-17" not in overview and "2026-09-24" not in overview
    assert format_when(session.date, session.start_time, session.end_time, language) in when
    action = Action("Malli", due=dt.date(2026, 12, 5))
    assert action_cells(action, translate)[-1].plain == day
    indicator = Indicator("Työllisyys", "%", readings=[Reading(dt.date(2026, 12, 5), 3.6)])
    assert f"({day})" in indicator_cells(indicator, language)[4].plain
    assert indicator_detail(indicator, translate).plain.count(day) == 1
