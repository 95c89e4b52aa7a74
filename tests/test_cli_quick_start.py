"""A plain start (``kumppani``, ``--dir``, a session file) skips the full parser but means the same.

The quick path exists for start-up time; what a user notices is that the
app opens on the same folder, file and language as before, and that anything
else (commands, help, bad values) still gets the full parser's answers.
"""

from __future__ import annotations

import pytest

from kumppani.cli.main import _quick_args, _with_open_command, build_parser
from tests.support.examples import EXAMPLES, FIRST

EXAMPLE = EXAMPLES / FIRST


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["--dir", "sessions"],
        ["--lang", "sv"],
        ["--dir", "x", "--lang", "en", "--config", "c.toml"],
        [str(EXAMPLE)],
        ["--dir", "sessions", str(EXAMPLE), "--lang", "en"],
    ],
)
def test_a_plain_start_reads_as_the_full_parser_reads_it(argv: list[str]) -> None:
    quick = _quick_args(argv)
    assert quick is not None
    full = build_parser("fi").parse_args(_with_open_command(argv))
    assert vars(quick) == vars(full)


@pytest.mark.parametrize(
    "argv",
    [
        ["--help"],
        ["--version"],
        ["list"],
        ["export", str(EXAMPLE)],
        ["--lang", "de"],
        ["--dir"],
        ["--dir=sessions"],
        ["missing.toml"],
        [str(EXAMPLE), str(EXAMPLE)],
        ["--dir", "--lang"],
    ],
)
def test_anything_else_goes_to_the_full_parser(argv: list[str]) -> None:
    assert _quick_args(argv) is None
