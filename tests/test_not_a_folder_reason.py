"""A file where a folder should be is said as that, not as an unplugged USB stick (issue 18).

Before: ENOTDIR mapped to the "vanished" reason, so a state folder path that is a
file made the status line say "the folder is gone (USB stick unplugged …)".
"""

from __future__ import annotations

import errno
import shutil
from pathlib import Path

import pytest

from kumppani.editing.editor import SessionEditor
from kumppani.editing.journaling import start_journal
from kumppani.errors import SaveError
from kumppani.storage import files as storage
from kumppani.storage.save_errors import describe_save_error, reason_key, where_safe
from kumppani.text.i18n import LANGUAGES, t
from tests.conftest import KumppaniDirs
from tests.support.examples import EXAMPLES, FIRST


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_file_in_place_of_a_folder_has_its_own_reason(tmp_path: Path, language: str) -> None:
    blocker = tmp_path / "sessions"
    blocker.write_text("not a folder", "utf-8")
    target = blocker / "round.toml"
    with pytest.raises(SaveError) as caught:
        storage.save_session(storage.load_session(EXAMPLES / FIRST), target)
    assert caught.value.errno == errno.ENOTDIR
    said = describe_save_error(caught.value, language)
    assert t("journal.reason.not_folder", language) in said
    assert t("journal.reason.vanished", language) not in said
    assert reason_key(errno.ENOTDIR) != reason_key(errno.ENOENT)


def test_a_state_folder_that_is_a_file_is_named_so_where_the_journal_went(
    tmp_path: Path, kumppani_dirs: KumppaniDirs
) -> None:
    kumppani_dirs.state.parent.mkdir(parents=True, exist_ok=True)
    kumppani_dirs.state.write_text("a file, not the state folder", "utf-8")
    folder = tmp_path / "sessions"
    folder.mkdir()
    path = folder / "round.toml"
    shutil.copy(EXAMPLES / FIRST, path)
    editor = SessionEditor.open(path)
    journal = start_journal(editor)
    editor.add_note("overall", "Tilakansio on tiedosto")
    journal.flush()
    assert journal.health == "aside"
    for language in LANGUAGES:
        safe = where_safe(journal, language)
        assert t("journal.reason.not_folder", language) in safe
        assert t("journal.reason.vanished", language) not in safe
    editor.save()
