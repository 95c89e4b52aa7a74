"""Reading the minutes back as a Markdown reader would: tokens, visible text and tables."""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.token import Token

PARSER = MarkdownIt("commonmark").enable(["table", "strikethrough"])
"""CommonMark with the GitHub tables and strikethrough the minutes use."""


def parse(text: str) -> list[Token]:
    return PARSER.parse(text)


def inline_text(token: Token) -> str:
    """The visible text of an inline token; line breaks and <br> become newlines."""
    parts = []
    for child in token.children or []:
        if child.type in ("softbreak", "hardbreak") or child.content == "<br>":
            parts.append("\n")
        else:
            parts.append(child.content)
    return "".join(parts)


def tables(tokens: list[Token]) -> list[list[list[str]]]:
    """Every table as rows of cell texts, the header row first."""
    result: list[list[list[str]]] = []
    for index, token in enumerate(tokens):
        if token.type == "table_open":
            result.append([])
        elif token.type == "tr_open":
            result[-1].append([])
        elif token.type in ("th_open", "td_open"):
            result[-1][-1].append(inline_text(tokens[index + 1]))
    return result
