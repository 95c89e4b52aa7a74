"""Provides the notice, before the first save, of comments in the file that a save would drop.

A file with comments is saved into its own text (``fileformat.layout``), so
its comments stay. Should that not be possible for a file, the user is told
which comments the next save would drop as soon as the session shows, before
anything is saved (checked in a thread: it writes the whole file once in
memory). The step screen starts the check when it is mounted.
"""

from __future__ import annotations

from textual.screen import Screen

from kumppani.editing.editor import SessionEditor
from kumppani.storage.files import lost_comments
from kumppani.text.i18n import Translator
from kumppani.text.safe import one_line


def notice_lost_comments(
    screen: Screen[None], editor: SessionEditor, translate: Translator
) -> None:
    """Tell, on ``screen``, which hand-written comments a save would drop (checked in a thread)."""
    if editor.read_only or editor.session.layout is None:
        return

    def check() -> None:
        lost = lost_comments(editor.session)
        if lost:
            found = ", ".join(f"{line}: {one_line(text, 40)}" for line, text in lost[:5])
            more = len(lost) - 5
            message = (
                translate("step.comments_lost_more", comments=found, count=more)
                if more > 0
                else translate("step.comments_lost", comments=found)
            )
            screen.app.call_from_thread(
                screen.notify, message, severity="warning", timeout=30, markup=False
            )

    screen.run_worker(check, thread=True, group="comments")
