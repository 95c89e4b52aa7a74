"""Provides the fixed vocabulary of the partnership process: step keys, note kinds, statuses.

Display labels for every value live in the translation catalogs
(``kumppani/locales/*.toml``) under ``step.<key>``, ``kind.<key>``, ``status.<key>`` …;
the values here are what the session files store.
"""

from __future__ import annotations

from enum import StrEnum

USER_TEMPLATES_FOLDER = "templates"
"""The folder of a user's own process templates inside the config folder."""

# The five steps of the partnership process, in order.
STEP_KEYS: tuple[str, ...] = ("overall", "situation", "will", "solutions", "followup")

# Every note kind a template may offer. The first kind a step offers is its default.
NOTE_KINDS: tuple[str, ...] = (
    "observation",
    "actor",
    "question",
    "challenge",
    "opportunity",
    "theme",
    "goal",
    "state_benefit",
    "city_benefit",
    "incentive",
    "disincentive",
    "idea",
    "message",
    "indicator",
)

# Parties that ship by default; the list itself is configurable.
DEFAULT_PARTIES: tuple[str, ...] = ("state", "city", "other")


class Role(StrEnum):
    """A participant's role at the table."""

    CHAIR = "chair"
    SECRETARY = "secretary"
    PARTICIPANT = "participant"


class SessionStatus(StrEnum):
    """Where a session is in its life: draft → in progress → held → approved.

    - ``draft``: prepared, the meeting has not started; everything may be edited.
    - ``in_progress``: the meeting is running (the first note or a started timer).
    - ``held``: the meeting has ended (an explicit command); editing the minutes is
      allowed and the status stays held.
    - ``approved``: the minutes are approved (who, when, a digest of the content);
      editing asks first and removes the approval at the first real change.
    """

    DRAFT = "draft"
    IN_PROGRESS = "in_progress"
    HELD = "held"
    APPROVED = "approved"


LEGACY_SESSION_STATUSES: dict[str, SessionStatus] = {"completed": SessionStatus.HELD}
"""Status values older files hold, and what they mean now (``completed`` was held)."""


class StepStatus(StrEnum):
    """Where a step is."""

    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    DONE = "done"


class ActionStatus(StrEnum):
    """Where an agreed action is. ``proposed``/``agreed``/``in_progress`` count as open."""

    PROPOSED = "proposed"
    AGREED = "agreed"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    POSTPONED = "postponed"
    CANCELLED = "cancelled"

    @property
    def is_open(self) -> bool:
        """True while the action still needs follow-up."""
        return self in (ActionStatus.PROPOSED, ActionStatus.AGREED, ActionStatus.IN_PROGRESS)


class TurnOutcome(StrEnum):
    """How one turn of a speaking round ended."""

    SPOKE = "spoke"
    PASSED = "passed"
    SKIPPED = "skipped"


class VotePer(StrEnum):
    """Who gets the dots of a dot vote: each participant or each party."""

    PARTICIPANT = "participant"
    PARTY = "party"
