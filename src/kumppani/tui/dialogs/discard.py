"""Provides the guard of a form's typing: Esc on a changed form asks before anything is lost.

A form remembers what its fields showed when it opened (``FormGuard.remember``,
once it is drawn) and, on Esc, hands over what closing means
(``FormGuard.leave(close)``): a form as it was closes at once; a changed one
asks "discard / keep editing" (``ConfirmDialog``, the focus on keeping), and
closes only on discard. The fields are read as the drafts read them
(``widgets.forms.form_fields``: inputs, text areas, selects, checkboxes,
selection lists), plus whatever ``extra`` returns for state that lives
outside the fields (a roster's list, for example). The drafts also ask the
guard what was typed (``typed``) and, once ``extra`` changed, keep what the
form's ``kept`` saves; a form opened again after a crash gets its typing back
through it (``refill``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import partial
from typing import Any

from textual.widget import Widget

from kumppani.text.i18n import t
from kumppani.tui.dialogs.confirm import ConfirmDialog
from kumppani.tui.widgets.forms.form_fields import Kept, Stored, field_states, fill, stored_fields


class FormGuard:
    """Knows whether a form was changed since it opened, and asks before throwing that away."""

    def __init__(
        self,
        form: Widget,
        language: str,
        extra: Callable[[], object] | None = None,
        kept: Kept | None = None,
    ) -> None:
        self.form = form
        self.language = language
        self.extra = extra
        self.kept = kept
        """How the draft keeps what ``extra`` watches, and gives it back; None: not kept."""
        self._shown: dict[str, object] | None = None
        self._refill: tuple[dict[str, object], Callable[[], object] | None] | None = None

    def _state(self) -> dict[str, object]:
        extra = self.extra() if self.extra is not None else None
        return {**field_states(self.form), "#extra": extra}

    def remember(self) -> None:
        """Take what the form shows now as "unchanged" (call once it is filled and drawn).

        Only the first call counts. A form opened again after a crash (``refill``) gets
        its typing back right after: it shows as changed, so Esc asks before losing it.
        """
        if self._shown is not None:
            return
        self._shown = self._state()
        if self._refill is not None:
            values, then = self._refill
            self._refill = None
            fill(self.form, values)
            if then is not None:
                then()

    def refill(self, values: dict[str, object], then: Callable[[], object] | None = None) -> None:
        """Once the form is drawn, put ``values`` (``stored_fields``) back, then run ``then``."""
        self._refill = (values, then)

    def give_back(self, draft: Mapping[str, Any]) -> None:
        """Once the form is drawn, put its draft back: the fields' values, what ``kept`` kept."""
        values = draft.get("values", {})
        kept = self.kept
        part = draft.get(kept.key) if kept is not None else None
        then = partial(kept.restore, part) if kept is not None and isinstance(part, list) else None
        self.refill(values if isinstance(values, dict) else {}, then)

    @property
    def remembered(self) -> bool:
        """True once the form is built and ``remember`` has taken what it opened with."""
        return self._shown is not None

    def typed(self) -> dict[str, Stored]:
        """The fields changed since ``remember``, with their values as the journal keeps them."""
        if self._shown is None:
            return {}
        now = field_states(self.form)
        return {
            key: value
            for key, value in stored_fields(self.form).items()
            if now.get(key) != self._shown.get(key)
        }

    @property
    def extra_changed(self) -> bool:
        """True when what ``extra`` returns (a roster's list …) changed since ``remember``."""
        if self._shown is None or self.extra is None:
            return False
        return bool(self.extra() != self._shown.get("#extra"))

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
        return field_states(self.form).get(field_id) != self._shown.get(field_id)

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
