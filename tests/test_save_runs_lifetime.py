"""Saves in runs, paced behind typing (issue 14): what a run and a forked save must not keep.

- A save made apart (``storage.apart``) forks from the saving thread, which runs
  ``behind_typing``: the child inherits that thread's hook and would wait at its
  checkpoints for a keyboard it does not have, keeping the parent's pages shared
  (and copied on each write) the longer.
- A run keeps its block (``run.fragment``), whose ``_items`` keep the run: a
  cycle, so a run replaced by an edit is freed only by the cycle collector.
"""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from kumppani.fileformat import pacing
from kumppani.fileformat.runs import RUN, Run
from kumppani.session.model import Note, Session
from kumppani.storage import apart
from kumppani.storage.files import session_bytes


@pytest.mark.skipif(not apart.available(), reason="no fork here")
def test_a_forked_save_does_not_wait_for_the_parents_typing(tmp_path: Path) -> None:
    """The child has no keyboard: the saving thread's hook must not run in it."""
    ran: list[int] = []

    def make() -> bytes:  # in the child: does a checkpoint call the parent's hook?
        ran.clear()
        pacing.checkpoint()
        return b"hooked" if ran else b"free"

    with pacing.paced(lambda: ran.append(1)):
        child = apart.Apart(tmp_path / "s.toml", make)
        assert child.result() == b"free"


def test_a_run_replaced_by_an_edit_is_freed_without_the_cycle_collector() -> None:
    """Every edit must not leave a run of 64 tables and their read-back for the collector
    (the pause, and beside a fork the copied pages, that issue 14 avoids)."""
    session = Session(title="cycle")
    session.steps[0].notes = [Note(text=f"note {index}") for index in range(2 * RUN)]
    session_bytes(session, Path("cycle.toml"))
    gc.collect()
    gc.disable()
    try:
        before = sum(type(item) is Run for item in gc.get_objects())
        for turn in range(5):
            session.steps[0].notes[0].text = f"edited {turn}"
            session_bytes(session, Path("cycle.toml"))
        left = sum(type(item) is Run for item in gc.get_objects())
    finally:
        gc.enable()
    assert left == before, f"{left - before} replaced runs wait for the cycle collector"
