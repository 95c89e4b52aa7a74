"""Every error the command line can give, in Finnish and Swedish, without an English word.

``CASES`` runs each ``raise``/``err`` of ``kumppani.cli`` and each kind of
argparse error through ``main``; the interface language comes from the
config file, so the arguments stay as a user types them. A new error site in
``kumppani.cli`` fails ``test_every_error_site_of_the_cli_has_a_case`` until
it gets its case here. The catalogs' problem texts and argparse's own English
templates are checked word by word too.
"""

from __future__ import annotations

import argparse
import inspect
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

import kumppani.cli
from kumppani.cli.main import main
from kumppani.cli.usage_errors import translate
from kumppani.session.model import Approval, Session
from kumppani.storage.files import save_session
from kumppani.text.i18n import catalog
from tests.support.language import english_in

if TYPE_CHECKING:
    from tests.support.dirs import KumppaniDirs

LANGUAGES = ("fi", "sv")
USAGE = {"fi": "käyttö:", "sv": "användning:"}
BROKEN = 'format = "kumppani.session"\nformat_version = "1.0"\n\n[session]\ntitle = 3\n\n[end]\n'
NO_END = 'format = "kumppani.session"\nformat_version = "1.0"\n\n[session]\ntitle = "x"\n'
SYNTAX = 'format = "kumppani.session"\ntitle = \n'
CLI_ERROR_SITES = 34
"""``raise`` and ``err(`` in ``kumppani.cli``: each one a user can meet has a case below
(the others: a broken install, a programming error, a file changed between read
and save); update both together."""


@dataclass
class Folder:
    """The files the cases name."""

    root: Path
    sessions: Path
    good: Path
    approved: Path
    broken: Path
    no_end: Path
    syntax: Path
    latin1: Path


@pytest.fixture
def folder(tmp_path: Path, kumppani_dirs: KumppaniDirs) -> Folder:
    sessions = tmp_path / "istunnot"
    sessions.mkdir()
    good = sessions / "hyva.toml"
    save_session(Session(title="Hyvä", date=date(2026, 3, 12)), good)
    approved = tmp_path / "hyvaksytty.toml"
    session = Session(title="Valmis", date=date(2026, 3, 1))
    session.approval = Approval(by="Aino", at=session.created)
    save_session(session, approved)
    broken, no_end, syntax, latin1 = (
        tmp_path / name for name in ("rikki.toml", "loputon.toml", "syntaksi.toml", "l1.toml")
    )
    broken.write_text(BROKEN, "utf-8")
    (sessions / "rikki.toml").write_text(BROKEN, "utf-8")
    no_end.write_text(NO_END, "utf-8")
    syntax.write_text(SYNTAX, "utf-8")
    latin1.write_bytes('title = "Hyv\xe4"\n'.encode("latin-1"))
    templates = kumppani_dirs.templates
    templates.mkdir(parents=True)
    (templates / "oma.toml").write_text('id = "oma"\nversion = "x"\n', "utf-8")
    return Folder(tmp_path, sessions, good, approved, broken, no_end, syntax, latin1)


Args = Callable[[Folder], list[str]]


def existing(folder: Folder, name: str, text: str) -> Path:
    """A file ``name`` holding ``text`` in the case's folder (made by the case itself)."""
    path = folder.root / name
    path.write_text(text, "utf-8")
    return path


