"""Provides the secretariat's commands on one saved session: followup, review and approve.

``followup`` creates the next session of a series from the previous one,
``review`` prints the minutes of a session and writes nothing, and ``approve``
marks the minutes approved (refusing a file changed meanwhile). Registered in
``kumppani.cli.main`` through ``add_commands`` and ``HANDLERS``.
"""

from __future__ import annotations

import sys
from pathlib import Path

from kumppani.cli.common import (
    CommandError,
    CommandFactory,
    Context,
    Handler,
    describe,
    err,
    field,
    minutes_language_help,
    out,
    parse_date,
    shown_path,
)
from kumppani.cli.launch import run_tui
from kumppani.errors import FileError
from kumppani.session.model import Approval, Session, now
from kumppani.session.vocabulary import SessionStatus
from kumppani.settings import paths
from kumppani.storage.files import read_session, save_session
from kumppani.storage.write_guard import SessionLocked, edit_lock
from kumppani.text.i18n import normalise_language, t
from kumppani.text.safe import one_line, printable


def add_commands(command: CommandFactory, language: str) -> None:
    """``followup``, ``review`` and ``approve``."""
    lang = language
    followup = command("followup", epilog=t("cli.followup.epilog", lang))
    followup.add_argument("file", metavar="PREV", type=Path, help=t("cli.followup.file", lang))
    followup.add_argument(
        "-o", "--output", metavar="FILE", type=Path, help=t("cli.followup.output", lang)
    )
    followup.add_argument(
        "--date", metavar="YYYY-MM-DD", type=parse_date, help=t("cli.followup.date", lang)
    )
    followup.add_argument("--title", metavar="T", help=t("cli.followup.title", lang))

    review = command("review", epilog=t("cli.review.epilog", lang))
    review.add_argument("file", metavar="FILE", type=Path, help=t("cli.review.file", lang))
    minutes_language_help(review, lang)
    review.add_argument("--print", action="store_true", help=t("cli.review.print", lang))

    approve = command("approve", epilog=t("cli.approve.epilog", lang))
    approve.add_argument("file", metavar="FILE", type=Path, help=t("cli.approve.file", lang))
    approve.add_argument("--by", metavar="NAME", required=True, help=t("cli.approve.by", lang))
    approve.add_argument("--force", action="store_true", help=t("cli.approve.force", lang))


# ---------------------------------------------------------------------------
# followup


def cmd_followup(context: Context) -> int:
    """``kumppani followup PREV.toml``: the next session of the series; prints its path."""
    from kumppani.editing.followup_session import create_followup, default_title

    args = context.args
    source: Path = args.file
    if not source.is_file():
        raise FileError(source, context.t("cli.file_missing"))
    given = field(args.title)

    def title(first: Session) -> str:
        """The given title, else the series' first title and "follow-up" in its language."""
        return given or default_title(first, context.explicit_language)

    made = create_followup(
        source,
        title=title,
        day=args.date,
        output=args.output,
        exists_message=context.t("cli.new.exists"),
    )
    for problem in made.history.problems:
        err(describe(problem))
    out(shown_path(made.path))
    return 0


# ---------------------------------------------------------------------------
# review and approve


def _on_terminal() -> bool:
    """True when standard output (and input) is a terminal a person looks at."""
    try:
        return sys.stdout.isatty() and sys.stdin.isatty()
    except (AttributeError, ValueError):  # replaced or closed streams
        return False


def cmd_review(context: Context) -> int:
    """``kumppani review FILE``: review mode in the terminal interface, or the minutes printed.

    On a terminal the session opens read-only in the TUI; with ``--print``, or
    when the output goes to a file or a pipe, the minutes go to standard output.
    Either way the file is only read: no lock, no save.
    """
    from kumppani.minutes.document import render_minutes
    from kumppani.storage.files import load_session

    if not context.args.print and _on_terminal():
        return run_tui(context, context.args.file, review=True)
    session = load_session(context.args.file)
    language = normalise_language(context.explicit_language or session.language)
    sys.stdout.write(printable(render_minutes(session, language, config_dir=paths.config_dir())))
    return 0


def cmd_approve(context: Context) -> int:
    """``kumppani approve FILE --by NAME``: the minutes approved, saved atomically."""
    args = context.args
    path: Path = args.file
    by = field(args.by)
    if not by:
        raise CommandError(context.t("cli.approve.empty_by"))
    try:
        with edit_lock(path, force=args.force):
            _approve(context, path, by)
    except SessionLocked as locked:
        holder = locked.status.info
        raise FileError(
            path,
            context.t(
                "cli.locked",
                user=printable(holder.user) if holder else "?",
                host=printable(holder.host) if holder else "?",
                pid=holder.pid if holder else "?",
            ),
            expected=context.t("cli.locked_expected"),
        ) from None
    out(context.t("cli.approve.done", file=shown_path(path), by=one_line(by)))
    return 0


def _approve(context: Context, path: Path, by: str) -> None:
    """Approve the minutes in ``path`` (its edit lock held)."""
    args = context.args
    session, snapshot = read_session(path)
    if (
        session.approval is not None or session.status == SessionStatus.APPROVED
    ) and not args.force:
        earlier = session.approval
        raise FileError(
            path,
            context.t(
                "cli.approve.already",
                by=one_line(earlier.by, show_breaks=False) if earlier else "?",
                at=earlier.at.isoformat(timespec="minutes") if earlier else "?",
            ),
            expected=context.t("cli.approve.already_expected"),
        )
    session.approval = Approval(by=by, at=now())
    session.status = SessionStatus.APPROVED
    session.touch()
    info = path.stat()
    if (info.st_size, info.st_mtime_ns) != (snapshot.size, snapshot.mtime_ns):
        raise FileError(path, context.t("cli.approve.changed"))
    save_session(session, path)


HANDLERS: dict[str, Handler] = {
    "followup": cmd_followup,
    "review": cmd_review,
    "approve": cmd_approve,
}
