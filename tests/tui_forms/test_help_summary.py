"""The help screen lists the keys; the summary shows the minutes, ticks recipes and exports."""

from __future__ import annotations

from typing import Any

from textual.widgets import Checkbox, Input, Markdown, SelectionList

from kumppani.editing.editor import SessionEditor
from kumppani.session.template_sources import recipes
from kumppani.text.i18n import LANGUAGES, Translator
from kumppani.tui.screens.help import HelpScreen, help_markdown, key_display
from kumppani.tui.screens.summary import SummaryScreen


def shown_text(markdown: Markdown) -> str:
    return markdown.source


def test_keys_are_shown_the_way_people_type_them() -> None:
    assert key_display("ctrl+pagedown,f8") == "Ctrl+PgDn / F8"
    assert key_display("alt+up") == "Alt+↑"
    assert key_display("ctrl+s") == "Ctrl+S"
    assert key_display("q") == "q"


def test_every_language_has_help_with_every_key_table_filled() -> None:
    for language in LANGUAGES:
        text = help_markdown(language)
        assert "<!-- keys:" not in text
        for key in ("`Ctrl+S`", "`Alt+↑`", "`Space`", "`F3`", "`F4`", "`Esc`", "`e`", "`l`"):
            assert key in text, (language, key)


async def test_help_opens_scrolls_and_closes(host: Any) -> None:
    app = host(lambda: HelpScreen(Translator("fi")))
    async with app.run_test(size=(80, 24)) as pilot:
        source = shown_text(app.screen.query_one(Markdown))
        assert "Näppäin" in source and "Osapuoli" in source and "`Ctrl+S`" in source
        await pilot.press("pagedown")
        await pilot.press("escape")
    assert app.results == [None]


async def test_the_summary_shows_the_title_and_a_note(host: Any, editor: SessionEditor) -> None:
    app = host(lambda: SummaryScreen(editor, Translator("fi")))
    async with app.run_test(size=(80, 24)) as pilot:
        source = shown_text(app.screen.query_one(Markdown))
        assert "Nuorisotyöllisyys Tampereella" in source
        assert "Nuorten työllisyyspalvelut ovat hajallaan" in source
        assert "Matti Meikäläinen" in source
        await pilot.press("a")
        assert "Matti Meikäläinen" not in shown_text(app.screen.query_one(Markdown))
        await pilot.press("l")
        assert app.screen.minutes_language == "sv"
        await pilot.press("escape")
    assert app.results == [None]


async def test_ticking_recipes_updates_the_session(host: Any, editor: SessionEditor) -> None:
    seen: list[str] = []
    editor.subscribe(seen.append)
    app = host(lambda: SummaryScreen(editor, Translator("en")))
    async with app.run_test(size=(80, 24)) as pilot:
        checklist = app.screen.query_one(SelectionList)
        assert checklist.option_count == len(recipes()) == 8
        checklist.focus()
        await pilot.press("down", "space", "down", "down", "space")
        await pilot.pause()
        assert editor.session.recipes == [2, 4]
        assert seen == ["recipes", "recipes"]
        title = recipes()[3].title.get(editor.session.language)
        # The recipes are facilitation figures: shown once the appendix is ticked.
        assert title not in shown_text(app.screen.query_one(Markdown))
        app.screen.query_one("#appendix", Checkbox).focus()
        await pilot.press("space")
        await pilot.pause()
        assert title in shown_text(app.screen.query_one(Markdown))
        assert seen == ["recipes", "recipes"]  # the appendix is a view, not a change


async def test_export_writes_the_format_of_the_path_given(
    host: Any, editor: SessionEditor, tmp_path: Any
) -> None:
    target = tmp_path / "muistio.html"
    app = host(lambda: SummaryScreen(editor, Translator("fi")))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("E")
        app.screen.query_one("#export-path", Input).value = str(target)
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
    text = target.read_text("utf-8")
    assert text.startswith("<!DOCTYPE html>") and "Nuorisotyöllisyys Tampereella" in text


async def test_export_writes_the_minutes_beside_the_session_file(
    host: Any, editor: SessionEditor
) -> None:
    assert editor.path is not None
    app = host(lambda: SummaryScreen(editor, Translator("fi")))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("e")
        await app.workers.wait_for_complete()
        await pilot.pause()
    written = editor.path.with_suffix(".md")
    text = written.read_text("utf-8")
    assert "Nuorisotyöllisyys Tampereella" in text
    assert "Matti Meikäläinen" in text


async def test_export_asks_for_a_path_when_the_session_has_no_file(
    host: Any, editor: SessionEditor, tmp_path: Any
) -> None:
    editor.path = None
    target = tmp_path / "muistio.md"
    app = host(lambda: SummaryScreen(editor, Translator("en")))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("e")
        field = app.screen.query_one("#export-path", Input)
        assert field.has_focus
        field.value = str(target)
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not field.has_class("-shown")
    assert "Nuorisotyöllisyys Tampereella" in target.read_text("utf-8")
