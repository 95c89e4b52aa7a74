"""The Markdown minutes: complete, in the right order, and well-formed whatever was typed.

Golden files ``tests/golden/<example>.<lang>.md`` (and
``<example>.{theme,appendix,anonymized}.<lang>.md`` for ``--by theme``,
``--appendix`` and ``--anonymize``) hold the expected minutes of the example
sessions in ``sessions/``, in Finnish, Swedish and English. After an intended
change to the minutes, the catalogs or the examples, regenerate them and review
the diff::

    KUMPPANI_UPDATE_GOLDEN=1 pytest tests/test_minutes.py

Well-formedness is checked with a real CommonMark parser (markdown-it-py with
GFM tables), on the token stream rather than on the text.
"""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import os
import re
from enum import Enum
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from markdown_it.token import Token

from kumppani.minutes.document import render_minutes
from kumppani.session.model import (
    Action,
    Approval,
    Indicator,
    Note,
    Participant,
    PreviousSession,
    Reading,
    Session,
    StatusChange,
    WinWin,
)
from kumppani.session.template_sources import find_template, recipes
from kumppani.session.vocabulary import NOTE_KINDS, ActionStatus, Role
from kumppani.storage.files import load_session
from kumppani.text import markdown as md
from kumppani.text.i18n import t
from tests.support.examples import CARRIED, FOLLOWUP, GOLDEN
from tests.support.examples import EXAMPLES as EXAMPLES_FOLDER
from tests.support.examples import FIRST as FIRST_NAME
from tests.support.markdown import inline_text, parse, tables

EXAMPLES = sorted(EXAMPLES_FOLDER.glob("*.toml"))
FIRST = EXAMPLES_FOLDER / FIRST_NAME
FOLLOW_UP = EXAMPLES_FOLDER / FOLLOWUP
UPDATE = os.environ.get("KUMPPANI_UPDATE_GOLDEN") == "1"

VARIANTS: dict[str, dict[str, Any]] = {
    "": {},
    "theme.": {"by": "theme"},
    "appendix.": {"appendix": True},
    "anonymized.": {"anonymize": True},
}
GOLDEN_CASES = [
    (path, language, variant)
    for path in EXAMPLES
    for language in ("fi", "sv", "en")
    for variant in VARIANTS
]

UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")


# Helpers


def plain(tokens: list[Token]) -> str:
    return "\n".join(inline_text(token) for token in tokens if token.type == "inline")


def words(text: str) -> str:
    return " ".join(md.clean(text).split())


def headings(tokens: list[Token]) -> list[tuple[int, str]]:
    found = []
    for index, token in enumerate(tokens):
        if token.type == "heading_open":
            found.append((int(token.tag[1]), inline_text(tokens[index + 1])))
    return found


def table_after(tokens: list[Token], heading: str) -> list[list[str]]:
    """The first table after the heading with this text."""
    start = next(
        i for i, tok in enumerate(tokens) if tok.type == "inline" and tok.content == heading
    )
    return tables(tokens[start:])[0]


def html_tokens(tokens: list[Token]) -> list[str]:
    """Raw HTML the output would pass through, apart from the <br> of table cells."""
    found = [token.content for token in tokens if token.type == "html_block"]
    for token in tokens:
        for child in token.children or []:
            if child.type == "html_inline" and child.content != "<br>":
                found.append(child.content)
    return found


def raw_table_rows(text: str) -> list[list[int]]:
    """For each table in the Markdown text, the number of cell delimiters on each row."""
    result: list[list[int]] = []
    previous = ""
    for line in text.split("\n"):
        if line.startswith("|"):
            if not previous.startswith("|"):
                result.append([])
            result[-1].append(len(UNESCAPED_PIPE.findall(line)))
        previous = line
    return result


def structure(tokens: list[Token]) -> list[tuple[str, str]]:
    """The shape of a document: every block and inline token except the words."""
    shape = []
    for token in tokens:
        shape.append((token.type, token.tag))
        for child in token.children or []:
            if child.type != "text":
                shape.append((child.type, child.content if child.type == "html_inline" else ""))
    return shape


