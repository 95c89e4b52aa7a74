"""Provides the session file format: one session as one human-readable TOML file.

Layout (schema ``kumppani.session``, version ``1.2``)::

    format = "kumppani.session"
    format_version = "1.2"

    [session]            # title, date, venue, status, timestamps …
    [session.previous]   # link to the previous session of the series (id, file, title, date)
    [session.next_meeting]  # date, start_time, venue of the next meeting
    [[participants]]
    [steps.overall]      # status, planned_minutes, spent_seconds, conclusion
    [[steps.overall.groups]]         # headings (themes) notes are clustered under
    [[steps.overall.notes]]          # text, kind, party, participant, group …
    [[steps.overall.rounds]]         # speaking rounds, with [[….rounds.turns]]
    [[steps.overall.votes]]          # dot votes, with [….votes.counts] per note id
    …
    [steps.will.winwin]              # what the state gains, what the city gains …
    [[steps.solutions.actions]]      # with [[steps.solutions.actions.history]]
    [[steps.followup.indicators]]    # with [[steps.followup.indicators.readings]]
    [live]               # the step on screen and its running timer (projector view)
    [end]                # written last: a file without it was cut short

Empty values are left out; keys are written in a fixed order, so two saves of
the same session are byte-identical and a small edit gives a small diff. Keys
this version does not know are kept and written back.
"""

from kumppani.fileformat.decode import decode_session
from kumppani.fileformat.encode import dump_session, encode_session
from kumppani.fileformat.parse import parse_session
from kumppani.session.format_version import FORMAT_ID, FORMAT_VERSION, FormatVersion

__all__ = [
    "FORMAT_ID",
    "FORMAT_VERSION",
    "FormatVersion",
    "decode_session",
    "dump_session",
    "encode_session",
    "parse_session",
]
