"""Why the system refused is said in the user's language (``errors.os_reason``).

Python's ``strerror`` is English ("No such file or directory", "Permission
denied" …) whatever the interface language; every place an OSError's reason
reaches a user goes through ``os_reason``, which says the error numbers people
meet from the catalogs and keeps the system's words only for the others.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from kumppani.errors import OS_REASONS, Message, SaveError, WordedOSError, os_reason, render
from kumppani.settings.config import Config
from kumppani.storage import locks
from kumppani.storage.save_errors import describe_save_error
from kumppani.text.i18n import LANGUAGES, Translator, catalog, t
from kumppani.tui import theme_setting
from tests.support.language import english_in

MET = ("ENOENT", "EACCES", "EPERM", "ENOSPC", "EROFS", "EISDIR", "EEXIST", "ENOTDIR", "EIO")
"""The reasons people meet most, each with its English ``strerror``."""


def numbers(names: tuple[str, ...] | frozenset[str]) -> list[int]:
    return sorted({getattr(errno, name) for name in names if hasattr(errno, name)})


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_reason_named_is_in_the_catalog(language: str) -> None:
    entries = catalog(language)
    assert sorted(name for name in OS_REASONS if f"os_error.{name.lower()}" not in entries) == []


@pytest.mark.parametrize("language", ["fi", "sv"])
@pytest.mark.parametrize("number", numbers(OS_REASONS))
def test_a_known_error_number_is_said_in_the_language(language: str, number: int) -> None:
    english = os.strerror(number)
    said = render(os_reason(OSError(number, english, "x.toml")), language)
    assert english not in said
    assert said and english_in(said) == []
    assert said != render(os_reason(OSError(number, english)), "en") or language == "en"


def test_the_english_says_it_too() -> None:
    assert render(os_reason(FileNotFoundError(errno.ENOENT, "x")), "en") == "no such file or folder"
    assert render(os_reason(PermissionError(errno.EACCES, "x")), "fi") == "käyttöoikeus puuttuu"
    assert render(os_reason(OSError(errno.EROFS, "x")), "sv") == "disken är skrivskyddad"


def test_an_unknown_error_number_keeps_the_systems_words() -> None:
    assert os_reason(OSError(errno.ECHILD, "No child processes")) == "No child processes"
    assert os_reason(OSError("just words")) == "just words"
    assert os_reason(OSError()) == "OSError"


def test_kumppanis_own_os_errors_carry_their_words() -> None:
    words = Message("problem.not_regular_file", kind=Message("file_kind.fifo"))
    error = WordedOSError(errno.EINVAL, words, "pipe.toml")
    assert os_reason(error) == words
    assert error.strerror == "is a named pipe (FIFO), not a regular file"
    assert render(os_reason(error), "fi") == "on nimetty putki (FIFO), ei tavallinen tiedosto"


@pytest.mark.parametrize("language", ["fi", "sv"])
@pytest.mark.parametrize("number", [*numbers(MET), errno.ECHILD])
def test_a_failed_save_says_the_reason_in_the_language(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, language: str, number: int
) -> None:
    from kumppani.storage.files import write_atomic

    def refuse(fd: int) -> None:
        raise OSError(number, os.strerror(number))

    monkeypatch.setattr(os, "fsync", refuse)
    with pytest.raises(SaveError) as caught:
        write_atomic(tmp_path / "s.toml", b"x")
    said = describe_save_error(caught.value, language)
    assert (os.strerror(number) in said) == (number == errno.ECHILD)  # unknown: the OS's words
    assert english_in(said.replace(os.strerror(errno.ECHILD), "")) == []


@pytest.mark.parametrize("number", numbers(tuple(name for name in MET if name != "EEXIST")))
def test_a_lock_refused_says_why_in_the_language(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, number: int
) -> None:
    def refuse(*args: object, **kwargs: object) -> int:
        raise OSError(number, os.strerror(number))

    monkeypatch.setattr(locks.os, "open", refuse)
    with pytest.raises(locks.LockError) as caught:
        locks.acquire(tmp_path / "s.toml")
    said = caught.value.describe("fi")
    assert os.strerror(number) not in said
    assert said.endswith(t(f"os_error.{errno.errorcode[number].lower()}", "fi"))


@pytest.mark.parametrize("number", numbers(MET))
def test_a_theme_not_saved_says_why_in_the_language(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, number: int
) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError(number, os.strerror(number))

    monkeypatch.setattr(theme_setting, "write_atomic", refuse)
    notices: list[str] = []
    app: Any = SimpleNamespace(theme="nord", notify=lambda text, **_: notices.append(text))
    config = Config(source=tmp_path / "config.toml")
    theme_setting.remember_theme_of(app, config, Translator("sv"))
    assert len(notices) == 1 and os.strerror(number) not in notices[0]
    assert english_in(notices[0]) == []


def test_a_theme_not_saved_to_broken_toml_says_why_in_the_language(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text("theme = \n", "utf-8")
    notices: list[str] = []
    app: Any = SimpleNamespace(theme="nord", notify=lambda text, **_: notices.append(text))
    theme_setting.remember_theme_of(app, Config(source=path), Translator("fi"))
    assert len(notices) == 1 and "Invalid" not in notices[0]
    assert "config.toml:1:" in notices[0] and english_in(notices[0]) == []
