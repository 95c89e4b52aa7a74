"""Provides the new-session form, and the new session a crash left unfinished in it.

``open_form`` opens the form that creates a new session (``n`` on home). The
form keeps its draft in a file of its own (``storage.draft_file``, written by
``screens.step.drafts``), as there is no session yet to journal it. When the
app starts and finds one (and no session journal to offer first), ``offer``
asks: *Continue* opens the form with what was typed in place (the title, the
dates, the roster …); *Not now* keeps the draft, offered again at the next
start and filled in when a new session is started. The draft goes only when
the form is closed: the session created, or the typing discarded when Esc
asked.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from textual.app import App

from kumppani.settings.config import Config
from kumppani.storage.draft_file import NEW_SESSION, remove_draft, take_draft
from kumppani.text.i18n import Translator

if TYPE_CHECKING:
    from kumppani.session.model import Session

Draft = dict[str, Any]


def open_form(
    app: App[Any],
    translate: Translator,
    config: Config,
    done: Callable[[Session | None], object],
    draft: Draft | None = None,
) -> None:
    """Open the new-session form; a draft left unfinished (given, or found) is filled in.

    ``done`` gets the session to create, or None; either way the draft is gone then.
    """
    from kumppani.tui.screens.setup import SetupScreen  # a form: only when shown
    from kumppani.tui.screens.step.drafts import DraftKeeping
    from kumppani.tui.screens.step.reopen import refill

    taken = take_draft(NEW_SESSION)  # this app's own now: closing the form removes it
    if draft is None:
        draft = taken
    setup = SetupScreen(None, translate, config)
    if draft:
        refill(setup, draft)
        app.notify(translate("journal.new_session.filled"), markup=False)

    def closed(session: Session | None) -> None:
        if isinstance(app, DraftKeeping):
            app.own_draft_closed(NEW_SESSION)
        else:
            remove_draft(NEW_SESSION)
        done(session)

    app.push_screen(setup, closed)


def describe(draft: Draft, translate: Translator) -> str:
    """The offer's text: what the draft holds (the title, how many people and fields)."""
    values = draft.get("values", {})
    values = values if isinstance(values, dict) else {}
    people = draft.get("roster", [])
    lines = [translate("journal.new_session.intro")]
    title = values.get("field-title")
    if isinstance(title, str) and title.strip():
        lines.append(translate("journal.new_session.title_line", title=title.strip()))
    if isinstance(people, list) and people:
        lines.append(translate("journal.new_session.people", count=len(people)))
    lines.append(translate("journal.new_session.fields", count=len(values)))
    return "\n".join([*lines, "", translate("journal.new_session.choices")])


def offer(
    app: App[Any], translate: Translator, draft: Draft, continue_form: Callable[[Draft], object]
) -> None:
    """Ask whether to go on with the unfinished new session; ``continue_form`` opens it."""
    from kumppani.tui.dialogs.confirm import ConfirmDialog

    def answered(go_on: bool | None) -> None:
        if go_on:
            continue_form(draft)
        else:
            app.notify(translate("journal.new_session.kept"), markup=False)

    dialog = ConfirmDialog(
        translate("journal.new_session.title"),
        describe(draft, translate),
        translate("journal.new_session.continue"),
        translate("journal.new_session.later"),
        safe_yes=True,  # Enter goes on with the form; "not now" keeps the draft, never drops it
    )
    app.push_screen(dialog, answered)
