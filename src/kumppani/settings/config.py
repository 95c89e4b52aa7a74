"""Provides the user's settings: ``config.toml`` read, checked and turned into a ``Config``.

The file is optional; every setting has a default. A file that is not valid
TOML, has a key this version does not know, or a value of the wrong kind is
refused with a ``ConfigError`` that names the file, the line, the key and what
was expected, rather than being half applied.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NoReturn

from kumppani.errors import ConfigError
from kumppani.session.bodies import Body, BodyDirectory
from kumppani.session.vocabulary import DEFAULT_PARTIES
from kumppani.settings import bodies as body_list
from kumppani.settings import paths
from kumppani.text.i18n import LANGUAGES, t
from kumppani.toml import read as tomlread
from kumppani.toml.source import DEFAULT_LIMIT_MB, read_source, text_of

_PARTY_KEY = re.compile(r"^[a-z][a-z0-9_-]*$")

AUTOSAVE_RANGE = (0.1, 600.0)
"""The shortest and the longest autosave delay accepted, in seconds."""

THEMES: tuple[str, ...] = (
    "textual-dark",
    "textual-light",
    "kumppani-light",
    "kumppani-contrast",
    *("ansi-dark", "ansi-light", "atom-one-dark", "atom-one-light", "catppuccin-frappe"),
    *("catppuccin-latte", "catppuccin-macchiato", "catppuccin-mocha", "dracula", "flexoki"),
    *("gruvbox", "monokai", "nord", "rose-pine", "rose-pine-dawn", "rose-pine-moon"),
    *("solarized-dark", "solarized-light", "tokyo-night"),
)
"""The theme names the interface knows: kumppani's own and Textual's built-in ones (a test
keeps this list equal to what the installed Textual offers)."""


@dataclass
class Config:
    """The user's settings; the defaults are what a missing ``config.toml`` means."""

    language: str = "fi"
    """The language of the interface and of new sessions: ``fi``, ``sv`` or ``en``."""
    sessions_dir: Path | None = None
    """The sessions folder; None means ``paths.default_sessions_dir()``."""
    parties: tuple[str, ...] = DEFAULT_PARTIES
    """The parties offered at the table, in the order they are shown."""
    party_labels: dict[str, dict[str, str]] = field(default_factory=dict)
    """Labels of custom parties: party key → language → label."""
    theme: str = "textual-dark"
    """A Textual theme name, or ``kumppani-light`` / ``kumppani-contrast``."""
    bell: bool = True
    """Ring the terminal bell when a step's time is up."""
    keep_attribution: bool = True
    """Keep the next note's speaker, party and kind after each note (False: back to none)."""
    autosave_seconds: float = 1.0
    """How long after the last change the session is saved."""
    max_file_mb: float = DEFAULT_LIMIT_MB
    """The largest session, template or settings file read, in MB (stops runaway reads)."""
    bodies: tuple[Body, ...] = ()
    """Responsible bodies of the config file (``[bodies.NAME]``), over the built-in list."""
    source: Path | None = field(default=None, compare=False)
    """The file these settings were read from, None for the defaults."""

    def party_label(self, key: str, language: str) -> str:
        """The label of a party: the catalog's for built-ins, the config's, else the key."""
        if key in DEFAULT_PARTIES:
            return t(f"party.{key}", language)
        labels = self.party_labels.get(key, {})
        return labels.get(language) or labels.get("fi") or next(iter(labels.values()), key)

    def body_directory(self) -> BodyDirectory:
        """The responsible bodies known: the config's, then the built-in ones."""
        return body_list.directory(self.bodies)


KNOWN_KEYS: tuple[str, ...] = (
    "language",
    "sessions_dir",
    "parties",
    "party_labels",
    "theme",
    "bell",
    "keep_attribution",
    "autosave_seconds",
    "max_file_mb",
    "bodies",
)
MAX_FILE_MB_RANGE = (1.0, 100_000.0)


def _kind(value: object) -> str:
    """How a TOML value is described in an error: its type and, if short, the value."""
    names = {bool: "a boolean", int: "an integer", float: "a number", str: "a string"}
    name = names.get(type(value))
    if name is not None:
        shown = repr(value)
        return f"{name} ({shown})" if len(shown) <= 40 else name
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a table"
    return f"a {type(value).__name__}"


