"""Provides ending a session in the step view: "päätä istunto / avsluta sessionen / end session".

The step screen owns one ``SessionEnd``. While the view shows, the first note
or timer tick makes a draft in progress (``editing.status.follow_meeting``).
Alt+E (and the command palette) marks the session held
(``editing.status.end_session``). F10 marks the step on screen done (again: it
stays done, and says how to reopen it, Shift+F10). Ending is offered once step 5 is marked done,
and when a session still in progress is closed: the answer "not yet" closes
it as it is.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.screen import Screen

from kumppani.editing.editor import SessionEditor
from kumppani.editing.status import can_end, end_session, follow_meeting, last_step_done
from kumppani.session.model import Step
from kumppani.session.vocabulary import SessionStatus, StepStatus
from kumppani.text.i18n import Translator
from kumppani.tui.dialogs.confirm import ConfirmDialog


class SessionEnd:
    """Ending the session from the step view ``screen``, which shows the notices and dialogs."""

    def __init__(self, screen: Screen[None], editor: SessionEditor, translate: Translator) -> None:
        self.screen = screen
        self.editor = editor
        self.translate = translate
        self.offered = False
        """Whether the end was offered already (once per view)."""

    def follow_meeting(self) -> None:
        """The view shows: the first note or timer tick makes a draft in progress."""
        if not self.editor.read_only:
            follow_meeting(self.editor)

    def _dialog(self, body: str) -> ConfirmDialog:
        translate = self.translate
        return ConfirmDialog(
            translate("session_end.title"),
            translate(body),
            translate("session_end.yes"),
            translate("session_end.no"),
        )

    def end(self) -> None:
        """Alt+E: the meeting is over; the session is marked held."""
        session = self.editor.session
        if self.editor.read_only:
            return
        if end_session(self.editor):
            self.screen.notify(self.translate("session_end.done"))
            return
        status = self.translate(f"session_status.{session.status.value}")
        message = self.translate("session_end.already", status=status)
        self.screen.notify(message, severity="warning")

    def mark_done(self, index: int, step: Step) -> None:
        """Mark ``step`` (number ``index + 1``) done; if it is already, say so and keep it."""
        if step.status is StepStatus.DONE:
            self.screen.notify(self.translate("step.already_done", number=index + 1))
            return
        self.set_status(index, step, StepStatus.DONE)
        self.offer()

    def set_status(self, index: int, step: Step, status: StepStatus) -> None:
        """Set where ``step`` is (undoable) and say so."""
        self.editor.set_step_status(step.key, status)
        label = self.translate(f"step_status.{status}")
        self.screen.notify(self.translate("step.status_set", number=index + 1, status=label))

    def offer(self) -> None:
        """Offer ending the session once step 5 is marked done (once per view)."""
        session = self.editor.session
        if self.offered or self.editor.read_only or not can_end(session):
            return
        if not last_step_done(session):
            return
        self.offered = True

        def answered(yes: bool | None) -> None:
            if yes:
                self.end()

        self.screen.app.push_screen(self._dialog("session_end.offer_done"), answered)

    def close_offering_end(self, close: Callable[[], object]) -> None:
        """Close; a session still in progress is first offered to be ended."""
        if self.editor.read_only or self.editor.session.status != SessionStatus.IN_PROGRESS:
            close()
            return

        def answered(yes: bool | None) -> None:
            if yes:
                end_session(self.editor)
            close()

        self.screen.app.push_screen(self._dialog("session_end.offer_close"), answered)
