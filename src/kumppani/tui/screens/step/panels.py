"""Provides the side panels of the step view and how F6 and F9 open and close them.

The conclusion of every step (F6 or ``c``), step 3's win-win and the step
texts of steps 4 and 5, the shared message and the follow-up plan (F9). A
panel shows when it has text and the terminal has room; the keys show a hidden
panel and go in, go into a shown one, or hide the one you are in.

The panels are made the first time a step needs one (``StepScreen.panel``):
most steps show none, and four text areas, a table and their styles were a
good part of the time it took to show a session.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.widget import Widget
from textual.widgets import TextArea

from kumppani.editing.editor import SessionEditor
from kumppani.session.model import Session, Step
from kumppani.text.i18n import Translator
from kumppani.tui.widgets.step.capture_line import CaptureBar
from kumppani.tui.widgets.step.winwin_panel import WinWinPanel

COMPACT_HEIGHT = 30
"""Below this many rows the guiding questions start folded and the panels hidden."""

STEP_TEXTS = {"solutions": "shared_message", "followup": "followup_plan"}
"""The session text each step edits besides its conclusion (F9)."""

PANELS = ("winwin", "plan", "step-text", "conclusion")
"""The panels' ids, in their order on the screen (above the capture line)."""

MakePanel = Callable[[str], Widget]
"""The screen's ``panel``: the panel with this id, made and mounted if it is not there yet."""


def find_panel(screen: Widget, name: str) -> Widget | None:
    """The panel ``name`` if it has been made."""
    for widget in screen.query(f"#{name}"):
        return widget
    return None


def place_panel(screen: Widget, name: str, panel: Widget) -> Widget:
    """Mount a new ``panel`` in its place among the panels made so far."""
    later = (find_panel(screen, other) for other in PANELS[PANELS.index(name) + 1 :])
    before = next((found for found in later if found is not None), None)
    screen.query_one("#step-main").mount(panel, before=before or screen.query_one(CaptureBar))
    return panel


def show_panels(
    screen: Widget, panel: MakePanel, editor: SessionEditor, translate: Translator, step: Step
) -> None:
    """Load ``step``'s conclusion, win-win and step text into the panels of ``screen``."""
    tall = screen.app.size.height >= COMPACT_HEIGHT

    def wanted(name: str, shown: bool) -> Widget | None:
        return panel(name) if shown else find_panel(screen, name)

    conclusion = wanted("conclusion", bool(step.conclusion) and tall)
    if isinstance(conclusion, TextArea):
        if conclusion.text != step.conclusion:
            conclusion.load_text(step.conclusion)
        conclusion.display = bool(step.conclusion) and tall
    winwin = wanted("winwin", step.key == "will" and tall)
    if isinstance(winwin, WinWinPanel):
        winwin.display = step.key == "will" and tall
        winwin.show(editor.session.winwin, editor.read_only)
    field = STEP_TEXTS.get(step.key)
    area = wanted("step-text", field is not None and bool(getattr(editor.session, field)) and tall)
    if isinstance(area, TextArea):
        show_step_text(area, editor.session, translate, step.key)


def show_step_text(area: TextArea, session: Session, translate: Translator, key: str) -> None:
    """Step 4's shared message or step 5's follow-up plan, shown when it has text."""
    field = STEP_TEXTS.get(key)
    if field is None:
        area.display = False
        return
    text = getattr(session, field)
    if area.text != text:
        area.load_text(text)
    area.border_title = translate(f"step.{field}")
    area.display = bool(text) and area.app.size.height >= COMPACT_HEIGHT


def own_panel(panel: MakePanel, step_key: str) -> tuple[Widget, Widget] | None:
    """The step's own panel (F9) and what to focus in it; None if the step has none."""
    if step_key == "will":
        winwin = panel("winwin")
        return winwin, winwin  # focusing the panel focuses its first area
    if step_key in STEP_TEXTS:
        area = panel("step-text")
        return area, area
    return None


def toggle_panel(panel: Widget, first: Widget, back: Callable[[], object]) -> None:
    """Hidden: show and go in. Shown elsewhere: go in. In it: hide, and ``back``."""
    if panel.display and not panel.has_focus_within:
        first.focus()
    elif panel.display:
        panel.display = False
        back()
    else:
        panel.display = True
        first.focus()
