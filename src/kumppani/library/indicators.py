"""Provides indicators followed over a series: each indicator's dated readings across sessions.

A follow-up session carries the indicators of its series with the same ids
and keeps their readings, and adds new ones. ``track_indicators`` merges the
sessions of a series (oldest first) into one track per indicator: the name,
unit, baseline and target of the latest session that states it, and every
reading once per date (a later session's value wins for the same date), with
the session the reading first appeared in. ``progress`` says how far a value
has come from the baseline towards the target. ``series_for_file`` finds the
series of one session file by scanning its folder.
"""

from __future__ import annotations

import datetime as dt
import math
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from kumppani.library import IndicatorSummary, SessionSummary, scan_folder, series_of
from kumppani.text.numbers import Number


@dataclass(frozen=True)
class TrackPoint:
    """One dated reading of an indicator, and the session that first recorded it."""

    on: dt.date
    value: Number
    session: SessionSummary


@dataclass(frozen=True)
class IndicatorTrack:
    """An indicator across a series: its latest definition and all of its readings, by date."""

    id: str
    name: str
    unit: str
    baseline: Number | None
    target: Number | None
    owner: str
    points: tuple[TrackPoint, ...]
    latest_session: SessionSummary
    """The latest session that states this indicator."""

    @property
    def values(self) -> list[float]:
        """The reading values, oldest first (what a chart draws)."""
        return [float(point.value) for point in self.points]

    @property
    def latest(self) -> TrackPoint | None:
        """The most recent reading, if any."""
        return self.points[-1] if self.points else None


def progress(value: Number, baseline: Number | None, target: Number | None) -> float | None:
    """How far ``value`` has come from the baseline towards the target: 0.0 at the
    baseline, 1.0 at the target (beyond 1 past it, negative when going the wrong
    way). None without both, or when they are equal."""
    if baseline is None or target is None or target == baseline:
        return None
    return (value - baseline) / (target - baseline)


ZOOM_BELOW = 0.05
"""A scale from zero is used unless the range is under this share of the largest value."""
ZOOM_FLOOR = 0.6
"""On a zoomed scale the lowest value still fills this share of the height."""


def _round_down(value: float, spread: float) -> float:
    """``value`` rounded down to the order of magnitude of ``spread`` (a bottom to read)."""
    digits = -math.floor(math.log10(spread))
    step = 10.0**-digits
    return max(0.0, round(math.floor(value / step) * step, max(0, digits)))


def chart_scale(
    values: Sequence[Number], baseline: Number | None = None, target: Number | None = None
) -> tuple[float, float]:
    """The bottom and top of a chart of ``values`` that puts the baseline and target on it.

    Positive values are drawn from zero, so 3,8 → 3,6 is a small step down, not
    a collapse. Only when the values, baseline and target all lie within 5 % of
    the largest of them (200 000 → 200 500 inhabitants) is the scale zoomed, and
    then so that the lowest still fills 60 % of the height. Values of both signs
    span from the lowest to the highest; negative ones up to zero.
    """
    points = [float(value) for value in (*values, baseline, target) if value is not None]
    points = [point for point in points if math.isfinite(point)]
    if not points:
        return 0.0, 1.0
    low, high = min(points), max(points)
    if low >= 0:
        spread = high - low
        if high > 0 and 0 < spread < ZOOM_BELOW * high:
            return _round_down(low - spread * ZOOM_FLOOR / (1 - ZOOM_FLOOR), spread), high
        return 0.0, high if high > 0 else 1.0
    if high <= 0:
        return low, 0.0
    return low, high


def track_indicators(series: Sequence[SessionSummary]) -> list[IndicatorTrack]:
    """One track per indicator id of ``series`` (sessions oldest first), in order of first
    appearance."""
    latest: dict[str, tuple[IndicatorSummary, SessionSummary]] = {}
    readings: dict[str, dict[dt.date, tuple[Number, SessionSummary]]] = {}
    for session in series:
        for indicator in session.indicators:
            latest[indicator.id] = (indicator, session)
            known = readings.setdefault(indicator.id, {})
            for on, value in indicator.readings:
                first = known[on][1] if on in known else session
                known[on] = (value, first)
    tracks = []
    for ident, (indicator, session) in latest.items():
        points = tuple(
            TrackPoint(on, value, first) for on, (value, first) in sorted(readings[ident].items())
        )
        tracks.append(
            IndicatorTrack(
                id=ident,
                name=indicator.name,
                unit=indicator.unit,
                baseline=indicator.baseline,
                target=indicator.target,
                owner=indicator.owner,
                points=points,
                latest_session=session,
            )
        )
    return tracks


@dataclass
class SeriesView:
    """The series around one session file, as the timeline and the indicators view show it."""

    sessions: list[SessionSummary]
    """The sessions of the series, oldest first (empty if the file is not a readable session)."""
    current: SessionSummary | None
    """The session of the file asked about."""
    broken: int = 0
    """How many files of the folder could not be read (skipped)."""


def series_for_file(path: Path, live: SessionSummary | None = None) -> SeriesView:
    """The series of the session in ``path``, from a scan of its folder (index cache used).

    ``live`` is the summary of the session as it is being edited: it stands in
    for what the file holds, so an open session shows its unsaved readings too.
    """
    result = scan_folder(path.parent)
    target = os.path.abspath(path)
    summaries = [item for item in result.summaries if os.path.abspath(item.path) != target]
    current = live
    if current is None:
        current = next(
            (item for item in result.summaries if os.path.abspath(item.path) == target), None
        )
    if current is None:
        return SeriesView([], None, len(result.errors))
    summaries.append(current)
    return SeriesView(series_of(summaries, current.id), current, len(result.errors))
