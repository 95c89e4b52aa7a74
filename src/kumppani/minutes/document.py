"""Provides the minutes (muistio): a session as Markdown a secretariat can send as it is.

The layout follows the minutes secretariats already write: for each of the
five steps the key highlights (keskeisimmät nostot) first, then every other
note grouped by kind, then what the step produced (win-win, actions and the
shared message, indicators and the follow-up plan) and its conclusion. Every
label comes from the ``export`` catalogs; every piece of user text goes
through ``kumppani.text.markdown`` so it cannot break the document.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from kumppani.fileformat.digest import ApprovalState, approval_state
from kumppani.minutes import roundtable
from kumppani.minutes.readings import readings_blocks
from kumppani.session.model import Action, Indicator, Note, Participant, Reading, Session, Step
from kumppani.session.template import find_template, recipes
from kumppani.session.vocabulary import DEFAULT_PARTIES, NOTE_KINDS, STEP_KEYS, ActionStatus, Role
from kumppani.text import markdown as md
from kumppani.text.i18n import catalog, normalise_language, t
from kumppani.text.numbers import Number, format_number


def _plain(text: str) -> str:
    """The text on one line: names, units and other short values."""
    return " ".join(line.strip() for line in md.clean(text).split("\n") if line.strip())


def render_minutes(
    session: Session,
    language: str = "fi",
    *,
    anonymize: bool = False,
    config_dir: Path | None = None,
) -> str:
    """The minutes of ``session`` as Markdown in ``language``.

    With ``anonymize`` the names of people (participants, facilitator,
    organiser, approver, and owners that name a participant) are replaced by
    their organisation and party; nothing else changes. Step names come from
    the session's template, looked up among the user's templates in
    ``config_dir`` first when it is given, then among the built-in ones.
    """
    return _Minutes(session, normalise_language(language), anonymize, config_dir).render()


class _Minutes:
    """One rendering: the session, the language and the document written so far."""

    def __init__(
        self, session: Session, language: str, anonymize: bool, config_dir: Path | None
    ) -> None:
        self.session = session
        self.language = language
        self.anonymize = anonymize
        self.known = catalog(language).keys() | catalog("fi").keys()
        self.people = {person.id: person for person in session.participants}
        self.by_name = {_plain(p.name).casefold(): p for p in session.participants}
        self.doc = md.Document()
        self.add, self.heading = self.doc.add, self.doc.heading
        self.suffixes: dict[tuple[str, str, int], str] = {}
        self.step_names = self._template_texts(config_dir)
        self.recipe_titles = {recipe.number: recipe.title.get(language) for recipe in recipes()}

    # Words and values

    def _(self, key: str, **values: object) -> str:
        return t(key, self.language, **values)

    def label(self, prefix: str, value: str) -> str:
        """The catalog label of a stored value, or the value itself if it has none."""
        key = f"{prefix}.{value}"
        return self._(key) if key in self.known else value

    def party_in_text(self, party: str) -> str:
        """A party as it reads inside parentheses: ``valtio``."""
        key = f"party.{party}"
        return self._(key).lower() if key in self.known else party

    def labelled(self, prefix: str, texts: dict[str, str]) -> str:
        """A list of ``**Label:** text`` items, one per text that is not empty."""
        return md.labelled((self._(f"{prefix}.{key}"), text) for key, text in texts.items())

    def step_title(self, index: int, step: Step, escape: Callable[[str], str]) -> str:
        """``3. Yhteinen tahtotila ja tavoite``: from the template, else from the catalog."""
        number, name = self.step_names.get(step.key, (index, self.label("export.step", step.key)))
        return self._("export.step_heading", number=number, name=escape(name))

    def date(self, day: dt.date) -> str:
        name = self._(f"export.month.{day.month}")
        return self._(
            "export.date_format", day=day.day, month=day.month, year=day.year, month_name=name
        )

    def time(self, moment: dt.time | dt.datetime) -> str:
        return self._("export.time_format", hour=moment.hour, minute=moment.minute)

    def number(self, value: Number | None) -> str:
        return format_number(value, self.language)

    def who(self, person: Participant, party: str = "") -> str:
        """A participant named in passing: name and organisation (party, theirs by default)."""
        if self.anonymize:
            parts = [_plain(person.organisation) or self._("export.anonymous")]
        else:
            parts = [_plain(person.name), _plain(person.organisation)]
        text = ", ".join(part for part in parts if part)
        party = self.party_in_text(party or person.party)
        return f"{text} ({party})" if party else text

    def person(self, name: str, *, always: bool = False) -> str:
        """A name typed as free text; when anonymizing, a participant's label or withheld."""
        if not self.anonymize or not md.has_text(name):
            return name
        found = self.by_name.get(_plain(name).casefold())
        if found is not None:
            return self.who(found)
        return self._("export.withheld") if always else name

    # Blocks

    def section(self, key: str, level: int = 3) -> None:
        self.heading(level, self._(f"export.section.{key}"))

    def table(self, columns: tuple[str, ...], rows: list[list[str]]) -> None:
        self.add(md.table([self._(f"export.column.{column}") for column in columns], rows))

    def render(self) -> str:
        self.header()
        self.participants()
        order = {key: index for index, key in enumerate(STEP_KEYS)}
        steps = sorted(self.session.steps, key=lambda step: order.get(step.key, len(order)))
        for index, step in enumerate(steps, 1):
            self.step(index, step)
        roundtable.balance_section(self)
        self.recipes()
        self.time_used(steps)
        return self.doc.text()

    def header(self) -> None:
        session = self.session
        title = md.inline(session.title) or self._("export.untitled")
        self.heading(1, self._("export.document_title", title=title))
        fields = {"date": self.date(session.date) if session.date else ""}
        if session.start_time is not None:
            start, end = self.time(session.start_time), session.end_time
            key = "export.time_single" if end is None else "export.time_range"
            fields["time"] = self._(key, start=start, end=end and self.time(end))
        fields |= {
            "venue": session.venue,
            "theme": session.theme,
            "facilitator": self.person(session.facilitator, always=True),
            "organiser": self.person(session.organiser, always=True),
        }
        changed = approval_state(session) == ApprovalState.CHANGED
        status = "changed" if changed else session.status.value
        fields["status"] = self.label("session_status", status)
        if (approval := session.approval) is not None:
            at = self._(
                "export.datetime_format", date=self.date(approval.at), time=self.time(approval.at)
            )
            by = self.person(approval.by, always=True)
            if changed:  # the minutes must not call themselves approved
                fields["approval_changed"] = self._("export.approval_changed", by=by, at=at)
            else:
                fields["approved"] = self._("export.approval", by=by, at=at)
        if (previous := session.previous) is not None:
            name = previous.title or previous.id
            fields["previous"] = (
                self._("export.previous", title=name, file=previous.file) if previous.file else name
            )
        fields |= {"purpose": session.purpose, "needed_parties": session.needed_parties}
        self.add(self.labelled("export.field", fields))

    def participants(self) -> None:
        people = self.session.participants
        if not people:
            return
        self.section("participants", 2)
        present = [person for person in people if person.present]
        for party in dict.fromkeys([*DEFAULT_PARTIES, *(p.party for p in present if p.party), ""]):
            group = [md.list_item(self.entry(p)) for p in present if p.party == party]
            if group:
                name = md.inline(self.label("party", party)) if party else ""
                self.heading(3, name or self._("export.section.no_party"))
                self.add("\n".join(group))
        for section, presence in (("absent", False), ("presence_unknown", None)):
            entries = (self.entry(p, with_party=True) for p in people if p.present is presence)
            listed = [md.list_item(entry) for entry in entries]
            if listed:
                self.section(section)
                self.add("\n".join(listed))

    def entry(self, person: Participant, *, with_party: bool = False) -> str:
        """A line of the participant list: name, title, organisation (role)."""
        parts = [person.title, person.organisation]
        if not self.anonymize:
            parts.insert(0, person.name)
        text = ", ".join(filter(None, map(_plain, parts))) or self._("export.anonymous")
        notes = (
            [self._(f"role.{person.role.value}").lower()] if person.role != Role.PARTICIPANT else []
        )
        if with_party and person.party:
            notes.append(self.party_in_text(person.party))
        return f"{text} ({', '.join(notes)})" if notes else text

    # Steps

    def step(self, index: int, step: Step) -> None:
        self.heading(2, self.step_title(index, step, md.inline))
        if not step.notes:
            self.add(self._("export.no_notes"))
        self.notes(step)
        roundtable.step_extras(self, step)
        if step.key == "will":
            self.winwin()
        elif step.key == "solutions":
            self.actions()
        elif step.key == "followup":
            self.followup()
        if md.has_text(step.conclusion):
            self.section("conclusion")
            self.add(md.paragraphs(step.conclusion))

    def notes(self, step: Step) -> None:
        highlights = [note for note in step.notes if note.highlight]
        if highlights:
            self.section("highlights")
            self.add("\n".join(self.note(note) for note in highlights))
        kinds: dict[str, list[Note]] = {kind: [] for kind in NOTE_KINDS}
        for note in step.notes:
            if not note.highlight:
                kinds.setdefault(note.kind, []).append(note)
        if len(highlights) == len(step.notes):
            return
        self.heading(3, self._("export.section." + ("other_notes" if highlights else "notes")))
        for kind, notes in kinds.items():
            if notes:
                self.heading(4, md.inline(self.label("kind", kind)))
                self.add("\n".join(self.note(note) for note in notes))

    def note(self, note: Note) -> str:
        """A list item: the note, then who said it and how many votes it got."""
        key = (note.participant, note.party, note.votes)
        suffix = self.suffixes.get(key)
        if suffix is None:
            meta = []
            person = self.people.get(note.participant) if note.participant else None
            if person is not None:
                meta.append(self.who(person, note.party))
            elif note.party:
                meta.append(self.label("party", note.party))
            if note.votes > 0:
                votes = self._("export.votes", count=note.votes)
                meta.append(self._("export.vote_one") if note.votes == 1 else votes)
            meta_text = md.inline("; ".join(meta))
            suffix = self.suffixes[key] = f" — *{meta_text}*" if meta_text else ""
        return md.list_item(note.text) + suffix

    def winwin(self) -> None:
        winwin = self.session.winwin
        texts = {"incentives": winwin.incentives, "disincentives": winwin.disincentives}
        if not any(map(md.has_text, (winwin.state_gains, winwin.city_gains, *texts.values()))):
            return
        self.section("winwin")
        if md.has_text(winwin.state_gains) or md.has_text(winwin.city_gains):
            row = [md.cell(winwin.state_gains), md.cell(winwin.city_gains)]
            self.table(("state_gains", "city_gains"), [row])
        self.add(self.labelled("export.label", texts))

    def actions(self) -> None:
        session = self.session
        if session.actions:
            self.section("actions")
            rows = [self.action_row(action) for action in session.actions]
            self.table(("action", "responsible", "owner", "due", "status"), rows)
            detailed = [
                a
                for a in session.actions
                if a.history or any(map(md.has_text, (a.description, a.rationale, a.resources)))
            ]
            if detailed:
                self.section("action_details")
                for action in detailed:
                    self.heading(4, md.inline(action.title) or "—")
                    self.add(self.action_details(action))
        if md.has_text(session.shared_message):
            self.section("shared_message")
            self.add(md.blockquote(session.shared_message))

    def action_row(self, action: Action) -> list[str]:
        responsible = ", ".join(self.label("party", party) for party in action.responsible)
        due = self.date(action.due) if action.due else ""
        status = self.label("action_status", action.status.value)
        return [
            md.cell(text)
            for text in (action.title, responsible, self.person(action.owner), due, status)
        ]

    def action_details(self, action: Action) -> str:
        texts = {"description": action.description, "rationale": action.rationale}
        items = [self.labelled("export.label", texts | {"resources": action.resources})]
        if action.history:
            items.append(f"- **{self._('export.label.history')}:**")
            for change in action.history:
                old, new = (self.label("action_status", s.value) for s in (change.old, change.new))
                line = self._("export.history_item", date=self.date(change.on), old=old, new=new)
                items.append(md.sub_item(line, change.note))
        return "\n".join(item for item in items if item)

    def followup(self) -> None:
        session = self.session
        if session.previous is not None and session.actions:
            self.section("action_summary")
            counts = Counter(action.status for action in session.actions)
            lines = [
                f"{self.label('action_status', s)}: {counts[s]}" for s in ActionStatus if counts[s]
            ]
            self.add("\n".join(map(md.list_item, lines)))
        if session.indicators:
            self.section("indicators")
            columns = ("indicator", "unit", "baseline", "target", "latest", "owner", "schedule")
            self.table(columns, [self.indicator_row(item) for item in session.indicators])
            measured = [item for item in session.indicators if item.readings]
            if measured:
                self.section("readings")
                for block in readings_blocks(measured, self):
                    self.add(block)
        if md.has_text(session.followup_plan):
            self.section("followup_plan")
            self.add(md.paragraphs(session.followup_plan))

    def indicator_row(self, indicator: Indicator) -> list[str]:
        last = max(indicator.readings, key=lambda reading: reading.on, default=None)
        cells = (
            indicator.name,
            indicator.unit,
            self.number(indicator.baseline),
            self.number(indicator.target),
            self.reading(last) if last else "",
            self.person(indicator.owner),
            indicator.schedule,
        )
        return [md.cell(text) for text in cells]

    def reading(self, reading: Reading) -> str:
        value = self.number(reading.value)
        return self._("export.reading_item", date=self.date(reading.on), value=value)

    # After the steps

    def recipes(self) -> None:
        numbers = sorted(set(self.session.recipes))
        if not numbers:
            return
        self.section("recipes", 2)
        titles = {number: self.recipe_titles.get(number, "") for number in numbers}
        items = [self._("export.recipe_item", number=n, title=title) for n, title in titles.items()]
        self.add("\n".join(map(md.list_item, items)))

    def time_used(self, steps: list[Step]) -> None:
        if not any(step.planned_minutes or step.spent_seconds for step in steps):
            return
        self.section("time", 2)
        rows = []
        planned = spent = 0
        for index, step in enumerate(steps, 1):
            minutes = (step.spent_seconds + 30) // 60
            planned += step.planned_minutes
            spent += minutes
            status = self.label("step_status", step.status.value)
            title = self.step_title(index, step, md.cell)
            rows.append([title, md.cell(status), str(step.planned_minutes), str(minutes)])
        rows.append([f"**{self._('export.total')}**", "", f"**{planned}**", f"**{spent}**"])
        self.table(("step", "step_status", "planned", "spent"), rows)

    def _template_texts(self, config_dir: Path | None) -> dict[str, tuple[int, str]]:
        """Step numbers and names from the session's template (its version, else its newest).

        A step the template lacks, or a template that cannot be found, is named
        from the export catalog instead, so such a session still exports.
        """
        session = self.session
        template = find_template(
            session.template_id, config_dir, session.template_version
        ) or find_template(session.template_id, config_dir)
        steps = template.steps if template is not None else ()
        return {step.key: (step.number, step.name.get(self.language)) for step in steps}
