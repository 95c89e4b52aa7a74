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
    "kumppani.tui.screens.step.screen",
    "textual.widgets._text_area",
    "kumppani.storage.locks",
    "kumppani.tui.flows.lock",
    "kumppani.tui.screens.step.conflict",
    # The follow-up views: loaded when first opened from home.
    "kumppani.tui.screens.tracker",
    "kumppani.tui.screens.timeline",
    "kumppani.tui.flows.followup",
    "kumppani.tui.screens.indicators",
    # The recovery scan (which loads the editor and the file format) runs after the frame.
    "kumppani.tui.flows.recovery",
    "kumppani.storage.recovery",
    "kumppani.editing.editor",
    # Home's list is a line-API table; dialogs and messages load when a key needs them.
    "textual.widgets._data_table",
    "kumppani.tui.widgets.tables.fitted_table",
    "kumppani.tui.messages",
    "kumppani.tui.dialogs.confirm",
    "kumppani.tui.dialogs.error",
]

CHILD = """
import asyncio, json, sys
from pathlib import Path
from textual.app import App
from kumppani.settings.config import Config
from kumppani.tui.app import make_app
from kumppani.tui.screens.home import HomeScreen

at_first_frame = []
display = App._display

def recording_display(self, screen, renderable):
    # The first frame of home that shows its list's heading, as benchmarks/bench_startup.py
    # waits for it.
    display(self, screen, renderable)
    if renderable is None or not isinstance(screen, HomeScreen) or at_first_frame:
        return
    text = "\\n".join(strip.text for strip in screen._compositor.render_strips())
    if "Otsikko" in text:
        at_first_frame.append(sorted(sys.modules))

App._display = recording_display

async def main() -> str:
    app = make_app(Config(), Path(sys.argv[1]), language="fi")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        return type(app.screen).__name__

shown = asyncio.run(main())
print(json.dumps({"screen": shown, "modules": at_first_frame[0]}))
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
    assert loaded == [], f"loaded before the first frame of home: {loaded}"
