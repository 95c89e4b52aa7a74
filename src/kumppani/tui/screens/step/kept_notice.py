"""Provides the notice, when a session opens, of another version a killed save left beside it.

A save swaps the new file with the old one and then compares what it replaced
(``storage.swap``). Killed in between, it leaves the replaced file beside the
session under a ``.kumppani-….replaced`` name; the clean-up at open removes it
only when it holds what the save expected to replace or its own bytes. Anything
else there may be another program's change, so it is kept, and said here with
its name, so the user can compare it and delete it when done.
"""

from __future__ import annotations

from textual.screen import Screen

from kumppani.editing.editor import SessionEditor
from kumppani.text.i18n import Translator
from kumppani.text.safe import one_line


def notice_kept_versions(
    screen: Screen[None], editor: SessionEditor, translate: Translator
) -> None:
    """Tell, on ``screen``, which versions of the file a killed save left beside it."""
    kept = editor.kept_versions
    if not kept:
        return
    files = ", ".join(one_line(path.name, 200) for path in kept)  # beside the session
    message = translate("step.outside_version_kept", count=len(kept), files=files)
    screen.notify(message, severity="warning", timeout=60, markup=False)
