"""Provides a roster as a form's draft keeps it, and gives it back after a crash.

The session details and the new-session form keep their ``Roster`` in their
draft (``Kept`` under ``roster``): each participant as a table of what the
roster shows (``person_table``). Given back (``restore``), a participant still
in the roster keeps what the form does not show (``person_from``); a journal of
an earlier kumppani held only the names added, as texts, and those are added.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from kumppani.session.model import Participant
from kumppani.session.vocabulary import Role
from kumppani.tui.widgets.forms.form_fields import Kept
from kumppani.tui.widgets.forms.roster import Roster

KEY = "roster"
SHOWN = ("name", "organisation", "title", "party", "role", "present")
"""What a roster shows of a participant, and its draft keeps."""


def person_table(person: Participant) -> dict[str, Any]:
    """A roster's participant as a draft keeps it."""
    table = {key: getattr(person, key) for key in SHOWN if getattr(person, key) is not None}
    return {"id": person.id, **table, "role": person.role.value}


def person_from(table: dict[str, Any], known: dict[str, Participant]) -> Participant:
    """A participant back from ``person_table``; one still in ``known`` keeps its other data."""
    role = str(table.get("role", Role.PARTICIPANT.value))
    present = table.get("present")
    person = Participant(
        name=str(table.get("name", "")),
        organisation=str(table.get("organisation", "")),
        title=str(table.get("title", "")),
        party=str(table.get("party", "")),
        role=Role(role) if role in {item.value for item in Role} else Role.PARTICIPANT,
        present=present if isinstance(present, bool) else None,
    )
    person_id = str(table.get("id", ""))
    if person_id in known:  # its other data (what the form does not show) as it was
        person = replace(known[person_id], **{key: getattr(person, key) for key in SHOWN})
    elif person_id:
        person.id = person_id
    return person


def restore(roster: Roster, people: list[Any]) -> None:
    """Show the roster as its draft kept it."""
    known = {person.id: person for person in roster.participants}
    names = [name for name in people if isinstance(name, str)]
    if names:  # a journal of an earlier kumppani: only the names added, as texts
        added = [person_from({"name": name}, {}) for name in names]
        roster.replace_all([*roster.participants, *added])
    else:  # the whole roster as it was typed (empty, if everyone was removed)
        tables = [table for table in people if isinstance(table, dict)]
        roster.replace_all([person_from(table, known) for table in tables])


def roster_kept(roster: Callable[[], Roster]) -> Kept:
    """How a form's draft keeps the roster that ``roster()`` finds."""
    return Kept(
        KEY,
        lambda: [person_table(person) for person in roster().participants],
        lambda people: restore(roster(), people),
    )
