"""The recovery journal: every edit reaches local disk, and a crash gives it back."""

from __future__ import annotations

import dataclasses
import os
import shutil
import signal
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from kumppani.editing.editor import SessionEditor
from kumppani.editing.journaling import start_journal
from kumppani.errors import SaveError
from kumppani.session.model import Action, Session
from kumppani.session.vocabulary import StepStatus
from kumppani.storage import files as storage
from kumppani.storage.files import save_session
from kumppani.storage.journal import Journal
from kumppani.storage.journal_frames import base_copy_path, journal_path, read_frames
from kumppani.storage.recovery import RecoveryOffer, discard, find_offer, find_offers, set_aside
from tests.support.examples import EXAMPLES, FIRST

EXAMPLE = EXAMPLES / FIRST


@pytest.fixture
def session_file(tmp_path: Path) -> Path:
    folder = tmp_path / "sessions"
    folder.mkdir()
    path = folder / "round.toml"
    shutil.copy(EXAMPLE, path)
    return path


def editing(path: Path) -> tuple[SessionEditor, Journal]:
    editor = SessionEditor.open(path)
    return editor, start_journal(editor)


def same(a: Session, b: Session) -> bool:
    return dataclasses.replace(a, modified=b.modified) == b


def offer_of(path: Path) -> RecoveryOffer:
    offer = find_offer(path)
    assert offer is not None, "the journal offers nothing"
    assert offer.session is not None, offer.problem
    return offer


def test_every_kind_of_edit_comes_back_after_a_crash(session_file: Path) -> None:
    editor, journal = editing(session_file)
    note = editor.add_note("overall", "Uusi havainto", party="state")
    editor.edit_note("overall", note.id, "Uusi havainto, tarkennettu")
    editor.set_note_kind("overall", note.id, "question")
    editor.toggle_highlight("overall", note.id)
    editor.move_note("overall", note.id, -2)
    gone = editor.step("situation").notes[0]
    editor.delete_note("situation", gone.id)
    editor.set_conclusion("will", "Yhteinen tahto: nuoret ensin")
    editor.set_step_status("will", StepStatus.DONE)
    editor.add_spent_seconds("overall", 30)
    editor.set_winwin("city_gains", "Vähemmän keskeytyksiä")
    editor.set_step_text("shared_message", "Yhdessä")
    editor.set_step_text("followup_plan", "")
    editor.session.actions.append(Action(title="Kokeilu"))  # a form: no piece, kept whole
    editor.changed("actions")
    editor.add_note("solutions", "Vielä yksi")
    journal.flush()

    offer = offer_of(session_file)
    assert offer.session is not None
    assert same(offer.session, editor.session)
    assert offer.path == session_file.resolve()
    assert not offer.base_differs
    assert offer.edits >= 2
    # the file itself was never touched
    assert session_file.read_bytes() == EXAMPLE.read_bytes()


def test_undo_is_journaled_too(session_file: Path) -> None:
    editor, journal = editing(session_file)
    notes = editor.step("overall").notes
    first = notes[0]
    editor.delete_note("overall", first.id)
    journal.flush()
    editor.undo()
    journal.flush()
    offer = find_offer(session_file)
    # the undo brought the file's state back: nothing left to recover
    assert offer is None
    assert not journal.file.exists()


def test_a_save_compacts_and_then_removes_the_journal(session_file: Path) -> None:
    editor, journal = editing(session_file)
    editor.add_note("overall", "Ennen tallennusta")
    journal.flush()
    assert journal.file.exists()
    editor.save()
    assert not journal.file.exists()
    assert find_offer(session_file) is None

    editor.add_note("overall", "Tallennuksen jälkeen")
    journal.flush()
    offer = offer_of(session_file)
    assert offer.session is not None
    assert [n.text for n in offer.session.step("overall").notes][-2:] == [
        "Ennen tallennusta",
        "Tallennuksen jälkeen",
    ]
    assert offer.edits == 1


def test_the_count_after_a_save_is_never_negative_and_typing_is_told_apart(
    session_file: Path,
) -> None:
    # Issue 18: "Palautusloki: -33 muutosta" when the session had been saved and only a
    # form's typing (a draft, revision 0) was journaled after the save.
    editor, journal = editing(session_file)
    for text in ("Yksi", "Kaksi", "Kolme"):
        editor.add_note("overall", text)
    editor.save()
    journal.draft("form:indicator", {"name": "Työllisyysaste", "unit": "%"})
    journal.flush()
    offer = offer_of(session_file)
    assert offer.edits == 0
    assert list(offer.drafts) == ["form:indicator"]

    editor.add_note("overall", "Neljä")
    journal.flush()
    offer = offer_of(session_file)
    assert offer.edits == 1
    assert list(offer.drafts) == ["form:indicator"]


