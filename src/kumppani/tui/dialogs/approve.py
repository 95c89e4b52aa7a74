"""Provides the dialogs of approval: who approves the minutes, and editing approved minutes.

``ApproveDialog`` asks who approves (prefilled, editable) and dismisses with
the name, or None. A name typed there is no session's change: it goes to a
draft file of its own (``own_draft``, with the file approved), so that after a
crash the dialog opens again with it; Esc asks before throwing it away.
``EditApprovedDialog`` names who approved the minutes and when, says what
editing does to the approval, and dismisses with ``"edit"``, ``"review"`` or
None; the focus starts on the safe answer (cancel).
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from kumppani.storage.draft_file import APPROVAL
from kumppani.tui.dialogs.discard import FormGuard


class ApproveDialog(ModalScreen[str | None]):
    """Ask who approves the minutes; dismiss with the name (never empty) or None."""

    DEFAULT_CSS = """
    ApproveDialog { align: center middle; }
    ApproveDialog > Vertical {
        width: 64; max-width: 95%; height: auto; border: thick $success;
        background: $surface; padding: 1 2;
    }
    ApproveDialog #approve-title { text-style: bold; margin-bottom: 1; }
    ApproveDialog #approve-error { color: $error; height: auto; }
    ApproveDialog Horizontal { height: auto; align-horizontal: right; margin-top: 1; }
    ApproveDialog Button { margin-left: 2; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", show=False)]

    def __init__(
        self,
        title: str,
        prompt: str,
        name: str,
        texts: dict[str, str],
        *,
        language: str = "fi",
        about: str = "",
    ) -> None:
        super().__init__()
        self.title_text, self.prompt, self.name_value, self.texts = title, prompt, name, texts
        self.guard = FormGuard(self, language)
        """Asks before Esc throws a typed name away; its draft is what was typed."""
        self.own_draft = APPROVAL
        """The draft file the typed name goes to (approving from home: no journal)."""
        self.draft_where = {"file": about} if about else {}
        """What the draft records of where the dialog was opened: the session file approved."""

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.title_text, id="approve-title", markup=False)
            yield Static(self.prompt, id="approve-prompt", markup=False)
            yield Input(self.name_value, placeholder=self.texts["placeholder"], id="approve-by")
            yield Static("", id="approve-error", markup=False)
            with Horizontal():
                yield Button(self.texts["approve"], id="approve", variant="success")
                yield Button(self.texts["cancel"], id="cancel", variant="primary")

    def on_mount(self) -> None:
        self.query_one(Input).focus()
        self.guard.remember()  # now: keys typed before the first frame are typing

    def _submit(self) -> None:
        name = " ".join(self.query_one(Input).value.split())
        if not name:
            self.query_one("#approve-error", Static).update(self.texts["empty"])
            self.query_one(Input).focus()
            return
        self.dismiss(name)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._submit()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "approve":
            self._submit()
        else:
            self.dismiss(None)

    def action_cancel(self) -> None:
        self.guard.leave(lambda: self.dismiss(None))


class EditApprovedDialog(ModalScreen[str | None]):
    """Warn before approved minutes are edited: edit anyway, review instead, or cancel."""

    DEFAULT_CSS = """
    EditApprovedDialog { align: center middle; }
    EditApprovedDialog > Vertical {
        width: 72; max-width: 95%; height: auto; border: thick $warning;
        background: $surface; padding: 1 2;
    }
    EditApprovedDialog #edit-approved-title { text-style: bold; margin-bottom: 1; }
    EditApprovedDialog Horizontal { height: auto; align-horizontal: right; margin-top: 1; }
    EditApprovedDialog Button { margin-left: 2; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "answer('')", show=False),
        Binding("r", "answer('review')", show=False),
    ]

    def __init__(self, title: str, body: str, texts: dict[str, str]) -> None:
        super().__init__()
        self.title_text, self.body, self.texts = title, body, texts

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.title_text, id="edit-approved-title", markup=False)
            yield Static(self.body, id="edit-approved-body", markup=False)
            with Horizontal():
                yield Button(self.texts["edit"], id="edit", variant="warning")
                yield Button(self.texts["review"], id="review")
                yield Button(self.texts["cancel"], id="cancel", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#cancel", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_answer(event.button.id or "")

    def action_answer(self, answer: str) -> None:
        self.dismiss(answer if answer in ("edit", "review") else None)
