"""Provides the step view's key actions that hand over to its tools, and when they answer.

The round table's keys (Ctrl+R, Ctrl+N/Y/K/U beside Alt+N/P/S/B), the balance,
the dot vote, groups, the plan (actions and indicators), the panels and the end
of the session: each reachable from the capture line (a Ctrl or F key, or the
palette), since a facilitator typing notes should not have to leave the line.
Up from the capture line goes to the note list (NoteList goes back down).

``StepKeys`` is the step screen's base: the screen owns the step on screen and
the tools; these actions only pass each key on.
"""

from __future__ import annotations

from textual.screen import Screen

from kumppani.editing.editor import SessionEditor
from kumppani.roundtable import rounds
from kumppani.session.model import Step
from kumppani.session.vocabulary import STEP_KEYS
from kumppani.text.i18n import Translator
from kumppani.tui.messages import ListLeft
from kumppani.tui.screens.step.panels import StepPanels
from kumppani.tui.screens.step.roundtable import RoundTable
from kumppani.tui.screens.step.session_end import SessionEnd
from kumppani.tui.widgets.step.capture_line import CaptureLine
from kumppani.tui.widgets.step.note_list import NoteList

ROUND_ACTIONS = ("round_next", "round_pass", "round_skip", "round_back")


class StepKeys(Screen[None]):
    """The step screen's keys for its tools (the screen sets these attributes)."""

    editor: SessionEditor
    translate: Translator
    roundtable: RoundTable
    panels: StepPanels
    session_end: SessionEnd

    @property
    def current_step(self) -> Step:
        """The step on screen (the step screen's)."""
        raise NotImplementedError

    def show_step(self, index: int) -> None:
        """Put step ``index`` on screen (the step screen's)."""
        raise NotImplementedError

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "round_key":
            return self._round_key_answers(str(parameters[0]))
        if action == "to_list":
            return isinstance(self.focused, CaptureLine)
        return True

    def _round_key_answers(self, action: str) -> bool:
        """Whether a round's Ctrl key has something to do (else it edits the line as usual)."""
        if self.editor.read_only:
            return False
        step = self.current_step
        if action == "round_back":
            return bool(step.rounds) and bool(rounds.back_candidate(step.rounds[-1]))
        return step.current_round is not None

    # -- the round table ---------------------------------------------------------------------
    def action_round(self) -> None:
        self.roundtable.toggle_round()

    def action_round_key(self, action: str) -> None:
        if action in ROUND_ACTIONS:
            getattr(self, f"action_{action}")()

    def action_round_next(self) -> None:
        self.roundtable.next_speaker()

    def action_round_pass(self) -> None:
        self.roundtable.pass_turn()

    def action_round_skip(self) -> None:
        self.roundtable.skip_turn()

    def action_round_back(self) -> None:
        self.roundtable.back_to_skipped()

    def action_balance(self) -> None:
        self.roundtable.toggle_balance()

    def action_vote(self) -> None:
        if self.editor.read_only:
            return
        self.roundtable.open_vote()

    def action_group(self) -> None:
        """The note under the list's cursor into a group (from the palette)."""
        note = self.query_one(NoteList).current
        if note is None:
            self.notify(self.translate("step.no_note"))
        elif not self.editor.read_only:
            self.roundtable.open_group(note.id)

    # -- panels and plan ---------------------------------------------------------------------
    def action_toggle_conclusion(self) -> None:
        self.panels.toggle_conclusion()

    def action_toggle_winwin(self) -> None:
        self.panels.toggle_own()

    def action_actions(self, go: bool = False) -> None:
        """``a`` on step 4 (the palette: ``go`` there from any step): a new action."""
        self._new_plan_item("solutions", go)

    def action_indicators(self, go: bool = False) -> None:
        """``i`` on step 5 (the palette: ``go`` there from any step): a new indicator."""
        self._new_plan_item("followup", go)

    def _new_plan_item(self, step_key: str, go: bool) -> None:
        if self.current_step.key != step_key:
            if not go:
                return
            self.show_step(STEP_KEYS.index(step_key))
        self.panels.edit_plan(None)

    def action_end_session(self) -> None:
        self.session_end.end()

    # -- between the capture line and the list -----------------------------------------------
    def on_list_left(self, event: ListLeft) -> None:
        event.stop()
        self.action_focus_capture()

    def action_focus_capture(self) -> None:
        """Back to the capture line (the step screen's)."""
        raise NotImplementedError

    def action_to_list(self) -> None:
        """Up from the capture line: to the note list, at its last note."""
        notes = self.query_one(NoteList)
        notes.cursor = len(notes.notes) - 1
        notes.focus()