def test_typing_in_a_huge_session_journals_the_field_not_the_session(tmp_path: Path) -> None:
    session = storage.load_session(EXAMPLE)
    session.step("overall").notes = [
        dataclasses.replace(session.step("overall").notes[0], id=f"n-{index:08x}")
        for index in range(10_000)
    ]
    path = tmp_path / "huge.toml"
    save_session(session, path)
    editor, journal = editing(path)
    for length in range(1, 200):
        editor.set_conclusion("overall", "Kirjoitetaan johtopäätöstä"[: length % 26] + "x")
        if length % 50 == 0:
            journal.flush()
    journal.flush()
    assert path.stat().st_size > 2_000_000
    assert journal.file.stat().st_size < 20_000
    offer = offer_of(path)
    assert offer.session is not None
    assert offer.session.step("overall").conclusion == editor.step("overall").conclusion


def test_the_journal_is_private(session_file: Path) -> None:
    editor, journal = editing(session_file)
    editor.add_note("overall", "Henkilötieto")
    journal.flush()
    assert stat.S_IMODE(journal.file.stat().st_mode) == 0o600
    assert stat.S_IMODE(journal.file.parent.stat().st_mode) == 0o700


@pytest.mark.slow
def test_a_journal_cut_short_anywhere_gives_the_edits_before_the_cut(session_file: Path) -> None:
    editor, journal = editing(session_file)
    editor.add_note("overall", "Ensimmäinen")
    journal.flush()
    complete = journal.file.read_bytes()
    editor.add_note("overall", "Toinen")
    journal.flush()
    data = journal.file.read_bytes()
    for cut in range(len(complete), len(data)):
        journal.file.write_bytes(data[:cut])
        offer = offer_of(session_file)
        assert offer.session is not None
        texts = [note.text for note in offer.session.step("overall").notes]
        whole_frames = len(list(read_frames(data[:cut])))
        assert texts[-1] == ("Toinen" if whole_frames > 3 else "Ensimmäinen"), cut
        assert texts.count("Ensimmäinen") == 1
    flipped = bytearray(data)
    flipped[len(complete) + 40] ^= 0x10  # a flipped bit in the last frame: its checksum fails
    journal.file.write_bytes(bytes(flipped))
    assert [n.text for n in offer_of(session_file).session.step("overall").notes][-1] == (  # type: ignore[union-attr]
        "Ensimmäinen"
    )
    assert len(list(read_frames(data))) == 5  # head, then a note and its step per entry


def test_a_journal_cut_inside_its_header_is_just_removed(session_file: Path) -> None:
    editor, journal = editing(session_file)
    editor.add_note("overall", "x")
    journal.flush()
    journal.file.write_bytes(journal.file.read_bytes()[:20])
    assert find_offer(session_file) is None
    assert not journal.file.exists()


