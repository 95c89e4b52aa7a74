"""Saving and loading session files: atomic, stable, forgiving of what it does not know."""

from __future__ import annotations

import datetime as dt
import difflib
import os
import stat
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from kumppani.errors import NewerFormatError, SaveError, SessionFileError
from kumppani.session.format_version import FORMAT_VERSION
from kumppani.session.model import Action, Indicator, Note, Participant, Reading, Session
from kumppani.session.vocabulary import ActionStatus
from kumppani.storage.files import TEMP_PREFIX, load_session, read_session, save_session


def sample() -> Session:
    session = Session(title="Nuorisotyöllisyys", date=dt.date(2026, 3, 12))
    person = Participant(name="Kehitysjohtaja", organisation="Turun kaupunki", party="city")
    session.participants.append(person)
    step = session.step("situation")
    step.notes.append(Note(text="Pitkä\nmonirivinen\nhavainto", kind="challenge"))
    step.notes.append(Note(text="Kaupungin näkökulma", participant=person.id, highlight=True))
    session.winwin.city_gains = "Rahoitusta kokeiluihin"
    action = Action(title="Pilotti", responsible=["TEM", "Turku"], due=dt.date(2026, 6, 1))
    action.set_status(ActionStatus.AGREED, dt.date(2026, 3, 12), "sovittiin")
    session.actions.append(action)
    session.indicators.append(
        Indicator(
            name="Työttömät nuoret",
            unit="hlö",
            baseline=1200,
            target=900,
            readings=[Reading(on=dt.date(2026, 9, 1), value=1100.5)],
        )
    )
    return session


def temp_files(folder: Path) -> list[str]:
    return [name for name in os.listdir(folder) if name.startswith(TEMP_PREFIX)]


def test_save_then_load_gives_the_same_session(tmp_path: Path) -> None:
    session = sample()
    path = tmp_path / "s.toml"
    save_session(session, path)
    assert load_session(path) == session
    assert temp_files(tmp_path) == []


def test_two_saves_are_byte_identical_and_small_edit_small_diff(tmp_path: Path) -> None:
    session = sample()
    first, second = tmp_path / "a.toml", tmp_path / "b.toml"
    save_session(session, first)
    save_session(load_session(first), second)
    assert first.read_bytes() == second.read_bytes()
    session.step("situation").notes[0].highlight = True
    save_session(session, second)
    diff = difflib.unified_diff(
        first.read_text().splitlines(), second.read_text().splitlines(), lineterm="", n=0
    )
    changes = [line for line in diff if line[:1] in "+-" and line[:3] not in ("+++", "---")]
    assert changes == ["+highlight = true"]


def test_long_text_is_written_as_a_multiline_string(tmp_path: Path) -> None:
    path = tmp_path / "s.toml"
    save_session(sample(), path)
    assert 'text = """\nPitkä\nmonirivinen\nhavainto"""' in path.read_text()


