"""Provides the follow-up session: the next session of a series, ready to follow up what was agreed.

``kumppani followup PREV.toml`` makes a new session that links to PREV
(``previous``: its id, its file relative to the new file, its title), with the
same roster (everyone marked present), the same template and planned minutes,
and status draft. What the series agreed comes along with the same ids, so the
tracker follows each action and indicator from session to session:

- every action of the series whose latest state is not done or cancelled
  (open ones and postponed ones), with its status history, ready for a new
  status (``Action.set_status`` keeps the change in the history);
- every indicator of the series in its latest state, readings kept, ready for
  a new dated reading.

"The series" here is PREV and the sessions before it, followed through their
``previous`` links: by file name first, and by id among the sessions of
PREV's folder when a file was renamed or moved.
"""

from __future__ import annotations

import copy
import datetime as dt
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from kumppani.errors import FileError, Message, SessionFileError, Words
from kumppani.library import find_session, scan_folder
from kumppani.session.model import Action, Indicator, PreviousSession, Session, default_steps
from kumppani.session.vocabulary import ActionStatus, SessionStatus
from kumppani.storage.files import load_session
from kumppani.storage.session_files import claim_session_file, save_new_session
from kumppani.text.i18n import normalise_language, t
from kumppani.text.safe import single_line

CLOSED: frozenset[ActionStatus] = frozenset({ActionStatus.DONE, ActionStatus.CANCELLED})
"""Statuses of actions that are not carried into the next session."""


@dataclass
class SeriesHistory:
    """PREV and the sessions before it, earliest first, and the links that could not be followed."""

    sessions: list[tuple[Path, Session]] = field(default_factory=list)
    problems: list[SessionFileError] = field(default_factory=list)


FILE_EXISTS = Message("problem.file_exists")


def default_title(first: Session, language: str | None = None) -> str:
    """The next session's title: the series' first title and "follow-up" in ``language``.

    ``language`` defaults to the first session's. The suffix is never piled up
    ("X: follow-up", not "X: follow-up: follow-up").
    """
    lang = normalise_language(language or first.language)
    suffix = t("cli.followup.default_title", lang, title="")
    base = single_line(first.title) or t("cli.new.untitled", lang)
    return base if base.endswith(suffix) else t("cli.followup.default_title", lang, title=base)


def _linked_file(path: Path, session: Session) -> Path | None:
    link = session.previous
    if link is None or not link.file:
        return None
    return path.parent / link.file


def load_history(previous_path: Path, previous: Session) -> SeriesHistory:
    """The series up to and including ``previous``, earliest first.

    A linked file that is missing, names another session or cannot be read is
    looked up by id among the sessions of the folder; a link that cannot be
    followed at all ends the chain there and is reported in ``problems``.
    """
    history = SeriesHistory()
    chain = [(previous_path, previous)]
    seen = {previous.id}
    folder_index = None
    while (link := chain[-1][1].previous) is not None and link.id not in seen:
        path, session = chain[-1]
        found: tuple[Path, Session] | None = None
        candidate = _linked_file(path, session)
        if candidate is not None and candidate.is_file():
            try:
                loaded = load_session(candidate)
            except SessionFileError as error:
                history.problems.append(error)
            else:
                if loaded.id == link.id:
                    found = (candidate, loaded)
        if found is None:
            if folder_index is None:
                folder_index = scan_folder(previous_path.parent).summaries
            summary = find_session(folder_index, link.id)
            if summary is not None:
                try:
                    found = (summary.path, load_session(summary.path))
                except SessionFileError as error:
                    history.problems.append(error)
        if found is None:
            where = candidate if candidate is not None else path
            history.problems.append(
                SessionFileError(
                    where,
                    Message(
                        "problem.previous_missing",
                        id=repr(link.id),
                        title=link.title or link.file,
                    ),
                    field="session.previous",
                )
            )
            break
        seen.add(found[1].id)
        chain.append(found)
    history.sessions = list(reversed(chain))
    return history


def carried_actions(sessions: list[Session]) -> list[Action]:
    """The latest state of every action of the series that is not done or cancelled.

    ``sessions`` earliest first; an action keeps its place of first appearance.
    """
    latest: dict[str, Action] = {}
    for session in sessions:
        for action in session.actions:
            latest[action.id] = action
    return [copy.deepcopy(action) for action in latest.values() if action.status not in CLOSED]


def carried_indicators(sessions: list[Session]) -> list[Indicator]:
    """The latest state of every indicator of the series, readings kept."""
    latest: dict[str, Indicator] = {}
    for session in sessions:
        for indicator in session.indicators:
            latest[indicator.id] = indicator
    return [copy.deepcopy(indicator) for indicator in latest.values()]


def link_file(previous_path: Path, new_path: Path) -> str:
    """The previous session's file as seen from the new file's folder (``/`` separated)."""
    try:
        relative = os.path.relpath(os.path.abspath(previous_path), os.path.abspath(new_path.parent))
    except ValueError:  # another drive on Windows
        return os.path.abspath(previous_path)
    return relative.replace(os.sep, "/")


def build_followup(
    previous: Session,
    history: list[Session],
    *,
    title: str,
    day: dt.date,
    link: str,
) -> Session:
    """The next session after ``previous`` (``history``: the series up to it, earliest first)."""
    participants = copy.deepcopy(previous.participants)
    for person in participants:  # who comes this time is not known yet
        person.present = None
    steps = default_steps({step.key: step.planned_minutes for step in previous.steps})
    return Session(
        title=title,
        theme=previous.theme,
        date=day,
        venue=previous.venue,
        facilitator=previous.facilitator,
        organiser=previous.organiser,
        writer=previous.writer,
        distribution=previous.distribution,
        language=previous.language,
        template_id=previous.template_id,
        template_version=previous.template_version,
        status=SessionStatus.DRAFT,
        previous=PreviousSession(
            id=previous.id, file=link, title=previous.title, date=previous.date
        ),
        needed_parties=previous.needed_parties,
        participants=participants,
        steps=steps,
        actions=carried_actions(history),
        indicators=carried_indicators(history),
    )


@dataclass
class FollowUp:
    """What ``create_followup`` made."""

    session: Session
    path: Path
    history: SeriesHistory


def create_followup(
    previous_path: Path,
    *,
    title: Callable[[Session], str],
    day: dt.date | None = None,
    output: Path | None = None,
    exists_message: Words = FILE_EXISTS,
) -> FollowUp:
    """Write the follow-up of the session in ``previous_path``; never overwrite a file.

    ``title`` gives the new title from the first session of the series (so a
    series does not pile up suffixes: "X: follow-up", not "X: follow-up:
    follow-up"); it is PREV itself when PREV starts the series. Without ``output``
    the file goes next to the previous one, named from the date and title
    (``-2``, ``-3`` … if taken).
    """
    previous = load_session(previous_path)
    history = load_history(previous_path, previous)
    new_title = title(history.sessions[0][1])
    new_day = day or dt.date.today()
    try:
        path = claim_session_file(new_title, new_day, folder=previous_path.parent, output=output)
    except FileExistsError as exists:
        raise FileError(Path(exists.args[0]), exists_message) from None
    session = build_followup(
        previous,
        [session for _, session in history.sessions],
        title=new_title,
        day=new_day,
        link=link_file(previous_path, path),
    )
    save_new_session(session, path)
    return FollowUp(session, path, history)
