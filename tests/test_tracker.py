"""The actions tracker: latest state per series, filters, and table, Markdown and CSV output."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from pathlib import Path

import pytest

from kumppani.library import SessionSummary, scan_folder
from kumppani.library.tracker import (
    CSV_COLUMNS,
    ActionFilter,
    TrackedAction,
    filter_actions,
    render_csv,
    render_markdown,
    render_table,
    track_actions,
)
from kumppani.session.model import Action, Participant, PreviousSession, Session
from kumppani.session.vocabulary import ActionStatus
from kumppani.storage.files import save_session
from kumppani.text.i18n import Translator

TODAY = dt.date(2026, 10, 1)
PEOPLE = [
    Participant(name="Valtion Virkamies", organisation="TEM", party="state", id="p-s"),
    Participant(
        name="Kaupungin Johtaja", organisation="Tampereen kaupunki", party="city", id="p-c"
    ),
]


def action(ident: str, title: str, status: ActionStatus, **kw: object) -> Action:
    return Action(id=ident, title=title, status=status, **kw)  # type: ignore[arg-type]


def build(tmp_path: Path) -> list[SessionSummary]:
    first = Session(title="Alku", date=dt.date(2026, 3, 1), id="s-1", participants=list(PEOPLE))
    first.actions = [
        action(
            "a-1",
            "Lomake",
            ActionStatus.AGREED,
            owner="Kaupungin Johtaja",
            due=dt.date(2026, 6, 30),
        ),
        action(
            "a-2", "Selvitys", ActionStatus.AGREED, responsible=["TEM"], due=dt.date(2027, 1, 1)
        ),
        action("a-3", "Kampanja", ActionStatus.PROPOSED, due=dt.date(2026, 5, 1)),
    ]
    second = Session(
        title="Seuranta",
        date=dt.date(2026, 9, 1),
        id="s-2",
        participants=list(PEOPLE),
        previous=PreviousSession("s-1", "1.toml"),
    )
    done = action("a-1", "Lomake", ActionStatus.IN_PROGRESS, owner="Kaupungin Johtaja")
    done.due = dt.date(2026, 6, 30)
    done.set_status(ActionStatus.DONE, dt.date(2026, 8, 1), "valmis")
    second.actions = [
        done,
        action(
            "a-2",
            "Selvitys",
            ActionStatus.IN_PROGRESS,
            responsible=["TEM"],
            due=dt.date(2026, 9, 1),
        ),
        action("a-4", "Uusi | putki *tähti*", ActionStatus.AGREED, owner="=cmd|' /C calc'!A0"),
    ]
    # Another series that happens to reuse an action id: tracked on its own.
    other = Session(title="Muu sarja", date=dt.date(2026, 4, 1), id="s-9")
    other.actions = [action("a-1", "Eri toimenpide", ActionStatus.CANCELLED)]
    save_session(second, tmp_path / "2.toml")
    save_session(first, tmp_path / "1.toml")
    save_session(other, tmp_path / "9.toml")
    return scan_folder(tmp_path).summaries


def by_id(items: list[TrackedAction]) -> dict[tuple[str, str], TrackedAction]:
    return {(item.session.id, item.action.id): item for item in items}


def test_a_later_session_of_the_series_supersedes_the_earlier(tmp_path: Path) -> None:
    items = track_actions(build(tmp_path))
    assert len(items) == 5
    found = by_id(items)
    lomake = found[("s-2", "a-1")]
    assert lomake.action.status is ActionStatus.DONE
    assert (lomake.first.id, lomake.appearances) == ("s-1", 2)
    assert lomake.action.last_change == dt.date(2026, 8, 1)
    assert found[("s-2", "a-2")].action.status is ActionStatus.IN_PROGRESS
    assert found[("s-1", "a-3")].action.status is ActionStatus.PROPOSED  # not carried: still open
    assert found[("s-9", "a-1")].action.title == "Eri toimenpide"
    dues = [item.action.due for item in items]
    assert dues == [*sorted(d for d in dues if d), None, None]  # by due date, undated last


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        (ActionFilter(today=TODAY), {"a-1", "a-2", "a-3", "a-4"}),
        (ActionFilter(statuses=frozenset({"open"}), today=TODAY), {"a-2", "a-3", "a-4"}),
        (ActionFilter(statuses=frozenset({"done", "cancelled"}), today=TODAY), {"a-1"}),
        (ActionFilter(overdue=True, today=TODAY), {"a-2", "a-3"}),
        (ActionFilter(overdue=True, today=dt.date(2026, 8, 1)), {"a-3"}),
        (ActionFilter(owner="johtaja", today=TODAY), {"a-1"}),
        (ActionFilter(party="state", today=TODAY), {"a-2"}),
        (ActionFilter(party="tem", today=TODAY), {"a-2"}),
        (ActionFilter(party="Kaupunki", party_aliases={"kaupunki": "city"}, today=TODAY), {"a-1"}),
        (ActionFilter(party="nobody", today=TODAY), set()),
    ],
)
def test_filters(tmp_path: Path, rule: ActionFilter, expected: set[str]) -> None:
    items = [item for item in track_actions(build(tmp_path)) if item.session.id != "s-9"]
    assert {item.action.id for item in filter_actions(items, rule)} == expected


def test_csv_is_rfc_4180_and_parses_back(tmp_path: Path) -> None:
    items = track_actions(build(tmp_path))
    text = render_csv(items, TODAY)
    assert text.count("\r\n") == 6 and "\n" not in text.replace("\r\n", "")  # CRLF rows
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert tuple(rows[0].keys()) == CSV_COLUMNS
    assert len(rows) == 5
    row = next(row for row in rows if row["id"] == "a-2")
    assert row["status"] == "in_progress"
    assert (row["due"], row["overdue"], row["sessions"]) == ("2026-09-01", "yes", "2")
    assert (row["session_file"], row["first_file"]) == ("2.toml", "1.toml")
    assert row["parties"] == "state"
    dangerous = next(row for row in rows if row["id"] == "a-4")
    assert dangerous["owner"] == "'=cmd|' /C calc'!A0"  # a spreadsheet shows it, never runs it
    assert dangerous["title"] == "Uusi | putki *tähti*"


def test_markdown_escapes_user_text(tmp_path: Path) -> None:
    text = render_markdown(track_actions(build(tmp_path)), Translator("en"), TODAY)
    lines = text.splitlines()
    assert lines[0] == "| Status | Due | Action | Owner | Responsible | Session |"
    assert lines[1] == "|---|---|---|---|---|---|"
    row = next(line for line in lines if "putki" in line)
    assert "Uusi \\| putki \\*tähti\\*" in row
    assert all(len(re.split(r"(?<!\\)\|", line)) == 8 for line in lines)  # six cells each
    assert "In progress !" in text  # an overdue open action is marked


def test_the_table_is_aligned_and_terminal_safe(tmp_path: Path) -> None:
    summaries = build(tmp_path)
    extra = Session(title="Kolmas", date=dt.date(2026, 1, 1))
    extra.actions = [action("a-x", "Väri\x1b[31m punainen\u202e", ActionStatus.AGREED)]
    save_session(extra, tmp_path / "x.toml")
    summaries = scan_folder(tmp_path).summaries
    text = render_table(track_actions(summaries), Translator("fi"), TODAY)
    lines = text.splitlines()
    assert lines[0].startswith("Tila")
    starts = {line.index("2026-") for line in lines[1:] if "2026-" in line[:25]}
    assert len(starts) == 1  # the due column lines up
    assert "\x1b" not in text and "\u202e" not in text
    assert "Väri punainen" in text


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Lyhyt",
        "Pitkä otsikko, jossa on ääkkösiä ja – viivoja – sekä €-merkki, ja se jatkuu pitkään",
        "Leveä 漢字 teksti joka jatkuu ja jatkuu vielä pitkään ja pitkään ja pitkään",
        "Välit   monta\tja\nrivinvaihto\x1b[31m ja\u00a0nbsp\u00ad",
        "x" * 49 + " " + "y",
    ],
)
@pytest.mark.parametrize("width", [None, 0, 1, 10, 50])
def test_the_quick_cell_is_one_line(
    text: str, width: int | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    import re

    from kumppani.text import safe as textsafe

    quick = (textsafe.one_line(text, width), textsafe.cell_width(text))
    monkeypatch.setattr(textsafe, "_NOT_PLAIN", re.compile(r"[\s\S]"))  # the general path
    general = (textsafe.one_line(text, width), textsafe.cell_width(text))
    assert quick == general


@pytest.mark.parametrize("delimiter", [",", ";"])
def test_csv_quotes_every_separator_and_guards_text_after_one(delimiter: str) -> None:
    # Issue 18: "Budjetti;=1+1;loppu" was written unquoted; a Finnish spreadsheet splits on ;
    # and runs the cell "=1+1".
    from kumppani.library.tracker import _csv_cell

    cell = _csv_cell("Budjetti;=1+1;loppu")
    assert cell == '"Budjetti;\'=1+1;loppu"'
    for text in ("a,b", "a\tb", 'a"b', "a\nb", "a\rb"):
        assert _csv_cell(text).startswith('"')
    assert _csv_cell("plain") == "plain"
    assert _csv_cell("-5") == "'-5"
    row = next(csv.reader(io.StringIO(cell + delimiter + "x", newline=""), delimiter=delimiter))
    assert row == ["Budjetti;'=1+1;loppu", "x"]
    assert not any(part.lstrip().startswith("=") for part in cell.strip('"').split(";"))


def test_csv_with_semicolons_and_bom_parses_back(tmp_path: Path) -> None:
    items = track_actions(build(tmp_path))
    text = render_csv(items, TODAY, delimiter=";", bom=True)
    assert text.startswith("\ufeffid;title;")
    rows = list(csv.DictReader(io.StringIO(text[1:], newline=""), delimiter=";"))
    assert len(rows) == 5 and {row["id"] for row in rows} >= {"a-2", "a-4"}
