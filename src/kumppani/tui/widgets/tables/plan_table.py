"""Provides the compact table of step 4's actions or step 5's indicators.

Read-only rows (title, responsible, due, status / name, baseline → target,
owner); ``a`` and ``i`` in the step view open the editors. The last row says
how to add one ("+ Uusi toimenpide (a tai Ctrl+P)"), so an empty table tells
what to press; Enter on it adds one. All text literal.
"""

from __future__ import annotations

from rich.text import Text

from kumppani.session.model import Action, Indicator
from kumppani.text.i18n import Translator
from kumppani.text.numbers import format_number
from kumppani.text.safe import one_line
from kumppani.tui.widgets.tables.fitted_table import FittedTable

NEW_ROW = "+new"
"""The key of the row that adds an item (no item id has a "+")."""


class PlanTable(FittedTable[Text]):
    """Actions or indicators, one row each."""

    DEFAULT_CSS = "PlanTable { height: auto; max-height: 6; }"

    def __init__(self, translate: Translator, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", show_cursor=True)
        self.translate = translate

    def show_actions(self, actions: list[Action]) -> None:
        """Fill with step 4's actions."""
        self.clear(columns=True)
        self.add_column(self.translate("step.actions"))
        self.add_columns("", "", "")
        for action in actions:
            self.add_row(
                Text(one_line(action.title, 40)),
                Text(one_line(", ".join(action.responsible), 24)),
                Text(action.due.isoformat() if action.due else ""),
                Text(self.translate(f"action_status.{action.status}")),
                key=action.id,
            )
        self._add_new_row("step.new_action")

    def show_indicators(self, indicators: list[Indicator]) -> None:
        """Fill with step 5's indicators."""
        self.clear(columns=True)
        self.add_column(self.translate("step.indicators"))
        self.add_columns("", "")
        for indicator in indicators:
            language = self.translate.language
            baseline = format_number(indicator.baseline, language)
            span = f"{baseline} → {format_number(indicator.target, language)} {indicator.unit}"
            self.add_row(
                Text(one_line(indicator.name, 40)),
                Text(one_line(span, 24)),
                Text(one_line(indicator.owner, 24)),
                key=indicator.id,
            )
        self._add_new_row("step.new_indicator")

    def _add_new_row(self, label: str) -> None:
        """The last row says how to add one; Enter on it opens an empty editor."""
        cells = [Text(self.translate(label), style="italic")]
        cells += [Text("") for _ in range(len(self.columns) - 1)]
        self.add_row(*cells, key=NEW_ROW)
