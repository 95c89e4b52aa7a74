"""Provides ``step_button``: ← and → move between the buttons of a dialog.

Textual's buttons take only Tab and Shift+Tab; a user who presses → to reach
"Yhdistä" from "Peruuta" and then Enter chose "Peruuta" again without a word.
"""

from __future__ import annotations

from textual.widget import Widget
from textual.widgets import Button

BUTTON_STEPS = {"left": -1, "right": 1}


def step_button(focused: Widget | None, step: int) -> bool:
    """Focus the button ``step`` places from ``focused`` in its row; nothing past the ends.

    True when ``focused`` is a button in a row (the key is then taken, also at an end).
    """
    if not isinstance(focused, Button) or focused.parent is None:
        return False
    row = [
        button
        for button in focused.parent.query_children(Button)
        if button.display and not button.disabled
    ]
    if focused not in row:
        return False
    place = row.index(focused) + step
    if 0 <= place < len(row):
        row[place].focus()
    return True
