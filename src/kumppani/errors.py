"""Provides the error types the CLI and the TUI know how to show.

Every error about a file names the file, the line and column where known, the
field (a dotted path such as ``steps.overall.notes[3].created``) and what was
expected, so a secretariat can open the file and fix it by hand.
"""

from __future__ import annotations

from pathlib import Path


class KumppaniError(Exception):
    """Base class of every error kumppani reports to a user."""


class FileError(KumppaniError):
    """A problem with a file, located as precisely as the parser allows."""

    kind = "file"

    def __init__(
        self,
        path: Path | str | None,
        message: str,
        *,
        line: int | None = None,
        column: int | None = None,
        field: str | None = None,
        expected: str | None = None,
    ) -> None:
        self.path = Path(path) if path is not None else None
        self.message = message
        self.line = line
        self.column = column
        self.field = field
        self.expected = expected
        super().__init__(self.describe())

    @property
    def location(self) -> str:
        """``file:line:column`` with what is known of it."""
        where = str(self.path) if self.path is not None else "<text>"
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return where

    def describe(self) -> str:
        """One line: location, field, message and what was expected."""
        parts = [self.location]
        if self.field:
            parts.append(f"field '{self.field}'")
        text = ": ".join(parts) + ": " + self.message
        if self.expected:
            text += f" (expected {self.expected})"
        return text


class SessionFileError(FileError):
    """A session file could not be read, or does not hold a valid session."""

    kind = "session"


class NewerFormatError(SessionFileError):
    """The file was written by a newer kumppani; it may be read but never overwritten."""


class TemplateError(FileError):
    """A process template is not valid."""

    kind = "template"


class ConfigError(FileError):
    """The configuration file is not valid."""

    kind = "config"


class SaveError(KumppaniError):
    """Saving failed; the file on disk is unchanged."""

    def __init__(self, path: Path, reason: str, *, errno: int | None = None) -> None:
        self.path = path
        self.reason = reason
        self.errno = errno
        """The operating system's error number when the disk refused (ENOSPC …), else None."""
        super().__init__(f"{path}: could not save: {reason}")
