"""Provides the dialog that settles merge conflicts one at a time: keep mine or take theirs.

A merge keeps my value in place and both values in the session's
``[[conflicts]]``. ``MergeConflictDialog`` shows each conflict in turn (where
it is, my value, the other writer's value) and is dismissed with the choices
made so far, a list of ``(conflict, "mine" | "theirs")``: Esc stops and leaves
the rest for later, so nothing is ever settled unasked.
"""

from __future__ import annotations

from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from kumppani.session.merge import Conflict, place_of
from kumppani.text.i18n import Translator
from kumppani.text.safe import printable

Choice = tuple[Conflict, str]


class MergeConflictDialog(ModalScreen[list[Choice]]):
    """One conflict at a time: ``m`` keeps mine, ``t`` takes theirs, Esc leaves the rest."""

    DEFAULT_CSS = """
    MergeConflictDialog { align: center middle; }
    MergeConflictDialog > Vertical {
        width: 76; max-width: 100%; height: auto; max-height: 100%; border: thick $warning;
        background: $surface; padding: 0 1;
    }
    MergeConflictDialog #merge-title { text-style: bold; }
    MergeConflictDialog .merge-label { color: $text-muted; margin-top: 1; }
    MergeConflictDialog .merge-value { max-height: 5; }
    MergeConflictDialog Horizontal { height: auto; margin-top: 1; }
    MergeConflictDialog Button { margin-right: 1; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("m", "choose('mine')", show=False),
        Binding("t", "choose('theirs')", show=False),
        Binding("escape", "stop", show=False),
    ]

    def __init__(self, translate: Translator, conflicts: list[Conflict]) -> None:
        super().__init__(id="merge-conflicts")
        self.translate = translate
        self.conflicts = conflicts
        self.index = 0
        self.choices: list[Choice] = []

    def compose(self) -> ComposeResult:
        translate = self.translate
        with Vertical():
            yield Static("", id="merge-title", markup=False)
            yield Static("", id="merge-place", markup=False)
            yield Static(translate("merge.mine"), classes="merge-label", markup=False)
            yield Static("", id="merge-mine", classes="merge-value", markup=False)
            yield Static(translate("merge.theirs"), classes="merge-label", markup=False)
            yield Static("", id="merge-theirs", classes="merge-value", markup=False)
            with Horizontal():
                yield Button(translate("merge.keep_mine"), id="mine", variant="primary")
                yield Button(translate("merge.take_theirs"), id="theirs", variant="warning")
                yield Button(translate("merge.later"), id="later")

    def on_mount(self) -> None:
        self._show()
        self.query_one("#mine", Button).focus()

    def _show(self) -> None:
        conflict = self.conflicts[self.index]
        translate = self.translate
        self.query_one("#merge-title", Static).update(
            translate("merge.title", number=self.index + 1, count=len(self.conflicts))
        )
        self.query_one("#merge-place", Static).update(describe_place(conflict, translate))
        self.query_one("#merge-mine", Static).update(shown_value(conflict.mine, translate))
        self.query_one("#merge-theirs", Static).update(shown_value(conflict.theirs, translate))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "later":
            self.action_stop()
        else:
            self.action_choose(event.button.id or "mine")

    def action_choose(self, choice: str) -> None:
        self.choices.append((self.conflicts[self.index], choice))
        self.index += 1
        if self.index >= len(self.conflicts):
            self.dismiss(self.choices)
        else:
            self._show()

    def action_stop(self) -> None:
        self.dismiss(self.choices)


def describe_place(conflict: Conflict, translate: Translator) -> str:
    """Where a conflict is, in words: ``Vaihe 1, muistiinpano: teksti``."""
    step, kind, name = place_of(conflict.path)
    parts = [translate(f"merge.step.{step}")] if step else []
    if kind:
        parts.append(translate(f"merge.kind.{kind}"))
    field = translate(f"merge.field.{name}") if name in FIELDS else name
    label = translate("merge.place", where=", ".join(parts), field=field) if parts else field
    return printable(label)


FIELDS = frozenset(
    {
        "text",
        "title",
        "status",
        "name",
        "party",
        "kind",
        "due",
        "owner",
        "description",
        "conclusion",
        "heading",
        "organisation",
        "responsible",
        "group",
        "participant",
    }
)


def shown_value(value: Any, translate: Translator) -> str:
    """A conflicting value as plain text: an empty one says so."""
    if value in ("", None, [], {}):
        return translate("merge.empty")
    if isinstance(value, list):
        return printable(", ".join(str(item) for item in value))
    return printable(str(value))
