"""Every catalog key the code names exists, so no user ever sees a bare key.

``test_i18n`` makes sure fi, sv and en hold the same keys; this finds a key
a module names literally that no catalog has: the user would see the key itself.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import kumppani
from kumppani.text.i18n import LANGUAGES, catalog

SOURCE = Path(kumppani.__file__).parent
_CALL = re.compile(
    r"(?<![\w.])(?:t|_|say|translate|Message|self\.t|self\._|self\.translate|context\.t"
    r"|app\.translate|plural)\(\s*\"([a-z][a-z0-9_]*(?:\.[a-z0-9_-]+)+)\""
)


def named_keys() -> dict[str, str]:
    """Each literal key the source passes to a lookup, and the first file naming it."""
    found: dict[str, str] = {}
    for path in sorted(SOURCE.rglob("*.py")):
        for key in _CALL.findall(path.read_text("utf-8")):
            found.setdefault(key, str(path.relative_to(SOURCE)))
    return found


def test_the_scan_finds_the_keys() -> None:
    assert len(named_keys()) > 300


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_named_key_is_in_the_catalog(language: str) -> None:
    entries = catalog(language)
    missing = {
        key: where
        for key, where in named_keys().items()
        if key not in entries and f"{key}.one" not in entries
    }
    assert missing == {}
