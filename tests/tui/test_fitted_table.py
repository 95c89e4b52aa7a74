"""Tables show whole cells from the first frame after rows are added (not header widths).

Textual measures added rows only when idle, and a line drawn before that kept
the header's width: the home screen, filled by its scan, could show dates as
"2026-" until the terminal was resized.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import App, ComposeResult

from kumppani.session.model import Indicator
from kumppani.text.i18n import Translator
from kumppani.tui.widgets.tables.fitted_table import FittedTable, cell_width
from kumppani.tui.widgets.tables.plan_table import PlanTable


class TableApp(App[None]):
    def compose(self) -> ComposeResult:
        yield FittedTable[Text](id="table")


async def test_a_row_drawn_at_once_shows_every_cell_whole() -> None:
    app = TableApp()
    async with app.run_test(size=(80, 10)) as pilot:
        table = app.query_one(FittedTable)
        table.add_column("Päivä", key="date")
        table.add_column("Otsikko", key="title")
        table.add_row(Text("2026-03-12"), Text("Nuorisotyöllisyys [b]Tampere[/b]"))
        first_row = table.render_line(1).text  # drawn before Textual's idle pass
        assert "2026-03-12" in first_row
        assert "Nuorisotyöllisyys [b]Tampere[/b]" in first_row
        await pilot.pause()
        assert "2026-03-12" in table.render_line(1).text


async def test_a_wide_row_added_later_widens_its_column() -> None:
    app = TableApp()
    async with app.run_test(size=(80, 10)):
        table = app.query_one(FittedTable)
        table.add_column("Tila", key="status")
        table.add_row(Text("Pidetty"))
        table.add_row(Text("Muistio hyväksytty"))
        assert "Muistio hyväksytty" in table.render_line(2).text
        assert "Pidetty" in table.render_line(1).text


def test_cell_width_counts_terminal_cells_of_the_widest_line() -> None:
    assert cell_width(Text("ääni")) == 4
    assert cell_width("🎉") == 2
    assert cell_width(Text("lyhyt\npidempi rivi")) == 12


class PlanApp(App[None]):
    def compose(self) -> ComposeResult:
        yield PlanTable(Translator("fi"))


async def test_the_plan_table_writes_numbers_as_the_language_does() -> None:
    app = PlanApp()
    async with app.run_test(size=(80, 10)) as pilot:
        table = app.query_one(PlanTable)
        table.show_indicators([Indicator("Työttömyys", "%", baseline=4.1, target=2)])
        await pilot.pause()
        row = table.render_line(1).text
        assert "4,1 → 2 %" in row
