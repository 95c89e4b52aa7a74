"""Provides the kumppani app: home screen, step view, and quitting safely.

``make_app`` builds the app (the CLI, the tests and the snapshots use it);
``run_app`` runs it and returns the exit code. Quitting with unsaved changes
saves them first; if that fails the user is asked before anything is lost.
"""

from __future__ import annotations

import contextlib
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual import events
from textual.app import App
from textual.binding import BindingType

from kumppani.errors import KumppaniError
from kumppani.settings.config import Config
from kumppani.text.i18n import Translator
from kumppani.tui.alt_keys import move_word
from kumppani.tui.bindings import APP_BINDINGS, localize
from kumppani.tui.button_keys import BUTTON_STEPS, step_button
from kumppani.tui.commands import KumppaniCommands
from kumppani.tui.screens.home import HomeScreen
from kumppani.tui.screens.step import is_step_screen
from kumppani.tui.screens.step.drafts import DraftKeeping
from kumppani.tui.screens.step.reopen import give_back
from kumppani.tui.textual_words import LocalizedApp
from kumppani.tui.theme_setting import remember_theme_of, use_configured_theme

if TYPE_CHECKING:
    from kumppani.editing.editor import SessionEditor
    from kumppani.tui.flows.recovery import RecoveryFlow
    from kumppani.tui.messages import CoWriterMerged, OpenSession, SaveConflict
    from kumppani.tui.screens.step.screen import StepScreen


SCREEN_STYLES = [
    "screens/help.tcss",
    "screens/indicators.tcss",
    "screens/review/screen.tcss",
    "screens/setup.tcss",
    "screens/summary.tcss",
    "screens/timeline.tcss",
    "screens/tracker.tcss",
]
"""The other screens' CSS_PATHs, read once home is on screen: with app.tcss they would delay
home's first frame; read as each screen first shows, each made Textual parse every stylesheet
again and restyle the whole app (100 to 300 ms before help, the summary or a form showed)."""


