"""Provides ``FittedTable``: a ``DataTable`` whose columns fit their cells from the first frame.

Textual measures the rows added to a ``DataTable`` later, when the widget is
idle, and then widens the columns without dropping the lines it may already
have drawn at the header widths. A table filled from a worker (the home
screen's scan, the timeline) could keep showing cells cut to the header's
width, "2026-" for a date, until the terminal was resized. Measuring each row
as it is added makes the first frame right; the idle pass then finds nothing
to change.
"""

from __future__ import annotations

from typing import Any

from rich.cells import cell_len
from rich.text import Text
from textual.widgets import DataTable
from textual.widgets.data_table import CellType, RowKey


def cell_width(cell: object) -> int:
    """The width of ``cell`` on one terminal line (the widest line of a multi-line text)."""
    plain = cell.plain if isinstance(cell, Text) else str(cell)
    return max(cell_len(line) for line in plain.split("\n"))


class FittedTable(DataTable[CellType]):
    """A ``DataTable`` that widens its auto-width columns as each row is added."""

    def add_row(
        self,
        *cells: CellType,
        height: int | None = 1,
        key: str | None = None,
        label: Any = None,
    ) -> RowKey:
        row_key = super().add_row(*cells, height=height, key=key, label=label)
        for column, cell in zip(self.ordered_columns, cells, strict=False):
            if column.auto_width:
                column.content_width = max(
                    column.content_width, column.label.cell_len, cell_width(cell)
                )
        return row_key
