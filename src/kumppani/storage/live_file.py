"""Provides the live-state file beside a session: ``.<name>.live``, for the projector.

Written by the facilitator's app whenever the step on screen, its timer or
its round changes (``publish``), read by ``kumppani present`` (``read_live``),
and removed when the session is closed (``remove_live``), so a session opened
and closed leaves its folder as it was. It is hidden (the library skips dot
files), replaced atomically (a reader sees the old or the new state, never
half), and not synced to disk: it says where a meeting is right now, and a
crash loses nothing the session file does not hold.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

from kumppani.errors import KumppaniError
from kumppani.fileformat.live_state import LiveState, dump_live, live_state_of, parse_live
from kumppani.session.model import Session
from kumppani.storage import platform
from kumppani.storage.files import TEMP_PREFIX, TEMP_SUFFIX, link_target

LIVE_SUFFIX = ".live"


def live_path(session_path: Path) -> Path:
    """The live-state file of a session: ``.<name>.live`` beside it (beside its target)."""
    target = link_target(session_path)
    return target.with_name(f".{target.name}{LIVE_SUFFIX}")


def publish(session_path: Path, session: Session) -> bool:
    """Write the live state of ``session`` beside its file; False if it could not be."""
    path = live_path(session_path)
    data = dump_live(live_state_of(session)).encode("utf-8")
    try:
        handle, name = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=TEMP_SUFFIX, dir=path.parent)
    except (OSError, ValueError):
        return False
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        with contextlib.suppress(OSError):  # readable by whoever may read the session
            mode = stat.S_IMODE(os.stat(link_target(session_path)).st_mode)
            platform.set_path_mode(Path(name), mode)
        platform.replace(Path(name), path)
    except OSError:
        with contextlib.suppress(OSError):
            os.remove(name)
        return False
    return True


def read_live(session_path: Path) -> LiveState | None:
    """The live state beside the session, or None when there is none (or none readable)."""
    try:
        text = live_path(session_path).read_text(encoding="utf-8")
        return parse_live(text)
    except (OSError, ValueError, KumppaniError):
        return None


def remove_live(session_path: Path) -> None:
    """Remove the live state (the session is closed); nothing if there is none."""
    with contextlib.suppress(OSError, ValueError):
        live_path(session_path).unlink()