CASES: dict[str, Args] = {
    # argparse's own errors, one of each kind
    "unknown command": lambda f: ["frob"],
    "unrecognized argument": lambda f: ["list", "--zap"],
    "required option": lambda f: ["approve", str(f.good)],
    "required positional": lambda f: ["validate"],
    "required positionals": lambda f: ["merge-driver"],
    "unknown value": lambda f: ["--dir", str(f.sessions), "list", "--status", "valmis?"],
    "unknown step": lambda f: ["--dir", str(f.sessions), "search", "x", "--step", "viides"],
    "unknown language": lambda f: ["--lang", "de", "list"],
    "missing value": lambda f: ["list", "--sort"],
    "missing top-level value": lambda f: ["--dir"],
    "value to a flag": lambda f: ["list", "--reverse=1"],
    "not a date": lambda f: ["new", "--date", "2026-13-45"],
    "no date": lambda f: ["new", "--date", ""],
    "a date of another shape": lambda f: ["list", "--since", "maaliskuu"],
    # kumppani's own
    "folder missing": lambda f: ["--dir", str(f.root / "ei"), "list"],
    "folder is a file": lambda f: ["--dir", str(f.good), "list"],
    "folder not created": lambda f: ["--dir", str(f.good / "alla"), "new"],
    "file missing": lambda f: ["export", str(f.root / "ei.toml")],
    "open a missing file": lambda f: [str(f.root / "ei.toml")],
    "export over its source": lambda f: ["export", str(f.good), "-o", str(f.good)],
    "export to a toml file": lambda f: ["export", str(f.good), "-o", str(f.root / "x.toml")],
    "export over a session named .md": lambda f: [
        "export",
        str(f.good),
        "-o",
        str(existing(f, "istunto.md", f.approved.read_text("utf-8"))),
    ],
    "export over an existing file": lambda f: [
        "export",
        str(f.good),
        "-o",
        str(existing(f, "LUEMINUT.md", "Oma teksti\n")),
    ],
    "export into no folder": lambda f: ["export", str(f.good), "-o", str(f.root / "ei" / "x.md")],
    "export a binary to the terminal": lambda f: ["export", str(f.good), "--to", "docx"],
    "export in an unknown order": lambda f: ["export", str(f.good), "--by", "aakkos"],
    "wrong type": lambda f: ["validate", str(f.broken)],
    "no end": lambda f: ["validate", str(f.no_end)],
    "bad syntax": lambda f: ["validate", str(f.syntax)],
    "not utf-8": lambda f: ["validate", str(f.latin1)],
    "broken files in a listing": lambda f: ["--dir", str(f.sessions), "list"],
    "broken files in actions": lambda f: ["--dir", str(f.sessions), "actions"],
    "config missing": lambda f: ["--config", str(f.root / "ei.toml"), "list"],
    "config not toml": lambda f: ["--config", str(f.syntax), "list"],
    "template broken": lambda f: ["templates", "--check", str(f.syntax)],
    "user template broken": lambda f: ["templates"],
    "template missing": lambda f: ["--dir", str(f.sessions), "new", "--template", "ei"],
    "new over a file": lambda f: ["new", "-o", str(f.good)],
    "no such series": lambda f: ["--dir", str(f.sessions), "list", "--series", "ei"],
    "empty search": lambda f: ["--dir", str(f.sessions), "search", " "],
    "followup over a file": lambda f: ["followup", str(f.good), "-o", str(f.good)],
    "review a missing file": lambda f: ["review", "--print", str(f.root / "ei.toml")],
    "present a missing file": lambda f: ["present", str(f.root / "ei.toml")],
    "approve a missing file": lambda f: ["approve", str(f.root / "ei.toml"), "--by", "Aino"],
    "approve by nobody": lambda f: ["approve", str(f.good), "--by", " "],
    "approve again": lambda f: ["approve", str(f.approved), "--by", "Aino"],
    "merge missing files": lambda f: ["merge", str(f.root / "a.toml"), str(f.root / "b.toml")],
    "approve a draft": lambda f: ["approve", str(f.good), "--by", "Aino"],
    "status of approved minutes": lambda f: ["status", str(f.approved), "pidetty"],
    "unknown status": lambda f: ["status", str(f.good), "valmis?"],
}


def run(capsys: pytest.CaptureFixture[str], args: list[str]) -> tuple[int, str, str]:
    code = main(args)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("case", list(CASES))
