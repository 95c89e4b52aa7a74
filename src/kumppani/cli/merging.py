"""Provides ``kumppani merge`` and ``kumppani merge-driver``: sessions merged by meaning.

``merge MINE THEIRS [--base BASE] [-o OUT]`` writes the merge of two versions
of one session (by default over MINE) and exits with 0 when it is clean and 1
when conflicts were recorded in the file. ``merge-driver %O %A %B %P`` is the
same for git's merge drivers: the result goes to %A, and the exit status tells
git whether the merge was clean.

``merge`` writes a session file that a running app may have open, so it holds the
file's edit lock for the write and refuses while someone else holds it, unless
``--force`` (``cli.writing``), as ``approve`` and ``status`` do. ``merge-driver``
takes no lock: it writes only %A, a temporary file git made for the merge; git itself
then writes the result into the working tree (and refuses to when the file there has
uncommitted changes).
"""

from __future__ import annotations

from pathlib import Path

from kumppani.cli.common import CommandFactory, Context, Handler, metavar, out, shown_path
from kumppani.cli.writing import editing
from kumppani.editing.merging import merge_files, merge_into, write_merge
from kumppani.session.merge import MergeResult
from kumppani.text.i18n import t


def add_commands(command: CommandFactory, language: str) -> None:
    """``merge`` and ``merge-driver``."""
    merge = command("merge", epilog=t("cli.merge.epilog", language))
    merge.add_argument(
        "mine", metavar=metavar("mine", language), type=Path, help=t("cli.merge.mine", language)
    )
    merge.add_argument(
        "theirs",
        metavar=metavar("theirs", language),
        type=Path,
        help=t("cli.merge.theirs", language),
    )
    merge.add_argument(
        "--base", metavar=metavar("base", language), type=Path, help=t("cli.merge.base", language)
    )
    merge.add_argument(
        "-o",
        "--output",
        metavar=metavar("out", language),
        type=Path,
        help=t("cli.merge.output", language),
    )
    merge.add_argument("--force", action="store_true", help=t("cli.merge.force", language))
    driver = command("merge-driver", epilog=t("cli.merge_driver.epilog", language))
    for name in ("ancestor", "current", "other"):
        driver.add_argument(
            name,
            metavar=metavar(name, language),
            type=Path,
            help=t(f"cli.merge_driver.{name}", language),
        )
    driver.add_argument(
        "pathname",
        nargs="?",
        default="",
        metavar=metavar("pathname", language),
        help=t("cli.merge_driver.path", language),
    )


def _report(context: Context, result: MergeResult, target: Path) -> int:
    for conflict in result.conflicts:
        out(context.t("cli.merge.conflict", file=shown_path(target), where=conflict.path))
    return 0 if result.clean else 1


def cmd_merge(context: Context) -> int:
    """``kumppani merge MINE THEIRS``: 0 when clean, 1 with conflicts kept in the file."""
    args = context.args
    target: Path = args.output or args.mine
    with editing(context, target):
        result, moved = merge_into(args.mine, args.theirs, args.base, target)
    if moved is not None:  # a sync client's conflict copy, now merged into its original
        out(context.t("cli.merge.copy_trashed", copy=shown_path(args.theirs), to=shown_path(moved)))
    return _report(context, result, target)


def cmd_merge_driver(context: Context) -> int:
    """``kumppani merge-driver %O %A %B %P``: the result over %A, as git expects.

    No edit lock: %A is git's temporary file, never the session file an app has open.
    """
    args = context.args
    result = merge_files(args.current, args.other, args.ancestor)
    write_merge(result, args.current)
    return _report(context, result, Path(args.pathname) if args.pathname else args.current)


HANDLERS: dict[str, Handler] = {"merge": cmd_merge, "merge-driver": cmd_merge_driver}
