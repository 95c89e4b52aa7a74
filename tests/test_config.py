"""The config file: optional, every setting checked, every problem one located line."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from kumppani.errors import ConfigError
from kumppani.settings.config import KNOWN_KEYS, Config, load_config

if TYPE_CHECKING:
    from tests.support.dirs import KumppaniDirs


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def problem(tmp_path: Path, text: str) -> ConfigError:
    path = write(tmp_path / "config.toml", text)
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    error = caught.value
    assert error.path == path
    assert "\n" not in error.describe()
    return error


def test_no_file_means_the_defaults(kumppani_dirs: KumppaniDirs) -> None:
    assert not kumppani_dirs.config_file.exists()
    config = load_config()
    assert config == Config()
    assert config.language == "fi"
    assert config.sessions_dir is None
    assert config.parties == ("state", "city", "other")
    assert config.theme == "kumppani-dark"
    assert config.bell is True
    assert config.autosave_seconds == 1.0


def test_the_default_file_is_read(kumppani_dirs: KumppaniDirs) -> None:
    write(kumppani_dirs.config_file, 'language = "sv"\n')
    assert load_config().language == "sv"


def test_every_setting(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    path = write(
        tmp_path / "config.toml",
        """
        language = "en"
        sessions_dir = "~/Kumppanuus/istunnot"
        parties = ["state", "city", "region", "other"]
        theme = "kumppani-contrast"
        bell = false
        keep_attribution = false
        autosave_seconds = 2.5

        [party_labels.region]
        fi = "Maakunta"
        sv = "Landskap"
        """,
    )
    config = load_config(path)
    assert config.language == "en"
    assert config.sessions_dir == tmp_path / "home" / "Kumppanuus" / "istunnot"
    assert config.parties == ("state", "city", "region", "other")
    assert config.party_labels == {"region": {"fi": "Maakunta", "sv": "Landskap"}}
    assert config.theme == "kumppani-contrast"
    assert config.bell is False
    assert config.keep_attribution is False
    assert config.autosave_seconds == 2.5
    assert config.source == path


def test_a_relative_sessions_dir_is_taken_from_the_config_folder(tmp_path: Path) -> None:
    path = write(tmp_path / "conf" / "config.toml", 'sessions_dir = "istunnot"\n')
    assert load_config(path).sessions_dir == tmp_path / "conf" / "istunnot"


def test_party_labels() -> None:
    config = Config(
        parties=("state", "city", "region", "union"),
        party_labels={"region": {"fi": "Maakunta", "en": "Region"}},
    )
    assert config.party_label("state", "fi") == "Valtio"
    assert config.party_label("city", "sv") == "Staden"
    assert config.party_label("region", "en") == "Region"
    assert config.party_label("region", "sv") == "Maakunta"  # Finnish when Swedish is missing
    assert config.party_label("union", "fi") == "union"  # no label: the key itself


def test_a_syntax_error_names_line_and_column(tmp_path: Path) -> None:
    error = problem(tmp_path, 'language = "fi"\nbell = yes\n')
    assert error.line == 2 and error.column is not None
    assert error.describe().startswith(f"{tmp_path / 'config.toml'}:2:")
    assert "not valid TOML" in error.describe()
    assert "(at line" not in error.describe()


def test_an_unknown_key_lists_the_known_ones(tmp_path: Path) -> None:
    error = problem(tmp_path, 'language = "fi"\n\ncolour = "blue"\n')
    assert error.line == 3
    assert error.field == "colour"
    for key in KNOWN_KEYS:
        assert key in error.describe()


@pytest.mark.parametrize(
    ("text", "field", "line", "expected"),
    [
        ('\nlanguage = "de"\n', "language", 2, '"fi", "sv", "en"'),
        ("language = 1\n", "language", 1, '"fi"'),
        ("sessions_dir = 3\n", "sessions_dir", 1, "folder"),
        ('sessions_dir = ""\n', "sessions_dir", 1, "folder"),
        ("parties = []\n", "parties", 1, "non-empty list"),
        ('parties = "state"\n', "parties", 1, "list"),
        ('parties = ["state", "state"]\n', "parties[1]", 1, "each party once"),
        ('parties = ["State Office"]\n', "parties[0]", 1, "lower-case key"),
        ('[party_labels.region]\nfi = "Maakunta"\n', "party_labels.region", 1, "state, city"),
        ('parties = ["state", "r"]\n[party_labels.r]\nde = "x"\n', "party_labels.r.de", 3, "fi"),
        ('parties = ["state", "r"]\n[party_labels.r]\nfi = ""\n', "party_labels.r.fi", 3, "string"),
        ('parties = ["state", "r"]\nparty_labels = { r = "x" }\n', "party_labels.r", 2, "table"),
        ('theme = ""\n', "theme", 1, "theme name"),
        ('bell = "yes"\n', "bell", 1, "true or false"),
        ("keep_attribution = 1\n", "keep_attribution", 1, "true or false"),
        ("autosave_seconds = 0\n", "autosave_seconds", 1, "from 0.1 to 600"),
        ("autosave_seconds = true\n", "autosave_seconds", 1, "number of seconds"),
        ("autosave_seconds = nan\n", "autosave_seconds", 1, "number of seconds"),
        ('autosave_seconds = "1"\n', "autosave_seconds", 1, "number of seconds"),
    ],
)
def test_a_wrong_value_is_located(
    tmp_path: Path, text: str, field: str, line: int | None, expected: str
) -> None:
    error = problem(tmp_path, text)
    assert error.field == field
    assert error.line == line
    assert expected in (error.expected or "")


def test_an_explicit_file_must_exist(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="does not exist"):
        load_config(tmp_path / "missing.toml")


def test_a_file_that_is_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_bytes(b'language = "fi"\ntheme = "\xff"\n')
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert caught.value.line == 2
    assert "UTF-8" in caught.value.describe()


def test_the_readme_examples_are_valid(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Configuration", 1)[1].split("\n## ", 1)[0]
    blocks = [block.split("```", 1)[0] for block in section.split("```toml\n")[1:]]
    assert len(blocks) == 3
    first = load_config(write(tmp_path / "first.toml", blocks[0]))
    assert first.party_label("region", "sv") == "Välfärdsområde"
    assert first.sessions_dir == tmp_path / "Kumppanuuspöydät"
    assert load_config(write(tmp_path / "second.toml", blocks[1])) == Config()
    # The bodies' example goes at the end of the first (it needs its party "region").
    third = load_config(write(tmp_path / "third.toml", blocks[0] + blocks[2]))
    assert third.body_directory().parties(["Pirha"]) == ["region"]


def test_an_unknown_theme_stops_kumppani_with_one_line(tmp_path: Path) -> None:
    error = problem(tmp_path, 'language = "fi"\ntheme = "nope"\n')
    assert (error.line, error.field) == (2, "theme")
    assert "nope" in error.describe() and "kumppani-light" in error.describe()


def test_the_known_themes_are_those_the_interface_has() -> None:
    # The config is read without loading Textual, so it keeps its own list of theme names.
    from textual.theme import BUILTIN_THEMES

    from kumppani.settings.config import THEMES
    from kumppani.tui.themes import THEMES as OWN_THEMES

    assert set(THEMES) == set(BUILTIN_THEMES) | {theme.name for theme in OWN_THEMES}