def check_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if UPDATE:
        GOLDEN.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return
    assert path.exists(), f"{path} is missing: run KUMPPANI_UPDATE_GOLDEN=1 pytest {__file__}"
    assert text == path.read_text(encoding="utf-8"), f"{name} differs from the golden file"


def bland_text(text: str) -> str:
    """Text with the same lines, each non-empty line replaced by a plain word."""
    return "\n".join("sana" if md.has_text(line) else "" for line in md.clean(text).split("\n"))


KEYS = {"id", "key", "kind", "party", "participant", "language", "template_id"}


def blandify(value: Any) -> Any:
    """A copy of a session with every piece of user text replaced by plain words."""
    value = copy.deepcopy(value)

    def walk(item: Any) -> None:
        for field in dataclasses.fields(item):
            if field.name in KEYS or field.name.endswith("extra"):
                continue
            current = getattr(item, field.name)
            if isinstance(current, str) and not isinstance(current, Enum):
                setattr(item, field.name, bland_text(current))
            elif isinstance(current, list):
                for index, element in enumerate(current):
                    if isinstance(element, str):
                        current[index] = bland_text(element)
                    elif dataclasses.is_dataclass(element):
                        walk(element)
            elif dataclasses.is_dataclass(current):
                walk(current)

    walk(value)
    return value


HOSTILE = [
    "1. ei numeroitu lista",
    "# ei otsikko",
    "<script>alert('x')</script> ja <b>lihava</b>",
    "\x1b[31mpunainen\x1b[0m ja ohjausmerkki \x07 ja \x85 ja \x00",
    "pipe | tähti * alaviiva _ risuaita # < > [linkki](http://x) \\ `koodi` ~~yli~~",
    "rivi yksi\n- ei lista\n> ei lainaus\n    ei koodia\n---\n===\n```\n<div>\n"
    "| a | b |\n|---|---|",
    "+ plus\r\n2) sulku\rCR yksin\n\n\ntyhjän jälkeen &amp; &#60; [x]: http://viite",
    "    sisennetty # loppuu risuaitaan #",
    "\\",
]


def hostile_session(texts: list[str] = HOSTILE) -> Session:
    """A session where every field a user types holds text that looks like Markdown."""
    when = dt.datetime(2026, 3, 12, 9, 0, tzinfo=dt.UTC)
    people = [
        Participant("Nimi | pipe", "Org *tähti*", "# Titteli", "state", Role.CHAIR, id="p-1"),
        Participant("<i>Kaupunki</i>", "Org [x]", "", "city", id="p-2"),
        Participant("1. Poissa", "Org `x`", "", "other", present=False, id="p-3"),
        Participant("Oma \\ osapuoli", "Org", "", "| erikoinen |", id="p-4"),
    ]
    session = Session(
        title="# Otsikko | <b>x</b>\n## toinen",
        theme="* teema",
        date=dt.date(2026, 3, 12),
        venue="<img src=x onerror=alert(1)>",
        facilitator="Nimi | pipe",
        organiser="[järjestäjä](javascript:alert(1))",
        purpose="1. tarkoitus\n2. toinen",
        created=when,
        modified=when,
        participants=people,
        recipes=[1, 8],
        previous=PreviousSession("s-1", "edellinen|tiedosto.toml", "# Edellinen"),
        approval=Approval("<i>Kaupunki</i>", when),
    )
    for step_index, step in enumerate(session.steps):
        step.conclusion = HOSTILE[step_index % len(HOSTILE)]
        step.planned_minutes = 10
        step.spent_seconds = 599
        for index, text in enumerate(texts):
            step.notes.append(
                Note(
                    text,
                    kind=NOTE_KINDS[(index + step_index) % len(NOTE_KINDS)],
                    participant=people[index % len(people)].id if index % 3 else "",
                    party="city" if index % 3 == 0 else "",
                    highlight=index % 2 == 0,
                    votes=index % 4,
                    created=when,
                )
            )
    session.winwin = WinWin(HOSTILE[4], HOSTILE[5], HOSTILE[0], HOSTILE[2])
    session.actions = [
        Action(
            text,
            description=HOSTILE[5],
            rationale=text,
            responsible=["state", "| OKM |", text],
            owner="Nimi | pipe",
            due=dt.date(2026, 6, 30),
            resources=HOSTILE[3],
            status=ActionStatus.POSTPONED,
            history=[
                StatusChange(dt.date(2026, 4, 1), ActionStatus.AGREED, ActionStatus.POSTPONED, text)
            ],
        )
        for text in texts
    ]
    session.shared_message = HOSTILE[5]
    session.followup_plan = HOSTILE[1] + "\n\n" + HOSTILE[6]
    session.indicators = [
        Indicator(
            text,
            unit="| %",
            baseline=1.5,
            target=3,
            owner="<i>Kaupunki</i>",
            schedule=text,
            readings=[Reading(dt.date(2026, 5, 1), 2, text)],
        )
        for text in texts
    ]
    return session


