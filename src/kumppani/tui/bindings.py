"""Provides every key binding of the interface in one table.

Each binding has a stable ``id`` (``step.next`` …) so keys can be remapped
from the config later, and a description that is a translation key in
``locales/<lang>/tui.toml`` (``keys.*``): ``localize`` swaps in the text of the
interface language when a screen or widget is created. Primary keys show in
the footer; the rest are ``show=False`` and listed in help.
"""

from __future__ import annotations

from dataclasses import replace

from textual.binding import Binding, BindingType
from textual.dom import DOMNode

from kumppani.text.i18n import Translator
from kumppani.tui.alt_keys import WORD_KEYS

APP_BINDINGS: list[BindingType] = [
    Binding("ctrl+q", "quit", "keys.quit", id="app.quit", priority=True),
    Binding("f1", "help", "keys.help", id="app.help"),
    Binding("question_mark", "help", "keys.help", id="app.help_question", show=False),
    # ESC b / ESC f (readline's Alt+B/F, macOS Terminal's Option+Left/Right) in text fields.
    *[
        Binding(key, f"word('{way}')", "keys.word", id=f"app.word_{way}", show=False)
        for key, way in WORD_KEYS.items()
    ],
]

HOME_BINDINGS: list[BindingType] = [
    Binding("enter", "open", "keys.open", id="home.open"),
    Binding("n", "new", "keys.new", id="home.new"),
    Binding("r", "open_read_only", "keys.review", id="home.read_only"),
    Binding("e", "export", "keys.export", id="home.export"),
    Binding("d", "delete", "keys.delete", id="home.delete"),
    Binding("delete", "delete", "keys.delete", id="home.delete_key", show=False),
    Binding("slash", "filter", "keys.filter", id="home.filter"),
    Binding("s", "sort", "keys.sort", id="home.sort"),
    Binding("S", "reverse", "keys.sort", id="home.reverse", show=False),
    Binding("h", "approve", "keys.approve", id="home.approve"),
    Binding("m", "merge_copy", "keys.merge_copy", id="home.merge_copy", show=False),
    Binding("q", "app.quit", "keys.quit", id="home.quit", show=False),
    Binding("ctrl+r", "reload", "keys.reload", id="home.reload", show=False),
    # Follow-up across sessions (screens in tracker.py, timeline.py, indicators.py).
    Binding("a", "tracker", "keys.tracker", id="home.tracker", show=False),
    Binding("t", "timeline", "keys.timeline", id="home.timeline", show=False),
    Binding("f", "followup", "keys.followup", id="home.followup", show=False),
]

HOME_FILTER_BINDINGS: list[BindingType] = [
    Binding("escape", "clear", "keys.clear_filter", id="home.clear_filter", show=False),
    Binding("down", "leave", "keys.to_list", id="home.filter_to_list", show=False),
    Binding("enter", "leave", "keys.to_list", id="home.filter_enter", show=False),
]

ROUND_CTRL_KEYS = {
    "ctrl+n": "round_next",
    "ctrl+e": "round_pass",
    "ctrl+k": "round_skip",
    "ctrl+u": "round_back",
}
"""The round's Ctrl keys, beside Alt+N/P/S/B: they answer only while there is a round to run."""

