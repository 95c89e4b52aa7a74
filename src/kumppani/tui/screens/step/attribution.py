"""Provides the attribution of the next note: its party, its speaker and its kind.

The step screen owns one ``NextNote`` and shows it beside the capture line.
F3 cycles the party, F4 picks a speaker (and so their party), F5 cycles the
kind; on the note list ``s``, ``p`` and ``k`` correct a captured note's
speaker, party and kind; a running round makes its speaker the attribution, and another step
starts from its default kind.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from textual.screen import Screen

from kumppani.editing.editor import SessionEditor
from kumppani.roundtable.attribution import next_party
from kumppani.session.model import Note, Session
from kumppani.settings.config import Config
from kumppani.text.i18n import Translator
from kumppani.tui.messages import NoteCommand
from kumppani.tui.screens.step.notes import following_kind, run_note_command
from kumppani.tui.screens.step.opened import PARTY, pick_speaker
from kumppani.tui.widgets.step.note_list import NoteList


def credited(session: Session, choice: str) -> tuple[str, str]:
    """The party and speaker a picker's choice means: a person and their party, or a party."""
    if choice.startswith(PARTY):
        return choice.removeprefix(PARTY), ""
    person = session.participant(choice) if choice else None
    return (person.party if person is not None else ""), choice


@dataclass
class NextNote:
    """Who the next captured note is attributed to, and its kind."""

    party: str = ""
    participant: str = ""
    kind: str | None = None
    """The kind chosen with F5; None: the step's default kind."""

    def cycle_party(self, parties: Sequence[str]) -> None:
        """F3: the next party (none, then each party, round), and no speaker."""
        self.party = next_party(parties, self.party)
        self.participant = ""

    def speaker(self, session: Session, participant: str) -> None:
        """``participant`` has the floor (``""``: nobody), and so their party.

        A party chosen in the picker (``PARTY`` + key): that party, nobody's words.
        """
        self.party, self.participant = credited(session, participant)

    def cycle_kind(self, kinds: Sequence[str], default: str) -> None:
        """F5: the kind after the current one (``default`` while none was chosen)."""
        self.kind = following_kind(kinds, self.kind or default)

    def capture(
        self, editor: SessionEditor, step_key: str, text: str, kind: str, keep: bool
    ) -> bool:
        """Add a note of ``kind`` with this attribution; True if it was then reset.

        ``keep`` (the ``keep_attribution`` setting): the attribution stays for the
        next note; else it goes back to nobody and the step's default kind, so a
        general note is never silently credited to the last speaker.
        """
        editor.add_note(step_key, text, kind=kind, party=self.party, participant=self.participant)
        if keep or (not self.party and not self.participant and self.kind is None):
            return False
        self.party, self.participant, self.kind = "", "", None
        return True

    def blank(self, kind: str) -> Note:
        """An empty note of ``kind`` with this attribution, to describe beside the capture line."""
        return Note("", kind=kind, party=self.party, participant=self.participant)


def note_command(
    screen: Screen[None],
    editor: SessionEditor,
    config: Config,
    translate: Translator,
    step_key: str,
    command: NoteCommand,
    notes: NoteList,
) -> None:
    """Carry out a note list command; ``s`` and ``p`` correct who said a note, or its party.

    ``s`` opens the speaker picker (the speaker's party comes along), ``p``
    cycles the party (and drops the speaker). The change goes through the
    editor, so Ctrl+Z takes it back. Other commands are ``run_note_command``'s.
    """
    if command.action not in ("speaker", "party"):
        run_note_command(screen, editor, translate, step_key, command, notes)
        return
    note_id = command.note_id
    note = editor.note(step_key, note_id)
    if command.action == "party":
        editor.set_note_attribution(step_key, note_id, next_party(config.parties, note.party), "")
        notes.refresh()
        return

    def picked(choice: str) -> None:
        editor.set_note_attribution(step_key, note_id, *credited(editor.session, choice))
        notes.refresh()

    pick_speaker(screen, editor, config, translate, picked)
