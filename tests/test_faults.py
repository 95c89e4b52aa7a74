"""Saving when the disk says no: full, over quota, too big, read-only, gone.

In every case the file on disk stays exactly as it was, no temporary file is
left beside it, the error names the file and says what happened in the user's
language, and the edits are still in memory to be saved again.
"""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from kumppani.editing.editor import SessionEditor
from kumppani.errors import KumppaniError, SaveError
from kumppani.storage import files as storage
from kumppani.storage import platform
from kumppani.storage.save_errors import describe_save_error, reason_key
from kumppani.text.i18n import t
from tests.support.examples import EXAMPLES, FIRST

EXAMPLE = EXAMPLES / FIRST
ERRNOS = [
    errno.ENOSPC,
    errno.EFBIG,
    errno.EROFS,  # a read-only mount; also how a read-only folder looks to root
    errno.EACCES,
    errno.EIO,
    *([errno.EDQUOT] if hasattr(errno, "EDQUOT") else []),
]


@pytest.fixture
def session_file(tmp_path: Path) -> Path:
    folder = tmp_path / "sessions"
    folder.mkdir()
    path = folder / "round.toml"
    shutil.copy(EXAMPLE, path)
    return path


def unchanged(path: Path, before: bytes) -> None:
    """The file is byte for byte what it was, and no temporary file is left beside it."""
    assert path.read_bytes() == before
    assert not [p for p in path.parent.iterdir() if p.name.startswith(storage.TEMP_PREFIX)]


def failing(number: int) -> Callable[..., Any]:
    def fail(*_args: object, **_kwargs: object) -> Any:
        raise OSError(number, os.strerror(number))

    return fail


@pytest.mark.parametrize("number", ERRNOS, ids=errno.errorcode.get)
@pytest.mark.parametrize("where", ["mkstemp", "fsync", "replace"])
def test_a_full_disk_leaves_the_file_and_keeps_the_edit(
    session_file: Path, monkeypatch: pytest.MonkeyPatch, number: int, where: str
) -> None:
    before = session_file.read_bytes()
    editor = SessionEditor.open(session_file)
    note = editor.add_note("overall", "Tämä ei saa kadota", party="city")
    target: Any = {"mkstemp": tempfile, "fsync": os, "replace": os}[where]
    monkeypatch.setattr(target, where, failing(number))
    if where == "replace":  # the swap that replaces a file on Linux (storage.swap)
        monkeypatch.setattr(platform, "exchange", failing(number))

    with pytest.raises(SaveError) as caught:
        editor.save()

    monkeypatch.undo()
    assert caught.value.errno == number
    unchanged(session_file, before)
    assert note in editor.step("overall").notes and editor.dirty
    for language in ("fi", "sv", "en"):
        message = describe_save_error(caught.value, language)
        assert str(session_file) in message
        assert t(reason_key(number), language) in message
    # The disk has room again: the same editor saves, and the note is in the file.
    editor.save()
    assert "Tämä ei saa kadota" in session_file.read_text("utf-8")


def test_a_file_size_limit_in_a_real_process_gives_efbig(session_file: Path) -> None:
    """RLIMIT_FSIZE makes the kernel itself refuse the write half-way."""
    pytest.importorskip("resource")
    before = session_file.read_bytes()
    script = textwrap.dedent(
        f"""
        import resource, signal, sys
        from pathlib import Path
        from kumppani.editing.editor import SessionEditor
        from kumppani.errors import SaveError
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        path = Path({str(session_file)!r})
        editor = SessionEditor.open(path)
        editor.add_note("overall", "x" * 200_000)
        limit = path.stat().st_size + 4096
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
        try:
            editor.save()
        except SaveError as error:
            print("errno", error.errno)
            sys.exit(0)
        print("saved")
        """
    )
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parent.parent / "src")}
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["errno", str(errno.EFBIG)]
    unchanged(session_file, before)


@pytest.mark.skipif(
    hasattr(os, "geteuid") and os.geteuid() == 0, reason="root may write to read-only folders"
)
def test_a_read_only_folder_leaves_the_file(session_file: Path) -> None:
    before = session_file.read_bytes()
    editor = SessionEditor.open(session_file, read_only=False)
    editor.add_note("overall", "Kirjoitussuojattu kansio")
    session_file.parent.chmod(0o500)
    try:
        with pytest.raises(KumppaniError) as caught:
            editor.save()
    finally:
        session_file.parent.chmod(0o700)
    assert str(session_file) in describe_save_error(caught.value, "fi")
    assert session_file.read_bytes() == before
    assert editor.dirty


def test_a_vanished_folder_is_a_fault_that_heals_when_the_folder_is_back(
    session_file: Path, tmp_path: Path
) -> None:
    """An unplugged USB stick: a save error saying so, retried; plugged back in, it saves."""
    editor = SessionEditor.open(session_file)
    editor.add_note("overall", "USB-tikku irrotettiin")
    aside = tmp_path / "unplugged"
    session_file.parent.rename(aside)
    with pytest.raises(SaveError) as caught:
        editor.save()
    assert caught.value.errno == errno.ENOENT
    assert t(reason_key(errno.ENOENT), "fi") in describe_save_error(caught.value, "fi")
    assert not session_file.parent.exists(), "the save must not recreate an unplugged folder"
    assert any(n.text == "USB-tikku irrotettiin" for n in editor.step("overall").notes)
    aside.rename(session_file.parent)  # plugged back in, the file as it was
    editor.save()
    assert "USB-tikku irrotettiin" in session_file.read_text("utf-8")


def test_saving_into_a_vanished_folder_names_it(tmp_path: Path) -> None:
    session = storage.load_session(EXAMPLE)
    target = tmp_path / "gone" / "round.toml"
    with pytest.raises(SaveError) as caught:
        storage.save_session(session, target)
    assert caught.value.errno == errno.ENOENT
    message = describe_save_error(caught.value, "fi")
    assert str(target) in message
    assert not target.parent.exists()
