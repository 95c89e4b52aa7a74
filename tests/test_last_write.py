"""A closed terminal (SIGHUP) or a shutdown (SIGTERM) writes the journal before kumppani ends.

Before: both signals ended the process at once, as kill -9 does, and what the journal's
flusher had not written yet (up to about half a second of notes, and the text typed in the
capture line or the new-session form) was lost. Here a child process has notes and drafts
that its flushers will never write on their own (their threads are stopped at once), gets
the signal, and must still leave all of them to the next start, and die by that signal.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from kumppani.storage.draft_file import read_draft
from kumppani.storage.recovery import find_offer
from tests.support.examples import EXAMPLES, FIRST

CHILD = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from kumppani.editing.editor import SessionEditor
    from kumppani.editing.journaling import start_journal
    from kumppani.storage import draft_file, journal
    from kumppani.storage.last_write import write_on_signals

    journal.Journal._run = lambda self: None  # the flusher never writes on its own
    draft_file.DraftFile._run = lambda self: None
    write_on_signals()
    editor = SessionEditor.open(Path(sys.argv[1]))
    recording = start_journal(editor)
    editor.add_note("overall", "juuri ennen katkosta")
    recording.draft("capture", {"text": "kesken jäänyt rivi", "step": "overall"})
    new_session = draft_file.DraftFile("new-session")
    new_session.set({"title": "Uusi pöytä"})
    print("ready", flush=True)
    sys.stdin.read()
    """
)


def ended_by(number: signal.Signals, session: Path) -> int:
    source = str(Path(__file__).resolve().parent.parent / "src")
    env = {**os.environ, "PYTHONPATH": source}
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(session)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        env=env,
    )
    assert child.stdout is not None
    assert child.stdout.readline() == b"ready\n"
    child.send_signal(number)
    return child.wait(timeout=60)


@pytest.mark.skipif(os.name != "posix", reason="SIGHUP exists on POSIX systems only")
@pytest.mark.parametrize("number", [signal.SIGHUP, signal.SIGTERM])
def test_the_signal_writes_every_note_and_draft_first(
    number: signal.Signals, tmp_path: Path
) -> None:
    session = tmp_path / FIRST
    shutil.copy(EXAMPLES / FIRST, session)
    assert ended_by(number, session) == -number  # it still ends by the signal
    offer = find_offer(session)
    assert offer is not None and offer.session is not None, "nothing reached the journal"
    assert "juuri ennen katkosta" in [note.text for note in offer.session.all_notes()]
    assert offer.drafts["capture"]["text"] == "kesken jäänyt rivi"
    draft = read_draft("new-session")
    assert draft is not None and draft["title"] == "Uusi pöytä"
