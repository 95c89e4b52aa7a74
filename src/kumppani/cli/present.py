"""Provides ``kumppani present FILE``: the projector view of a live session, read-only.

Run it in a second terminal on the projector while the facilitator works in
the first: it shows the step they have open, its questions, the timer, who has
the floor and the latest notes, following the file as it autosaves. It never
writes the file and never takes its lock. Registered in ``kumppani.cli.main``
through ``add_commands`` and ``HANDLERS``; Textual loads only when it runs.
"""

from __future__ import annotations

from pathlib import Path

from kumppani.cli.common import CommandFactory, Context, Handler, metavar
from kumppani.errors import SessionFileError
from kumppani.storage.files import load_session
from kumppani.text.i18n import t
from kumppani.toml.source import file_problem


def add_commands(command: CommandFactory, language: str) -> None:
    """``present``."""
    present = command("present", epilog=t("cli.present.epilog", language))
    present.add_argument(
        "file", metavar=metavar("file", language), type=Path, help=t("cli.present.file", language)
    )


def cmd_present(context: Context) -> int:
    """``kumppani present FILE``: the projector view until the user quits (q)."""
    path: Path = context.args.file
    problem = file_problem(path)
    if problem is not None:
        raise SessionFileError(path, problem)
    load_session(path)  # a broken file is reported here, as one line, before the screen opens
    from kumppani.tui.projector.app import run_present

    return run_present(path, context.config, context.language)


HANDLERS: dict[str, Handler] = {"present": cmd_present}
