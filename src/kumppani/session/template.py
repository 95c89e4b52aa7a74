"""Provides process templates: the steps, guiding questions and note kinds of a session, as data.

A template is a TOML file (see ``kumppani/templates/partnership.toml`` for the
layout). The built-in ones ship inside the package; a facilitator may add their
own under ``<config dir>/templates/*.toml``, and one with the id of a built-in
template replaces it. Reading is strict: every problem raises one
``TemplateError`` naming the file, the line, the field (``steps[2].questions[0].sv``,
indices from 0) and what was expected. The booklet's eight recipes are read from
``kumppani/templates/recipes.toml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn

from kumppani.errors import Message, TemplateError, Words, is_, kind_of, read_problem
from kumppani.session.vocabulary import NOTE_KINDS, STEP_KEYS
from kumppani.text.i18n import LANGUAGES
from kumppani.toml import read as tomlread
from kumppani.toml.locate import find_line
from kumppani.toml.problems import toml_problem
from kumppani.toml.source import read_source, text_of

DEFAULT_TEMPLATE_ID = "partnership"
RECIPES_FILE = "recipes.toml"
MIN_QUESTIONS, MAX_QUESTIONS = 3, 6
MAX_MINUTES = 600

_ID = re.compile(r"[a-z][a-z0-9_-]*")
_TEMPLATE_KEYS = ("id", "version", "name", "description", "steps")
_STEP_FIELDS = ("key", "minutes", "kinds", "name", "purpose", "questions")
_ID_EXPECTED = Message("expected.template_id")
_RECIPE_FIELDS = ("number", "title", "summary")
_ALL_LANGUAGES = Message("expected.all_languages")


@dataclass(frozen=True)
class LocalText:
    """One text in every supported language."""

    fi: str
    sv: str
    en: str

    def get(self, language: str) -> str:
        """The text in ``language``; Finnish when that language is unknown or empty."""
        texts = {"fi": self.fi, "sv": self.sv, "en": self.en}
        return texts.get(language) or self.fi


@dataclass(frozen=True)
class StepTemplate:
    """One step of the process: its name, purpose, guiding questions, time and note kinds."""

    key: str
    number: int
    name: LocalText
    purpose: LocalText
    questions: tuple[LocalText, ...]
    minutes: int
    kinds: tuple[str, ...]

    @property
    def default_kind(self) -> str:
        """The kind a new note in this step gets unless the facilitator picks another."""
        return self.kinds[0]


@dataclass(frozen=True)
class Template:
    """A whole process template; ``source`` is the file it was read from, if any."""

    id: str
    version: int
    name: LocalText
    description: LocalText
    steps: tuple[StepTemplate, ...]
    source: Path | None = None

    def step(self, key: str) -> StepTemplate:
        """The step with ``key``; KeyError if the template has none."""
        for step in self.steps:
            if step.key == key:
                return step
        raise KeyError(key)

    @property
    def total_minutes(self) -> int:
        """The suggested length of a whole session."""
        return sum(step.minutes for step in self.steps)


@dataclass(frozen=True)
class Recipe:
    """One of the booklet's eight recipes for partnership developers."""

    number: int
    title: LocalText
    summary: LocalText


