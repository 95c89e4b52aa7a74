"""Provides the recovery dialog: unsaved changes found; recover, open the saved file, discard.

``app.push_screen(RecoveryDialog(offer, translate), callback)``; the callback
gets ``"recover"``, ``"open"`` or ``"discard"``. The dialog shows the file,
how many changes the journal holds and when it was last written, the saved
file's time and size, and a warning when that file changed after the changes
began to be recorded. When the saved file is gone, the dialog says so and offers
no "open the saved file". Every text is shown literally (a file name is data).
The focus starts on recovering: that is what someone who lost notes wants.
"""

from __future__ import annotations

from datetime import datetime

from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from kumppani.errors import KumppaniError, render
from kumppani.storage.recovery import RecoveryOffer
from kumppani.text.i18n import Translator
from kumppani.text.numbers import format_number
from kumppani.text.safe import printable

CHOICES = ("recover", "open", "discard")


def human_size(size: int, language: str) -> str:
    """``512 B``, ``12,3 kB``, ``4,1 MB`` (a decimal point in English)."""
    if size < 1000:
        return f"{size} B"
    if size < 1_000_000:
        return f"{format_number(round(size / 1000, 1), language)} kB"
    return f"{format_number(round(size / 1_000_000, 1), language)} MB"


def when(moment: datetime) -> str:
    """A local date and time to the minute."""
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def describe_offer(offer: RecoveryOffer, translate: Translator) -> list[str]:
    """The lines of the dialog's body."""
    lines = [
        translate("journal.recovery.intro"),
        "",
        translate("journal.recovery.file", file=printable(str(offer.path))),
        translate(
            "journal.recovery.journal",
            count=offer.edits,
            time=when(offer.journal_time),
            size=human_size(offer.journal_size, translate.language),
        ),
    ]
    if offer.file_time is not None and offer.file_size is not None:
        lines.append(
            translate(
                "journal.recovery.saved",
                time=when(offer.file_time),
                size=human_size(offer.file_size, translate.language),
            )
        )
    else:
        lines.append(translate("journal.recovery.missing"))
    if offer.drafts:
        lines.append(translate("journal.recovery.drafts", count=len(offer.drafts)))
    if offer.base_differs and offer.file_time is not None:  # a gone file changed no more
        lines += ["", translate("journal.recovery.base_differs")]
    if offer.problem:
        problem, language = offer.problem, translate.language
        reason = (
            problem.describe(language)
            if isinstance(problem, KumppaniError)
            else render(problem, language)
        )
        lines += ["", translate("journal.recovery.unrecoverable", reason=reason)]
    return lines


class RecoveryDialog(ModalScreen[str]):
    """Offer the changes a crash left in the journal."""

    DEFAULT_CSS = """
    RecoveryDialog { align: center middle; }
    RecoveryDialog > VerticalScroll {
        width: 84; max-width: 95%; height: auto; max-height: 100%;
        border: thick $warning; background: $surface; padding: 1 2;
    }
    RecoveryDialog #recovery-title { text-style: bold; margin-bottom: 1; }
    RecoveryDialog Horizontal { height: auto; align-horizontal: right; margin-top: 1; }
    RecoveryDialog Button { margin-left: 2; }
    RecoveryDialog.-narrow Horizontal { layout: vertical; }
    RecoveryDialog.-narrow Button { width: 100%; margin-left: 0; }
    """

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (70, "-wide")]  # noqa: RUF012 (Textual's type)
    """Below 70 columns the three buttons do not fit side by side: they stack."""

    def __init__(self, offer: RecoveryOffer, translate: Translator) -> None:
        super().__init__(id="recovery-dialog")
        self.offer = offer
        self.translate = translate

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(
                self.translate("journal.recovery.title"), id="recovery-title", markup=False
            )
            body = "\n".join(describe_offer(self.offer, self.translate))
            yield Static(body, id="recovery-body", markup=False)
            with Horizontal():
                yield Button(
                    self.translate("journal.recovery.recover"),
                    id="recover",
                    variant="success",
                    disabled=self.offer.session is None,
                )
                if self.offer.file_time is not None:  # no saved file to open when it is gone
                    yield Button(self.translate("journal.recovery.open_saved"), id="open")
                yield Button(
                    self.translate("journal.recovery.discard"), id="discard", variant="error"
                )

    def on_mount(self) -> None:
        if self.offer.session is not None:
            first_id = "#recover"
        else:  # a gone file and no session: discarding asks once more
            first_id = "#open" if self.offer.file_time is not None else "#discard"
        first = self.query_one(first_id, Button)
        first.focus()
        # Again once laid out: on a narrow screen the buttons stack below the fold.
        self.call_after_refresh(first.scroll_visible, animate=False)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id in CHOICES:
            self.dismiss(event.button.id)
