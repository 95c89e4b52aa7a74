"""Hostile text through the command line: stored exactly, printed without terminal controls.

One session holds every kind of odd text (markup, escape sequences, NUL, bidi
overrides, emoji with ZWJ, combining marks, wide CJK) in every field; every
command that prints from it must print the words and never a control
character, and the Markdown and CSV it writes must escape what would be markup.
"""

from __future__ import annotations

import csv
import io
import tomllib
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
import tomli_w

from kumppani.fileformat.encode import text as stored_text
from kumppani.session.model import Action, Indicator, Note, Participant, Session, WinWin
from kumppani.settings import paths
from kumppani.storage.files import load_session, save_session
from kumppani.text.safe import TERMINAL_CONTROLS
from tests.support.cli import run

if TYPE_CHECKING:
    from tests.support.dirs import KumppaniDirs

MARKUP = (
    "[bold]lihava[/] [/] [link=file:///etc/passwd]linkki[/link] [@click=app.quit]x[/] $muuttuja"
)
ESCAPES = "\x1b[2J\x1b]0;pwned\x07 \x1b]8;;http://evil.example\x1b\\osc8\x1b]8;;\x1b\\ \x9b31m"
CONTROLS = "nul\x00 bell\x07 del\x7f vt\x0b"
BIDI = "\u202eevil\u202c \u2066iso\u2069 \u200fmerkki"
WIDE = "👩\u200d👩\u200d👧 e\u0301 Ä\u0308 漢字のタイトル"
HOSTILE = f"{MARKUP} {ESCAPES} {CONTROLS} {BIDI} {WIDE}"
"""Every kind of odd text, in one string."""

FOLDER_NAME = "sessions"


def assert_terminal_safe(output: str, *, crlf: bool = False) -> None:
    """No control or bidi character but line feeds (and CR LF line ends for CSV)."""
    if crlf:
        output = output.replace("\r\n", "\n")
    found = {char for char in TERMINAL_CONTROLS.findall(output) if char != "\n"}
    assert found == set(), f"control characters printed: {sorted(map(repr, found))}"


def hostile_session() -> Session:
    session = Session(
        title=f"Otsikko {HOSTILE}",
        theme=f"Teema {HOSTILE}",
        venue=f"Paikka {HOSTILE}",
        facilitator=f"Vetäjä {HOSTILE}",
        date=date(2026, 3, 12),
    )
    person = Participant(
        name=f"Nimi {HOSTILE}", organisation=f"Org {HOSTILE}", title="T", party="state"
    )
    session.participants = [person]
    for step in session.steps:
        step.notes = [Note(f"Havainto {HOSTILE}", participant=person.id, party="state")]
        step.conclusion = f"Johtopäätös {HOSTILE}\nToinen rivi"
    session.winwin = WinWin(state_gains=f"Hyöty {HOSTILE}")
    session.actions = [
        Action(
            title=f"=Toimenpide {HOSTILE}",
            owner=f"Omistaja {HOSTILE}",
            responsible=[f"Vastuu {HOSTILE}"],
            due=date(2026, 6, 30),
        )
    ]
    session.indicators = [Indicator(name=f"Mittari {HOSTILE}", owner=f"Omistaja {HOSTILE}")]
    session.shared_message = f"Viesti {HOSTILE}"
    return session


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    root = tmp_path / FOLDER_NAME
    root.mkdir()
    save_session(hostile_session(), root / "2026-03-12-vihamielinen.toml")
    return root


def test_every_field_is_stored_exactly(tmp_path: Path) -> None:
    session = hostile_session()
    session.steps[0].notes.append(Note("iso liitos " + HOSTILE * 400))  # ~100 kB
    path = tmp_path / "s.toml"
    save_session(session, path)
    back = load_session(path)
    assert back.title == session.title
    assert back.participants[0].name == session.participants[0].name
    assert [note.text for note in back.steps[0].notes] == [
        stored_text(note.text) for note in session.steps[0].notes
    ]
    assert back.steps[2].conclusion == session.steps[2].conclusion
    assert back.actions[0].title == session.actions[0].title
    assert back.indicators[0].name == session.indicators[0].name
    assert back == load_session(path)


def test_list_prints_titles_literally_without_controls(
    capsys: pytest.CaptureFixture[str], folder: Path
) -> None:
    code, out, err = run(capsys, "--dir", str(folder), "list", "--no-cache")
    assert code == 0 and err == ""
    assert_terminal_safe(out)
    assert "Otsikko [bold]lihava[/] [/] [link=file:///etc/pas…" in out  # cut at 50
    assert len(out.splitlines()) == 1


