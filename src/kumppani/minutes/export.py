"""Provides writing the minutes of a session to a file format: Markdown, Word, OpenDocument, HTML.

``minutes_format`` picks the format from ``--to`` or the output's extension;
``export_minutes`` builds the document once and writes it. Word and
OpenDocument need the optional extra ``kumppani[documents]`` (python-docx and
odfpy); without it ``MissingExtra`` names the extra. An organisation template
is ``minutes-template.docx`` / ``minutes-template.odt`` in the config folder.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from kumppani.minutes.document import Layout, build_minutes, no_collection_pauses
from kumppani.minutes.writers.html import write_html
from kumppani.minutes.writers.markdown import write_markdown
from kumppani.session.model import Session

Format = Literal["md", "docx", "odt", "html"]
FORMATS: tuple[Format, ...] = ("md", "docx", "odt", "html")
EXTENSIONS: dict[str, Format] = {
    ".md": "md",
    ".markdown": "md",
    ".docx": "docx",
    ".odt": "odt",
    ".html": "html",
    ".htm": "html",
}
TEMPLATE_NAME = "minutes-template"
EXTRA = "kumppani[documents]"


class MissingExtra(Exception):
    """A format needs a library of the optional extra that is not installed."""

    def __init__(self, fmt: str, module: str) -> None:
        super().__init__(f"{fmt} needs {module}: pip install '{EXTRA}'")
        self.format = fmt
        self.module = module


def minutes_format(output: Path | None, to: str | None = None) -> Format:
    """The format asked for: ``to`` if given, else by the output's extension, else Markdown."""
    if to:
        return next((fmt for fmt in FORMATS if fmt == to), "md")
    if output is None:
        return "md"
    return EXTENSIONS.get(output.suffix.lower(), "md")


def template_for(fmt: Format, config_dir: Path | None) -> Path | None:
    """The organisation's template for the format in the config folder, if there is one."""
    if config_dir is None or fmt not in ("docx", "odt"):
        return None
    path = config_dir / f"{TEMPLATE_NAME}.{fmt}"
    return path if path.is_file() else None


def export_minutes(
    session: Session,
    language: str,
    fmt: Format = "md",
    *,
    anonymize: bool = False,
    config_dir: Path | None = None,
    by: Layout = "step",
    appendix: bool = False,
) -> bytes:
    """The minutes of ``session`` as the bytes of a file in ``fmt``."""
    with no_collection_pauses():
        document = build_minutes(
            session, language, anonymize=anonymize, config_dir=config_dir, by=by, appendix=appendix
        )
    if fmt == "md":
        return write_markdown(document).encode("utf-8")
    if fmt == "html":
        return write_html(document).encode("utf-8")
    template = template_for(fmt, config_dir)
    if fmt == "docx":
        try:
            from kumppani.minutes.writers.docx import write_docx  # python-docx: ~0.2 s to import
        except ImportError as error:
            raise MissingExtra("docx", "python-docx") from error
        return write_docx(document, template)
    try:
        from kumppani.minutes.writers.odt import write_odt  # odfpy
    except ImportError as error:
        raise MissingExtra("odt", "odfpy") from error
    return write_odt(document, template)
