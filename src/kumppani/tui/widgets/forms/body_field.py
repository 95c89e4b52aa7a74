"""Provides the responsible-body fields of the forms: completion and a line naming the body.

A body field (vastuutahot of an action, who follows up an indicator) completes
the body being typed (after the last comma) from the session's roster
organisations and the list of bodies (``Config.body_directory``): → accepts,
as in every Input. The line under it says what the body typed is: ``YM –
Ympäristöministeriö · Valtio``, a roster organisation with its party, or a
body not known yet.

``BodyChoices.of(app, language)`` gathers what a field completes from: the
app's config, and the roster of the session open beneath the form.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from textual.app import App
from textual.suggester import Suggester

from kumppani.session.bodies import BodyDirectory, body_key
from kumppani.session.model import Session
from kumppani.settings.config import Config
from kumppani.text.i18n import t

SEPARATORS = (",", ";", "\n")


def last_part(text: str) -> tuple[str, str]:
    """``text`` split before the body being typed: ``("TEM, ", "Tamp")``."""
    cut = max(text.rfind(separator) for separator in SEPARATORS) + 1
    rest = text[cut:]
    stripped = rest.lstrip()
    return text[: cut + len(rest) - len(stripped)], stripped


@dataclass(frozen=True)
class BodyChoices:
    """What a body field knows: the list of bodies, the roster and the party labels."""

    directory: BodyDirectory = field(default_factory=BodyDirectory)
    roster: tuple[tuple[str, str], ...] = ()
    """The session's organisations and their party keys."""
    party_label: Callable[[str], str] = str
    """A party key's label in the form's language."""
    language: str = "fi"

    @classmethod
    def of(cls, app: App[Any], language: str) -> BodyChoices:
        """The choices for a form over ``app``: its config, and the roster of the session
        being edited beneath the form (none on screens without a session)."""
        config = getattr(app, "config", None)
        config = config if isinstance(config, Config) else Config()
        roster: list[tuple[str, str]] = []
        for screen in reversed(app.screen_stack):
            session = getattr(getattr(screen, "editor", None), "session", None)
            if isinstance(session, Session):
                for person in session.participants:
                    pair = (person.organisation.strip(), person.party)
                    if pair[0] and pair not in roster:
                        roster.append(pair)
                break
        return cls(
            config.body_directory(),
            tuple(roster),
            lambda key: config.party_label(key, language),
            language,
        )

    @cached_property
    def completions(self) -> list[str]:
        """The names to complete from, best first (the roster's, then the list's)."""
        return self.directory.completions(self.language, (name for name, _ in self.roster))

    @cached_property
    def folded(self) -> list[tuple[str, str]]:
        """``completions`` with the form they are compared in: ``(body_key(name), name)``."""
        return [(body_key(name), name) for name in self.completions]

    def describe(self, text: str) -> str:
        """The line under a field: what the body being typed is (or what → would complete
        it to), or how to type one."""
        _, name = last_part(text)
        name = name.strip()
        if not name:
            return t("forms.bodies.hint", self.language)
        known = self._describe(name)
        if known is not None:
            return known
        wanted = body_key(name)
        completed = next((option for key, option in self.folded if key.startswith(wanted)), None)
        if completed is not None:
            return "→ " + (self._describe(completed) or completed)
        return t("forms.bodies.unknown", self.language, body=name)

    def _describe(self, name: str) -> str | None:
        """``name`` with its party, if the list or the roster knows it."""
        parties = self.directory.parties_of(name, self.roster)
        party = ", ".join(self.party_label(key) for key in parties)
        known = self.directory.find(name)
        if known is not None:
            label = self.directory.label(known.key, self.language)
            return t("forms.bodies.known", self.language, body=label, party=party)
        if parties:
            return t("forms.bodies.roster", self.language, body=name, party=party)
        return None


class BodySuggester(Suggester):
    """Completes the body after the last comma from ``BodyChoices.completions``."""

    def __init__(self, choices: BodyChoices) -> None:
        super().__init__(use_cache=True, case_sensitive=True)
        self.choices = choices

    async def get_suggestion(self, value: str) -> str | None:
        return self.suggest(value)

    def suggest(self, value: str) -> str | None:
        """``value`` with the body being typed completed, or None."""
        before, typed = last_part(value)
        wanted = body_key(typed)
        if not wanted:
            return None
        for folded, name in self.choices.folded:
            if folded.startswith(wanted):
                return before + name
        return None
