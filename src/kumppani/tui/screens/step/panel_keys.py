"""Provides the step view's side panels as the screen makes them and F6/F9 open them.

``StepScreen`` mixes this in. ``panel`` makes a panel the first time a step
needs it (``step_panels`` holds what they show and where they go); F6 (or
``c``) opens the conclusion and F9 the step's own panel. A panel made just
now is filled before it shows; one that has the focus is never reloaded, as
its last keys may not have reached the editor yet.
"""

from __future__ import annotations

from textual.widget import Widget
from textual.widgets import TextArea

from kumppani.tui.screens.step.panels import (
    find_panel,
    own_panel,
    place_panel,
    show_step_text,
    toggle_panel,
)
from kumppani.tui.screens.step.roundtable import RoundTableMixin
from kumppani.tui.widgets.step.winwin_panel import WinWinPanel
from kumppani.tui.widgets.tables.plan_table import PlanTable


class StepPanelsMixin(RoundTableMixin):
    """The step screen's panels and their keys (``StepScreen`` provides the rest)."""

    @property
    def step_key(self) -> str:
        """The key of the step on screen."""
        return self.editor.session.steps[self.index].key

    def action_focus_capture(self) -> None:
        """Provided by the step screen."""

    def panel(self, name: str) -> Widget:
        """The side panel ``name`` (``step_panels.PANELS``), made when first needed."""
        found = find_panel(self, name)
        if found is not None:
            return found
        made: Widget
        if name == "winwin":
            made = WinWinPanel(
                self.translate, self.editor.session.winwin, self.editor.read_only, id=name
            )
        elif name == "plan":
            made = PlanTable(self.translate, id=name)
        else:
            made = TextArea(id=name, soft_wrap=True, read_only=self.editor.read_only)
            if name == "conclusion":
                made.border_title = self.translate("step.conclusion")
        return place_panel(self, name, made)

    def action_toggle_conclusion(self) -> None:
        area = self.panel("conclusion")
        conclusion = self.editor.session.steps[self.index].conclusion
        if isinstance(area, TextArea) and not area.has_focus and area.text != conclusion:
            area.load_text(conclusion)
        toggle_panel(area, area, self.action_focus_capture)

    def action_toggle_winwin(self) -> None:
        """F9: the step's own panel: win-win (3), shared message (4), follow-up plan (5)."""
        found = own_panel(self.panel, self.step_key)
        if found is None:
            self.notify(self.translate("step.winwin_only"))
            return
        panel = found[0]
        if isinstance(panel, TextArea) and not panel.has_focus:  # filled and titled, as F6
            show_step_text(panel, self.editor.session, self.translate, self.step_key)
        toggle_panel(*found, self.action_focus_capture)
