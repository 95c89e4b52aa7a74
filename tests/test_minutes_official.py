"""The official minutes: what a secretariat sends, and clean Markdown.

Markdown is checked with the real ``markdownlint-cli2`` when it is installed
(``.ci/run`` installs it when npm is there), otherwise with an equivalent
structural check on markdown-it-py's tokens; ``pandoc`` converts it without
losing a line when pandoc is present. Word, OpenDocument and HTML:
``test_minutes_documents.py``.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import os
import re
import shutil
import subprocess
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from kumppani.minutes.document import render_minutes
from kumppani.session.model import Action, Session, StatusChange
from kumppani.session.vocabulary import ActionStatus
from kumppani.storage.files import load_session
from kumppani.text import markdown as md
from kumppani.text.i18n import t

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = Path(__file__).parent / "golden"
FIRST = ROOT / "sessions" / "2026-03-12-nuorisotyollisyys.toml"
FOLLOW_UP = ROOT / "sessions" / "2026-09-17-nuorisotyollisyys-seuranta.toml"
SAMPLE = ROOT / "docs" / "minutes-sample.fi.md"
UPDATE = os.environ.get("KUMPPANI_UPDATE_GOLDEN") == "1"
LINT_CONFIG = {"config": {"default": True, "MD013": False, "MD024": {"siblings_only": True}}}
PARSER = MarkdownIt("commonmark").enable(["table", "strikethrough"])


def words(text: str) -> str:
    return " ".join(md.clean(text).split())


def note_texts(session: Session) -> list[str]:
    texts = [note.text for note in session.all_notes()]
    texts += [action.title for action in session.actions]
    return [" ".join(line.strip() for line in text.split("\n") if line.strip()) for text in texts]


# The content of the default minutes


def test_the_header_has_what_official_minutes_need() -> None:
    text = render_minutes(load_session(FOLLOW_UP))
    for line in (
        "- **Aika:** 17.9.2026 klo 13.00–15.30",
        "- **Paikka:** Tampereen Raatihuone, kokoushuone 2",
        "- **Järjestäjä:** Kaupunkipolitiikan yhteistyöryhmän sihteeristö",
        "- **Puheenjohtaja:** Neuvotteleva virkamies",
        "- **Muistion laatija:** Erityisasiantuntija",
        "- **Edellinen kokous:** Nuorisotyöllisyyden pyöreä pöytä: valtio ja Tampere, 12.3.2026",
        "## Läsnä",
        "## Poissa",
        "## Päätökset ja toimenpiteet",
        "## Käsitellyt asiat",
        "## Seuraava kokous\n\n11.3.2027 klo 9.00, Tampereen Raatihuone, kokoushuone 2",
        "## Jakelu\n\n- Istunnon osallistujat\n",
    ):
        assert line in text
    assert text.startswith("# Muistio – Nuorisotyöllisyyden pyöreä pöytä: seurantakokous\n")
    assert text.rstrip().endswith(".")  # the approval line closes the minutes
    assert "Muistion on hyväksynyt" in text.rsplit("\n\n", 1)[-1]


@pytest.mark.parametrize("path", [FIRST, FOLLOW_UP], ids=lambda path: path.stem)
@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_no_facilitation_figures_or_preparation_in_the_default_minutes(
    path: Path, language: str
) -> None:
    session = load_session(path)
    text = render_minutes(session, language)
    for key in ("export.section.time", "roundtable.minutes.balance", "export.section.recipes"):
        assert t(key, language) not in text
    assert "| " + t("roundtable.minutes.column.rank", language) not in text
    header = text.split("\n## ", 1)[0]
    assert t(f"session_status.{session.status.value}", language) not in header  # no "Tila: …"
    assert words(session.purpose) not in words(text)
    title_line = text.split("\n", 1)[0]
    assert title_line.count(":") <= session.title.count(":")  # no "Muistio: …: …"
    appendix = render_minutes(session, language, appendix=True)
    assert t("export.section.appendix", language) in appendix
    assert t("export.section.time", language) in appendix


@pytest.mark.parametrize("path", [FIRST, FOLLOW_UP], ids=lambda path: path.stem)
def test_a_party_is_named_once(path: Path) -> None:
    text = render_minutes(load_session(path))
    assert "kaupunki (kaupunki)" not in text.lower()
    assert "valtio (valtio)" not in text.lower()


def test_votes_show_once_as_counts_and_the_table_only_in_the_appendix() -> None:
    text = render_minutes(load_session(FIRST))
    assert "5 ääntä" in text and "| Pisteet |" not in text
    assert "| Pisteet |" in render_minutes(load_session(FIRST), appendix=True)


def test_a_new_action_agreed_at_once_has_no_proposed_history() -> None:
    day = dt.date(2026, 3, 12)
    action = Action("Uusi", status=ActionStatus.AGREED)
    action.history = [StatusChange(day, ActionStatus.PROPOSED, ActionStatus.AGREED)]
    session = Session(title="Kokous", date=day, actions=[action])
    text = render_minutes(session)
    assert "Ehdotettu → Sovittu" not in text
    assert t("export.label.history") not in text


def test_status_changes_are_dated_by_the_meeting_that_heard_them() -> None:
    text = render_minutes(load_session(FOLLOW_UP))
    # Typed on 20.4. and 14.8., between the meetings: reported at the follow-up on 17.9.
    assert "17.9.2026: Sovittu → Käynnissä" in text
    assert "20.4.2026" not in text and "14.8.2026" not in text


def test_anonymized_minutes_keep_the_organisations() -> None:
    session = load_session(FOLLOW_UP)
    text = render_minutes(session, anonymize=True)
    assert f"**Järjestäjä:** {session.organiser}" in text
    assert t("export.withheld") not in text.split("## ")[0]


def test_by_theme_has_a_section_per_group_with_nostot_and_conclusions() -> None:
    session = load_session(FIRST)
    text = render_minutes(session, by="theme")
    themes = text.split("## Käsitellyt teemat", 1)[1].split("\n## ", 1)[0]
    assert "### 1. Tavoittaminen ja tiedonkulku" in themes
    assert "### 2. Työnantajayhteistyö" in themes
    assert themes.count("#### Keskeisimmät nostot") == 2
    assert themes.count("#### Johtopäätökset") == 2
    shown = words(text)
    assert all(words(note) in shown for note in note_texts(session))


# Clean Markdown


def markdown_files() -> list[Path]:
    return sorted(GOLDEN.glob("*.md"))


def structural_problems(text: str) -> list[str]:
    """What markdownlint would report, checked on the tokens where it can be."""
    problems = []
    tokens = PARSER.parse(text)
    levels = [int(tok.tag[1]) for tok in tokens if tok.type == "heading_open"]
    if levels[:1] != [1] or levels.count(1) != 1:
        problems.append("MD025/MD041: one level-1 heading, first")
    if any(b > a + 1 for a, b in itertools.pairwise(levels)):
        problems.append("MD001: heading levels go up one at a time")
    for token in tokens:
        if token.type == "html_block" or any(
            child.type == "html_inline" for child in token.children or []
        ):
            problems.append("MD033: raw HTML")
    lines = text.split("\n")
    if "" in lines[:-1] and any(a == b == "" for a, b in itertools.pairwise(lines)):
        problems.append("MD012: blank lines")
    if any(line != line.rstrip() for line in lines):
        problems.append("MD009: trailing spaces")
    for line in lines:
        if line.startswith("|") and ("|  " in line or "  |" in line or "|---" in line):
            problems.append(f"MD060: table pipes {line!r}")
    if not text.endswith("\n") or text.endswith("\n\n"):
        problems.append("MD047: one final newline")
    return problems


def test_the_minutes_pass_markdownlint(tmp_path: Path) -> None:
    files = markdown_files()
    assert len(files) == 27  # 24 of the examples, 3 of carried themes
    linter = shutil.which("markdownlint-cli2")
    if linter is None:
        for path in files:
            assert structural_problems(path.read_text(encoding="utf-8")) == [], path.name
        return
    for path in files:
        shutil.copy(path, tmp_path / path.name)
    (tmp_path / ".markdownlint-cli2.jsonc").write_text(json.dumps(LINT_CONFIG), encoding="utf-8")
    result = subprocess.run(
        [linter, "*.md"], cwd=tmp_path, capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_structural_check_finds_what_the_old_minutes_had() -> None:
    old = "# Muistio: a: b\n\n| a | b |\n|---|---|\n| x<br>y | z |\n"
    assert structural_problems(old) != []
    assert structural_problems(render_minutes(load_session(FIRST))) == []


def table_cells_and_items(markdown: str) -> list[str]:
    """The text of every table cell and list item of the minutes, as a reader sees it."""
    found = []
    for line in markdown.split("\n"):
        stripped = line.strip()
        if stripped.startswith("|") and not set(stripped) <= set("|-: "):
            found += [cell.strip() for cell in re.split(r"(?<!\\)\|", stripped)[1:-1]]
        elif stripped.startswith("- "):
            found.append(stripped[2:].replace("*", ""))
    return [words(text.replace("\\", "")) for text in found if text.strip()]


def pandoc_text(markdown: str, target: str, folder: Path) -> str:
    """What a reader sees of the Markdown converted by pandoc to ``target``."""
    command = ["pandoc", "-f", "gfm", "-t", target, "--wrap=none"]
    if target == "plain":
        return subprocess.run(
            command, input=markdown, capture_output=True, text=True, timeout=120, check=True
        ).stdout
    converted = folder / f"minutes.{target}"
    subprocess.run([*command, "-o", str(converted)], input=markdown, text=True, check=True)
    if target in ("html", "odt"):  # pandoc's own ODT reader leaves table headers out
        parser = HTMLTextParser()
        if target == "odt":
            with zipfile.ZipFile(converted) as archive:
                parser.feed(archive.read("content.xml").decode("utf-8"))
        else:
            parser.feed(converted.read_text(encoding="utf-8"))
        return " ".join(parser.parts)
    return subprocess.run(
        ["pandoc", "-f", target, "-t", "plain", "--wrap=none", str(converted)],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    ).stdout


class HTMLTextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


@pytest.mark.skipif(shutil.which("pandoc") is None, reason="pandoc is not installed")
@pytest.mark.parametrize("target", ["plain", "html", "docx", "odt"])
@pytest.mark.parametrize("path", [FIRST, FOLLOW_UP], ids=lambda path: path.stem)
def test_pandoc_keeps_every_line(path: Path, target: str, tmp_path: Path) -> None:
    session = load_session(path)
    markdown = render_minutes(session, appendix=True)
    shown = words(pandoc_text(markdown, target, tmp_path).replace("\n", " "))
    for text in note_texts(session):
        assert words(text) in shown
    for line in session.winwin.state_gains.split("\n"):  # was lost inside a <br> cell
        assert words(line) in shown
    for text in table_cells_and_items(markdown):
        assert text in shown


# The sample in docs/


def test_the_sample_in_docs_is_the_first_example_as_exported() -> None:
    text = render_minutes(load_session(FIRST), "fi")
    if UPDATE:
        SAMPLE.write_text(text, encoding="utf-8")
    assert SAMPLE.read_text(encoding="utf-8") == text, "run KUMPPANI_UPDATE_GOLDEN=1 pytest"


# The session fields the minutes need (format 1.3)


def test_a_file_without_the_minutes_fields_loads_as_it_is_and_saves_in_the_current_format(
    tmp_path: Path,
) -> None:
    from kumppani.fileformat import FORMAT_VERSION, dump_session, encode_session, parse_session

    text = FIRST.read_text(encoding="utf-8")
    old = text.replace(f'format_version = "{FORMAT_VERSION}"', 'format_version = "1.1"', 1)
    old = re.sub(r'writer = ".*"\ndistribution = """[^"]*"""\n', "", old, count=1)
    old = re.sub(r"\[session\.next_meeting\]\n(?:.+\n)+\n", "", old, count=1)
    assert "writer" not in old and "next_meeting" not in old
    session = parse_session(old, tmp_path / "old.toml")
    assert str(session.format_version) == "1.1"
    assert (session.writer, session.distribution) == ("", "")
    assert session.next_meeting.is_empty()
    assert dump_session(encode_session(session)).startswith(
        f'format = "kumppani.session"\nformat_version = "{FORMAT_VERSION}"\n'
    )
    new = parse_session(text, FIRST)
    assert new.writer == "Erityisasiantuntija"
    assert new.next_meeting.date == dt.date(2026, 9, 17)
    assert dump_session(encode_session(new)) == text


def test_a_followup_keeps_the_writer_distribution_and_the_previous_date() -> None:
    from kumppani.editing.followup_session import build_followup

    first = load_session(FIRST)
    nxt = build_followup(first, [first], title="Seuranta", day=dt.date(2026, 9, 17), link="a.toml")
    assert nxt.writer == first.writer and nxt.distribution == first.distribution
    assert nxt.previous is not None and nxt.previous.date == first.date


def test_minutes_changed_after_approval_do_not_call_themselves_approved() -> None:
    session = load_session(FOLLOW_UP)
    assert "Muistion on hyväksynyt Erityisasiantuntija 24.9.2026." in render_minutes(session)
    session.steps[0].notes[0].text += " (korjattu)"
    last = render_minutes(session).rstrip().rsplit("\n\n", 1)[-1]
    assert last.startswith("Muistion hyväksyi Erityisasiantuntija 24.9.2026, mutta")
    assert "ei ole hyväksytty" in last


def test_participants_whose_presence_is_not_recorded_are_listed_apart() -> None:
    session = load_session(FIRST)
    session.participants[0].present = None
    text = render_minutes(session)
    unknown = text.split("## Läsnäoloa ei ole merkitty\n\n", 1)[1].split("\n\n", 1)[0]
    assert unknown.startswith("- Neuvotteleva virkamies")
    assert "Neuvotteleva virkamies, Työllisyys" not in text.split("## Poissa")[0]


def test_the_session_status_is_in_the_appendix_only() -> None:
    session = load_session(FOLLOW_UP)
    assert "**Istunnon tila:**" not in render_minutes(session)
    assert "- **Istunnon tila:** Muistio hyväksytty" in render_minutes(session, appendix=True)
