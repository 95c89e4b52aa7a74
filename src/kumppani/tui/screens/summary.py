"""Provides the summary screen: the session's minutes (muistio) as they will be exported.

The Markdown of ``kumppani.minutes.export.export_minutes`` is shown in Textual's
``Markdown`` widget (user text is already escaped there). Beside it, the
booklet's eight partnership recipes as a checklist: ticking one updates
``session.recipes`` as an undoable change (``editor.edit``), and the minutes
are rendered again. Keys: ``l`` switches the minutes' language (fi → sv → en),
``a`` hides or shows people's names, ``e`` writes ``<session file stem>.md``
beside the session file (or asks for a path when there is no file), ``E``
always asks (never over a session file, nor over another existing file that is not
this session's own minutes: ``minutes.target``), Esc goes back. Export happens in a
worker thread; the path is shown in a notification. A path typed but not yet used
is the screen's draft (``guard``, journaled as a form's typing is): after a crash
the summary opens again with it, and Esc asks before throwing it away.

Push it from the step view::

    app.push_screen(SummaryScreen(editor, Translator("fi"), config))

It dismisses with None; the changes go through the editor.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Checkbox, Input, Label, Markdown, SelectionList

from kumppani.errors import KumppaniError, os_reason, render
from kumppani.minutes.export import (
    EXTRA,
    MissingExtra,
    export_file,
    export_minutes,
    minutes_format,
    minutes_language,
    minutes_path,
)
from kumppani.minutes.target import put_minutes
from kumppani.session.template_sources import recipes
from kumppani.settings.config import Config
from kumppani.text.i18n import LANGUAGES, Translator
from kumppani.tui.bindings import localize
from kumppani.tui.dialogs.discard import FormGuard
from kumppani.tui.widgets.chrome.key_bar import KeyBar
from kumppani.tui.widgets.forms.tick_box import MarkedCheckbox, TickList

if TYPE_CHECKING:
    from kumppani.editing.editor import SessionEditor


class SummaryScreen(Screen[None]):
    """The minutes of the open session, the recipes it advanced, and export."""

    CSS_PATH = "summary.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("l", "next_language", "forms.keys.language", id="summary.language"),
        Binding("a", "toggle_anonymize", "forms.keys.anonymize", id="summary.anonymize"),
        Binding("e", "export", "forms.keys.export", id="summary.export"),
        Binding("E", "export(True)", "forms.keys.export_as", id="summary.export_as"),
        Binding("escape", "close", "forms.keys.close", id="summary.close"),
    ]

    def __init__(
        self, editor: SessionEditor, translate: Translator, config: Config | None = None
    ) -> None:
        super().__init__()
        self.editor = editor
        self.translate = translate
        self.config = config or Config()
        self.minutes_language = minutes_language(editor.session)
        """The language the minutes are shown and exported in."""
        self.anonymize = False
        """True when people's names are replaced by organisation and party."""
        self.appendix = False
        """True when the facilitation appendix is added to the minutes."""
        self._path_row = Vertical(id="export-row")
        self.guard = FormGuard(self._path_row, translate.language)
        """The export path's typing: only what was typed after it was shown (its draft)."""
        localize(self, translate)

    def compose(self) -> ComposeResult:
        title = self.translate("forms.summary.heading") + " · " + self.editor.session.title
        yield Label(Text(title), id="summary-heading")
        yield Label(id="summary-settings")
        chosen = set(self.editor.session.recipes)
        options = [
            (
                Text(f"{item.number}. {item.title.get(self.translate.language)}"),
                item.number,
                item.number in chosen,
            )
            for item in recipes()
        ]
        with Horizontal():
            with VerticalScroll(id="minutes"):
                yield Markdown(id="minutes-text", open_links=False)
            # Scrolls: at 60x20 the recipes and their description are taller than the screen.
            with VerticalScroll(id="recipes-panel", can_focus=False):
                yield MarkedCheckbox(
                    self.translate("forms.summary.appendix"), id="appendix", compact=True
                )
                yield Label(self.translate("forms.summary.recipes"))
                yield TickList[int](*options, id="recipes", disabled=self.editor.read_only)
                yield Label(id="recipe-summary", markup=False)
        with self._path_row:
            prompt = self.translate("forms.summary.path_prompt")
            yield Input(id="export-path", placeholder=prompt)
        yield KeyBar()

    async def on_mount(self) -> None:
        self.guard.remember()  # a path typed before a crash comes back now (``give_back``)
        await self.show_minutes()
        if recipes():
            self.describe_recipe(recipes()[0].number)
        self.query_one("#minutes", VerticalScroll).focus()
        if self.query_one("#export-path", Input).value:
            self._show_path()

    def markdown(self) -> str:
        """The minutes as they are shown and would be exported now."""
        with self.editor.lock:
            return export_minutes(
                self.editor.session,
                self.minutes_language,
                anonymize=self.anonymize,
                appendix=self.appendix,
            )

    async def show_minutes(self) -> None:
        """Render the minutes again with the current language and anonymity."""
        language = self.translate(f"language.{self.minutes_language}")
        names = "anonymous" if self.anonymize else "named"
        anonymize = self.translate(f"forms.summary.{names}")
        settings = self.translate("forms.summary.settings", language=language, anonymize=anonymize)
        self.query_one("#summary-settings", Label).update(settings)
        await self.query_one(Markdown).update(self.markdown())

    async def action_next_language(self) -> None:
        index = LANGUAGES.index(self.minutes_language) if self.minutes_language in LANGUAGES else -1
        self.minutes_language = LANGUAGES[(index + 1) % len(LANGUAGES)]
        await self.show_minutes()

    async def action_toggle_anonymize(self) -> None:
        self.anonymize = not self.anonymize
        await self.show_minutes()

    async def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        event.stop()
        if event.checkbox.id == "appendix" and event.value != self.appendix:
            self.appendix = event.value
            await self.show_minutes()

    def on_selection_list_selection_highlighted(
        self, event: SelectionList.SelectionHighlighted[int]
    ) -> None:
        event.stop()
        self.describe_recipe(event.selection.value)

    def describe_recipe(self, number: int) -> None:
        """Show the full title and summary of recipe ``number`` under the checklist."""
        found = [item for item in recipes() if item.number == number]
        shown = self.query("#recipe-summary")
        if found and shown:
            title, summary = (
                found[0].title.get(self.translate.language),
                found[0].summary.get(self.translate.language),
            )
            shown.first(Label).update(f"{number}. {title}\n\n{summary}")

    async def on_selection_list_selected_changed(
        self, event: SelectionList.SelectedChanged[int]
    ) -> None:
        event.stop()
        chosen = sorted(event.selection_list.selected)
        if self.editor.read_only or chosen == sorted(self.editor.session.recipes):
            return
        session = self.editor.session
        self.editor.edit(
            "recipes", lambda: setattr(session, "recipes", chosen), (session, "recipes")
        )
        await self.show_minutes()

    # Export ----------------------------------------------------------------------------------

    def default_path(self) -> Path | None:
        """``<session file stem>.md`` beside the session file, None without a file."""
        path = self.editor.path
        return minutes_path(path) if path is not None else None

    def action_export(self, ask: bool = False) -> None:
        target = self.default_path()
        if target is not None and not ask:
            self.export(target)
            return
        self.query_one("#export-path", Input).value = str(target) if target is not None else ""
        self._show_path()
        self._watch_path()

    def _show_path(self) -> None:
        field = self.query_one("#export-path", Input)
        field.add_class("-shown")
        field.focus()

    def _watch_path(self) -> None:
        """Take the path as shown now as "not typed": its draft is what is typed from here."""
        self.guard = FormGuard(self._path_row, self.translate.language)
        self.guard.remember()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.value.strip():
            self.export(Path(event.value.strip()).expanduser())
        self._hide_path()

    def _hide_path(self) -> None:
        field = self.query_one("#export-path", Input)
        field.remove_class("-shown")
        field.value = ""  # used or thrown away: no longer a draft
        self._watch_path()
        self.query_one("#minutes", VerticalScroll).focus()

    def action_close(self) -> None:
        if self.query_one("#export-path", Input).has_class("-shown"):
            self.guard.leave(self._hide_path)
        else:
            self.dismiss(None)

    @work(thread=True, exclusive=True, group="export")
    def export(self, path: Path) -> None:
        """Write the minutes as shown to ``path`` (atomically), in the format of its extension."""
        try:
            with self.editor.lock:
                data = export_file(
                    self.editor.session,
                    minutes_format(path),
                    self.minutes_language,
                    anonymize=self.anonymize,
                    appendix=self.appendix,
                )
            put_minutes(data, path, self.editor.path, exists="forms.summary.exists")
        except MissingExtra as missing:
            reason = self.translate("cli.export.missing_extra", module=missing.module, extra=EXTRA)
            self.app.call_from_thread(self.notify, reason, severity="error", markup=False)
            return
        except (KumppaniError, OSError) as error:
            language = self.translate.language
            reason = (
                error.describe(language)
                if isinstance(error, KumppaniError)
                else render(os_reason(error), language)
            )
            message = self.translate("forms.summary.export_failed", reason=reason)
            self.app.call_from_thread(self.notify, message, severity="error", markup=False)
            return
        message = self.translate("forms.summary.exported", path=str(path))
        self.app.call_from_thread(self.notify, message, markup=False)