class _Reader:
    """One config document and the text it came from, for locating errors."""

    def __init__(self, path: Path, text: str, document: dict[str, Any]) -> None:
        self.path = path
        self.text = text
        self.document = document

    def fail(self, key: str, message: str, expected: str | None = None) -> NoReturn:
        # Imported here: the file format package is not needed to start the app.
        from kumppani.toml.locate import find_line

        raise ConfigError(
            self.path,
            message,
            line=find_line(self.text, key),
            field=key,
            expected=expected,
        )

    def wrong(self, key: str, value: object, expected: str) -> NoReturn:
        self.fail(key, f"is {_kind(value)}", expected)

    def language(self) -> str:
        value = self.document["language"]
        if value not in LANGUAGES:
            self.wrong("language", value, "one of " + ", ".join(f'"{code}"' for code in LANGUAGES))
        return str(value)

    def sessions_dir(self) -> Path:
        value = self.document["sessions_dir"]
        if not isinstance(value, str) or not value.strip():
            self.wrong("sessions_dir", value, "a folder path as a string, e.g. '~/kumppani'")
        folder = Path(value.strip()).expanduser()
        # A relative folder is taken from where the config file is, not from wherever
        # kumppani happens to be started.
        return folder if folder.is_absolute() else self.path.parent / folder

    def parties(self) -> tuple[str, ...]:
        value = self.document["parties"]
        expected = 'a non-empty list of party keys, e.g. ["state", "city", "other"]'
        if not isinstance(value, list) or not value:
            self.wrong("parties", value, expected)
        seen: list[str] = []
        for index, item in enumerate(value):
            where = f"parties[{index}]"
            if not isinstance(item, str) or not _PARTY_KEY.match(item):
                self.wrong(where, item, "a lower-case key: letters a-z, digits, '_' or '-'")
            if item in seen:
                self.fail(where, f"repeats the party {item!r}", "each party once")
            seen.append(item)
        return tuple(seen)

    def party_labels(self, parties: tuple[str, ...]) -> dict[str, dict[str, str]]:
        value = self.document["party_labels"]
        if not isinstance(value, dict):
            self.wrong(
                "party_labels", value, 'a table such as [party_labels.region] fi = "Maakunta"'
            )
        labels: dict[str, dict[str, str]] = {}
        for party, table in value.items():
            where = f"party_labels.{party}"
            if party not in parties:
                self.fail(
                    where,
                    f"names the party {party!r}, which is not in 'parties'",
                    "one of " + ", ".join(parties),
                )
            if not isinstance(table, dict):
                self.wrong(where, table, 'a table of labels by language, e.g. fi = "Maakunta"')
            labels[party] = {}
            for language, label in table.items():
                if language not in LANGUAGES:
                    self.fail(
                        f"{where}.{language}",
                        f"is for the language {language!r}",
                        "one of " + ", ".join(LANGUAGES),
                    )
                if not isinstance(label, str) or not label.strip():
                    self.wrong(f"{where}.{language}", label, "a non-empty string")
                labels[party][language] = label.strip()
        return labels

    def theme(self) -> str:
        value = self.document["theme"]
        if not isinstance(value, str) or not value.strip():
            self.wrong("theme", value, 'a theme name such as "textual-dark" or "kumppani-light"')
        if value.strip() not in THEMES:
            self.fail(
                "theme", f"is {value!r}, not a theme kumppani knows", "one of " + ", ".join(THEMES)
            )
        return value.strip()

    def flag(self, key: str) -> bool:
        value = self.document[key]
        if not isinstance(value, bool):
            self.wrong(key, value, "true or false")
        return value

    def autosave_seconds(self) -> float:
        value = self.document["autosave_seconds"]
        low, high = AUTOSAVE_RANGE
        expected = f"a number of seconds from {low:g} to {high:g}"
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.wrong("autosave_seconds", value, expected)
        if not math.isfinite(value) or not low <= value <= high:
            self.wrong("autosave_seconds", value, expected)
        return float(value)

    def max_file_mb(self) -> float:
        value = self.document["max_file_mb"]
        low, high = MAX_FILE_MB_RANGE
        expected = f"a number of megabytes from {low:g} to {high:g}"
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.wrong("max_file_mb", value, expected)
        if not math.isfinite(value) or not low <= value <= high:
            self.wrong("max_file_mb", value, expected)
        return float(value)

    def config(self) -> Config:
        unknown = [key for key in self.document if key not in KNOWN_KEYS]
        if unknown:
            self.fail(
                unknown[0], "is not a setting kumppani knows", "one of " + ", ".join(KNOWN_KEYS)
            )
        config = Config(source=self.path)
        present = self.document.keys()
        if "language" in present:
            config.language = self.language()
        if "sessions_dir" in present:
            config.sessions_dir = self.sessions_dir()
        if "parties" in present:
            config.parties = self.parties()
        if "party_labels" in present:
            config.party_labels = self.party_labels(config.parties)
        if "theme" in present:
            config.theme = self.theme()
        if "bell" in present:
            config.bell = self.flag("bell")
        if "keep_attribution" in present:
            config.keep_attribution = self.flag("keep_attribution")
        if "autosave_seconds" in present:
            config.autosave_seconds = self.autosave_seconds()
        if "max_file_mb" in present:
            config.max_file_mb = self.max_file_mb()
        if "bodies" in present:
            config.bodies = body_list.read_bodies(
                self.document["bodies"], config.parties, self.fail
            )
        return config


def parse_config(text: str, path: Path) -> Config:
    """The settings in ``text``, the contents of the config file ``path``."""
    try:
        document = tomlread.loads(text)
    except tomlread.TOMLDecodeError as error:
        reason, line, column = tomlread.syntax_problem(error, text)
        raise ConfigError(
            path,
            f"not valid TOML: {reason or 'cut short'}",
            line=line,
            column=column,
            expected="TOML syntax",
        ) from None
    return _Reader(path, text, document).config()


def load_config(path: Path | None = None) -> Config:
    """The settings in ``path`` (by default ``paths.config_file()``).

    A missing default file means the defaults; a file given explicitly must
    exist. Any problem raises a ``ConfigError``.
    """
    explicit = path is not None
    path = path if path is not None else paths.config_file()
    try:
        data = read_source(path)
    except FileNotFoundError:
        if explicit:
            raise ConfigError(path, "does not exist", expected="a config.toml file") from None
        return Config()
    except OSError as error:
        raise ConfigError(path, f"cannot be read: {error.strerror or error}") from None
    try:
        text = text_of(data)
    except UnicodeDecodeError as error:
        before = data[: error.start]
        line = before.count(b"\n") + 1
        raise ConfigError(path, "is not UTF-8 text", line=line, expected="a UTF-8 file") from None
    return parse_config(text, path)
