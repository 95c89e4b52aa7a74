"""Provides the side panels of the step view and how F6 and F9 open and close them.

The conclusion of every step (F6 or ``c``), step 3's win-win and the step
texts of steps 4 and 5, the shared message and the follow-up plan (F9). A
panel shows when it has text and the terminal has room; the keys show a hidden
panel and go in, go into a shown one, or hide the one you are in.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.widget import Widget
from textual.widgets import TextArea

from kumppani.editing import SessionEditor
from kumppani.i18n import Translator
from kumppani.model import Session, Step
from kumppani.tui.widgets.winwin_panel import WinWinPanel

COMPACT_HEIGHT = 30
"""Below this many rows the guiding questions start folded and the panels hidden."""

STEP_TEXTS = {"solutions": "shared_message", "followup": "followup_plan"}
"""The session text each step edits besides its conclusion (F9)."""


def show_panels(screen: Widget, editor: SessionEditor, translate: Translator, step: Step) -> None:
    """Load ``step``'s conclusion, win-win and step text into the panels of ``screen``."""
    conclusion = screen.query_one("#conclusion", TextArea)
    if conclusion.text != step.conclusion:
        conclusion.load_text(step.conclusion)
    conclusion.display = bool(step.conclusion) and screen.app.size.height >= COMPACT_HEIGHT
    winwin = screen.query_one(WinWinPanel)
    winwin.display = step.key == "will" and screen.app.size.height >= COMPACT_HEIGHT
    winwin.show(editor.session.winwin, editor.read_only)
    show_step_text(screen.query_one("#step-text", TextArea), editor.session, translate, step.key)


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


def own_panel(screen: Widget, step_key: str) -> tuple[Widget, Widget] | None:
    """The step's own panel (F9) and what to focus in it; None if the step has none."""
    if step_key == "will":
        panel = screen.query_one(WinWinPanel)
        return panel, panel.query_one(TextArea)
    if step_key in STEP_TEXTS:
        area = screen.query_one("#step-text", TextArea)
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
