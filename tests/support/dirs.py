"""The folders a test's kumppani uses (set up by the autouse fixture in ``tests/conftest.py``)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kumppani.session.vocabulary import USER_TEMPLATES_FOLDER
from kumppani.settings import paths


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
        return self.config / USER_TEMPLATES_FOLDER
