"""Provides the help screen: the packaged ``tui/help/help_<lang>.md`` with live key tables.

The Markdown files hold the prose in each language. A line ``<!-- keys:AREA -->``
is replaced by a table of the keys that area really has, read from the
binding tables (``kumppani.tui.bindings.ALL_BINDINGS`` for the app, home and
step view; the forms' own ``BINDINGS`` for setup, editors and summary), so
help never lists a key that was changed elsewhere.

The app binds F1 / ``?`` to::

    app.push_screen(HelpScreen(Translator("fi")))

Esc, F1 or ``q`` closes it; it dismisses with None.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from importlib import resources
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Markdown

from kumppani.text.i18n import Translator, normalise_language, t
from kumppani.tui.bindings import ALL_BINDINGS, DESCRIPTION_PREFIXES, localize
from kumppani.tui.dialogs.action_editor import ActionEditor
from kumppani.tui.dialogs.indicator_editor import IndicatorEditor, ReadingsTable
from kumppani.tui.screens.setup import SetupScreen
from kumppani.tui.screens.summary import SummaryScreen
from kumppani.tui.widgets.chrome.key_bar import KeyBar
from kumppani.tui.widgets.forms.roster import Roster, RosterTable

_PLACEHOLDER = re.compile(r"^<!-- keys:([a-z_]+) -->$", re.MULTILINE)

_KEY_NAMES = {
    "ctrl": "Ctrl",
    "alt": "Alt",
    "shift": "Shift",
    "up": "↑",
    "down": "↓",
    "left": "←",
    "right": "→",
    "pageup": "PgUp",
    "pagedown": "PgDn",
    "escape": "Esc",
    "enter": "Enter",
    "delete": "Delete",
    "backspace": "Backspace",
    "space": "Space",
    "tab": "Tab",
    "home": "Home",
    "end": "End",
    "slash": "/",
    "question_mark": "?",
    "exclamation_mark": "!",
    "minus": "-",
    "plus": "+",
}


def key_display(keys: str) -> str:
    """``"ctrl+pagedown,f8"`` as ``"Ctrl+PgDn / F8"``; a bare letter stays as it is typed."""
    shown = []
    for key in keys.split(","):
        parts = key.strip().split("+")
        names = [_KEY_NAMES.get(part, part.upper() if len(part) > 1 else part) for part in parts]
        if len(names) > 1 and len(names[-1]) == 1:
            names[-1] = names[-1].upper()
        shown.append("+".join(names))
    return " / ".join(shown)


def _as_bindings(items: Iterable[BindingType]) -> list[Binding]:
    return [item if isinstance(item, Binding) else Binding(*item) for item in items]


def _form_areas() -> dict[str, list[Binding]]:
    return {
        "setup": _as_bindings([*SetupScreen.BINDINGS, *Roster.BINDINGS, *RosterTable.BINDINGS]),
        "action": _as_bindings(ActionEditor.BINDINGS),
        "indicator": _as_bindings([*IndicatorEditor.BINDINGS, *ReadingsTable.BINDINGS]),
        "summary": _as_bindings(SummaryScreen.BINDINGS),
        "help": _as_bindings(HelpScreen.BINDINGS),
    }


def key_areas() -> dict[str, list[Binding]]:
    """Every area's bindings: the app's tables and the forms'."""
    app_areas = {area: _as_bindings(table) for area, table in ALL_BINDINGS.items()}
    return {**app_areas, **_form_areas()}


def key_table(bindings: Sequence[Binding], language: str) -> str:
    """A Markdown table of keys and what they do; keys with the same meaning share a row."""
    rows: dict[str, list[str]] = {}
    for binding in bindings:
        if not binding.description:
            continue
        described = binding.description
        if described.startswith(DESCRIPTION_PREFIXES):
            described = t(described, language)
        rows.setdefault(described, []).append(key_display(binding.key))
    header = (t("forms.help.key", language), t("forms.help.action", language))
    lines = [f"| {header[0]} | {header[1]} |", "|---|---|"]
    lines += [f"| {', '.join(f'`{k}`' for k in keys)} | {text} |" for text, keys in rows.items()]
    return "\n".join(lines)


def help_markdown(language: str) -> str:
    """The help text in ``language`` with every key table filled in."""
    language = normalise_language(language)
    folder = resources.files("kumppani.tui").joinpath("help")
    source = folder.joinpath(f"help_{language}.md").read_text("utf-8")
    areas = key_areas()

    def table(found: re.Match[str]) -> str:
        area = found.group(1)
        return key_table(areas[area], language) if area in areas else ""

    return _PLACEHOLDER.sub(table, source)


class HelpScreen(ModalScreen[None]):
    """Every key of the app and how a session goes, in the user's language."""

    CSS_PATH = "help.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "forms.keys.close", id="help.close"),
        Binding("f1", "close", "forms.keys.close", id="help.close_f1", show=False),
        Binding("q", "close", "forms.keys.close", id="help.close_q", show=False),
    ]

    def __init__(self, translate: Translator) -> None:
        super().__init__()
        self.translate = translate
        localize(self, self.translate)

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self.translate("forms.help.heading"), id="help-heading")
            with VerticalScroll(id="help-scroll"):
                yield Markdown(help_markdown(self.translate.language), open_links=False)
            yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#help-scroll", VerticalScroll).focus()

    def action_close(self) -> None:
        self.dismiss(None)
