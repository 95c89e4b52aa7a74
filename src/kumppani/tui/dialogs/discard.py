"""Provides the guard of a form's typing: Esc on a changed form asks before anything is lost.

A form remembers what its fields showed when it opened (``FormGuard.remember``,
once it is drawn) and, on Esc, hands over what closing means
(``FormGuard.leave(close)``): a form as it was closes at once; a changed one
asks "discard / keep editing" (``ConfirmDialog``, the focus on keeping), and
closes only on discard. The fields are read generically (inputs, text areas,
selects, checkboxes, selection lists), plus whatever ``extra`` returns for
state that lives outside the fields (a roster's list, for example).
"""

from __future__ import annotations

from collections.abc import Callable

from textual.widget import Widget
from textual.widgets import Input, Select, SelectionList, TextArea
from textual.widgets._toggle_button import ToggleButton

from kumppani.text.i18n import t
from kumppani.tui.dialogs.confirm import ConfirmDialog


def form_state(form: Widget) -> dict[str, object]:
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


class FormGuard:
    """Knows whether a form was changed since it opened, and asks before throwing that away."""

    def __init__(
        self, form: Widget, language: str, extra: Callable[[], object] | None = None
    ) -> None:
        self.form = form
        self.language = language
        self.extra = extra
        self._shown: dict[str, object] | None = None

    def _state(self) -> dict[str, object]:
        extra = self.extra() if self.extra is not None else None
        return {**form_state(self.form), "#extra": extra}

    def remember(self) -> None:
        """Take what the form shows now as "unchanged" (call once it is filled and drawn)."""
        self._shown = self._state()

    @property
    def changed(self) -> bool:
        """True when something was typed or chosen since ``remember``."""
        return self._shown is not None and self._state() != self._shown

    def edited(self, field_id: str) -> bool:
        """True when the field with this id no longer shows what it showed when remembered.

        A form applies only its edited fields, so that saving it unchanged keeps every
        value exactly as it was (spaces, seconds, line ends the form would tidy up).
        """
        if self._shown is None:
            return True
        return form_state(self.form).get(field_id) != self._shown.get(field_id)

    def leave(self, close: Callable[[], object]) -> None:
        """Run ``close`` now if nothing changed, else only after the user chose to discard."""
        if not self.changed:
            close()
            return
        ask(self.form, self.language, close)


def ask(form: Widget, language: str, discard: Callable[[], object]) -> None:
    """Ask whether to throw the typing away; ``discard`` runs only if so."""

    def answered(throw_away: bool | None) -> None:
        if throw_away:
            discard()

    dialog = ConfirmDialog(
        t("forms.discard.title", language),
        t("forms.discard.body", language),
        t("forms.discard.discard", language),
        t("forms.discard.keep", language),
    )
    form.app.push_screen(dialog, answered)