class _Reader:
    """Reads one parsed document; every failure is a located TemplateError."""

    def __init__(self, path: Path | None, text: str) -> None:
        self.path = path
        self.body = text

    def fail(
        self,
        field: str,
        message: Words,
        expected: Words | None = None,
        *,
        near: tuple[str, ...] = (),
    ) -> NoReturn:
        """Raise the error for ``field``, located at the first of ``near`` found, or at it."""
        lines = (find_line(self.body, where) for where in (*near, field) if where)
        line = next((found for found in lines if found is not None), None)
        raise TemplateError(self.path, message, line=line, field=field or None, expected=expected)

    def table(self, value: Any, field: str, allowed: tuple[str, ...]) -> dict[str, Any]:
        """``value`` as a table holding only ``allowed`` keys."""
        if not isinstance(value, dict):
            self.fail(field, is_(kind_of(value)), Message("type.table"))
        for key in value:
            if key not in allowed:
                self.fail(
                    _join(field, key),
                    Message("problem.unknown_key", key=repr(key)),
                    Message("expected.one_of", choices=", ".join(allowed)),
                )
        return value

    def get(self, table: dict[str, Any], field: str, key: str) -> Any:
        """The value of a required ``key``."""
        if key not in table:
            self.fail(
                _join(field, key),
                Message("problem.missing_key", key=repr(key)),
                Message("expected.a_value"),
            )
        return table[key]

    def text(self, table: dict[str, Any], where: str, key: str) -> LocalText:
        """``key`` of ``table`` as a text in every language."""
        return self.local_text(self.get(table, where, key), _join(where, key))

    def local_text(self, value: Any, field: str) -> LocalText:
        """A table with non-empty fi, sv and en."""
        table = self.table(value, field, LANGUAGES)
        texts: dict[str, str] = {}
        for code in LANGUAGES:
            where = _join(field, code)
            if code not in table:
                missing = Message("problem.text_missing", language=Message(f"language.{code}"))
                self.fail(where, missing, _ALL_LANGUAGES)
            text = table[code]
            if not isinstance(text, str):
                self.fail(where, is_(kind_of(text)), Message("type.text"))
            if not text.strip():
                empty = Message("problem.text_empty", language=Message(f"language.{code}"))
                self.fail(where, empty, _ALL_LANGUAGES)
            texts[code] = text.strip()
        return LocalText(**texts)

    def integer(self, table: dict[str, Any], where: str, key: str, low: int, high: int = 0) -> int:
        """``key`` of ``table`` as a whole number in ``low..high`` (no upper limit if 0)."""
        field = _join(where, key)
        value = self.get(table, where, key)
        limits = (
            Message("expected.whole_range", low=low, high=high)
            if high
            else Message("expected.whole_min", low=low)
        )
        if isinstance(value, bool) or not isinstance(value, int):
            self.fail(field, is_(kind_of(value)), limits)
        if value < low or (high and value > high):
            self.fail(field, is_(value), limits)
        return value

    def tables(self, value: Any, field: str) -> list[Any]:
        """An array (of tables, checked by the caller)."""
        if not isinstance(value, list):
            self.fail(field, is_(kind_of(value)), Message("expected.array_of_tables"))
        return value


def _join(field: str, key: str) -> str:
    return f"{field}.{key}" if field else key


def _load_toml(text: str, path: Path | None) -> dict[str, Any]:
    """Parse TOML; a syntax error becomes a TemplateError with its line and column."""
    try:
        return tomlread.loads(text)
    except tomlread.TOMLDecodeError as error:
        message, line, column = toml_problem(error, text)
        raise TemplateError(path, message, line=line, column=column) from None


def parse_template(text: str, path: Path | None = None) -> Template:
    """Parse and validate a template's TOML text; ``path`` is named in errors."""
    reader = _Reader(path, text)
    root = reader.table(_load_toml(text, path), "", _TEMPLATE_KEYS)
    template_id = reader.get(root, "", "id")
    if not isinstance(template_id, str) or not _ID.fullmatch(template_id):
        reader.fail("id", is_(repr(template_id)), _ID_EXPECTED)
    return Template(
        id=template_id,
        version=reader.integer(root, "", "version", 1),
        name=reader.text(root, "", "name"),
        description=reader.text(root, "", "description"),
        steps=_read_steps(reader, reader.get(root, "", "steps")),
        source=path,
    )


def _read_steps(reader: _Reader, value: Any) -> tuple[StepTemplate, ...]:
    raw_steps = reader.tables(value, "steps")
    order = Message("expected.step_order", steps=", ".join(STEP_KEYS))
    if len(raw_steps) > len(STEP_KEYS):
        too_many = Message("problem.steps", count=len(raw_steps))
        reader.fail(f"steps[{len(STEP_KEYS)}]", too_many, order)
    steps = tuple(_read_step(reader, raw, index) for index, raw in enumerate(raw_steps))
    if len(steps) < len(STEP_KEYS):
        near = (f"steps[{len(steps) - 1}].key",) if steps else ()
        reader.fail("steps", Message("problem.only_steps", count=len(steps)), order, near=near)
    return steps


