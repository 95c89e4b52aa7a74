"""Provides the decoder: a parsed TOML document to a validated Session, or one located error.

``kumppani.fileformat.parse`` reads the text into the document first.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from kumppani.errors import Message, is_
from kumppani.fileformat.fields import MISSING, Fields, Source
from kumppani.fileformat.header import session_head
from kumppani.fileformat.layout import has_comments
from kumppani.fileformat.pacing import checkpoint
from kumppani.fileformat.runs import Run, RunList, known
from kumppani.session.format_version import FORMAT_ID, FORMAT_VERSION, FormatVersion
from kumppani.session.model import (
    Action,
    Group,
    Indicator,
    Live,
    Note,
    Participant,
    Reading,
    Round,
    Session,
    StatusChange,
    Step,
    Turn,
    Vote,
    WinWin,
    new_id,
)
from kumppani.session.vocabulary import (
    NOTE_KINDS,
    STEP_KEYS,
    ActionStatus,
    Role,
    StepStatus,
    TurnOutcome,
    VotePer,
)

PLAIN_NOTE_KEYS = frozenset(
    ("id", "text", "kind", "party", "participant", "group", "highlight", "votes", "created")
)
"""The keys ``Decoder.note`` reads; a note with any other goes the long way (kept as extra)."""


_Checked = dict[int, tuple[dict[str, Any], tuple[str, ...], Note]]
_CHECKED: _Checked = {}
"""The notes of saves' checks, by the identity of their table (which it also holds)."""
CHECKED_SIZE = 30_000
"""Notes kept for checks; past this they start again empty."""


