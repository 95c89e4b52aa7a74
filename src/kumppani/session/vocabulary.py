"""Provides the fixed vocabulary of the partnership process: step keys, note kinds, statuses.

Display labels for every value live in the translation catalogs
(``kumppani/locales/*.toml``) under ``step.<key>``, ``kind.<key>``, ``status.<key>`` …;
the values here are what the session files store.
"""

from __future__ import annotations

from enum import StrEnum

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
    """Where a session is in its life."""

    DRAFT = "draft"
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"
    APPROVED = "approved"


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
