"""Provides review mode: a saved session browsed read-only, for secretariats.

``ReviewScreen.load(path, …)`` reads the file once (``storage.read_session``)
and keeps the ``Session`` in memory; it has no ``SessionEditor``, no autosave,
takes no lock and holds no code that writes. Every view is read-only: the
overview, the five steps (notes, conclusions, win-win, shared message,
follow-up plan), the actions and indicators (tables with details), and the
minutes (``export_minutes``: in the session's language) in a Markdown or plain
view. User text is always shown as plain text.

Keys: ↑/↓ in the section list, Enter/→ into the section, Esc back to the
list (Esc in the list closes), ``0`` overview, ``1``–``5`` steps, ``a``
actions, ``i`` indicators, ``m`` minutes, ``v`` Markdown/plain, ``q`` closes.
"""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import ContentSwitcher, DataTable, Markdown, OptionList, Static
from textual.widgets.option_list import Option

from kumppani.editing.editor import template_for
from kumppani.minutes.export import export_minutes
from kumppani.session.model import Session
from kumppani.settings import paths
from kumppani.settings.config import Config
from kumppani.storage.files import read_session
from kumppani.text.i18n import Translator
from kumppani.text.safe import one_line, printable
from kumppani.tui.bindings import REVIEW_BINDINGS, localize
from kumppani.tui.screens.review import text as texts
from kumppani.tui.widgets.chrome.key_bar import KeyBar
from kumppani.tui.widgets.chrome.title_bar import TitleBar
from kumppani.tui.widgets.tables.fitted_table import FittedTable

SECTIONS: tuple[str, ...] = (
    "overview",
    "overall",
    "situation",
    "will",
    "solutions",
    "followup",
    "actions",
    "indicators",
    "minutes",
)
"""The parts of a session, in the order the section list shows them."""


