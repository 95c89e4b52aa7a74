"""Search across sessions: every step's text, by line, case ignored."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from kumppani.library import scan_folder
from kumppani.library.search import FIELDS, search
from kumppani.session.model import Action, Indicator, Note, Session, WinWin
from kumppani.storage.files import save_session


def folder_with_text(tmp_path: Path) -> Path:
    first = Session(title="Eka", date=dt.date(2026, 1, 1))
    first.step("situation").notes = [Note(text="Ohjaamo toimii\nmutta jonot ovat pitkät")]
    first.step("overall").conclusion = "Toimijakartta: OHJAAMO mukana"
    first.winwin = WinWin(city_gains="Kaupunki saa ohjaamorahoitusta")
    first.actions = [
        Action(title="Ohjaamon laajennus", description="kuvaus", rationale="Ohjaamo on täynnä")
    ]
    first.shared_message = "Viesti ohjaamosta"
    first.indicators = [Indicator(name="Ohjaamon kävijät")]
    first.followup_plan = "Sihteeristö seuraa ohjaamoa"
    save_session(first, tmp_path / "1.toml")
    second = Session(title="Toka", date=dt.date(2026, 2, 1))
    second.step("will").notes = [Note(text="Ei mitään haettavaa"), Note(text="Ohjaamo taas")]
    save_session(second, tmp_path / "2.toml")
    return tmp_path


def test_search_finds_every_kind_of_text_case_ignored(tmp_path: Path) -> None:
    summaries = scan_folder(folder_with_text(tmp_path)).summaries
    hits = search(summaries, "ohjaamo")
    assert [(hit.summary.path.name, hit.step, hit.entry.field, hit.line) for hit in hits] == [
        ("1.toml", "overall", "conclusion", "Toimijakartta: OHJAAMO mukana"),
        ("1.toml", "situation", "note", "Ohjaamo toimii"),
        ("1.toml", "will", "winwin.city_gains", "Kaupunki saa ohjaamorahoitusta"),
        ("1.toml", "solutions", "action.title", "Ohjaamon laajennus"),
        ("1.toml", "solutions", "action.rationale", "Ohjaamo on täynnä"),
        ("1.toml", "solutions", "shared_message", "Viesti ohjaamosta"),
        ("1.toml", "followup", "indicator.name", "Ohjaamon kävijät"),
        ("1.toml", "followup", "followup_plan", "Sihteeristö seuraa ohjaamoa"),
        ("2.toml", "will", "note", "Ohjaamo taas"),
    ]
    assert {hit.entry.field for hit in hits} <= set(FIELDS)


def test_search_matches_lines_and_can_keep_to_steps(tmp_path: Path) -> None:
    summaries = scan_folder(folder_with_text(tmp_path)).summaries
    assert [hit.line for hit in search(summaries, "JONOT")] == ["mutta jonot ovat pitkät"]
    assert [hit.line for hit in search(summaries, "ohjaamo", steps=["will"])] == [
        "Kaupunki saa ohjaamorahoitusta",
        "Ohjaamo taas",
    ]
    assert search(summaries, "  ") == []
    assert search(summaries, "ei löydy") == []
    assert search(summaries, "ohjaamo toimii\nmutta") == []  # a match never spans lines


def test_search_works_from_the_cache_alone(tmp_path: Path) -> None:
    import os

    folder = folder_with_text(tmp_path)
    for path in folder.glob("*.toml"):
        os.utime(path, ns=(1_700_000_000 * 10**9, 1_700_000_000 * 10**9))
    scan_folder(folder)
    warm = scan_folder(folder)
    assert warm.read == 0
    assert len(search(warm.summaries, "ohjaamo")) == 9


def test_case_folding_that_changes_length_still_finds_the_right_line(tmp_path: Path) -> None:
    session = Session(title="Saksa")
    session.step("overall").notes = [Note(text="STRASSE ohne\nStraße mit ß\nmuu rivi")]
    save_session(session, tmp_path / "s.toml")
    hits = search(scan_folder(tmp_path).summaries, "strasse")
    assert [hit.line for hit in hits] == ["STRASSE ohne", "Straße mit ß"]


def test_search_finds_the_notes_on_an_action_s_status_changes(tmp_path: Path) -> None:
    # The notes written when an action's status changes are text a secretariat looks for.
    from kumppani.cli.main import main
    from kumppani.session.vocabulary import ActionStatus

    session = Session(title="Seuranta", date=dt.date(2026, 9, 1))
    action = Action(title="Lomake")
    action.set_status(ActionStatus.POSTPONED, dt.date(2026, 9, 1), "Odottaa rahoituspäätöstä")
    session.actions = [action]
    save_session(session, tmp_path / "seuranta.toml")
    hits = search(scan_folder(tmp_path).summaries, "RAHOITUSPÄÄTÖ")
    assert [(hit.step, hit.entry.field, hit.line) for hit in hits] == [
        ("solutions", "action.status_note", "Odottaa rahoituspäätöstä")
    ]
    assert {hit.entry.field for hit in hits} <= set(FIELDS)
    assert main(["--dir", str(tmp_path), "--lang", "en", "search", "rahoituspäätö"]) == 0


def test_a_vote_result_carried_to_step_three_is_found_once(tmp_path: Path) -> None:
    from kumppani.roundtable import voting

    one = Session(title="Ääni", date=dt.date(2026, 3, 1))
    situation = one.step("situation")
    situation.notes = [Note(text="Nuoret  ohjaamoon", party="city", participant="p-1")]
    vote = voting.new_vote(one, dt.datetime(2026, 3, 1, 10, tzinfo=dt.UTC))
    voting.set_count(situation, vote, situation.notes[0].id, 5)
    voting.record(situation, vote)
    voting.carry_forward(one, situation, vote, "will")
    save_session(one, tmp_path / "aani.toml")
    summaries = scan_folder(tmp_path).summaries
    hits = search(summaries, "ohjaamoon")
    assert [(hit.step, hit.line) for hit in hits] == [("situation", "Nuoret  ohjaamoon")]
    # Searching step 3 alone still finds the focus theme there.
    assert [(hit.step, hit.line) for hit in search(summaries, "ohjaamoon", steps=["will"])] == [
        ("will", "Nuoret  ohjaamoon")
    ]
