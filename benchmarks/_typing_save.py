"""The save scenario of ``bench_typing.py``: typing while an autosave runs, and loop gaps.

Keys are timed to the frame that shows them (``LetterProbe``): from the key's
bytes being there for the terminal's input thread (``Terminal``: parsed by the
app's parser and posted by the driver, as in a real terminal) to the first
frame whose capture line holds the typed letter. Not ``_tui.key_to_frame``,
whose last frame waits for 50 ms without frames, longer than a 1,000-note
autosave lasts: it would take the save's own frames (the indicator) for the
key's.

The keys with and without a save are typed alike, in turns (issue 14): a
note is added (what makes the session unsaved), the capture line cleared and
the app left idle, then 40 ms later either an autosave starts and the keys
follow at once, while it runs, or the same number of keys is typed with no
save. Each key comes 40 ms after the frame of the one before, as a fast
typist's would (past Textual's frame limit). So the first key of each save
arrives while the save starts: whatever a save's start costs the event loop
(the worker, the fork, the indicator) is in the figure, as it would be for
a typist who does not stop.
"""

from __future__ import annotations

import asyncio
import itertools
import queue
import threading
import time
from pathlib import Path
from typing import Any

GAP = 0.04
"""Seconds between a key's frame and the next key (and before the first key of a round)."""


class Terminal:
    """The terminal's side: a thread that reads typed bytes and posts their keys, as
    Textual's input thread does (``LinuxDriver.run_input_thread``: the app's parser,
    then ``process_message``). A key is timed from the moment its bytes are there,
    so the wait of that thread for the interpreter lock is in the figure, as it is in
    a terminal (a save in another thread holds that lock while it serialises)."""

    def __init__(self, app: Any) -> None:
        from kumppani.tui.paste_guard import SafeParser

        self.app = app
        self.parser = SafeParser()
        self._bytes: queue.SimpleQueue[str | None] = queue.SimpleQueue()
        self._thread = threading.Thread(target=self._read, name="bench-terminal", daemon=True)
        self._thread.start()

    def type(self, text: str) -> None:
        """The bytes of ``text`` arrive now."""
        self._bytes.put(text)

    def _read(self) -> None:
        while (data := self._bytes.get()) is not None:
            for event in self.parser.feed(data):
                self.app._driver.process_message(event)

    def close(self) -> None:
        self._bytes.put(None)
        self._thread.join()


class LetterProbe:
    """Records, for every frame the app composes, when and what the capture line held."""

    def __init__(self, app: Any, capture: Any) -> None:
        self.app, self.capture = app, capture
        self.frames: list[tuple[float, str]] = []
        self._event = asyncio.Event()
        self.terminal = Terminal(app)
        display = app._display

        def recording_display(screen: Any, renderable: Any) -> None:
            display(screen, renderable)
            if renderable is not None:
                self.frames.append((time.perf_counter(), capture.value))
                self._event.set()

        app._display = recording_display

    async def letter_shown(self, key: str) -> float:
        """Seconds from typing ``key`` to the first frame whose capture line shows it."""
        expected = self.capture.value + key
        since = len(self.frames)
        start = time.perf_counter()
        self.terminal.type(key)
        deadline = start + 30
        while True:
            for moment, value in self.frames[since:]:
                if value == expected:
                    await asyncio.sleep(GAP)  # the next key as a fast typist types it
                    return moment - start
            since = len(self.frames)
            self._event.clear()
            if time.perf_counter() > deadline:
                raise RuntimeError(f"the key {key!r} never showed")
            await asyncio.wait_for(self._event.wait(), 30)


async def child_save(path: Path, count: int) -> dict[str, Any]:
    """Event-loop gaps and key latency while an autosave runs; the same for Ctrl+S."""
    from _tui import settle
    from bench_typing import LETTERS, _app, _open

    from kumppani.tui.widgets.step.capture_line import CaptureLine

    result: dict[str, Any] = {
        "idle_gap": [],
        "save_gap": [],
        "save_time": [],
        "ctrl_s_gap": [],
        "autosave_on_ui_thread": [],
        "ctrl_s_on_ui_thread": [],
        "idle_keys": [],
        "save_keys": [],
        "idle_first_keys": [],
        "save_first_keys": [],
    }
    app = _app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _open(app, pilot)
        editor, autosave = screen.editor, screen.autosave
        capture = screen.query_one(CaptureLine)
        probe = LetterProbe(app, capture)
        write = editor.write
        saving = ["autosave"]

        def recording_write(*args: Any, **options: Any) -> Any:
            # Every save ends in ``write`` (the bytes made in the thread or in a forked child).
            on_ui = threading.current_thread() is threading.main_thread()
            result[f"{saving[0]}_on_ui_thread"].append(on_ui)
            return write(*args, **options)

        editor.write = recording_write
        ticks: list[float] = []
        app.set_interval(0.005, lambda: ticks.append(time.perf_counter()), name="bench-ticker")

        def longest_gap(start: float, end: float) -> float:
            moments = [start, *(tick for tick in ticks if start <= tick <= end), end]
            return max(later - earlier for earlier, later in itertools.pairwise(moments))

        async def dirty() -> None:
            editor.add_note(screen.step_key, "tallennettava muutos")
            await settle(pilot)

        for _ in range(3):
            start = time.perf_counter()
            await asyncio.sleep(0.5)
            result["idle_gap"].append(longest_gap(start, time.perf_counter()))
        for _ in range(count):
            await dirty()
            start = time.perf_counter()
            autosave.start_save()
            while autosave.state == "saving":
                await asyncio.sleep(0.005)
            end = time.perf_counter()
            assert autosave.state == "saved", autosave.reason
            result["save_time"].append(end - start)
            result["save_gap"].append(longest_gap(start, end))
        for key in LETTERS[:3]:  # not timed: the first keys through the terminal's thread and
            await probe.letter_shown(key)  # parser load code, and would weigh on whichever
        capture.value = ""  # kind of round came first (a save's)
        await settle(pilot)
        for index in range(count):
            typed = 0
            for kind in ("save", "idle"):  # in turns, so that other load hits both alike
                await dirty()
                capture.value = ""
                await settle(pilot)
                await asyncio.sleep(GAP)
                keys: list[float] = []
                if kind == "save":
                    autosave.start_save()
                while (autosave.state == "saving") if kind == "save" else len(keys) < typed:
                    keys.append(await probe.letter_shown(LETTERS[(index + len(keys)) % 9]))
                typed = max(1, len(keys))
                result[f"{kind}_keys"].extend(keys)
                result[f"{kind}_first_keys"].extend(keys[:1])
        saving[0] = "ctrl_s"
        for _ in range(max(2, count // 3)):
            await dirty()
            start = time.perf_counter()
            await pilot.press("ctrl+s")
            while autosave.state == "saving":
                await asyncio.sleep(0.005)
            result["ctrl_s_gap"].append(longest_gap(start, time.perf_counter()))
        assert not editor.dirty
        probe.terminal.close()
    return result
