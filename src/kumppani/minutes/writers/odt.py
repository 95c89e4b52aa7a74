"""Provides the OpenDocument (.odt) writer of the minutes document, with odfpy.

With an organisation template (an ``.odt`` whose styles are used) the
template's body is emptied and the minutes are written with its named
styles: Title, Heading 1–4, Text body, Quotations, Table Contents and Table
Heading. A style the template lacks is added with plain defaults.

odfpy is an optional extra (``kumppani[documents]``): imported here only.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from odf import opendocument  # type: ignore[import-untyped]
from odf import style as st
from odf import table as tb
from odf import text as tx

from kumppani.minutes.blocks import (
    Block,
    Document,
    Fields,
    Heading,
    Inline,
    Item,
    ItemList,
    Paragraph,
    Quote,
    Table,
    column_shares,
)
from kumppani.minutes.writers import xml_text

# Named styles: (internal name, display name, family properties).
NAMED: dict[str, tuple[str, dict[str, str], dict[str, str]]] = {
    "Title": (
        "Title",
        {"fontsize": "18pt", "fontweight": "bold"},
        {"margintop": "0cm", "marginbottom": "0.3cm"},
    ),
    "Heading_20_1": (
        "Heading 1",
        {"fontsize": "14pt", "fontweight": "bold"},
        {"margintop": "0.5cm"},
    ),
    "Heading_20_2": (
        "Heading 2",
        {"fontsize": "12pt", "fontweight": "bold"},
        {"margintop": "0.4cm"},
    ),
    "Heading_20_3": (
        "Heading 3",
        {"fontsize": "11pt", "fontweight": "bold"},
        {"margintop": "0.3cm"},
    ),
    "Heading_20_4": (
        "Heading 4",
        {"fontsize": "11pt", "fontstyle": "italic"},
        {"margintop": "0.2cm"},
    ),
    "Text_20_body": ("Text body", {"fontsize": "11pt"}, {"marginbottom": "0.2cm"}),
    "Quotations": (
        "Quotations",
        {"fontsize": "11pt", "fontstyle": "italic"},
        {"marginleft": "1cm"},
    ),
    "Table_20_Contents": ("Table Contents", {"fontsize": "10pt"}, {}),
    "Table_20_Heading": ("Table Heading", {"fontsize": "10pt", "fontweight": "bold"}, {}),
}
TABLE_WIDTH = "17cm"
"""A table across an A4 page inside 2 cm margins (the column widths are relative to it)."""
TABLE_CAPACITY = 100
"""About how many lower-case letters of 10 pt table text such a row holds."""
HEADINGS = {1: "Title", 2: "Heading_20_1", 3: "Heading_20_2", 4: "Heading_20_3"}


class _Writer:
    def __init__(self, template: Path | None) -> None:
        if template is not None:
            self.doc: Any = opendocument.load(str(template))
            for child in list(self.doc.text.childNodes):
                self.doc.text.removeChild(child)
        else:
            self.doc = opendocument.OpenDocumentText()
        have = {item.getAttribute("name") for item in self.doc.styles.getElementsByType(st.Style)}
        for name, (display, text, paragraph) in NAMED.items():
            if name not in have:
                named = st.Style(name=name, displayname=display, family="paragraph")
                named.addElement(st.TextProperties(**text))
                if paragraph:
                    named.addElement(st.ParagraphProperties(**paragraph))
                self.doc.styles.addElement(named)
        auto = self.doc.automaticstyles
        self.bold = st.Style(name="KumppaniBold", family="text")
        self.bold.addElement(st.TextProperties(fontweight="bold"))
        self.italic = st.Style(name="KumppaniItalic", family="text")
        self.italic.addElement(st.TextProperties(fontstyle="italic"))
        self.cell = st.Style(name="KumppaniCell", family="table-cell")
        self.cell.addElement(st.TableCellProperties(border="0.5pt solid #808080", padding="0.1cm"))
        self.bullets = tx.ListStyle(name="KumppaniBullets")
        for level in range(1, 6):
            bullet = tx.ListLevelStyleBullet(level=level, bulletchar="•")
            bullet.addElement(
                st.ListLevelProperties(
                    spacebefore=f"{0.6 * (level - 1):.1f}cm", minlabelwidth="0.6cm"
                )
            )
            self.bullets.addElement(bullet)
        for element in (self.bold, self.italic, self.cell, self.bullets):
            auto.addElement(element)
        self.tables = 0

    def spans(self, paragraph: Any, spans: Inline) -> None:
        for span in spans:
            text = xml_text(span.text)
            if span.style:
                part = tx.Span(stylename=self.bold if span.style == "bold" else self.italic)
                part.addText(text)
                paragraph.addElement(part)
            else:
                paragraph.addText(text)

    def lines(self, paragraph: Any, lines: tuple[Inline, ...]) -> Any:
        for number, line in enumerate(lines):
            if number:
                paragraph.addElement(tx.LineBreak())
            self.spans(paragraph, line)
        return paragraph

    def items(self, entries: tuple[Item, ...]) -> Any:
        listing = tx.List(stylename=self.bullets)
        for entry in entries:
            element = tx.ListItem()
            element.addElement(self.lines(tx.P(stylename="Text_20_body"), entry.lines))
            if entry.children:
                element.addElement(self.items(entry.children))
            listing.addElement(element)
        return listing

    def table(self, block: Table) -> Any:
        self.tables += 1
        name = f"Table{self.tables}"
        whole = st.Style(name=name, family="table")
        whole.addElement(st.TableProperties(width=TABLE_WIDTH, align="margins"))
        self.doc.automaticstyles.addElement(whole)
        table = tb.Table(name=name, stylename=whole)
        for number, share in enumerate(column_shares(block, TABLE_CAPACITY)):
            column = st.Style(name=f"{name}.C{number + 1}", family="table-column")
            column.addElement(st.TableColumnProperties(relcolumnwidth=f"{round(share * 10000)}*"))
            self.doc.automaticstyles.addElement(column)
            table.addElement(tb.TableColumn(stylename=column))
        rows = [
            (block.header, "Table_20_Heading"),
            *((row, "Table_20_Contents") for row in block.rows),
        ]
        for number, (cells, name) in enumerate(rows):
            row = tb.TableRow()
            for text in (*cells, *[""] * len(block.header))[: len(block.header)]:
                cell = tb.TableCell(stylename=self.cell, valuetype="string")
                paragraph = tx.P(stylename=name)
                paragraph.addText(xml_text(text))
                cell.addElement(paragraph)
                row.addElement(cell)
            if number == 0:
                head = tb.TableHeaderRows()
                head.addElement(row)
                table.addElement(head)
            else:
                table.addElement(row)
        return table

    def block(self, block: Block) -> None:
        body = self.doc.text
        if isinstance(block, Heading):
            name = HEADINGS.get(block.level, "Heading_20_4")
            heading = tx.H(outlinelevel=block.level, stylename=name)
            heading.addText(xml_text(block.text))
            body.addElement(heading)
        elif isinstance(block, Paragraph):
            body.addElement(self.lines(tx.P(stylename="Text_20_body"), block.lines))
        elif isinstance(block, ItemList):
            body.addElement(self.items(block.items))
        elif isinstance(block, Table):
            body.addElement(self.table(block))
        elif isinstance(block, Fields):
            for label, value in block.pairs:
                paragraph = tx.P(stylename="Text_20_body")
                strong = tx.Span(stylename=self.bold)
                strong.addText(xml_text(label) + ": ")
                paragraph.addElement(strong)
                paragraph.addText(xml_text(value))
                body.addElement(paragraph)
        else:
            assert isinstance(block, Quote)
            for lines in block.paragraphs:
                paragraph = tx.P(stylename="Quotations")
                for number, line in enumerate(lines):
                    if number:
                        paragraph.addElement(tx.LineBreak())
                    paragraph.addText(xml_text(line))
                body.addElement(paragraph)


LANGUAGES = {"fi": ("fi", "FI"), "sv": ("sv", "FI"), "en": ("en", "GB")}
"""The text's language and country, so spelling is checked in the minutes' language."""


def set_language(doc: Any, language: str) -> None:
    """The default language of paragraphs (the template's default style, or a new one)."""
    defaults = [
        style
        for style in doc.styles.getElementsByType(st.DefaultStyle)
        if style.getAttribute("family") == "paragraph"
    ]
    if defaults:
        default = defaults[0]
    else:
        default = st.DefaultStyle(family="paragraph")
        doc.styles.addElement(default)
    found = default.getElementsByType(st.TextProperties)
    if found:
        properties = found[0]
    else:
        properties = st.TextProperties()
        default.addElement(properties)
    code, country = LANGUAGES.get(language, (language, ""))
    properties.setAttribute("language", code)
    if country:
        properties.setAttribute("country", country)


def a4_page(doc: Any) -> None:
    """An A4 page with 2 cm margins, as the Word minutes (without a template only)."""
    layout = st.PageLayout(name="KumppaniPage")
    layout.addElement(
        st.PageLayoutProperties(
            pagewidth="21cm",
            pageheight="29.7cm",
            printorientation="portrait",
            margintop="2cm",
            marginbottom="2cm",
            marginleft="2cm",
            marginright="2cm",
        )
    )
    doc.automaticstyles.addElement(layout)
    doc.masterstyles.addElement(st.MasterPage(name="Standard", pagelayoutname=layout))


def write_odt(document: Document, template: Path | None = None) -> bytes:
    """The document as an .odt file (bytes), in the template's styles when one is given."""
    writer = _Writer(template)
    if template is None:
        a4_page(writer.doc)
    set_language(writer.doc, document.language)
    for block in document.blocks:
        writer.block(block)
    out = io.BytesIO()
    writer.doc.write(out)
    return out.getvalue()
