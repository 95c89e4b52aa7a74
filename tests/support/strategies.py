"""Hypothesis strategies for whole sessions: any text, numbers, dates, time zones and round tables.

Used by the round-trip and the save-fragment properties.
"""

from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st

from kumppani.session.model import (
    Action,
    Approval,
    Group,
    Indicator,
    Live,
    Note,
    Participant,
    PreviousSession,
    Reading,
    Round,
    Session,
    StatusChange,
    Step,
    Turn,
    Vote,
    WinWin,
)
from kumppani.session.vocabulary import (
    NOTE_KINDS,
    STEP_KEYS,
    ActionStatus,
    Role,
    SessionStatus,
    StepStatus,
    TurnOutcome,
    VotePer,
)
from kumppani.text.i18n import LANGUAGES

# Any text a person could paste: every Unicode character but lone surrogates, with
# control characters, markup look-alikes and line breaks made likely.
pieces = st.one_of(
    st.characters(exclude_categories=["Cs"]),
    st.sampled_from(["\n", "\r", "\r\n", "\t", "\x00", "\x1b[31m", '"""', "\\", "[/]", "ä"]),
)
texts = st.lists(pieces, max_size=12).map("".join)
days = st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31))
instants = st.datetimes(
    min_value=dt.datetime(1800, 1, 1), max_value=dt.datetime(9000, 1, 1), timezones=st.timezones()
)
numbers = st.one_of(
    st.integers(min_value=-(2**53), max_value=2**53),
    st.floats(allow_nan=False, allow_infinity=False),
)
small = st.integers(min_value=0, max_value=10_000)


@st.composite
def speaking_rounds(draw: st.DrawFn, participant_ids: list[str]) -> Round:
    people = st.sampled_from(participant_ids) if participant_ids else texts
    order = draw(st.lists(people, max_size=4))
    return Round(
        started=draw(instants),
        order=order,
        alternate=draw(st.booleans()),
        seconds_each=draw(st.integers(0, 24 * 3600)),
        position=draw(st.integers(0, len(order))),
        floor_since=draw(st.none() | instants),
        ended=draw(st.none() | instants),
        turns=draw(
            st.lists(
                st.builds(
                    Turn,
                    participant=people,
                    start=instants,
                    seconds=small,
                    outcome=st.sampled_from(list(TurnOutcome)),
                ),
                max_size=3,
            )
        ),
    )


@st.composite
def votes(draw: st.DrawFn, note_ids: list[str]) -> Vote:
    keys = (
        st.sampled_from(note_ids) if note_ids else st.from_regex(r"n-[0-9a-f]{1,8}", fullmatch=True)
    )
    return Vote(
        held=draw(instants),
        dots=draw(st.integers(1, 1000)),
        per=draw(st.sampled_from(list(VotePer))),
        voters=draw(small),
        counts=draw(st.dictionaries(keys, small, max_size=3)),
        carried=draw(st.sampled_from(["", "will", "solutions"])),
    )


@st.composite
def notes(draw: st.DrawFn, participant_ids: list[str], group_ids: list[str]) -> Note:
    return Note(
        group=draw(st.sampled_from(["", *group_ids])),
        text=draw(texts),
        kind=draw(st.sampled_from(NOTE_KINDS)),
        party=draw(texts),
        participant=draw(st.sampled_from(["", *participant_ids])),
        highlight=draw(st.booleans()),
        votes=draw(small),
        created=draw(instants),
    )


@st.composite
def actions(draw: st.DrawFn) -> Action:
    statuses = st.sampled_from(list(ActionStatus))
    return Action(
        title=draw(texts),
        description=draw(texts),
        rationale=draw(texts),
        responsible=draw(st.lists(texts, max_size=3)),
        owner=draw(texts),
        due=draw(st.none() | days),
        resources=draw(texts),
        status=draw(statuses),
        history=draw(
            st.lists(
                st.builds(StatusChange, on=days, old=statuses, new=statuses, note=texts), max_size=2
            )
        ),
    )


indicators = st.builds(
    Indicator,
    name=texts,
    unit=texts,
    baseline=st.none() | numbers,
    target=st.none() | numbers,
    owner=texts,
    schedule=texts,
    readings=st.lists(st.builds(Reading, on=days, value=numbers, note=texts), max_size=3),
)


@st.composite
def sessions(draw: st.DrawFn) -> Session:
    people = draw(
        st.lists(
            st.builds(
                Participant,
                name=texts,
                organisation=texts,
                title=texts,
                party=texts,
                role=st.sampled_from(list(Role)),
                present=st.booleans(),
            ),
            max_size=3,
        )
    )
    ids = [person.id for person in people]
    steps = []
    for key in STEP_KEYS:
        groups = draw(st.lists(st.builds(Group, heading=texts), max_size=2))
        step_notes = draw(st.lists(notes(ids, [group.id for group in groups]), max_size=3))
        steps.append(
            Step(
                key=key,
                status=draw(st.sampled_from(list(StepStatus))),
                planned_minutes=draw(st.integers(0, 1440)),
                spent_seconds=draw(small),
                conclusion=draw(texts),
                notes=step_notes,
                groups=groups,
                rounds=draw(st.lists(speaking_rounds(ids), max_size=2)),
                votes=draw(st.lists(votes([note.id for note in step_notes]), max_size=2)),
            )
        )
    return Session(
        title=draw(texts),
        theme=draw(texts),
        date=draw(st.none() | days),
        start_time=draw(st.none() | st.times()),
        end_time=draw(st.none() | st.times()),
        venue=draw(texts),
        facilitator=draw(texts),
        organiser=draw(texts),
        language=draw(st.sampled_from(LANGUAGES)),
        template_id=draw(texts),
        template_version=draw(st.integers(1, 1000)),
        status=draw(st.sampled_from(list(SessionStatus))),
        created=draw(instants),
        modified=draw(instants),
        previous=draw(st.none() | st.builds(PreviousSession, id=texts, file=texts, title=texts)),
        purpose=draw(texts),
        needed_parties=draw(texts),
        approval=draw(st.none() | st.builds(Approval, by=texts, at=instants)),
        recipes=draw(st.lists(st.integers(1, 8), unique=True).map(sorted)),
        participants=people,
        steps=steps,
        winwin=draw(
            st.builds(
                WinWin, state_gains=texts, city_gains=texts, incentives=texts, disincentives=texts
            )
        ),
        actions=draw(st.lists(actions(), max_size=2)),
        shared_message=draw(texts),
        indicators=draw(st.lists(indicators, max_size=2)),
        followup_plan=draw(texts),
        live=draw(
            st.builds(
                Live,
                step=st.sampled_from(["", *STEP_KEYS]),
                timer_since=st.none() | instants,
                timer_spent=small,
            )
        ),
    )
