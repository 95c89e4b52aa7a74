"""Provides the secretariat's commands: list, search, actions, followup, review and approve.

``list``, ``search`` and ``actions`` read a folder through the library scan
(``kumppani.library``): parsed in parallel the first time, from the index
cache afterwards. A file that fails to load is reported on standard error as
one located line and skipped; the command goes on. ``review`` prints the
minutes of a session and writes nothing; ``approve`` marks the minutes
approved; ``followup`` creates the next session of a series.

``kumppani.cli`` builds the parser and calls ``add_list_options`` and
``add_commands``; the handlers get its ``_Context``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from kumppani import paths
from kumppani.cli import (
    CommandError,
    _Context,
    _date,
    _describe,
    _err,
    _field,
    _out,
    _shown_path,
)
from kumppani.errors import FileError
from kumppani.i18n import normalise_language, t
from kumppani.library import (
    ScanResult,
    SeriesIndex,
    SessionSummary,
    find_session,
    scan_folder,
)
from kumppani.model import Approval, Session, now
from kumppani.storage import read_session, save_session
from kumppani.textsafe import one_line, printable
from kumppani.tracker import format_table
from kumppani.vocabulary import DEFAULT_PARTIES, LANGUAGES, STEP_KEYS, SessionStatus

COMMANDS: tuple[str, ...] = ("search", "actions", "followup", "review", "approve")
TITLE_WIDTH = 50
"""The widest a title gets in ``kumppani list`` before it is cut with …."""
SORTS: tuple[str, ...] = ("date", "title", "status", "file", "modified")
STATUS_ORDER = {status.value: index for index, status in enumerate(SessionStatus)}

Command = Callable[..., argparse.ArgumentParser]


# ---------------------------------------------------------------------------
# Parser


def _scan_options(parser: argparse.ArgumentParser, language: str) -> None:
    parser.add_argument(
        "-r", "--recursive", action="store_true", help=t("cli.scan.recursive", language)
    )
    parser.add_argument("--no-cache", action="store_true", help=t("cli.scan.no_cache", language))


def add_list_options(parser: argparse.ArgumentParser, language: str) -> None:
    """The sorting and filtering options of ``list``."""
    lang = language
    parser.add_argument("--sort", choices=SORTS, default=None, help=t("cli.list.sort", lang))
    parser.add_argument("--reverse", action="store_true", help=t("cli.list.reverse", lang))
    parser.add_argument(
        "--status",
        action="append",
        choices=[status.value for status in SessionStatus],
        help=t("cli.list.status", lang),
    )
    parser.add_argument("--party", metavar="P", help=t("cli.list.party", lang))
    parser.add_argument("--series", metavar="ID_OR_FILE", help=t("cli.list.series", lang))
    parser.add_argument("--text", metavar="TEXT", help=t("cli.list.text", lang))
    parser.add_argument("--since", metavar="YYYY-MM-DD", type=_date, help=t("cli.list.since", lang))
    parser.add_argument("--until", metavar="YYYY-MM-DD", type=_date, help=t("cli.list.until", lang))
    _scan_options(parser, lang)


def add_commands(command: Command, language: str) -> None:
    """``search``, ``actions``, ``followup``, ``review`` and ``approve``."""
    from kumppani.tracker import FORMATS, STATUS_CHOICES

    lang = language
    search = command("search", epilog=t("cli.search.epilog", lang))
    search.add_argument("text", metavar="TEXT", help=t("cli.search.text", lang))
    search.add_argument(
        "--step", action="append", choices=STEP_KEYS, help=t("cli.search.step", lang)
    )
    _scan_options(search, lang)

    actions = command("actions", epilog=t("cli.actions.epilog", lang))
    actions.add_argument(
        "--status", action="append", choices=STATUS_CHOICES, help=t("cli.actions.status", lang)
    )
    actions.add_argument("--party", metavar="P", help=t("cli.actions.party", lang))
    actions.add_argument("--owner", metavar="O", help=t("cli.actions.owner", lang))
    actions.add_argument("--overdue", action="store_true", help=t("cli.actions.overdue", lang))
    actions.add_argument(
        "--format", choices=FORMATS, default="table", help=t("cli.actions.format", lang)
    )
    _scan_options(actions, lang)

    followup = command("followup", epilog=t("cli.followup.epilog", lang))
    followup.add_argument("file", metavar="PREV", type=Path, help=t("cli.followup.file", lang))
    followup.add_argument(
        "-o", "--output", metavar="FILE", type=Path, help=t("cli.followup.output", lang)
    )
    followup.add_argument(
        "--date", metavar="YYYY-MM-DD", type=_date, help=t("cli.followup.date", lang)
    )
    followup.add_argument("--title", metavar="T", help=t("cli.followup.title", lang))

    review = command("review", epilog=t("cli.review.epilog", lang))
    review.add_argument("file", metavar="FILE", type=Path, help=t("cli.review.file", lang))
    for action in review._actions:
        if action.dest == "lang":
            action.help = t("cli.export.lang", lang)

    approve = command("approve", epilog=t("cli.approve.epilog", lang))
    approve.add_argument("file", metavar="FILE", type=Path, help=t("cli.approve.file", lang))
    approve.add_argument("--by", metavar="NAME", required=True, help=t("cli.approve.by", lang))
    approve.add_argument("--force", action="store_true", help=t("cli.approve.force", lang))


# ---------------------------------------------------------------------------
# Scanning


def _scan(context: _Context) -> ScanResult:
    """The sessions of the folder; broken files reported on standard error, one line each."""
    folder = context.sessions_folder(create=False)
    args = context.args
    result = scan_folder(
        folder,
        cache=not getattr(args, "no_cache", False),
        recursive=getattr(args, "recursive", False),
    )
    for error in result.errors:
        _err(_describe(error))
    return result


def _file_cell(summary: SessionSummary, folder: Path) -> str:
    """The file as shown in a listing: its path under the scanned folder."""
    if summary.path.parent == folder:
        return one_line(summary.path.name, show_breaks=False)
    try:
        shown = summary.path.relative_to(folder)
    except ValueError:
        shown = Path(summary.path.name)
    return _shown_path(shown)


def _party_aliases(context: _Context) -> dict[str, str]:
    """Every label of every known party (case-folded), and its key, to the key."""
    keys = list(dict.fromkeys([*context.config.parties, *DEFAULT_PARTIES]))
    aliases: dict[str, str] = {}
    for key in keys:
        aliases[key.casefold()] = key
        for language in LANGUAGES:
            aliases.setdefault(context.config.party_label(key, language).casefold(), key)
    return aliases


# ---------------------------------------------------------------------------
# list


def _parties_text(parties: Sequence[str], context: _Context) -> str:
    order = list(dict.fromkeys([*context.config.parties, *DEFAULT_PARTIES]))
    ordered = sorted(
        set(parties), key=lambda key: (order.index(key) if key in order else len(order), key)
    )
    return ", ".join(context.config.party_label(key, context.language) for key in ordered)


def _newest_first(summary: SessionSummary) -> tuple[bool, int, int, str, str]:
    day = summary.date.toordinal() if summary.date else 0
    start = summary.start_time
    minute = start.hour * 60 + start.minute if start else 0
    return (summary.date is None, -day, -minute, summary.title.casefold(), summary.path.name)


def _sorted(
    summaries: list[SessionSummary], how: str, series: SeriesIndex | None
) -> list[SessionSummary]:
    if how == "date" and series is not None:
        return sorted(summaries, key=series.order)  # a series reads as a timeline
    if how == "title":
        return sorted(summaries, key=lambda item: (item.title.casefold(), item.path.name))
    if how == "status":
        return sorted(
            summaries, key=lambda item: (STATUS_ORDER.get(item.status, 99), _newest_first(item))
        )
    if how == "file":
        return sorted(summaries, key=lambda item: str(item.path))
    if how == "modified":
        oldest = dt.datetime.min.replace(tzinfo=dt.UTC)
        return sorted(summaries, key=lambda item: item.modified or oldest, reverse=True)
    return sorted(summaries, key=_newest_first)


def _text_matches(summary: SessionSummary, needle: str) -> bool:
    if needle in summary.title.casefold() or needle in summary.theme.casefold():
        return True
    if needle not in summary.text_blob.casefold():
        return False
    data = summary.text_data
    return any(needle in data[index].casefold() for index in range(2, len(data), 4))


def _filtered(
    summaries: list[SessionSummary], context: _Context, series: SeriesIndex | None
) -> list[SessionSummary]:
    args = context.args
    found = summaries
    if series is not None:
        wanted = find_session(summaries, args.series)
        if wanted is None:
            raise CommandError(context.t("cli.list.no_series", series=one_line(args.series)))
        members = series.members(wanted.id)
        found = [item for item in found if item.id in members]
    if args.status:
        found = [item for item in found if item.status.value in args.status]
    if args.party:
        wanted_party = args.party.strip().casefold()
        key = _party_aliases(context).get(wanted_party, wanted_party)
        found = [item for item in found if key in item.parties]
    if args.since:
        found = [item for item in found if item.date is not None and item.date >= args.since]
    if args.until:
        found = [item for item in found if item.date is not None and item.date <= args.until]
    if args.text and (needle := args.text.strip().casefold()):
        found = [item for item in found if _text_matches(item, needle)]
    return found


def cmd_list(context: _Context) -> int:
    """``kumppani list``: one line per session, newest first, sorted and filtered."""
    folder = context.sessions_folder(create=False)
    result = _scan(context)
    if not result.summaries:
        print(context.t("cli.list.empty", folder=_shown_path(folder)), file=sys.stderr)
        return 0
    args = context.args
    series = SeriesIndex(result.summaries) if args.series else None
    found = _filtered(result.summaries, context, series)
    found = _sorted(found, args.sort or "date", series)
    if args.reverse:
        found.reverse()
    if not found:
        print(context.t("cli.list.no_match"), file=sys.stderr)
        return 0
    no_date = context.t("cli.list.no_date")
    statuses = {status: context.t(f"session_status.{status}") for status in SessionStatus}
    parties: dict[tuple[str, ...], str] = {}
    rows = []
    for summary in found:
        if summary.parties not in parties:
            parties[summary.parties] = one_line(
                _parties_text(summary.parties, context), show_breaks=False
            )
        rows.append(
            [
                summary.date.isoformat() if summary.date else no_date,
                one_line(statuses[summary.status], show_breaks=False),
                one_line(summary.title, TITLE_WIDTH, show_breaks=False),
                parties[summary.parties],
                _file_cell(summary, folder),
            ]
        )
    sys.stdout.write(format_table(rows))
    return 0


# ---------------------------------------------------------------------------
# search


def cmd_search(context: _Context) -> int:
    """``kumppani search TEXT``: ``file: step: matching line`` per hit."""
    from kumppani.search import search

    args = context.args
    query: str = args.text
    if not query.strip():
        raise CommandError(context.t("cli.search.empty_query"))
    folder = context.sessions_folder(create=False)
    result = _scan(context)
    hits = search(result.summaries, query, steps=args.step or ())
    steps = {key: context.t(f"cli.step.{key}") for key in STEP_KEYS}
    files: dict[Path, str] = {}
    lines = []
    for hit in hits:
        path = hit.summary.path
        if path not in files:
            files[path] = _file_cell(hit.summary, folder)
        step = steps.get(hit.step) or one_line(hit.step, show_breaks=False)
        lines.append(f"{files[path]}: {step}: {one_line(hit.line, show_breaks=False)}\n")
    sys.stdout.write("".join(lines))
    if not hits:
        print(context.t("cli.search.none", text=one_line(query)), file=sys.stderr)
    return 0


# ---------------------------------------------------------------------------
# actions


def _write_raw(text: str) -> None:
    """Write ``text`` exactly (CSV's CRLF must not become CR CR LF on Windows)."""
    sys.stdout.flush()
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:
        sys.stdout.write(text)
        return
    buffer.write(text.encode(sys.stdout.encoding or "utf-8", errors="replace"))
    buffer.flush()


def cmd_actions(context: _Context) -> int:
    """``kumppani actions``: every action of the folder in its latest state, filtered."""
    from kumppani.tracker import (
        ActionFilter,
        filter_actions,
        render_csv,
        render_markdown,
        render_table,
        track_actions,
    )

    args = context.args
    result = _scan(context)
    today = dt.date.today()
    rule = ActionFilter(
        statuses=frozenset(args.status or ()),
        party=args.party or "",
        owner=args.owner or "",
        overdue=args.overdue,
        today=today,
        party_aliases=_party_aliases(context),
    )
    items = filter_actions(track_actions(result.summaries), rule)
    if args.format == "csv":
        _write_raw(render_csv(items, today))
        return 0
    if args.format == "md":
        sys.stdout.write(render_markdown(items, context.t, today))
        return 0
    if not items:
        print(context.t("cli.actions.none"), file=sys.stderr)
        return 0
    sys.stdout.write(render_table(items, context.t, today))
    return 0


# ---------------------------------------------------------------------------
# followup


def cmd_followup(context: _Context) -> int:
    """``kumppani followup PREV.toml``: the next session of the series; prints its path."""
    from kumppani.followup import create_followup

    args = context.args
    source: Path = args.file
    if not source.is_file():
        raise FileError(source, context.t("cli.file_missing"))
    given = _field(args.title)

    def title(first: Session) -> str:
        """The given title, else the series' first title and "follow-up" in its language."""
        if given:
            return given
        language = normalise_language(context.explicit_language or first.language)
        suffix = t("cli.followup.default_title", language, title="")
        base = _field(first.title) or context.t("cli.new.untitled")
        return (
            base if base.endswith(suffix) else t("cli.followup.default_title", language, title=base)
        )

    made = create_followup(
        source,
        title=title,
        day=args.date,
        output=args.output,
        exists_message=context.t("cli.new.exists"),
    )
    for problem in made.history.problems:
        _err(_describe(problem))
    _out(_shown_path(made.path))
    return 0


# ---------------------------------------------------------------------------
# review and approve


def cmd_review(context: _Context) -> int:
    """``kumppani review FILE``: the minutes on standard output; the file is only read."""
    from kumppani.minutes import render_minutes
    from kumppani.storage import load_session

    session = load_session(context.args.file)
    language = normalise_language(context.explicit_language or session.language)
    sys.stdout.write(printable(render_minutes(session, language, config_dir=paths.config_dir())))
    return 0


def cmd_approve(context: _Context) -> int:
    """``kumppani approve FILE --by NAME``: the minutes approved, saved atomically."""
    args = context.args
    path: Path = args.file
    by = _field(args.by)
    if not by:
        raise CommandError(context.t("cli.approve.empty_by"))
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
    _out(context.t("cli.approve.done", file=_shown_path(path), by=one_line(by)))
    return 0


HANDLERS: dict[str, Callable[[_Context], int]] = {
    "list": cmd_list,
    "search": cmd_search,
    "actions": cmd_actions,
    "followup": cmd_followup,
    "review": cmd_review,
    "approve": cmd_approve,
}
