"""Start-up stays light: the home screen shows without loading what only later screens need.

Issue 7 budgets start-up to the first frame of the home screen at 1.3x a bare
Textual app; the Markdown widget (markdown_it, and pygments behind it), the
help and summary screens, the forms, the step view (with TextArea, locks
and conflicts) and the follow-up views are loaded when first opened, not
before the first frame. A user notices this as the app appearing at once.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

SRC = Path(__file__).parent.parent.parent / "src"

NOT_AT_START = [
    "markdown_it",
    "pygments",
    "textual.widgets._markdown",
    "kumppani.tui.screens.help",
    "kumppani.tui.screens.summary",
    "kumppani.tui.screens.setup",
    # A session's step view and what editing needs: loaded when a session opens.
    "kumppani.tui.screens.step",
    "textual.widgets._text_area",
    "kumppani.locking",
    "kumppani.tui.lock_flow",
    "kumppani.tui.conflict_flow",
    # The follow-up views: loaded when first opened from home.
    "kumppani.tui.screens.tracker",
    "kumppani.tui.screens.timeline",
    "kumppani.tui.screens.followup",
    "kumppani.tui.screens.indicators",
]

CHILD = """
import asyncio, json, sys
from pathlib import Path
from kumppani.config import Config
from kumppani.tui.app import make_app
from kumppani.tui.screens.home import HomeScreen

async def main() -> str:
    app = make_app(Config(), Path(sys.argv[1]), language="fi")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        return type(app.screen).__name__

shown = asyncio.run(main())
print(json.dumps({"screen": shown, "modules": sorted(sys.modules)}))
"""


def test_the_home_screen_shows_without_markdown_help_or_forms(tmp_path: Path) -> None:
    home = tmp_path / "home"
    env = {
        **os.environ,
        "PYTHONPATH": str(SRC),
        "KUMPPANI_CONFIG_DIR": str(home / "config"),
        "KUMPPANI_DATA_DIR": str(home / "data"),
        "KUMPPANI_STATE_DIR": str(home / "state"),
        "KUMPPANI_CACHE_DIR": str(home / "cache"),
    }
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(tmp_path)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    found = json.loads(done.stdout.strip().splitlines()[-1])
    assert found["screen"] == "HomeScreen"
    loaded = [name for name in NOT_AT_START if name in found["modules"]]
    assert loaded == [], f"loaded before the home screen was shown: {loaded}"
