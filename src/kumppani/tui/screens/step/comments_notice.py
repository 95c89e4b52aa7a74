"""Provides the notice, before the first save, of comments in the file that a save would drop.

``StepScreen`` mixes this in. A file with comments is saved into its own text
(``fileformat.layout``), so its comments stay. Should that not be possible for
a file, the user is told which comments the next save would drop as soon as
the session shows, before anything is saved (checked in a thread: it writes
the whole file once in memory).
"""

from __future__ import annotations

from textual.screen import Screen

from kumppani.editing.editor import SessionEditor
from kumppani.storage.files import lost_comments
from kumppani.text.i18n import Translator
from kumppani.text.safe import one_line


class CommentsNoticeMixin(Screen[None]):
    """Tells which hand-written comments a save would drop (``StepScreen`` provides the rest)."""

    editor: SessionEditor
    translate: Translator

    def on_mount(self) -> None:
        if not self.editor.read_only and self.editor.session.layout is not None:
            self.run_worker(self._check_comments, thread=True, group="comments")

    def _check_comments(self) -> None:
        lost = lost_comments(self.editor.session)
        if lost:
            found = ", ".join(f"{line}: {one_line(text, 40)}" for line, text in lost[:5])
            more = len(lost) - 5
            message = self.translate("step.comments_lost", comments=found, more=max(more, 0))
            self.app.call_from_thread(
                self.notify, message, severity="warning", timeout=30, markup=False
            )
