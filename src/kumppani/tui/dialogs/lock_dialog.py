"""Provides the lock dialog: who has the session open, and what to do: read-only, co-write …

``app.push_screen(LockDialog(translate, status), callback)``; the callback gets
``"read_only"``, ``"co_write"``, ``"take_over"`` or ``"cancel"``. Take-over is
offered only for a lock whose program is provably gone, or, with a warning, for
one held on another computer or that cannot be read; never for a program still
running here. Writing alongside as a co-writer is offered while the holder may
still be writing (a program running here, or another computer's). The focus
starts on read-only, the safe choice, except for a stale lock: its program is
provably gone (often our own, killed), so taking over loses nothing and is what
Enter does; read-only there would leave unsaved work behind. All text is shown
literally.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from kumppani.storage.locks import LockState, LockStatus
from kumppani.text.i18n import Translator
from kumppani.text.safe import printable

TAKE_OVER_STATES = (LockState.STALE, LockState.FOREIGN, LockState.UNREADABLE)
"""Locks that may be taken over (the last two only after a warning)."""
CO_WRITE_STATES = (LockState.LIVE, LockState.FOREIGN)
"""Locks whose holder may still be writing: one may write alongside it."""


def holder_text(translate: Translator, status: LockStatus) -> str:
    """User, host, process and since when, as lines (unknown parts as ``?``)."""
    info = status.info
    if info is None:
        return translate("lock.unreadable", path=status.path)
    since = info.since.astimezone().strftime("%Y-%m-%d %H:%M")
    return translate(
        "lock.holder",
        user=printable(info.user),
        host=printable(info.host),
        pid=info.pid,
        since=since,
    )


class LockDialog(ModalScreen[str]):
    """Tell who holds the session and let the user choose what to do."""

    DEFAULT_CSS = """
    LockDialog { align: center middle; }
    LockDialog > VerticalScroll {
        width: 76; max-width: 95%; height: auto; max-height: 100%; border: thick $warning;
        background: $surface; padding: 1 2;
    }
    LockDialog #lock-title { text-style: bold; margin-bottom: 1; }
    LockDialog #lock-holder { background: $panel; padding: 0 1; }
    LockDialog #lock-explain { margin-top: 1; }
    LockDialog Horizontal { height: auto; align-horizontal: right; margin-top: 1; }
    LockDialog Button { margin-left: 2; }
    LockDialog #co_write { width: 1fr; margin: 0; }
    LockDialog.-narrow Horizontal { layout: vertical; }
    LockDialog.-narrow Button { width: 100%; margin-left: 0; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "choose('cancel')", show=False)]
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (80, "-wide")]  # noqa: RUF012 (Textual's type)
    """Below 80 columns the three buttons do not fit side by side: they stack."""

    def __init__(self, translate: Translator, status: LockStatus) -> None:
        super().__init__(id="lock-dialog")
        self.translate = translate
        self.status = status

    def compose(self) -> ComposeResult:
        translate, state = self.translate, self.status.state
        with VerticalScroll():
            yield Static(translate("lock.title"), id="lock-title", markup=False)
            if self.status.info is not None:
                yield Static(holder_text(translate, self.status), id="lock-holder", markup=False)
            explain = translate(f"lock.{state}", path=self.status.path)
            if state in CO_WRITE_STATES:
                explain += " " + translate("lock.co_write_explain")
            yield Static(explain, id="lock-explain", markup=False)
            if state in CO_WRITE_STATES:  # on a line of its own: four buttons do not fit in one
                yield Button(translate("lock.co_write"), id="co_write", variant="success")
            with Horizontal():
                if state in TAKE_OVER_STATES:
                    warned = state != LockState.STALE
                    label = translate("lock.take_over_anyway" if warned else "lock.take_over")
                    yield Button(label, id="take_over", variant="error" if warned else "warning")
                yield Button(translate("lock.read_only"), id="read_only", variant="primary")
                yield Button(translate("lock.cancel"), id="cancel")

    def on_mount(self) -> None:
        stale = self.status.state == LockState.STALE
        self.query_one("#take_over" if stale else "#read_only", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id or "cancel")

    def action_choose(self, choice: str) -> None:
        self.dismiss(choice)
