"""Provides the one way every entry point exports minutes: the same words from every door.

``kumppani export``, ``kumppani review --print``, ``e`` on home, ``e`` in the
summary and the review screen all call ``export_minutes``, so they agree on:

* **the language**: the one asked for explicitly (``--lang``, or ``l`` in the
  summary), else the session's own language; never the interface language;
* **step names**: looked up among the user's own templates
  (``paths.config_dir()``) first, then the built-in ones.

``write_minutes`` writes them atomically, by default to ``minutes_path``
(the session file's name with ``.md``).
"""

from __future__ import annotations

from pathlib import Path

from kumppani.minutes.document import render_minutes
from kumppani.session.model import Session
from kumppani.settings import paths
from kumppani.storage.files import write_atomic
from kumppani.text.i18n import normalise_language


def minutes_language(session: Session, language: str | None = None) -> str:
    """The language of the minutes: ``language`` when given, else the session's own."""
    return normalise_language(language or session.language)


def export_minutes(
    session: Session, language: str | None = None, *, anonymize: bool = False
) -> str:
    """The minutes of ``session`` as Markdown (see the module for the language rule)."""
    return render_minutes(
        session,
        minutes_language(session, language),
        anonymize=anonymize,
        config_dir=paths.config_dir(),
    )


def minutes_path(session_path: Path) -> Path:
    """Where the minutes of a session file go by default: beside it, named ``<stem>.md``."""
    return session_path.with_suffix(".md")


def write_minutes(
    session: Session,
    target: Path,
    language: str | None = None,
    *,
    anonymize: bool = False,
) -> None:
    """Write the minutes of ``session`` to ``target`` atomically (UTF-8)."""
    write_atomic(target, export_minutes(session, language, anonymize=anonymize).encode("utf-8"))
