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

When no journal is left to offer, a new session left unfinished in its form
(``storage.draft_file``) is handed to ``unfinished``, which offers it; without
one, an approval left unfinished (a name typed in the dialog that asks who
approves) is handed to it the same way.

When the session file itself is gone, the journal's own copy is what is
offered: recovering opens the rebuilt session under the old name (the first
save writes it again), and discarding asks once more, since the journal is
then the only copy of those notes.
"""

from __future__ import annotations

import contextlib
import math
from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual.app import App

from kumppani.editing.editor import SessionEditor
from kumppani.editing.journaling import start_journal
from kumppani.storage import locks
from kumppani.storage.draft_file import APPROVAL, NEW_SESSION, read_draft
from kumppani.storage.journal import absolute
from kumppani.storage.recovery import RecoveryOffer, discard, find_offer, find_offers, set_aside
from kumppani.text.i18n import Translator
from kumppani.tui.dialogs.recovery_dialog import RecoveryDialog

Show = Callable[[SessionEditor], object]

SOON_SECONDS = 5.0
"""An autosave delay up to this is "in a moment"; a longer one is named (issue 14)."""


def recovered_text(translate: Translator, delay: float) -> str:
    """The toast after recovering: when autosave will write the changes, truly for ``delay``."""
    if delay <= SOON_SECONDS:
        return translate("journal.recovery.recovered")
    if delay < 120:
        when = translate("journal.recovery.in_seconds", count=math.ceil(delay))
    else:
        when = translate("journal.recovery.in_minutes", count=math.ceil(delay / 60))
    return translate("journal.recovery.recovered_later", when=when)


class RecoveryFlow:
    """Offers recovery for one app; the app calls ``intercept`` and ``scan``."""

    def __init__(
        self,
        app: App[Any],
        translate: Callable[[], Translator],
        give_back: Callable[[dict[str, dict[str, Any]]], None] = lambda drafts: None,
        unfinished: Callable[[str, dict[str, Any]], None] = lambda name, draft: None,
        save_delay: Callable[[], float] = lambda: 1.0,
    ) -> None:
        self.app = app
        self.save_delay = save_delay
        """The configured autosave delay in seconds: the recovered toast says when it saves."""
        self.give_back = give_back
        """Puts typing not yet in the session back (the step view's ``reopen.give_back``)."""
        self.unfinished = unfinished
        """Offers a form of no session that a crash left unfinished, by its draft's name
        (``storage.draft_file``): a new session, an approval."""
        self._translate = translate
        self._decided: dict[Path, tuple[str, RecoveryOffer]] = {}
        self._show: Show = lambda editor: None

    def intercept(self, editor: SessionEditor, show: Show) -> bool:
        """Offer recovery before ``editor`` is shown; True if ``show`` will be called later."""
        if editor.path is None:
            return False
        decided = self._decided.pop(absolute(editor.path), None)
        if editor.read_only:
            if decided is not None and decided[0] == "recover":  # the journal keeps them
                self.app.notify(self._translate()("journal.recovery.kept_read_only"), markup=False)
            return False
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
            self.app.notify(recovered_text(translate, self.save_delay()), markup=False)
            self._give_back(offer)
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
    def scan(self, open_session: Callable[[Path], object], show: Show) -> None:
        """Look for journals in a thread; offer the newest one found (then the next …).

        ``show`` puts an editor on screen (a session recovered whose file is gone).
        """
        self._show = show

        def look() -> None:
            offers = find_offers()
            if offers:
                self.app.call_from_thread(self._offer_next, offers, open_session)
                return
            for name in (NEW_SESSION, APPROVAL):  # one at a time: the next at a later start
                if draft := read_draft(name):
                    self.app.call_from_thread(self.unfinished, name, draft)
                    return

        self.app.run_worker(look, thread=True, group="recovery-scan", exit_on_error=False)

    def _offer_next(
        self, offers: list[RecoveryOffer], open_session: Callable[[Path], object]
    ) -> None:
        if not offers:
            return
        offer, rest = offers[0], offers[1:]

        def answered(choice: str | None) -> None:
            if choice == "discard" and offer.file_size is None:
                self._discard_only_copy(offer, lambda: self._offer_next(offers, open_session))
                return
            if choice == "discard":
                discard(offer)
                self.app.notify(self._translate()("journal.recovery.discarded"), markup=False)
                self._offer_next(rest, open_session)
                return
            if choice == "recover" and offer.file_size is None and offer.session is not None:
                self._open_without_file(offer)
                return
            if choice == "recover":  # the crashed program's lock is in the way: take it
                with contextlib.suppress(locks.LockError):
                    locks.take_over_stale(offer.path)
            self._decided[absolute(offer.path)] = (choice or "open", offer)
            open_session(offer.path)

        self.app.push_screen(RecoveryDialog(offer, self._translate()), answered)

    def _discard_only_copy(self, offer: RecoveryOffer, ask_again: Callable[[], None]) -> None:
        """The file is gone: discarding the journal loses the notes for good; ask once more."""
        from kumppani.tui.dialogs.confirm import ConfirmDialog

        translate = self._translate()

        def confirmed(sure: bool | None) -> None:
            if not sure:
                ask_again()
                return
            discard(offer)
            self.app.notify(translate("journal.recovery.discarded"), markup=False)

        dialog = ConfirmDialog(
            translate("journal.recovery.discard_title"),
            translate("journal.recovery.discard_only_copy", file=str(offer.path)),
            translate("journal.recovery.discard"),
            translate("dialog.cancel"),
        )
        self.app.push_screen(dialog, confirmed)

    def _open_without_file(self, offer: RecoveryOffer) -> None:
        """Open the rebuilt session under its old name; autosave writes the file again."""
        assert offer.session is not None
        with contextlib.suppress(locks.LockError):  # the crashed program's stale lock: ours
            locks.take_over_stale(offer.path) or locks.acquire(
                offer.path
            )  # best effort: the folder may be gone as well
        editor = SessionEditor.new(offer.session, offer.path)
        start_journal(editor)
        self.app.notify(recovered_text(self._translate(), self.save_delay()), markup=False)
        self._show(editor)
        self._give_back(offer)

    def _give_back(self, offer: RecoveryOffer) -> None:
        """Typing not yet in the session (capture line, a form): back once the step view shows."""
        if offer.drafts:
            self.app.call_after_refresh(self.give_back, offer.drafts)
