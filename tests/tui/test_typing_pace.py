"""A save made in its thread gives way to typing (issue 14: keys typed as a save starts waited).

The save's Python stops at its checkpoints while keys come, for at most a
second in all, and only the saving thread ever waits; a key or paste marks
the moment from the terminal's thread or the app, a moving mouse does not.
Timing is not asserted: a fake clock shows how long the save would wait.
"""

from __future__ import annotations

import sys
import threading
from typing import Any

import pytest

from kumppani.fileformat import pacing
from kumppani.tui import typing_pace
from kumppani.tui.paste_guard import SafeParser


class FakeClock:
    """``time`` for typing_pace: ``sleep`` moves the clock on and keeps what was slept."""

    def __init__(self) -> None:
        self.now = 100.0
        self.slept: list[float] = []

    def monotonic(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> FakeClock:
    fake = FakeClock()
    monkeypatch.setattr(typing_pace, "time", fake)
    monkeypatch.setattr(typing_pace, "_last_input", 0.0)
    return fake


def test_a_save_waits_at_a_checkpoint_until_the_keys_stop(clock: FakeClock) -> None:
    hook = typing_pace.giving_way()
    hook()  # nobody typing: no wait
    assert clock.slept == []
    typing_pace.input_seen()
    clock.now += 0.01
    hook()
    assert sum(clock.slept) == pytest.approx(typing_pace.QUIET_AFTER_INPUT - 0.01)


def test_a_key_held_down_holds_the_save_back_for_a_second_at_most(clock: FakeClock) -> None:
    hook = typing_pace.giving_way()
    real_sleep = clock.sleep

    def typing_on(seconds: float) -> None:  # a key repeats while the save waits
        real_sleep(seconds)
        typing_pace.input_seen()

    clock.sleep = typing_on  # type: ignore[method-assign]
    typing_pace.input_seen()
    hook()
    assert sum(clock.slept) == pytest.approx(typing_pace.MOST_WAITED)


def test_only_the_saving_thread_waits() -> None:
    called: list[str] = []
    inside = threading.Event()
    go_on = threading.Event()

    def save() -> None:
        with pacing.paced(lambda: called.append(threading.current_thread().name)):
            pacing.checkpoint()
            inside.set()
            go_on.wait(10)
            pacing.checkpoint()

    saver = threading.Thread(target=save, name="save")
    saver.start()
    assert inside.wait(10)
    pacing.checkpoint()  # the UI's thread, meanwhile: no hook here
    go_on.set()
    saver.join(10)
    assert called == ["save", "save"]


def test_the_switch_interval_is_short_only_while_saves_run() -> None:
    before = sys.getswitchinterval()
    with typing_pace.behind_typing():
        assert sys.getswitchinterval() == pytest.approx(typing_pace.SWITCH_INTERVAL)
        with typing_pace.behind_typing():  # a second save at once (Ctrl+S beside autosave)
            pass
        assert sys.getswitchinterval() == pytest.approx(typing_pace.SWITCH_INTERVAL)
    assert sys.getswitchinterval() == pytest.approx(before)


@pytest.mark.parametrize(
    ("data", "typing"),
    [
        ("a", True),
        ("\x1b[200~liitetty teksti\x1b[201~", True),
        ("\x1b[A", True),
        ("\x1b[<35;10;5M", False),  # the mouse moved
    ],
)
def test_the_terminals_bytes_mark_typing_but_not_a_moving_mouse(
    clock: FakeClock, data: str, typing: bool
) -> None:
    list(SafeParser().feed(data))
    assert (typing_pace._last_input == clock.now) is typing


async def test_a_key_in_the_app_marks_typing(clock: Any) -> None:
    from kumppani.tui.key_order import KeyOrderApp

    app: KeyOrderApp[None] = KeyOrderApp()
    async with app.run_test() as pilot:
        clock.now = 200.0
        await pilot.press("x")
        assert typing_pace._last_input == 200.0


def test_a_save_holding_the_editors_lock_never_waits(tmp_path: Any) -> None:
    """The last try of ``serialize`` holds the editor's lock, which a key's handler may
    need: waiting there for the keys to stop would hold the keys up instead."""
    from unittest.mock import patch

    from kumppani.editing.editor import SessionEditor
    from kumppani.session.model import Session
    from kumppani.storage.files import save_session

    path = tmp_path / "istunto.toml"
    save_session(Session(title="Nuorisotakuu"), path)
    editor = SessionEditor.open(path)
    waited: list[bool] = []

    def probe() -> None:
        got = editor.lock.acquire(timeout=0)
        waited.append(got)
        if got:
            editor.lock.release()

    def hook() -> None:  # is the editor's lock free here? (an RLock: another thread asks)
        free = threading.Thread(target=probe)
        free.start()
        free.join()

    with (
        pacing.paced(hook),
        patch("kumppani.editing.document.SERIALIZE_ATTEMPTS", 0),  # straight to the last try
    ):
        editor.serialize()
        pacing.checkpoint()  # (the hook is still there after it)
    assert waited == [True]  # called once, after serialize, with the lock free


def test_the_first_saves_warm_up_runs_behind_typing_too() -> None:
    """Preparing the first save of a 10,000-note session takes half a second of Python."""
    seen: list[tuple[float, bool]] = []

    def warm_up() -> None:
        seen.append((sys.getswitchinterval(), getattr(pacing._local, "hook", None) is not None))

    typing_pace.typed_first(warm_up)()
    assert seen == [(pytest.approx(typing_pace.SWITCH_INTERVAL), True)]