def test_search_prints_the_matching_lines_without_controls(
    capsys: pytest.CaptureFixture[str], folder: Path
) -> None:
    code, out, _ = run(capsys, "--dir", str(folder), "search", "lihava", "--no-cache")
    assert code == 0
    assert_terminal_safe(out)
    assert "Havainto [bold]lihava[/]" in out and "$muuttuja" in out
    assert all(line.startswith("2026-03-12-vihamielinen.toml: ") for line in out.splitlines())


@pytest.mark.parametrize("form", ["table", "md", "csv"])
def test_actions_in_every_format_are_safe(
    capsys: pytest.CaptureFixture[str], folder: Path, form: str
) -> None:
    code, out, _ = run(capsys, "--dir", str(folder), "actions", "--format", form, "--no-cache")
    assert code == 0
    assert_terminal_safe(out, crlf=form == "csv")
    if form == "table":
        assert "=Toimenpide [bold]lihava[/]" in out
    elif form == "md":
        # Brackets and pipes escaped: no link, no extra table cell.
        assert r"=Toimenpide \[bold\]lihava\[/\]" in out
        assert r"\[link=file:///etc/passwd\]" in out
        rows = [line for line in out.splitlines() if line.startswith("|")]
        assert len({line.count("|") - line.count(r"\|") for line in rows}) == 1
    else:
        rows = list(csv.DictReader(io.StringIO(out, newline="")))
        assert len(rows) == 1
        title = rows[0]["title"]
        assert title.startswith("'=Toimenpide [bold]lihava[/]")  # never a formula
        assert "\x1b" not in title and "\u202e" not in title


def test_export_and_review_escape_the_markdown_and_print_no_controls(
    capsys: pytest.CaptureFixture[str], folder: Path, tmp_path: Path
) -> None:
    source = folder / "2026-03-12-vihamielinen.toml"
    code, out, _ = run(capsys, "export", str(source))
    assert code == 0
    assert_terminal_safe(out)
    assert r"\[link=file:///etc/passwd\]linkki\[/link\]" in out
    assert "](" not in out.replace(r"\]", "")  # no Markdown link made from the text
    assert "漢字のタイトル" in out and "👩\u200d👩\u200d👧" in out
    code, reviewed, _ = run(capsys, "review", str(source))
    assert code == 0 and reviewed == out
    written = tmp_path / "muistio.md"
    code, _, _ = run(capsys, "export", str(source), "-o", str(written))
    markdown = written.read_text(encoding="utf-8")
    assert code == 0 and "\x1b" not in markdown and "\x00" not in markdown
    assert "\u202e" not in markdown


def test_validate_quotes_a_hostile_value_on_one_safe_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    document = tomllib.loads(
        (Path(__file__).parents[1] / "sessions")
        .joinpath("2026-03-12-nuorisotyollisyys.toml")
        .read_text(encoding="utf-8")
    )
    document["session"]["status"] = f"outo {HOSTILE}"
    broken = tmp_path / "rikki \x1b[2J.toml"
    broken.write_text(tomli_w.dumps(document), encoding="utf-8")
    code, out, _ = run(capsys, "validate", str(broken))
    assert code == 1
    assert_terminal_safe(out)
    assert len(out.splitlines()) == 1
    assert "session.status" in out and "outo [bold]lihava[/]" in out


def test_templates_lists_a_hostile_template_name_safely(
    capsys: pytest.CaptureFixture[str], kumppani_dirs: KumppaniDirs
) -> None:
    builtin = Path(paths.__file__).parents[1] / "templates" / "partnership.toml"
    document = tomllib.loads(builtin.read_text(encoding="utf-8"))
    document["id"] = "vihamielinen"
    document["name"] = {language: f"Pohja {HOSTILE}" for language in ("fi", "sv", "en")}
    kumppani_dirs.templates.mkdir(parents=True)
    (kumppani_dirs.templates / "vihamielinen.toml").write_text(
        tomli_w.dumps(document), encoding="utf-8"
    )
    code, out, err = run(capsys, "templates")
    assert code == 0 and err == ""
    assert_terminal_safe(out)
    line = next(line for line in out.splitlines() if line.startswith("vihamielinen"))
    assert "Pohja [bold]lihava[/] [/]" in line


def test_new_from_a_hostile_title_makes_a_safe_readable_name(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, out, _ = run(
        capsys,
        "--dir",
        str(tmp_path),
        "new",
        "--title",
        f"Pöytä ../../{HOSTILE}",
        "--date",
        "2026-03-12",
    )
    assert code == 0
    assert_terminal_safe(out)
    path = Path(out.strip())
    assert path.parent == tmp_path and path.name.startswith("2026-03-12-pöytä-bold-lihava")
    title = load_session(path).title
    assert "\x1b" not in title and "\x00" not in title and "[bold]lihava[/]" in title