class ReviewScreen(Screen[None]):
    """One session, read-only: nothing on this screen can change the file."""

    BINDINGS = REVIEW_BINDINGS

    CSS_PATH = "screen.tcss"

    def __init__(
        self,
        session: Session,
        path: Path,
        config: Config,
        translate: Translator,
        *,
        quit_on_close: bool = False,
    ) -> None:
        super().__init__(id="review-screen")
        self.session = session
        self.path = path
        self.config = config
        self.translate = translate
        self.quit_on_close = quit_on_close
        """Close quits the app (``kumppani review FILE``) instead of going back."""
        self.template = template_for(session, paths.config_dir())
        self.minutes = export_minutes(session)
        """The minutes in the session's own language."""
        localize(self, translate)

    @classmethod
    def load(
        cls, path: Path, config: Config, translate: Translator, *, quit_on_close: bool = False
    ) -> ReviewScreen:
        """Read ``path`` (only read); raises ``KumppaniError`` when it does not load."""
        session, _ = read_session(path)
        return cls(session, path, config, translate, quit_on_close=quit_on_close)

    # -- layout ------------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        translate = self.translate
        yield TitleBar()
        banner = translate("review.banner", file=one_line(self.path.name))
        yield Static(Text(banner), id="review-banner")
        with Horizontal():
            options = [Option(Text(self._section_label(key)), id=key) for key in SECTIONS]
            yield OptionList(*options, id="review-sections", markup=False)
            with ContentSwitcher(id="review-body", initial="review-overview"):
                with VerticalScroll(id="review-overview", classes="review-page"):
                    yield Static(texts.overview_text(self.session, self.config, translate))
                for step in self.session.steps:
                    with VerticalScroll(id=f"review-{step.key}", classes="review-page"):
                        yield Static(
                            texts.step_text(
                                self.session, step, self.template, self.config, translate
                            )
                        )
                with Vertical(id="review-actions"):
                    yield FittedTable[Text](
                        id="review-action-table", classes="review-table", cursor_type="row"
                    )
                    with VerticalScroll(classes="review-detail"):
                        yield Static(id="review-action-detail")
                with Vertical(id="review-indicators"):
                    yield FittedTable[Text](
                        id="review-indicator-table", classes="review-table", cursor_type="row"
                    )
                    with VerticalScroll(classes="review-detail"):
                        yield Static(id="review-indicator-detail")
                with Vertical(id="review-minutes"):
                    with VerticalScroll(id="review-minutes-markdown", classes="review-page"):
                        yield Markdown(self.minutes, open_links=False)
                    with VerticalScroll(id="review-minutes-plain", classes="review-page"):
                        yield Static(Text(printable(self.minutes)))
        yield KeyBar()

    def _section_label(self, key: str) -> str:
        if key in ("overview", "actions", "indicators", "minutes"):
            label = self.translate(f"review.section.{key}")
            if key == "actions":
                label += f" ({len(self.session.actions)})"
            if key == "indicators":
                label += f" ({len(self.session.indicators)})"
            return label
        number = [step.key for step in self.session.steps].index(key) + 1
        notes = len(self.session.step(key).notes)
        return f"{number}. {self.translate(f'step_short.{key}')} ({notes})"

    def on_mount(self) -> None:
        # The mode is named once (the title), read-only said once (the banner below it).
        self.title = self.translate("review.title")
        self.sub_title = one_line(self.session.title, 60)
        actions = self.query_one("#review-action-table", DataTable)
        for key in ("title", "status", "owner", "responsible", "due"):
            actions.add_column(self.translate(f"review.action.{key}"), key=key)
        for index, action in enumerate(self.session.actions):
            actions.add_row(*texts.action_cells(action, self.translate), key=str(index))
        indicators = self.query_one("#review-indicator-table", DataTable)
        for key in ("name", "unit", "baseline", "target", "latest", "owner"):
            indicators.add_column(self.translate(f"review.indicator.{key}"), key=key)
        for index, indicator in enumerate(self.session.indicators):
            indicators.add_row(
                *texts.indicator_cells(indicator, self.translate.language), key=str(index)
            )
        self._show_action(0)
        self._show_indicator(0)
        sections = self.query_one("#review-sections", OptionList)
        sections.highlighted = 0
        sections.focus()

    # -- showing -----------------------------------------------------------------------------
    @property
    def section(self) -> str:
        """The key of the section on screen."""
        current = self.query_one(ContentSwitcher).current or "review-overview"
        return current.removeprefix("review-")

    def show_section(self, key: str) -> None:
        """Put section ``key`` on screen (and highlight it in the list)."""
        if key not in SECTIONS:
            return
        self.query_one(ContentSwitcher).current = f"review-{key}"
        sections = self.query_one("#review-sections", OptionList)
        index = SECTIONS.index(key)
        if sections.highlighted != index:
            sections.highlighted = index

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        if event.option_id:
            self.show_section(event.option_id)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_enter_section()

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        if event.data_table.id == "review-action-table":
            self._show_action(event.cursor_row)
        else:
            self._show_indicator(event.cursor_row)

    def _show_action(self, index: int) -> None:
        actions = self.session.actions
        detail = self.query_one("#review-action-detail", Static)
        if 0 <= index < len(actions):
            detail.update(texts.action_detail(actions[index], self.translate))
        else:
            detail.update(Text(self.translate("review.none"), style="dim"))

    def _show_indicator(self, index: int) -> None:
        indicators = self.session.indicators
        detail = self.query_one("#review-indicator-detail", Static)
        if 0 <= index < len(indicators):
            detail.update(texts.indicator_detail(indicators[index], self.translate))
        else:
            detail.update(Text(self.translate("review.none"), style="dim"))

    # -- actions -----------------------------------------------------------------------------
    def action_section(self, key: str) -> None:
        self.show_section(key)

    def action_enter_section(self) -> None:
        """Move the focus into the section on screen, to scroll it or move in its table."""
        key = self.section
        if key == "actions":
            self.query_one("#review-action-table", DataTable).focus()
        elif key == "indicators":
            self.query_one("#review-indicator-table", DataTable).focus()
        elif key == "minutes":
            plain = self.query_one("#review-minutes").has_class("-plain")
            name = "#review-minutes-plain" if plain else "#review-minutes-markdown"
            self.query_one(name, VerticalScroll).focus()
        else:
            self.query_one(f"#review-{key}", VerticalScroll).focus()

    def action_toggle_plain(self) -> None:
        """Show the minutes as rendered Markdown or as the plain Markdown text."""
        self.query_one("#review-minutes").toggle_class("-plain")
        self.show_section("minutes")

    def action_back(self) -> None:
        """Esc: from a section back to the list; in the list, close."""
        sections = self.query_one("#review-sections", OptionList)
        if sections.has_focus:
            self.action_close()
        else:
            sections.focus()

    def action_close(self) -> None:
        if self.quit_on_close:
            self.app.exit(0)
        else:
            self.dismiss(None)
