"""Provides the digest of a session's content and whether its approval still holds.

The content of the minutes is everything the file holds about the meeting:
the ``[session]`` fields (title, date, venue, purpose …), the participants,
and every step with its notes, groups, rounds, votes, win-win, actions and
indicators, unknown keys included. Left out, because they change without the
minutes changing: ``format``/``format_version``, ``[live]`` (the step on
screen, a running timer), ``[end]``, and in ``[session]`` the ``status``, its
``status_history``, ``modified`` and the ``approval`` itself.

The canonical form is that content as the file format encodes it (empty
values left out, CR LF as LF), written as JSON with sorted keys, no spaces,
non-ASCII as is, date-times as their instant in UTC, dates and times tagged by
type. The digest is ``sha256:`` and the SHA-256 of its UTF-8 bytes, so key
order, spacing, comments, quoting or a time zone written differently do not
change it; any change of a value does.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from enum import StrEnum
from typing import Any

from kumppani.fileformat.encode import encode_session
from kumppani.session.model import Session
from kumppani.session.vocabulary import SessionStatus

PREFIX = "sha256:"

VOLATILE_TOP = frozenset(("format", "format_version", "live", "end"))
"""Top-level tables that are not content."""
VOLATILE_SESSION = frozenset(("status", "status_history", "modified", "approval"))
"""``[session]`` keys that are not content."""

_TAG = "\x00"
"""Starts the key of a tagged value: no key of a session file holds it."""


class ApprovalState(StrEnum):
    """Whether the minutes are approved, and whether the approval still holds."""

    NONE = "none"
    """Not approved."""
    APPROVED = "approved"
    """Approved, and the content is what was approved."""
    UNCHECKED = "unchecked"
    """Approved in a file older than digests: the content cannot be checked."""
    CHANGED = "changed"
    """Approved, and the content has changed since: not approved any more."""


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
            return {_TAG + "local": value.isoformat()}
        return {_TAG + "instant": value.astimezone(dt.UTC).isoformat()}
    if isinstance(value, dt.date):
        return {_TAG + "date": value.isoformat()}
    if isinstance(value, dt.time):
        return {_TAG + "time": value.isoformat()}
    return value


def content(session: Session) -> dict[str, Any]:
    """The content of the minutes as plain data (see the module text for what counts)."""
    document = encode_session(session)
    found = {key: value for key, value in document.items() if key not in VOLATILE_TOP}
    header = {key: v for key, v in found["session"].items() if key not in VOLATILE_SESSION}
    found["session"] = header
    plain: dict[str, Any] = _plain(found)
    return plain


def canonical(session: Session) -> bytes:
    """The canonical form of the content: the bytes the digest is taken of."""
    text = json.dumps(content(session), sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return text.encode("utf-8")


def content_digest(session: Session) -> str:
    """``sha256:<hex>`` of the canonical form of the session's content."""
    return PREFIX + hashlib.sha256(canonical(session)).hexdigest()


def approval_state(session: Session) -> ApprovalState:
    """Whether the session's minutes are approved and still as approved."""
    approval = session.approval
    if approval is None:  # "approved" with no record of who approved: nothing to check
        approved = session.status == SessionStatus.APPROVED
        return ApprovalState.UNCHECKED if approved else ApprovalState.NONE
    if not approval.digest:
        return ApprovalState.UNCHECKED
    if approval.digest != content_digest(session):
        return ApprovalState.CHANGED
    return ApprovalState.APPROVED