def test_a_failed_save_puts_the_whole_session_in_the_journal(
    session_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    editor, journal = editing(session_file)
    editor.add_note("overall", "Tärkeä muistiinpano")

    def full(*args: object) -> None:
        raise SaveError(session_file, "No space left on device", errno=28)

    monkeypatch.setattr("kumppani.storage.conflicts.write_atomic", full)
    with pytest.raises(SaveError):
        editor.save()
    assert editor.dirty
    frames = list(read_frames(journal.file.read_bytes()))
    assert [kind for kind, _, _ in frames] == ["head", "whole"]
    # the folder vanishes (a USB stick pulled out): the journal alone has every note
    shutil.rmtree(session_file.parent)
    offer = offer_of(session_file)
    assert offer.file_time is None
    assert offer.session is not None and same(offer.session, editor.session)


def test_a_journal_that_adds_nothing_to_the_file_is_removed(session_file: Path) -> None:
    """kumppani stopped after the save but before the journal was compacted."""
    editor, journal = editing(session_file)
    editor.add_note("overall", "Tallentui juuri")
    journal.flush()
    left_over = journal.file.read_bytes()
    editor.save()
    journal.file.write_bytes(left_over)
    assert find_offer(session_file) is None
    assert not journal.file.exists()


def test_its_own_save_is_not_called_a_change_from_outside(session_file: Path) -> None:
    # A user test at 80x24: a form open (its typing journaled), an autosave, kill -9:
    # the recovery dialog warned that the file had changed on disk since the journal
    # began, though the only change was this program's own save.
    editor, journal = editing(session_file)
    journal.draft("form:indicator", {"name": "Työllisyysaste", "unit": "%"})
    journal.flush()
    editor.add_note("overall", "Tallennettu ennen kaatumista")
    editor.save()
    journal.flush()
    offer = offer_of(session_file)
    assert list(offer.drafts) == ["form:indicator"]
    assert not offer.base_differs


def test_an_offer_says_when_the_file_changed_after_the_journal_began(session_file: Path) -> None:
    editor, journal = editing(session_file)
    editor.add_note("overall", "Minun muutokseni")
    journal.flush()
    other = storage.load_session(session_file)
    other.title = "Joku muu muutti"
    save_session(other, session_file)
    offer = offer_of(session_file)
    assert offer.base_differs
    assert offer.session is not None
    assert offer.session.title == "Joku muu muutti"  # pieces go on top of the file as it is
    assert offer.session.step("overall").notes[-1].text == "Minun muutokseni"


def test_changes_whose_file_is_gone_are_rebuilt_from_the_journals_own_copy(
    session_file: Path,
) -> None:
    # Issue 18: with the session file gone, the notes were declared unrecoverable though
    # the journal held them all.
    editor, journal = editing(session_file)
    editor.add_note("overall", "Orpo")
    journal.flush()
    session_file.unlink()
    offer = find_offer(session_file)
    assert offer is not None and offer.session is not None, offer and offer.problem
    assert not offer.problem and offer.file_size is None
    assert same(offer.session, editor.session)


def test_the_journals_copy_is_a_link_and_goes_with_the_journal(session_file: Path) -> None:
    editor, journal = editing(session_file)
    editor.add_note("overall", "Linkki")
    journal.flush()
    copy = base_copy_path(session_file)
    assert copy.read_bytes() == session_file.read_bytes()
    assert copy.stat().st_ino == session_file.stat().st_ino  # no bytes written for it
    editor.save()
    assert not copy.exists() and not journal.file.exists()


def test_set_aside_and_discard(session_file: Path) -> None:
    editor, journal = editing(session_file)
    editor.add_note("overall", "Syrjään")
    journal.flush()
    kept = set_aside(offer_of(session_file))
    assert kept.exists() and not journal.file.exists()
    assert find_offer(session_file) is None
    assert find_offers() == []

    editor.add_note("overall", "Pois")
    journal.flush()
    discard(offer_of(session_file))
    assert not journal.file.exists()
    assert kept.exists()


def test_find_offers_skips_the_journal_of_a_running_kumppani(session_file: Path) -> None:
    editor, journal = editing(session_file)
    editor.add_note("overall", "Käynnissä")
    journal.flush()
    assert [offer.path for offer in find_offers()] == [session_file.resolve()]
    data = journal.file.read_bytes()
    # the same journal as written by another process that is still running (our parent)
    head_end = data.index(b"\nKJ1 ", 1) + 1
    frames = list(read_frames(data))
    head = frames[0][2].replace(f"pid = {os.getpid()}".encode(), f"pid = {os.getppid()}".encode())
    from kumppani.storage.journal_frames import frame

    journal.file.write_bytes(frame("head", 0, head) + data[head_end:])
    assert find_offers() == []


def test_a_killed_process_leaves_its_edits_in_the_journal(session_file: Path) -> None:
    child = textwrap.dedent(
        f"""
        import sys
        from pathlib import Path
        from kumppani.editing.editor import SessionEditor
        from kumppani.editing.journaling import start_journal
        editor = SessionEditor.open(Path({str(session_file)!r}))
        journal = start_journal(editor)
        editor.add_note("overall", "Kirjattu ennen kaatumista")
        journal.flush()
        editor.add_note("overall", "Ehkä ehdittiin levylle, ehkä ei")
        sys.stdout.write("ready\\n")
        sys.stdout.flush()
        sys.stdin.read()
        """
    )
    environment = {**os.environ, "PYTHONPATH": str(Path(__file__).parent.parent / "src")}
    process = subprocess.Popen(
        [sys.executable, "-c", child],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        env=environment,
    )
    assert process.stdout is not None
    assert process.stdout.readline() == b"ready\n"
    process.send_signal(signal.SIGKILL)
    process.wait()
    offer = offer_of(session_file)
    assert offer.session is not None
    texts = [note.text for note in offer.session.step("overall").notes]
    assert "Kirjattu ennen kaatumista" in texts  # the second may or may not have made it
    assert journal_path(session_file) == offer.journal
