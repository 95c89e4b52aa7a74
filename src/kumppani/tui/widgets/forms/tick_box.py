"""Provides ``TickBox``: a checkbox that shows its mark only when on, and leaves Enter to the form.

Textual's ``Checkbox`` draws ``▐X▌`` on and off alike and tells them apart by
colour only, which a 16-colour terminal, tmux or a projector may not show; and
it toggles on Enter, which in a dialog should confirm. A ``TickBox`` draws
``▐X▌`` when on and ``▐ ▌`` when off, and toggles on space only.
"""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets import Checkbox


class TickBox(Checkbox, inherit_bindings=False):
    """A checkbox marked only when on; space toggles it, Enter goes to the dialog."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "toggle_button", show=False),
    ]

    @property
    def _button(self) -> Content:
        self.BUTTON_INNER = "X" if self.value else " "
        return super()._button
