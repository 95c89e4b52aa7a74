"""Provides the minutes (muistio) of a session: built once as a document, written in any format.

``build_minutes`` makes the document (``kumppani.minutes.blocks``) in the
order secretariats write official minutes: the header, who was present and
absent, the decisions and actions, the numbered items (one per step, or one
per focus theme with ``by="theme"``), the next meeting, the distribution and
the approval line; with ``appendix`` the facilitation figures after them.
``render_minutes`` writes it as Markdown; ``kumppani.minutes.writers`` hold
the Word, OpenDocument and HTML writers of the same document.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Literal

from kumppani.minutes.appendix import appendix as facilitation_appendix
from kumppani.minutes.blocks import Document
from kumppani.minutes.items import ordered_steps, step_item
from kumppani.minutes.official import attendance, closing, decisions, header
from kumppani.minutes.themes import theme_items
from kumppani.minutes.words import Words
from kumppani.minutes.writers.markdown import write_markdown
from kumppani.session.model import Session
from kumppani.text.i18n import normalise_language

Layout = Literal["step", "theme"]
LAYOUTS: tuple[Layout, ...] = ("step", "theme")


@contextmanager
def no_collection_pauses() -> Iterator[None]:
    """The cyclic garbage collector held off while the minutes are built and written.

    Building allocates several small tuples per note; with a large session in
    memory, the collector's passes over all of it cost more than the building
    itself (10,000 notes: about 300 ms instead of 160 ms). Nothing built here
    forms a reference cycle, and the collector runs again right after.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def build_minutes(
    session: Session,
    language: str = "fi",
    *,
    anonymize: bool = False,
    config_dir: Path | None = None,
    by: Layout = "step",
    appendix: bool = False,
) -> Document:
    """The minutes of ``session`` as a document in ``language``.

    With ``anonymize`` the names of people are replaced by their organisation;
    organisations (the organiser too) stay. Step names come from the session's
    template, looked up in ``config_dir`` first when given.
    """
    language = normalise_language(language)
    words = Words(session, language, anonymize, config_dir)
    doc = Document(language)
    header(doc, words)
    attendance(doc, words)
    decisions(doc, words)
    if by == "theme":
        theme_items(doc, words)
    else:
        doc.heading(2, words._("export.section.items"))
        for index, step in enumerate(ordered_steps(words), 1):
            step_item(doc, words, index, step)
    closing(doc, words)
    if appendix:
        facilitation_appendix(doc, words)
    return doc


def render_minutes(
    session: Session,
    language: str = "fi",
    *,
    anonymize: bool = False,
    config_dir: Path | None = None,
    by: Layout = "step",
    appendix: bool = False,
) -> str:
    """The minutes of ``session`` as Markdown in ``language`` (see ``build_minutes``)."""
    with no_collection_pauses():
        document = build_minutes(
            session, language, anonymize=anonymize, config_dir=config_dir, by=by, appendix=appendix
        )
        return write_markdown(document)
