"""Provides the round panel: who has the floor in a speaking round, and their time box.

Shown above the notes while a round runs in the step on screen; hidden
otherwise. It redraws itself once a second from the round and the clock it is
given (tests give a fixed one), and changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import ClassVar

from rich.text import Text
from textual.widget import Widget

from kumppani.roundtable.rounds import back_candidate, floor_seconds, remaining_seconds
from kumppani.session.model import Round, Session
from kumppani.text.i18n import Translator
from kumppani.text.safe import one_line

Clock = Callable[[], datetime]


def clock_text(seconds: int) -> str:
    """``m:ss``; negative as ``+m:ss`` over."""
    sign = "+" if seconds < 0 else ""
    seconds = abs(seconds)
    return f"{sign}{seconds // 60}:{seconds % 60:02d}"


def person_label(session: Session, participant: str, translate: Translator) -> str:
    """Name, organisation and party of a participant, on one line."""
    person = session.participant(participant)
    if person is None:
        return participant
    party_key = f"party.{person.party}"
    party = translate(party_key) if person.party else ""
    party = "" if party == party_key else party.lower()
    details = ", ".join(part for part in (person.organisation, party) if part)
    return one_line(f"{person.name} ({details})" if details else person.name)


class RoundPanel(Widget):
    """Two lines: who speaks, for how long of their time box; who is next, and the keys."""

    DEFAULT_CSS = """
    RoundPanel {
        height: auto; padding: 0 1; display: none;
        background: $boost; border-left: thick $accent;
    }
    RoundPanel.-running { display: block; }
    RoundPanel.-over { border-left: thick $error; }
    RoundPanel > .round-panel--hint { color: $text-muted; }
    """
    COMPONENT_CLASSES: ClassVar[set[str]] = {"round-panel--hint"}
    """The key hint's colour: the theme's muted one (the terminal's dim is too faint)."""

    def __init__(self, translate: Translator, clock: Clock, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.translate = translate
        self.clock = clock
        self.session: Session | None = None
        self.round: Round | None = None

    def on_mount(self) -> None:
        self.set_interval(1.0, self.tick, name="round-panel")

    def show(self, session: Session, speaking: Round | None) -> None:
        """Follow this round (None hides the panel)."""
        self.session = session
        self.round = speaking if speaking is not None and speaking.running else None
        self.set_class(self.round is not None, "-running")
        self.tick()

    def tick(self) -> None:
        """Redraw the time; the panel turns red once the time box is used up."""
        if self.round is None:
            return
        left = remaining_seconds(self.round, self.clock())
        self.set_class(left is not None and left < 0, "-over")
        self.refresh(layout=True)

    def render(self) -> Text:
        speaking, session = self.round, self.session
        if speaking is None or session is None:
            return Text("")
        translate = self.translate
        at = self.clock()
        who = person_label(session, speaking.speaker, translate)
        text = Text(no_wrap=True, overflow="ellipsis")
        text.append(f"● {translate('roundtable.round.title')} ", "bold")
        text.append(f"{speaking.position + 1}/{len(speaking.order)}  ")
        text.append(translate("roundtable.round.floor", who=who), "bold")
        left = remaining_seconds(speaking, at)
        if left is None:
            text.append(f"   ⏱ {clock_text(floor_seconds(speaking, at))}")
        else:
            style = "bold reverse" if left < 0 else "bold"
            spent = clock_text(floor_seconds(speaking, at))
            text.append(f"   ⏱ {spent} / {clock_text(speaking.seconds_each)}", style)
        text.append("\n")
        following = speaking.position + 1
        if following < len(speaking.order):
            upcoming = person_label(session, speaking.order[following], translate)
            text.append(translate("roundtable.round.next", who=upcoming))
        else:
            text.append(translate("roundtable.round.last"))
        hint = self.get_component_rich_style("round-panel--hint", partial=True)
        keys = translate("roundtable.round.hint")
        if back_candidate(speaking):  # only while someone skipped can be brought back
            keys += " · " + translate("roundtable.round.hint_back")
        text.append("  ·  " + keys, hint)
        return text
