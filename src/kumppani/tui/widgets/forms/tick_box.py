"""Provides check marks shown only when on: ``MarkedCheckbox``, ``TickBox`` and ``TickList``.

Textual's ``Checkbox`` and ``SelectionList`` draw ``▐X▌`` on and off alike and tell
them apart by colour only: the mark of an unticked box is drawn in (nearly) the
colour behind it, which a 16-colour terminal, tmux or a projector may not show,
and which reads as "ticked" wherever it does show. Here the mark is drawn only
when on (``▐X▌``), and an unticked box is empty (``▐ ▌``). A ``TickBox`` also
leaves Enter to the dialog (in a dialog Enter should confirm) and toggles on space
only.
"""

from __future__ import annotations

from typing import ClassVar, TypeVar

from rich.segment import Segment
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.strip import Strip
from textual.widgets import Checkbox, SelectionList
from textual.widgets.option_list import OptionDoesNotExist
from textual.widgets.selection_list import Selection

Value = TypeVar("Value")

_EMPTY = " "
"""What an unticked box holds instead of Textual's mark."""


class MarkedCheckbox(Checkbox):
    """A checkbox marked only when on."""

    @property
    def _button(self) -> Content:
        self.BUTTON_INNER = Checkbox.BUTTON_INNER if self.value else _EMPTY
        return super()._button


class TickBox(MarkedCheckbox, inherit_bindings=False):
    """A checkbox marked only when on; space toggles it, Enter goes to the dialog."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "toggle_button", show=False),
    ]


class TickList(SelectionList[Value]):
    """A selection list whose unselected options show an empty box."""

    def render_line(self, y: int) -> Strip:
        line = super().render_line(y)
        try:
            option = self.get_option_at_index(self.scroll_offset.y + y)
        except OptionDoesNotExist:  # a line below the last option: no box there
            return line
        segments = list(line)
        box = segments[1] if len(segments) > 1 else None
        if box is None or box.text != Checkbox.BUTTON_INNER:
            return line
        if isinstance(option, Selection) and option.value in self.selected:
            return line
        segments[1] = Segment(_EMPTY, box.style, box.control)
        return Strip(segments, line.cell_length)
