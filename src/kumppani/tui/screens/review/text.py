"""Provides the texts of review mode: each part of a session as a Rich ``Text``, never markup.

Every piece of user text (titles, names, notes, conclusions) is appended as
plain text after ``textsafe.printable``: nothing a user typed is parsed as
Rich or Textual markup, and no control character reaches the terminal. The
review screen shows these in read-only views. Dates and times read as in the
minutes (``kumppani.text.dates``): 5.12.2026 klo 9.00, not 2026-12-05 09:00.
"""

from __future__ import annotations

from functools import partial

from rich.text import Text

from kumppani.fileformat.digest import ApprovalState, approval_state
from kumppani.roundtable.attribution import describe_note
from kumppani.session.model import Action, Indicator, Session, Step
from kumppani.session.template import Template
from kumppani.settings.config import Config
from kumppani.text.dates import format_date, format_when
from kumppani.text.i18n import Translator
from kumppani.text.numbers import format_number
from kumppani.text.safe import one_line, printable

HEADING = "bold"
LABEL = "bold"
MUTED = "italic"
"""Secondary details (organisations, notes of a change): set apart by italics, not by dimming,
which in 16 colours on the light theme fell under the 4.5:1 contrast of WCAG AA."""


def _add(text: Text, value: str, style: str = "") -> None:
    text.append(printable(value), style=style)


def _field(text: Text, label: str, value: str) -> None:
    """``label: value`` on its own line, when there is a value."""
    if value.strip():
        text.append(f"{label}: ", style=LABEL)
        _add(text, value)
        text.append("\n")


def _block(text: Text, label: str, value: str) -> None:
    """A titled paragraph, when there is a value."""
    if value.strip():
        text.append(f"\n{label}\n", style=HEADING)
        _add(text, value.rstrip())
        text.append("\n")


def _minutes(seconds: int) -> str:
    return f"{seconds // 60}:{seconds % 60:02d}"


def overview_text(session: Session, config: Config, translate: Translator) -> Text:
    """The session's header: title, date, venue, status, approval, series and participants."""
    text = Text()
    _add(text, session.title, "bold")
    text.append("\n\n")
    language = translate.language
    day = format_when(session.date, session.start_time, session.end_time, language)
    _field(text, translate("review.field.date"), day)
    _field(text, translate("review.field.theme"), session.theme)
    _field(text, translate("review.field.venue"), session.venue)
    _field(text, translate("review.field.facilitator"), session.facilitator)
    _field(text, translate("review.field.organiser"), session.organiser)
    changed = approval_state(session) == ApprovalState.CHANGED
    status = "changed" if changed else session.status.value
    _field(text, translate("review.field.status"), translate(f"session_status.{status}"))
    text.append(f"{translate('review.field.approval')}: ", style=LABEL)
    text.append(approval_line(session, translate))
    text.append("\n")
    if session.previous is not None:
        previous = session.previous.title or session.previous.file or session.previous.id
        _field(text, translate("review.field.previous"), previous)
    _block(text, translate("review.field.purpose"), session.purpose)
    text.append(f"\n{translate('review.participants')}\n", style=HEADING)
    if not session.participants:
        text.append(translate("review.none") + "\n", style=MUTED)
    for person in session.participants:
        party = config.party_label(person.party, translate.language) if person.party else ""
        details = ", ".join(part for part in (person.organisation, person.title, party) if part)
        text.append("• ")
        _add(text, one_line(person.name))
        if details:
            _add(text, f" ({one_line(details)})", MUTED)
        if person.present is not True:
            presence = "review.absent" if person.present is False else "review.presence_unknown"
            text.append(f" · {translate(presence)}", style=MUTED)
        text.append("\n")
    return text


def approval_line(session: Session, translate: Translator) -> str:
    """Who approved the minutes and when, or that they are a draft."""
    approval = session.approval
    if approval is None:
        return translate("review.approval_draft")
    at, language = approval.at, translate.language
    when = format_when(at.date(), at.time(), None, language)
    changed = approval_state(session) == ApprovalState.CHANGED
    key = "review.approval_changed" if changed else "review.approved_by"
    return translate(key, by=one_line(approval.by), at=when)


