"""The follow-up session: what the series agreed, carried forward with the same ids."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from kumppani.editing.followup_session import create_followup, link_file
from kumppani.errors import FileError
from kumppani.library import scan_folder
from kumppani.library.tracker import track_actions
from kumppani.session.model import (
    Action,
    Indicator,
    Note,
    Participant,
    PreviousSession,
    Reading,
    Session,
    default_steps,
)
from kumppani.session.vocabulary import ActionStatus, SessionStatus
from kumppani.storage.files import load_session, save_session

DAY = dt.date(2027, 3, 15)


def title_of(first: Session) -> str:
    return f"{first.title}: seuranta"


def first_session() -> Session:
    session = Session(
        title="Nuorisotyöllisyys",
        theme="Nuoret",
        date=dt.date(2026, 3, 12),
        venue="Raatihuone",
        facilitator="Puheenjohtaja",
        language="sv",
        template_id="partnership",
        id="s-1",
        status=SessionStatus.APPROVED,
        steps=default_steps({"overall": 10, "situation": 25, "will": 15, "solutions": 40}),
        participants=[
            Participant(name="Valtio", party="state", id="p-1"),
            Participant(name="Poissa", party="city", present=False, id="p-2"),
        ],
    )
    session.step("overall").notes = [Note(text="Ei kopioida", id="n-1")]
    session.step("overall").conclusion = "Ei kopioida myöskään"
    session.actions = [
        Action(title="Avoin", status=ActionStatus.AGREED, id="a-open"),
        Action(title="Valmis", status=ActionStatus.DONE, id="a-done"),
        Action(title="Peruttu", status=ActionStatus.CANCELLED, id="a-cancelled"),
        Action(title="Siirretty", status=ActionStatus.POSTPONED, id="a-postponed"),
        Action(title="Valmistuu myöhemmin", status=ActionStatus.IN_PROGRESS, id="a-later-done"),
    ]
    session.actions[0].set_status(ActionStatus.IN_PROGRESS, dt.date(2026, 4, 1), "alkoi")
    session.indicators = [
        Indicator(name="Mittari", id="i-1", readings=[Reading(dt.date(2026, 3, 1), 10)]),
        Indicator(name="Vain alussa", id="i-2"),
    ]
    return session


def second_session() -> Session:
    """A hand-made follow-up: it left out a-open, and closed a-later-done."""
    session = Session(
        title="Nuorisotyöllisyys: seuranta",
        date=dt.date(2026, 9, 17),
        id="s-2",
        language="sv",
        previous=PreviousSession("s-1", "2026-first.toml", "Nuorisotyöllisyys"),
        steps=default_steps({"overall": 5, "followup": 45}),
        participants=[
            Participant(name="Valtio", party="state", id="p-1"),
            Participant(name="Poissa", party="city", present=False, id="p-2"),
        ],
    )
    later = Action(title="Valmistuu myöhemmin", status=ActionStatus.IN_PROGRESS, id="a-later-done")
    later.set_status(ActionStatus.DONE, dt.date(2026, 9, 1), "valmis")
    new = Action(title="Uusi", status=ActionStatus.PROPOSED, id="a-new")
    session.actions = [later, new]
    session.indicators = [
        Indicator(
            name="Mittari, tarkennettu",
            id="i-1",
            readings=[Reading(dt.date(2026, 3, 1), 10), Reading(dt.date(2026, 9, 1), 20)],
        )
    ]
    return session


@pytest.fixture
def series(tmp_path: Path) -> Path:
    save_session(first_session(), tmp_path / "2026-first.toml")
    save_session(second_session(), tmp_path / "2026-second.toml")
    return tmp_path / "2026-second.toml"


def test_the_follow_up_carries_what_is_still_open_with_the_same_ids(series: Path) -> None:
    made = create_followup(series, title=title_of, day=DAY)
    session = load_session(made.path)
    assert made.path.parent == series.parent
    assert made.path.name == "2027-03-15-nuorisotyöllisyys-seuranta.toml"
    assert [action.id for action in session.actions] == ["a-open", "a-postponed", "a-new"]
    carried = session.actions[0]
    assert carried.status is ActionStatus.IN_PROGRESS
    assert [(c.old, c.new, c.note) for c in carried.history] == [
        (ActionStatus.AGREED, ActionStatus.IN_PROGRESS, "alkoi")
    ]
    assert [indicator.id for indicator in session.indicators] == ["i-1", "i-2"]
    latest = session.indicators[0]
    assert latest.name == "Mittari, tarkennettu"  # the latest state of each
    assert [reading.value for reading in latest.readings] == [10, 20]
    assert made.history.problems == []


def test_the_follow_up_links_back_and_keeps_the_roster_and_template(series: Path) -> None:
    made = create_followup(series, title=title_of, day=DAY)
    session = load_session(made.path)
    assert session.previous is not None
    assert (session.previous.id, session.previous.file) == ("s-2", "2026-second.toml")
    assert session.previous.title == "Nuorisotyöllisyys: seuranta"
    assert session.title == "Nuorisotyöllisyys: seuranta"  # from the first title, no pile-up
    assert (session.date, session.status, session.language) == (DAY, SessionStatus.DRAFT, "sv")
    assert [(p.id, p.name, p.present) for p in session.participants] == [
        ("p-1", "Valtio", None),  # presence is not known until it is marked
        ("p-2", "Poissa", None),
    ]
    assert {step.key: step.planned_minutes for step in session.steps}["followup"] == 45
    assert session.all_notes() == [] and session.step("overall").conclusion == ""
    assert session.id not in ("s-1", "s-2")


def test_a_status_change_in_the_follow_up_keeps_the_history(series: Path) -> None:
    made = create_followup(series, title=title_of, day=DAY)
    session = load_session(made.path)
    session.actions[0].set_status(ActionStatus.DONE, DAY, "valmistui")
    save_session(session, made.path)
    again = load_session(made.path)
    assert [(c.on, c.old, c.new) for c in again.actions[0].history] == [
        (dt.date(2026, 4, 1), ActionStatus.AGREED, ActionStatus.IN_PROGRESS),
        (DAY, ActionStatus.IN_PROGRESS, ActionStatus.DONE),
    ]
    # The tracker follows the action across the three files by its id.
    items = {item.action.id: item for item in track_actions(scan_folder(series.parent).summaries)}
    assert items["a-open"].action.status is ActionStatus.DONE
    assert items["a-open"].session.path == made.path
    assert items["a-open"].appearances == 2


def test_a_second_follow_up_of_the_same_day_gets_its_own_file(series: Path) -> None:
    one = create_followup(series, title=title_of, day=DAY)
    two = create_followup(series, title=title_of, day=DAY)
    assert one.path != two.path and two.path.name.endswith("-2.toml")


def test_an_output_file_in_another_folder_links_relatively(series: Path, tmp_path: Path) -> None:
    out = tmp_path / "next" / "year" / "x.toml"
    out.parent.mkdir(parents=True)
    made = create_followup(series, title=title_of, day=DAY, output=out)
    assert made.path == out
    previous = load_session(out).previous
    assert previous is not None and previous.file == "../../2026-second.toml"
    assert (out.parent / previous.file).resolve() == series.resolve()
    with pytest.raises(FileError):
        create_followup(series, title=title_of, day=DAY, output=out)  # never overwritten


def test_a_renamed_previous_file_is_found_by_its_id(series: Path) -> None:
    (series.parent / "2026-first.toml").rename(series.parent / "renamed.toml")
    made = create_followup(series, title=title_of, day=DAY)
    assert made.history.problems == []
    assert "a-open" in [action.id for action in load_session(made.path).actions]


def test_a_missing_previous_session_is_reported_and_the_rest_carried(series: Path) -> None:
    (series.parent / "2026-first.toml").unlink()
    made = create_followup(series, title=title_of, day=DAY)
    assert [problem.field for problem in made.history.problems] == ["session.previous"]
    assert [action.id for action in load_session(made.path).actions] == ["a-new"]


def test_link_file_is_relative_with_forward_slashes(tmp_path: Path) -> None:
    assert link_file(tmp_path / "a" / "prev.toml", tmp_path / "b" / "new.toml") == "../a/prev.toml"
    assert link_file(tmp_path / "prev.toml", tmp_path / "new.toml") == "prev.toml"
