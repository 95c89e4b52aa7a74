"""Provides who holds a session lock, and whether that holder still runs.

A lock file records its holder (``LockInfo``): user, host, process id, since
when, and, where the platform tells (``storage.platform``), when the process
started and which boot of the host it ran in. ``state_of`` judges a holder from
this host:

* ``OURS``: this very process holds it (the session is opened again, e.g. after
  a change of language);
* ``LIVE``: another process on this host that is still running;
* ``STALE``: provably gone: same host and the process is dead (a zombie counts
  as dead), or a process with that id runs but started at another time (the id
  was reused), or the host was restarted since;
* ``FOREIGN``: another host: whether its process runs cannot be known here;
* ``UNREADABLE``: the lock file cannot be read (being written right now, or
  damaged; decided by ``storage.locks``, which reads the file).

A lock file lists every writer of the session: the first holder at the top, as
kumppani always wrote it (so older versions still read it and keep out), and
each co-writer who joined later in a ``[[co_writers]]`` table. ``state_of_all``
judges the file by its writers: ours if one of them is this process, else live,
foreign or stale in that order, so a lock is stale only when every writer is.
"""

from __future__ import annotations

import enum
import os
import socket
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

import tomli_w

from kumppani.storage import platform
from kumppani.toml import read as tomlread

_COMMENT = (
    "# kumppani: this session is open for editing by the program below.\n"
    "# kumppani removes this file when the session is closed.\n"
)
CO_WRITERS = "co_writers"
"""The lock file's array of the writers who joined the first one (co-writing)."""


class LockState(enum.StrEnum):
    """Whose a lock file is."""

    OURS = "ours"
    LIVE = "live"
    STALE = "stale"
    FOREIGN = "foreign"
    UNREADABLE = "unreadable"


@dataclass(frozen=True)
class LockInfo:
    """What a lock file records about its holder."""

    user: str
    host: str
    pid: int
    since: datetime
    start_ticks: int | None = None
    """When the holder process started, as ``platform.process_start_ticks`` gives it
    (Linux: clock ticks after boot; Windows: its creation time); compared only on its host."""
    boot_id: str | None = None
    """The host's boot (``platform.boot_id``), so a lock from before a restart is stale."""
    started: datetime | None = None
    """When the holder process started (for people; ``start_ticks`` is what is compared)."""

    def table(self) -> dict[str, object]:
        """The lock file's fields for this holder."""
        table: dict[str, object] = {
            "user": self.user,
            "host": self.host,
            "pid": self.pid,
            "since": self.since,
        }
        if self.started is not None:
            table["process_started"] = self.started
        if self.start_ticks is not None:
            table["process_start_ticks"] = self.start_ticks
        if self.boot_id is not None:
            table["boot_id"] = self.boot_id
        return table

    def to_toml(self) -> str:
        """The lock file's text (this holder alone)."""
        return writers_to_toml((self,))

    @classmethod
    def from_toml(cls, text: str) -> LockInfo:
        """Read a lock file's text: its first holder; ValueError if it is not one."""
        return writers_from_toml(text)[0]

    @classmethod
    def from_table(cls, table: dict[str, object]) -> LockInfo:
        """One holder's fields; ValueError if they are not a holder's."""
        user, host, pid, since = (table.get(key) for key in ("user", "host", "pid", "since"))
        if not isinstance(user, str) or not isinstance(host, str):
            raise ValueError("user and host must be text")
        if not isinstance(pid, int) or isinstance(pid, bool) or pid <= 0:
            raise ValueError("pid must be a positive number")
        if not isinstance(since, datetime):
            raise ValueError("since must be a date and time")
        ticks, boot, started = (
            table.get(key) for key in ("process_start_ticks", "boot_id", "process_started")
        )
        return cls(
            user,
            host,
            pid,
            since,
            ticks if isinstance(ticks, int) and not isinstance(ticks, bool) else None,
            boot if isinstance(boot, str) else None,
            started if isinstance(started, datetime) else None,
        )


def writers_to_toml(writers: Sequence[LockInfo]) -> str:
    """A lock file listing ``writers``: the first at the top (as older kumppani wrote and
    reads it), each co-writer in a ``[[co_writers]]`` table after it."""
    first, *others = writers
    table = first.table()
    if others:
        table[CO_WRITERS] = [other.table() for other in others]
    return _COMMENT + tomli_w.dumps(table)


def writers_from_toml(text: str) -> tuple[LockInfo, ...]:
    """Every writer a lock file lists, the first holder first; ValueError if it is not one.

    A lock file without ``[[co_writers]]`` (every one written before co-writing) has one.
    """
    try:
        table = tomlread.loads(text)
    except tomlread.TOMLDecodeError as error:
        raise ValueError(str(error)) from None
    others = table.get(CO_WRITERS, [])
    if not isinstance(others, list) or not all(isinstance(other, dict) for other in others):
        raise ValueError("co_writers must be tables")
    return (LockInfo.from_table(table), *(LockInfo.from_table(other) for other in others))


def host_name() -> str:
    """This machine's name as recorded in locks."""
    return socket.gethostname() or "?"


def current_info(now: datetime | None = None) -> LockInfo:
    """The lock this process would write."""
    pid = os.getpid()
    return LockInfo(
        user=platform.user_name(),
        host=host_name(),
        pid=pid,
        since=(now or datetime.now(UTC)).replace(microsecond=0),
        start_ticks=platform.process_start_ticks(pid),
        boot_id=platform.boot_id(),
        started=platform.process_started(pid),
    )


def state_of(info: LockInfo) -> LockState:
    """Whose the lock described by ``info`` is, judged from this host."""
    if info.host != host_name():
        return LockState.FOREIGN
    here = platform.boot_id()
    if info.boot_id is not None and here is not None and info.boot_id != here:
        return LockState.STALE  # the host restarted: its process is gone
    if not platform.pid_alive(info.pid):
        return LockState.STALE
    ticks = platform.process_start_ticks(info.pid)
    if info.start_ticks is not None and ticks is not None and ticks != info.start_ticks:
        return LockState.STALE  # the id now belongs to another process
    if info.pid == os.getpid() and (info.start_ticks is None or ticks == info.start_ticks):
        return LockState.OURS
    return LockState.LIVE


_PRECEDENCE = (LockState.OURS, LockState.LIVE, LockState.FOREIGN, LockState.STALE)


def state_of_all(writers: Sequence[LockInfo]) -> tuple[LockState, LockInfo]:
    """The state of a lock listing ``writers``, and the writer that decides it."""
    judged = [(state_of(info), info) for info in writers]
    for wanted in _PRECEDENCE:
        for state, info in judged:
            if state == wanted:
                return state, info
    return judged[0]  # unreachable: every writer has one of the states above


def live_writers(writers: Sequence[LockInfo]) -> list[LockInfo]:
    """The writers that are not provably gone (stale ones are dropped from the file)."""
    return [info for info in writers if state_of(info) != LockState.STALE]
