"""Provides the app base that handles typed keys one after another, as they were typed.

Textual hands a key to the focused widget's own message queue and goes on with the
next key at once. What a key does after that happens later, in other queues: Enter
in a field posts ``Input.Submitted``, which bubbles up to the form that moves the
focus; Tab bubbles up to the app's binding; Ctrl+S (a priority binding) is run by
the app before the focused field has read the letters typed just before it. So a
burst of keys, as a fast typist or a paste of keys sends them, raced: letters
typed right after Enter landed in the previous field, "name Enter name" in the
roster became one row, Ctrl+S saved a dialog without its last letters, keys typed
while a form opened were lost, and Ctrl+K right after the Enter that started a
round went to the closing dialog's field.

``KeyOrderApp`` handles a key (or a paste) only once everything the keys before it
set off is done: no message waits or is being handled in the app or in any widget
of the screen on top, no callback waits for the screen's next refresh, and no
search of the command palette runs. The palette searches in a worker, outside any
message queue: a letter starts a search of all the letters so far, and Enter picks
the first match the list shows. Handed on while the last search still ran, Enter
picked the first match of fewer letters, or nothing, so Ctrl+P "kierros" Enter
typed fast ran another command than the round's. When
all is quiet, as nearly always when a person types, the key is handled at once;
otherwise it is held, with any keys after it, and handed on in order as soon as
all is quiet. Nothing is dropped: a key held longer than ``MAX_HOLD`` seconds
(something that never settles) is handed on anyway.
"""

from __future__ import annotations

import asyncio
import time
from collections import deque
from collections.abc import Iterable
from typing import Any

from textual import events
from textual.app import App, ReturnType
from textual.command import CommandPalette
from textual.message import Message
from textual.message_pump import MessagePump

from kumppani.tui.typing_pace import input_seen

MAX_HOLD = 10.0
"""Seconds a typed key waits at most for the keys before it to settle."""
_POLL = 0.001
"""Seconds between looks at the queues while a key is held."""
KEY_WORK = frozenset({CommandPalette._GATHER_COMMANDS_GROUP})
"""Worker groups whose work a key sets off: the command palette's search of what was typed."""


def _waiting(pump: MessagePump) -> bool:
    """Whether ``pump`` has a message waiting in its queue (Textual keeps it private), other
    than a timer's tick (a cursor's blink, a clock: not set off by a key)."""
    if pump._pending_message is not None:
        return True
    waiting: Iterable[Message | None] = pump._message_queue.values
    return any(not isinstance(message, events.Timer) for message in waiting)


class KeyOrderApp(App[ReturnType]):
    """An App that handles typed keys and pastes strictly one after another."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._held: deque[events.Event] = deque()
        """Typed keys and pastes waiting for the ones before them to settle."""
        self._handing_on: set[int] = set()
        """The ids of held events posted again, to be handled now."""
        self._feeder: asyncio.Task[None] | None = None

    def _running_screen(self) -> bool:
        """Whether a screen is there to take keys (none once the app has ended)."""
        try:
            return bool(self._screen_stack)
        except Exception:
            return False

    def _pumps(self) -> list[MessagePump]:
        """The app and the widgets of the screen on top, less those being closed."""
        try:
            nodes: list[MessagePump] = [self, *self.screen.walk_children(with_self=True)]
        except Exception:  # no screen yet, or the last one is gone
            nodes = [self]
        return [pump for pump in nodes if not (pump._closing or pump._closed)]

    def _key_work_running(self) -> bool:
        """Whether work a key set off runs in a worker of the screen on top (a palette search).

        A search superseded by a newer one (cancelled) no longer counts.
        """
        try:
            screen = self.screen
        except Exception:  # no screen yet, or the last one is gone
            return False
        return any(
            worker.node is screen
            and worker.group in KEY_WORK
            and not (worker.is_finished or worker.is_cancelled)
            for worker in self.workers
        )

    def _quiet(self) -> bool:
        """No message waits in any pump, no key's work runs in a worker, and no callback
        waits for the screen's next refresh."""
        if any(_waiting(pump) for pump in self._pumps()) or self._key_work_running():
            return False
        try:
            return not self.screen._callbacks
        except Exception:
            return True

    async def on_event(self, event: events.Event) -> None:
        typed = isinstance(event, (events.Key, events.Paste)) and not event.is_forwarded
        if typed:
            input_seen()  # a save running in its thread waits for this key (typing_pace)
        if not typed:
            await super().on_event(event)
            return
        if id(event) in self._handing_on:
            self._handing_on.discard(id(event))
            if self._running_screen():
                await super().on_event(event)
            return
        if not self._held and self._quiet():
            await super().on_event(event)
            return
        self._held.append(event)
        if self._feeder is None or self._feeder.done():
            self._feeder = asyncio.create_task(self._hand_on_held())

    async def typed_keys_handled(self) -> None:
        """Return once every key posted so far has been handled and all is quiet (tests).

        Keys still in the app's queue count too: they may yet be held.
        """
        while True:
            if self._feeder is not None and not self._feeder.done():
                await asyncio.wait({self._feeder}, timeout=MAX_HOLD)
            elif self._held:
                await asyncio.sleep(_POLL)
            else:
                await self._settled()
                if not self._held and (self._feeder is None or self._feeder.done()):
                    return

    async def _hand_on_held(self) -> None:
        """Post the held events back to the app one by one, each once all is quiet."""
        while self._held:
            await self._settled()
            event = self._held.popleft()
            self._handing_on.add(id(event))
            if not self.post_message(event):  # the app is closing
                self._handing_on.discard(id(event))
                self._held.clear()

    async def _settled(self) -> None:
        """Return once all is quiet, also after a turn of the event loop (a handler waiting
        inside, for a mount say, goes on then), or after ``MAX_HOLD`` seconds."""
        end = time.monotonic() + MAX_HOLD
        while time.monotonic() < end:
            if self._quiet():
                await asyncio.sleep(0)
                if self._quiet():
                    return
            await asyncio.sleep(_POLL)
