"""The round-table data in a session file: groups, speaking rounds, votes, live state.

Each is read back as written, and each wrong value is one located error naming
the field, its line and what was expected. A file of format 1.0 (before these
existed) still loads and is saved as 1.1.
"""

from __future__ import annotations

import datetime as dt
import difflib
from functools import partial
from pathlib import Path

import pytest

from kumppani.fileformat import dump_session, encode_session, parse_session
from kumppani.roundtable import rounds
from kumppani.session.format_version import FORMAT_VERSION
from kumppani.session.vocabulary import TurnOutcome, VotePer
from tests.support.fileformat import line_of, parse_error

GOOD = """\
format = "kumppani.session"
format_version = "1.1"

[session]
id = "s-1"
title = "Nuorisotyöllisyys"
language = "fi"
created = 2026-03-01T10:00:00+02:00
modified = 2026-03-12T12:00:00+02:00

[[participants]]
id = "p-1"
name = "Kehitysjohtaja"
party = "city"

[[participants]]
id = "p-2"
name = "Neuvotteleva virkamies"
party = "state"

[steps.situation]
status = "in_progress"

[[steps.situation.groups]]
id = "g-1"
heading = "Osaaminen"

[[steps.situation.notes]]
id = "n-1"
text = "Ohjaus katkeaa nivelvaiheessa"
kind = "challenge"
participant = "p-1"
group = "g-1"
created = 2026-03-12T09:10:00+02:00

[[steps.situation.notes]]
id = "n-2"
text = "Yritysyhteistyö"
kind = "opportunity"
created = 2026-03-12T09:12:00+02:00

[[steps.situation.rounds]]
id = "r-1"
started = 2026-03-12T09:20:00+02:00
alternate = true
seconds_each = 120
order = [
    "p-2",
    "p-1",
]
position = 1
floor_since = 2026-03-12T09:22:00+02:00

[[steps.situation.rounds.turns]]
participant = "p-2"
start = 2026-03-12T09:20:00+02:00
seconds = 120
outcome = "spoke"

[[steps.situation.votes]]
id = "v-1"
held = 2026-03-12T09:40:00+02:00
dots = 3
per = "participant"
voters = 2
carried = "will"

[steps.situation.votes.counts]
n-2 = 4
n-1 = 2

[live]
step = "situation"
timer_since = 2026-03-12T09:15:00+02:00
timer_spent = 300

[end]
"""

PATH = Path("/sessions/s.toml")


error_for = partial(parse_error, path=PATH)


def test_round_table_data_is_read_as_written() -> None:
    session = parse_session(GOOD, PATH)
    step = session.step("situation")
    assert [(g.id, g.heading) for g in step.groups] == [("g-1", "Osaaminen")]
    assert step.notes[0].group == "g-1"
    speaking = step.rounds[0]
    assert speaking.order == ["p-2", "p-1"] and speaking.alternate
    assert speaking.speaker == "p-1" and speaking.seconds_each == 120
    assert speaking.turns[0].outcome is TurnOutcome.SPOKE and speaking.turns[0].seconds == 120
    vote = step.votes[0]
    assert vote.per is VotePer.PARTICIPANT and vote.dots == 3 and vote.voters == 2
    assert vote.counts == {"n-2": 4, "n-1": 2}
    assert vote.carried == "will"
    assert session.live.step == "situation" and session.live.timer_spent == 300
    assert session.live.timer_since == dt.datetime(
        2026, 3, 12, 9, 15, tzinfo=dt.timezone(dt.timedelta(hours=2))
    )


def test_written_back_it_reads_the_same() -> None:
    session = parse_session(GOOD, PATH)
    assert parse_session(dump_session(encode_session(session)), PATH) == session


def test_passing_the_floor_changes_few_lines_of_the_file() -> None:
    session = parse_session(GOOD, PATH)
    before = dump_session(encode_session(session)).splitlines()
    at = dt.datetime(2026, 3, 12, 9, 23, tzinfo=dt.timezone(dt.timedelta(hours=2)))
    rounds.next_speaker(session.step("situation").rounds[0], at)
    after = dump_session(encode_session(session)).splitlines()
    diff = difflib.unified_diff(before, after, n=0, lineterm="")
    changed = {line for line in diff if not line.startswith(("@@", "---", "+++"))}
    # position and floor_since out, position and ended in, and the new turn on its own line.
    assert len(changed) == 5, changed
    assert (
        '+    { participant = "p-1", start = 2026-03-12 09:22:00+02:00, '
        'seconds = 60, outcome = "spoke" },' in changed
    )


