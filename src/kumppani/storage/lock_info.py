"""Provides what a lock file says: who holds the session, on which host, since when.

A lock file is a small TOML file a person can read (``locks`` writes and reads it).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import tomli_w

from kumppani.toml import read as tomlread

_COMMENT = (
    "# kumppani: this session is open for editing by the program below.\n"
    "# kumppani removes this file when the session is closed.\n"
)


@dataclass(frozen=True)
class LockInfo:
    """What a lock file records about its holder."""

    user: str
    host: str
    pid: int
    since: datetime
    start_ticks: int | None = None
    """The process start time in clock ticks after boot (Linux /proc/<pid>/stat field 22)."""
    boot_id: str | None = None
    """The host's boot (Linux), so a lock from before a restart is known to be stale."""
    started: datetime | None = None
    """When the holder process started (for people; ``start_ticks`` is what is compared)."""

    def to_toml(self) -> str:
        """The lock file's text."""
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
        return _COMMENT + tomli_w.dumps(table)

    @classmethod
    def from_toml(cls, text: str) -> LockInfo:
        """Read a lock file's text; ValueError if it is not one."""
        try:
            table = tomlread.loads(text)
        except tomlread.TOMLDecodeError as error:
            raise ValueError(str(error)) from None
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
