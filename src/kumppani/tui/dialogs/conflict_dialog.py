"""Provides the conflict dialog and the difference view for a file changed outside kumppani.

``ConflictDialog`` is dismissed with ``"keep_over"``, ``"keep_copy"``,
``"load_theirs"``, ``"view_both"`` or ``"later"`` (Esc). The focus starts on
saving mine as a copy: the choice that loses nothing of anyone's. Loading theirs is
not offered when the file is gone. ``DiffScreen`` shows a unified diff of the
two TOML texts, as plain text (never markup), and returns to the choice.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Static
from textual.widgets.button import ButtonVariant

from kumppani.storage.conflicts import ConflictError
from kumppani.text.i18n import Translator
from kumppani.text.safe import printable

CHOICES = ("merge", "keep_over", "keep_copy", "load_theirs", "view_both")
VARIANTS: dict[str, ButtonVariant] = {
    "merge": "primary",
    "keep_over": "warning",
    "keep_copy": "primary",
}


class ConflictDialog(ModalScreen[str]):
    """Say that the file changed outside, and ask what to do with both versions."""

    DEFAULT_CSS = """
    ConflictDialog { align: center middle; }
    ConflictDialog > VerticalScroll {
        width: 80; max-width: 95%; height: auto; max-height: 100%; border: thick $error;
        background: $surface; padding: 1 2;
    }
    ConflictDialog #conflict-title { text-style: bold; color: $error; margin-bottom: 1; }
    ConflictDialog Vertical#conflict-choices { height: auto; margin-top: 1; }
    ConflictDialog Button { width: 100%; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "choose('later')", show=False)]

    def __init__(self, translate: Translator, error: ConflictError) -> None:
        super().__init__(id="conflict-dialog")
        self.translate = translate
        self.error = error

    def compose(self) -> ComposeResult:
        translate = self.translate
        body = translate(
            "conflict.deleted" if self.error.deleted else "conflict.changed", path=self.error.path
        )
        # Scrolls when the screen is short; one-row buttons keep it whole at 80x24.
        with VerticalScroll():
            yield Static(translate("conflict.title"), id="conflict-title", markup=False)
            yield Static(body, id="conflict-body", markup=False)
            with Vertical(id="conflict-choices"):
                for choice in CHOICES:
                    if choice in ("merge", "load_theirs") and self.error.deleted:
                        continue
                    yield Button(
                        translate(f"conflict.{choice}"),
                        id=choice,
                        variant=VARIANTS.get(choice, "default"),
                        compact=True,
                    )
                yield Button(translate("conflict.later"), id="later", compact=True)

    def on_mount(self) -> None:
        self.query_one("#keep_copy" if self.error.deleted else "#merge", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id or "later")

    def action_choose(self, choice: str) -> None:
        self.dismiss(choice)


def diff_text(diff: str) -> Text:
    """The diff as plain text, removed lines red and added ones green (styles, not markup)."""
    text = Text(no_wrap=False)
    for line in diff.splitlines(keepends=True):
        style = ""
        if line.startswith("-") and not line.startswith("---"):
            style = "red"
        elif line.startswith("+") and not line.startswith("+++"):
            style = "green"
        elif line.startswith("@@"):
            style = "bold"
        text.append(printable(line), style=style)
    return text


class DiffScreen(ModalScreen[None]):
    """The differences between the file on disk and the session on screen."""

    DEFAULT_CSS = """
    DiffScreen { align: center middle; }
    DiffScreen > Vertical {
        width: 95%; height: 90%; border: thick $primary; background: $surface; padding: 0 1;
    }
    DiffScreen #diff-title { text-style: bold; }
    DiffScreen VerticalScroll { height: 1fr; background: $panel; }
    DiffScreen Horizontal { height: auto; align-horizontal: right; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", show=False),
        Binding("q", "close", show=False),
    ]

    def __init__(self, translate: Translator, diff: str) -> None:
        super().__init__(id="diff-screen")
        self.translate = translate
        self.diff = diff

    def compose(self) -> ComposeResult:
        shown = (
            diff_text(self.diff) if self.diff else Text(self.translate("conflict.no_difference"))
        )
        with Vertical():
            yield Static(self.translate("conflict.diff_title"), id="diff-title", markup=False)
            with VerticalScroll(id="diff-scroll"):
                yield Static(shown, id="diff", markup=False)
            with Horizontal():
                yield Button(self.translate("conflict.close"), id="close", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#diff-scroll").focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(None)

    def action_close(self) -> None:
        self.dismiss(None)
