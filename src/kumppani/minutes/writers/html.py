"""Provides the HTML writer of the minutes document: one self-contained file, ready to print.

No scripts, no external files: the styles are inline, with a print stylesheet
for A4 paper. Every piece of user text is escaped with ``html.escape``.
"""

from __future__ import annotations

from html import escape

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
)
from kumppani.minutes.writers import xml_text

STYLE = """
body { font-family: "Liberation Sans", Arial, sans-serif; font-size: 11pt; line-height: 1.4;
       max-width: 48em; margin: 2em auto; padding: 0 1em; color: #111; }
h1 { font-size: 18pt; } h2 { font-size: 14pt; margin-top: 1.6em; } h3 { font-size: 12pt; }
h4, h5 { font-size: 11pt; }
table { border-collapse: collapse; width: 100%; margin: 0.5em 0 1em; }
th, td { border: 1px solid #888; padding: 0.25em 0.5em; text-align: left; vertical-align: top; }
th { background: #eee; }
dl.fields { display: grid; grid-template-columns: max-content auto; gap: 0.2em 1em; }
dl.fields dt { font-weight: bold; } dl.fields dd { margin: 0; }
blockquote { border-left: 3px solid #888; margin-left: 0; padding-left: 1em; }
@page { size: A4; margin: 2.5cm 2cm; }
@media print {
  body { max-width: none; margin: 0; padding: 0; font-size: 10.5pt; }
  h1, h2, h3, h4, h5 { break-after: avoid; }
  tr, li, blockquote { break-inside: avoid; }
  th { background: none; }
}
"""


def _text(text: str) -> str:
    return escape(xml_text(text))


def _spans(spans: Inline) -> str:
    out = []
    for span in spans:
        text = _text(span.text)
        if span.style == "bold":
            text = f"<strong>{text}</strong>"
        elif span.style == "italic":
            text = f"<em>{text}</em>"
        out.append(text)
    return "".join(out)


def _lines(lines: tuple[Inline, ...]) -> str:
    return "<br>".join(_spans(line) for line in lines)


def _item(entry: Item) -> str:
    inner = ""
    if entry.children:
        inner = "<ul>" + "".join(_item(child) for child in entry.children) + "</ul>"
    return f"<li>{_lines(entry.lines)}{inner}</li>"


def _block(block: Block) -> str:
    if isinstance(block, Heading):
        level = min(block.level, 6)
        return f"<h{level}>{_text(block.text)}</h{level}>"
    if isinstance(block, Paragraph):
        return f"<p>{_lines(block.lines)}</p>"
    if isinstance(block, ItemList):
        tag = "ol" if block.numbered else "ul"
        return f"<{tag}>" + "".join(_item(entry) for entry in block.items) + f"</{tag}>"
    if isinstance(block, Table):
        head = "".join(f"<th>{_text(cell)}</th>" for cell in block.header)
        rows = "".join(
            "<tr>" + "".join(f"<td>{_text(cell)}</td>" for cell in row) + "</tr>"
            for row in block.rows
        )
        return f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"
    if isinstance(block, Fields):
        pairs = "".join(
            f"<dt>{_text(label)}</dt><dd>{_text(value)}</dd>" for label, value in block.pairs
        )
        return f'<dl class="fields">{pairs}</dl>'
    assert isinstance(block, Quote)
    paragraphs = "".join(
        "<p>" + "<br>".join(map(_text, lines)) + "</p>" for lines in block.paragraphs
    )
    return f"<blockquote>{paragraphs}</blockquote>"


def write_html(document: Document) -> str:
    """The document as one HTML file with its styles inside."""
    body = "\n".join(_block(block) for block in document.blocks)
    return (
        f'<!DOCTYPE html>\n<html lang="{escape(document.language)}">\n<head>\n'
        f'<meta charset="utf-8">\n<title>{_text(document.title)}</title>\n'
        f"<style>{STYLE}</style>\n</head>\n<body>\n{body}\n</body>\n</html>\n"
    )