STEP_BINDINGS: list[BindingType] = [
    # First on the key bar while a round runs (hidden otherwise: screens/step/keys.py).
    *[
        Binding(
            key, f"tool_ctrl('{action}')", f"keys.{action}", id=f"step.{action}_ctrl", priority=True
        )
        for key, action in ROUND_CTRL_KEYS.items()
    ],
    # The plan's new item, on steps 4 and 5 only (screens/step/keys.py): first on their key bar.
    Binding(
        "ctrl+f",
        "tool_ctrl('actions')",
        "keys.new_action",
        id="step.actions_ctrl",
        priority=True,
    ),
    Binding(
        "ctrl+f",
        "tool_ctrl('indicators')",
        "keys.new_indicator",
        id="step.indicators_ctrl",
        priority=True,
    ),
    Binding("f2", "toggle_questions", "keys.questions", id="step.questions", priority=True),
    Binding("f3", "cycle_party", "keys.party", id="step.party", priority=True),
    Binding("f4", "pick_participant", "keys.participant", id="step.participant", priority=True),
    Binding("f5", "cycle_kind", "keys.kind", id="step.kind", priority=True),
    Binding("f6", "tool('conclusion')", "keys.conclusion", id="step.conclusion", priority=True),
    Binding("f7", "previous_step", "keys.previous", id="step.previous", priority=True),
    Binding("f8", "next_step", "keys.next", id="step.next", priority=True),
    Binding("f9", "tool('winwin')", "keys.winwin", id="step.winwin", priority=True),
    Binding("f10", "mark_done", "keys.status", id="step.status", priority=True),
    Binding(
        "shift+f10,f22", "reopen_step", "keys.reopen", id="step.reopen", show=False, priority=True
    ),
    Binding("f12", "summary", "keys.summary", id="step.summary", priority=True),
    Binding("ctrl+g", "details", "keys.details", id="step.details", show=False, priority=True),
    Binding("ctrl+t", "toggle_timer", "keys.timer", id="step.timer", priority=True),
    Binding("ctrl+z", "history('undo')", "keys.undo", id="step.undo"),
    # Ctrl+Y is 0x19 on every terminal; Ctrl+Shift+Z reaches the app only from terminals
    # that report modifiers (kitty protocol: ctrl+shift+z; xterm modifyOtherKeys: ctrl+Z).
    Binding("ctrl+y,ctrl+shift+z", "history('redo')", "keys.redo", id="step.redo", show=False),
    # xterm's Ctrl+Shift+Z arrives as a printable "Z" with ctrl (priority: the capture line
    # would type it); left out of help, where it would read "Ctrl+Z".
    Binding("ctrl+Z", "history('redo')", "", id="step.redo_xterm", show=False, priority=True),
    Binding("ctrl+s", "save", "keys.save", id="step.save", show=False, priority=True),
    Binding("ctrl+o", "close", "keys.close", id="step.close", priority=True),
    # The vote and the group of the note under the list's cursor (the last one typed), from
    # the note line too; only while the step has notes. Otherwise (and in a text panel)
    # Ctrl+D and Ctrl+X edit the text as usual: the Delete key deletes to the right as well.
    Binding("ctrl+d", "tool_ctrl('vote')", "keys.vote", id="step.vote_ctrl", priority=True),
    Binding("ctrl+x", "tool_ctrl('group')", "keys.group", id="step.group_ctrl", priority=True),
    Binding(
        "ctrl+pagedown", "next_step", "keys.next", id="step.next_page", show=False, priority=True
    ),
    Binding(
        "ctrl+pageup",
        "previous_step",
        "keys.previous",
        id="step.previous_page",
        show=False,
        priority=True,
    ),
    Binding("escape", "focus_capture", "keys.capture", id="step.capture", show=False),
    Binding("a", "tool('actions')", "keys.actions", id="step.actions", show=False),
    Binding("i", "tool('indicators')", "keys.indicators", id="step.indicators", show=False),
    Binding("c", "tool('conclusion')", "keys.conclusion", id="step.conclusion_c", show=False),
    Binding("t", "toggle_timer", "keys.timer", id="step.timer_t", show=False),
    Binding("q", "quit", "keys.quit", id="step.quit", show=False),
    *[
        Binding(
            f"alt+{n}", f"jump({n - 1})", "keys.jump", id=f"step.jump{n}", show=False, priority=True
        )
        for n in range(1, 6)
    ],
    # Plain digits jump only when the focus is outside a text field (the notes list, a
    # table): in the capture line a digit is text, since a note may start with "2030".
    *[
        Binding(str(n), f"jump({n - 1})", "keys.jump", id=f"step.digit{n}", show=False)
        for n in range(1, 6)
    ],
    # Round-table tools (screens/step/roundtable.py). Each Alt key has a Ctrl key beside it,
    # as Alt does not reach the app in every terminal (alt_keys.py). The Ctrl keys answer only
    # while they have something to do (screens/step/keys.py); otherwise Ctrl+E, Ctrl+K, Ctrl+U
    # edit the capture line as usual.
    Binding("ctrl+r", "tool('round')", "keys.round", id="step.round", show=False, priority=True),
    *[
        Binding(
            f"alt+{key}",
            f"tool_alt('{action}')",
            f"keys.{action}",
            id=f"step.{action}",
            show=False,
            priority=True,
        )
        for key, action in (
            ("n", "round_next"),
            ("p", "round_pass"),
            ("s", "round_skip"),
            ("b", "round_back"),
        )
    ],
    # Up from the capture line (a one-line field: always at its top) to the notes, down
    # from the last note back; only then (screens/step/keys.py), as priority bindings so a
    # key typed right after goes where they lead.
    Binding("up", "tool('to_list')", "keys.to_list", id="step.to_list", show=False, priority=True),
    Binding(
        "down", "tool('to_line')", "keys.capture", id="step.to_line", show=False, priority=True
    ),
    Binding(
        "ctrl+b", "tool('balance')", "keys.balance", id="step.balance", show=False, priority=True
    ),
    Binding("alt+e", "tool('end_session')", "keys.end_session", id="step.end_session", show=False),
    # Also on the palette (Ctrl+P), with the rest of the list and panel commands.
    Binding(
        "ctrl+l",
        "indicator_chart",
        "keys.indicator_chart",
        id="step.chart",
        show=False,
        priority=True,
    ),
]

