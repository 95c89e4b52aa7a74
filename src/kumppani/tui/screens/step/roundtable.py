"""Provides the step view's round table: rounds, balance, votes, groups and the live state.

``RoundTable`` is the widget above the notes that holds the round panel and
the party balance, and carries out the round-table keys of the step screen.
Ctrl+R starts a speaking round in the step on screen (or ends the one
running); Alt+N/P/S/B pass the floor on (spoke, nothing to add, skipped, back
to the skipped). While a round runs, the capture line's attribution is the
speaker, so notes typed go to them. Ctrl+B shows the party balance. On the
note list, ``v`` opens a dot vote and ``g`` puts the note under a group
heading. The step on screen and the running timer are kept in
``session.live`` for the projector view, and published at once with the round
in the live-state file beside the session (``storage.live_file``, removed when
the view closes): the projector follows within a second, and the session is
not marked as having unsaved work for it. Every change of the document goes
through the editor's lock and ``changed``, so the autosave writes it.

The step on screen, the attribution and the redrawing of the notes belong to
the step screen; this widget asks for them through ``StepHost``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from textual.app import ComposeResult
from textual.containers import Vertical

from kumppani.editing.editor import SessionEditor
from kumppani.roundtable import groups as clusters
from kumppani.roundtable import rounds, voting
from kumppani.session.model import Note, Round, Step, now
from kumppani.session.vocabulary import STEP_KEYS, TurnOutcome
from kumppani.storage.live_file import publish, remove_live
from kumppani.text.i18n import Translator
from kumppani.tui.dialogs.group_dialog import GroupDialog
from kumppani.tui.dialogs.round_dialog import RoundDialog, RoundSettings
from kumppani.tui.dialogs.vote_dialog import VoteDialog, VoteOutcome
from kumppani.tui.messages import NoteCommand
from kumppani.tui.screens.step.host import StepHost
from kumppani.tui.widgets.step.balance_view import BalanceView
from kumppani.tui.widgets.step.round_panel import RoundPanel


def grouped(described: tuple[str, str], note: Note, step: Step) -> tuple[str, str]:
    """A grouped note shows its group heading where the kind is."""
    if note.group:
        group = step.group(note.group)
        if group is not None:
            return "▸" + group.heading, described[1]
    return described


class RoundTable(Vertical):
    """The round panel and the party balance, and the round-table commands of the step view."""

    clock: Callable[[], datetime] = staticmethod(now)
    """The clock of rounds and the balance; tests put a fixed one here."""

    def __init__(
        self,
        editor: SessionEditor,
        translate: Translator,
        host: StepHost,
        *,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.editor = editor
        self.translate = translate
        self.host = host
        self.round_minutes = 2
        """The time box the round dialog offers: the last one chosen."""
        self.round_alternate = False
        """Whether the round dialog offers alternating parties: as last chosen."""

    def compose(self) -> ComposeResult:
        yield RoundPanel(self.translate, lambda: self.clock(), id="round-panel")
        yield BalanceView(self.translate, lambda: self.clock(), id="balance")

    def on_unmount(self) -> None:
        if not self.editor.read_only and self.editor.path is not None:
            remove_live(self.editor.path)

    def publish_live(self) -> None:
        """Tell the projector where the meeting is now: step, timer and round."""
        if self.editor.read_only or self.editor.path is None:
            return
        with self.editor.lock:
            publish(self.editor.path, self.editor.session)

    # -- showing -----------------------------------------------------------------------------
    def show(self) -> None:
        """Show the round and the balance of the step on screen."""
        step = self.host.current_step
        self.query_one(RoundPanel).show(self.editor.session, step.current_round)
        self.query_one(BalanceView).show(self.editor.session, step)

    def follow_step(self, timer_running: bool) -> None:
        """A step came on screen: show its round and balance; remember it for the projector."""
        self.show()
        self.screen.refresh_bindings()  # its round's Ctrl keys (keys.StepKeys.answers)
        if self.editor.read_only:
            return
        step = self.host.current_step
        live = self.editor.session.live
        # Written with the next save: only viewing a step is not a change of its own.
        if not timer_running:
            live.timer_since, live.timer_spent = None, 0
        elif live.step != step.key:
            live.timer_since, live.timer_spent = self.clock(), step.spent_seconds
        live.step = step.key
        self.publish_live()

    def timer_switched(self, running: bool) -> None:
        """Keep the running timer in the live state, for the projector."""
        if self.editor.read_only:
            return
        step = self.host.current_step
        with self.editor.lock:
            live = self.editor.session.live
            live.step = step.key
            live.timer_since = self.clock() if running else None
            live.timer_spent = step.spent_seconds if running else 0
        self.publish_live()
        self.editor.changed("live")

    # -- rounds ------------------------------------------------------------------------------
    def toggle_round(self) -> None:
        """Ctrl+R: start a round (asking for the time box), or end the one running."""
        if not self.host.writable():
            return
        running = self.host.current_step.current_round
        if running is not None:
            # _change_round says once that it ended.
            self._change_round("round_end", rounds.end_round, running)
            return
        if not any(person.present for person in self.editor.session.participants):
            self.notify(self.translate("roundtable.round.nobody"), severity="warning")
            return

        def start(settings: RoundSettings | None) -> None:
            if settings is not None:
                self.start_round(*settings)

        dialog = RoundDialog(self.translate, self.round_minutes, self.round_alternate)
        self.app.push_screen(dialog, start)

    def start_round(self, seconds_each: int, alternate: bool) -> None:
        """Start a round now in the step on screen; the first seat has the floor."""
        self.round_minutes, self.round_alternate = seconds_each // 60, alternate
        step = self.host.current_step
        speaking = self.editor.edit(
            "round_start",
            lambda: rounds.start_round(
                step,
                self.editor.session.participants,
                self.clock(),
                alternate=alternate,
                seconds_each=seconds_each,
            ),
            (step, "rounds"),
        )
        self.notify(self.translate("roundtable.round.started", count=len(speaking.order)))
        self.follow_round()

    def _change_round(
        self, what: str, change: Callable[[Round, datetime], object], speaking: Round
    ) -> None:
        """Change the round ``speaking`` of the step on screen (undoable as ``what``)."""
        at = self.clock()
        self.editor.edit(what, lambda: change(speaking, at), (self.host.current_step, "rounds"))
        self.follow_round()
        if not speaking.running:
            self._announce_end(speaking)

    def _announce_end(self, speaking: Round) -> None:
        # Each person once, as they finally came out: a skip undone by "back to" is no skip.
        outcomes = list(rounds.final_outcomes(speaking).values())
        self.notify(
            self.translate(
                "roundtable.round.ended",
                spoke=outcomes.count(TurnOutcome.SPOKE),
                passed=outcomes.count(TurnOutcome.PASSED),
                skipped=outcomes.count(TurnOutcome.SKIPPED),
            )
        )

    def follow_round(self) -> None:
        """The speaker becomes the attribution of the next note; panel and balance redraw."""
        speaking = self.host.current_step.current_round
        self.host.speaker_changed(speaking.speaker if speaking is not None else "")
        self.show()  # the live state is as the step came on screen: no step or timer change
        self.screen.refresh_bindings()  # the round's Ctrl keys answer now, or no longer
        self.publish_live()

    def _running_round(self) -> Round | None:
        if not self.host.writable():
            return None
        speaking = self.host.current_step.current_round
        if speaking is None:
            self.notify(self.translate("roundtable.round.none"))
        return speaking

    def next_speaker(self) -> None:
        """Alt+N: the speaker spoke; the floor passes on."""
        if (speaking := self._running_round()) is not None:
            self._change_round("round_next", rounds.next_speaker, speaking)

    def pass_turn(self) -> None:
        """Alt+P: the speaker has nothing to add."""
        if (speaking := self._running_round()) is not None:
            self._change_round("round_pass", rounds.pass_turn, speaking)

    def skip_turn(self) -> None:
        """Alt+S: the speaker is skipped for now."""
        if (speaking := self._running_round()) is not None:
            self._change_round("round_skip", rounds.skip_turn, speaking)

    def back_to_skipped(self) -> None:
        """Alt+B: back to the latest one skipped (also after the round has ended)."""
        if not self.host.writable():
            return
        step = self.host.current_step
        speaking = step.rounds[-1] if step.rounds else None
        if speaking is None or not rounds.back_candidate(speaking):
            self.notify(self.translate("roundtable.round.back_none"))
            return
        self._change_round("round_back", lambda one, at: rounds.back_to(one, at), speaking)

    # -- balance -----------------------------------------------------------------------------
    def toggle_balance(self) -> None:
        """Ctrl+B: show or hide the party balance."""
        view = self.query_one(BalanceView)
        view.show(self.editor.session, self.host.current_step)
        view.toggle()

    # -- note list commands: vote and group --------------------------------------------------
    def command(self, event: NoteCommand) -> bool:
        """Handle ``vote`` and ``group`` from the note list; False for any other command."""
        if event.action == "vote":
            self.open_vote()
            return True
        if event.action == "group":
            self.open_group(event.note_id)
            return True
        return False

    def open_vote(self) -> None:
        """The dot vote over the notes of the step on screen."""
        step = self.host.current_step
        if not step.notes:
            self.notify(self.translate("roundtable.vote.no_notes"))
            return
        template = self.editor.step_template(step.key)
        title = self.translate(
            "step.heading",
            number=template.number,
            name=template.name.get(self.translate.language),
        )

        def done(outcome: VoteOutcome | None) -> None:
            if outcome is not None:
                self.keep_vote(step, outcome)

        dialog = VoteDialog(self.translate, self.editor.session, step, title, self.clock())
        self.app.push_screen(dialog, done)

    def keep_vote(self, step: Step, outcome: VoteOutcome) -> None:
        """Record a counted vote in ``step`` and carry its top forward if asked."""
        session = self.editor.session

        def vote() -> int:
            voting.record(step, outcome.vote)
            if not outcome.carry:
                return 0
            return voting.carry_forward(session, step, outcome.vote, outcome.carry, outcome.top)

        carried = (
            (session.step("will"), "notes") if outcome.carry == "will" else (session, "actions")
        )
        added = self.editor.edit("vote", vote, (step, "votes"), (step, "notes"), carried)
        if outcome.carry:
            number = STEP_KEYS.index(outcome.carry) + 1
            self.notify(self.translate("roundtable.vote.carried", count=added, number=number))
        else:
            self.notify(self.translate("roundtable.vote.saved"))
        self.host.notes_changed()

    def open_group(self, note_id: str) -> None:
        """Put the note under a group heading (or take it out of its group)."""
        step = self.host.current_step
        note = self.editor.note(step.key, note_id)
        group = step.group(note.group) if note.group else None

        def done(heading: str | None) -> None:
            if heading is None:
                return
            chosen = self.editor.edit(
                "group",
                lambda: clusters.assign(step, note, heading),
                (step, "groups"),
                (note, "group"),
            )
            self.host.notes_changed()
            if chosen is None:
                self.notify(self.translate("roundtable.group.cleared"))
            else:
                message = self.translate("roundtable.group.set", heading=chosen.heading)
                self.notify(message, markup=False)

        dialog = GroupDialog(
            self.translate, note.text, clusters.headings(step), group.heading if group else ""
        )
        self.app.push_screen(dialog, done)
