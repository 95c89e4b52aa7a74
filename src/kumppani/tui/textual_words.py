"""Provides Textual's own words in the app's language: palette, system commands, hints.

Textual 8.2 draws some English of its own: the command palette's placeholder
and "No matches found", the system commands (Theme, Keys, Maximize, Minimize,
Screenshot, Quit) and their help, the theme picker's placeholder, the toast
after Ctrl+C ("Press ctrl+q to quit the app", in markup), the screenshot
toasts, Select's "Dismiss menu" key and the tooltips of its own keys.
``LocalizedApp`` says them from the catalogs (``textual.*``), through public
hooks where Textual has them:

- ``get_system_commands`` yields the system commands in the user's language;
  Quit is left out (the app's own "Quit" command is there already), and Keys
  opens the app's help, whose keys are translated. Textual's key panel
  (``HelpPanel``/``KeyPanel``: every widget's keys in English) is never shown:
  ``action_show_help_panel`` opens the app's help too;
- ``action_command_palette``, ``search_commands``, ``action_change_theme`` and
  ``search_themes`` open the palette with a translated placeholder;
  ``action_help_quit`` says the Ctrl+C hint as plain text; the screenshot
  command and ``action_screenshot`` save with ``save_screenshot`` and say where.

Two need Textual's private API, and are checked by the language test:
"No matches found" (``CommandPalette._start_no_matches_countdown``) and the
descriptions of bindings Textual adds (``DOMNode._bindings``, as
``kumppani.tui.bindings.localize`` does).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import Any, cast

from rich.align import Align
from rich.text import Text
from textual import events
from textual.app import App, ReturnType, SystemCommand
from textual.binding import Binding
from textual.command import CommandList, CommandListItem, CommandPalette, SimpleProvider
from textual.dom import DOMNode
from textual.screen import Screen
from textual.theme import ThemeProvider
from textual.widget import AwaitMount
from textual.widgets.option_list import Option

from kumppani.errors import os_reason
from kumppani.text.i18n import Translator
from kumppani.tui.safe_app import PlainOutputApp

TEXTUAL_BINDINGS: dict[str, str] = {
    "dismiss": "textual.keys.dismiss",
    "command_palette": "keys.palette",
    "app.command_palette": "keys.palette",
    "escape": "textual.keys.close_palette",
    "show_overlay": "textual.keys.show_menu",
}
"""Textual's own bindings that can reach the footer, by action: their catalog key."""


class LocalCommandPalette(CommandPalette):
    """The command palette with its placeholder and "No matches found" translated."""

    def __init__(self, translate: Translator, placeholder: str, **kwargs: Any) -> None:
        super().__init__(placeholder=translate(placeholder), **kwargs)
        self.translate = translate

    def on_mount(self) -> None:
        localize_textual(self, self.translate)

    def _start_no_matches_countdown(self, search_value: str) -> None:
        """As Textual's (8.2, private), with "No matches found" in the user's language."""
        self._stop_no_matches_countdown()

        def show_no_matches() -> None:
            if search_value:
                words = Text(self.translate("textual.no_matches"), style="not bold")
                self.query_one(CommandList).add_option(
                    Option(Align.center(words), disabled=True, id=self._NO_MATCHES)
                )
                self._list_visible = True
            else:
                self._list_visible = False

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show_no_matches)


def localize_textual(node: DOMNode, translate: Translator) -> None:
    """Say the descriptions and tooltips of Textual's own bindings on ``node`` in its language."""
    table = node._bindings.key_to_bindings
    for key, bindings in table.items():
        table[key] = [_localized(binding, translate) for binding in bindings]


def _localized(binding: Binding, translate: Translator) -> Binding:
    key = TEXTUAL_BINDINGS.get(binding.action)
    if key is None:
        return binding
    return replace(binding, description=translate(key), tooltip="")


class LocalizedApp(PlainOutputApp[ReturnType]):
    """An App whose Textual-made words come from the catalogs of ``self.translate``."""

    translate: Translator

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        say = self.translate
        yield SystemCommand(
            say("textual.theme"), say("textual.theme_help"), self.action_change_theme
        )
        yield SystemCommand(
            say("textual.keys_command"), say("textual.keys_command_help"), self._show_help
        )
        if screen.maximized is not None:
            yield SystemCommand(
                say("textual.minimize"), say("textual.minimize_help"), screen.action_minimize
            )
        elif screen.focused is not None and screen.focused.allow_maximize:
            yield SystemCommand(
                say("textual.maximize"), say("textual.maximize_help"), screen.action_maximize
            )
        yield SystemCommand(
            say("textual.screenshot"), say("textual.screenshot_help"), self.take_screenshot
        )

    def _show_help(self) -> None:
        self.call_next(self.run_action, "app.help")

    def action_show_help_panel(self) -> None:
        """The app's help, in the user's language, instead of Textual's English key panel."""
        self._show_help()

    def action_command_palette(self) -> None:
        if self.use_command_palette and not CommandPalette.is_open(cast("App[object]", self)):
            self.push_screen(
                LocalCommandPalette(
                    self.translate, "textual.palette_placeholder", id="--command-palette"
                )
            )

    def search_commands(
        self, commands: Sequence[CommandListItem], placeholder: str = ""
    ) -> AwaitMount:
        """Textual's list of commands, with the app's placeholder unless one is given."""
        palette = LocalCommandPalette(
            self.translate,
            placeholder or "textual.palette_placeholder",
            providers=[SimpleProvider(self.screen, list(commands))],
        )
        return self.push_screen(palette)

    def action_change_theme(self) -> None:
        self.push_screen(
            LocalCommandPalette(
                self.translate, "textual.theme_placeholder", providers=[ThemeProvider]
            )
        )

    def search_themes(self) -> None:
        """The theme picker, as ``action_change_theme``."""
        self.action_change_theme()

    def action_help_quit(self) -> None:
        """Ctrl+C: say which key quits, as plain text (Textual's hint is markup)."""
        for key, active in self.active_bindings.items():
            if active.binding.action in ("quit", "app.quit"):
                shown = self.get_key_display(active.binding)
                self.notify(
                    self.translate("textual.quit_hint", key=shown or key),
                    title=self.translate("textual.quit_title"),
                    markup=False,
                )
                return

    def action_screenshot(self, filename: str | None = None, path: str | None = None) -> None:
        """Textual's screenshot action: saved and said as the screenshot command does."""
        self.take_screenshot()

    def take_screenshot(self) -> None:
        """Save an SVG of the screen in the downloads folder (as Textual does) and say where."""
        from platformdirs import user_downloads_path

        title = self.translate("textual.screenshot")
        try:
            path = self.save_screenshot(path=str(user_downloads_path()))
        except OSError as error:
            words = self.translate("textual.screenshot_failed", reason=os_reason(error))
            self.notify(words, title=title, severity="error", markup=False)
            return
        self.notify(
            self.translate("textual.screenshot_saved", path=path), title=title, markup=False
        )

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """A Select's menu (made by Textual) gets its keys in the user's language."""
        localize_textual(event.widget, self.translate)
