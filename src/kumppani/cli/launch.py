"""Starts the terminal interface from the command line, or says why it cannot."""

from __future__ import annotations

from pathlib import Path

from kumppani.cli.common import Context, err
from kumppani.errors import SessionFileError
from kumppani.storage.last_write import write_on_signals
from kumppani.toml.source import file_problem


def run_tui(context: Context, open_file: Path | None, *, review: bool = False) -> int:
    """Start the terminal interface; a clear message if it is not installed.

    With ``review`` the file opens in review mode (read-only; closing it quits).
    """
    folder: Path
    if open_file is not None:
        problem = file_problem(open_file)
        if problem is not None:
            raise SessionFileError(open_file, problem)
        given = getattr(context.args, "dir", None)
        folder = context.sessions_folder(create=False) if given else open_file.parent
    else:
        folder = context.sessions_folder(create=False)
    try:
        # Imported here, not at the top: Textual takes a noticeable part of a second to
        # import, which the file commands (and their tests) should not pay for.
        from kumppani.tui.app import run_app
    except ModuleNotFoundError as error:
        missing = error.name or ""
        if missing.startswith("kumppani.tui"):
            err(context.t("cli.tui.missing", module=missing))
            return 1
        if missing.split(".")[0] in ("textual", "rich"):
            err(context.t("cli.tui.textual_missing", module=missing))
            return 1
        raise
    write_on_signals()  # a closed terminal writes the journal before kumppani ends
    if review:
        return run_app(context.config, folder, language=context.language, review_file=open_file)
    return run_app(context.config, folder, language=context.language, open_file=open_file)
