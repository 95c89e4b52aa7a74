"""Provides the words of the minutes: catalog labels, dates, times, numbers and people.

One ``Words`` per rendering: the session, the language, and whether names of
people are withheld (``anonymize``). Organisations are never withheld: the
minutes of an anonymized session still say which bodies took part.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from kumppani.session.model import Participant, Session
from kumppani.session.template_sources import find_template
from kumppani.text.dates import format_date, format_time, format_when
from kumppani.text.i18n import catalog, t
from kumppani.text.markdown import clean
from kumppani.text.numbers import Number, format_number


def plain(text: str) -> str:
    """A typed text on one line, blanks collapsed, control characters gone."""
    return " ".join(clean(text).split())


class Words:
    """Labels and formatted values in one language for one session."""

    def __init__(
        self, session: Session, language: str, anonymize: bool, config_dir: Path | None
    ) -> None:
        self.session = session
        self.language = language
        self.anonymize = anonymize
        self.known = catalog(language).keys() | catalog("fi").keys()
        self.people = {person.id: person for person in session.participants}
        self.by_name = {plain(p.name).casefold(): p for p in session.participants}
        self.step_names = self._template_texts(config_dir)
        self.tails: dict[tuple[str, str, int], str] = {}
        """A note's attribution by (participant, party, votes): many notes share one."""

    def _(self, key: str, **values: object) -> str:
        return t(key, self.language, **values)

    def label(self, prefix: str, value: str) -> str:
        """The catalog label of a stored value, or the value itself if it has none."""
        key = f"{prefix}.{value}"
        return self._(key) if key in self.known else value

    def party(self, party: str) -> str:
        """A party as it reads inside a sentence: ``valtio``."""
        key = f"party.{party}"
        return self._(key).lower() if key in self.known else party

    def step_title(self, index: int, key: str) -> str:
        """``3. Yhteinen tahtotila ja tavoite``: from the template, else from the catalog."""
        number, name = self.step_names.get(key, (index, self.label("export.step", key)))
        return self._("export.step_heading", number=number, name=name)

    def step_name(self, key: str) -> str:
        """The step's name without its number."""
        return self.step_names.get(key, (0, self.label("export.step", key)))[1]

    def date(self, day: dt.date) -> str:
        return format_date(day, self.language)

    def time(self, moment: dt.time | dt.datetime) -> str:
        return format_time(moment, self.language)

    def when(self, day: dt.date | None, start: dt.time | None, end: dt.time | None) -> str:
        """``12.3.2026 klo 9.00–12.00``: what is known of a date and a time span."""
        return format_when(day, start, end, self.language)

    def number(self, value: Number | None) -> str:
        return format_number(value, self.language)

    def with_party(self, text: str, party: str) -> str:
        """``text (party)``, unless the text already names the party (no "kaupunki (kaupunki)")."""
        word = self.party(party) if party else ""
        if not word or word.casefold() in text.casefold():
            return text
        return f"{text} ({word})" if text else word

    def who(self, person: Participant, party: str = "") -> str:
        """A participant named in passing: name and organisation, and the party if it differs."""
        name = "" if self.anonymize else plain(person.name)
        text = ", ".join(part for part in (name, plain(person.organisation)) if part)
        text = text or self._("export.anonymous")
        if party and party != person.party:
            return self.with_party(text, party)
        return text

    def person(self, name: str, *, always: bool = False) -> str:
        """A name typed as free text; when anonymizing, a participant's label or withheld."""
        if not self.anonymize or not name.strip():
            return name
        found = self.by_name.get(plain(name).casefold())
        if found is not None:
            return self.who(found)
        return self._("export.withheld") if always else name

    def _template_texts(self, config_dir: Path | None) -> dict[str, tuple[int, str]]:
        """Step numbers and names from the session's template (its version, else its newest)."""
        session = self.session
        template = find_template(
            session.template_id, config_dir, session.template_version
        ) or find_template(session.template_id, config_dir)
        steps = template.steps if template is not None else ()
        return {step.key: (step.number, step.name.get(self.language)) for step in steps}
