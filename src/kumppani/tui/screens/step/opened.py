"""Provides the screens the step view opens over itself.

The speaker picker (F4), the summary (F12) and the session's details
(Ctrl+G). The summary and the details form are imported only when first
shown: the summary renders Markdown, and neither is needed to take notes.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.screen import Screen

from kumppani.editing.editor import SessionEditor
from kumppani.roundtable.attribution import speaker_choices
from kumppani.session.model import Session
from kumppani.settings.config import Config
from kumppani.text.i18n import Translator
from kumppani.tui.widgets.step.participant_picker import ParticipantPicker

PARTY = "party:"
"""The picker's id of a party chosen without a speaker: ``party:state``."""


def pick_speaker(
    screen: Screen[None],
    editor: SessionEditor,
    config: Config,
    translate: Translator,
    picked: Callable[[str], object],
) -> None:
    """Ask who speaks (one of those present, or nobody: ``""``); ``picked`` gets the answer.

    The parties are choices too: ``picked`` then gets ``PARTY`` + the party's key.

    The list opens at its top whoever speaks now, so a number or an arrow count
    always means the same person.
    """
    present = [person for person in editor.session.participants if person.present]
    if not present:
        screen.notify(translate("step.no_participants"), severity="warning")
        return
    language = translate.language
    speakers = speaker_choices(present, config, language)
    choices = [("", translate("step.no_speaker")), *speakers]

    def chosen(participant_id: str | None) -> None:
        if participant_id is not None:
            picked(participant_id)

    parties = [
        (PARTY + party, translate("step.party_only", party=config.party_label(party, language)))
        for party in config.parties
    ]
    picker = ParticipantPicker(
        translate("step.pick_participant"),
        choices,
        hint=translate("step.picker_hint"),
        extra=parties,
    )
    screen.app.push_screen(picker, chosen)


def open_summary(
    screen: Screen[None], editor: SessionEditor, config: Config, translate: Translator
) -> None:
    """The summary of the session, as the minutes will say it."""
    from kumppani.tui.screens.summary import SummaryScreen  # Markdown: only when shown

    screen.app.push_screen(SummaryScreen(editor, translate, config))


def open_details(
    screen: Screen[None],
    editor: SessionEditor,
    config: Config,
    translate: Translator,
    done: Callable[[], object],
) -> None:
    """The session's details (title, date, participants …); ``done`` runs when it closes."""
    from kumppani.tui.screens.setup import SetupScreen  # a form: only when shown

    def closed(result: Session | None) -> None:
        done()

    screen.app.push_screen(SetupScreen(editor, translate, config), closed)
