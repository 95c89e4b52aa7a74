"""Snapshots of every dialog that is not a form, at the design size 80x24 and at 60x20.

Each dialog is pushed over the home screen with fixed, made-up contents (times as
local wall-clock times, so the pictures are the same in every time zone). The
forms and the step view's own dialogs are in ``test_forms_snapshots`` and
``test_small_screens``. Update with ``--snapshot-update`` only after looking at
the SVGs: at 60x20 every button must still be on screen or reachable by scrolling.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.screen import Screen

from kumppani.errors import Message
from kumppani.session.merge import Conflict
from kumppani.storage.conflicts import ConflictError
from kumppani.storage.lock_holder import LockState
from kumppani.storage.locks import LockStatus
from kumppani.storage.recovery import RecoveryOffer
from kumppani.text.i18n import Translator
from kumppani.tui.dialogs.approve import ApproveDialog, EditApprovedDialog
from kumppani.tui.dialogs.confirm import ConfirmDialog
from kumppani.tui.dialogs.conflict_dialog import ConflictDialog, DiffScreen
from kumppani.tui.dialogs.error import ErrorDialog
from kumppani.tui.dialogs.followup_date import FollowupDateDialog
from kumppani.tui.dialogs.lock_dialog import LockDialog
from kumppani.tui.dialogs.merge_conflicts import MergeConflictDialog
from kumppani.tui.dialogs.recovery_dialog import RecoveryDialog
from tests.support.examples import FIRST
from tests.support.tui import MakeApp, settle

LIVE = [pytest.param((80, 24), id="80x24"), pytest.param((60, 20), id="60x20")]
FILE = Path("sessions") / FIRST
MOMENT = dt.datetime(2026, 3, 12, 10, 30).astimezone()
"""10:30 on the local clock, whatever the time zone: the dialogs show local times."""

Dialog = Callable[[Translator], Screen[Any]]


def confirm(t: Translator) -> Screen[Any]:
    return ConfirmDialog(
        t("home.delete_title"), t("home.delete_body", name=FIRST, trash=".roskakori"), "Kyllä", "Ei"
    )


def error(t: Translator) -> Screen[Any]:
    detail = "\n".join(f"rivi {n}: odotettiin arvoa" for n in range(1, 30))
    return ErrorDialog("Istuntoa ei voi avata", f"{FILE}: rivi 12", detail, "OK")


def approve(t: Translator) -> Screen[Any]:
    texts = {
        "placeholder": t("approval.by_placeholder"),
        "approve": t("approval.button"),
        "cancel": t("dialog.cancel"),
        "empty": t("approval.empty_by"),
    }
    prompt = t("approval.prompt", when="2026-03-12 10:30")
    return ApproveDialog(t("approval.title"), prompt, "Aino Fasilitaattori", texts)


def edit_approved(t: Translator) -> Screen[Any]:
    texts = {"edit": t("approval.edit_anyway"), "review": t("keys.review"), "cancel": "Peruuta"}
    body = t("approval.edit_body", by="Aino Fasilitaattori", at="2026-03-12 10:30")
    return EditApprovedDialog(t("approval.edit_title"), body, texts)


def followup_date(t: Translator) -> Screen[Any]:
    keys = ("title", "prompt", "create", "bad_date")
    texts = {key: t(f"followup.date_{key}") for key in keys} | {"cancel": t("dialog.cancel")}
    return FollowupDateDialog(dt.date(2026, 9, 17), texts)


def lock(t: Translator) -> Screen[Any]:
    return LockDialog(t, LockStatus(FILE, LockState.UNREADABLE, None))


def conflict(t: Translator) -> Screen[Any]:
    return ConflictDialog(t, ConflictError(FILE, "changed outside"))


def diff(t: Translator) -> Screen[Any]:
    lines = [f"-vanha rivi {n}\n+uusi rivi {n}\n" for n in range(1, 20)]
    return DiffScreen(t, "--- tallennettu\n+++ tämä ikkuna\n@@ -1,19 +1,19 @@\n" + "".join(lines))


def merge_conflicts(t: Translator) -> Screen[Any]:
    conflicts = [
        Conflict("session.title", "Nuorisotyöllisyys", "Nuorten työllisyys", "Nuoret"),
        Conflict("session.venue", "Tampere-talo", "Raatihuone"),
    ]
    return MergeConflictDialog(t, conflicts)


def recovery(t: Translator) -> Screen[Any]:
    offer = RecoveryOffer(
        path=FILE,
        journal=FILE.with_suffix(".journal"),
        journal_time=MOMENT,
        journal_size=12_345,
        edits=17,
        file_time=MOMENT - dt.timedelta(minutes=20),
        file_size=9_876,
        base_differs=True,
        session=None,
        problem=Message("problem.journal_only_changes", file=FILE.name),
        drafts={"note": {"text": "kesken"}},
    )
    return RecoveryDialog(offer, t)


DIALOGS: dict[str, Dialog] = {
    "confirm": confirm,
    "error": error,
    "approve": approve,
    "edit_approved": edit_approved,
    "followup_date": followup_date,
    "lock": lock,
    "conflict": conflict,
    "diff": diff,
    "merge_conflicts": merge_conflicts,
    "recovery": recovery,
}


def over_home(dialog: Dialog) -> Callable[[Pilot[Any]], Any]:
    async def run_before(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        app = pilot.app
        await app.push_screen(dialog(app.translate))  # type: ignore[attr-defined]
        await settle(pilot)

    return run_before


@pytest.mark.parametrize("size", LIVE)
@pytest.mark.parametrize("name", list(DIALOGS))
def test_dialog(snap_compare: Any, snapshot_app: MakeApp, name: str, size: Any) -> None:
    assert snap_compare(snapshot_app(), terminal_size=size, run_before=over_home(DIALOGS[name]))
