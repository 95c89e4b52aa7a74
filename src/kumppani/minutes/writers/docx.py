"""Provides the Word (.docx) writer of the minutes document, with python-docx.

With an organisation template (a ``.docx`` whose styles are used, like
pandoc's reference document) the template's body is emptied and the minutes
are written with its styles: Title, Heading 1–4, List Bullet, List Bullet 2,
Quote and Table Grid. A style the template lacks is borrowed from
python-docx's default (``docx_template``), so any ``.docx`` works as a template.

python-docx is an optional extra (``kumppani[documents]``): imported here only.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import docx
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

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
    Span,
    Table,
    column_shares,
)
from kumppani.minutes.writers import xml_text
from kumppani.minutes.writers.docx_template import borrow_styles, drop_foreign_properties

TABLE_FONT = Pt(9)
TABLE_CAPACITY = 95
"""About how many lower-case letters of 9 pt text a table row across an A4 page holds."""
HEADING_STYLES = {1: "Title", 2: "Heading 1", 3: "Heading 2", 4: "Heading 3", 5: "Heading 4"}
USED_STYLES = (
    *HEADING_STYLES.values(),
    "List Bullet",
    "List Bullet 2",
    "List Bullet 3",
    "Quote",
    "Table Grid",
)


class _Writer:
    def __init__(self, template: Path | None) -> None:
        self.doc: Any = docx.Document(str(template) if template is not None else None)
        if template is None:  # python-docx's own default is US Letter; minutes go on A4
            for section in self.doc.sections:
                section.page_width, section.page_height = Cm(21), Cm(29.7)
                section.left_margin = section.right_margin = Cm(2)
            # Its lists keep 10 pt after each item where a nested list starts or ends.
            for name in ("List Bullet", "List Bullet 2", "List Bullet 3"):
                self.doc.styles[name].paragraph_format.space_after = Pt(2)
        body = self.doc.element.body
        for child in list(body):
            if not child.tag.endswith("}sectPr"):
                body.remove(child)
        if template is not None:
            borrow_styles(self.doc, USED_STYLES)
            drop_foreign_properties(self.doc)
        self.names = {style.name for style in self.doc.styles}

    def style(self, name: str) -> str | None:
        return name if name in self.names else None

    def paragraph(self, style: str) -> Any:
        return self.doc.add_paragraph(style=self.style(style))

    def spans(self, paragraph: Any, spans: Inline) -> None:
        for span in spans:
            run = paragraph.add_run(xml_text(span.text))
            run.bold = span.style == "bold" or None
            run.italic = span.style == "italic" or None

    def lines(self, paragraph: Any, lines: tuple[Inline, ...]) -> None:
        for number, line in enumerate(lines):
            if number:
                paragraph.add_run().add_break()
            self.spans(paragraph, line)

    def item(self, entry: Item, depth: int) -> None:
        name = "List Bullet" if depth == 0 else f"List Bullet {min(depth + 1, 3)}"
        self.lines(self.paragraph(name), entry.lines)
        for child in entry.children:
            self.item(child, depth + 1)

    def table(self, block: Table) -> None:
        table = self.doc.add_table(rows=1, cols=len(block.header))
        if self.style("Table Grid"):
            table.style = "Table Grid"
        for cell, text in zip(table.rows[0].cells, block.header, strict=True):
            run = cell.paragraphs[0].add_run(xml_text(text))
            run.bold, run.font.size = True, TABLE_FONT
        for row in block.rows:
            cells = table.add_row().cells
            for cell, text in zip(cells, row, strict=False):
                cell.paragraphs[0].add_run(xml_text(text)).font.size = TABLE_FONT
        self.widths(table, block)

    def widths(self, table: Any, block: Table) -> None:
        """Columns as wide as their words need (``column_shares``), set on the grid and cells."""
        section = self.doc.sections[-1]
        usable = section.page_width - section.left_margin - section.right_margin
        widths = [int(usable * share) for share in column_shares(block, TABLE_CAPACITY)]
        table.autofit = False
        for column, width in zip(table.columns, widths, strict=True):
            column.width = width  # the grid, as LibreOffice reads it
        for row in table.rows:
            for cell, width in zip(row.cells, widths, strict=True):
                cell.width = width

    def block(self, block: Block) -> None:
        if isinstance(block, Heading):
            name = HEADING_STYLES.get(block.level, "Heading 5")
            self.paragraph(name).add_run(xml_text(block.text))
        elif isinstance(block, Paragraph):
            self.lines(self.paragraph("Normal"), block.lines)
        elif isinstance(block, ItemList):
            for entry in block.items:
                self.item(entry, 0)
        elif isinstance(block, Table):
            self.table(block)
            self.paragraph("Normal").paragraph_format.space_after = Pt(0)
        elif isinstance(block, Fields):
            for label, value in block.pairs:
                paragraph = self.paragraph("Normal")
                paragraph.paragraph_format.space_after = Pt(0)
                paragraph.add_run(xml_text(label) + ": ").bold = True
                paragraph.add_run(xml_text(value))
        else:
            assert isinstance(block, Quote)
            for lines in block.paragraphs:
                self.lines(self.paragraph("Quote"), tuple((Span(line),) for line in lines))


LANGUAGE_TAGS = {"fi": "fi-FI", "sv": "sv-FI", "en": "en-GB"}
"""The proofing language of the text, so Word checks the minutes' spelling in their language."""


def set_language(doc: Any, language: str) -> None:
    """The document's default text language (a template's default is in English otherwise)."""
    node = doc.styles.element
    for tag in ("w:docDefaults", "w:rPrDefault", "w:rPr", "w:lang"):
        child = node.find(qn(tag))
        if child is None:
            child = OxmlElement(tag)
            if tag in ("w:docDefaults", "w:rPrDefault"):  # each comes first in its parent
                node.insert(0, child)
            else:
                node.append(child)
        node = child
    node.set(qn("w:val"), LANGUAGE_TAGS.get(language, language))


def write_docx(document: Document, template: Path | None = None) -> bytes:
    """The document as a .docx file (bytes), in the template's styles when one is given."""
    writer = _Writer(template)
    writer.doc.core_properties.title = xml_text(document.title)
    writer.doc.core_properties.language = LANGUAGE_TAGS.get(document.language, document.language)
    set_language(writer.doc, document.language)
    for block in document.blocks:
        writer.block(block)
    out = io.BytesIO()
    writer.doc.save(out)
    return out.getvalue()
