"""The summary's export never writes over a session or a stranger's file (issue 18).

Before: ``E`` in the summary wrote the minutes to any path typed, its own session
file included, which destroyed the session. It now asks ``minutes.target`` as the
command line does; ``e`` still replaces the session's own minutes beside it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.widgets import Input

from kumppani.editing.editor import SessionEditor
from kumppani.storage.files import save_session
from kumppani.text.i18n import Translator, t
from kumppani.tui.screens.summary import SummaryScreen


def notices(app: Any) -> str:
    return "\n".join(notice.message for notice in app._notifications)


async def export_to(app: Any, pilot: Any, target: Path) -> None:
    await pilot.press("E")
    app.screen.query_one("#export-path", Input).value = str(target)
    await pilot.press("enter")
    await app.workers.wait_for_complete()
    await pilot.pause()


async def test_export_as_refuses_the_sessions_own_file_and_another_session(
    host: Any, editor: SessionEditor, tmp_path: Path
) -> None:
    assert editor.path is not None
    save_session(editor.session, editor.path)
    own = editor.path.read_bytes()
    other = tmp_path / "toinen.md"  # a session under a minutes name
    other.write_bytes(own)
    app = host(lambda: SummaryScreen(editor, Translator("fi")))
    async with app.run_test(size=(80, 24)) as pilot:
        await export_to(app, pilot, editor.path)
        await export_to(app, pilot, tmp_path / "uusi.toml")
        await export_to(app, pilot, other)
        shown = notices(app)
    assert editor.path.read_bytes() == own and other.read_bytes() == own
    assert not (tmp_path / "uusi.toml").exists()
    assert shown.count(t("forms.summary.export_failed", "fi", reason="").strip()) == 3
    assert t("cli.export.same_file", "fi") in shown
    assert t("cli.export.toml_file", "fi") in shown


async def test_export_as_leaves_an_existing_file_alone(
    host: Any, editor: SessionEditor, tmp_path: Path
) -> None:
    own = tmp_path / "LUEMINUT.md"
    own.write_text("Oma teksti\n", "utf-8")
    app = host(lambda: SummaryScreen(editor, Translator("sv")))
    async with app.run_test(size=(80, 24)) as pilot:
        await export_to(app, pilot, own)
        shown = notices(app)
    assert own.read_text("utf-8") == "Oma teksti\n"
    assert t("forms.summary.exists", "sv") in shown


async def test_export_replaces_the_sessions_own_minutes(host: Any, editor: SessionEditor) -> None:
    assert editor.path is not None
    minutes = editor.path.with_suffix(".md")
    minutes.write_text("vanha muistio\n", "utf-8")
    app = host(lambda: SummaryScreen(editor, Translator("fi")))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("e")
        await app.workers.wait_for_complete()
        await pilot.pause()
    assert "Nuorisotyöllisyys Tampereella" in minutes.read_text("utf-8")
