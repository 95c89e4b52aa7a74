"""Every door exports the same minutes: the user's templates and one language rule."""

from __future__ import annotations

from pathlib import Path

import pytest

import kumppani
from kumppani.minutes.export import export_minutes, minutes_path, write_minutes
from kumppani.storage.files import load_session
from tests.support.examples import EXAMPLES, FIRST

EXAMPLE = EXAMPLES / FIRST
BUILTIN = Path(kumppani.__file__).parent / "templates" / "partnership.toml"


@pytest.fixture
def own_step_name(kumppani_dirs: object) -> str:
    """The user's own copy of the built-in template, with step 1 renamed."""
    from kumppani.settings import paths

    text = BUILTIN.read_text("utf-8")
    folder = paths.user_templates_dir()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "partnership.toml").write_text(
        text.replace("Yhteinen kokonaiskuva", "Oma kokonaiskuva"), "utf-8"
    )
    return "Oma kokonaiskuva"


def test_step_names_come_from_the_users_templates(own_step_name: str) -> None:
    assert own_step_name in export_minutes(load_session(EXAMPLE))


def test_the_language_asked_for_else_the_sessions_own() -> None:
    session = load_session(EXAMPLE)
    assert session.language == "fi"
    assert export_minutes(session) == export_minutes(session, "fi")
    assert export_minutes(session, None) != export_minutes(session, "en")
    session.language = "sv"
    assert export_minutes(session) == export_minutes(session, "sv")


def test_written_beside_the_session_file(tmp_path: Path) -> None:
    session = load_session(EXAMPLE)
    target = minutes_path(tmp_path / "a.toml")
    assert target == tmp_path / "a.md"
    write_minutes(session, target, anonymize=True)
    assert target.read_text("utf-8") == export_minutes(session, anonymize=True)
