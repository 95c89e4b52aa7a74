"""Provides the projector view: ``kumppani present FILE`` in a second terminal, for the room.

A separate, read-only Textual app: the step the facilitator has open, large;
its guiding questions; the timer in big digits; who has the floor in a round;
and the latest notes, newest at the bottom. It follows the live session: a
timer checks the file's and its live-state file's size and modification time
twice a second and, when they change, a worker thread reads what changed
(the live state alone when only the step, the timer or the round moved). It never writes
and never takes a lock; a file caught half-way or broken keeps the last good
picture on screen, with a quiet line saying why.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.css.query import NoMatches
from textual.widget import Widget
from textual.widgets import Digits, Static

from kumppani.editing.editor import template_for
from kumppani.editing.projector import Follower, View, view_of
from kumppani.errors import KumppaniError
from kumppani.session.model import Session, now
from kumppani.settings.config import Config
from kumppani.text.i18n import Translator
from kumppani.text.safe import one_line, printable
from kumppani.tui.widgets.step.round_panel import clock_text, person_label

POLL_SECONDS = 0.25


class NotesView(Widget):
    """The latest notes, as many as fit, newest at the bottom.

    The newest note is always shown: when it alone is taller than the view, its first
    lines, the last of them ending in "…".
    """

    DEFAULT_CSS = "NotesView { height: 1fr; padding: 0 2; }"

    def __init__(self) -> None:
        super().__init__(id="present-notes")
        self.texts: list[str] = []

    def show(self, texts: list[str]) -> None:
        self.texts = texts
        self.refresh()

    def render(self) -> Text:
        width = max(10, self.size.width)
        height = max(1, self.size.height)
        blocks: list[Text] = []
        used = 0
        for note in reversed(self.texts):
            block = Text("• ", style="bold")
            block.append(printable(note).strip())
            lines = list(block.wrap(self.app.console, width))
            gap = 1 if blocks else 0
            if used + len(lines) + gap > height:
                if not blocks:  # the newest note, taller than the view: its beginning
                    blocks.append(_shortened(lines, height, width))
                break
            used += len(lines) + gap
            blocks.append(block)
        return Text("\n\n").join(reversed(blocks))


def _shortened(lines: list[Text], height: int, width: int) -> Text:
    """The first ``height`` of a note's wrapped ``lines``, the last ending in "…"."""
    kept = lines[:height]
    last = kept[-1]
    last.rstrip()
    last.truncate(width - 1)
    last.append("…")
    return Text("\n").join(kept)


