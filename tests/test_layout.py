"""Saving a hand-edited file into its own text: comments and unknown keys stay (issue 13)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from kumppani.fileformat import encode_session, parse_session
from kumppani.fileformat.layout import comments, has_comments
from kumppani.session.model import Note, Participant, StatusEntry, now
from kumppani.session.vocabulary import SessionStatus
from kumppani.storage.files import session_bytes
from tests.support.examples import EXAMPLES, FIRST

EXAMPLE = EXAMPLES / FIRST
COMMENTS = ("# alussa", "# istunto", "# kieli", "# osallistujat", "# loppu")


def commented() -> str:
    text = EXAMPLE.read_text("utf-8")
    text = text.replace("format = ", f"{COMMENTS[0]}\nformat = ", 1)
    text = text.replace("[session]\n", f"{COMMENTS[1]}\n[session]\n", 1)
    text = text.replace('language = "fi"', f'language = "fi"  {COMMENTS[2]}\noma = 1', 1)
    text = text.replace("[[participants]]\n", f"{COMMENTS[3]}\n[[participants]]\n", 1)
    return text.replace("[end]\n", f"{COMMENTS[4]}\n[end]\n")


TEXT = commented()
TEXTS = st.sampled_from(["uusi", "kaksi\nriviä", '"lainaus"\\', "\nalkaa rivinvaihdolla", "a\tb\n"])


def test_comments_are_found_outside_strings_only() -> None:
    text = 'a = "# ei kommentti" # on\nb = """\n# ei tämäkään\n"""\n# rivi\n'
    assert comments(text) == [(1, "# on"), (5, "# rivi")]
    assert not has_comments('a = "#1 tärkein"\n') and has_comments(TEXT)


def test_a_file_without_comments_or_unknown_keys_keeps_the_fast_path() -> None:
    assert parse_session(EXAMPLE.read_text("utf-8")).layout is None
    assert parse_session(TEXT).layout == TEXT


@given(
    edits=st.lists(st.tuples(st.integers(0, 6), st.integers(0, 4), TEXTS), min_size=1, max_size=6)
)
def test_any_edit_keeps_the_comments_and_reads_back_as_the_session(
    edits: list[tuple[int, int, str]],
) -> None:
    session = parse_session(TEXT)
    for kind, where, text in edits:
        step = session.steps[where]
        if kind == 0:
            step.notes.append(Note(text=text))
        elif kind == 1 and step.notes:
            step.notes.pop(0)
        elif kind == 2:
            step.notes.reverse()
        elif kind == 3:
            session.participants.append(Participant(name=text, present=None))
        elif kind == 4:
            session.live.step = step.key
        elif kind == 5:
            session.status_history.append(StatusEntry(SessionStatus.HELD, now()))
        else:
            step.conclusion = text
    written = session_bytes(session).decode("utf-8")
    assert [comment for _, comment in comments(written)] == list(COMMENTS)
    assert written.rstrip().endswith("[end]")
    assert encode_session(parse_session(written)) == encode_session(session)
    lines = written.splitlines()
    assert lines[lines.index('language = "fi"  # kieli') + 1] == "oma = 1"
