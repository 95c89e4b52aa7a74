"""Provides the plan of the step view: the actions of step 4 and the indicators of step 5.

The plan table shows them; ``a`` (step 4), ``i`` (step 5) or Enter on a row
opens the action or indicator editor, and what it dismisses with replaces the
item with the same id in the session, or is added to it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from textual.app import App

from kumppani.editing.editor import SessionEditor
from kumppani.session.model import Action, Indicator, Session
from kumppani.text.i18n import Translator
from kumppani.tui.dialogs.action_editor import ActionEditor
from kumppani.tui.dialogs.indicator_editor import IndicatorEditor
from kumppani.tui.widgets.tables.plan_table import PlanTable

Item = TypeVar("Item", Action, Indicator)

PLAN_STEPS = ("solutions", "followup")
"""The steps with a plan table: step 4's actions, step 5's indicators."""


def show_plan(plan: PlanTable, session: Session, step_key: str) -> None:
    """Show the plan table on steps 4 and 5 only, filled with their actions or indicators."""
    plan.display = step_key in PLAN_STEPS
    if step_key == "solutions":
        plan.show_actions(session.actions)
    elif step_key == "followup":
        plan.show_indicators(session.indicators)


def edit_plan(
    app: App[Any],
    editor: SessionEditor,
    language: str,
    step_key: str,
    item_id: str | None,
    done: Callable[[], object],
) -> None:
    """Open the action (step 4) or indicator (step 5) editor; None for a new one.

    A saved item goes into the session as an undoable change (none if it is as it was)
    and ``done`` runs.
    """
    session = editor.session
    if step_key == "solutions":
        action = next((item for item in session.actions if item.id == item_id), None)

        def action_done(result: Action | None) -> None:
            if result is not None:
                editor.edit("actions", lambda: put(session.actions, result), (session, "actions"))
                done()

        app.push_screen(ActionEditor(Translator(language), action), action_done)
    elif step_key == "followup":
        indicator = next((item for item in session.indicators if item.id == item_id), None)

        def indicator_done(result: Indicator | None) -> None:
            if result is not None:
                editor.edit(
                    "indicators", lambda: put(session.indicators, result), (session, "indicators")
                )
                done()

        app.push_screen(IndicatorEditor(Translator(language), indicator), indicator_done)


def put(items: list[Item], item: Item) -> None:
    """Replace the item with the same id, or append it."""
    for index, existing in enumerate(items):
        if existing.id == item.id:
            items[index] = item
            return
    items.append(item)
