"""Provides the command palette's commands (Ctrl+P), titled "area: action".

The step view's and home's main actions (in the step view every list and panel
command, those of the note list on the note under its cursor), help and quit,
and a switch to each other language, offered in that language's own words and
in those on screen ("Language: English · kieli: englanti").
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Protocol, runtime_checkable

from textual.command import DiscoveryHit, Hit, Hits, Provider

from kumppani.text.i18n import LANGUAGES, Translator, t
from kumppani.tui.screens.home import HomeScreen
from kumppani.tui.screens.step import is_step_screen


@runtime_checkable
class PaletteApp(Protocol):
    """What the commands need of the app: its language, and switching it."""

    translate: Translator

    def switch_language(self, language: str) -> None:
        """Show the app in ``language``."""


class KumppaniCommands(Provider):
    """The main commands in the command palette (Ctrl+P), titled "area: action"."""

    def _commands(self) -> list[tuple[str, Callable[[], object]]]:
        app = self.app
        assert isinstance(app, PaletteApp)
        translate = app.translate
        screen = self.screen
        actions: list[tuple[str, str]] = [("commands.help", "app.help")]
        if is_step_screen(screen):
            actions += [
                ("commands.save", "save"),
                ("commands.next", "next_step"),
                ("commands.previous", "previous_step"),
                ("commands.timer", "toggle_timer"),
                ("commands.conclusion", "tool('conclusion')"),
                ("commands.questions", "toggle_questions"),
                ("commands.undo", "history('undo')"),
                ("commands.redo", "history('redo')"),
                ("commands.summary", "summary"),
                ("commands.details", "details"),
                ("commands.close", "close"),
                ("commands.end_session", "tool('end_session')"),
                ("commands.indicator_chart", "indicator_chart"),
                ("commands.status", "mark_done"),
                ("commands.reopen", "reopen_step"),
                ("commands.winwin", "tool('winwin')"),
                # The list and panel commands, so the palette finds every one (issue 14).
                ("commands.round", "tool('round')"),
                ("commands.round_next", "tool('round_next')"),
                ("commands.round_pass", "tool('round_pass')"),
                ("commands.round_skip", "tool('round_skip')"),
                ("commands.round_back", "tool('round_back')"),
                ("commands.balance", "tool('balance')"),
                ("commands.vote", "tool('vote')"),
                ("commands.group", "tool('group')"),
                ("commands.actions", "tool('actions', True)"),
                ("commands.indicators", "tool('indicators', True)"),
                # The note list's commands, on the note under its cursor.
                ("commands.note_edit", "tool('note', 'edit')"),
                ("commands.note_delete", "tool('note', 'delete')"),
                ("commands.note_highlight", "tool('note', 'highlight')"),
                ("commands.note_up", "tool('note', 'up')"),
                ("commands.note_down", "tool('note', 'down')"),
                ("commands.note_speaker", "tool('note', 'speaker')"),
                ("commands.note_party", "tool('note', 'party')"),
                ("commands.note_kind", "tool('note', 'kind')"),
            ]
        elif isinstance(screen, HomeScreen):
            actions += [("commands.new", "new"), ("commands.export", "export")]
            actions += [
                ("commands.tracker", "tracker"),
                ("commands.timeline", "timeline"),
                ("commands.followup", "followup"),
            ]
        actions.append(("commands.quit", "app.quit"))
        commands: list[tuple[str, Callable[[], object]]] = [
            (translate(key), partial(app.run_action, action, screen)) for key, action in actions
        ]
        # Each language offered in its own words, so anyone finds theirs, and named in the
        # language on screen too, so its word for "language" finds them all ("kieli").
        commands += [
            (
                t("commands.switch_language", code)
                + " · "
                + translate("commands.switch_language_here", name=translate(f"language.{code}")),
                partial(app.switch_language, code),
            )
            for code in LANGUAGES
            if code != translate.language
        ]
        return commands

    async def discover(self) -> Hits:
        for title, callback in self._commands():
            yield DiscoveryHit(title, callback)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, callback in self._commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), callback)
