"""Provides the secretariat's commands on a whole folder: list, search and actions.

They read the folder through the library scan (``kumppani.library``): parsed
in parallel the first time, from the index cache afterwards. A file that
fails to load is reported on standard error as one located line and skipped;
the command goes on. Registered in ``kumppani.cli.main`` through ``add_commands``
and ``HANDLERS``.
"""

from __future__ import annotations

import datetime as dt
import shlex
import sys
from collections.abc import Sequence
from pathlib import Path

from kumppani.cli.common import (
    CommandError,
    CommandFactory,
    Context,
    Handler,
    date_argument,
    describe,
    err,
    metavar,
    scan_options,
    shown_path,
    write_raw,
)
from kumppani.cli.values import Vocabulary, catalog_label
from kumppani.library import (
    ScanResult,
    SeriesIndex,
    SessionSummary,
    find_session,
    scan_folder,
)
from kumppani.library.query import SORTS, LibraryFilter, filter_summaries, sort_summaries
from kumppani.library.sync_copies import after_originals, copies_by_original
from kumppani.library.tracker import format_table
from kumppani.session.vocabulary import DEFAULT_PARTIES, STEP_KEYS, SessionStatus
from kumppani.text.i18n import LANGUAGES, t
from kumppani.text.safe import one_line

TITLE_WIDTH = 50
"""The widest a title gets in ``kumppani list`` before it is cut with …."""
SHOWN_STATUSES = (*(status.value for status in SessionStatus), "changed")
"""Every status a list shows: ``changed`` is approved minutes changed after approval."""


def add_commands(command: CommandFactory, language: str) -> None:
    """``list``, ``search`` and ``actions``."""
    from kumppani.library.tracker import DELIMITERS, FORMATS, STATUS_CHOICES

    lang = language
    listing = command("list", epilog=t("cli.list.epilog", lang))
    sorts = Vocabulary(SORTS, catalog_label("cli.sort"), lang)
    listing.add_argument(
        "--sort",
        type=sorts,
        metavar=metavar("sort", lang),
        default=None,
        help=t("cli.list.sort", lang),
    )
    listing.add_argument("--reverse", action="store_true", help=t("cli.list.reverse", lang))
    statuses = Vocabulary(
        [status.value for status in SessionStatus], catalog_label("session_status"), lang
    )
    listing.add_argument(
        "--status",
        action="append",
        type=statuses,
        metavar=metavar("status", lang),
        help=statuses.help(t("cli.list.status", lang)),
    )
    listing.add_argument("--party", metavar=metavar("party", lang), help=t("cli.list.party", lang))
    listing.add_argument(
        "--series", metavar=metavar("series", lang), help=t("cli.list.series", lang)
    )
    listing.add_argument("--text", metavar=metavar("text", lang), help=t("cli.list.text", lang))
    listing.add_argument(
        "--since",
        metavar=metavar("date", lang),
        type=date_argument(lang),
        help=t("cli.list.since", lang),
    )
    listing.add_argument(
        "--until",
        metavar=metavar("date", lang),
        type=date_argument(lang),
        help=t("cli.list.until", lang),
    )
    scan_options(listing, lang)

    search = command("search", epilog=t("cli.search.epilog", lang))
    search.add_argument("text", metavar=metavar("text", lang), help=t("cli.search.text", lang))
    steps = Vocabulary(STEP_KEYS, catalog_label("cli.step"), lang)
    search.add_argument(
        "--step",
        action="append",
        type=steps,
        metavar=metavar("step", lang),
        help=steps.help(t("cli.search.step", lang)),
    )
    scan_options(search, lang)

    actions = command("actions", epilog=t("cli.actions.epilog", lang))
    action_statuses = Vocabulary(
        STATUS_CHOICES, catalog_label("action_status", open="cli.value.open"), lang
    )
    actions.add_argument(
        "--status",
        action="append",
        type=action_statuses,
        metavar=metavar("status", lang),
        help=action_statuses.help(t("cli.actions.status", lang)),
    )
    actions.add_argument(
        "--party", metavar=metavar("party", lang), help=t("cli.actions.party", lang)
    )
    actions.add_argument(
        "--owner", metavar=metavar("owner", lang), help=t("cli.actions.owner", lang)
    )
    actions.add_argument("--overdue", action="store_true", help=t("cli.actions.overdue", lang))
    formats = Vocabulary(FORMATS, catalog_label("cli.format"), lang)
    actions.add_argument(
        "--format",
        type=formats,
        metavar=metavar("format", lang),
        default="table",
        help=t("cli.actions.format", lang),
    )
    actions.add_argument(
        "--delimiter",
        choices=DELIMITERS,
        default=",",
        metavar=metavar("delimiter", lang),  # the choices "{,,;}" read as noise
        help=t("cli.actions.delimiter", lang),
    )
    actions.add_argument("--bom", action="store_true", help=t("cli.actions.bom", lang))
    scan_options(actions, lang)


# ---------------------------------------------------------------------------
# Scanning


