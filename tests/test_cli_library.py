"""The secretariat's commands through ``main([...])`` and ``python -m kumppani``.

list, search and actions over generated folders with broken files; followup,
review and approve on single files.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import io
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import kumppani
from kumppani import library
from kumppani.cli import library as cli_library
from kumppani.session.model import (
    Action,
    Approval,
    Indicator,
    Note,
    Participant,
    PreviousSession,
    Reading,
    Session,
)
from kumppani.session.vocabulary import ActionStatus, SessionStatus
from kumppani.storage.files import load_session, save_session
from tests.support.cli import run, run_module

OLD_NS = 1_700_000_000 * 1_000_000_000
SYNTAX_ERROR = 'format = "kumppani.session"\nformat_version = "1.0"\n[session\ntitle = "x"\n'
WRONG_TYPE = (
    'format = "kumppani.session"\nformat_version = "1.0"\n\n[session]\ntitle = 3\n\n[end]\n'
)
PAST = dt.date(2000, 1, 1)
FUTURE = dt.date(2999, 1, 1)


def save(folder: Path, name: str, session: Session) -> Path:
    path = folder / name
    save_session(session, path)
    os.utime(path, ns=(OLD_NS, OLD_NS))
    return path


PEOPLE = [
    Participant(name="Neuvotteleva virkamies", organisation="TEM", party="state", id="p-1"),
    Participant(
        name="Työllisyysjohtaja", organisation="Tampereen kaupunki", party="city", id="p-2"
    ),
    Participant(name="Kelan edustaja", organisation="Kela", party="other", present=False, id="p-3"),
]


def session(title: str, day: dt.date | None, ident: str, **kw: Any) -> Session:
    return Session(title=title, date=day, id=ident, participants=list(PEOPLE), **kw)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """Two series, a lone session, and three broken files."""
    root = tmp_path / "secretariat"
    root.mkdir()
    first = session("Nuorisotyöllisyys", dt.date(2026, 3, 12), "s-1", theme="Nuoret")
    first.step("situation").notes = [
        Note(text="Ohjaamo on ruuhkautunut\nJonot ovat pitkät", participant="p-2"),
        Note(text="Väri\x1b[31m ohjaamo \u202eloppu"),
    ]
    first.step("will").conclusion = "Tavoite: nuoret töihin"
    first.actions = [
        Action(
            title="Keskeytysilmoitus",
            owner="Työllisyysjohtaja",
            responsible=["Tampereen kaupunki"],
            due=PAST,
            status=ActionStatus.AGREED,
            id="a-1",
        ),
        Action(
            title="Kokeilulaki",
            owner="Neuvotteleva virkamies",
            responsible=["TEM"],
            due=FUTURE,
            status=ActionStatus.AGREED,
            id="a-2",
        ),
    ]
    first.indicators = [Indicator(name="Yhteydet", id="i-1", readings=[Reading(PAST, 35)])]
    save(root, "2026-03-12-nuoret.toml", first)

    second = session(
        "Nuorisotyöllisyys: seuranta",
        dt.date(2026, 9, 17),
        "s-2",
        status=SessionStatus.APPROVED,
        approval=Approval(by="Sihteeri", at=dt.datetime(2026, 9, 20, tzinfo=dt.UTC)),
        previous=PreviousSession("s-1", "2026-03-12-nuoret.toml", "Nuorisotyöllisyys"),
    )
    done = Action(title="Keskeytysilmoitus", owner="Työllisyysjohtaja", due=PAST, id="a-1")
    done.responsible = ["Tampereen kaupunki"]
    done.status = ActionStatus.IN_PROGRESS
    done.set_status(ActionStatus.DONE, dt.date(2026, 8, 1), "valmis")
    second.actions = [done, first.actions[1]]
    second.shared_message = "Ohjaamo tavoittaa nyt nopeammin"
    save(root, "2026-09-17-nuoret-seuranta.toml", second)

    lone = Session(title="Asuminen", date=dt.date(2025, 5, 1), id="s-9", theme="Kohtuuhintaisuus")
    lone.participants = [Participant(name="Y", party="state")]
    lone.actions = [
        Action(title="Kaavoitus | selvitys", owner="Kaavoittaja", due=PAST, id="a-9"),
    ]
    save(root, "2025-05-01-asuminen.toml", lone)

    good = (root / "2025-05-01-asuminen.toml").read_text(encoding="utf-8")
    for name, text in [
        ("broken-syntax.toml", SYNTAX_ERROR),
        ("broken-type.toml", WRONG_TYPE),
        ("broken-truncated.toml", good[: len(good) // 2]),
    ]:
        (root / name).write_text(text, encoding="utf-8")
        os.utime(root / name, ns=(OLD_NS, OLD_NS))
    return root


def broken_lines(err: str) -> list[str]:
    return [line for line in err.splitlines() if "broken-" in line]


def files_in(out: str) -> list[str]:
    return [line.split()[-1] for line in out.splitlines()]


# --- list -------------------------------------------------------------------------------


def test_list_reports_broken_files_and_lists_the_rest(
    capsys: pytest.CaptureFixture[str], folder: Path
) -> None:
    code, out, err = run(capsys, "--dir", str(folder), "list")
    assert code == 0
    assert files_in(out) == [
        "2026-09-17-nuoret-seuranta.toml",
        "2026-03-12-nuoret.toml",
        "2025-05-01-asuminen.toml",
    ]
    lines = broken_lines(err)
    assert len(lines) == 3
    assert lines[0].startswith(f"kumppani: {folder / 'broken-syntax.toml'}:3:")
    assert lines[1].startswith(f"kumppani: {folder / 'broken-truncated.toml'}:")
    assert f"{folder / 'broken-type.toml'}:5: kenttä 'session.title'" in lines[2]


def test_list_uses_the_cache_the_second_time(
    capsys: pytest.CaptureFixture[str], folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = run(capsys, "--dir", str(folder), "list")
    calls: list[Path] = []

    def counting(path: Path) -> library.Record:
        calls.append(path)
        return library.summarize_file(path)

    counted = functools.partial(library.scan_folder, summarize=counting)
    monkeypatch.setattr(cli_library, "scan_folder", counted)
    second = run(capsys, "--dir", str(folder), "list")
    assert second == first  # the same lines, broken files included
    assert calls == []
    third = run(capsys, "--dir", str(folder), "list", "--no-cache")
    assert third == first and len(calls) == 6


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        (["--status", "approved"], ["2026-09-17-nuoret-seuranta.toml"]),
        (
            ["--status", "draft", "--status", "approved"],
            [
                "2026-09-17-nuoret-seuranta.toml",
                "2026-03-12-nuoret.toml",
                "2025-05-01-asuminen.toml",
            ],
        ),
        (["--party", "city"], ["2026-09-17-nuoret-seuranta.toml", "2026-03-12-nuoret.toml"]),
        (["--party", "Kaupunki"], ["2026-09-17-nuoret-seuranta.toml", "2026-03-12-nuoret.toml"]),
        (["--party", "other"], []),  # the only other party was absent
        (["--series", "s-2"], ["2026-03-12-nuoret.toml", "2026-09-17-nuoret-seuranta.toml"]),
        (["--text", "RUUHKA"], ["2026-03-12-nuoret.toml"]),
        (["--text", "kohtuuhintaisuus"], ["2025-05-01-asuminen.toml"]),
        (["--since", "2026-01-01", "--until", "2026-06-30"], ["2026-03-12-nuoret.toml"]),
        (["--since", "1.1.2026", "--until", "30.6.2026"], ["2026-03-12-nuoret.toml"]),
        (["--text", "2025-05-01-ASUMINEN"], ["2025-05-01-asuminen.toml"]),  # as home: file names
        (
            ["--sort", "title"],
            [
                "2025-05-01-asuminen.toml",
                "2026-03-12-nuoret.toml",
                "2026-09-17-nuoret-seuranta.toml",
            ],
        ),
        (
            ["--sort", "status"],
            [
                "2026-03-12-nuoret.toml",
                "2025-05-01-asuminen.toml",
                "2026-09-17-nuoret-seuranta.toml",
            ],
        ),
        (
            ["--reverse"],
            [
                "2025-05-01-asuminen.toml",
                "2026-03-12-nuoret.toml",
                "2026-09-17-nuoret-seuranta.toml",
            ],
        ),
    ],
)
def test_list_filters_and_sorts(
    capsys: pytest.CaptureFixture[str], folder: Path, options: list[str], expected: list[str]
) -> None:
    code, out, err = run(capsys, "--dir", str(folder), "list", *options)
    assert code == 0
    assert files_in(out) == expected
    if not expected:
        assert "kumppani" not in err.splitlines()[-1]  # a plain note, not an error line


def test_list_series_by_file_is_the_same_timeline(
    capsys: pytest.CaptureFixture[str], folder: Path
) -> None:
    by_id = run(capsys, "--dir", str(folder), "list", "--series", "s-1")
    by_file = run(capsys, "--dir", str(folder), "list", "--series", "2026-03-12-nuoret.toml")
    assert by_id == by_file
    code, out, err = run(capsys, "--dir", str(folder), "list", "--series", "s-unknown")
    assert (code, out) == (1, "")
    assert "s-unknown" in err


def test_list_recursive(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    (tmp_path / "2024").mkdir()
    save(tmp_path / "2024", "old.toml", session("Vanha", dt.date(2024, 1, 1), "s-old"))
    save(tmp_path, "new.toml", session("Uusi", dt.date(2026, 1, 1), "s-new"))
    assert files_in(run(capsys, "--dir", str(tmp_path), "list")[1]) == ["new.toml"]
    code, out, _ = run(capsys, "--dir", str(tmp_path), "list", "-r")
    assert code == 0
    assert files_in(out) == ["new.toml", os.path.join("2024", "old.toml")]


# --- search -----------------------------------------------------------------------------


def test_search_prints_file_step_and_the_matching_line(
    capsys: pytest.CaptureFixture[str], folder: Path
) -> None:
    code, out, err = run(capsys, "--dir", str(folder), "--lang", "en", "search", "OHJAAMO")
    assert code == 0
    assert out.splitlines() == [
        "2026-03-12-nuoret.toml: Situation picture: Ohjaamo on ruuhkautunut",
        "2026-03-12-nuoret.toml: Situation picture: Väri ohjaamo loppu",
        "2026-09-17-nuoret-seuranta.toml: Solutions and message: Ohjaamo tavoittaa nyt nopeammin",
    ]
    assert len(broken_lines(err)) == 3


def test_search_in_one_step_and_with_no_hits(
    capsys: pytest.CaptureFixture[str], folder: Path
) -> None:
    code, out, _ = run(capsys, "--dir", str(folder), "search", "ohjaamo", "--step", "solutions")
    assert (code, len(out.splitlines())) == (0, 1)
    assert out.startswith("2026-09-17-nuoret-seuranta.toml: Ratkaisut ja viesti: ")
    code, out, err = run(capsys, "--dir", str(folder), "--lang", "en", "search", "zebra")
    assert (code, out) == (0, "")
    assert "no matches for zebra" in err
    code, out, err = run(capsys, "--dir", str(folder), "search", "  ")
    assert (code, out) == (1, "")


# --- actions ----------------------------------------------------------------------------


def test_actions_table_shows_the_latest_state_and_its_session(
    capsys: pytest.CaptureFixture[str], folder: Path
) -> None:
    code, out, err = run(capsys, "--dir", str(folder), "--lang", "en", "actions")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == ["Status", "Due", "Action", "Owner", "Responsible", "Session"]
    assert len(lines) == 4
    keskeytys = next(line for line in lines if "Keskeytysilmoitus" in line)
    assert keskeytys.startswith("Done ") and "2026-09-17-nuoret-seuranta.toml" in keskeytys
    assert "2000-01-01" in keskeytys
    assert len(broken_lines(err)) == 3


@pytest.mark.parametrize(
    ("options", "ids"),
    [
        (["--status", "open"], {"a-2", "a-9"}),
        (["--status", "done"], {"a-1"}),
        (["--status", "proposed", "--status", "done"], {"a-1", "a-9"}),
        (["--overdue"], {"a-9"}),
        (["--party", "state"], {"a-2"}),
        (["--party", "Tampereen kaupunki"], {"a-1"}),
        (["--owner", "VIRKAMIES"], {"a-2"}),
        (["--status", "cancelled"], set()),
    ],
)
def test_actions_filters(
    capsys: pytest.CaptureFixture[str], folder: Path, options: list[str], ids: set[str]
) -> None:
    code, out, _ = run(capsys, "--dir", str(folder), "actions", "--format", "csv", *options)
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out, newline="")))
    assert {row["id"] for row in rows} == ids


def test_actions_as_csv_parse_back(capsys: pytest.CaptureFixture[str], folder: Path) -> None:
    code, out, _ = run(capsys, "--dir", str(folder), "actions", "--format", "csv")
    assert code == 0
    assert out.startswith("id,title,status,due,")
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(out, newline=""))}
    assert rows["a-1"]["status"] == "done"
    assert rows["a-1"]["session_file"] == "2026-09-17-nuoret-seuranta.toml"
    assert rows["a-1"]["first_file"] == "2026-03-12-nuoret.toml"
    assert rows["a-9"]["overdue"] == "yes"
    assert rows["a-9"]["title"] == "Kaavoitus | selvitys"


def test_actions_as_markdown(capsys: pytest.CaptureFixture[str], folder: Path) -> None:
    code, out, _ = run(capsys, "--dir", str(folder), "actions", "--format", "md", "--overdue")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith("| Tila | Määräpäivä | Toimenpide |")
    assert len(lines) == 3 and "Kaavoitus \\| selvitys" in lines[2]


def test_actions_and_search_in_a_subprocess(folder: Path) -> None:
    result = run_module("--dir", str(folder), "actions", "--format", "csv", "--status", "open")
    assert result.returncode == 0
    rows = list(csv.reader(io.StringIO(result.stdout, newline="")))
    assert rows[0][0] == "id" and sorted(row[0] for row in rows[1:]) == ["a-2", "a-9"]
    assert len(broken_lines(result.stderr)) == 3
    found = run_module("--dir", str(folder), "search", "tavoite")
    assert found.returncode == 0
    assert found.stdout == "2026-03-12-nuoret.toml: Tahtotila ja tavoite: Tavoite: nuoret töihin\n"


# --- followup ---------------------------------------------------------------------------


def test_followup_creates_the_next_session(
    capsys: pytest.CaptureFixture[str], folder: Path
) -> None:
    previous = folder / "2026-09-17-nuoret-seuranta.toml"
    code, out, err = run(capsys, "followup", str(previous), "--date", "2027-03-15")
    assert (code, err) == (0, "")
    path = Path(out.strip())
    assert path == folder / "2027-03-15-nuorisotyöllisyys-seuranta.toml"
    made = load_session(path)
    assert made.previous is not None and made.previous.id == "s-2"
    assert made.previous.file == previous.name
    assert [action.id for action in made.actions] == ["a-2"]  # a-1 is done
    assert [indicator.id for indicator in made.indicators] == ["i-1"]
    assert all(person.present is None for person in made.participants)  # not known yet
    assert made.status is SessionStatus.DRAFT


def test_followup_with_a_title_to_a_named_file(
    capsys: pytest.CaptureFixture[str], folder: Path, tmp_path: Path
) -> None:
    out_file = tmp_path / "seuraava.toml"
    previous = folder / "2026-03-12-nuoret.toml"
    code, out, _ = run(
        capsys, "followup", str(previous), "-o", str(out_file), "--title", "Kevät\x1b[2J 2027"
    )
    assert (code, out.strip()) == (0, str(out_file))
    made = load_session(out_file)
    assert made.title == "Kevät 2027"
    assert made.previous is not None and made.previous.file == "secretariat/2026-03-12-nuoret.toml"
    code, _, err = run(capsys, "followup", str(previous), "-o", str(out_file))
    assert code == 1 and str(out_file) in err


def test_followup_of_a_missing_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, err = run(capsys, "followup", str(tmp_path / "nope.toml"))
    assert (code, out) == (1, "")
    assert err.startswith(f"kumppani: {tmp_path / 'nope.toml'}: ")


# --- review and approve -----------------------------------------------------------------


def test_review_prints_the_minutes_and_writes_nothing(
    capsys: pytest.CaptureFixture[str], folder: Path
) -> None:
    path = folder / "2026-03-12-nuoret.toml"
    before = (path.read_bytes(), path.stat().st_mtime_ns, sorted(folder.iterdir()))
    code, out, err = run(capsys, "review", str(path), "--lang", "en")
    assert (code, err) == (0, "")
    assert out.startswith("# ") and "Keskeytysilmoitus" in out and "Jonot ovat pitkät" in out
    assert "\x1b" not in out and "\u202e" not in out
    assert (path.read_bytes(), path.stat().st_mtime_ns, sorted(folder.iterdir())) == before


def test_approve_then_refuse_then_force(capsys: pytest.CaptureFixture[str], folder: Path) -> None:
    path = folder / "2026-03-12-nuoret.toml"
    assert run(capsys, "status", str(path), "held")[0] == 0  # approval needs a held session
    code, out, err = run(capsys, "approve", str(path), "--by", "Erityisasiantuntija")
    assert (code, err) == (0, "")
    assert "Erityisasiantuntija" in out
    approved = load_session(path)
    assert approved.status is SessionStatus.APPROVED
    assert approved.approval is not None and approved.approval.by == "Erityisasiantuntija"
    assert approved.approval.at.tzinfo is not None
    data = path.read_bytes()
    code, out, err = run(capsys, "--lang", "en", "approve", str(path), "--by", "Joku muu")
    assert (code, out) == (1, "")
    assert "already approved by Erityisasiantuntija" in err and "--force" in err
    assert path.read_bytes() == data
    code, _, _ = run(capsys, "approve", str(path), "--by", "Joku muu", "--force")
    assert code == 0
    assert load_session(path).approval.by == "Joku muu"  # type: ignore[union-attr]
    assert [p.name for p in folder.iterdir() if p.name.startswith(".")] == []


def test_approve_needs_a_name(capsys: pytest.CaptureFixture[str], folder: Path) -> None:
    path = folder / "2026-03-12-nuoret.toml"
    code, _, err = run(capsys, "approve", str(path))
    assert code == 2 and "--by" in err
    code, _, _ = run(capsys, "approve", str(path), "--by", " \x1b[2J ")
    assert code == 1
    assert load_session(path).approval is None


def test_approve_a_broken_file_is_one_line(
    capsys: pytest.CaptureFixture[str], folder: Path
) -> None:
    code, out, err = run(capsys, "approve", str(folder / "broken-type.toml"), "--by", "X")
    assert (code, out) == (1, "")
    assert len(err.splitlines()) == 1 and "session.title" in err


# --- help and imports -------------------------------------------------------------------


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
@pytest.mark.parametrize("command", ["list", "search", "actions", "followup", "review", "approve"])
def test_help_of_every_new_command_in_every_language(
    capsys: pytest.CaptureFixture[str], language: str, command: str
) -> None:
    code, out, _ = run(capsys, "--lang", language, command, "--help")
    assert code == 0 and out


@pytest.mark.parametrize(
    ("language", "shown"), [("fi", "EROTIN"), ("sv", "AVGRÄNSARE"), ("en", "DELIMITER")]
)
def test_the_delimiter_option_reads_as_a_word_in_the_help(
    capsys: pytest.CaptureFixture[str], language: str, shown: str
) -> None:
    """Issue 14: the usage showed ``--delimiter {,,;}``, its choices run together."""
    code, out, _ = run(capsys, "--lang", language, "actions", "--help")
    assert code == 0
    assert f"--delimiter {shown}" in out and "{,,;}" not in out


def test_the_library_commands_do_not_load_textual() -> None:
    modules = [
        "kumppani.cli.library",
        "kumppani.library",
        "kumppani.library.search",
        "kumppani.library.tracker",
        "kumppani.editing.followup_session",
    ]
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')))\n"
    )
    source = str(Path(kumppani.__file__).resolve().parents[1])
    env = dict(os.environ, PYTHONPATH=source)
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    )
    assert result.stdout.strip() == "[]"
