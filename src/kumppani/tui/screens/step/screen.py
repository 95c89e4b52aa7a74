"""Provides the step view: capture notes live, step by step, with the timer and autosave.

Left the step bar; on top the step's name, purpose and guiding questions (F2);
the notes of the step; at the bottom the capture line, focused, with the
attribution and kind of the next note beside it. F3 cycles the party, F4 picks
a speaker, F5 the kind; F6 or ``c`` the conclusion; F7/F8 (Ctrl+PgUp/PgDn) and
Alt+1–5 (plain 1–5 outside the capture line) move between steps; F9 shows step
3's win-win; Ctrl+T runs the timer; Ctrl+Z undoes, Ctrl+Y redoes. Tool keys are in
``keys.StepKeys``. Widgets post messages; this screen makes ``SessionEditor`` calls.

It owns the step on screen and the next note's attribution (``NextNote``); its
tools (``RoundTable``, ``StepPanels``, ``SessionEnd``) ask it through ``StepHost``.
All keys are in ``STEP_BINDINGS``: a tool's key is an action here handing over.
"""

from __future__ import annotations

from collections.abc import Callable

from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Static

from kumppani.editing.editor import SessionEditor
from kumppani.roundtable.attribution import describe_note
from kumppani.session.model import Note, Step
from kumppani.session.vocabulary import StepStatus
from kumppani.settings.config import Config
from kumppani.text.i18n import Translator
from kumppani.text.safe import one_line
from kumppani.tui.bindings import STEP_BINDINGS, localize
from kumppani.tui.messages import (
    CaptureFlushed,
    CaptureSubmitted,
    JumpToStep,
    NoteCommand,
    SaveStateChanged,
    TimerTick,
    TimeUp,
)
from kumppani.tui.screens.indicators import open_for_editor
from kumppani.tui.screens.step.attribution import NextNote, note_command
from kumppani.tui.screens.step.autosave import Autosave
from kumppani.tui.screens.step.co_writing import CoWriting
from kumppani.tui.screens.step.comments_notice import notice_lost_comments
from kumppani.tui.screens.step.history_keys import undo_or_redo
from kumppani.tui.screens.step.kept_notice import notice_kept_versions
from kumppani.tui.screens.step.keys import StepKeys
from kumppani.tui.screens.step.opened import open_details, open_summary, pick_speaker
from kumppani.tui.screens.step.panels import COMPACT_HEIGHT, StepPanels
from kumppani.tui.screens.step.roundtable import RoundTable, grouped
from kumppani.tui.screens.step.session_end import SessionEnd
from kumppani.tui.screens.step.vertical_moves import typed_back
from kumppani.tui.typing_pace import typed_first
from kumppani.tui.widgets.chrome.key_bar import KeyBar
from kumppani.tui.widgets.chrome.save_indicator import SaveIndicator
from kumppani.tui.widgets.chrome.title_bar import TitleBar
from kumppani.tui.widgets.step.capture_line import CaptureBar, CaptureLine
from kumppani.tui.widgets.step.note_list import NoteList
from kumppani.tui.widgets.step.step_bar import StepBar, StepEntry
from kumppani.tui.widgets.step.step_heading import StepHeading
from kumppani.tui.widgets.step.step_timer import StepTimer


