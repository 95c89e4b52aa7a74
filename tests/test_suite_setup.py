"""The test suite itself: the same answer on every run, and nothing shared between workers."""

from __future__ import annotations

import os
import re

import pytest
from hypothesis import settings

from tests.support.examples import ROOT


@pytest.mark.skipif(
    os.environ.get("HYPOTHESIS_PROFILE", "ci") != "ci", reason="another profile was chosen"
)
def test_the_default_hypothesis_profile_gives_the_same_examples_every_run() -> None:
    current = settings.default
    assert current.derandomize
    assert current.database is None
    assert current.deadline is None
    assert current.max_examples <= 100


def test_no_test_uses_a_fixed_temporary_folder() -> None:
    """Parallel workers (pytest-xdist) and other people's runs would share it."""
    fixed = re.compile(r"""["'](/tmp|/var/tmp)\b""")
    found = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in sorted((ROOT / "tests").rglob("*.py"))
        for number, line in enumerate(path.read_text("utf-8").splitlines(), 1)
        if fixed.search(line)
    ]
    assert found == []
