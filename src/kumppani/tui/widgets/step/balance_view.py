"""Provides the balance view: notes and speaking time per party, as bars, at a glance.

Two blocks, the step on screen and the whole session; a row per party with a
bar of its share of the notes and a bar of its share of the speaking time. A
side with more than three quarters of either is called out in red, so a
facilitator sees within a second that one side has done all the talking.
Toggled with Ctrl+B; changes nothing.
"""

from __future__ import annotations

from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual.widget import Widget

from kumppani.roundtable.balance import Balance, balance, lopsided
from kumppani.session.model import Session, Step
from kumppani.text.i18n import Translator
from kumppani.text.safe import cell_width, one_line, pad, truncate
from kumppani.tui.widgets.step.round_panel import Clock, clock_text

PARTY_STYLES = {"state": "bold dodger_blue2", "city": "bold dark_orange", "other": "bold grey50"}
MAX_LABEL = 18


def bar(share: float, width: int) -> str:
    """A bar of ``width`` cells, ``share`` of it filled."""
    filled = round(share * width)
    return "█" * filled + "░" * (width - filled)


class BalanceView(Widget):
    """Bars per party for the step and the session."""

    DEFAULT_CSS = """
    BalanceView {
        height: auto; padding: 0 1; display: none;
        background: $surface; border: round $accent;
    }
    BalanceView.-shown { display: block; }
    BalanceView > .balance-view--muted { color: $text-muted; }
    BalanceView > .balance-view--warning { background: $error; color: auto; text-style: bold; }
    """
    COMPONENT_CLASSES: ClassVar[set[str]] = {"balance-view--muted", "balance-view--warning"}
    """Column headings and the empty note in the theme's muted colour, not the terminal's dim;
    the warning of a lopsided balance on the theme's error colour (as the timer's "time up"),
    not the terminal's red."""

    def __init__(self, translate: Translator, clock: Clock, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.translate = translate
        self.clock = clock
        self.session: Session | None = None
        self.step: Step | None = None
        self.label_width = MAX_LABEL

    def on_mount(self) -> None:
        self.border_title = self.translate("roundtable.balance.title")
        self.set_interval(1.0, self.tick, name="balance-view")

    @property
    def shown(self) -> bool:
        """True while the view is on screen."""
        return self.has_class("-shown")

    def toggle(self) -> None:
        """Show or hide the view."""
        self.set_class(not self.shown, "-shown")
        self.refresh(layout=True)

    def show(self, session: Session, step: Step) -> None:
        """Follow this session and step."""
        self.session, self.step = session, step
        self.refresh(layout=True)

    def tick(self) -> None:
        """Redraw while shown (the time of a running turn grows)."""
        if self.shown:
            self.refresh()

    def party_label(self, key: str) -> str:
        found = self.translate(f"party.{key}")
        return key if found == f"party.{key}" else found

    def render(self) -> Text:
        if self.session is None or self.step is None:
            return Text("")
        at = self.clock()
        text = Text(no_wrap=True, overflow="ellipsis")
        scopes = (
            (self.translate("roundtable.balance.step"), balance(self.session, self.step, at)),
            (self.translate("roundtable.balance.session"), balance(self.session, None, at)),
        )
        labels = [title for title, _ in scopes] + [
            self.party_label(share.key) for _, result in scopes for share in result.parties
        ]
        self.label_width = min(MAX_LABEL, max(cell_width(label) for label in labels) + 1)
        width = max(40, self.size.width - 2)
        bar_width = max(4, (width - self.label_width - 2 * 12) // 2)
        for index, (title, result) in enumerate(scopes):
            if index:
                text.append("\n")
            self.block(text, title, result, bar_width)
        return text

    def block(self, text: Text, title: str, result: Balance, bar_width: int) -> None:
        translate = self.translate
        label_width = self.label_width
        heading = pad(truncate(title, label_width - 1), label_width)
        text.append(heading, "bold underline")
        muted = self.get_component_rich_style("balance-view--muted", partial=True)
        text.append(pad(translate("roundtable.balance.notes"), bar_width + 12), muted)
        text.append(translate("roundtable.balance.time"), muted)
        side = lopsided(result)
        if side:
            warning = translate("roundtable.balance.lopsided", party=self.party_label(side))
            text.append("  ")
            text.append(warning, self.get_component_rich_style("balance-view--warning"))
        if result.empty:
            text.append("\n" + translate("roundtable.balance.empty"), muted + Style(italic=True))
            return
        for share in result.parties:
            style = PARTY_STYLES.get(share.key, "bold")
            text.append("\n")
            label = truncate(one_line(self.party_label(share.key)), label_width - 1)
            text.append(pad(label, label_width))
            note_share = result.note_share(share.key)
            text.append(bar(note_share, bar_width), style)
            text.append(f" {round(note_share * 100):3d} % {share.notes:>3} ")
            time_share = result.time_share(share.key)
            text.append(bar(time_share, bar_width), style)
            text.append(f" {round(time_share * 100):3d} % {clock_text(share.seconds):>6}")
