"""Issue 13 through the CLI: status, approval with a digest, changed after approval, comments."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kumppani.fileformat.digest import ApprovalState, approval_state
from kumppani.session.vocabulary import SessionStatus
from kumppani.storage.files import load_session
from tests.support.cli import run
from tests.support.examples import EXAMPLES, FIRST, FOLLOWUP

NOTE = "Seudun työllisyysalue on vastannut TE-palveluista vuoden 2025 alusta"

COMMENTED = {
    "format = ": "# Käsin lisätty: tarkistettu sihteeristössä\n",
    "[session]\n": "# istunnon tiedot\n",
    'language = "fi"': None,  # a comment after the value, on its line
    "[[participants]]\n": "# osallistujat\n",
    "[steps.overall]\n": "# vaihe 1\n",
    "[[steps.overall.notes]]\n": "# tärkein huomio alla\n",
    "[end]\n": "# tiedoston loppu\n",
}


@pytest.fixture
def folder(tmp_path: Path, kumppani_dirs: object) -> Path:
    for name in (FIRST, FOLLOWUP):
        shutil.copy(EXAMPLES / name, tmp_path / name)
    return tmp_path


def with_comments(path: Path) -> list[str]:
    """Put seven comments and an unknown key in the file; return the comments."""
    text = path.read_text("utf-8")
    added = []
    for anchor, comment in COMMENTED.items():
        if comment is None:
            text = text.replace(anchor, anchor + "  # kieli valittu", 1)
            added.append("# kieli valittu")
            continue
        text = text.replace(anchor, comment + anchor, 1)
        added.append(comment.strip())
    text = text.replace('language = "fi"', 'oma_merkinta = "käsin"\nlanguage = "fi"', 1)
    path.write_text(text, "utf-8")
    return added


def test_status_held_is_recorded_with_its_time_and_approve_needs_it(
    capsys: pytest.CaptureFixture[str], folder: Path
) -> None:
    path = folder / FIRST
    code, _, _ = run(capsys, "status", str(path), "draft")
    assert code == 0 and load_session(path).status is SessionStatus.DRAFT
    code, _, err = run(capsys, "approve", str(path), "--by", "Sihteeri")
    assert code == 1 and "kumppani status" in err  # a draft is not approved
    code, out, _ = run(capsys, "status", str(path), "held")
    assert code == 0 and "Pidetty" in out
    printed = run(capsys, "review", "--print", str(path))[1]  # the official minutes:
    assert "**Tila:**" not in printed and "Muistion on hyväksynyt" not in printed  # no status
    session = load_session(path)
    assert session.status is SessionStatus.HELD
    assert [entry.status for entry in session.status_history] == [
        SessionStatus.DRAFT,
        SessionStatus.HELD,
    ]
    code, _, _ = run(capsys, "approve", str(path), "--by", "Sihteeri")
    assert code == 0
    approved = load_session(path)
    assert approval_state(approved) is ApprovalState.APPROVED
    assert approved.status_history[-1].status is SessionStatus.APPROVED


def test_a_hand_edit_after_approval_is_reported_everywhere(
    capsys: pytest.CaptureFixture[str], folder: Path
) -> None:
    path = folder / FIRST
    assert run(capsys, "approve", str(path), "--by", "Sihteeri Salo")[0] == 0
    assert run(capsys, "validate", str(path))[0] == 0
    text = path.read_text("utf-8")
    path.write_text(text.replace(NOTE, NOTE + " (korjattu käsin)", 1), "utf-8")

    code, out, _ = run(capsys, "validate", str(folder))
    lines = out.strip().splitlines()
    assert code == 1 and len(lines) == 1
    assert FIRST in lines[0] and "Sihteeri Salo" in lines[0] and "hyväksynnän jälkeen" in lines[0]

    code, out, _ = run(capsys, "--dir", str(folder), "list")
    assert code == 0
    row = next(line for line in out.splitlines() if FIRST in line)
    assert "Muutettu hyväksynnän jälkeen" in row

    code, out, _ = run(capsys, "review", "--print", str(path))
    assert code == 0 and "ei ole hyväksytty" in out
    assert "Muistio hyväksytty" not in out and "Muistion on hyväksynyt" not in out

    code, out, _ = run(capsys, "export", str(path))
    assert code == 0 and "ei ole hyväksytty" in out.rstrip().rsplit("\n\n", 1)[-1]
    assert "Muistion on hyväksynyt" not in out


def test_an_approval_without_a_digest_gets_a_warning_not_an_error(
    capsys: pytest.CaptureFixture[str], folder: Path
) -> None:
    path = folder / FOLLOWUP
    text = path.read_text("utf-8")
    digest = next(line for line in text.splitlines() if line.startswith("digest = "))
    path.write_text(text.replace(digest + "\n", ""), "utf-8")
    code, out, _ = run(capsys, "validate", str(path))
    assert code == 0 and "varoitus" in out and "Erityisasiantuntija" in out


def test_approve_keeps_every_comment_and_unknown_key_in_place(
    capsys: pytest.CaptureFixture[str], folder: Path
) -> None:
    path = folder / FIRST
    comments = with_comments(path)
    before = path.read_text("utf-8").splitlines()
    assert run(capsys, "approve", str(path), "--by", "Sihteeri")[0] == 0
    after = path.read_text("utf-8").splitlines()
    assert [line for line in after if "#" in line] == [line for line in before if "#" in line]
    assert all(any(comment in line for line in after) for comment in comments)
    assert after.index('oma_merkinta = "käsin"') == before.index('oma_merkinta = "käsin"')
    assert approval_state(load_session(path)) is ApprovalState.APPROVED
    assert run(capsys, "validate", str(path))[0] == 0


def test_validate_names_comments_a_save_could_not_keep(
    capsys: pytest.CaptureFixture[str], folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kumppani.fileformat.layout import LayoutError
    from kumppani.storage import files

    path = folder / FIRST
    with_comments(path)
    assert run(capsys, "validate", str(path)) == (0, "", "")  # they can be kept: nothing to say

    def cannot(document: object, layout: str) -> str:
        raise LayoutError("no")

    monkeypatch.setattr(files, "layout_dump", cannot)
    code, out, _ = run(capsys, "validate", str(path))
    assert code == 0 and FIRST in out and "# istunnon tiedot" in out and "varoitus" in out
