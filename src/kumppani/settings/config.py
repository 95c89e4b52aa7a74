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

from kumppani.errors import ConfigError, Message, Words, is_, kind_of, read_problem
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
    "kumppani-dark",
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
    theme: str = "kumppani-dark"
    """A Textual theme name, or ``kumppani-dark`` / ``-light`` / ``-contrast`` (``tui.themes``)."""
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


def _kind(value: object) -> Words:
    """How a TOML value is described in an error: its type and, if short, the value.

    A number is given as itself, so that it is written as the user's language
    writes numbers (``0,05`` in Finnish); a text or a truth value as TOML writes it.
    """
    name = kind_of(value)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return Message("problem.kind_and_value", kind=name, value=value)
    if isinstance(value, bool | str) and len(shown := repr(value)) <= 40:
        return Message("problem.kind_and_value", kind=name, value=shown)
    return name


class _Reader:
    """One config document and the text it came from, for locating errors."""

    def __init__(self, path: Path, text: str, document: dict[str, Any]) -> None:
        self.path = path
        self.text = text
        self.document = document

    def fail(self, key: str, message: Words, expected: Words | None = None) -> NoReturn:
        # Imported here: the file format package is not needed to start the app.
        from kumppani.toml.locate import find_line

        raise ConfigError(
            self.path,
            message,
            line=find_line(self.text, key),
            field=key,
            expected=expected,
        )

    def wrong(self, key: str, value: object, expected: Words) -> NoReturn:
        self.fail(key, is_(_kind(value)), expected)

    def language(self) -> str:
        value = self.document["language"]
        if value not in LANGUAGES:
            one_of = ", ".join(f'"{code}"' for code in LANGUAGES)
            self.wrong("language", value, Message("expected.one_of", choices=one_of))
        return str(value)

    def sessions_dir(self) -> Path:
        value = self.document["sessions_dir"]
        if not isinstance(value, str) or not value.strip():
            self.wrong("sessions_dir", value, Message("expected.folder_setting"))
        folder = Path(value.strip()).expanduser()
        # A relative folder is taken from where the config file is, not from wherever
        # kumppani happens to be started.
        return folder if folder.is_absolute() else self.path.parent / folder

    def parties(self) -> tuple[str, ...]:
        value = self.document["parties"]
        expected = Message("expected.party_list")
        if not isinstance(value, list) or not value:
            self.wrong("parties", value, expected)
        seen: list[str] = []
        for index, item in enumerate(value):
            where = f"parties[{index}]"
            if not isinstance(item, str) or not _PARTY_KEY.match(item):
                self.wrong(where, item, Message("expected.party_key"))
            if item in seen:
                repeated = Message("problem.repeated_party", party=repr(item))
                self.fail(where, repeated, Message("expected.each_party_once"))
            seen.append(item)
        return tuple(seen)

    def party_labels(self, parties: tuple[str, ...]) -> dict[str, dict[str, str]]:
        value = self.document["party_labels"]
        if not isinstance(value, dict):
            self.wrong("party_labels", value, Message("expected.party_labels"))
        labels: dict[str, dict[str, str]] = {}
        for party, table in value.items():
            where = f"party_labels.{party}"
            if party not in parties:
                self.fail(
                    where,
                    Message("problem.unknown_party", party=repr(party)),
                    Message("expected.one_of", choices=", ".join(parties)),
                )
            if not isinstance(table, dict):
                self.wrong(where, table, Message("expected.label_table"))
            labels[party] = {}
            for language, label in table.items():
                if language not in LANGUAGES:
                    self.fail(
                        f"{where}.{language}",
                        Message("problem.unknown_language", language=repr(language)),
                        Message("expected.one_of", choices=", ".join(LANGUAGES)),
                    )
                if not isinstance(label, str) or not label.strip():
                    self.wrong(f"{where}.{language}", label, Message("expected.non_empty"))
                labels[party][language] = label.strip()
        return labels

    def theme(self) -> str:
        value = self.document["theme"]
        if not isinstance(value, str) or not value.strip():
            self.wrong("theme", value, Message("expected.theme"))
        if value.strip() not in THEMES:
            self.fail(
                "theme",
                Message("problem.unknown_theme", theme=repr(value)),
                Message("expected.one_of", choices=", ".join(THEMES)),
            )
        return value.strip()

    def flag(self, key: str) -> bool:
        value = self.document[key]
        if not isinstance(value, bool):
            self.wrong(key, value, Message("type.bool"))
        return value

    def autosave_seconds(self) -> float:
        value = self.document["autosave_seconds"]
        low, high = AUTOSAVE_RANGE
        expected = Message("expected.seconds", low=low, high=high)
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.wrong("autosave_seconds", value, expected)
        if not math.isfinite(value) or not low <= value <= high:
            self.wrong("autosave_seconds", value, expected)
        return float(value)

    def max_file_mb(self) -> float:
        value = self.document["max_file_mb"]
        low, high = MAX_FILE_MB_RANGE
        expected = Message("expected.megabytes", low=low, high=high)
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.wrong("max_file_mb", value, expected)
        if not math.isfinite(value) or not low <= value <= high:
            self.wrong("max_file_mb", value, expected)
        return float(value)

    def config(self) -> Config:
        unknown = [key for key in self.document if key not in KNOWN_KEYS]
        if unknown:
            self.fail(
                unknown[0],
                Message("problem.unknown_setting"),
                Message("expected.one_of", choices=", ".join(KNOWN_KEYS)),
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
        # Imported here: only a broken config needs the parser's words.
        from kumppani.toml.problems import toml_problem

        message, line, column = toml_problem(error, text)
        syntax = Message("expected.toml_syntax")
        raise ConfigError(path, message, line=line, column=column, expected=syntax) from None
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
            missing = Message("problem.no_such_file")
            raise ConfigError(path, missing, expected=Message("expected.config_file")) from None
        return Config()
    except OSError as error:
        raise ConfigError(path, read_problem(error)) from None
    try:
        text = text_of(data)
    except UnicodeDecodeError as error:
        before = data[: error.start]
        line = before.count(b"\n") + 1
        not_utf8, utf8 = Message("problem.not_utf8"), Message("expected.utf8")
        raise ConfigError(path, not_utf8, line=line, expected=utf8) from None
    return parse_config(text, path)
