"""The command line through its real entry points: ``main([...])`` and ``python -m kumppani``."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import types
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

import kumppani
from kumppani.session.model import Note, Participant, Session
from kumppani.session.template_sources import find_template
from kumppani.settings.config import Config
from kumppani.storage.files import load_session, save_session
from kumppani.text.safe import one_line, printable, single_line
from tests.support.cli import run, run_module
from tests.support.examples import EXAMPLES

if TYPE_CHECKING:
    from tests.support.dirs import KumppaniDirs

BROKEN = 'format = "kumppani.session"\nformat_version = "1.0"\n\n[session]\ntitle = 3\n\n[end]\n'


def make_session(folder: Path, name: str, title: str, day: date | None, **kw: Any) -> Path:
    session = Session(title=title, date=day, **kw)
    path = folder / name
    save_session(session, path)
    return path


# --- new --------------------------------------------------------------------------------


def test_new_creates_a_valid_session_with_the_templates_minutes(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, out, err = run(
        capsys,
        "--dir",
        str(tmp_path),
        "new",
        "--title",
        "Nuorisotyöllisyys, Tampere",
        "--date",
        "2026-03-12",
        "--venue",
        "Raatihuone",
        "--facilitator",
        "Neuvotteleva virkamies",
        "--theme",
        "Nuorten polut",
    )
    assert (code, err) == (0, "")
    path = Path(out.strip())
    assert path == tmp_path / "2026-03-12-nuorisotyöllisyys-tampere.toml"
    session = load_session(path)
    template = find_template("partnership")
    assert template is not None
    assert [step.planned_minutes for step in session.steps] == [
        step.minutes for step in template.steps
    ]
    assert session.title == "Nuorisotyöllisyys, Tampere"
    assert session.date == date(2026, 3, 12)
    assert (session.venue, session.facilitator, session.theme) == (
        "Raatihuone",
        "Neuvotteleva virkamies",
        "Nuorten polut",
    )
    assert session.language == "fi"
    assert (session.template_id, session.template_version) == (template.id, template.version)


def test_new_never_overwrites_and_takes_the_language(
    capsys: pytest.CaptureFixture[str], kumppani_dirs: KumppaniDirs
) -> None:
    first = run(capsys, "--lang", "sv", "new", "--title", "Åbo", "--date", "2026-05-04")
    second = run(capsys, "new", "--title", "Åbo", "--date", "2026-05-04", "--lang", "sv")
    folder = kumppani_dirs.sessions  # the default folder, created on first use
    assert Path(first[1].strip()) == folder / "2026-05-04-åbo.toml"
    assert Path(second[1].strip()) == folder / "2026-05-04-åbo-2.toml"
    assert load_session(folder / "2026-05-04-åbo-2.toml").language == "sv"


def test_new_stores_one_line_fields_without_escapes(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, out, _ = run(
        capsys,
        "--dir",
        str(tmp_path),
        "new",
        "--title",
        " Otsikko\x1b[31m\n  kaksi ",
        "--venue",
        "\tx",
    )
    session = load_session(Path(out.strip()))
    assert code == 0
    assert (session.title, session.venue) == ("Otsikko kaksi", "x")


def test_new_without_a_title_or_date(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, _ = run(capsys, "--dir", str(tmp_path), "--lang", "en", "new")
    session = load_session(Path(out.strip()))
    assert code == 0
    assert session.title == "New session"
    assert session.date == date.today()


def test_new_to_a_named_file_refuses_an_existing_one(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    target = tmp_path / "oma.toml"
    assert run(capsys, "new", "--title", "A", "-o", str(target))[0] == 0
    before = target.read_bytes()
    code, out, err = run(capsys, "new", "--title", "B", "-o", str(target))
    assert (code, out) == (1, "")
    assert err.startswith(f"kumppani: {target}: ") and err.count("\n") == 1
    assert target.read_bytes() == before


def test_new_with_an_unknown_template(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "--dir", str(tmp_path), "new", "--template", "nope")
    assert code == 1
    assert "nope" in err and "partnership" in err
    assert list(tmp_path.iterdir()) == []


def test_new_with_a_bad_date_is_a_usage_error_that_says_why(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, _, err = run(capsys, "--dir", str(tmp_path), "new", "--date", "31.2.2026")
    assert code == 2
    assert "Päivää 31.2.2026 ei ole kalenterissa" in err
    code, _, err = run(capsys, "--dir", str(tmp_path), "new", "--date", "12/3/2026")
    assert code == 2
    assert "kirjoita 2026-03-12 tai 12.3.2026" in err
    assert list(tmp_path.iterdir()) == []


def test_new_takes_a_date_written_the_finnish_way(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, _, _ = run(capsys, "--dir", str(tmp_path), "new", "--date", "12.3.2026")
    assert code == 0
    [made] = tmp_path.glob("*.toml")
    assert made.name.startswith("2026-03-12")


# --- list -------------------------------------------------------------------------------


def test_list_shows_newest_first_and_reports_a_broken_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    make_session(tmp_path, "a.toml", "Vanha istunto", date(2025, 1, 5))
    make_session(
        tmp_path,
        "b.toml",
        "Uusin istunto",
        date(2026, 9, 17),
        participants=[
            Participant(name="N", party="city"),
            Participant(name="M", party="state"),
            Participant(name="Poissa", party="other", present=False),
        ],
    )
    make_session(tmp_path, "c.toml", "Ilman päivää", None)
    make_session(tmp_path, "d.toml", "Keskimmäinen", date(2026, 3, 12))
    (tmp_path / "broken.toml").write_text(BROKEN, encoding="utf-8")
    (tmp_path / ".kumppani-x.tmp").write_text("half written", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not a session", encoding="utf-8")

    code, out, err = run(capsys, "list", "--dir", str(tmp_path))
    assert code == 0
    lines = out.splitlines()
    assert [line.split()[-1] for line in lines] == ["b.toml", "d.toml", "a.toml", "c.toml"]
    assert lines[0].startswith("2026-09-17  Luonnos")
    assert "Uusin istunto" in lines[0] and "Valtio, Kaupunki" in lines[0]
    assert "Muu" not in lines[0]  # the party of someone absent is not listed
    assert err == f"kumppani: {tmp_path / 'broken.toml'}:5: kenttä 'session.title': " + (
        "arvo on kokonaisluku (odotettiin: teksti lainausmerkeissä)\n"
    )


def test_list_strips_control_characters_from_titles(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    title = "Pöytä\x1b[2J\x1b]0;pwned\x07 \u202eabc\u202c\x9b31m\x07 loppu"
    make_session(tmp_path, "x.toml", title, date(2026, 1, 1))
    code, out, _ = run(capsys, "--dir", str(tmp_path), "list")
    assert code == 0
    assert "Pöytä abc loppu" in out
    assert not any(ord(char) < 32 and char != "\n" for char in out)
    assert not any(0x7F <= ord(char) <= 0x9F or 0x202A <= ord(char) <= 0x202E for char in out)


def test_list_of_the_examples_in_english(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "--dir", str(EXAMPLES), "--lang", "en", "list")
    assert (code, err) == (0, "")
    names = [line.split()[-1] for line in out.splitlines()]
    assert names == sorted((path.name for path in EXAMPLES.glob("*.toml")), reverse=True)


def test_list_of_a_missing_folder_is_an_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, out, err = run(capsys, "--dir", str(tmp_path / "nope"), "list")
    assert (code, out) == (1, "")
    assert err.startswith(f"kumppani: {tmp_path / 'nope'}: ")


def test_list_of_an_empty_default_folder(
    capsys: pytest.CaptureFixture[str], kumppani_dirs: KumppaniDirs
) -> None:
    code, out, err = run(capsys, "list")
    assert (code, out) == (0, "")
    assert str(kumppani_dirs.sessions) in err
    assert kumppani_dirs.sessions.is_dir()


# --- validate ---------------------------------------------------------------------------


def test_validate_exit_codes_and_one_line_per_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    good = make_session(tmp_path, "good.toml", "Hyvä", date(2026, 1, 1))
    broken = tmp_path / "broken.toml"
    broken.write_text(BROKEN, encoding="utf-8")
    syntax = tmp_path / "syntax.toml"
    syntax.write_text('format = "kumppani.session"\ntitle = \n', encoding="utf-8")

    assert run(capsys, "validate", str(good)) == (0, "", "")
    assert run(capsys, "validate", "-v", str(good)) == (0, f"OK {good}\n", "")

    code, out, err = run(capsys, "validate", str(good), str(broken), str(syntax))
    assert (code, err) == (1, "")
    assert out.splitlines() == [
        f"{broken}:5: kenttä 'session.title': arvo on kokonaisluku "
        "(odotettiin: teksti lainausmerkeissä)",
        f"{syntax}:2:9: ei ole kelvollista TOMLia: arvo on virheellinen",
    ]


def test_validate_a_folder(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "validate", "--verbose", str(EXAMPLES))
    assert code == 0
    assert len(out.splitlines()) == len(list(EXAMPLES.glob("*.toml")))


def test_validate_in_a_subprocess(tmp_path: Path) -> None:
    broken = tmp_path / "broken.toml"
    broken.write_text(BROKEN, encoding="utf-8")
    result = run_module("validate", str(broken))
    assert result.returncode == 1
    assert result.stdout.startswith(f"{broken}:5: kenttä 'session.title'")
    assert "Traceback" not in result.stderr
    assert run_module("validate", str(EXAMPLES)).returncode == 0


# --- export -----------------------------------------------------------------------------


def note_session(folder: Path) -> Path:
    session = Session(title="Kasvupalvelut Oulussa", date=date(2026, 4, 1), language="fi")
    session.step("situation").notes.append(Note(text="Nuorisotakuu toimii hyvin"))
    path = folder / "kasvu.toml"
    save_session(session, path)
    return path


def test_export_to_standard_output(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, err = run(capsys, "export", str(note_session(tmp_path)))
    assert (code, err) == (0, "")
    assert out.startswith("# ")
    assert "Kasvupalvelut Oulussa" in out
    assert "Nuorisotakuu toimii hyvin" in out


def test_export_dash_means_standard_output_not_a_file_named_dash(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, "export", str(note_session(tmp_path)), "-o", "-")
    assert (code, err) == (0, "")
    assert out.startswith("# ") and "Nuorisotakuu toimii hyvin" in out
    assert not (tmp_path / "-").exists()


def test_export_to_a_file_in_another_language(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    source = note_session(tmp_path)
    out_file = tmp_path / "muistio.md"
    code, out, _ = run(capsys, "export", str(source), "-o", str(out_file), "--lang", "en")
    assert (code, out) == (0, f"{out_file}\n")
    text = out_file.read_text(encoding="utf-8")
    assert "Kasvupalvelut Oulussa" in text and "Nuorisotakuu toimii hyvin" in text
    finnish = run(capsys, "export", str(source))[1]
    assert text != finnish  # the headings are in English


def test_export_never_writes_over_a_session_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    source = note_session(tmp_path)
    before = source.read_bytes()
    assert run(capsys, "export", str(source), "-o", str(source))[0] == 1
    assert run(capsys, "export", str(source), "-o", str(tmp_path / "other.toml"))[0] == 1
    assert source.read_bytes() == before
    assert not (tmp_path / "other.toml").exists()


def test_export_of_an_example_in_a_subprocess(tmp_path: Path) -> None:
    example = sorted(EXAMPLES.glob("*.toml"))[0]
    session = load_session(example)
    result = run_module("export", str(example), "--anonymize")
    assert result.returncode == 0, result.stderr
    assert session.title.split(":")[0] in result.stdout


def test_export_picks_the_format_from_the_extension_or_to(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    source = note_session(tmp_path)
    for name, start in (("m.docx", b"PK"), ("m.odt", b"PK"), ("m.html", b"<!DOCTYPE html>")):
        code, out, err = run(capsys, "export", str(source), "-o", str(tmp_path / name))
        assert (code, err) == (0, "")
        assert (tmp_path / name).read_bytes().startswith(start)
    code, _, _ = run(capsys, "export", str(source), "-o", str(tmp_path / "x.md"), "--to", "html")
    assert code == 0 and (tmp_path / "x.md").read_text(encoding="utf-8").startswith("<!DOCTYPE")
    code, out, err = run(capsys, "--lang", "en", "export", str(source), "--to", "docx")
    assert (code, out) == (2, "") and "-o minutes.docx" in err and len(err.splitlines()) == 1


def test_export_without_the_documents_extra_says_which_to_install(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "odf", None)
    monkeypatch.delitem(sys.modules, "kumppani.minutes.writers.odt", raising=False)
    target = tmp_path / "m.odt"
    code, out, err = run(
        capsys, "--lang", "en", "export", str(note_session(tmp_path)), "-o", str(target)
    )
    assert (code, out) == (1, "") and not target.exists()
    assert err.count("\n") == 1 and "kumppani[documents]" in err and "odfpy" in err


def test_export_by_theme_and_with_the_appendix(capsys: pytest.CaptureFixture[str]) -> None:
    example = str(sorted(EXAMPLES.glob("*.toml"))[0])
    plain = run(capsys, "export", example)[1]
    themes = run(capsys, "export", example, "--by", "theme")[1]
    appendix = run(capsys, "export", example, "--appendix")[1]
    assert "## Käsitellyt teemat" in themes and "## Käsitellyt teemat" not in plain
    assert "## Liite: tilaisuuden kulku" in appendix and "## Liite" not in plain


# --- templates --------------------------------------------------------------------------


def test_templates_lists_the_built_in_one(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "--lang", "en", "templates")
    assert (code, err) == (0, "")
    line = next(line for line in out.splitlines() if line.startswith("partnership"))
    assert "State–city partnership round table" in line and "built-in" in line


def test_templates_reports_a_broken_user_template(
    capsys: pytest.CaptureFixture[str], kumppani_dirs: KumppaniDirs
) -> None:
    kumppani_dirs.templates.mkdir(parents=True)
    broken = kumppani_dirs.templates / "oma.toml"
    broken.write_text('id = "oma"\nversion = "yksi"\n', encoding="utf-8")
    code, out, err = run(capsys, "templates")
    assert code == 0
    assert "partnership" in out
    assert err.startswith(f"kumppani: {broken}:2")


def test_templates_check(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    builtin = find_template("partnership")
    assert builtin is not None and builtin.source is not None
    good = tmp_path / "good.toml"
    shutil.copyfile(builtin.source, good)
    code, out, _ = run(capsys, "templates", "--check", str(good))
    assert code == 0 and out.startswith(f"OK {good}: partnership v1")

    broken = tmp_path / "broken.toml"
    broken.write_text('id = "oma"\nversion = 1\n\n[name\n', encoding="utf-8")
    code, out, err = run(capsys, "templates", "--check", str(broken))
    assert (code, out) == (1, "")
    assert err.startswith(f"kumppani: {broken}:4") and err.count("\n") == 1


# --- errors, help, config ---------------------------------------------------------------


def test_a_bad_config_is_one_line_not_a_traceback(kumppani_dirs: KumppaniDirs) -> None:
    kumppani_dirs.config.mkdir(parents=True)
    kumppani_dirs.config_file.write_text('language = "fi"\ncolour = "sininen"\n', "utf-8")
    result = run_module("list")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith(f"kumppani: {kumppani_dirs.config_file}:2: kenttä 'colour'")
    assert result.stderr.count("\n") == 1
    assert result.stdout == ""


def test_a_bad_config_file_given_on_the_command_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    config = tmp_path / "k.toml"
    config.write_text("bell = kyllä\n", encoding="utf-8")
    code, _, err = run(capsys, "--config", str(config), "list")
    assert code == 1
    assert err.startswith(f"kumppani: {config}:1:") and "ei ole kelvollista TOMLia" in err
    code, _, err = run(capsys, "--config", str(tmp_path / "missing.toml"), "list")
    assert code == 1 and "tiedostoa ei ole" in err


def test_the_config_sets_folder_and_language(
    capsys: pytest.CaptureFixture[str], kumppani_dirs: KumppaniDirs, tmp_path: Path
) -> None:
    make_session(tmp_path, "x.toml", "Istunto", date(2026, 1, 1))
    kumppani_dirs.config.mkdir(parents=True)
    kumppani_dirs.config_file.write_text(
        f'language = "sv"\nsessions_dir = "{tmp_path.as_posix()}"\n', "utf-8"
    )
    code, out, _ = run(capsys, "list")
    assert code == 0 and "Utkast" in out and "x.toml" in out
    code, out, _ = run(capsys, "--help")
    assert code == 0 and "användning: kumppani" in out


@pytest.mark.parametrize(
    ("language", "words"),
    [("fi", "käyttö: kumppani"), ("sv", "användning: kumppani"), ("en", "usage: kumppani")],
)
def test_help_is_in_the_chosen_language(
    capsys: pytest.CaptureFixture[str], language: str, words: str
) -> None:
    code, out, _ = run(capsys, "--lang", language, "--help")
    assert code == 0 and out.startswith(words)
    code, out, _ = run(capsys, "export", "--help", "--lang", language)
    assert code == 0 and out.startswith(words)


def test_usage_errors_exit_with_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "nosuchcommand")[0] == 2
    assert run(capsys, "--lang", "de", "list")[0] == 2
    assert run(capsys, "validate")[0] == 2
    _, _, err = run(capsys, "--lang", "en", "validate")
    assert "error:" in err and "Traceback" not in err


def test_help_and_version_in_a_subprocess() -> None:
    result = run_module("--lang", "en", "--help")
    assert result.returncode == 0
    for command in ("new", "list", "validate", "export", "templates"):
        assert command in result.stdout
    version = run_module("--version")
    assert version.stdout.strip() == f"kumppani {kumppani.__version__}"


# --- the terminal interface -------------------------------------------------------------


@pytest.fixture
def fake_tui(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """Replace ``kumppani.tui.app`` with a module that records how it was started."""
    calls: list[dict[str, Any]] = []

    def run_app(
        config: Config, sessions_dir: Path, *, language: str, open_file: Path | None = None
    ) -> int:
        calls.append(
            {"config": config, "dir": sessions_dir, "language": language, "file": open_file}
        )
        return 0

    module = types.ModuleType("kumppani.tui.app")
    module.run_app = run_app  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "kumppani.tui.app", module)
    return calls


def test_no_command_opens_the_sessions_folder(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    fake_tui: list[dict[str, Any]],
) -> None:
    monkeypatch.chdir(EXAMPLES.parent)  # as in the README: kumppani --dir sessions
    assert run(capsys, "--dir", "sessions") == (0, "", "")
    assert fake_tui == [
        {"config": Config(), "dir": Path("sessions"), "language": "fi", "file": None}
    ]


def test_a_file_name_opens_that_session(
    capsys: pytest.CaptureFixture[str], fake_tui: list[dict[str, Any]]
) -> None:
    example = sorted(EXAMPLES.glob("*.toml"))[0]
    assert run(capsys, "--lang", "en", str(example))[0] == 0
    assert fake_tui == [
        {"config": Config(), "dir": example.parent, "language": "en", "file": example}
    ]
    code, _, err = run(capsys, str(EXAMPLES / "missing.toml"))
    assert code == 1 and "missing.toml" in err


def test_a_missing_interface_is_a_clear_message(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "kumppani.tui.app", None)
    code, out, err = run(capsys, "--lang", "en", "--dir", str(EXAMPLES))
    assert (code, out) == (1, "")
    assert err.startswith("kumppani: The terminal interface") and "Traceback" not in err


# --- terminal-safe text -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("plain\ttext\nnext", "plain\ttext\nnext"),
        ("a\x1b[31mred\x1b[0m b", "ared b"),
        ("title\x1b]0;evil title\x07!", "title!"),
        ("link \x1b]8;;http://x\x1b\\here\x1b]8;;\x1b\\", "link here"),
        ("c1\x9b2Jcsi \x9d0;t\x9c ok", "c1csi  ok"),
        ("dcs\x1bPq#0;2;0;0;0\x1b\\ done", "dcs done"),
        ("bidi \u202eevil\u202c \u2066iso\u2069", "bidi evil iso"),
        ("bell\x07 nul\x00 del\x7f", "bell nul del"),
        ("cr\r\nlf\rx", "cr\nlf\nx"),
        ("unterminated \x1b]0;title", "unterminated "),
        ("lone escape \x1b", "lone escape "),
    ],
)
def test_printable(text: str, expected: str) -> None:
    assert printable(text) == expected


def test_one_line() -> None:
    assert one_line("first\n\n  second\tline ") == "first ⏎ second line"
    assert one_line("a\r\nb") == "a ⏎ b"


def test_single_line_keeps_a_value_on_one_line_without_marks() -> None:
    assert single_line("first\n\n  second\tline ") == "first second line"
    assert single_line("\x1b[31mpuna\u202e\r\nx") == "puna x"
    assert one_line("Nuorisotyöllisyyden pyöreä pöytä", 12) == "Nuorisotyöl…"
    assert one_line("lyhyt", 12) == "lyhyt"
    assert one_line("日本語のタイトル", 7) == "日本語…"


def test_the_command_line_does_not_load_textual_until_the_interface_starts() -> None:
    code = (
        "import sys\n"
        "from kumppani.cli.main import main\n"
        "main(['--lang', 'en', 'templates'])\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'textual'))\n"
    )
    source = str(Path(kumppani.__file__).resolve().parents[1])
    env = {**os.environ, "PYTHONPATH": source}
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    assert result.stdout.splitlines()[-1] == "[]"
