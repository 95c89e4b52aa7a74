"""Provides the secretariat's commands on one saved session: followup, review, approve, status.

``followup`` creates the next session of a series from the previous one,
``review`` prints the minutes of a session and writes nothing, ``approve``
marks held minutes approved with the digest of their content (refusing a file
changed meanwhile), and ``status`` records where the session is (e.g. held).
Comments in the file are kept by both (``storage.files.save_session``). Registered in
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
    date_argument,
    describe,
    err,
    field,
    metavar,
    minutes_language_help,
    out,
    shown_path,
)
from kumppani.cli.launch import run_tui
from kumppani.cli.values import Vocabulary, catalog_label
from kumppani.cli.writing import editing
from kumppani.errors import FileError
from kumppani.session.model import Session
from kumppani.session.vocabulary import SessionStatus
from kumppani.storage.files import read_session, save_session
from kumppani.text.i18n import t
from kumppani.text.safe import one_line, printable
from kumppani.toml.source import file_problem


def add_commands(command: CommandFactory, language: str) -> None:
    """``followup``, ``review`` and ``approve``."""
    lang = language
    followup = command("followup", epilog=t("cli.followup.epilog", lang))
    followup.add_argument(
        "file", metavar=metavar("prev", lang), type=Path, help=t("cli.followup.file", lang)
    )
    followup.add_argument(
        "-o",
        "--output",
        metavar=metavar("file", lang),
        type=Path,
        help=t("cli.followup.output", lang),
    )
    followup.add_argument(
        "--date",
        metavar=metavar("date", lang),
        type=date_argument(lang),
        help=t("cli.followup.date", lang),
    )
    followup.add_argument(
        "--title", metavar=metavar("title", lang), help=t("cli.followup.title", lang)
    )

    review = command("review", epilog=t("cli.review.epilog", lang))
    review.add_argument(
        "file", metavar=metavar("file", lang), type=Path, help=t("cli.review.file", lang)
    )
    minutes_language_help(review, lang)
    review.add_argument("--print", action="store_true", help=t("cli.review.print", lang))

    approve = command("approve", epilog=t("cli.approve.epilog", lang))
    approve.add_argument(
        "file", metavar=metavar("file", lang), type=Path, help=t("cli.approve.file", lang)
    )
    approve.add_argument(
        "--by", metavar=metavar("name", lang), required=True, help=t("cli.approve.by", lang)
    )
    approve.add_argument("--force", action="store_true", help=t("cli.approve.force", lang))

    status = command("status", epilog=t("cli.status.epilog", lang))
    status.add_argument(
        "file", metavar=metavar("file", lang), type=Path, help=t("cli.status.file", lang)
    )
    statuses = Vocabulary(
        [item.value for item in SessionStatus if item != SessionStatus.APPROVED],
        catalog_label("session_status"),
        lang,
    )
    status.add_argument(
        "status",
        metavar=metavar("status", lang),
        type=statuses,
        help=statuses.help(t("cli.status.status", lang)),
    )
    status.add_argument("--force", action="store_true", help=t("cli.status.force", lang))


# ---------------------------------------------------------------------------
# followup


def cmd_followup(context: Context) -> int:
    """``kumppani followup PREV.toml``: the next session of the series; prints its path."""
    from kumppani.editing.followup_session import create_followup, default_title

    args = context.args
    source: Path = args.file
    unreadable = file_problem(source)
    if unreadable is not None:
        raise FileError(source, unreadable)
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
        err(describe(problem, context.language))
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
    from kumppani.minutes.export import export_minutes
    from kumppani.storage.files import load_session

    if not context.args.print and _on_terminal():
        return run_tui(context, context.args.file, review=True)
    session = load_session(context.args.file)
    sys.stdout.write(printable(export_minutes(session, context.explicit_language)))
    return 0


def cmd_approve(context: Context) -> int:
    """``kumppani approve FILE --by NAME``: held minutes approved with their digest, saved."""
    args = context.args
    path: Path = args.file
    by = field(args.by)
    if not by:
        raise CommandError(context.t("cli.approve.empty_by"))
    with editing(context, path):
        return _approve(context, path, by)


def _approve(context: Context, path: Path, by: str) -> int:
    """Approve the minutes in ``path`` (its edit lock held)."""
    from kumppani.editing.approval import ApprovalChanged, approve_file, is_approved
    from kumppani.fileformat.digest import ApprovalState, approval_state

    args = context.args
    session, snapshot = read_session(path)
    if is_approved(session) and not args.force:
        earlier = session.approval
        raise FileError(
            path,
            context.t(
                "cli.approve.already",
                by=one_line(earlier.by) if earlier else "?",
                at=earlier.at.isoformat(timespec="minutes") if earlier else "?",
            ),
            expected=context.t("cli.approve.already_expected"),
        )
    if session.status not in (SessionStatus.HELD, SessionStatus.APPROVED):
        status = context.t(f"session_status.{session.status.value}")
        raise FileError(
            path,
            context.t("cli.approve.not_held", status=status),
            expected=context.t("cli.approve.not_held_expected", file=shown_path(path)),
        )
    again = approval_state(session) == ApprovalState.CHANGED
    try:
        approve_file(path, session, snapshot, by)
    except ApprovalChanged:
        raise FileError(path, context.t("cli.approve.changed")) from None
    done = "cli.approve.done_again" if again else "cli.approve.done"
    out(context.t(done, file=shown_path(path), by=one_line(by)))
    return 0


def cmd_status(context: Context) -> int:
    """``kumppani status FILE held``: the session's status set and recorded with its time."""
    args = context.args
    path: Path = args.file
    wanted = SessionStatus(args.status)
    with editing(context, path):
        return _set_status(context, path, wanted)


def _set_status(context: Context, path: Path, wanted: SessionStatus) -> int:
    """Set the status of ``path`` (its edit lock held)."""
    from kumppani.editing.status import set_status
    from kumppani.session.model import now

    session, snapshot = read_session(path)
    label = context.t(f"session_status.{wanted.value}")
    if session.approval is not None:  # approved (or changed after): the approval goes first
        raise FileError(path, context.t("cli.status.approved"))
    if not set_status(session, wanted):
        out(context.t("cli.status.already", file=shown_path(path), status=label))
        return 0
    session.modified = now()
    info = path.stat()
    if (info.st_size, info.st_mtime_ns) != (snapshot.size, snapshot.mtime_ns):
        raise FileError(path, context.t("cli.approve.changed"))
    save_session(session, path)
    out(context.t("cli.status.done", file=shown_path(path), status=label))
    return 0


HANDLERS: dict[str, Handler] = {
    "followup": cmd_followup,
    "review": cmd_review,
    "approve": cmd_approve,
    "status": cmd_status,
}
