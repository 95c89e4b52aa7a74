"""Provides the indicators view: each indicator's readings over the sessions of a series.

On top the indicators of the series (``kumppani.library.indicators``: the
latest definition, every reading once per date), with unit, baseline, target
and the latest reading. Below, for the indicator under the cursor, a
chart of its readings, oldest first (``IndicatorChart``: the baseline and the
target on its scale, positive values from zero), and a table of the dated
readings: value, change from the baseline, progress towards the target and
the session that recorded it. Tab moves between the two tables; Esc goes
back. The series is read in a worker thread; an open session passes its
current state (``live``) so readings not yet saved show too.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import DataTable, Static

from kumppani.editing.editor import SessionEditor
from kumppani.library import SessionSummary, record_of, summary_from_record
from kumppani.library.indicators import (
    IndicatorTrack,
    SeriesView,
    progress,
    series_for_file,
    track_indicators,
)
from kumppani.minutes.readings import difference
from kumppani.settings.config import Config
from kumppani.text.i18n import Translator
from kumppani.text.numbers import Number, format_number
from kumppani.text.safe import one_line
from kumppani.tui.bindings import INDICATORS_BINDINGS, localize
from kumppani.tui.widgets.charts.indicator_chart import IndicatorChart, marks_width
from kumppani.tui.widgets.chrome.key_bar import KeyBar
from kumppani.tui.widgets.chrome.title_bar import TitleBar
from kumppani.tui.widgets.tables.fitted_table import FittedTable

LIST_COLUMNS: tuple[str, ...] = ("name", "unit", "baseline", "target", "latest", "count")
READING_COLUMNS: tuple[str, ...] = ("date", "value", "change", "progress", "session")
BAR_WIDTH = 6
"""Columns per reading in the chart while there are few readings."""
WIDE_FROM = 16
"""From this many readings on the chart spans the whole width."""


class IndicatorsScreen(Screen[None]):
    """The indicators of a series over time: a chart and the dated readings."""

    CSS_PATH = "indicators.tcss"

    BINDINGS = INDICATORS_BINDINGS

    def __init__(
        self,
        path: Path,
        config: Config,
        translate: Translator,
        *,
        live: SessionSummary | None = None,
    ) -> None:
        super().__init__(id="indicators")
        self.path = path
        self.config = config
        self.translate = translate
        self.live = live
        self.tracks: list[IndicatorTrack] = []
        self.loaded = False
        localize(self, translate)

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield Static("", id="indicators-heading", markup=False)
        yield FittedTable[Text](id="indicator-list", cursor_type="row", zebra_stripes=True)
        yield Static("", id="chart-title", markup=False)
        yield IndicatorChart([], id="indicator-chart")
        yield FittedTable[Text](id="reading-table", cursor_type="row", zebra_stripes=True)
        yield Static(self.translate("timeline.loading"), id="indicators-status", markup=False)
        yield KeyBar()

    def on_mount(self) -> None:
        self.sub_title = self.translate("indicators.title")
        table = self.query_one("#indicator-list", DataTable)
        for key in LIST_COLUMNS:
            table.add_column(self.translate(f"indicators.col_{key}"), key=key)
        readings = self.query_one("#reading-table", DataTable)
        for key in READING_COLUMNS:
            readings.add_column(self.translate(f"indicators.col_{key}"), key=key)
        table.focus()
        self._scan()

    @work(thread=True, exclusive=True, group="indicators-scan")
    def _scan(self) -> None:
        view = series_for_file(self.path, self.live)
        self.app.call_from_thread(self._loaded, view)

    def _loaded(self, view: SeriesView) -> None:
        self.tracks = track_indicators(view.sessions)
        self.loaded = True
        heading = self.query_one("#indicators-heading", Static)
        if view.sessions:
            title = one_line(view.sessions[0].title, 80)
            heading.update(
                self.translate("indicators.heading", title=title, count=len(view.sessions))
            )
        table = self.query_one("#indicator-list", DataTable)
        table.clear()
        for index, track in enumerate(self.tracks):
            table.add_row(*self._list_cells(track), key=str(index))
        status = self.query_one("#indicators-status", Static)
        status.update(
            self.translate("indicators.count", count=len(self.tracks))
            if self.tracks
            else self.translate("indicators.none")
        )
        self.show_track(self.tracks[0] if self.tracks else None)

    # -- showing -----------------------------------------------------------------------------
    def _with_unit(self, value: Number | None, unit: str) -> str:
        text = format_number(value, self.translate.language)
        return f"{text} {one_line(unit, 20)}" if text and unit else text

    def _list_cells(self, track: IndicatorTrack) -> list[Text]:
        latest = track.latest
        last = (
            f"{latest.on.isoformat()}: {self._with_unit(latest.value, track.unit)}"
            if latest is not None
            else ""
        )
        return [
            Text(one_line(track.name, 44)),
            Text(one_line(track.unit, 16)),
            Text(format_number(track.baseline, self.translate.language), justify="right"),
            Text(format_number(track.target, self.translate.language), justify="right"),
            Text(last),
            Text(str(len(track.points)), justify="right"),
        ]

    @property
    def current(self) -> IndicatorTrack | None:
        """The indicator under the cursor."""
        table = self.query_one("#indicator-list", DataTable)
        if not table.row_count or not 0 <= table.cursor_row < len(self.tracks):
            return None
        return self.tracks[table.cursor_row]

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.data_table.id == "indicator-list":
            event.stop()
            self.show_track(self.current)

    def show_track(self, track: IndicatorTrack | None) -> None:
        """Chart and list the readings of ``track`` (nothing for None)."""
        chart = self.query_one("#indicator-chart", IndicatorChart)
        title = self.query_one("#chart-title", Static)
        table = self.query_one("#reading-table", DataTable)
        table.clear()
        if track is None:
            chart.data = []
            title.update("")
            return
        values = [value for value in track.values if math.isfinite(value)]
        labels = (
            self.translate(
                "indicators.mark_baseline", value=self._with_unit(track.baseline, track.unit)
            ),
            self.translate(
                "indicators.mark_target", value=self._with_unit(track.target, track.unit)
            ),
        )
        chart.show(values, track.baseline, track.target, labels)
        # A few readings as narrow bars side by side (and the marks), many across the width.
        few = len(values) * BAR_WIDTH + marks_width(chart.marks)
        chart.styles.width = few if len(values) <= WIDE_FROM else "1fr"
        title.update(self._chart_title(track))
        percent = self.translate("export.percent", value="{value}")
        for index, point in enumerate(track.points):
            change = ""
            if track.baseline is not None:
                delta = difference(point.value, track.baseline)
                change = ("+" if delta > 0 else "") + format_number(delta, self.translate.language)
            share = progress(point.value, track.baseline, track.target)
            finite = share is not None and math.isfinite(share)
            done = percent.format(value=round(share * 100)) if finite and share is not None else ""
            where = point.session.path.name
            table.add_row(
                Text(point.on.isoformat()),
                Text(self._with_unit(point.value, track.unit), justify="right"),
                Text(change, justify="right"),
                Text(done, justify="right"),
                Text(one_line(where, 60)),
                key=str(index),
            )

    def _chart_title(self, track: IndicatorTrack) -> str:
        name = one_line(track.name, 60)
        if not track.points:
            return self.translate("indicators.no_readings", name=name)
        values = [point.value for point in track.points]
        text = self.translate(
            "indicators.chart",
            name=name,
            low=self._with_unit(min(values), track.unit),
            high=self._with_unit(max(values), track.unit),
            first=track.points[0].on.isoformat(),
            last=track.points[-1].on.isoformat(),
            count=len(values),
        )
        bottom, _ = self.query_one(IndicatorChart).scale
        if bottom > 0:  # a zoomed scale: the bars do not start from zero
            zoomed = self.translate(
                "indicators.chart_zoomed", bottom=format_number(bottom, self.translate.language)
            )
            text += " · " + zoomed
        return text

    def action_back(self) -> None:
        self.dismiss(None)


def open_for_editor(
    screen: Screen[Any], editor: SessionEditor, config: Config, translate: Translator
) -> None:
    """Show the indicators of the series of the session open in ``editor``, as it is now."""
    path = editor.path
    if path is None:
        return
    live = summary_from_record(path, record_of(editor.session))
    screen.app.push_screen(IndicatorsScreen(path, config, translate, live=live))