def test_a_format_1_0_file_loads_and_is_saved_as_1_1() -> None:
    old = GOOD.split("[[steps.situation.groups]]")[0].replace('"1.1"', '"1.0"') + "[end]\n"
    session = parse_session(old, PATH)
    assert session.step("situation").rounds == []
    assert session.live.step == ""
    written = dump_session(encode_session(session))
    assert f'format_version = "{FORMAT_VERSION}"' in written
    assert "[live]" not in written and "rounds" not in written


def test_a_note_under_a_group_missing_from_the_step_stays_readable() -> None:
    text = GOOD.replace('heading = "Osaaminen"', 'heading = "Osaaminen"\n').replace(
        'id = "g-1"', 'id = "g-9"'
    )
    assert parse_session(text, PATH).step("situation").notes[0].group == "g-1"


WRONG = [
    ('heading = "Osaaminen"', "heading = 5", "steps.situation.groups[0].heading", "text"),
    ('heading = "Osaaminen"', "", "steps.situation.groups[0].heading", "text"),
    ('group = "g-1"', "group = 1", "steps.situation.notes[0].group", "text"),
    ("alternate = true", 'alternate = "yes"', "steps.situation.rounds[0].alternate", "true"),
    ("seconds_each = 120", "seconds_each = -1", "steps.situation.rounds[0].seconds_each", "0"),
    ("position = 1", "position = 3", "steps.situation.rounds[0].position", "from 0 to 2"),
    ("started = 2026-03-12T09:20:00+02:00", "", "steps.situation.rounds[0].started", "UTC"),
    (
        "floor_since = 2026-03-12T09:22:00+02:00",
        "floor_since = 2026-03-12T09:22:00",
        "steps.situation.rounds[0].floor_since",
        "UTC offset",
    ),
    (
        'order = [\n    "p-2",\n    "p-1",\n]',
        'order = ["p-2", 5]',
        "steps.situation.rounds[0].order[1]",
        "text",
    ),
    (
        'outcome = "spoke"',
        'outcome = "sang"',
        "steps.situation.rounds[0].turns[0].outcome",
        "passed",
    ),
    (
        "seconds = 120\n",
        'seconds = "2 min"\n',
        "steps.situation.rounds[0].turns[0].seconds",
        "whole",
    ),
    ('participant = "p-2"\n', "", "steps.situation.rounds[0].turns[0].participant", "text"),
    ("dots = 3", "dots = 0", "steps.situation.votes[0].dots", "from 1 to 1000"),
    ('per = "participant"', 'per = "person"', "steps.situation.votes[0].per", "'party'"),
    ("voters = 2", "voters = 2.5", "steps.situation.votes[0].voters", "whole"),
    ('carried = "will"', 'carried = "overall"', "steps.situation.votes[0].carried", "'solutions'"),
    ("n-1 = 2", "n-1 = -2", "steps.situation.votes[0].counts.n-1", "0 or more"),
    (
        "held = 2026-03-12T09:40:00+02:00",
        "held = 2026-03-12",
        "steps.situation.votes[0].held",
        "UTC",
    ),
    ('step = "situation"', 'step = "sixth"', "live.step", "'followup'"),
    ("timer_spent = 300", "timer_spent = true", "live.timer_spent", "whole"),
    (
        "timer_since = 2026-03-12T09:15:00+02:00",
        'timer_since = "now"',
        "live.timer_since",
        "UTC offset",
    ),
]


@pytest.mark.parametrize(("old", "new", "field", "expected"), WRONG, ids=[w[2] for w in WRONG])
def test_a_wrong_value_names_its_field_line_and_expectation(
    old: str, new: str, field: str, expected: str
) -> None:
    assert old in GOOD
    text = GOOD.replace(old, new, 1)
    error = error_for(text)
    assert error.field == field
    assert expected in (error.expected or "")
    assert error.line is not None
    if new:
        assert error.line == line_of(text, new.strip().splitlines()[0])
    assert str(PATH) in str(error)


def test_a_repeated_group_id_is_refused() -> None:
    text = GOOD.replace('id = "r-1"', 'id = "g-1"')
    error = error_for(text)
    assert error.field == "steps.situation.rounds[0].id"
    assert "repeats" in error.message