# Golden files


@pytest.mark.parametrize(
    ("path", "language", "variant"),
    GOLDEN_CASES,
    ids=[f"{p.stem}-{variant}{lang}" for p, lang, variant in GOLDEN_CASES],
)
def test_minutes_match_the_golden_file(path: Path, language: str, variant: str) -> None:
    text = render_minutes(load_session(path), language, **VARIANTS[variant])
    check_golden(f"{path.stem}.{variant}{language}.md", text)


def test_no_golden_file_is_left_over() -> None:
    expected = {f"{p.stem}.{variant}{lang}.md" for p, lang, variant in GOLDEN_CASES}
    expected |= {f"{CARRIED}.theme.{lang}.md" for lang in ("fi", "sv", "en")}
    assert {path.name for path in GOLDEN.glob("*.md")} == expected


# What a reader of the examples would notice


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda path: path.stem)
@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_every_note_and_conclusion_appears(path: Path, language: str) -> None:
    session = load_session(path)
    shown = words(plain(parse(render_minutes(session, language))))
    for step in session.steps:
        for note in step.notes:
            assert words(note.text) in shown
        assert words(step.conclusion) in shown
    for action in session.actions:
        for text in (action.title, action.description, action.rationale, action.resources):
            assert words(text) in shown
    assert words(session.shared_message) in shown


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_every_label_comes_from_the_catalog(language: str) -> None:
    for path in EXAMPLES:
        text = render_minutes(load_session(path), language)
        assert "export." not in text and "party." not in text and "kind." not in text


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda path: path.stem)
def test_highlights_come_before_other_notes_in_each_step(path: Path) -> None:
    session = load_session(path)
    text = render_minutes(session)
    sections = re.split(r"^### ", text, flags=re.MULTILINE)
    for number, step in enumerate(session.steps, 1):
        section = next(part for part in sections if part.startswith(f"{number}. "))
        first_other = min(
            (section.index(note.text) for note in step.notes if not note.highlight),
            default=len(section),
        )
        for note in step.highlights:
            assert section.index(note.text) < first_other


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda path: path.stem)
def test_actions_table_has_one_row_per_action(path: Path) -> None:
    session = load_session(path)
    tokens = parse(render_minutes(session))
    rows = table_after(tokens, t("export.section.actions"))
    assert rows[0] == [
        t(f"export.column.{c}") for c in ("action", "responsible", "owner", "due", "status")
    ]
    assert [row[0] for row in rows[1:]] == [action.title for action in session.actions]
    assert [row[4] for row in rows[1:]] == [
        t(f"action_status.{a.status.value}") for a in session.actions
    ]


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda path: path.stem)
def test_indicator_table_shows_baseline_target_and_latest_reading(path: Path) -> None:
    session = load_session(path)
    rows = table_after(parse(render_minutes(session)), t("export.section.indicators"))
    assert len(rows) == len(session.indicators) + 1
    for row, indicator in zip(rows[1:], session.indicators, strict=True):
        assert row[0] == indicator.name
        if indicator.readings:
            latest = max(indicator.readings, key=lambda reading: reading.on)
            assert f"{latest.on.day}.{latest.on.month}.{latest.on.year}" in row[4]


