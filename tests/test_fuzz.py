"""Broken session files: one clear error each (or a clean load); none crashes or changes."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from kumppani.editing.editor import SessionEditor
from kumppani.errors import SessionFileError
from kumppani.session.model import Session
from kumppani.storage.files import load_session
from tests.support.examples import EXAMPLES, FIRST

EXAMPLE = EXAMPLES / FIRST
ORIGINAL = EXAMPLE.read_bytes()


def outcome(path: Path) -> Session | SessionFileError:
    """Read ``path`` as the app opens it for editing: a session or the located error.

    Any other exception fails the test; the file must be byte for byte and
    time for time what it was.
    """
    before = path.read_bytes(), path.stat().st_mtime_ns
    try:
        result: Session | SessionFileError = SessionEditor.open(path).session
    except SessionFileError as error:
        assert error.path == path
        assert error.describe().startswith(str(path))
        assert "\n" not in error.describe()[:300].split(": ", 1)[0]
        result = error
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before, "the file was changed"
    return result


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    return tmp_path / "broken.toml"


def test_a_file_cut_short_anywhere_is_an_error_never_a_shorter_session(broken: Path) -> None:
    full = load_session(EXAMPLE)
    step = max(1, len(ORIGINAL) // 400)
    cuts = [*range(0, len(ORIGINAL), step), *range(len(ORIGINAL) - 64, len(ORIGINAL))]
    for cut in cuts:
        broken.write_bytes(ORIGINAL[:cut])
        result = outcome(broken)
        if isinstance(result, Session):  # only the last line break may go
            assert ORIGINAL[cut:].strip() == b"", cut
            assert result == full
        elif cut > 200:
            assert result.line is not None or result.field is not None, result.describe()


def test_flipped_bits_give_an_error_or_a_valid_session(broken: Path) -> None:
    chance = random.Random(20261123)
    for _ in range(300):
        data = bytearray(ORIGINAL)
        for _ in range(chance.randint(1, 3)):
            data[chance.randrange(len(data))] ^= 1 << chance.randrange(8)
        broken.write_bytes(bytes(data))
        outcome(broken)


def test_garbage_gives_an_error(broken: Path) -> None:
    chance = random.Random(5)
    for size in (1, 7, 100, 4096, 100_000):
        broken.write_bytes(bytes(chance.randrange(256) for _ in range(size)))
        assert isinstance(outcome(broken), SessionFileError)
    for text in ("", "\n", "[end]\n", "format = 1\n", "= = =", "[[steps]]\n" * 50):
        broken.write_text(text, "utf-8")
        assert isinstance(outcome(broken), SessionFileError)


def test_a_byte_order_mark_is_a_clear_error_or_read_as_text(broken: Path) -> None:
    broken.write_bytes(b"\xef\xbb\xbf" + ORIGINAL)
    result = outcome(broken)
    if isinstance(result, SessionFileError):
        assert result.line == 1 and result.column == 1
    else:
        assert result == load_session(EXAMPLE)


def test_text_not_in_utf8_names_the_line_and_column(broken: Path) -> None:
    text = ORIGINAL.decode("utf-8")
    broken.write_bytes(text.encode("latin-1", errors="replace"))
    result = outcome(broken)
    assert isinstance(result, SessionFileError)
    assert "UTF-8" in result.message and result.line is not None and result.column is not None
    first = next(n for n, line in enumerate(text.splitlines(), 1) if not line.isascii())
    assert result.line == first


def test_deep_nesting_is_an_error_not_a_recursion_traceback(broken: Path) -> None:
    for depth in (1_000, 100_000):
        broken.write_bytes(ORIGINAL + b"deep = " + b"[" * depth + b"]" * depth + b"\n")
        assert isinstance(outcome(broken), SessionFileError)
        broken.write_bytes(
            ORIGINAL.replace(
                b"[end]", b"deep = " + b"{ a = " * depth + b"1" + b" }" * depth + b"\n[end]"
            )
        )
        assert isinstance(outcome(broken), SessionFileError)


def test_a_huge_file_loads_or_fails_clearly(broken: Path) -> None:
    huge_note = (
        b'[[steps.overall.notes]]\ntext = "' + b"x" * 20_000_000 + b'"\nkind = "observation"\n'
    )
    broken.write_bytes(ORIGINAL.replace(b"[steps.situation]", huge_note + b"[steps.situation]", 1))
    result = outcome(broken)
    if isinstance(result, Session):
        assert any(len(note.text) == 20_000_000 for note in result.step("overall").notes)
