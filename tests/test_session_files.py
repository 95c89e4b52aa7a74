"""One way to create a session file: claimed atomically, never over another, cleaned up."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from kumppani.errors import NewerFormatError
from kumppani.session.format_version import FormatVersion
from kumppani.session.model import Session
from kumppani.storage.files import TRASH_FOLDER, load_session, move_to_trash
from kumppani.storage.session_files import (
    claim_session_file,
    create_session_file,
)

DAY = dt.date(2026, 3, 12)


def test_a_new_file_is_named_from_date_and_title_and_never_overwrites(tmp_path: Path) -> None:
    taken = tmp_path / "2026-03-12-nuoret.toml"
    taken.write_bytes(b"someone else's")
    made = create_session_file(Session(title="Nuoret", date=DAY), folder=tmp_path)
    assert made == tmp_path / "2026-03-12-nuoret-2.toml"
    assert taken.read_bytes() == b"someone else's"
    assert load_session(made).title == "Nuoret"


def test_the_folder_is_made_when_missing(tmp_path: Path) -> None:
    made = create_session_file(Session(title="A", date=DAY), folder=tmp_path / "new" / "folder")
    assert made.parent == tmp_path / "new" / "folder" and made.exists()


def test_an_output_that_exists_is_refused_untouched(tmp_path: Path) -> None:
    output = tmp_path / "mine.toml"
    output.write_bytes(b"keep")
    with pytest.raises(FileExistsError):
        create_session_file(Session(title="A"), output=output)
    assert output.read_bytes() == b"keep"


def test_two_claims_of_one_name_get_two_files(tmp_path: Path) -> None:
    first = claim_session_file("Sama", DAY, folder=tmp_path)
    second = claim_session_file("Sama", DAY, folder=tmp_path)
    assert first != second and first.exists() and second.exists()


def test_a_failed_save_leaves_no_file(tmp_path: Path) -> None:
    session = Session(title="Tulevaisuus", date=DAY)
    session.format_version = FormatVersion(99, 0)  # refused by save_session
    with pytest.raises(NewerFormatError):
        create_session_file(session, folder=tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_trash_keeps_every_deleted_file(tmp_path: Path) -> None:
    for text in (b"first", b"second"):
        (tmp_path / "a.toml").write_bytes(text)
        move_to_trash(tmp_path / "a.toml")
    trash = tmp_path / TRASH_FOLDER
    assert sorted(path.read_bytes() for path in trash.iterdir()) == [b"first", b"second"]
    assert not (tmp_path / "a.toml").exists()
