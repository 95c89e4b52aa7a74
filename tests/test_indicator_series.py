"""Indicators across a series: the readings of every session of the series, once per date."""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from kumppani.library import SessionSummary, scan_folder, series_of
from kumppani.library.indicators import progress, track_indicators
from tests.support.examples import EXAMPLES


@pytest.fixture
def series(tmp_path: Path) -> list[SessionSummary]:
    for path in EXAMPLES.glob("*.toml"):
        shutil.copy(path, tmp_path / path.name)
    summaries = scan_folder(tmp_path, cache=False, workers=1).summaries
    return series_of(summaries, "s-7c2e91a4")


def test_a_track_holds_every_reading_of_the_series_once_by_date(
    series: list[SessionSummary],
) -> None:
    tracks = {track.id: track for track in track_indicators(series)}
    long_term = tracks["i-pitkatyott"]
    assert [point.on for point in long_term.points] == [
        dt.date(2026, 2, 28),
        dt.date(2026, 5, 31),
        dt.date(2026, 8, 31),
    ]
    assert long_term.values == [1240.0, 1175.0, 1090.0]
    # The baseline reading was recorded in the first session, the others in the follow-up.
    assert long_term.points[0].session.path.name == "2026-03-12-nuorisotyollisyys.toml"
    assert long_term.points[-1].session.path.name.endswith("-seuranta.toml")
    assert long_term.latest_session.path.name.endswith("-seuranta.toml")
    assert (long_term.baseline, long_term.target, long_term.unit) == (1240, 620, "henkilöä")


def test_a_later_session_wins_for_the_same_date(series: list[SessionSummary]) -> None:
    first, later = series
    changed = later.indicators[0]._replace(readings=((dt.date(2026, 2, 28), 1200),))
    later = dataclasses.replace(later, indicators=(changed,))
    track = next(t for t in track_indicators([first, later]) if t.id == changed.id)
    assert [(p.on, p.value) for p in track.points] == [(dt.date(2026, 2, 28), 1200)]
    assert track.points[0].session is first


def test_progress_runs_from_baseline_to_target() -> None:
    assert progress(1240, 1240, 620) == 0
    assert progress(620, 1240, 620) == 1
    assert progress(930, 1240, 620) == pytest.approx(0.5)
    assert progress(5, None, 10) is None
    assert progress(5, 10, 10) is None


@pytest.mark.parametrize(
    ("values", "baseline", "target", "scale"),
    [
        ([3.8, 3.6], 3.8, 3.0, (0.0, 3.8)),  # a small step down stays small
        ([3.8, 3.6], None, None, (0.0, 3.8)),
        ([35, 58], 35, 90, (0.0, 90.0)),  # the target is on the scale
        ([200_000, 200_500], None, None, (199_200.0, 200_500.0)),  # tiny range: zoomed
        ([200_000, 200_500], 180_000, None, (0.0, 200_500.0)),  # the baseline is far below
        ([-2, -1], None, None, (-2.0, 0.0)),
        ([-1, 2], None, None, (-1.0, 2.0)),
        ([5], None, None, (0.0, 5.0)),
        ([0, 0], None, None, (0.0, 1.0)),
        ([], None, None, (0.0, 1.0)),
    ],
)
def test_the_chart_scale_holds_baseline_and_target_and_starts_from_zero(
    values: list[float], baseline: float | None, target: float | None, scale: tuple[float, float]
) -> None:
    from kumppani.library.indicators import chart_scale

    assert chart_scale(values, baseline, target) == scale


@given(st.lists(st.floats(0, 1e9), min_size=1, max_size=20), st.floats(0, 1e9))
@example([200_000.0, 200_500.0], 200_250.0)
def test_a_zoomed_scale_keeps_the_lowest_bar_at_least_half_high(
    values: list[float], target: float
) -> None:
    from kumppani.library.indicators import chart_scale

    bottom, top = chart_scale(values, None, target)
    low = min([*values, target])
    assert 0 <= bottom <= low <= top
    if top > 0:
        assert (low - bottom) / (top - bottom) >= 0.5 or bottom == 0
