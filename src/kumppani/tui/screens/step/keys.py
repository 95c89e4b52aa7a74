"""Provides the step view's keys that hand over to its tools, and when they answer.

The round table's keys (Ctrl+R, Ctrl+N/E/K/U beside Alt+N/P/S/B), the balance,
the dot vote (Ctrl+D), groups (Ctrl+X), the plan (Ctrl+F: a new action on step 4,
a new indicator on step 5), the panels and the end of the session: each reachable
from the capture line (a Ctrl or F key, or the palette), as are the note list's
commands on the note under its cursor (the palette), since a facilitator typing
notes should not have to leave the line.
Up from the capture line goes to the note list, down from its last note back
(and on to the plan of steps 4 and 5: ``vertical_moves``). These two are
priority bindings, run as the key is read: a key typed right after them already
goes where they lead (a widget's own binding runs only once the keys before it
have been handled, after the app has sent on the next key).

The bindings name them ``tool('round_next')``: the step screen's one
``action_tool`` passes each to ``StepKeys.run``, and its ``check_action`` asks
``StepKeys.answers`` whether a key has something to do now (a round's Ctrl key
without a round falls through to the capture line, where Ctrl+E, Ctrl+K and Ctrl+U edit).
"""

from __future__ import annotations

from collections.abc import Callable

from textual.screen import Screen
from textual.widgets import Input, TextArea

from kumppani.editing.editor import SessionEditor
from kumppani.roundtable import rounds
from kumppani.session.vocabulary import STEP_KEYS
from kumppani.text.i18n import Translator
from kumppani.tui.screens.step.host import StepHost
from kumppani.tui.screens.step.panels import StepPanels
from kumppani.tui.screens.step.roundtable import RoundTable
from kumppani.tui.screens.step.session_end import SessionEnd
from kumppani.tui.screens.step.vertical_moves import above, below, go
from kumppani.tui.widgets.step.note_list import NoteList

ROUND_KEYS = ("round_next", "round_pass", "round_skip", "round_back")
"""The round's keys that answer only while there is a round (or someone to bring back)."""
PLAN_KEYS = {"actions": "solutions", "indicators": "followup"}
"""The plan's Ctrl key (Ctrl+F) answers on its step only: a new action, or a new indicator."""
NOTE_KEYS = ("vote", "group")
"""The Ctrl keys (Ctrl+D, Ctrl+X) that work on the step's notes: they answer while it has some."""
MOVES = {"up": -1, "down": 1}
"""The palette's moves of a note (``key_note``)."""