class _Decoder:
    """Reads one document; knows its format version and its participants."""

    def __init__(self, source: Source, checked: _Checked | None = None) -> None:
        self.source = source
        self.version = FORMAT_VERSION
        self.seen_ids: dict[str, str] = {}
        self.checked = checked
        """Plain notes found before, by table identity (a check's; see ``decode_session``)."""

    @property
    def newer(self) -> bool:
        return self.version > FORMAT_VERSION

    def unique(self, fields: Fields, prefix: str) -> str:
        """The table's ``id``, made up if absent (a hand-added row), never repeated."""
        value = fields.text("id") or new_id(prefix)
        if value in self.seen_ids:
            fields.source.fail(
                fields.field("id"),
                Message("problem.repeated_id", id=repr(value), where=self.seen_ids[value]),
                Message("expected.unique_id"),
            )
        self.seen_ids[value] = fields.where
        return value

    def header(self, root: Fields) -> FormatVersion:
        name = root.text("format")
        if name != FORMAT_ID:
            expected = Message("expected.format_id", format=FORMAT_ID)
            root.source.fail("format", is_(repr(name)), expected)
        version = FormatVersion.parse(root.text("format_version", required=True))
        if version is None:
            root.source.fail("format_version", Message("problem.not_major_minor"), '"1.0"')
        return version

    def participant(self, fields: Fields) -> Participant:
        person = Participant(
            id=self.unique(fields, "p"),
            name=fields.text("name", required=True),
            organisation=fields.text("organisation"),
            title=fields.text("title"),
            party=fields.text("party"),
            role=fields.enum("role", Role, Role.PARTICIPANT),
            present=self.presence(fields),
        )
        person.extra = fields.extra()
        return person

    def presence(self, fields: Fields) -> bool | None:
        """``present``: from format 1.2 a missing key means not known; before, present."""
        if fields.has("present") or self.version < FormatVersion(1, 2):
            return fields.flag("present", True)
        return None

    def note(self, fields: Fields, kinds: tuple[str, ...], created: Any) -> Note:
        kind = fields.text("kind", "observation")
        if kind not in kinds and not self.newer:
            one_of = Message("expected.one_of", choices=", ".join(kinds))
            fields.source.fail(fields.field("kind"), is_(repr(kind)), one_of)
        # A participant removed from the roster leaves its id behind in notes: kept, not
        # refused, so that no note becomes unreadable because of who said it.
        participant = fields.text("participant")
        note = Note(
            id=self.unique(fields, "n"),
            text=fields.text("text", required=True),
            kind=kind,
            party=fields.text("party"),
            participant=participant,
            group=fields.text("group"),
            highlight=fields.flag("highlight"),
            votes=fields.whole("votes"),
            created=fields.instant("created", created),
        )
        note.extra = fields.extra()
        return note

    def plain_note(
        self, table: dict[str, Any], where: str, kinds: tuple[str, ...], created: Any
    ) -> Note | None:
        """The note of a table that ``note`` would take as it is; None for any other.

        A session holds thousands of notes and nearly every one is plain: an id, known
        keys, each of its type. Those are built here in one pass; anything else (no id,
        an unknown key, a wrong type, a repeated id, a kind this version does not know)
        goes through ``note``, which keeps the unknown keys or raises the located error.
        The two give the same note (a test holds them to it).
        """
        if self.checked is not None and (known := self.checked.get(id(table))) is not None:
            seen, seen_kinds, note = known
            if seen is table and seen_kinds is kinds:  # the same table, found plain then
                if note.id in self.seen_ids:
                    return None  # repeated: ``note`` says where
                self.seen_ids[note.id] = where
                return note
        if not table.keys() <= PLAIN_NOTE_KEYS:
            return None
        get = table.get
        text, kind = get("text"), get("kind", "observation")
        if type(text) is not str or type(kind) is not str or kind not in kinds:
            return None
        texts = (get("id", ""), get("participant", ""), get("party", ""), get("group", ""))
        if any(type(value) is not str for value in texts):
            return None
        highlight, votes, when = get("highlight", False), get("votes", 0), get("created", created)
        if type(highlight) is not bool or type(votes) is not int or votes < 0:
            return None
        if type(when) is not dt.datetime or when.tzinfo is None:
            return None
        note_id, participant, party, group = texts
        if not note_id or note_id in self.seen_ids:  # to be made up, or repeated
            return None
        self.seen_ids[note_id] = where
        note = Note(
            id=note_id,
            text=text,
            kind=kind,
            party=party,
            participant=participant,
            group=group,
            highlight=highlight,
            votes=votes,
            created=when,
        )
        if self.checked is not None and "created" in table:  # else it depends on the session
            if len(self.checked) >= CHECKED_SIZE:
                self.checked.clear()
            self.checked[id(table)] = (table, kinds, note)
        return note

    def notes(self, fields: Fields, created: Any) -> list[Note]:
        """A step's notes; a check takes each run it found plain before as it was."""
        value = fields.table.get("notes")
        if self.checked is None or type(value) is not RunList:
            return [
                self.plain_note(table, where, NOTE_KINDS, created)
                or self.note(Fields(self.source, table, where), NOTE_KINDS, created)
                for where, table in fields.tables("notes")
            ]
        fields.read.add("notes")
        path, notes = fields.field("notes"), list[Note]()
        for run in value.runs:
            notes += self.checked_run(run, (path, len(notes)), created)
        return notes

    def checked_run(self, run: Run, at: tuple[str, int], created: Any) -> list[Note]:
        """The notes of ``run`` (starting at index ``at[1]`` of array ``at[0]``), in a check."""
        made = known(run, "checked")
        if made is not None and made[0] == at and self.seen_ids.keys().isdisjoint(made[1]):
            self.seen_ids.update(zip(made[1], made[2], strict=True))
            return made[3]  # type: ignore[no-any-return]
        checkpoint()
        path, start = at
        wheres = tuple(f"{path}[{index}]" for index in range(start, start + len(run)))
        notes, plain = list[Note](), True
        for where, table in zip(wheres, run, strict=True):
            note = self.plain_note(table, where, NOTE_KINDS, created)
            if note is None or "created" not in table:  # else it depends on the session
                plain = False
            notes.append(note or self.note(Fields(self.source, table, where), NOTE_KINDS, created))
        if plain:
            run.checked = (at, tuple(note.id for note in notes), wheres, notes)
        return notes

    def group(self, fields: Fields) -> Group:
        group = Group(id=self.unique(fields, "g"), heading=fields.text("heading", required=True))
        group.extra = fields.extra()
        return group

    def speaking_round(self, fields: Fields) -> Round:
        order = fields.texts("order")
        speaking = Round(
            id=self.unique(fields, "r"),
            started=fields.instant("started"),
            alternate=fields.flag("alternate"),
            seconds_each=fields.whole("seconds_each", high=24 * 3600),
            order=order,
            position=fields.whole("position", high=len(order)),
            floor_since=fields.instant_or_none("floor_since"),
            ended=fields.instant_or_none("ended"),
        )
        for turn_fields in fields.subs("turns"):
            # Like a note's, a turn's participant may have left the roster: kept as it is.
            turn = Turn(
                participant=turn_fields.text("participant", required=True),
                start=turn_fields.instant("start"),
                seconds=turn_fields.whole("seconds"),
                outcome=turn_fields.enum("outcome", TurnOutcome, TurnOutcome.SPOKE),
            )
            turn.extra = turn_fields.extra()
            speaking.turns.append(turn)
        speaking.extra = fields.extra()
        return speaking

    def vote(self, fields: Fields) -> Vote:
        vote = Vote(
            id=self.unique(fields, "v"),
            held=fields.instant("held"),
            dots=fields.whole("dots", 3, low=1, high=1000),
            per=fields.enum("per", VotePer, VotePer.PARTICIPANT),
            voters=fields.whole("voters"),
            carried=fields.choice("carried", ("", "will", "solutions"), ""),
        )
        if (counts := fields.sub("counts")) is not None:
            vote.counts = {note: counts.whole(note) for note in list(counts.table)}
        vote.extra = fields.extra()
        return vote

    def live(self, fields: Fields) -> Live:
        live = Live(
            step=fields.choice("step", ("", *STEP_KEYS), ""),
            timer_since=fields.instant_or_none("timer_since"),
            timer_spent=fields.whole("timer_spent"),
        )
        live.extra = fields.extra()
        return live

    def action(self, fields: Fields) -> Action:
        action = Action(
            id=self.unique(fields, "a"),
            title=fields.text("title", required=True),
            description=fields.text("description"),
            rationale=fields.text("rationale"),
            responsible=fields.texts("responsible"),
            owner=fields.text("owner"),
            due=fields.day("due"),
            resources=fields.text("resources"),
            status=fields.enum("status", ActionStatus, ActionStatus.PROPOSED),
        )
        for change_fields in fields.subs("history"):
            change = StatusChange(
                on=change_fields.day("on", required=True),  # type: ignore[arg-type]
                old=change_fields.enum("old", ActionStatus, ActionStatus.PROPOSED),
                new=change_fields.enum("new", ActionStatus, ActionStatus.PROPOSED),
                note=change_fields.text("note"),
            )
            change.extra = change_fields.extra()
            action.history.append(change)
        action.extra = fields.extra()
        return action

    def indicator(self, fields: Fields) -> Indicator:
        indicator = Indicator(
            id=self.unique(fields, "i"),
            name=fields.text("name", required=True),
            unit=fields.text("unit"),
            baseline=fields.number("baseline"),
            target=fields.number("target"),
            owner=fields.text("owner"),
            schedule=fields.text("schedule"),
        )
        for reading_fields in fields.subs("readings"):
            value = reading_fields.number("value")
            if value is None:
                reading_fields.source.fail(
                    reading_fields.field("value"), MISSING, Message("type.float")
                )
            reading = Reading(
                on=reading_fields.day("on", required=True),  # type: ignore[arg-type]
                value=value,
                note=reading_fields.text("note"),
            )
            reading.extra = reading_fields.extra()
            indicator.readings.append(reading)
        indicator.extra = fields.extra()
        return indicator

    def step(self, session: Session, key: str, fields: Fields) -> Step:
        step = Step(
            key=key,
            status=fields.enum("status", StepStatus, StepStatus.NOT_STARTED),
            planned_minutes=fields.whole("planned_minutes", high=24 * 60),
            spent_seconds=fields.whole("spent_seconds"),
            conclusion=fields.text("conclusion"),
        )
        step.groups = [self.group(group) for group in fields.subs("groups")]
        step.notes = self.notes(fields, session.modified)
        step.rounds = [self.speaking_round(item) for item in fields.subs("rounds")]
        step.votes = [self.vote(vote) for vote in fields.subs("votes")]
        if key == "will" and (winwin := fields.sub("winwin")) is not None:
            session.winwin = WinWin(
                state_gains=winwin.text("state_gains"),
                city_gains=winwin.text("city_gains"),
                incentives=winwin.text("incentives"),
                disincentives=winwin.text("disincentives"),
            )
            session.winwin.extra = winwin.extra()
        elif key == "solutions":
            session.shared_message = fields.text("shared_message")
            session.actions = [self.action(action) for action in fields.subs("actions")]
        elif key == "followup":
            session.followup_plan = fields.text("followup_plan")
            session.indicators = [self.indicator(item) for item in fields.subs("indicators")]
        step.extra = fields.extra()
        return step


