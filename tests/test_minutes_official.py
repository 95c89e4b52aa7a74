"""The official minutes: what a secretariat sends, in Markdown, Word, OpenDocument and HTML.

Markdown is checked with the real ``markdownlint-cli2`` when it is installed
(``.ci/run`` installs it when npm is there), otherwise with an equivalent
structural check on markdown-it-py's tokens; ``pandoc`` converts it without
losing a line when pandoc is present. The Word, OpenDocument and HTML files are
read back with python-docx, odfpy and ``html.parser``.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from kumppani.minutes.document import build_minutes, render_minutes
from kumppani.minutes.export import MissingExtra, export_file, minutes_format
from kumppani.minutes.writers import xml_text
from kumppani.session.model import Action, Note, Session, StatusChange
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
    assert len(files) == 24
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


@pytest.mark.skipif(shutil.which("pandoc") is None, reason="pandoc is not installed")
@pytest.mark.parametrize("target", ["plain", "html"])
def test_pandoc_keeps_every_line(target: str) -> None:
    session = load_session(FIRST)
    result = subprocess.run(
        ["pandoc", "-f", "gfm", "-t", target, "--wrap=none"],
        input=render_minutes(session),
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    shown = words(result.stdout.replace("\n", " "))
    for text in note_texts(session):
        assert words(text) in shown
    for line in session.winwin.state_gains.split("\n"):  # was lost inside a <br> cell
        assert words(line) in shown


# The sample in docs/


def test_the_sample_in_docs_is_the_first_example_as_exported() -> None:
    text = render_minutes(load_session(FIRST), "fi")
    if UPDATE:
        SAMPLE.write_text(text, encoding="utf-8")
    assert SAMPLE.read_text(encoding="utf-8") == text, "run KUMPPANI_UPDATE_GOLDEN=1 pytest"


# Word, OpenDocument, HTML


def test_the_format_comes_from_to_or_the_extension() -> None:
    assert minutes_format(Path("m.DOCX")) == "docx"
    assert minutes_format(Path("m.odt")) == "odt"
    assert minutes_format(Path("m.htm")) == "html"
    assert minutes_format(Path("m.txt")) == "md"
    assert minutes_format(None) == "md"
    assert minutes_format(Path("m.md"), "odt") == "odt"


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.tags: list[str] = []
        self.cells: list[str] = []
        self._in: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self._in.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if self._in:
            self._in.pop()

    def handle_data(self, data: str) -> None:
        self.parts.append(data)
        if self._in and self._in[-1] in ("th", "td"):
            self.cells.append(data)


def test_html_is_self_contained_printable_and_complete() -> None:
    session = load_session(FIRST)
    html = export_file(session, "html", "fi").decode("utf-8")
    parser = _Text()
    parser.feed(html)
    assert "script" not in parser.tags and "link" not in parser.tags
    assert "@page { size: A4" in html
    shown = words(" ".join(parser.parts))
    assert all(words(text) in shown for text in note_texts(session))
    assert t("export.column.responsible") in parser.cells
    assert "<b>" not in export_file(_hostile(), "html", "fi").decode("utf-8")


def _hostile() -> Session:
    session = load_session(FIRST)
    session.steps[0].notes[0].text = "<b>lihava</b> & \x1b[31m \x00 ohjaus"
    return session


def docx_text(data: bytes) -> tuple[list[tuple[str, str]], list[list[list[str]]], str]:
    docx = pytest.importorskip("docx")
    import io

    document = docx.Document(io.BytesIO(data))
    paragraphs = [(p.style.name, p.text) for p in document.paragraphs]
    tables = [
        [[cell.text for cell in row.cells] for row in table.rows] for table in document.tables
    ]
    everything = " ".join(text for _, text in paragraphs) + " " + str(tables)
    return paragraphs, tables, everything


def test_docx_has_the_headings_the_actions_table_and_every_note() -> None:
    session = load_session(FIRST)
    paragraphs, tables, everything = docx_text(export_file(session, "docx", "fi"))
    assert ("Title", build_minutes(session).title) in paragraphs
    assert ("Heading 1", "Päätökset ja toimenpiteet") in paragraphs
    assert ("Heading 2", "1. Yhteinen kokonaiskuva") in paragraphs
    actions = next(table for table in tables if table[0][0] == "Toimenpide")
    assert [row[0] for row in actions[1:]] == [action.title for action in session.actions]
    shown = words(everything)
    assert all(words(text) in shown for text in note_texts(session))
    assert any(style == "List Bullet 2" for style, _ in paragraphs)  # notes under their group
    _, _, hostile = docx_text(export_file(_hostile(), "docx", "fi"))
    assert "<b>lihava</b> &" in hostile


def test_docx_uses_the_organisation_template(tmp_path: Path) -> None:
    docx = pytest.importorskip("docx")
    template = docx.Document()
    template.styles["Heading 1"].font.name = "Organisation Sans"
    template.add_paragraph("Mallin oma teksti, joka ei kuulu muistioon")
    template.save(str(tmp_path / "minutes-template.docx"))
    data = export_file(load_session(FIRST), "docx", "fi", config_dir=tmp_path)
    import io

    result = docx.Document(io.BytesIO(data))
    assert result.styles["Heading 1"].font.name == "Organisation Sans"
    assert "Mallin oma teksti" not in " ".join(p.text for p in result.paragraphs)


def odt_text(data: bytes) -> tuple[list[str], str, str]:
    pytest.importorskip("odf")
    import io

    from odf import opendocument, teletype
    from odf import text as tx

    document = opendocument.load(io.BytesIO(data))
    headings = [teletype.extractText(h) for h in document.getElementsByType(tx.H)]
    everything = teletype.extractText(document.text)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        styles = archive.read("styles.xml").decode("utf-8")
    return headings, everything, styles


def test_odt_has_the_headings_the_actions_table_and_every_note() -> None:
    session = load_session(FIRST)
    headings, everything, _ = odt_text(export_file(session, "odt", "fi"))
    assert "Päätökset ja toimenpiteet" in headings and "1. Yhteinen kokonaiskuva" in headings
    shown = words(everything)
    assert all(words(text) in shown for text in note_texts(session))
    assert "Vastuutahot" in everything


def test_odt_uses_the_organisation_template(tmp_path: Path) -> None:
    pytest.importorskip("odf")
    from odf import opendocument
    from odf import style as st
    from odf import text as tx

    template = opendocument.OpenDocumentText()
    heading = st.Style(name="Heading_20_1", displayname="Heading 1", family="paragraph")
    heading.addElement(st.TextProperties(fontname="Organisation Sans", fontsize="20pt"))
    template.styles.addElement(heading)
    template.text.addElement(tx.P(text="Mallin oma teksti"))
    template.save(str(tmp_path / "minutes-template.odt"))
    headings, everything, styles = odt_text(
        export_file(load_session(FIRST), "odt", "fi", config_dir=tmp_path)
    )
    assert "Organisation Sans" in styles and "Mallin oma teksti" not in everything
    assert "Läsnä" in headings


def test_a_missing_library_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "docx", None)
    monkeypatch.delitem(sys.modules, "kumppani.minutes.writers.docx", raising=False)
    with pytest.raises(MissingExtra) as caught:
        export_file(load_session(FIRST), "docx", "fi")
    assert "kumppani[documents]" in str(caught.value)


# Any typed text, in every format

ANY_TEXT = st.text(
    alphabet=st.one_of(
        st.sampled_from(list("<>&\"'|*_#\\`\n\r\t\x00\x1b\x85\ufffe\uffff\u202e ab")),
        st.characters(),
    ),
    max_size=40,
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=ANY_TEXT)
@example(text="\ufffe<b>x</b>\x00")
def test_any_note_survives_every_format(text: str) -> None:
    pytest.importorskip("docx")
    pytest.importorskip("odf")
    session = Session(title=text, organiser=text)
    session.steps[0].notes.append(Note(text))
    session.steps[0].notes.append(Note("loppu"))
    expected = words(xml_text(text))
    _, _, in_docx = docx_text(export_file(session, "docx", "fi"))
    _, in_odt, _ = odt_text(export_file(session, "odt", "fi"))
    parser = _Text()
    parser.feed(export_file(session, "html", "fi").decode("utf-8"))
    for shown in (in_docx, in_odt, " ".join(parser.parts)):
        assert expected in words(shown) and "loppu" in shown


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