def step_text(
    session: Session, step: Step, template: Template, config: Config, translate: Translator
) -> Text:
    """One step: name, status and time, notes with kind and speaker, conclusion, its own fields."""
    text = Text()
    language = translate.language
    try:
        part = template.step(step.key)
        heading = translate("step.heading", number=part.number, name=part.name.get(language))
    except KeyError:
        heading = step.key
    text.append(heading + "\n", style="bold")
    status = translate(f"step_status.{step.status}")
    planned = f"{step.planned_minutes} min" if step.planned_minutes else "–"
    text.append(
        translate(
            "review.step_meta", status=status, spent=_minutes(step.spent_seconds), planned=planned
        )
        + "\n",
        style=MUTED,
    )
    text.append(f"\n{translate('review.notes')}\n", style=HEADING)
    if not step.notes:
        text.append(translate("review.none") + "\n", style=MUTED)
    for note in step.notes:
        kind, who = describe_note(session, config, translate, note)
        text.append("★ " if note.highlight else "• ", style="bold yellow" if note.highlight else "")
        _add(text, note.text.rstrip())
        meta = " · ".join(part for part in (kind, one_line(who)) if part)
        if note.votes:
            meta += f" · +{note.votes}"
        text.append(f"  [{meta}]\n" if meta else "\n", style=MUTED)
    _block(text, translate("review.conclusion"), step.conclusion)
    if step.key == "will" and not session.winwin.is_empty():
        for name in ("state_gains", "city_gains", "incentives", "disincentives"):
            _block(text, translate(f"winwin.{name}"), getattr(session.winwin, name))
    if step.key == "solutions":
        _block(text, translate("review.shared_message"), session.shared_message)
    if step.key == "followup":
        _block(text, translate("review.followup_plan"), session.followup_plan)
    return text


def action_cells(action: Action, translate: Translator) -> list[Text]:
    """An action as a table row: title, status, owner, responsible, due."""
    return [
        Text(one_line(action.title, 50)),
        Text(translate(f"action_status.{action.status}")),
        Text(one_line(action.owner, 24)),
        Text(one_line(", ".join(action.responsible), 30)),
        Text(format_date(action.due, translate.language) if action.due else ""),
    ]


def action_detail(action: Action, translate: Translator) -> Text:
    """Everything about one action: texts, resources and the history of its status."""
    text = Text()
    _add(text, action.title, "bold")
    text.append("\n")
    _block(text, translate("review.action.description"), action.description)
    _block(text, translate("review.action.rationale"), action.rationale)
    _block(text, translate("review.action.resources"), action.resources)
    if action.history:
        text.append(f"\n{translate('review.action.history')}\n", style=HEADING)
        for change in action.history:
            old = translate(f"action_status.{change.old}")
            new = translate(f"action_status.{change.new}")
            text.append(f"{format_date(change.on, translate.language)}  {old} → {new}")
            if change.note:
                text.append("  ")
                _add(text, one_line(change.note), MUTED)
            text.append("\n")
    return text


def indicator_cells(indicator: Indicator, language: str) -> list[Text]:
    """An indicator as a table row: name, unit, baseline, target, latest reading, owner."""
    readings = sorted(indicator.readings, key=lambda reading: reading.on)
    number = partial(format_number, language=language)
    last = readings[-1] if readings else None
    latest = f"{number(last.value)} ({format_date(last.on, language)})" if last else ""
    return [
        Text(one_line(indicator.name, 40)),
        Text(one_line(indicator.unit, 12)),
        Text(number(indicator.baseline)),
        Text(number(indicator.target)),
        Text(latest),
        Text(one_line(indicator.owner, 24)),
    ]


def indicator_detail(indicator: Indicator, translate: Translator) -> Text:
    """One indicator with its schedule and every dated reading."""
    text = Text()
    _add(text, indicator.name, "bold")
    text.append("\n")
    _field(text, translate("review.indicator.schedule"), indicator.schedule)
    text.append(f"\n{translate('review.indicator.readings')}\n", style=HEADING)
    if not indicator.readings:
        text.append(translate("review.none") + "\n", style=MUTED)
    for reading in sorted(indicator.readings, key=lambda item: item.on):
        text.append(
            f"{format_date(reading.on, translate.language)}  "
            f"{format_number(reading.value, translate.language)} "
        )
        _add(text, one_line(indicator.unit))
        if reading.note:
            text.append("  ")
            _add(text, one_line(reading.note), MUTED)
        text.append("\n")
    return text
