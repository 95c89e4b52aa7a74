"""Provides what the forms share: labelled fields with their error lines, and field parsing.

``field_row`` lays out a label, a field and the error line under it
(``error-{key}``); ``field_input`` is the compact ``Input`` it usually holds
(``field-{key}``); ``field_value`` reads one back and ``show_error`` shows or
clears a field's error. ``parse_time`` reads a time typed (dates and numbers: ``kumppani.text``).
"""

from __future__ import annotations

import datetime as dt
import re

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.dom import DOMNode
from textual.widget import Widget
from textual.widgets import Input, Label

# Fields and their errors -----------------------------------------------------------------


def field_input(key: str, value: str) -> Input:
    """The compact input of field ``key`` (id ``field-{key}``)."""
    return Input(value, id=f"field-{key}", compact=True)


def field_row(key: str, label: str, widget: Widget) -> ComposeResult:
    """A row of ``label`` and ``widget``, then the (hidden) error line ``error-{key}`` under it."""
    with Horizontal(classes="row"):
        yield Label(label)
        yield widget
    yield Label(id=f"error-{key}", classes="error", markup=False)


def field_value(form: DOMNode, key: str) -> str:
    """What is typed in the input of field ``key`` of ``form``, stripped."""
    return form.query_one(f"#field-{key}", Input).value.strip()


def show_error(form: DOMNode, key: str, message: str) -> None:
    """Show ``message`` under field ``key`` of ``form``; empty hides it. No error line: nothing."""
    found = form.query(f"#error-{key}")
    if found:
        label = found.first(Label)
        label.update(message)
        label.set_class(bool(message), "-shown")


# Field parsing ---------------------------------------------------------------------------

_TIME = re.compile(r"^(\d{1,2})[:.](\d{2})$")


def parse_time(text: str) -> dt.time | None:
    """``9:30`` or ``09.30`` as a time; empty is None; anything else ValueError."""
    text = text.strip()
    if not text:
        return None
    found = _TIME.match(text)
    if found is None:
        raise ValueError(text)
    return dt.time(int(found.group(1)), int(found.group(2)))