REVIEW_BINDINGS: list[BindingType] = [
    Binding("escape", "back", "keys.review_back", id="review.back"),
    Binding("q", "close", "keys.close", id="review.close"),
    Binding("enter", "enter_section", "keys.review_enter", id="review.enter", show=False),
    Binding("right", "enter_section", "keys.review_enter", id="review.enter_right", show=False),
    Binding("0", "section('overview')", "keys.review_overview", id="review.overview"),
    *[
        Binding(str(n), f"section('{key}')", "keys.jump", id=f"review.step{n}", show=False)
        for n, key in enumerate(("overall", "situation", "will", "solutions", "followup"), 1)
    ],
    Binding("a", "section('actions')", "keys.actions", id="review.actions"),
    Binding("i", "section('indicators')", "keys.indicators", id="review.indicators"),
    Binding("m", "section('minutes')", "keys.summary", id="review.minutes"),
    Binding("v", "toggle_plain", "keys.review_plain", id="review.plain"),
]

NOTE_LIST_BINDINGS: list[BindingType] = [
    Binding("enter", "command('edit')", "keys.edit", id="notes.edit"),
    Binding("delete", "command('delete')", "keys.delete_note", id="notes.delete"),
    Binding("h", "command('highlight')", "keys.highlight", id="notes.highlight"),
    Binding(
        "space", "command('highlight')", "keys.highlight", id="notes.highlight_space", show=False
    ),
    Binding("k", "command('kind')", "keys.note_kind", id="notes.kind", show=False),
    Binding("s", "command('speaker')", "keys.note_speaker", id="notes.speaker", show=False),
    Binding("p", "command('party')", "keys.note_party", id="notes.party", show=False),
    Binding("v", "command('vote')", "keys.vote", id="notes.vote", show=False),
    Binding("g", "command('group')", "keys.group", id="notes.group", show=False),
    # Moving a note: Alt+arrows, Ctrl+arrows, or - and + where no modifier reaches the app
    # (the Linux console sends arrows without them).
    Binding("alt+up,ctrl+up,minus", "move(-1)", "keys.move_up", id="notes.up", show=False),
    Binding("alt+down,ctrl+down,plus", "move(1)", "keys.move_down", id="notes.down", show=False),
    Binding("up", "cursor(-1)", show=False),
    Binding("down", "cursor(1)", show=False),
    Binding("pageup", "page(-1)", show=False),
    Binding("pagedown", "page(1)", show=False),
    Binding("home", "cursor(-1000000000)", show=False),
    Binding("end", "cursor(1000000000)", show=False),
]