class PresentApp(App[int]):
    """The projector: a live, read-only picture of one session file."""

    TITLE = "Kumppani"
    """Until the title in the interface language is set: never the class name."""

    CSS = """
    Screen { background: $background; }
    #present-top { height: auto; padding: 1 2 0 2; }
    #present-step { width: 1fr; text-style: bold; color: $accent; }
    #present-timer { width: auto; }
    #present-timer.-over { color: $error; }
    #present-questions { padding: 0 2 1 2; color: $text-muted; }
    #present-floor {
        padding: 0 2; margin-bottom: 1; text-style: bold; background: $boost; display: none;
    }
    #present-floor.-shown { display: block; }
    #present-status {
        dock: bottom; height: 1; padding: 0 2; color: $text-muted;
        text-wrap: nowrap; text-overflow: ellipsis;
    }
    /* Under 24 rows each question takes one line, shortened with "…", so that the notes
       keep room (at 60x20 the questions wrapped took every row the notes had). */
    Screen.-short #present-questions { text-wrap: nowrap; text-overflow: ellipsis; }
    """

    VERTICAL_BREAKPOINTS = [(0, "-short"), (24, "-tall")]  # noqa: RUF012 (Textual's type)

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", show=False),
        Binding("ctrl+q", "quit", show=False, priority=True),
        Binding("escape", "quit", show=False),
    ]

    def __init__(
        self,
        path: Path,
        config: Config | None = None,
        language: str = "fi",
        clock: Callable[[], datetime] = now,
    ) -> None:
        super().__init__()
        self.path = path
        self.config = config or Config()
        self.translate = Translator(language)
        self.clock = clock
        self.session: Session | None = None
        self.follower = Follower(path)
        self.problem = ""

    def compose(self) -> ComposeResult:
        with Horizontal(id="present-top"):
            yield Static(id="present-step", markup=False)
            yield Digits("0:00", id="present-timer")
        yield Static(id="present-questions", markup=False)
        yield Static(id="present-floor", markup=False)
        yield NotesView()
        yield Static(id="present-status", markup=False)

    def on_mount(self) -> None:
        self.title = self.translate("roundtable.present.title")
        from kumppani.tui.themes import apply_theme

        apply_theme(self, self.config.theme)
        self.reload()
        self.set_interval(POLL_SECONDS, self.poll, name="present-poll")
        self.set_interval(1.0, self.redraw, name="present-clock")

    # -- following the file --------------------------------------------------------------------
    def poll(self) -> None:
        """Read again when the file or its live state has changed."""
        if self.follower.changed():
            self.run_worker(self.reload, thread=True, exclusive=True, group="present-read")

    def reload(self) -> None:
        """Read the file (in a worker thread while running); keep the last good picture."""
        try:
            session = self.follower.read()
        except KumppaniError as error:
            self.call_from_thread_safe(self.failed, error.describe(self.translate.language))
            return
        self.call_from_thread_safe(self.loaded, session)

    def call_from_thread_safe(self, callback: Callable[..., object], *args: object) -> None:
        """Run ``callback`` on the UI thread, also when already on it."""
        try:
            self.call_from_thread(callback, *args)
        except RuntimeError:
            callback(*args)

    def loaded(self, session: Session) -> None:
        self.session, self.problem = session, ""
        self.redraw()

    def failed(self, message: str) -> None:
        self.problem = one_line(message)
        self.redraw()

    # -- drawing -------------------------------------------------------------------------------
    def redraw(self) -> None:
        """Put the current picture on screen (the timer counts on between reads)."""
        try:
            status = self.query_one("#present-status", Static)
        except NoMatches:  # a read finished as the app was closing
            return
        session = self.session
        if session is None:
            status.update(self.problem or self.translate("roundtable.present.waiting"))
            return
        view = view_of(session, self.clock())
        self.show_step(session, view)
        self.show_timer(view)
        self.show_floor(session, view)
        self.query_one(NotesView).show([note.text for note in view.notes])
        parts = [one_line(session.title), self.path.name]
        if self.problem:
            parts.append(self.translate("roundtable.present.stale", problem=self.problem))
        status.update(" · ".join(part for part in parts if part))

    def show_step(self, session: Session, view: View) -> None:
        language = self.translate.language
        template = template_for(session, None).step(view.step.key)
        heading = self.translate(
            "step.heading", number=template.number, name=template.name.get(language)
        )
        self.query_one("#present-step", Static).update(Text(heading.upper()))
        questions = [one_line(q.get(language)) for q in template.questions]
        self.query_one("#present-questions", Static).update(
            Text("\n".join(f"{n}. {q}" for n, q in enumerate(questions, 1)))
        )

    def show_timer(self, view: View) -> None:
        timer = self.query_one("#present-timer", Digits)
        timer.update(clock_text(view.remaining))
        timer.set_class(view.planned and view.remaining < 0, "-over")

    def show_floor(self, session: Session, view: View) -> None:
        floor = self.query_one("#present-floor", Static)
        floor.set_class(bool(view.speaker), "-shown")
        if not view.speaker:
            return
        who = person_label(session, view.speaker, self.translate)
        line = "● " + self.translate("roundtable.round.floor", who=who)
        line += f"   ⏱ {clock_text(view.speaker_for)}"
        if view.speaker_left is not None:
            line += " / " + clock_text(view.speaker_for + view.speaker_left)
        floor.update(Text(line))


def run_present(path: Path, config: Config, language: str) -> int:
    """Run the projector view until the user quits."""
    PresentApp(path, config, language).run()
    return 0