def _read_step(reader: _Reader, value: Any, index: int) -> StepTemplate:
    field = f"steps[{index}]"
    table = reader.table(value, field, _STEP_FIELDS)
    key = reader.get(table, field, "key")
    if key != STEP_KEYS[index]:
        expected = Message(
            "expected.step_key", key=repr(STEP_KEYS[index]), steps=", ".join(STEP_KEYS)
        )
        wrong = Message("problem.step_is", number=index + 1, key=repr(key))
        reader.fail(f"{field}.key", wrong, expected)
    return StepTemplate(
        key=key,
        number=index + 1,
        name=reader.text(table, field, "name"),
        purpose=reader.text(table, field, "purpose"),
        questions=_read_questions(reader, reader.get(table, field, "questions"), field),
        minutes=reader.integer(table, field, "minutes", 1, MAX_MINUTES),
        kinds=_read_kinds(reader, reader.get(table, field, "kinds"), f"{field}.kinds"),
    )


def _read_questions(reader: _Reader, value: Any, step_field: str) -> tuple[LocalText, ...]:
    field = f"{step_field}.questions"
    raw = reader.tables(value, field)
    questions = tuple(reader.local_text(item, f"{field}[{i}]") for i, item in enumerate(raw))
    if not MIN_QUESTIONS <= len(questions) <= MAX_QUESTIONS:
        near = (f"{field}[0].fi",) if questions else ()
        expected = Message("expected.questions", low=MIN_QUESTIONS, high=MAX_QUESTIONS)
        count = Message("problem.questions", count=len(questions))
        reader.fail(field, count, expected, near=near)
    return questions


def _read_kinds(reader: _Reader, value: Any, field: str) -> tuple[str, ...]:
    expected = Message("expected.note_kinds", kinds=", ".join(NOTE_KINDS))
    if not isinstance(value, list):
        reader.fail(field, is_(kind_of(value)), expected)
    if not value:
        reader.fail(field, Message("problem.empty"), expected)
    for position, kind in enumerate(value):
        if kind not in NOTE_KINDS:
            unknown = Message("problem.unknown_kind", kind=repr(kind))
            reader.fail(f"{field}[{position}]", unknown, expected)
        if kind in value[:position]:
            repeated = Message("problem.repeated_kind", kind=repr(kind))
            reader.fail(f"{field}[{position}]", repeated, expected)
    return tuple(value)


def load_template(path: Path) -> Template:
    """Read and validate the template file at ``path``."""
    try:
        text = text_of(read_source(path))
    except UnicodeDecodeError:
        not_utf8 = Message("problem.not_utf8")
        raise TemplateError(path, not_utf8, expected=Message("expected.utf8")) from None
    except OSError as error:
        raise TemplateError(path, read_problem(error)) from None
    return parse_template(text, path)


def parse_recipes(text: str, path: Path | None = None) -> tuple[Recipe, ...]:
    """Parse and validate a recipes file: ``[[recipes]]`` numbered 1, 2, … in order."""
    reader = _Reader(path, text)
    root = reader.table(_load_toml(text, path), "", ("recipes",))
    found: list[Recipe] = []
    for index, value in enumerate(reader.tables(reader.get(root, "", "recipes"), "recipes")):
        field = f"recipes[{index}]"
        table = reader.table(value, field, _RECIPE_FIELDS)
        number = reader.integer(table, field, "number", 1)
        if number != index + 1:
            in_order = Message("expected.in_order", number=index + 1)
            reader.fail(f"{field}.number", is_(number), in_order)
        title, summary = reader.text(table, field, "title"), reader.text(table, field, "summary")
        found.append(Recipe(number, title, summary))
    return tuple(found)