def test_new_file_is_private_and_existing_mode_survives(tmp_path: Path) -> None:
    path = tmp_path / "s.toml"
    save_session(sample(), path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    path.chmod(0o640)
    save_session(sample(), path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


def test_unknown_keys_survive_a_save(tmp_path: Path) -> None:
    path = tmp_path / "s.toml"
    save_session(sample(), path)
    text = path.read_text()
    text = text.replace("[session]\n", '[session]\nfuture_field = "keep me"\n', 1)
    text = text.replace('kind = "challenge"', 'kind = "challenge"\nmood = 3', 1)
    text = text.replace(
        "[end]", '[future_table]\nanswer = 42\n\n[steps.sixth]\nstatus = "x"\n\n[end]'
    )
    path.write_text(text)
    session = load_session(path)
    save_session(session, path)
    again = path.read_text()
    assert 'future_field = "keep me"' in again
    assert "mood = 3" in again
    assert "[future_table]\nanswer = 42" in again
    assert "[steps.sixth]" in again
    assert load_session(path) == session


def test_timezones_come_back_as_the_same_instant(tmp_path: Path) -> None:
    session = sample()
    session.created = dt.datetime(2026, 3, 12, 9, 0, tzinfo=ZoneInfo("Europe/Helsinki"))
    # An offset with seconds (local mean time of old dates) cannot be written in TOML: UTC it is.
    session.modified = dt.datetime(1890, 1, 1, 12, 0, tzinfo=ZoneInfo("Europe/Helsinki"))
    path = tmp_path / "s.toml"
    save_session(session, path)
    loaded = load_session(path)
    assert loaded.created == session.created
    assert loaded.modified == session.modified
    assert loaded.created.utcoffset() == dt.timedelta(hours=2)


def test_newer_major_version_is_read_but_never_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "s.toml"
    save_session(sample(), path)
    path.write_text(
        path.read_text().replace(f'format_version = "{FORMAT_VERSION}"', 'format_version = "2.0"')
    )
    original = path.read_bytes()
    session = load_session(path)
    assert session.title == "Nuorisotyöllisyys"
    with pytest.raises(NewerFormatError) as caught:
        save_session(session, path)
    assert "2.0" in str(caught.value)
    assert path.read_bytes() == original


def test_newer_minor_version_is_kept_on_save(tmp_path: Path) -> None:
    path = tmp_path / "s.toml"
    save_session(sample(), path)
    path.write_text(
        path.read_text().replace(f'format_version = "{FORMAT_VERSION}"', 'format_version = "1.4"')
    )
    save_session(load_session(path), path)
    assert 'format_version = "1.4"' in path.read_text()


def test_failed_write_leaves_the_old_file_and_no_temp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "s.toml"
    save_session(sample(), path)
    original = path.read_bytes()

    def disk_full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    changed = sample()
    changed.title = "Muutettu"
    with pytest.raises(SaveError) as caught:
        save_session(changed, path)
    assert "the disk is full" in str(caught.value)
    assert caught.value.describe("fi").endswith("tallennus ei onnistunut: levy on täynnä")
    assert path.read_bytes() == original
    assert temp_files(tmp_path) == []


def test_a_session_that_would_not_load_is_never_written(tmp_path: Path) -> None:
    path = tmp_path / "s.toml"
    save_session(sample(), path)
    original = path.read_bytes()
    broken = sample()
    broken.step("overall").notes.append(Note(text="a", kind="no-such-kind"))
    with pytest.raises(SaveError) as caught:
        save_session(broken, path)
    assert "would not load" in str(caught.value)
    assert "kind" in str(caught.value)
    assert path.read_bytes() == original


def test_saving_into_a_missing_folder_fails_cleanly(tmp_path: Path) -> None:
    with pytest.raises(SaveError):
        save_session(sample(), tmp_path / "gone" / "s.toml")


def test_not_utf8_names_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "s.toml"
    path.write_bytes(b'format = "kumppani.session"\ntitle = "\xe4\xe4"\n')
    with pytest.raises(SessionFileError) as caught:
        load_session(path)
    assert (caught.value.line, caught.value.column) == (2, 10)
    assert "UTF-8" in str(caught.value)


def test_missing_file_is_a_session_error(tmp_path: Path) -> None:
    with pytest.raises(SessionFileError) as caught:
        load_session(tmp_path / "nope.toml")
    assert "nope.toml" in str(caught.value)


def test_snapshot_reflects_the_bytes_on_disk(tmp_path: Path) -> None:
    path = tmp_path / "s.toml"
    written = save_session(sample(), path)
    _, read = read_session(path)
    assert written == read
    assert read.size == path.stat().st_size


def test_empty_values_are_left_out_not_written_as_null(tmp_path: Path) -> None:
    path = tmp_path / "s.toml"
    session = Session(title="Tyhjä")
    save_session(session, path)
    text = path.read_text()
    assert "venue" not in text and "date" not in text.split("[session]")[1].split("created")[0]
    assert load_session(path) == session
