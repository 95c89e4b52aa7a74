"""Provides reading a form's fields by id, and filling them again: one way for every use.

``field_states`` is what every field of a form holds now (inputs, text areas,
selects, checkboxes, selection lists), by the field's id or, without one, its
place. The Esc guard (``dialogs.discard``) compares it with what the form
opened with; the drafts (``screens.step.drafts``) keep ``stored_fields``, the
same values as the journal can store them (only fields with an id), and after
a crash ``fill`` puts them back into the form opened again.

What a form holds beyond its fields (the roster of the session details, the
readings of an indicator) is ``Kept``: the draft keeps it under its own key, and
``restore`` puts it back. A form posts ``KeptChanged`` when that changes without
a field changing (a reading deleted), so that its draft is written again.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from textual.dom import DOMNode
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Input, Select, SelectionList, TextArea
from textual.widgets._toggle_button import ToggleButton

Stored = str | int | bool | list[Any]
"""A field's value as the journal keeps it (TOML)."""


@dataclass(frozen=True)
class Kept:
    """What a form holds beyond its fields (a roster, readings), as its draft keeps it.

    Once the form's ``FormGuard.extra`` changed, its draft holds ``save()`` (TOML
    tables) under ``key``; after a crash the form opened again gets that list back
    through ``restore``.
    """

    key: str
    save: Callable[[], list[Any]]
    restore: Callable[[list[Any]], None]


@dataclass
class KeptChanged(Message):
    """What ``form`` keeps beyond its fields changed, no field with it: its draft is due."""

    form: Widget


def field_states(form: DOMNode) -> dict[str, object]:
    """What every field of ``form`` holds now, by the field's id (or its place)."""
    state: dict[str, object] = {}
    for place, widget in enumerate(form.query("*")):
        value: object
        if isinstance(widget, Input):
            value = widget.value
        elif isinstance(widget, TextArea):
            value = widget.text
        elif isinstance(widget, Select | ToggleButton):
            value = widget.value
        elif isinstance(widget, SelectionList):
            value = tuple(widget.selected)
        else:
            continue
        state[widget.id or f"#{place}"] = value
    return state


def stored_fields(form: DOMNode) -> dict[str, Stored]:
    """``field_states`` of the fields with an id, as values the journal can keep.

    A select with nothing chosen is left out; a choice is kept as its value (an
    enumeration's as its text), a selection list's choices as a list.
    """
    stored: dict[str, Stored] = {}
    for key, value in field_states(form).items():
        if key.startswith("#"):
            continue
        if isinstance(value, tuple):
            stored[key] = [item for item in value if isinstance(item, str | int | bool)]
        elif isinstance(value, str | int | bool):  # an enumeration of texts is a str
            stored[key] = value
    return stored


def fill(form: DOMNode, values: Mapping[str, object]) -> None:
    """Put ``values`` (from ``stored_fields``) back into the fields with those ids.

    A value that no longer fits its field (a choice the select no longer offers)
    is left out; the field keeps what it shows.
    """
    for widget in form.query("*"):
        if widget.id is None or widget.id not in values:
            continue
        value = values[widget.id]
        if isinstance(widget, Input) and isinstance(value, str):
            widget.value = value
            widget.cursor_position = len(value)
        elif isinstance(widget, TextArea) and isinstance(value, str):
            widget.text = value
        elif isinstance(widget, Select):
            # The select's own value, not the stored one: an enumeration came back as text.
            chosen = [option for _, option in widget._options if option == value]
            if chosen:
                widget.value = chosen[0]
        elif isinstance(widget, ToggleButton) and isinstance(value, bool):
            widget.value = value
        elif isinstance(widget, SelectionList) and isinstance(value, list):
            offered = [widget.get_option_at_index(i).value for i in range(widget.option_count)]
            widget.deselect_all()
            for item in value:
                if item in offered:  # not a choice the list no longer offers
                    widget.select(item)