class StepKeys:
    """The keys of the step view's tools, run for the screen that composes them."""

    def __init__(
        self,
        screen: Screen[None],
        host: StepHost,
        editor: SessionEditor,
        translate: Translator,
        tools: tuple[RoundTable, StepPanels, SessionEnd],
        go_to: Callable[[int], None],
    ) -> None:
        self.screen = screen
        self.host = host
        self.editor = editor
        self.translate = translate
        self.roundtable, self.panels, self.session_end = tools
        self.go_to = go_to
        """Puts a step on screen (by index)."""

    def run(self, name: str, *args: object) -> None:
        """Run the key ``name`` (one of this class's ``key_…`` methods)."""
        getattr(self, f"key_{name}")(*args)

    def answers(
        self, name: str, *, ctrl: bool = False, alt: bool = False, go: bool = False
    ) -> bool:
        """Whether key ``name`` has something to do now (``ctrl``, ``alt``: a round's twins).

        Alt+B in a text field with no round running is the field's word left (readline),
        not "back to the skipped speaker": Ctrl+U and the palette still bring one back.
        ``a`` and ``i`` answer on their own step only (the palette's ``go`` on any): on a
        list elsewhere the letter goes to the capture line (``vertical_moves.typed_back``).
        """
        if name in PLAN_KEYS and not go and not ctrl:
            return self.host.current_step.key == PLAN_KEYS[name]
        if alt and name == "round_back" and isinstance(self.screen.focused, Input | TextArea):
            return self.host.current_step.current_round is not None
        if name == "to_list":
            return above(self.screen) is not None
        if name == "to_line":
            return below(self.screen) is not None
        if not ctrl or name not in (*ROUND_KEYS, *PLAN_KEYS, *NOTE_KEYS):
            return True
        if self.editor.read_only:
            return False
        step = self.host.current_step
        if name in PLAN_KEYS or name in NOTE_KEYS:
            # In a text panel (the conclusion …) the Ctrl keys keep editing its text.
            focused = self.screen.focused
            if isinstance(focused, TextArea):
                return False
            if isinstance(focused, Input) and _edits(name, focused):
                return False  # Ctrl+X cuts the selection, Ctrl+D deletes on the right
            return step.key == PLAN_KEYS[name] if name in PLAN_KEYS else bool(step.notes)
        if name == "round_back":
            return bool(step.rounds) and bool(rounds.back_candidate(step.rounds[-1]))
        return step.current_round is not None

    # -- the round table ---------------------------------------------------------------------
    def key_round(self) -> None:
        self.roundtable.toggle_round()

    def key_round_next(self) -> None:
        self.roundtable.next_speaker()

    def key_round_pass(self) -> None:
        self.roundtable.pass_turn()

    def key_round_skip(self) -> None:
        self.roundtable.skip_turn()

    def key_round_back(self) -> None:
        self.roundtable.back_to_skipped()

    def key_balance(self) -> None:
        self.roundtable.toggle_balance()

    def key_vote(self) -> None:
        if self.host.writable():
            self.roundtable.open_vote()

    def key_group(self) -> None:
        """The note under the list's cursor into a group (from the palette)."""
        note = self.screen.query_one(NoteList).current
        if note is None:
            self.screen.notify(self.translate("step.no_note"))
        elif self.host.writable():
            self.roundtable.open_group(note.id)

    def key_note(self, command: str) -> None:
        """A note list command on the note under the list's cursor (from the palette).

        ``up`` and ``down`` move it (an action passes at most two arguments on).
        """
        notes = self.screen.query_one(NoteList)
        if notes.current is None:
            self.screen.notify(self.translate("step.no_note"))
        elif command in MOVES:
            notes.action_move(MOVES[command])
        else:
            notes.action_command(command)

    # -- panels and plan ---------------------------------------------------------------------
    def key_conclusion(self) -> None:
        self.panels.toggle_conclusion()

    def key_winwin(self) -> None:
        self.panels.toggle_own()

    def key_actions(self, go: bool = False) -> None:
        """``a`` on step 4 (the palette: ``go`` there from any step): a new action."""
        self._new_plan_item(PLAN_KEYS["actions"], go)

    def key_indicators(self, go: bool = False) -> None:
        """``i`` on step 5 (the palette: ``go`` there from any step): a new indicator."""
        self._new_plan_item(PLAN_KEYS["indicators"], go)

    def _new_plan_item(self, step_key: str, go: bool) -> None:
        if self.host.current_step.key != step_key:
            if not go:
                return
            self.go_to(STEP_KEYS.index(step_key))
        self.panels.edit_plan(None)

    def key_end_session(self) -> None:
        self.session_end.end()

    # -- between the capture line, the list and the plan ------------------------------------
    def key_to_line(self) -> None:
        """Down: from the list's last note (or the plan's last row) on (``vertical_moves``)."""
        go(self.screen, below(self.screen), upwards=False)

    def key_to_list(self) -> None:
        """Up: from the capture line to the note list, at its last note, or on to the plan."""
        go(self.screen, above(self.screen), upwards=True)


def _edits(name: str, line: Input) -> bool:
    """Whether a note key's Ctrl twin has text to edit in ``line`` (its editing goes first):
    Ctrl+X (group) a selection to cut, Ctrl+D (vote) a character right of the cursor."""
    if name == "group":
        return not line.selection.is_empty
    return name == "vote" and line.cursor_position < len(line.value)