def test_time_table_totals_the_minutes() -> None:
    session = load_session(FIRST)
    assert t("export.section.time") not in render_minutes(session)
    rows = table_after(parse(render_minutes(session, appendix=True)), t("export.section.time"))
    assert len(rows) == 1 + 5 + 1
    assert rows[-1][2] == str(sum(step.planned_minutes for step in session.steps))
    assert rows[-1][3] == str(sum(int(row[3]) for row in rows[1:-1]))


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda path: path.stem)
def test_anonymized_minutes_name_no_person(path: Path) -> None:
    session = load_session(path)
    text = render_minutes(session, anonymize=True)
    for person in session.participants:
        assert person.name not in text
        assert person.organisation in text
    assert session.facilitator not in text
    if session.approval is not None:
        assert session.approval.by not in text
    assert session.organiser in text  # an organisation, not a person
    # Nothing else changes: every note is still there.
    shown = words(plain(parse(text)))
    assert all(words(note.text) in shown for note in session.all_notes())


def test_missing_template_still_exports_with_catalog_step_names() -> None:
    session = load_session(FIRST)
    session.template_id = "no-such-template"
    tokens = parse(render_minutes(session, "en"))
    titles = [text for level, text in headings(tokens) if level == 3]
    for number, key in enumerate(("overall", "situation", "will", "solutions", "followup"), 1):
        assert f"{number}. {t(f'export.step.{key}', 'en')}" in titles


def test_step_without_notes_says_so_and_empty_sections_are_left_out() -> None:
    session = Session(title="Tyhjä")
    session.step("will").conclusion = "Sovittiin jatkosta."
    text = render_minutes(session)
    assert text.count(t("export.no_notes")) == 5
    levels = [level for level, _ in headings(parse(text))]
    assert levels == [1, 2, 3, 3, 3, 4, 3, 3]
    assert t("export.section.participants") not in text
    assert t("export.section.time") not in text


# Hostile text


def test_hostile_text_keeps_the_document_shape() -> None:
    session = hostile_session()
    for language in ("fi", "en"):
        for anonymize in (False, True):
            text = render_minutes(session, language, anonymize=anonymize)
            bland = render_minutes(blandify(session), language, anonymize=anonymize)
            tokens, bland_tokens = parse(text), parse(bland)
            assert [level for level, _ in headings(tokens)] == [
                level for level, _ in headings(bland_tokens)
            ]
            assert structure(tokens) == structure(bland_tokens)
            assert html_tokens(tokens) == []
            for table in raw_table_rows(text):
                assert len(set(table)) == 1, table
            for table in tables(tokens):
                assert len({len(row) for row in table}) == 1
            assert "\x1b" not in text and "\x00" not in text and "\x85" not in text


def test_hostile_text_makes_no_heading_list_or_html() -> None:
    session = hostile_session()
    text = render_minutes(session)
    tokens = parse(text)
    sections = [h for h in headings(tokens) if h[0] == 2]
    assert len(sections) == 4  # present, absent, decisions and actions, items
    parties = 3  # state, city and the one typed as "| erikoinen |"
    assert len([h for h in headings(tokens) if h[0] == 3]) == parties + 5 + len(session.actions)
    assert all(token.type != "ordered_list_open" for token in tokens)
    assert all(token.type not in ("fence", "code_block", "hr") for token in tokens)
    assert sum(1 for token in tokens if token.type == "blockquote_open") == 1  # the shared message
    children = [child.type for token in tokens for child in token.children or []]
    assert "link_open" not in children and "image" not in children and "code_inline" not in children
    assert "s_open" not in children
    rows = table_after(tokens, t("export.section.actions"))
    assert len(rows) == len(session.actions) + 1
    assert all(len(row) == 5 for row in rows)


def test_hostile_text_survives_word_for_word() -> None:
    session = hostile_session()
    shown = words(plain(parse(render_minutes(session))))
    for text in HOSTILE:
        assert words(text) in shown
    assert "<script>alert('x')</script>" in shown


MARKDOWNISH = st.text(
    alphabet=st.sampled_from(list("|*_#<>[]()!\\`~-+=.:;&1 \t\n\r\x1b\x00\x85ab"))
)