def _scan(context: Context) -> ScanResult:
    """The sessions of the folder; broken files reported on standard error, one line each."""
    folder = context.sessions_folder(create=False)
    args = context.args
    result = scan_folder(
        folder,
        cache=not getattr(args, "no_cache", False),
        recursive=getattr(args, "recursive", False),
    )
    for error in result.errors:
        err(describe(error, context.language))
    return result


def _file_cell(summary: SessionSummary, folder: Path) -> str:
    """The file as shown in a listing: its path under the scanned folder."""
    return _under(summary.path, folder)


def _under(path: Path, folder: Path) -> str:
    """``path`` as shown: under the scanned folder, else its name."""
    if path.parent == folder:
        return one_line(path.name)
    try:
        shown = path.relative_to(folder)
    except ValueError:
        shown = Path(path.name)
    return shown_path(shown)


def _party_aliases(context: Context) -> dict[str, str]:
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


def _parties_text(parties: Sequence[str], context: Context) -> str:
    order = list(dict.fromkeys([*context.config.parties, *DEFAULT_PARTIES]))
    ordered = sorted(
        set(parties), key=lambda key: (order.index(key) if key in order else len(order), key)
    )
    return ", ".join(context.config.party_label(key, context.language) for key in ordered)


def _wanted(summaries: list[SessionSummary], context: Context) -> LibraryFilter:
    """What ``kumppani list``'s options ask for; an unknown series is an error."""
    args = context.args
    if args.series and find_session(summaries, args.series) is None:
        raise CommandError(context.t("cli.list.no_series", series=one_line(args.series)))
    party = (args.party or "").strip().casefold()
    return LibraryFilter(
        text=args.text or "",
        since=args.since,
        until=args.until,
        series=args.series or "",
        party=_party_aliases(context).get(party, party),
        statuses=tuple(args.status or ()),
    )


def cmd_list(context: Context) -> int:
    """``kumppani list``: one line per session, newest first, sorted and filtered."""
    folder = context.sessions_folder(create=False)
    result = _scan(context)
    if not result.summaries:
        print(context.t("cli.list.empty", folder=shown_path(folder)), file=sys.stderr)
        return 0
    args = context.args
    found = filter_summaries(result.summaries, _wanted(result.summaries, context))
    series = SeriesIndex(result.summaries) if args.series else None
    found = sort_summaries(found, args.sort or "date", reverse=args.reverse, series=series)
    if not found:
        print(context.t("cli.list.no_match"), file=sys.stderr)
        return 0
    copies = copies_by_original(summary.path for summary in result.summaries)
    found = after_originals(found, copies)
    copy_of = {copy: original for original, listed in copies.items() for copy in listed}
    no_date = context.t("cli.list.no_date")
    statuses = {status: context.t(f"session_status.{status}") for status in SHOWN_STATUSES}
    parties: dict[tuple[str, ...], str] = {}
    rows = []
    for summary in found:
        if summary.parties not in parties:
            parties[summary.parties] = one_line(_parties_text(summary.parties, context))
        is_copy = summary.path in copy_of
        rows.append(
            [
                summary.date.isoformat() if summary.date else no_date,
                context.t("cli.list.sync_copy")
                if is_copy
                else one_line(statuses[summary.shown_status]),
                ("↳ " if is_copy else "") + one_line(summary.title, TITLE_WIDTH),
                parties[summary.parties],
                _file_cell(summary, folder),
            ]
        )
    sys.stdout.write(format_table(rows))
    for copy, original in copy_of.items():
        err(
            context.t(
                "cli.list.sync_copy_hint",
                copy=shlex.quote(_under(copy, folder)),
                original=shlex.quote(_under(original, folder)),
            )
        )
    return 0


# ---------------------------------------------------------------------------
# search


def cmd_search(context: Context) -> int:
    """``kumppani search TEXT``: ``file: step: matching line`` per hit."""
    from kumppani.library.search import search

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
        step = steps.get(hit.step) or one_line(hit.step)
        lines.append(f"{files[path]}: {step}: {one_line(hit.line)}\n")
    sys.stdout.write("".join(lines))
    if not hits:
        print(context.t("cli.search.none", text=one_line(query)), file=sys.stderr)
    return 0


# ---------------------------------------------------------------------------
# actions


def cmd_actions(context: Context) -> int:
    """``kumppani actions``: every action of the folder in its latest state, filtered."""
    from kumppani.library.tracker import (
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
    bodies = context.config.body_directory()
    rule = ActionFilter(
        statuses=frozenset(args.status or ()),
        party=args.party or "",
        owner=args.owner or "",
        overdue=args.overdue,
        today=today,
        party_aliases=_party_aliases(context),
        bodies=bodies,
    )
    items = filter_actions(track_actions(result.summaries, bodies), rule)
    if args.format == "csv":
        write_raw(render_csv(items, today, delimiter=args.delimiter, bom=args.bom))
        return 0
    if args.format == "md":
        sys.stdout.write(render_markdown(items, context.t, today))
        return 0
    if not items:
        print(context.t("cli.actions.none"), file=sys.stderr)
        return 0
    sys.stdout.write(render_table(items, context.t, today))
    return 0


HANDLERS: dict[str, Handler] = {
    "list": cmd_list,
    "search": cmd_search,
    "actions": cmd_actions,
}
