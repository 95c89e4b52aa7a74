"""Provides the side panels of the step view and how F6 and F9 open and close them.

The conclusion of every step (F6 or ``c``), step 3's win-win, the plan of
steps 4 and 5 (their actions and indicators) and their step texts, the shared
message and the follow-up plan (F9). ``StepPanels`` holds them between the
notes and the capture line. A panel shows when it has text and the terminal
has room; the keys show a hidden panel and go in, go into a shown one, or
hide the one you are in. What is typed in a panel goes to the editor; Enter on
a plan row (or ``a``/``i``) opens the action or indicator editor.

The panels are made the first time a step needs one (``StepPanels.panel``):
most steps show none, and four text areas, a table and their styles were a
good part of the time it took to show a session. A panel made just now is
filled before it shows; one that has the focus is never reloaded, as its last
keys may not have reached the editor yet.
"""

from __future__ import annotations

from textual.containers import Vertical
from textual.widget import Widget
from textual.widgets import DataTable, TextArea

from kumppani.editing.editor import SessionEditor
from kumppani.session.model import Step
from kumppani.text.i18n import Translator
from kumppani.tui.screens.step.host import StepHost
from kumppani.tui.screens.step.plan import PLAN_STEPS, edit_plan, show_plan
from kumppani.tui.widgets.step.winwin_panel import WinWinPanel
from kumppani.tui.widgets.tables.plan_table import PlanTable

COMPACT_HEIGHT = 30
"""Below this many rows the guiding questions start folded and the panels hidden."""

STEP_TEXTS = {"solutions": "shared_message", "followup": "followup_plan"}
"""The session text each step edits besides its conclusion (F9)."""

PANELS = ("winwin", "plan", "step-text", "conclusion")
"""The panels' ids, in their order on the screen (above the capture line)."""


class StepPanels(Vertical):
    """The win-win, plan, step text and conclusion of the step on screen, made when needed."""

    def __init__(
        self,
        editor: SessionEditor,
        translate: Translator,
        host: StepHost,
        *,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.editor = editor
        self.translate = translate
        self.host = host

    # -- making and showing ------------------------------------------------------------------
    def find(self, name: str) -> Widget | None:
        """The panel ``name`` if it has been made."""
        for widget in self.query(f"#{name}"):
            return widget
        return None

    def panel(self, name: str) -> Widget:
        """The panel ``name`` (one of ``PANELS``), made and mounted in its place when needed."""
        found = self.find(name)
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
        later = (self.find(other) for other in PANELS[PANELS.index(name) + 1 :])
        self.mount(made, before=next((found for found in later if found is not None), None))
        return made

    def _wanted(self, name: str, shown: bool) -> Widget | None:
        return self.panel(name) if shown else self.find(name)

    def show(self, step: Step) -> None:
        """Load ``step``'s conclusion, win-win, plan and step text into the panels."""
        tall = self.app.size.height >= COMPACT_HEIGHT
        session = self.editor.session
        conclusion = self._wanted("conclusion", bool(step.conclusion) and tall)
        if isinstance(conclusion, TextArea):
            if conclusion.text != step.conclusion:
                conclusion.load_text(step.conclusion)
            conclusion.display = bool(step.conclusion) and tall
        winwin = self._wanted("winwin", step.key == "will" and tall)
        if isinstance(winwin, WinWinPanel):
            winwin.display = step.key == "will" and tall
            winwin.show(session.winwin, self.editor.read_only)
        field = STEP_TEXTS.get(step.key)
        area = self._wanted(
            "step-text", field is not None and bool(getattr(session, field)) and tall
        )
        if isinstance(area, TextArea):
            self._show_step_text(area, step.key)
        plan = self._wanted("plan", step.key in PLAN_STEPS)
        if isinstance(plan, PlanTable):
            show_plan(plan, session, step.key)

    def _show_step_text(self, area: TextArea, key: str) -> None:
        """Step 4's shared message or step 5's follow-up plan, shown when it has text."""
        field = STEP_TEXTS.get(key)
        if field is None:
            area.display = False
            return
        text = getattr(self.editor.session, field)
        if area.text != text:
            area.load_text(text)
        area.border_title = self.translate(f"step.{field}")
        area.display = bool(text) and self.app.size.height >= COMPACT_HEIGHT

    # -- F6 and F9 ---------------------------------------------------------------------------
    def toggle_conclusion(self) -> None:
        """F6 or ``c``: the conclusion of the step on screen."""
        area = self.panel("conclusion")
        conclusion = self.host.current_step.conclusion
        if isinstance(area, TextArea) and not area.has_focus and area.text != conclusion:
            area.load_text(conclusion)
        self._toggle(area)

    def toggle_own(self) -> None:
        """F9: the step's own panel: win-win (3), shared message (4), follow-up plan (5)."""
        key = self.host.current_step.key
        if key == "will":
            panel = self.panel("winwin")  # focusing the panel focuses its first area
        elif key in STEP_TEXTS:
            panel = self.panel("step-text")
            if isinstance(panel, TextArea) and not panel.has_focus:  # filled and titled, as F6
                self._show_step_text(panel, key)
        else:
            self.notify(self.translate("step.winwin_only"))
            return
        self._toggle(panel)

    def _toggle(self, panel: Widget) -> None:
        """Hidden: show and go in. Shown elsewhere: go in. In it: hide, back to the capture line."""
        if panel.display and not panel.has_focus_within:
            panel.focus()
        elif panel.display:
            panel.display = False
            self.host.focus_capture()
        else:
            panel.display = True
            panel.focus()
        # On a short screen the step view scrolls: bring the panel into view once laid out.
        self.call_after_refresh(panel.scroll_visible, animate=False)

    # -- what is typed and chosen in the panels ----------------------------------------------
    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        if self.editor.read_only:
            return
        key = self.host.current_step.key
        if event.text_area.id == "conclusion":
            self.editor.set_conclusion(key, event.text_area.text)
        elif event.text_area.id == "step-text" and key in STEP_TEXTS:
            self.editor.set_step_text(STEP_TEXTS[key], event.text_area.text)

    def on_win_win_panel_changed(self, event: WinWinPanel.Changed) -> None:
        if not self.editor.read_only:
            self.editor.set_winwin(event.field, event.text)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        if event.data_table.id == "plan":
            event.stop()
            self.edit_plan(event.row_key.value)

    def edit_plan(self, item_id: str | None) -> None:
        """Open the action (step 4) or indicator (step 5) editor; None for a new one."""
        if not self.host.writable():
            return
        language = self.translate.language
        key = self.host.current_step.key
        edit_plan(self.app, self.editor, language, key, item_id, self.host.step_changed)