class KumppaniApp(DraftKeeping, LocalizedApp[int]):
    """The facilitator's tool: sessions, five steps, notes that are never lost."""

    CSS_PATH = "app.tcss"
    BINDINGS: ClassVar[list[BindingType]] = APP_BINDINGS
    COMMANDS = App.COMMANDS | {KumppaniCommands}

    def __init__(
        self,
        config: Config,
        sessions_dir: Path,
        *,
        language: str,
        open_file: Path | None = None,
        review_file: Path | None = None,
    ) -> None:
        super().__init__()
        self.config = config
        self.sessions_dir = sessions_dir
        self.translate = Translator(language)
        self.open_file = open_file
        self.review_file = review_file
        """A session to show in review mode (``kumppani review FILE``); closing it quits."""
        self.title = self.translate("app.title")
        localize(self, self.translate)
        self._recovery: RecoveryFlow | None = None
        use_configured_theme(self, config)

        self._home_number = 0
        """How many times home was rebuilt in another language (its mode is ``home-N``)."""

    def get_default_screen(self) -> HomeScreen:
        # Home is the first screen itself, not pushed over Textual's blank one: pushed from
        # on_mount, its first frame was drawn while the app was still starting and dropped,
        # and a terminal got it only from the next full layout. (As a mode of its own it
        # was drawn during start-up too.) A switch of language puts home in a new mode.
        return self._new_home()

    def _new_home(self) -> HomeScreen:
        return HomeScreen(self.sessions_dir, self.config, self.translate)

    @property
    def recovery(self) -> RecoveryFlow:
        """The crash-recovery flow (its journal modules load on first use)."""
        if self._recovery is None:
            from kumppani.tui.flows.recovery import RecoveryFlow

            self._recovery = RecoveryFlow(
                self,
                lambda: self.translate,
                partial(give_back, self),
                self._offer_unfinished,
                save_delay=lambda: self.config.autosave_seconds,
            )
        return self._recovery

    def _offer_unfinished(self, name: str, draft: dict[str, Any]) -> None:
        """A form of no session a crash left unfinished (a new session, an approval), again."""
        from kumppani.storage.draft_file import NEW_SESSION
        from kumppani.tui.flows.approval import approve_again
        from kumppani.tui.screens.new_session import offer

        if isinstance(home := self.screen, HomeScreen):
            if name == NEW_SESSION:
                offer(self, self.translate, draft, home.action_new)
            else:
                approve_again(self, self.translate, draft, home.reload)

    def on_mount(self) -> None:
        self.keep_drafts()
        if self.open_file is not None:
            self.open_session(self.open_file)
        if self.review_file is not None:
            from kumppani.tui.screens.review.open import open_review

            open_review(self, self.review_file, self.config, self.translate, quit_on_close=True)
        if self.open_file is None and self.review_file is None:
            # Changes a crash left behind, of any file: looked for once home is on screen.
            self.call_after_refresh(self._offer_recovery)
        self.call_after_refresh(self._read_screen_styles)

    def _read_screen_styles(self) -> None:
        """Read the other screens' stylesheets (``SCREEN_STYLES``) now that home is drawn."""
        folder = Path(__file__).parent
        unread = [
            folder / name
            for name in SCREEN_STYLES
            if not self.stylesheet.has_source(str(folder / name))
        ]
        if unread:
            self.stylesheet.read_all(unread)
            # Only the new files are parsed (the others' rules are cached); nothing on screen
            # needs restyling, as each file's rules are for its own screen.
            self.stylesheet.parse()

    def watch_theme(self) -> None:
        remember_theme_of(self, self.config, self.translate)  # chosen in the palette: kept

    def _offer_recovery(self) -> None:
        self.recovery.scan(self.open_session, partial(self._after_recovery, index=None))

    # -- sessions ----------------------------------------------------------------------------
    def on_open_session(self, message: OpenSession) -> None:
        self.open_session(message.path, read_only=message.read_only)

    def open_session(
        self, path: Path, *, read_only: bool = False, index: int | None = None
    ) -> StepScreen | None:
        """Open ``path`` in the step view; a file that fails to load is shown, not touched.

        Opening for editing takes the session's lock first; if someone holds it, a
        dialog asks (and opens the session later, or not) and this returns None.
        """

        from kumppani.editing.editor import SessionEditor
        from kumppani.storage import locks as locking
        from kumppani.tui.dialogs.error import ErrorDialog
        from kumppani.tui.flows.lock import claim_lock, release_for

        def reopen(as_read_only: bool) -> None:
            self.open_session(path, read_only=as_read_only, index=index)

        if not read_only and not claim_lock(self, self.translate, path, reopen):
            return None
        try:
            editor = SessionEditor.open(path, read_only=read_only)
        except KumppaniError as error:
            if not read_only:
                locking.release(path)
            self.push_screen(
                ErrorDialog(
                    self.translate("dialog.error_title"),
                    self.translate("dialog.open_failed"),
                    error.describe(self.translate.language),
                    self.translate("dialog.ok"),
                )
            )
            return None
        if editor.read_only and not read_only:  # a newer format opens read-only: no lock
            release_for(editor)
        if self.recovery.intercept(editor, partial(self._after_recovery, index=index)):
            return None  # the step view follows the answer to the recovery dialog
        return self._after_recovery(editor, index)

    def _after_recovery(self, editor: SessionEditor, index: int | None) -> StepScreen | None:
        from kumppani.editing.approval import is_approved

        if index is None:
            index = _first_open_step(editor)
        if not editor.read_only and is_approved(editor.session):
            self._confirm_edit_of_approved(editor, index)
            return None
        return self._push_step(editor, index)

    def _confirm_edit_of_approved(self, editor: SessionEditor, index: int) -> None:
        """Approved minutes: ask first; review or cancel gives the lock back."""
        from kumppani.tui.flows.approval import confirm_edit
        from kumppani.tui.flows.lock import release_for
        from kumppani.tui.screens.review.open import open_review

        def review() -> None:
            release_for(editor)
            if editor.path is not None:
                open_review(self, editor.path, self.config, self.translate)

        edit = partial(self._push_step, editor, index)
        confirm_edit(self, editor, self.translate, edit, review, partial(release_for, editor))

    def _push_step(self, editor: SessionEditor, index: int) -> StepScreen:
        from kumppani.tui.flows.lock import release_for
        from kumppani.tui.screens.step.screen import StepScreen

        screen = StepScreen(editor, self.config, self.translate, index=index)
        self.push_screen(screen, lambda _: release_for(editor))
        return screen

    def on_save_conflict(self, message: SaveConflict) -> None:
        """A save found the file changed outside: ask the user what to do."""
        from kumppani.tui.screens.step.conflict import ask_about_conflict

        for screen in self.step_screens:
            if screen.autosave.conflict is message.error:
                ask_about_conflict(self, self.translate, screen, message.error)

    def on_co_writer_merged(self, message: CoWriterMerged) -> None:
        """A co-writer's changes came into an open session: show them and say what came."""
        from kumppani.tui.screens.step.conflict import show_merges

        for screen in self.step_screens:
            if screen.editor is message.editor:
                show_merges(screen, self.translate, message.merges)

    # -- language ----------------------------------------------------------------------------
    def switch_language(self, language: str) -> None:
        """Show the app in ``language``: save, rebuild the screens, reopen the session."""
        steps = self.step_screens
        if steps:
            steps[-1].finish(lambda: self.call_later(self._rebuild_in, language))
        else:
            self.call_later(self._rebuild_in, language)

    async def _rebuild_in(self, language: str) -> None:
        steps = self.step_screens
        for screen in steps:
            if (error := screen.autosave.save_now()) is not None:
                self.notify(error.describe(self.translate.language), severity="error", markup=False)
                return
        top = steps[-1] if steps else None
        from kumppani.tui.screens.review.screen import ReviewScreen  # Markdown: not at start-up

        reviews = [screen for screen in self.screen_stack if isinstance(screen, ReviewScreen)]
        self.translate = Translator(language)
        self.title = self.translate("app.title")
        localize(self, self.translate)
        while len(self.screen_stack) > 1:
            await self.pop_screen()
        # The new home is the base of a new mode; the last one's mode goes with its screens.
        # Textual's own first mode cannot be removed: its home stays, inert (HomeScreen
        # does nothing once it is not in the current stack), after the first switch only.
        old_mode, self._home_number = self.current_mode, self._home_number + 1
        new_mode = f"home-{self._home_number}"
        self.add_mode(new_mode, self._new_home)
        await self.switch_mode(new_mode)
        if old_mode != self.DEFAULT_MODE:
            await self.remove_mode(old_mode)
        if top is not None and (path := top.editor.path) is not None:
            reopened = self.open_session(path, read_only=top.editor.read_only, index=top.index)
            if reopened is not None:
                reopened.next_note = top.next_note  # the party, speaker and kind stay chosen
        if reviews:  # review mode comes back in the new language, still read-only
            from kumppani.tui.screens.review.open import open_review

            review, quit_on_close = reviews[-1], reviews[-1].quit_on_close
            open_review(self, review.path, self.config, self.translate, quit_on_close=quit_on_close)

    @property
    def step_screens(self) -> list[StepScreen]:
        """The open step views (normally at most one)."""
        return [screen for screen in self.screen_stack if is_step_screen(screen)]

    # -- quitting ----------------------------------------------------------------------------
    async def action_quit(self) -> None:
        """Quit once the capture line has handed over what was typed into it (as a note)."""
        screen = self.screen
        if is_step_screen(screen):
            later = partial(self.call_later, self._save_and_quit)  # a session in progress: end it?
            screen.finish(lambda: screen.session_end.close_offering_end(later))
            return
        await self._save_and_quit()

    async def _save_and_quit(self) -> None:
        """Save pending changes, then quit; ask first if a save fails."""
        if not self.step_screens:
            self.exit(0)
            return
        from kumppani.tui.dialogs.confirm import ConfirmDialog
        from kumppani.tui.flows.lock import release_locks
        from kumppani.tui.screens.step.conflict import keep_mine_on_quit, quit_note, what_is_kept

        failures = [
            error
            for screen in self.step_screens
            if (error := screen.autosave.save_now()) is not None
        ]
        if not failures:
            release_locks(screen.editor for screen in self.step_screens)
            self.exit(0)
            return
        reason = "\n".join(map(str, failures)) + quit_note(failures, self.translate)
        kept = what_is_kept(self.step_screens, self.translate)
        dialog = ConfirmDialog(
            self.translate("dialog.quit_title"),
            self.translate("dialog.quit_body", reason=reason, kept=kept),
            self.translate("dialog.quit_anyway"),
            self.translate("dialog.cancel"),
        )

        def answered(quit_anyway: bool | None) -> None:
            if quit_anyway:
                keep_mine_on_quit(self.step_screens, self.translate)
                release_locks(screen.editor for screen in self.step_screens)
                self.exit(1)

        self.push_screen(dialog, answered)

    def _handle_exception(self, error: Exception) -> None:
        """An unhandled exception ends the app: first write every journal to disk."""
        with contextlib.suppress(Exception):
            self.flush_drafts()
        for screen in self.step_screens:
            if screen.editor.journal is not None:
                with contextlib.suppress(Exception):
                    screen.editor.journal.flush()
        super()._handle_exception(error)

    def action_word(self, direction: str) -> None:
        move_word(self.focused, direction)

    def on_key(self, event: events.Key) -> None:
        """← → between a dialog's buttons: a key no field or list took (``button_keys``)."""
        if event.key in BUTTON_STEPS and step_button(self.focused, BUTTON_STEPS[event.key]):
            event.stop()

    def action_help(self) -> None:
        """Open the help screen (when it exists)."""
        from kumppani.tui.screens.help import HelpScreen  # Markdown: not at start-up

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.translate))


def _first_open_step(editor: SessionEditor) -> int:
    """Start at the first step not done yet (a fresh session at step 1)."""
    for index, step in enumerate(editor.session.steps):
        if step.status != "done":
            return index
    return 0


def make_app(
    config: Config,
    sessions_dir: Path,
    *,
    language: str,
    open_file: Path | None = None,
    review_file: Path | None = None,
) -> KumppaniApp:
    """Build the app; the CLI, tests and snapshots all start here."""
    return KumppaniApp(
        config, sessions_dir, language=language, open_file=open_file, review_file=review_file
    )


def run_app(
    config: Config,
    sessions_dir: Path,
    *,
    language: str,
    open_file: Path | None = None,
    review_file: Path | None = None,
) -> int:
    """Run the app until the user quits; the exit code (0 when everything was saved)."""
    app = make_app(
        config, sessions_dir, language=language, open_file=open_file, review_file=review_file
    )
    result = app.run()
    return result if isinstance(result, int) else 0
