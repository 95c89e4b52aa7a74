"""Shared fixtures: every test runs with its own config, data, state and cache folders.

Hypothesis runs under a profile chosen by ``HYPOTHESIS_PROFILE``:

- ``ci`` (the default, so ``python -m pytest`` gives the same result on every run
  and every machine): derandomized, no example database, no deadline, a bounded
  number of examples, and a failing example printed as a blob to reproduce;
- ``dev``: random examples, twice as many, and the example database in
  ``.hypothesis/``: for hunting new cases locally (pin each case found with ``@example``);
- ``thorough``: like ``dev`` with ten times the examples, for a long run now and then.

A test that sets ``max_examples`` itself is one whose examples are expensive
(the whole app, or files on disk); the profile governs all the others.

The autouse fixture points ``KUMPPANI_CONFIG_DIR``, ``KUMPPANI_DATA_DIR``,
``KUMPPANI_STATE_DIR`` and ``KUMPPANI_CACHE_DIR`` at fresh temporary folders,
so no test reads the developer's settings or writes into the real home folder
(subprocesses inherit the same environment).
"""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, settings

from kumppani.settings import paths
from tests.support.dirs import KumppaniDirs
from tests.support.windows import kernel32, msvcrt, on_windows, sleeps  # noqa: F401 (fixtures)

CI_EXAMPLES = 50
"""The ``ci`` profile's examples per property: the same ones on every run, so a bounded few."""
DEV_EXAMPLES = 100
"""The ``dev`` profile's examples per property (Hypothesis' own default), new ones each run."""

settings.register_profile(
    "ci",
    derandomize=True,
    database=None,
    deadline=None,
    max_examples=CI_EXAMPLES,
    print_blob=True,
    # "Too slow" is judged by the clock, which a loaded machine would make flaky.
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("dev", deadline=None, max_examples=DEV_EXAMPLES, print_blob=True)
settings.register_profile(
    "thorough", deadline=None, max_examples=10 * DEV_EXAMPLES, print_blob=True
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


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
