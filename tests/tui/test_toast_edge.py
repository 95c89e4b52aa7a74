"""No lone letter at the right edge beside a toast, or after it (issue 14).

At 80×24 a toast left two columns free at the right edge (the toast rack's
hidden scrollbar gutter): the screen below showed through there, the "u" of
"Tallennettu" or the "j" of the capture line's placeholder, itself cut bare at
the edge. The toast now reaches the edge and the placeholder ends in "…".
"""

from __future__ import annotations

from textual.widgets._toast import Toast

from kumppani.text.safe import truncate_words
from tests.support.examples import FIRST
from tests.support.tui import MakeApp, screen_text, settle

WORDS = "Muutokset palautettu, ja ne tallennetaan tiedostoon heti kun ehditään"


async def test_a_toast_reaches_the_edge_and_leaves_nothing_behind(app_for: MakeApp) -> None:
    app = app_for(FIRST)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        before = screen_text(app).splitlines()
        capture = next(line for line in before if "Kirjoita muistiinpano" in line)
        assert capture.rstrip().endswith("Kirjoita muistiinpano…")  # not "… j" at the edge
        app.notify(WORDS)
        await settle(pilot)
        await pilot.pause(0.1)
        toast = app.screen.query_one(Toast)
        assert toast.region.right == 80
        lines = screen_text(app).splitlines()
        # above the typing line, the status line and the key bar: what is typed stays in view
        assert toast.region.bottom <= 21 and "Kirjoita muistiinpano…" in lines[capture_row(before)]
        for row in range(toast.region.y, toast.region.bottom):
            assert lines[row][toast.region.x] == "▌"  # the toast's left edge
            assert lines[row][-2:] == "  ", lines[row]  # its padding: nothing from below
        app.clear_notifications()
        await settle(pilot)
        await pilot.pause(0.1)
        assert screen_text(app).splitlines() == before


def capture_row(lines: list[str]) -> int:
    return next(row for row, line in enumerate(lines) if "Kirjoita muistiinpano" in line)


def test_a_hint_is_cut_after_a_word() -> None:
    text = "Kirjoita muistiinpano ja paina Enter"
    assert truncate_words(text, 40) == text
    assert truncate_words(text, 24) == "Kirjoita muistiinpano…"  # not "… ja p…" nor "… j…"
    assert truncate_words(text, 25) == "Kirjoita muistiinpano ja…"
    assert truncate_words("Supercalifragilistic", 6) == "Super…"  # one word: cut inside it
    assert truncate_words(text, 0) == ""
