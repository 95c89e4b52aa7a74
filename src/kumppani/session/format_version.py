"""Provides the identifier and version of the session file format."""

from __future__ import annotations

from typing import NamedTuple

from kumppani.errors import Message

FORMAT_ID = "kumppani.session"


class FormatVersion(NamedTuple):
    """``major.minor``: a newer minor only adds keys; a newer major may change meaning."""

    major: int
    minor: int

    def __str__(self) -> str:
        return f"{self.major}.{self.minor}"

    @classmethod
    def parse(cls, text: str) -> FormatVersion | None:
        """``"1.0"`` → ``FormatVersion(1, 0)``; None if it is not of that form."""
        major, dot, minor = text.partition(".")
        if not (dot and major.isdigit() and minor.isdigit()):
            return None
        return cls(int(major), int(minor))


FORMAT_VERSION = FormatVersion(1, 3)
"""1.2 added the status history, the approval's digest and unknown presence; 1.3 the
minutes' writer, distribution and next meeting, and the previous session's date."""


def newer_format(version: FormatVersion) -> Message:
    """Why a file of a newer format ``version`` is never overwritten."""
    return Message("problem.newer_format", version=str(version), ours=str(FORMAT_VERSION))
