"""Each kind of hostile text in the terminal interface: shown literally, never acting.

Markup (``[bold]``, a lone ``[/]``, ``[link=…]``, ``[@click=…]``, ``$variable``),
escape sequences (CSI, OSC 8 links, OSC titles, 8-bit C1), NUL and other
controls, bidi overrides, emoji with ZWJ, combining marks, wide CJK, and a
100 kB paste, in every view (``tests.support.hostile.visit_everything``) and in the
places that take text from elsewhere: notifications, dialogs, the template and
party choosers, the header.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
import tomli_w
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.color import Color
from textual.widgets import Select

from kumppani.session.model import Participant, Session
from kumppani.settings import paths
from kumppani.settings.config import Config
from kumppani.storage.files import load_session
from kumppani.text.safe import TERMINAL_CONTROLS, one_line
from kumppani.tui.app import make_app
from kumppani.tui.dialogs.confirm import ConfirmDialog
from kumppani.tui.dialogs.error import ErrorDialog
from kumppani.tui.safe_app import ControlFilter
from kumppani.tui.screens.setup import SetupScreen
from kumppani.tui.widgets.step.capture_line import CaptureLine
from tests.support.hostile import (
    SIZE,
    TAGS,
    assert_no_controls,
    hostile_session,
    saved,
    show_roster,
    squash,
    step_screen,
    tagged,
    visit_everything,
)
from tests.support.tui import screen_text, settle

if TYPE_CHECKING:
    from tests.support.dirs import KumppaniDirs

MARKUP = "[bold]B[/] [/] [link=file:///etc/passwd]L[/link] [@click=app.quit]Q[/] $variable"
ESCAPES = "a\x1b[2Jb \x1b]8;;http://evil.example\x1b\\osc8\x1b]8;;\x1b\\ \x1b]0;pwned\x07c \x9b31md"
CONTROLS = "nul\x00 bell\x07 del\x7f bs\x08 esc\x1b"
BIDI = "\u202eevil\u202c \u2066iso\u2069 \u200fmark"
WIDE = "👩\u200d👩\u200d👧 e\u0301 a\u0308 漢字のタイトル ｆｕｌｌ"
KINDS = {"markup": MARKUP, "escapes": ESCAPES, "controls": CONTROLS, "bidi": BIDI, "wide": WIDE}


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    folder = tmp_path / "sessions"
    folder.mkdir()
    return folder


@pytest.mark.slow
async def test_every_kind_in_every_field_through_every_view(folder: Path) -> None:
    """All kinds together; 30 characters of each field checked wherever it is shown."""
    text = " ".join(KINDS.values())
    texts = tagged(dict.fromkeys(TAGS, text))
    path = saved(folder, hostile_session(texts))
    before = path.read_bytes()
    app = make_app(Config(), folder, language="fi")
    async with app.run_test(size=SIZE) as pilot:
        await visit_everything(app, pilot, texts, path, prefix=30)
    assert path.read_bytes() == before  # only looked at: the file is untouched


@pytest.mark.parametrize("kind", sorted(KINDS))
async def test_each_kind_is_shown_whole_in_the_notes_and_the_header(
    folder: Path, kind: str
) -> None:
    text = KINDS[kind]
    session = hostile_session(tagged({"title": text, "note": text, "conclusion": text}))
    path = saved(folder, session)
    app = make_app(Config(), folder, language="fi", open_file=path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert_no_controls(app)
        lines = screen_text(app).splitlines()
        shown = squash(screen_text(app))
        # One-line places: whole escape sequences are gone, the words stay.
        assert lines[0].rstrip().endswith(one_line(TAGS["title"] + text))  # the header
        assert squash(one_line(TAGS["note"] + text)) in shown  # the note list
        # The conclusion editor shows the text less its control characters.
        assert squash(TERMINAL_CONTROLS.sub("", TAGS["conclusion"] + text)) in shown
        if kind == "markup":
            assert "[bold]B[/] [/] [link=file:///etc/passwd]L[/link]" in screen_text(app)
        if kind == "escapes":
            assert "ab osc8 c d" in screen_text(app)  # the note: sequences dropped whole
        if kind == "wide":
            assert "漢字のタイトル" in screen_text(app) and "👩\u200d👩\u200d👧" in screen_text(app)


async def test_a_multi_line_title_is_one_header_line(folder: Path) -> None:
    path = saved(folder, hostile_session(tagged({"title": "eka\ntoka\r\nkolmas"})))
    app = make_app(Config(), folder, language="fi", open_file=path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert screen_text(app).splitlines()[0].rstrip().endswith("eka ⏎ toka ⏎ kolmas")


async def test_looking_at_odd_line_breaks_changes_nothing(folder: Path) -> None:
    """A text editor splits at CR, VT, FF, NEL, U+2028 …: its load echo is not an edit."""
    odd = "a\u2028b\x0bc\rd\x85e\x0cf\u2029g\x1ch"
    session = hostile_session(tagged({"conclusion": odd, "winwin": odd, "message": odd}))
    path = saved(folder, session)
    before = path.read_bytes()
    app = make_app(Config(), folder, language="fi", open_file=path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for number in range(1, 6):
            await pilot.press(f"alt+{number}")
            await settle(pilot)
        screen = step_screen(app)
        assert not screen.editor.dirty
        assert screen.editor.session.steps[0].conclusion == TAGS["conclusion"] + odd
        await pilot.press("ctrl+s")
        await settle(pilot)
    assert path.read_bytes() == before
    assert load_session(path).winwin.state_gains == TAGS["winwin"] + odd


async def test_a_100_kb_paste_becomes_one_whole_note(folder: Path) -> None:
    line = f"{MARKUP} {ESCAPES} {WIDE} "
    paste = "\n".join([line] * (100_000 // len(line)))
    assert len(paste) >= 99_000
    path = saved(folder, Session(title="Liitos", date=dt.date(2026, 3, 12)))
    app = make_app(Config(), folder, language="fi", open_file=path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = step_screen(app)
        capture = screen.query_one(CaptureLine)
        assert capture.has_focus
        capture.post_message(events.Paste(paste))
        await pilot.pause()
        await pilot.press("enter")
        await settle(pilot)
        notes = screen.editor.step(screen.step_key).notes
        expected = " ".join(part.strip() for part in paste.splitlines() if part.strip())
        assert [note.text for note in notes] == [expected]
        assert_no_controls(app)
        assert squash(one_line(expected)[:60]) in squash(screen_text(app))
        await pilot.press("ctrl+s")
        await settle(pilot)
    assert [note.text for note in load_session(path).steps[0].notes] == [expected]


async def test_notifications_show_markup_literally(folder: Path) -> None:
    path = saved(folder, Session(title="Ilmoitus", date=dt.date(2026, 3, 12)))
    app = make_app(Config(), folder, language="fi", open_file=path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        step_screen(app).notify(f"{MARKUP} \x1b[2J", title="[/] otsikko")
        app.notify("[/]")  # a lone closing tag: a MarkupError if parsed
        await settle(pilot)
        shown = screen_text(app)
        assert "[bold]B[/] [/] [link=file:///etc/passwd]L[/link]" in shown
        assert "[/] otsikko" in shown
        assert_no_controls(app)
        assert app.return_code is None  # [@click=app.quit] did not quit


async def test_dialogs_show_hostile_text_literally(folder: Path) -> None:
    path = saved(folder, Session(title="Dialogi", date=dt.date(2026, 3, 12)))
    app = make_app(Config(), folder, language="fi", open_file=path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.push_screen(ConfirmDialog(f"[/] {MARKUP}", f"{ESCAPES} {BIDI}", "Kyllä", "Ei"))
        await settle(pilot)
        assert_no_controls(app)
        shown = screen_text(app)
        assert "[/] [bold]B[/] [/] [link=file:///etc/passwd]L[/link]" in shown
        assert "[@click=app.quit]Q[/] $variable" in shown and "evil" in shown
        await pilot.press("escape")
        await settle(pilot)
        app.push_screen(ErrorDialog(f"[/] {CONTROLS}", MARKUP, WIDE, "OK"))
        await settle(pilot)
        assert_no_controls(app)
        shown = screen_text(app)
        assert "漢字のタイトル" in shown and "[bold]B[/] [/] [link=file:///etc/passwd]" in shown


async def test_a_template_name_and_a_party_from_files_are_literal_choices(
    folder: Path, kumppani_dirs: KumppaniDirs
) -> None:
    """Select prompts parse markup: a lone ``[/]`` in a template file crashed the form."""
    builtin = Path(paths.__file__).parents[1] / "templates" / "partnership.toml"
    document = tomllib.loads(builtin.read_text(encoding="utf-8"))
    document["id"] = "vihamielinen"
    document["name"] = dict.fromkeys(("fi", "sv", "en"), "[/] Pohja [bold]B[/] \x1b[2J")
    kumppani_dirs.templates.mkdir(parents=True)
    (kumppani_dirs.templates / "vihamielinen.toml").write_text(
        tomli_w.dumps(document), encoding="utf-8"
    )
    session = Session(title="Osapuolet", date=dt.date(2026, 3, 12))
    session.participants = [Participant(name="N", party="[/]ryhmä")]
    path = saved(folder, session)
    app = make_app(Config(), folder, language="fi")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("n")  # a new session: the template chooser
        await settle(pilot)
        assert isinstance(app.screen, SetupScreen)
        chooser = app.screen.query_one("#field-template", Select)
        ids = [template.id for template in app.screen.templates]
        chooser.value = ids.index("vihamielinen")
        await settle(pilot)
        assert "[/] Pohja [bold]B[/]" in screen_text(app)
        assert_no_controls(app)
        await pilot.press("escape")
        await settle(pilot)
        app.open_session(path)
        await settle(pilot)
        await pilot.press("ctrl+g")  # the details: the roster's party chooser
        await settle(pilot)
        assert isinstance(app.screen, SetupScreen)
        await show_roster(app, pilot)
        assert "[/]ryhmä" in screen_text(app)


def test_the_line_filter_drops_controls_and_keeps_the_layout() -> None:
    style = Style(bold=True)
    segments = [Segment("a\x1b[2Jb\x00", style), Segment("\u202e"), Segment("漢\u200fz")]
    filtered = ControlFilter().apply(segments, Color(0, 0, 0))
    assert [segment.text for segment in filtered] == ["a[2Jb", "漢\u200fz"]
    assert filtered[0].style == style
    assert sum(s.cell_length for s in filtered) == sum(s.cell_length for s in segments)
    clean = [Segment("plain text"), Segment("ä ö å 漢字")]
    assert ControlFilter().apply(clean, Color(0, 0, 0)) is clean


async def test_a_pasted_paragraph_becomes_one_note_with_each_line_once(folder: Path) -> None:
    path = saved(folder, Session(title="Liitos", date=dt.date(2026, 3, 12)))
    app = make_app(Config(), folder, language="fi", open_file=path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = step_screen(app)
        screen.query_one(CaptureLine).post_message(events.Paste("eka rivi\n\n  toka\r\nkolmas"))
        await pilot.pause()
        await pilot.press("enter")
        await settle(pilot)
        notes = screen.editor.step(screen.step_key).notes
        assert [note.text for note in notes] == ["eka rivi toka kolmas"]


async def test_the_follow_up_views_show_hostile_text_literally(folder: Path) -> None:
    """The actions tracker, the series timeline and the indicators over time."""
    text = " ".join(KINDS.values())
    texts = tagged(dict.fromkeys(TAGS, text))
    saved(folder, hostile_session(texts))
    app = make_app(Config(), folder, language="fi")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for key, field, screen_name in (
            ("a", "action", "TrackerScreen"),
            ("t", "title", "TimelineScreen"),
            ("i", "indicator", "IndicatorsScreen"),  # from the timeline
        ):
            await pilot.press(key)
            await settle(pilot)
            assert type(app.screen).__name__ == screen_name
            assert_no_controls(app)
            shown = squash(screen_text(app))
            assert squash(one_line(texts[field])[:30]) in shown, screen_name
            if key == "a":
                await pilot.press("escape")
                await settle(pilot)