class StepScreen(Screen[None]):
    """One session, one step at a time."""

    BINDINGS = STEP_BINDINGS
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (70, "-wide")]  # noqa: RUF012 (Textual's type)
    VERTICAL_BREAKPOINTS = [(0, "-short"), (30, "-tall")]  # noqa: RUF012 (see app.tcss)
    AUTO_FOCUS = "CaptureLine"
    """Focus goes straight to where typing happens (read-only: to the list; see __init__).
    Textual's default, the first focusable widget, gave the note list focus and took it away
    again while the step was first drawn: two restylings of the list and its seven component
    styles."""

    def __init__(
        self, editor: SessionEditor, config: Config, translate: Translator, *, index: int = 0
    ) -> None:
        super().__init__(id="step-screen")
        if editor.read_only:  # the capture line is hidden, but Textual would still focus it
            self.AUTO_FOCUS = "NoteList"  # type: ignore[misc]
        self.editor = editor
        self.config = config
        self.translate = translate
        self.index = index
        self.next_note = NextNote()
        self._after_flush: Callable[[], object] | None = None
        self.autosave = Autosave(editor, config.autosave_seconds, translate)
        self.co_writing = CoWriting(editor, self.autosave)
        self.roundtable = RoundTable(editor, translate, self, id="roundtable")
        self.panels = StepPanels(editor, translate, self, id="panels")
        self.session_end = SessionEnd(self, editor, translate)
        tools = (self.roundtable, self.panels, self.session_end)
        self.keys = StepKeys(self, self, editor, translate, tools, self.show_step)
        localize(self, translate)

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with Horizontal(id="step-body"):
            yield StepBar(id="step-bar")
            with Vertical(id="step-main"):
                yield StepHeading(id="heading")
                yield self.roundtable
                notes = self.editor.session.steps[self.index].notes
                yield NoteList(notes, self.describe, self.translate, id="notes")
                yield self.panels  # empty until a step needs a panel: StepPanels.panel()
                yield CaptureBar(self.translate("step.capture_placeholder"))
        with Horizontal(id="status-line"):
            yield StepTimer(self.translate, id="timer")
            yield Static(id="status-spacer")
            yield SaveIndicator(self.translate, id="save-state")
        yield KeyBar()
        yield self.autosave
        yield self.co_writing

    def on_mount(self) -> None:
        read_only = self.editor.read_only
        self.sub_title = one_line(self.editor.session.title)
        if read_only:
            self.sub_title += " · " + self.translate("save.read_only")
            self.query_one(CaptureBar).display = False
        if self.app.size.height < COMPACT_HEIGHT:
            self.query_one(StepHeading).toggle_questions()
        kind = self.next_note.kind  # handed over by a switch of language (app._rebuild_in)
        self.show_step(self.index)
        if kind is not None:
            self.next_note.kind = kind
            self.refresh_attribution()
        if not read_only:
            self.query_one(CaptureLine).focus()
            self.call_after_refresh(self._warm_up)
        else:
            self.query_one(NoteList).focus()
        self.session_end.follow_meeting()
        notice_lost_comments(self, self.editor, self.translate)
        notice_kept_versions(self, self.editor, self.translate)

    def _warm_up(self) -> None:
        """Once the step shows, prepare the first save in a thread (``SessionEditor.warm_up``)."""
        warm_up = typed_first(self.editor.warm_up)  # keys typed meanwhile go first
        self.run_worker(warm_up, thread=True, group="warm-up", exit_on_error=False)

    # -- the step on screen ------------------------------------------------------------------
    @property
    def current_step(self) -> Step:
        """The step on screen."""
        step: Step = self.editor.session.steps[self.index]
        return step

    @property
    def step_key(self) -> str:
        """The key of the step on screen."""
        return self.current_step.key

    # -- showing -----------------------------------------------------------------------------
    def describe(self, note: Note) -> tuple[str, str]:
        """A note's kind label and who said it, for the note list."""
        described = describe_note(self.editor.session, self.config, self.translate, note)
        return grouped(described, note, self.current_step)

    def show_step(self, index: int, *, merged: bool = False) -> None:
        """Put step ``index`` on screen. ``merged`` (a co-writer's changes came in): the same
        note stays under the cursor, and the next note keeps its chosen kind."""
        self.index = max(0, min(index, len(self.editor.session.steps) - 1))
        step = self.editor.session.steps[self.index]
        template = self.editor.step_template(step.key)
        language = self.translate.language
        if not merged:
            self.next_note.kind = None
        heading = self.translate(
            "step.heading", number=template.number, name=template.name.get(language)
        )
        questions = [question.get(language) for question in template.questions]
        self.query_one(StepHeading).show(
            heading, template.purpose.get(language), self.translate("step.questions"), questions
        )
        self.query_one(NoteList).show(step.notes, keep=merged)
        self.panels.show(step)
        timer = self.query_one(StepTimer)
        timer.show(step.key, step.spent_seconds, step.planned_minutes)
        self.refresh_bar()
        self.refresh_attribution()
        self.roundtable.follow_step(timer.running)

    def refresh_bar(self) -> None:
        """Redraw the step bar from the session."""
        language = self.translate.language
        entries = [
            StepEntry(
                number=number,
                name=self.translate(f"step_short.{step.key}")
                if step.key in ("overall", "situation", "will", "solutions", "followup")
                else self.editor.step_template(step.key).name.get(language),
                status=step.status,
                spent_seconds=step.spent_seconds,
                planned_minutes=step.planned_minutes,
            )
            for number, step in enumerate(self.editor.session.steps, 1)
        ]
        self.query_one(StepBar).show(entries, self.index)

    @property
    def next_kind(self) -> str:
        """The kind the next captured note gets."""
        return self.next_note.kind or self.editor.step_template(self.step_key).default_kind

    def refresh_attribution(self) -> None:
        """Show the party, speaker and kind of the next note beside the capture line."""
        describe = self.describe(self.next_note.blank(self.next_kind))
        who = describe[1] or self.translate("step.nobody")
        mode = self.translate("step.kept" if self.config.keep_attribution else "step.once")
        self.query_one(CaptureBar).show_attribution(who, describe[0], mode)

    # -- what the tools ask (StepHost) -------------------------------------------------------
    def writable(self) -> bool:
        """Whether the session may change; if not, say so."""
        if self.editor.read_only:
            self.notify(self.translate("step.read_only"), severity="warning")
            return False
        return True

    def speaker_changed(self, participant: str) -> None:
        """The next note is ``participant``'s, of their party (``""``: nobody's)."""
        self.next_note.speaker(self.editor.session, participant)
        self.refresh_attribution()

    def notes_changed(self) -> None:
        """Redraw the notes of the step on screen, and the step bar."""
        self.query_one(NoteList).notes_changed()
        self.refresh_bar()

    def step_changed(self) -> None:
        """Redraw the whole step on screen."""
        self.show_step(self.index)

    def focus_capture(self) -> None:
        """Back to the capture line, unless the session is read-only (it is hidden then)."""
        if not self.editor.read_only:
            self.query_one(CaptureLine).focus()

    # -- messages from the widgets -----------------------------------------------------------
    def on_capture_submitted(self, event: CaptureSubmitted) -> None:
        event.stop()
        if not self.writable():
            return
        reset = self.next_note.capture(
            self.editor, self.step_key, event.text, self.next_kind, self.config.keep_attribution
        )
        self.query_one(NoteList).note_added()
        if reset:
            self.refresh_attribution()
        self.refresh_bar()

    def on_jump_to_step(self, event: JumpToStep) -> None:
        event.stop()
        self.show_step(event.index)

    def on_note_command(self, event: NoteCommand) -> None:
        event.stop()
        if not self.writable() or self.roundtable.command(event):
            return
        notes = self.query_one(NoteList)
        note_command(self, self.editor, self.config, self.translate, self.step_key, event, notes)

    def on_timer_tick(self, event: TimerTick) -> None:
        event.stop()
        if not self.editor.read_only:
            self.editor.add_spent_seconds(event.step_key, event.seconds)
        self.refresh_bar()

    def on_time_up(self, event: TimeUp) -> None:
        event.stop()
        if self.config.bell:
            self.app.bell()
        self.notify(self.translate("step.time_up"), severity="warning")

    def on_save_state_changed(self, event: SaveStateChanged) -> None:
        event.stop()
        self.query_one(SaveIndicator).show(event.state, event.reason)

    # -- key actions -------------------------------------------------------------------------
    def action_jump(self, index: int) -> None:
        self.show_step(index)

    def action_next_step(self) -> None:
        self.show_step(self.index + 1)

    def action_previous_step(self) -> None:
        self.show_step(self.index - 1)

    def action_toggle_questions(self) -> None:
        self.query_one(StepHeading).toggle_questions()

    def action_cycle_party(self) -> None:
        self.next_note.cycle_party(self.config.parties)
        self.refresh_attribution()

    def action_pick_participant(self) -> None:
        pick_speaker(self, self.editor, self.config, self.translate, self.speaker_changed)

    def action_cycle_kind(self) -> None:
        template = self.editor.step_template(self.step_key)
        self.next_note.cycle_kind(template.kinds, template.default_kind)
        self.refresh_attribution()

    def action_mark_done(self) -> None:
        """F10: the step on screen is done; pressed again it stays done and says so."""
        if self.writable():
            self.session_end.mark_done(self.index, self.current_step)
            self.refresh_bar()

    def action_reopen_step(self) -> None:
        """Shift+F10: the step on screen is in progress again."""
        if self.writable():
            self.session_end.set_status(self.index, self.current_step, StepStatus.IN_PROGRESS)
            self.refresh_bar()

    def action_toggle_timer(self) -> None:
        timer = self.query_one(StepTimer)
        timer.running = not timer.running and not self.editor.read_only
        timer.refresh()
        self.roundtable.timer_switched(timer.running)

    def action_history(self, way: str) -> None:
        """Ctrl+Z (``undo``), Ctrl+Y / Ctrl+Shift+Z (``redo``): the notice names the change."""
        if self.writable() and (what := undo_or_redo(self, self.editor, self.translate, way)):
            self.sub_title = one_line(self.editor.session.title)
            self.show_step(self.index)
            if what.startswith("round"):  # the speaker is the attribution again
                self.roundtable.follow_round()

    def action_save(self) -> None:
        """Ctrl+S: save now, in the save thread (a big session would freeze typing here)."""
        self.autosave.start_save()

    def action_focus_capture(self) -> None:
        self.focus_capture()

    def finish(self, then: Callable[[], object]) -> None:
        """Run ``then`` once the capture line has handed over what was typed (as a note)."""
        if self.editor.read_only:
            then()
            return
        self._after_flush = then
        self.query_one(CaptureLine).flush()

    def on_capture_flushed(self, event: CaptureFlushed) -> None:
        event.stop()
        then, self._after_flush = self._after_flush, None
        if then is not None:
            then()

    def action_close(self) -> None:
        self.finish(lambda: self.session_end.close_offering_end(self._close))

    def _close(self) -> None:
        error = self.autosave.save_now()  # before leaving the view: wait for the disk
        if error is not None:
            said = error.describe(self.translate.language)
            self.notify(said, severity="error", markup=False)
        if not self.editor.dirty or self.editor.read_only:
            self.dismiss(None)

    def action_indicator_chart(self) -> None:
        """Ctrl+L: the indicators of this session's series over time (with what is unsaved)."""
        open_for_editor(self, self.editor, self.config, self.translate)

    def action_summary(self) -> None:
        open_summary(self, self.editor, self.config, self.translate)

    def action_details(self) -> None:
        if self.writable():
            open_details(self, self.editor, self.config, self.translate, self._details_done)

    def _details_done(self) -> None:
        self.sub_title = one_line(self.editor.session.title)
        self.show_step(self.index)

    # -- keys of the tools: the round table, the panels, the plan (keys.StepKeys) -------------
    def action_tool(self, name: str, *args: object) -> None:
        self.keys.run(name, *args)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("tool", "tool_ctrl", "tool_alt"):
            twin = action.removeprefix("tool").removeprefix("_")
            name, go = str(parameters[0]), parameters[1:] == (True,)
            return self.keys.answers(name, ctrl=twin == "ctrl", alt=twin == "alt", go=go)
        return True

    def on_key(self, event: events.Key) -> None:
        typed_back(self, event)  # a letter no list key answers goes to the capture line

    def action_tool_ctrl(self, name: str) -> None:
        self.keys.run(name)

    def action_tool_alt(self, name: str) -> None:
        self.keys.run(name)
