"""The core never imports Textual: the CLI, the exports and the tests stay fast and UI-free."""

from __future__ import annotations

import subprocess
import sys

CORE_MODULES = [
    "kumppani.session.model",
    "kumppani.fileformat",
    "kumppani.storage.files",
    "kumppani.text.i18n",
    "kumppani.session.vocabulary",
    "kumppani.errors",
]


def test_core_modules_do_not_load_textual() -> None:
    code = (
        "import importlib, sys\n"
        f"for name in {CORE_MODULES!r}:\n"
        "    importlib.import_module(name)\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
