"""Provides the round-table commands of the step view: rounds, balance, votes, groups, live state.

``StepScreen`` mixes this in. Ctrl+R starts a speaking round in the step on
screen (or ends the one running); Alt+N/P/S/B pass the floor on (spoke, nothing
to add, skipped, back to the skipped). While a round runs, the capture line's
attribution is the speaker, so notes typed go to them. Ctrl+B shows the party
balance. On the note list, ``v`` opens a dot vote and ``g`` puts the note under a
group heading. The step on screen and the running timer are kept in
``session.live`` for the projector view. Every change goes through the
editor's lock and ``changed``, so the autosave writes it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from textual.app import ComposeResult
from textual.screen import Screen

from kumppani.editing.editor import SessionEditor
from kumppani.roundtable import groups as clusters
from kumppani.roundtable import rounds, voting
from kumppani.session.model import Note, Round, Step, now
from kumppani.session.vocabulary import STEP_KEYS, TurnOutcome
from kumppani.text.i18n import Translator
from kumppani.tui.dialogs.group_dialog import GroupDialog
from kumppani.tui.dialogs.round_dialog import RoundDialog, RoundSettings
from kumppani.tui.dialogs.vote_dialog import VoteDialog, VoteOutcome
from kumppani.tui.messages import NoteCommand
from kumppani.tui.widgets.step.balance_view import BalanceView
from kumppani.tui.widgets.step.note_list import NoteList
from kumppani.tui.widgets.step.round_panel import RoundPanel
from kumppani.tui.widgets.step.step_timer import StepTimer


class RoundTableMixin(Screen[None]):
    """The step screen's round-table tools (``StepScreen`` provides the rest)."""

    editor: SessionEditor
    translate: Translator
    index: int
    party: str
    participant: str

    clock: Callable[[], datetime] = staticmethod(now)
    """The clock of rounds and the balance; tests put a fixed one here."""

    round_minutes = 2
    round_alternate = False

    def refresh_attribution(self) -> None:
        """Provided by the step screen."""

    def refresh_bar(self) -> None:
        """Provided by the step screen."""

    def _writable(self) -> bool:
        """Provided by the step screen."""
        return not self.editor.read_only

    def compose_roundtable(self) -> ComposeResult:
        """The round panel and the balance view, above the notes."""
        yield RoundPanel(self.translate, lambda: self.clock(), id="round-panel")
        yield BalanceView(self.translate, lambda: self.clock(), id="balance")

    # -- showing -----------------------------------------------------------------------------
    @property
    def current_step(self) -> Step:
        """The step on screen."""
        step: Step = self.editor.session.steps[self.index]
        return step

    def show_roundtable(self) -> None:
        """Show the round and the balance of the step on screen; remember it for the projector."""
        step = self.current_step
        self.query_one(RoundPanel).show(self.editor.session, step.current_round)
        self.query_one(BalanceView).show(self.editor.session, step)
        live = self.editor.session.live
        if self.editor.read_only:
            return
        # Written with the next save: only viewing a step is not a change of its own.
        if not self.query_one(StepTimer).running:
            live.timer_since, live.timer_spent = None, 0
        elif live.step != step.key:
            live.timer_since, live.timer_spent = self.clock(), step.spent_seconds
        live.step = step.key

    def describe_grouped(self, described: tuple[str, str], note: Note) -> tuple[str, str]:
        """A grouped note shows its group heading where the kind is."""
        if note.group:
            group = self.current_step.group(note.group)
            if group is not None:
                return "▸" + group.heading, described[1]
        return described

    def timer_switched(self, running: bool) -> None:
        """Keep the running timer in the live state, for the projector."""
        if self.editor.read_only:
            return
        step = self.current_step
        with self.editor.lock:
            live = self.editor.session.live
            live.step = step.key
            live.timer_since = self.clock() if running else None
            live.timer_spent = step.spent_seconds if running else 0
        self.editor.changed("live")

    # -- rounds ------------------------------------------------------------------------------
    def action_round(self) -> None:
        """Ctrl+R: start a round (asking for the time box), or end the one running."""
        if not self._writable():
            return
        running = self.current_step.current_round
        if running is not None:
            self._change_round("round_end", rounds.end_round, running)
            self._announce_end(running)
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
        step = self.current_step
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
        self._follow_round()

    def _change_round(
        self, what: str, change: Callable[[Round, datetime], object], speaking: Round
    ) -> None:
        """Change the round ``speaking`` of the step on screen (undoable as ``what``)."""
        at = self.clock()
        self.editor.edit(what, lambda: change(speaking, at), (self.current_step, "rounds"))
        self._follow_round()
        if not speaking.running:
            self._announce_end(speaking)

    def _announce_end(self, speaking: Round) -> None:
        outcomes = [turn.outcome for turn in speaking.turns]
        self.notify(
            self.translate(
                "roundtable.round.ended",
                spoke=len(
                    {t.participant for t in speaking.turns if t.outcome is TurnOutcome.SPOKE}
                ),
                passed=outcomes.count(TurnOutcome.PASSED),
                skipped=outcomes.count(TurnOutcome.SKIPPED),
            )
        )

    def _follow_round(self) -> None:
        """The speaker becomes the attribution of the next note; panel and balance redraw."""
        speaking = self.current_step.current_round
        if speaking is not None:
            person = self.editor.session.participant(speaking.speaker)
            self.participant = speaking.speaker
            self.party = person.party if person is not None else ""
        else:
            self.participant, self.party = "", ""
        self.refresh_attribution()
        self.show_roundtable()

    def _running_round(self) -> Round | None:
        if not self._writable():
            return None
        speaking = self.current_step.current_round
        if speaking is None:
            self.notify(self.translate("roundtable.round.none"))
        return speaking

    def action_round_next(self) -> None:
        if (speaking := self._running_round()) is not None:
            self._change_round("round_next", rounds.next_speaker, speaking)

    def action_round_pass(self) -> None:
        if (speaking := self._running_round()) is not None:
            self._change_round("round_pass", rounds.pass_turn, speaking)

    def action_round_skip(self) -> None:
        if (speaking := self._running_round()) is not None:
            self._change_round("round_skip", rounds.skip_turn, speaking)

    def action_round_back(self) -> None:
        """Alt+B: back to the latest one skipped (also after the round has ended)."""
        if not self._writable():
            return
        step = self.current_step
        speaking = step.rounds[-1] if step.rounds else None
        if speaking is None or not rounds.back_candidate(speaking):
            self.notify(self.translate("roundtable.round.back_none"))
            return
        self._change_round("round_back", lambda one, at: rounds.back_to(one, at), speaking)

    # -- balance -----------------------------------------------------------------------------
    def action_balance(self) -> None:
        """Ctrl+B: show or hide the party balance."""
        view = self.query_one(BalanceView)
        view.show(self.editor.session, self.current_step)
        view.toggle()

    # -- note list commands: vote and group --------------------------------------------------
    def roundtable_command(self, event: NoteCommand) -> bool:
        """Handle ``vote`` and ``group`` from the note list; False for any other command."""
        if event.action == "vote":
            self.open_vote()
            return True
        if event.action == "group":
            self.open_group(event.note_id)
            return True
        return False

    def open_vote(self) -> None:
        step = self.current_step
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
        self.query_one(NoteList).notes_changed()
        self.refresh_bar()

    def open_group(self, note_id: str) -> None:
        step = self.current_step
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
            self.query_one(NoteList).notes_changed()
            if chosen is None:
                self.notify(self.translate("roundtable.group.cleared"))
            else:
                message = self.translate("roundtable.group.set", heading=chosen.heading)
                self.notify(message, markup=False)

        dialog = GroupDialog(
            self.translate, note.text, clusters.headings(step), group.heading if group else ""
        )
        self.app.push_screen(dialog, done)
