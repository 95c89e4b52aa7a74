"""Provides what every command of ``kumppani`` shares: context, parser, output and errors.

A command module (``kumppani.cli.files``, ``kumppani.cli.library`` …) is a
module with two public names, which ``CommandModule`` describes:

- ``add_commands(command, language)`` adds its subcommands, each made with
  ``command(name, epilog=…)`` (which gives it its help line, the shared
  ``--dir``/``--lang``/``--config`` options and the catalog's words);
- ``HANDLERS``, a dict from each command name to a function that takes the
  ``Context`` and returns the exit status.

``kumppani.cli.main`` lists the command modules in one tuple. Everything a module
prints from a file goes through ``out`` after ``kumppani.text.safe`` (or through
``shown_path`` and ``describe``): a title or a file name must never act on the
terminal.
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import sys
import textwrap
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, NoReturn, Protocol, runtime_checkable

from kumppani import __version__
from kumppani.cli.encoding import encode
from kumppani.errors import FileError, KumppaniError, Message, SaveError, os_reason
from kumppani.settings import paths
from kumppani.settings.config import Config
from kumppani.text.dates import DateError, parse_date
from kumppani.text.i18n import LANGUAGES, normalise_language, t
from kumppani.text.safe import cell_width, one_line, pad, single_line

PROG = "kumppani"

# ---------------------------------------------------------------------------
# Output


def out(text: str = "") -> None:
    """Print a line of output; ``text`` must already be safe for the terminal."""
    print(text, file=sys.stdout)


def err(text: str) -> None:
    """Print a line about a problem to standard error, prefixed with ``kumppani:``."""
    print(f"{PROG}: {text}", file=sys.stderr)


def describe(error: KumppaniError, language: str) -> str:
    """The one-line description of an error in ``language``, safe for the terminal."""
    if isinstance(error, SaveError):
        # Imported here: only a failed save needs the table of the system's reasons.
        from kumppani.storage.save_errors import describe_save_error

        text = describe_save_error(error, language)
    else:
        text = error.describe(language)
    return one_line(text)


def print_table(rows: Sequence[Sequence[str]]) -> None:
    """Print rows of safe cells in aligned columns, two spaces apart."""
    if not rows:
        return
    widths = [max(cell_width(row[column]) for row in rows) for column in range(len(rows[0]))]
    for row in rows:
        cells = [pad(cell, width) for cell, width in zip(row[:-1], widths, strict=False)]
        out("  ".join([*cells, row[-1]]).rstrip())


def shown_path(path: Path) -> str:
    """A path as it is printed: a file name could hold control characters too."""
    return one_line(str(path))


def field(value: str | None) -> str:
    """A one-line text field as given on the command line, made safe to store."""
    return single_line(value or "")


def write_raw(text: str) -> None:
    """Write ``text`` exactly (CSV's CRLF must not become CR CR LF on Windows)."""
    sys.stdout.flush()
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:
        sys.stdout.write(text)
        return
    buffer.write(encode(text, sys.stdout.encoding))
    buffer.flush()


class CommandError(KumppaniError):
    """A problem with what was asked of a command, not with a file."""


# ---------------------------------------------------------------------------
# Context


class Context:
    """What every command needs: the settings, the language and the parsed arguments."""

    def __init__(self, args: argparse.Namespace, config: Config) -> None:
        self.args = args
        self.config = config
        self.explicit_language: str | None = getattr(args, "lang", None)
        self.language = normalise_language(self.explicit_language or config.language)

    def t(self, key: str, /, **values: object) -> str:
        return t(key, self.language, **values)

    def sessions_folder(self, *, create: bool) -> Path:
        """The sessions folder: ``--dir``, else the config's, else the default one.

        The default folder is created on first use; a folder named by ``--dir``
        or the config is only created when ``create`` is set (by ``new``), so a
        typing mistake is reported instead of listing an empty new folder.
        """
        given: str | None = getattr(self.args, "dir", None)
        if given:
            folder = Path(given).expanduser()
        elif self.config.sessions_dir is not None:
            folder = self.config.sessions_dir
        else:
            folder, create = paths.default_sessions_dir(), True
        if folder.is_dir():
            return folder
        if folder.exists():
            raise FileError(folder, Message("cli.not_a_folder"))
        if not create:
            raise FileError(
                folder, self.t("cli.folder_missing"), expected=self.t("cli.folder_expected")
            )
        try:
            return paths.ensure_dir(folder)
        except OSError as error:
            reason = os_reason(error)
            raise FileError(folder, Message("cli.folder_not_created", reason=reason)) from None


Handler = Callable[[Context], int]
"""A command: runs with the context and returns the exit status."""

CommandFactory = Callable[..., argparse.ArgumentParser]
"""``command(name, *, epilog=None)``: a new subcommand's parser, given to ``add_commands``."""


@runtime_checkable
class CommandModule(Protocol):
    """A module that adds subcommands to ``kumppani`` and runs them."""

    HANDLERS: dict[str, Handler]

    def add_commands(self, command: CommandFactory, language: str) -> None: ...


# ---------------------------------------------------------------------------
# Parser


HELP_WIDTH = 80
"""The help is wrapped to at most this many columns, however wide the terminal."""


class Formatter(argparse.RawDescriptionHelpFormatter):
    """Help layout that keeps paragraphs and says "usage" in the user's language."""

    language = "fi"

    def __init__(self, prog: str, width: int | None = None) -> None:
        columns = shutil.get_terminal_size().columns
        super().__init__(prog, width=width or min(columns, HELP_WIDTH) - 2)

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        """Paragraphs keep their own lines, but a line wider than the help is wrapped."""
        lines: list[str] = []
        for line in text.splitlines():
            lead = indent + line[: len(line) - len(line.lstrip())]
            wrapped = textwrap.wrap(
                line.strip(),
                width,
                initial_indent=lead,
                subsequent_indent=lead,
                break_long_words=False,
                break_on_hyphens=False,
            )
            lines.extend(wrapped or [""])
        return "\n".join(lines)

    def add_usage(
        self,
        usage: str | None,
        actions: Iterable[argparse.Action],
        groups: Iterable[argparse._MutuallyExclusiveGroup],
        prefix: str | None = None,
    ) -> None:
        if prefix is None:
            prefix = t("cli.usage", self.language)
        super().add_usage(usage, actions, groups, prefix)


class Parser(argparse.ArgumentParser):
    """An ArgumentParser whose own words (headings, "error", -h) come from the catalogs."""

    def __init__(self, *args: object, language: str = "fi", **kwargs: object) -> None:
        kwargs.setdefault("add_help", False)
        kwargs.setdefault("allow_abbrev", False)
        kwargs.setdefault("formatter_class", Formatter)
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.language = language
        self._positionals.title = t("cli.positionals", language)
        self._optionals.title = t("cli.optionals", language)
        self.add_argument("-h", "--help", action="help", help=t("cli.help", language))

    def add_argument(self, *args: Any, **kwargs: Any) -> argparse.Action:
        """As argparse's, but a help text is shown as written (a ``%`` is not a format)."""
        if isinstance(kwargs.get("help"), str):
            kwargs["help"] = literal(kwargs["help"])
        return super().add_argument(*args, **kwargs)

    def _get_formatter(self) -> argparse.HelpFormatter:
        formatter = Formatter(prog=self.prog)
        formatter.language = self.language
        return formatter

    def error(self, message: str) -> NoReturn:
        """Usage, then one line saying what is wrong, in the user's language; exit status 2."""
        # Imported here: only a usage error needs argparse's words.
        from kumppani.cli.usage_errors import translate

        self.print_usage(sys.stderr)
        words = one_line(translate(message, self.language))
        self.exit(2, f"{self.prog}: {t('cli.error', self.language)}: {words}\n")


def date_argument(language: str) -> Callable[[str], dt.date]:
    """An argparse type: a date written ``2026-03-12`` or ``12.3.2026``, refused with why."""

    def parse(text: str) -> dt.date:
        try:
            day = parse_date(text)
        except DateError as error:
            raise argparse.ArgumentTypeError(error.message(language)) from None
        if day is None:
            raise argparse.ArgumentTypeError(DateError(text, "shape").message(language))
        return day

    return parse


def literal(text: str) -> str:
    """``text`` as argparse shows it unchanged: it %-formats every help text."""
    return text.replace("%", "%%")


def metavar(name: str, language: str) -> str:
    """The placeholder of an option's value in the help (``KOMENTO``, ``FILE`` …)."""
    return t(f"cli.metavar.{name}", language)


def common_options(parser: argparse.ArgumentParser, language: str, *, top: bool) -> None:
    """``--dir``, ``--lang`` and ``--config``, accepted before and after a command.

    They default to SUPPRESS so that a subcommand's parser never overwrites a
    value given before the command name.
    """
    parser.add_argument(
        "--dir",
        metavar=metavar("dir", language),
        default=argparse.SUPPRESS,
        help=t("cli.opt_dir", language),
    )
    parser.add_argument(
        "--lang",
        choices=LANGUAGES,
        default=argparse.SUPPRESS,
        help=t("cli.opt_lang", language),
    )
    parser.add_argument(
        "--config",
        metavar=metavar("file", language),
        default=argparse.SUPPRESS,
        help=t("cli.opt_config", language, path=shown_path(paths.config_file())),
    )
    if top:
        parser.add_argument(
            "--version",
            action="version",
            version=f"{PROG} {__version__}",
            help=t("cli.version", language),
        )


def scan_options(parser: argparse.ArgumentParser, language: str) -> None:
    """``--recursive`` and ``--no-cache``, for the commands that read a whole folder."""
    parser.add_argument(
        "-r", "--recursive", action="store_true", help=t("cli.scan.recursive", language)
    )
    parser.add_argument("--no-cache", action="store_true", help=t("cli.scan.no_cache", language))


def minutes_language_help(parser: argparse.ArgumentParser, language: str) -> None:
    """Make ``--lang`` read as the language of the minutes (``export``, ``review``)."""
    for action in parser._actions:
        if action.dest == "lang":
            action.help = t("cli.export.lang", language)