def decode_session(
    document: dict[str, Any], path: Path | None, text: str = "", *, check: bool = False
) -> Session:
    """Validate a parsed document and build the Session it describes.

    ``check``: only to see that it would open (a save's check, its session thrown
    away). A note's table that was found plain before, the very same object, is
    then taken as it was without being looked at again, and its notes are shared
    with earlier checks. The tables of a checked dump are such objects: kept by
    ``fileformat.fragments`` and never changed (a note's new text is a new table).
    """
    source = Source(path, text)
    root = Fields(source, document, "")
    decoder = _Decoder(source, _CHECKED if check else None)
    decoder.version = decoder.header(root)
    if not root.has("end"):
        source.fail(
            "end",
            Message("problem.no_end"),
            Message("expected.end"),
        )
    root.sub("end")
    head = root.sub("session")
    if head is None:
        source.fail("session", MISSING, Message("expected.session_table"))
    session = session_head(head)
    session.format_version = decoder.version
    session.participants = [decoder.participant(item) for item in root.subs("participants")]
    steps = root.sub("steps") or Fields(source, {}, "steps")
    for index, key in enumerate(STEP_KEYS):
        fields = steps.sub(key) or Fields(source, {}, f"steps.{key}")
        checkpoint()
        session.steps[index] = decoder.step(session, key, fields)
    if (live := root.sub("live")) is not None:
        session.live = decoder.live(live)
    unknown_steps = steps.extra()
    session.file_extra = root.extra()
    if unknown_steps:
        session.file_extra["steps"] = unknown_steps
    if text and (source.unknown_keys or has_comments(text)):
        session.layout = text  # saved into this text: comments and unknown keys stay put
    return session