TRACKER_BINDINGS: list[BindingType] = [
    Binding("enter", "open", "keys.open_source", id="tracker.open"),
    Binding("r", "open_read_only", "keys.read_only", id="tracker.read_only", show=False),
    Binding("s", "cycle_status", "keys.filter_status", id="tracker.status"),
    Binding("p", "pick_party", "keys.filter_party", id="tracker.party"),
    Binding("o", "pick_owner", "keys.filter_owner", id="tracker.owner"),
    Binding("exclamation_mark", "toggle_overdue", "keys.filter_overdue", id="tracker.overdue"),
    Binding("slash", "filter", "keys.filter", id="tracker.text"),
    Binding("c", "clear_filters", "keys.clear_filters", id="tracker.clear"),
    Binding("t", "timeline", "keys.timeline", id="tracker.timeline", show=False),
    Binding("ctrl+r", "reload", "keys.reload", id="tracker.reload", show=False),
    Binding("escape", "back", "keys.back", id="tracker.back"),
]

TRACKER_FILTER_BINDINGS: list[BindingType] = [
    Binding("escape", "clear", "keys.clear_filter", id="tracker.clear_text", show=False),
    Binding("down", "leave", "keys.to_list", id="tracker.text_to_list", show=False),
]

TIMELINE_BINDINGS: list[BindingType] = [
    Binding("enter", "open", "keys.open_review", id="timeline.open"),
    Binding("e", "edit", "keys.open", id="timeline.edit", show=False),
    Binding("i", "indicators", "keys.indicator_chart", id="timeline.indicators"),
    Binding("ctrl+r", "reload", "keys.reload", id="timeline.reload", show=False),
    Binding("escape", "back", "keys.back", id="timeline.back"),
]

INDICATORS_BINDINGS: list[BindingType] = [
    Binding("escape", "back", "keys.back", id="indicators.back"),
]

ALL_BINDINGS: dict[str, list[BindingType]] = {
    "app": APP_BINDINGS,
    "home": HOME_BINDINGS,
    "step": STEP_BINDINGS,
    "review": REVIEW_BINDINGS,
    "notes": NOTE_LIST_BINDINGS,
    "tracker": TRACKER_BINDINGS,
    "timeline": TIMELINE_BINDINGS,
    "indicators": INDICATORS_BINDINGS,
}
"""Every table by area, for the help screen."""


DESCRIPTION_PREFIXES = ("keys.", "forms.keys.")
"""A binding description starting so is a catalog key: the app's tables and the forms'."""


def localize(node: DOMNode, translate: Translator) -> None:
    """Replace the description keys of ``node``'s bindings with text in its language.

    The description key is found again by the binding's id, so it can run again after a
    switch of language (bindings Textual adds at run time, such as Ctrl+P, are kept).
    """
    table = node._bindings.key_to_bindings
    for key, bindings in table.items():
        table[key] = [_localized(binding, translate) for binding in bindings]


def _localized(binding: Binding, translate: Translator) -> Binding:
    description = binding.description
    if binding.id is not None and binding.id in _DESCRIPTION_KEYS:
        description = _DESCRIPTION_KEYS[binding.id]
    elif binding.action == "command_palette":  # Textual's own Ctrl+P, described in English
        description = "keys.palette"
    if not description.startswith(DESCRIPTION_PREFIXES):
        return binding
    return replace(binding, description=translate(description))


_DESCRIPTION_KEYS: dict[str, str] = {
    binding.id: binding.description
    for table in (*ALL_BINDINGS.values(), HOME_FILTER_BINDINGS, TRACKER_FILTER_BINDINGS)
    for binding in table
    if isinstance(binding, Binding) and binding.id is not None
}
"""Each binding's description key (``keys.quit``), by binding id."""
