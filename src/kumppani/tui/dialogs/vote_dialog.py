"""Provides the dot-vote dialog: dots per voter, counts per note from a show of hands, result.

Entry first: the dots each voter has, whether the voters are parties, how many
of the top to carry forward, then one count per note (Enter or ↓ moves on, so
the facilitator types "4 Enter 2 Enter …" as hands are counted). Ctrl+S (or
Enter on the last note) shows the ranked result; there ``3`` carries the top
to step 3 as focus themes, ``4`` to step 4 as draft actions, Enter keeps the
result only, Esc goes back to the counts. Dismissed with a ``VoteOutcome``, or
None when cancelled. The dialog changes nothing itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Checkbox, Input, Label, Static

from kumppani.roundtable import voting
from kumppani.session.model import Session, Step, Vote
from kumppani.session.vocabulary import VotePer
from kumppani.text.i18n import Translator
from kumppani.text.safe import one_line
from kumppani.tui.dialogs.discard import FormGuard
from kumppani.tui.widgets.forms.tick_box import MarkedCheckbox


@dataclass
class VoteOutcome:
    """What the facilitator decided: the counted vote, and where its top goes (or "")."""

    vote: Vote
    carry: str = ""
    top: int = 3


def _number(text: str, default: int = 0) -> int:
    text = text.strip()
    return int(text) if text.isdigit() else default


class VoteDialog(ModalScreen[VoteOutcome | None]):
    """Counts per note, then the ranked result."""

    DEFAULT_CSS = """
    VoteDialog { align: center middle; }
    VoteDialog > Vertical {
        width: 100; max-width: 98%; height: 90%;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    VoteDialog .settings { height: auto; }
    VoteDialog .settings Input { width: 8; }
    VoteDialog .settings Label { padding: 1 1 0 0; }
    VoteDialog #vote-per { border: none; height: 1; padding: 0 1; }
    VoteDialog .count-row { height: 1; }
    VoteDialog .count-row Input { width: 7; height: 1; border: none; padding: 0 1; }
    VoteDialog .count-row Input:focus { background: $accent 40%; }
    VoteDialog .count-row Static { width: 1fr; padding-left: 1; }
    VoteDialog #vote-given { text-style: bold; }
    VoteDialog #vote-result { display: none; height: 1fr; }
    VoteDialog.-result #vote-result { display: block; }
    VoteDialog.-result #vote-counts { display: none; }
    VoteDialog .hint { color: $text-muted; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", show=False),
        Binding("ctrl+s", "result", show=False, priority=True),
        Binding("down", "move(1)", show=False),
        Binding("up", "move(-1)", show=False),
        Binding("3", "carry('will')", show=False),
        Binding("4", "carry('solutions')", show=False),
        Binding("enter", "carry('')", show=False),
    ]

    def __init__(
        self, translate: Translator, session: Session, step: Step, title: str, at: datetime
    ) -> None:
        super().__init__()
        self.translate = translate
        self.session = session
        self.step = step
        self.title_text = title
        self.vote = voting.new_vote(session, at)
        self.guard = FormGuard(self, translate.language)

    def compose(self) -> ComposeResult:
        translate = self.translate
        with Vertical():
            yield Static(translate("roundtable.vote.title", step=self.title_text), markup=False)
            with Horizontal(classes="settings"):
                yield Label(translate("roundtable.vote.dots"), markup=False)
                yield Input(str(self.vote.dots), type="integer", id="vote-dots")
                yield Label(translate("roundtable.vote.top"), markup=False)
                yield Input("3", type="integer", id="vote-top")
            # A row of its own: beside the two fields it was cut off below 100 columns.
            yield MarkedCheckbox(translate("roundtable.vote.per_party"), False, id="vote-per")
            yield Static(id="vote-given")
            with VerticalScroll(id="vote-counts", can_focus=False):
                for index, note in enumerate(self.step.notes):
                    with Horizontal(classes="count-row"):
                        yield Input(type="integer", id=f"count-{index}", classes="count")
                        yield Static(Text(one_line(note.text)))
            yield Static(id="vote-result")
            yield Static(translate("roundtable.vote.hint"), markup=False, id="vote-hint")

    def on_mount(self) -> None:
        self.show_given()
        counts = self.counts()
        if counts:
            counts[0].focus()
        self.guard.remember()  # now: keys typed before the first frame are typing

    # -- entry -------------------------------------------------------------------------------
    def counts(self) -> list[Input]:
        return list(self.query(".count").results(Input))

    @property
    def in_result(self) -> bool:
        return self.has_class("-result")

    def read(self) -> Vote:
        """The vote as typed so far."""
        vote = self.vote
        vote.dots = max(1, _number(self.query_one("#vote-dots", Input).value, 1))
        per_party = self.query_one("#vote-per", Checkbox).value
        vote.per = VotePer.PARTY if per_party else VotePer.PARTICIPANT
        vote.voters = voting.voter_count(self.session, vote.per)
        vote.counts = {}
        for note, field in zip(self.step.notes, self.counts(), strict=True):
            count = _number(field.value)
            if count:
                voting.set_count(self.step, vote, note.id, count)
        return vote

    def show_given(self) -> None:
        vote = self.read()
        given = self.translate(
            "roundtable.vote.given", used=voting.used(vote), budget=voting.budget(vote)
        )
        over = voting.budget(vote) and voting.used(vote) > voting.budget(vote)
        self.query_one("#vote-given", Static).update(
            Text(given, style="bold red" if over else "bold")
        )

    def on_input_changed(self, event: Input.Changed) -> None:
        self.show_given()

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        self.show_given()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        counts = self.counts()
        if event.input in counts and event.input is counts[-1]:
            self.action_result()
        else:
            self.focus_next()

    def action_move(self, delta: int) -> None:
        if self.in_result:
            return
        if delta > 0:
            self.focus_next()
        else:
            self.focus_previous()

    # -- result ------------------------------------------------------------------------------
    def action_result(self) -> None:
        vote = self.read()
        ranked = voting.ranked(self.step, vote)
        text = Text()
        text.append(self.translate("roundtable.vote.result") + "\n", "bold underline")
        if not ranked:
            text.append(self.translate("roundtable.vote.no_dots"), "italic")
        place, previous = 0, -1
        for index, (note, count) in enumerate(ranked, 1):
            if count != previous:
                place, previous = index, count
            text.append(f"{place:>3}. ", "bold")
            text.append(f"{count:>3} ● ", "bold")
            text.append(one_line(note.text) + "\n")
        self.query_one("#vote-result", Static).update(text)
        self.query_one("#vote-hint", Static).update(self.translate("roundtable.vote.result_hint"))
        self.add_class("-result")
        for field in self.query(Input).results(Input):
            field.disabled = True
        self.set_focus(None)

    def action_carry(self, target: str) -> None:
        if not self.in_result:
            return
        top = max(0, _number(self.query_one("#vote-top", Input).value, 3))
        self.dismiss(VoteOutcome(self.vote, target, top))

    def action_back(self) -> None:
        if not self.in_result:  # counts typed from a show of hands are not lost unasked
            self.guard.leave(lambda: self.dismiss(None))
            return
        self.remove_class("-result")
        self.query_one("#vote-hint", Static).update(self.translate("roundtable.vote.hint"))
        for field in self.query(Input).results(Input):
            field.disabled = False
        counts = self.counts()
        if counts:
            counts[0].focus()
