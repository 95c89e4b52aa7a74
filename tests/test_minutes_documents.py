"""The minutes as Word, OpenDocument and HTML files, read back as a secretary would open them.

The files are read back with python-docx, odfpy and ``html.parser``: the
headings, the actions table and every note text must be there, in the
organisation template's styles when there is one, whatever was typed.
"""

from __future__ import annotations

import io
import re
import sys
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from kumppani.minutes.blocks import Table, column_shares, text_width
from kumppani.minutes.document import build_minutes
from kumppani.minutes.export import MissingExtra, export_file, minutes_format
from kumppani.minutes.writers import xml_text
from kumppani.session.model import Note, Session
from kumppani.storage.files import load_session
from kumppani.text import markdown as md
from kumppani.text.i18n import t

ROOT = Path(__file__).resolve().parents[1]
FIRST = ROOT / "sessions" / "2026-03-12-nuorisotyollisyys.toml"
EXAMPLES = sorted((ROOT / "sessions").glob("*.toml"))


def words(text: str) -> str:
    return " ".join(md.clean(text).split())


def note_texts(session: Session) -> list[str]:
    texts = [note.text for note in session.all_notes()]
    texts += [action.title for action in session.actions]
    return [" ".join(line.strip() for line in text.split("\n") if line.strip()) for text in texts]


def typed_texts(session: Session) -> list[str]:
    """Every line typed into notes, actions (with their status notes) and conclusions."""
    texts = [note.text for note in session.all_notes()]
    for action in session.actions:
        texts += [action.title, action.description, action.rationale, action.resources]
        texts += [change.note for change in action.history]
    texts += [step.conclusion for step in session.steps]
    texts += [session.shared_message, session.followup_plan]
    return [line for text in texts for line in text.split("\n") if line.strip()]


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


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda path: path.stem)
@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_every_note_and_action_text_survives_docx_and_odt(path: Path, language: str) -> None:
    session = load_session(path)
    _, _, in_docx = docx_text(export_file(session, "docx", language))
    _, in_odt, _ = odt_text(export_file(session, "odt", language))
    for shown in (words(in_docx), words(in_odt)):
        assert [text for text in typed_texts(session) if words(text) not in shown] == []


def actions_table() -> Table:
    document = build_minutes(load_session(FIRST))
    return next(b for b in document.blocks if isinstance(b, Table) and b.header[0] == "Toimenpide")


def test_table_columns_are_as_wide_as_their_longest_word() -> None:
    table = actions_table()
    shares = column_shares(table, 95)
    for number, share in enumerate(shares):
        cells = [table.header[number], *(row[number] for row in table.rows)]
        longest = max(text_width(word) for cell in cells for word in cell.split())
        assert share * 95 >= longest + 4, table.header[number]
    assert shares[0] > shares[3] and shares[0] > shares[4]  # titles wider than dates
    assert sum(shares) == pytest.approx(1)


def test_when_not_every_word_fits_only_the_longest_words_are_broken() -> None:
    table = Table(("a", "b", "c"), (("x" * 40, "yy", "Neljännesvuosittain"),))
    shares = column_shares(table, 40)
    assert shares[1] * 40 >= 2 + 4  # the short column keeps its word whole
    assert shares[0] == pytest.approx(shares[2])  # the two long ones share what is left
    assert sum(shares) == pytest.approx(1)


def test_docx_and_odt_tables_have_the_columns_of_their_words() -> None:
    docx = pytest.importorskip("docx")
    result = docx.Document(io.BytesIO(export_file(load_session(FIRST), "docx", "fi")))
    widths = [column.width for column in result.tables[0].columns]
    assert widths[0] > widths[3] and len(set(widths)) > 2
    pytest.importorskip("odf")
    with zipfile.ZipFile(io.BytesIO(export_file(load_session(FIRST), "odt", "fi"))) as archive:
        content = archive.read("content.xml").decode("utf-8")
    assert 'style:rel-column-width="' in content and 'table:align="margins"' in content


def test_docx_uses_the_organisation_template(tmp_path: Path) -> None:
    docx = pytest.importorskip("docx")
    template = docx.Document()
    template.styles["Heading 1"].font.name = "Organisation Sans"
    template.add_paragraph("Mallin oma teksti, joka ei kuulu muistioon")
    template.save(str(tmp_path / "minutes-template.docx"))
    data = export_file(load_session(FIRST), "docx", "fi", config_dir=tmp_path)

    result = docx.Document(io.BytesIO(data))
    assert result.styles["Heading 1"].font.name == "Organisation Sans"
    assert "Mallin oma teksti" not in " ".join(p.text for p in result.paragraphs)


def odt_text(data: bytes) -> tuple[list[str], str, str]:
    pytest.importorskip("odf")

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


@pytest.mark.parametrize(("language", "tag"), [("fi", "fi-FI"), ("sv", "sv-FI"), ("en", "en-GB")])
def test_docx_and_odt_are_in_the_minutes_language_on_a4(language: str, tag: str) -> None:
    pytest.importorskip("docx")
    pytest.importorskip("odf")
    session = load_session(FIRST)
    with zipfile.ZipFile(io.BytesIO(export_file(session, "docx", language))) as archive:
        styles = archive.read("word/styles.xml").decode("utf-8")
        document = archive.read("word/document.xml").decode("utf-8")
    assert f'<w:lang w:val="{tag}"' in styles  # Word checks the spelling in this language
    assert '<w:pgSz w:w="11906" w:h="16838"' in document.replace("11907", "11906")
    with zipfile.ZipFile(io.BytesIO(export_file(session, "odt", language))) as archive:
        styles = archive.read("styles.xml").decode("utf-8")
    code, country = tag.split("-")
    assert f'fo:language="{code}" fo:country="{country}"' in styles
    assert 'fo:page-width="21cm" fo:page-height="29.7cm"' in styles


def libreoffice_like_template(path: Path) -> None:
    """A .docx as LibreOffice writes one: no Title, Heading or List Bullet styles, and its
    document properties under the older relationship type."""
    docx = pytest.importorskip("docx")
    template = docx.Document()
    for name in ("Title", "Heading 1", "Heading 2", "List Bullet", "List Bullet 2", "Quote"):
        element = template.styles[name].element
        element.getparent().remove(element)
    plain = io.BytesIO()
    template.save(plain)
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(path, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "_rels/.rels":
                data = data.replace(
                    b"package/2006/relationships/metadata/core-properties",
                    b"officedocument/2006/relationships/metadata/core-properties",
                )
            if item.filename in ("word/_rels/document.xml.rels", "[Content_Types].xml"):
                data = re.sub(rb"<(Relationship|Override)[^>]*numbering[^>]*/>", b"", data)
            if item.filename != "word/numbering.xml":
                target.writestr(item, data)


def test_a_template_without_the_styles_still_gets_headings_and_bullets(tmp_path: Path) -> None:
    docx = pytest.importorskip("docx")
    libreoffice_like_template(tmp_path / "minutes-template.docx")
    data = export_file(load_session(FIRST), "docx", "fi", config_dir=tmp_path)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = archive.namelist()
        numbering = archive.read("word/numbering.xml").decode("utf-8")
    assert len(names) == len(set(names))  # docProps/core.xml once: Word opens the file
    result = docx.Document(io.BytesIO(data))
    styles = [paragraph.style.name for paragraph in result.paragraphs]
    assert {"Title", "Heading 1", "Heading 2", "List Bullet", "List Bullet 2"} <= set(styles)
    bullet = result.styles["List Bullet 2"].element
    assert bullet.pPr.numPr is not None and 'w:numFmt w:val="bullet"' in numbering
