"""Provides the app's side of crash recovery: the offer when a file opens or the app starts.

``RecoveryFlow.intercept`` runs when a session has been opened for editing,
before its step view: if the file's journal holds changes the file does not,
the ``RecoveryDialog`` asks what to do, and the step view follows the answer.
Recovering puts the rebuilt session in the editor and marks it changed, so
autosave saves it (the journal goes away only after that save). Opening the
saved file sets the journal aside (renamed, kept, never offered again);
discarding removes it. Either way the editor then gets a fresh journal.

``RecoveryFlow.scan`` runs when the app starts without a file: in a thread,
it looks for journals of any file (not those of another kumppani still
running) and offers the newest; discarding one offers the next.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual.app import App

from kumppani.editing.editor import SessionEditor
from kumppani.editing.journaling import start_journal
from kumppani.storage.journal import absolute
from kumppani.storage.recovery import RecoveryOffer, discard, find_offer, find_offers, set_aside
from kumppani.text.i18n import Translator
from kumppani.tui.dialogs.recovery_dialog import RecoveryDialog

Show = Callable[[SessionEditor], object]


class RecoveryFlow:
    """Offers recovery for one app; the app calls ``intercept`` and ``scan``."""

    def __init__(self, app: App[Any], translate: Callable[[], Translator]) -> None:
        self.app = app
        self._translate = translate
        self._decided: dict[Path, tuple[str, RecoveryOffer]] = {}

    def intercept(self, editor: SessionEditor, show: Show) -> bool:
        """Offer recovery before ``editor`` is shown; True if ``show`` will be called later."""
        if editor.read_only or editor.path is None:
            return False
        decided = self._decided.pop(absolute(editor.path), None)
        if decided is not None:
            self._carry_out(editor, *decided)
            return False
        offer = find_offer(editor.path)
        if offer is None:
            start_journal(editor)
            return False

        def answered(choice: str | None) -> None:
            assert offer is not None
            self._carry_out(editor, choice or "open", offer)
            show(editor)

        self.app.push_screen(RecoveryDialog(offer, self._translate()), answered)
        return True

    def _carry_out(self, editor: SessionEditor, choice: str, offer: RecoveryOffer) -> None:
        translate = self._translate()
        if choice == "recover" and offer.session is not None:
            with editor.lock:
                editor.session = offer.session
            start_journal(editor)
            editor.changed("recover")  # journaled whole; autosave saves it
            self.app.notify(translate("journal.recovery.recovered"), markup=False)
            return
        if choice == "discard":
            discard(offer)
            self.app.notify(translate("journal.recovery.discarded"), markup=False)
        else:
            kept = set_aside(offer)
            self.app.notify(
                translate("journal.recovery.set_aside", journal=str(kept)), markup=False
            )
        start_journal(editor)

    # -- at start ----------------------------------------------------------------------------
    def scan(self, open_session: Callable[[Path], object]) -> None:
        """Look for journals in a thread; offer the newest one found (then the next …)."""

        def look() -> None:
            offers = find_offers()
            if offers:
                self.app.call_from_thread(self._offer_next, offers, open_session)

        self.app.run_worker(look, thread=True, group="recovery-scan", exit_on_error=False)

    def _offer_next(
        self, offers: list[RecoveryOffer], open_session: Callable[[Path], object]
    ) -> None:
        if not offers:
            return
        offer, rest = offers[0], offers[1:]

        def answered(choice: str | None) -> None:
            if choice == "discard":
                discard(offer)
                self.app.notify(self._translate()("journal.recovery.discarded"), markup=False)
                self._offer_next(rest, open_session)
                return
            self._decided[absolute(offer.path)] = (choice or "open", offer)
            open_session(offer.path)

        self.app.push_screen(RecoveryDialog(offer, self._translate()), answered)