def test_every_cli_error_is_one_line_in_the_language(
    capsys: pytest.CaptureFixture[str],
    kumppani_dirs: KumppaniDirs,
    folder: Folder,
    language: str,
    case: str,
) -> None:
    kumppani_dirs.config_file.parent.mkdir(parents=True, exist_ok=True)
    kumppani_dirs.config_file.write_text(f'language = "{language}"\n', "utf-8")
    code, out, err = run(capsys, CASES[case](folder))
    said = [line for line in (err + out).splitlines() if _is_error_line(line, language)]
    assert said, (code, out, err)
    assert "Traceback" not in err
    for line in said:
        assert english_in(line) == [], line
    usage_lines = [line for line in err.splitlines() if line not in said]
    assert all(_is_usage(line, language) for line in usage_lines), err
    if code == 2:  # a usage error: usage, then one line
        assert err.splitlines()[-1] == said[-1] and len(said) == 1


def _is_error_line(line: str, language: str) -> bool:
    return bool(line) and not _is_usage(line, language) and not line.startswith("20")


def _is_usage(line: str, language: str) -> bool:
    return line.startswith((USAGE[language], " "))


def test_every_error_site_of_the_cli_has_a_case() -> None:
    folder = Path(inspect.getfile(kumppani.cli)).parent
    sites = [
        line
        for path in sorted(folder.glob("*.py"))
        for line in path.read_text("utf-8").splitlines()
        if re.search(r"\braise \w|(?<![\w.])err\(", line) and "def err" not in line
    ]
    assert len(sites) == CLI_ERROR_SITES, "\n".join(sites)


PROBLEM_AREAS = ("problem.", "expected.", "type.", "toml.", "cli.", "textual.", "os_error.")
PROBLEM_AREAS += ("file_kind.", "journal.")


@pytest.mark.parametrize("language", LANGUAGES)
def test_problem_texts_in_the_catalogs_hold_no_english(language: str) -> None:
    texts = catalog(language)
    keys = [key for key in texts if key.startswith(PROBLEM_AREAS)]
    assert len(keys) > 150
    found = {key: english_in(texts[key]) for key in keys}
    assert {key: words for key, words in found.items() if words} == {}


ARGPARSE_MESSAGES = (
    "unrecognized arguments: --zap",
    "the following arguments are required: --by",
    "one of the arguments --a --b is required",
    "not allowed with argument --a",
    "ignored explicit argument '1'",
    "expected one argument",
    "expected at most one argument",
    "expected at least one argument",
    "expected 1 argument",
    "expected 2 arguments",
    "ambiguous option: --s could match --sort, --since",
    "unexpected option string: --x",
    "invalid choice: 'x' (choose from 'a', 'b')",
    "invalid int value: 'x'",
    "argument --status: invalid choice: 'x' (choose from 'a', 'b')",
)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("message", ARGPARSE_MESSAGES)
def test_every_argparse_message_is_translated(language: str, message: str) -> None:
    said = translate(message, language)
    assert said != message
    assert english_in(said) == []


def test_the_argparse_messages_are_those_of_this_python() -> None:
    source = inspect.getsource(argparse)
    for template in (
        "unrecognized arguments: %s",
        "the following arguments are required: %s",
        "one of the arguments %s is required",
        "not allowed with argument %s",
        "ignored explicit argument %r",
        "expected one argument",
        "expected at most one argument",
        "expected at least one argument",
        "ambiguous option: %(option)s could match %(matches)s",
        "unexpected option string: %s",
        "invalid choice: %(value)r (choose from %(choices)s)",
        "invalid %(type)s value: %(value)r",
        "argument %(argument_name)s: %(message)s",
    ):
        assert template in source


COMMANDS = (None, "open", "new", "list", "validate", "export", "templates", "search", "actions")
COMMANDS += ("followup", "review", "approve", "status", "merge", "merge-driver", "present")


@pytest.mark.parametrize("language", ("fi", "sv", "en"))
@pytest.mark.parametrize("command", COMMANDS)
def test_help_fits_80_columns_and_speaks_the_language(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    command: str | None,
    language: str,
) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    code, out, _ = run(capsys, ["--lang", language, *([command] if command else []), "--help"])
    assert code == 0
    assert [line for line in out.splitlines() if len(line) > 80] == []
    if language != "en":  # the commands are names, the same in every language
        assert english_in(out, frozenset(filter(None, COMMANDS))) == []