@given(text=st.one_of(MARKDOWNISH, st.text()))
def test_any_text_keeps_the_document_shape(text: str) -> None:
    session = hostile_session(HOSTILE[:3])
    for step in session.steps:
        step.conclusion = text
        step.notes[0].text = text
    session.participants[0].name = session.participants[0].organisation = text
    session.title = session.venue = session.shared_message = session.followup_plan = text
    session.winwin.state_gains = session.winwin.incentives = text
    session.actions[0].title = session.actions[0].owner = session.actions[0].rationale = text
    session.actions[0].responsible = [text]
    session.indicators[0].name = session.indicators[0].unit = text
    session.indicators[0].readings[0].note = text
    rendered = render_minutes(session)
    tokens = parse(rendered)
    assert structure(tokens) == structure(parse(render_minutes(blandify(session))))
    assert html_tokens(tokens) == []
    assert all(len(set(table)) == 1 for table in raw_table_rows(rendered))
    assert words(text) in words(plain(tokens))


# Size


def big_session(notes: int = 10_000) -> Session:
    when = dt.datetime(2026, 3, 12, 9, 0, tzinfo=dt.UTC)
    people = [
        Participant(
            f"Henkilö {i}", f"Organisaatio {i}", "Titteli", ("state", "city", "other")[i % 3]
        )
        for i in range(30)
    ]
    session = Session(title="Iso istunto", participants=people, created=when, modified=when)
    for index in range(notes):
        step = session.steps[index % 5]
        step.notes.append(
            Note(
                f"Muistiinpano {index}: lause, jossa on *tähtiä* ja | putkia\ntoinen rivi",
                kind=NOTE_KINDS[index % len(NOTE_KINDS)],
                participant=people[index % 30].id if index % 2 else "",
                party="city" if index % 2 == 0 else "",
                highlight=index % 10 == 0,
                votes=index % 3,
                created=when,
            )
        )
    session.actions = [Action(f"Toimenpide {i}", owner=f"Henkilö {i % 30}") for i in range(200)]
    return session


def test_ten_thousand_notes_all_reach_the_minutes() -> None:
    """Every note of a 10,000-note session is in its minutes (speed: benchmarks/bench_export.py)."""
    session = big_session()
    shown = render_minutes(session, anonymize=True)
    numbers = {int(n) for n in re.findall(r"Muistiinpano (\d+):", shown)}
    assert numbers == set(range(10_000))


def test_step_names_come_from_the_template_in_the_language() -> None:
    session = load_session(FIRST)
    template = find_template(session.template_id)
    assert template is not None
    for language in ("fi", "sv", "en"):
        titles = [
            text for level, text in headings(parse(render_minutes(session, language))) if level == 3
        ]
        for step in template.steps:
            assert f"{step.number}. {step.name.get(language)}" in titles


def test_a_user_template_in_the_config_folder_renames_the_steps(tmp_path: Path) -> None:
    builtin = find_template("partnership")
    assert builtin is not None and builtin.source is not None
    text = builtin.source.read_text(encoding="utf-8")
    folder = tmp_path / "templates"
    folder.mkdir()
    renamed = text.replace('fi = "Yhteinen kokonaiskuva"', 'fi = "Lähtötilanne | kartalle"', 1)
    assert renamed != text
    (folder / "oma.toml").write_text(renamed, encoding="utf-8")
    session = load_session(FIRST)
    tokens = parse(render_minutes(session, config_dir=tmp_path))
    assert (3, "1. Lähtötilanne | kartalle") in headings(tokens)
    assert (3, "1. Lähtötilanne | kartalle") not in headings(parse(render_minutes(session)))


def test_recipes_are_listed_with_their_titles() -> None:
    session = load_session(FIRST)
    titles = {recipe.number: recipe.title.get("en") for recipe in recipes()}
    assert titles[session.recipes[0]] not in render_minutes(session, "en")
    shown = plain(parse(render_minutes(session, "en", appendix=True)))
    for number in session.recipes:
        assert f"{number}: {titles[number]}" in shown
