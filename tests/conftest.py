"""Shared fixtures: every test runs with its own config, data, state and cache folders.

The autouse fixture points ``KUMPPANI_CONFIG_DIR``, ``KUMPPANI_DATA_DIR``,
``KUMPPANI_STATE_DIR`` and ``KUMPPANI_CACHE_DIR`` at fresh temporary folders,
so no test reads the developer's settings or writes into the real home folder
(subprocesses inherit the same environment).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from kumppani.settings import paths
from windows_support import kernel32, msvcrt, on_windows, sleeps  # noqa: F401 (fixtures)


@dataclass(frozen=True)
class KumppaniDirs:
    """The folders a test's kumppani uses instead of the platform ones."""

    config: Path
    data: Path
    state: Path
    cache: Path

    @property
    def config_file(self) -> Path:
        """Where ``load_config()`` looks for ``config.toml``."""
        return self.config / paths.CONFIG_FILE_NAME

    @property
    def sessions(self) -> Path:
        """The default sessions folder (not created until something uses it)."""
        return self.data / paths.SESSIONS_FOLDER_NAME

    @property
    def templates(self) -> Path:
        """The user's templates folder (not created)."""
        return self.config / paths.TEMPLATES_FOLDER_NAME


@pytest.fixture(autouse=True)
def kumppani_dirs(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> KumppaniDirs:
    """Isolated platform folders for one test, set through the environment."""
    root = tmp_path_factory.mktemp("kumppani-home")
    dirs = KumppaniDirs(
        config=root / "config", data=root / "data", state=root / "state", cache=root / "cache"
    )
    monkeypatch.setenv(paths.CONFIG_DIR_ENV, str(dirs.config))
    monkeypatch.setenv(paths.DATA_DIR_ENV, str(dirs.data))
    monkeypatch.setenv(paths.STATE_DIR_ENV, str(dirs.state))
    monkeypatch.setenv(paths.CACHE_DIR_ENV, str(dirs.cache))
    return dirs
