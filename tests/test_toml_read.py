"""One place turns a TOML syntax error into a reason, a line and a column."""

from __future__ import annotations

import pytest

from kumppani.toml import read as tomlread


def problem(text: str) -> tomlread.SyntaxProblem:
    with pytest.raises(tomlread.TOMLDecodeError) as caught:
        tomlread.loads(text)
    return tomlread.syntax_problem(caught.value, text)


def test_the_position_is_taken_out_of_the_reason() -> None:
    found = problem("a = 1\nb = = 2\n")
    assert (found.line, found.column) == (2, 5)
    assert found.reason and "line" not in found.reason


def test_an_error_at_the_end_points_at_the_last_character() -> None:
    found = problem('a = 1\nb = "open\n\n')
    assert found.line is not None and found.column is not None


def test_a_text_cut_short_after_a_key_is_placed_at_its_end() -> None:
    found = problem("a = 1\ntitle =")
    assert (found.reason, found.line, found.column) == ("Invalid value", 2, 8)
