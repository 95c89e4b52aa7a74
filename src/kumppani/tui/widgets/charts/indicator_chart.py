"""Provides the indicator chart: bars of an indicator's readings on a scale that keeps its
baseline and target in view.

Textual's ``Sparkline`` draws every series from its lowest to its highest
value, so 3,8 → 3,6 fills the height and then almost nothing: a collapse. This
chart takes its scale from ``kumppani.library.indicators.chart_scale`` (from
zero for positive values; the baseline and the target always on it) and
otherwise draws as a sparkline does, one bar per reading or per bucket of
readings, in eighths of a line. Right of the bars, a mark ``◂ label`` on the
row of the baseline and one on the row of the target name them with their
values, so that even a single reading is seen against where it started and
where it should go.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from rich.style import Style
from rich.text import Text
from textual.app import RenderResult
from textual.reactive import reactive
from textual.widgets import Sparkline

from kumppani.library.indicators import chart_scale
from kumppani.text.numbers import Number

BARS = " ▁▂▃▄▅▆▇█"


def bar_heights(values: Sequence[float], scale: tuple[float, float], eighths: int) -> list[int]:
    """How many eighths of a line each value fills, of ``eighths`` in all."""
    bottom, top = scale
    extent = top - bottom or 1.0
    heights = []
    for value in values:
        share = min(1.0, max(0.0, (value - bottom) / extent))
        heights.append(round(share * eighths))
    return heights


def mark_rows(
    marks: Sequence[tuple[float, str]], scale: tuple[float, float], height: int
) -> dict[int, str]:
    """The label of each mark on its row (0 = the top row); marks on one row share it."""
    rows: dict[int, str] = {}
    filled = bar_heights([value for value, _ in marks], scale, height * 8)
    for eighths, (_, label) in zip(filled, marks, strict=True):
        row = height - max(1, math.ceil(eighths / 8))
        rows[row] = f"{rows[row]} · {label}" if row in rows else label
    return rows


def marks_width(marks: Sequence[tuple[float, str]]) -> int:
    """Columns the marks may take right of the bars: ``" ◂ "`` and both labels on one row."""
    return len(" ◂ " + " · ".join(label for _, label in marks)) if marks else 0


def _columns(values: Sequence[float], width: int) -> list[float]:
    """One value per column: each reading spread over its columns, or the largest of the
    readings that share a column (as Textual's sparkline buckets them)."""
    if not values or width <= 0:
        return []
    count = len(values)
    columns = []
    for index in range(width):
        start = index * count // width
        end = max(start + 1, (index + 1) * count // width)
        columns.append(max(values[start:end]))
    return columns


class IndicatorChart(Sparkline):
    """A sparkline whose scale holds the baseline and the target (see ``chart_scale``)."""

    scale: reactive[tuple[float, float]] = reactive((0.0, 1.0))
    """The values at the bottom and the top of the chart."""
    marks: reactive[tuple[tuple[float, str], ...]] = reactive(())
    """The baseline and the target, each with its label, drawn right of the bars."""

    def show(
        self,
        values: Sequence[float],
        baseline: Number | None,
        target: Number | None,
        labels: tuple[str, str] = ("", ""),
    ) -> None:
        """Draw ``values`` on a scale that also holds ``baseline`` and ``target``; ``labels``
        name the two (with their values) on their rows."""
        self.scale = chart_scale(values, baseline, target)
        self.marks = tuple(
            (float(value), label)
            for value, label in zip((baseline, target), labels, strict=True)
            if value is not None and label and math.isfinite(value)
        )
        self.data = list(values)

    def render(self) -> RenderResult:
        width, height = self.size.width, max(1, self.size.height)
        labels = mark_rows(self.marks, self.scale, height) if self.marks else {}
        if labels:
            width = max(1, width - marks_width(self.marks))
        columns = _columns(list(self.data or []), width)
        heights = bar_heights(columns, self.scale, height * 8)
        _, base = self.background_colors
        low = base + self.get_component_styles("sparkline--min-color").color
        high = base + self.get_component_styles("sparkline--max-color").color
        extent = height * 8 or 1
        styles = [Style(color=low.blend(high, filled / extent).rich_color) for filled in heights]
        text = Text(no_wrap=True)
        for row in reversed(range(height)):
            for filled, style in zip(heights, styles, strict=True):
                text.append(BARS[min(8, max(0, filled - row * 8))], style)
            label = labels.get(height - 1 - row)
            if label:
                text.append(f" ◂ {label}")
            if row:
                text.append("\n")
        return text
