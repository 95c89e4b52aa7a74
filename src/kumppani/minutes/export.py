"""Provides the one way every entry point exports minutes: the same words from every door.

``kumppani export``, ``kumppani review --print``, ``e`` on home, ``e`` in the
summary and the review screen all call ``export_minutes`` (Markdown) or
``export_file`` (any format), so they agree on:

* **the language**: the one asked for explicitly (``--lang``, or ``l`` in the
  summary), else the session's own language; never the interface language;
* **step names**: looked up among the user's own templates
  (``paths.config_dir()``) first, then the built-in ones;
* **the organisation template** of Word and OpenDocument files:
  ``minutes-template.docx`` / ``minutes-template.odt`` in the config folder.

The format comes from ``--to`` or the output's extension (``minutes_format``).
Word and OpenDocument need the optional extra ``kumppani[documents]``
(python-docx and odfpy); without it ``MissingExtra`` names the extra.
``write_minutes`` writes atomically, by default to ``minutes_path`` (the
session file's name with ``.md``), never over a session file and over another
existing file only when forced (``minutes.target``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from kumppani.minutes.document import Layout, build_minutes, no_collection_pauses
from kumppani.minutes.target import put_minutes
from kumppani.minutes.writers.html import write_html
from kumppani.minutes.writers.markdown import write_markdown
from kumppani.session.model import Session
from kumppani.settings import paths
from kumppani.text.i18n import normalise_language

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


def minutes_language(session: Session, language: str | None = None) -> str:
    """The language of the minutes: ``language`` when given, else the session's own."""
    return normalise_language(language or session.language)


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
    language: str | None = None,
    *,
    anonymize: bool = False,
    by: Layout = "step",
    appendix: bool = False,
) -> str:
    """The minutes of ``session`` as Markdown (see the module for the language rule)."""
    return export_file(
        session, "md", language, anonymize=anonymize, by=by, appendix=appendix
    ).decode("utf-8")


def export_file(
    session: Session,
    fmt: Format = "md",
    language: str | None = None,
    *,
    anonymize: bool = False,
    by: Layout = "step",
    appendix: bool = False,
    config_dir: Path | None = None,
) -> bytes:
    """The minutes of ``session`` as the bytes of a file in ``fmt``.

    ``config_dir`` (templates of steps and of documents) is the user's config
    folder unless given.
    """
    folder = config_dir if config_dir is not None else paths.config_dir()
    with no_collection_pauses():
        document = build_minutes(
            session,
            minutes_language(session, language),
            anonymize=anonymize,
            config_dir=folder,
            by=by,
            appendix=appendix,
        )
    if fmt == "md":
        return write_markdown(document).encode("utf-8")
    if fmt == "html":
        return write_html(document).encode("utf-8")
    template = template_for(fmt, folder)
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


def minutes_path(session_path: Path) -> Path:
    """Where the minutes of a session file go by default: beside it, named ``<stem>.md``."""
    return session_path.with_suffix(".md")


def write_minutes(
    session: Session,
    target: Path,
    language: str | None = None,
    *,
    anonymize: bool = False,
    by: Layout = "step",
    appendix: bool = False,
    fmt: Format | None = None,
    source: Path | None = None,
    force: bool = False,
) -> None:
    """Write the minutes to ``target`` atomically, in ``fmt`` or the format of its extension.

    ``source`` is the session's file; ``force`` replaces an existing file that is not the
    session's own minutes (``minutes.target.check_target``; a session is never replaced).
    """
    data = export_file(
        session,
        fmt or minutes_format(target),
        language,
        anonymize=anonymize,
        by=by,
        appendix=appendix,
    )
    put_minutes(data, target, source, force=force)
