"""Provides the ``kumppani`` command: the terminal interface by default, and file commands.

``kumppani`` alone opens the sessions folder in the terminal interface;
``kumppani FILE.toml`` opens one session. The subcommands work on files
without a user interface: ``new``, ``list``, ``validate``, ``export`` and
``templates`` here; the secretariat's ``search``, ``actions``, ``followup``,
``review`` and ``approve`` (and the library behind ``list``) in
``kumppani.cli_library``, which this module imports only when building the
parser or running one of them.

Every error kumppani knows of is printed as one line, ``kumppani: <what and
where>``, with exit status 1; usage errors exit with 2, as argparse does. The
help is in the user's language: ``--lang`` and ``--config`` are read by a
first, forgiving pass over the arguments, before the real parser is built.
Whatever comes from a file (titles, names, error messages quoting it) goes
through ``kumppani.textsafe`` before it reaches the terminal.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import io
import os
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from kumppani import __version__, paths
from kumppani.config import Config, load_config
from kumppani.errors import ConfigError, FileError, KumppaniError, SessionFileError
from kumppani.i18n import normalise_language, t
from kumppani.model import Session, default_steps
from kumppani.storage import (
    claim_new_file,
    claim_unique_file,
    load_session,
    save_session,
    write_atomic,
)
from kumppani.textsafe import cell_width, one_line, pad, printable
from kumppani.vocabulary import LANGUAGES

if TYPE_CHECKING:
    from kumppani.template import Template

PROG = "kumppani"
DEFAULT_TEMPLATE = "partnership"
COMMANDS = (
    "open",
    "new",
    "list",
    "validate",
    "export",
    "templates",
    "search",
    "actions",
    "followup",
    "review",
    "approve",
)
# Global options that take a value, for the first pass over the arguments.
_VALUE_OPTIONS = ("--dir", "--lang", "--config")


# ---------------------------------------------------------------------------
# Output


def _out(text: str = "") -> None:
    """Print a line of output; ``text`` must already be safe for the terminal."""
    print(text, file=sys.stdout)


def _err(text: str) -> None:
    """Print a line about a problem to standard error, prefixed with ``kumppani:``."""
    print(f"{PROG}: {text}", file=sys.stderr)


def _describe(error: KumppaniError) -> str:
    """The one-line description of an error, safe for the terminal."""
    text = error.describe() if isinstance(error, FileError) else str(error)
    return one_line(text, show_breaks=False)


def _print_table(rows: Sequence[Sequence[str]]) -> None:
    """Print rows of safe cells in aligned columns, two spaces apart."""
    if not rows:
        return
    widths = [max(cell_width(row[column]) for row in rows) for column in range(len(rows[0]))]
    for row in rows:
        cells = [pad(cell, width) for cell, width in zip(row[:-1], widths, strict=False)]
        _out("  ".join([*cells, row[-1]]).rstrip())


def _shown_path(path: Path) -> str:
    """A path as it is printed: a file name could hold control characters too."""
    return one_line(str(path), show_breaks=False)


# ---------------------------------------------------------------------------
# Parser


class _Formatter(argparse.RawDescriptionHelpFormatter):
    """Help layout that keeps paragraphs and says "usage" in the user's language."""

    language = "fi"

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


class _Parser(argparse.ArgumentParser):
    """An ArgumentParser whose own words (headings, "error", -h) come from the catalogs."""

    def __init__(self, *args: object, language: str = "fi", **kwargs: object) -> None:
        kwargs.setdefault("add_help", False)
        kwargs.setdefault("allow_abbrev", False)
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.language = language
        self._positionals.title = t("cli.positionals", language)
        self._optionals.title = t("cli.optionals", language)
        self.add_argument("-h", "--help", action="help", help=t("cli.help", language))

    def _get_formatter(self) -> argparse.HelpFormatter:
        formatter = _Formatter(prog=self.prog)
        formatter.language = self.language
        return formatter

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: {t('cli.error', self.language)}: {message}\n")


def _date(text: str) -> dt.date:
    """An argparse type: a date written YYYY-MM-DD."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(text) from None


def _common_options(parser: argparse.ArgumentParser, language: str, *, top: bool) -> None:
    """``--dir``, ``--lang`` and ``--config``, accepted before and after a command.

    They default to SUPPRESS so that a subcommand's parser never overwrites a
    value given before the command name.
    """
    parser.add_argument(
        "--dir", metavar="DIR", default=argparse.SUPPRESS, help=t("cli.opt_dir", language)
    )
    parser.add_argument(
        "--lang",
        choices=LANGUAGES,
        default=argparse.SUPPRESS,
        help=t("cli.opt_lang", language),
    )
    parser.add_argument(
        "--config",
        metavar="FILE",
        default=argparse.SUPPRESS,
        help=t("cli.opt_config", language, path=_shown_path(paths.config_file())),
    )
    if top:
        parser.add_argument(
            "--version",
            action="version",
            version=f"{PROG} {__version__}",
            help=t("cli.version", language),
        )


def build_parser(language: str = "fi") -> argparse.ArgumentParser:
    """The full command-line parser, with its help in ``language``."""
    lang = normalise_language(language)
    parser = _Parser(
        prog=PROG,
        language=lang,
        description=t("cli.description", lang),
        epilog=t("cli.epilog", lang),
    )
    _common_options(parser, lang, top=True)
    commands = parser.add_subparsers(
        dest="command", title=t("cli.commands", lang), metavar="COMMAND"
    )

    def command(name: str, *, epilog: str | None = None) -> argparse.ArgumentParser:
        help_text = t(f"cli.{name}.help", lang)
        sub: argparse.ArgumentParser = commands.add_parser(
            name, help=help_text, description=help_text, epilog=epilog, language=lang
        )
        _common_options(sub, lang, top=False)
        return sub

    opener = command("open")
    opener.add_argument("file", metavar="FILE", type=Path, help=t("cli.open.file", lang))

    new = command("new")
    new.add_argument("--title", metavar="T", help=t("cli.new.title", lang))
    new.add_argument("--date", metavar="YYYY-MM-DD", type=_date, help=t("cli.new.date", lang))
    new.add_argument("--theme", metavar="TEXT", default="", help=t("cli.new.theme", lang))
    new.add_argument("--venue", metavar="TEXT", default="", help=t("cli.new.venue", lang))
    new.add_argument(
        "--facilitator", metavar="NAME", default="", help=t("cli.new.facilitator", lang)
    )
    new.add_argument(
        "--template",
        metavar="ID",
        default=DEFAULT_TEMPLATE,
        help=t("cli.new.template", lang, default=DEFAULT_TEMPLATE),
    )
    new.add_argument("-o", "--output", metavar="FILE", type=Path, help=t("cli.new.output", lang))

    # The library commands live in their own module, which imports this one.
    from kumppani import cli_library

    cli_library.add_list_options(command("list", epilog=t("cli.list.epilog", lang)), lang)

    validate = command("validate", epilog=t("cli.validate.epilog", lang))
    validate.add_argument(
        "files", metavar="FILE", nargs="+", type=Path, help=t("cli.validate.files", lang)
    )
    validate.add_argument(
        "-v", "--verbose", action="store_true", help=t("cli.validate.verbose", lang)
    )

    export = command("export")
    export.add_argument("file", metavar="FILE", type=Path, help=t("cli.export.file", lang))
    export.add_argument(
        "-o", "--output", metavar="OUT", type=Path, help=t("cli.export.output", lang)
    )
    export.add_argument("--anonymize", action="store_true", help=t("cli.export.anonymize", lang))
    # The common --lang reads differently here: it picks the language of the minutes.
    for action in export._actions:
        if action.dest == "lang":
            action.help = t("cli.export.lang", lang)

    templates = command("templates")
    templates.add_argument(
        "--check", metavar="FILE", type=Path, help=t("cli.templates.check", lang)
    )
    cli_library.add_commands(command, lang)
    return parser


def _first_pass(argv: Sequence[str]) -> argparse.Namespace:
    """``--lang`` and ``--config`` wherever they are, ignoring everything else."""
    early = argparse.ArgumentParser(add_help=False, allow_abbrev=False, exit_on_error=False)
    early.add_argument("--lang")
    early.add_argument("--config", type=Path)
    try:
        known, _ = early.parse_known_args(list(argv))
    except (argparse.ArgumentError, SystemExit):
        # A malformed option: the real parser reports it, in the default language.
        return argparse.Namespace(lang=None, config=None)
    return known


def _with_open_command(argv: Sequence[str]) -> list[str]:
    """``kumppani FILE.toml`` means ``kumppani open FILE.toml``."""
    words = list(argv)
    index = 0
    while index < len(words):
        word = words[index]
        if word == "--":
            return words
        if word in _VALUE_OPTIONS:
            index += 2
            continue
        if word.startswith("-"):
            index += 1
            continue
        if word not in COMMANDS and (word.lower().endswith(".toml") or Path(word).is_file()):
            words.insert(index, "open")
        return words
    return words


# ---------------------------------------------------------------------------
# Commands


class _Context:
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
        if not create or folder.exists():
            raise FileError(
                folder, self.t("cli.folder_missing"), expected=self.t("cli.folder_expected")
            )
        try:
            return paths.ensure_dir(folder)
        except OSError as error:
            reason = error.strerror or str(error)
            raise FileError(folder, self.t("cli.folder_not_created", reason=reason)) from None


def _run_tui(context: _Context, open_file: Path | None) -> int:
    """Start the terminal interface; a clear message if it is not installed."""
    folder: Path
    if open_file is not None:
        if not open_file.is_file():
            raise SessionFileError(open_file, context.t("cli.file_missing"))
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
            _err(context.t("cli.tui.missing", module=missing))
            return 1
        if missing.split(".")[0] in ("textual", "rich"):
            _err(context.t("cli.tui.textual_missing", module=missing))
            return 1
        raise
    return run_app(context.config, folder, language=context.language, open_file=open_file)


class CommandError(KumppaniError):
    """A problem with what was asked of a command, not with a file."""


def _find_template(template_id: str, context: _Context) -> Template:
    from kumppani.template import builtin_templates, find_template, user_templates

    found = find_template(template_id, config_dir=paths.config_dir())
    if found is None:
        mine, _ = user_templates(paths.config_dir())
        known = sorted({template.id for template in (*builtin_templates(), *mine)})
        raise CommandError(context.t("cli.new.no_template", id=template_id, known=", ".join(known)))
    return found


def _field(value: str | None) -> str:
    """A one-line text field as given on the command line, made safe to store."""
    return one_line(value or "", show_breaks=False)


def _cmd_new(context: _Context) -> int:
    args = context.args
    template = _find_template(args.template, context)
    day: dt.date = args.date or dt.date.today()
    # One-line fields: whatever was pasted into the shell arrives without line breaks or
    # escape sequences.
    title = _field(args.title) or context.t("cli.new.untitled")
    session = Session(
        title=title,
        theme=_field(args.theme),
        date=day,
        venue=_field(args.venue),
        facilitator=_field(args.facilitator),
        language=context.language,
        template_id=template.id,
        template_version=template.version,
        steps=default_steps({step.key: step.minutes for step in template.steps}),
    )
    if args.output is not None:
        path: Path = args.output
        if not claim_new_file(path):
            raise FileError(
                path, context.t("cli.new.exists"), expected=context.t("cli.new.exists_expected")
            )
    else:
        folder = context.sessions_folder(create=True)
        name = paths.safe_filename(title, day)
        path = claim_unique_file(folder, name)
    try:
        save_session(session, path)
    except BaseException:
        with contextlib.suppress(OSError):
            path.unlink()
        raise
    _out(_shown_path(path))
    return 0


def _session_files(folder: Path) -> list[Path]:
    """The session files directly in ``folder``: ``*.toml``, not hidden (no temporary files)."""
    return sorted(
        path for path in folder.glob("*.toml") if not path.name.startswith(".") and path.is_file()
    )


def _expand(paths_given: Iterable[Path]) -> list[Path]:
    """Files as given; a folder stands for the session files in it."""
    files: list[Path] = []
    for path in paths_given:
        files.extend(_session_files(path) if path.is_dir() else [path])
    return files


def _cmd_validate(context: _Context) -> int:
    broken = 0
    for path in _expand(context.args.files):
        try:
            load_session(path)
        except SessionFileError as error:
            broken += 1
            _out(_describe(error))
            continue
        if context.args.verbose:
            _out(context.t("cli.validate.ok", file=_shown_path(path)))
    return 1 if broken else 0


def _cmd_export(context: _Context) -> int:
    from kumppani.minutes import render_minutes

    args = context.args
    source: Path = args.file
    out: Path | None = args.output
    if out is not None:
        expected = context.t("cli.export.output_expected")
        if out.exists() and source.exists() and out.samefile(source):
            raise FileError(out, context.t("cli.export.same_file"), expected=expected)
        if out.suffix.lower() == ".toml":
            raise FileError(out, context.t("cli.export.toml_file"), expected=expected)
    session = load_session(source)
    language = normalise_language(context.explicit_language or session.language)
    text = render_minutes(
        session, language, anonymize=args.anonymize, config_dir=paths.config_dir()
    )
    if out is None:
        sys.stdout.write(printable(text))
        return 0
    write_atomic(out, text.encode("utf-8"))
    _out(_shown_path(out))
    return 0


def _template_line(template: Template, source: str, language: str) -> list[str]:
    return [
        one_line(template.id, show_breaks=False),
        f"v{template.version}",
        one_line(template.name.get(language) or template.id, 60, show_breaks=False),
        source,
    ]


def _cmd_templates(context: _Context) -> int:
    from kumppani.template import builtin_templates, load_template, user_templates

    check: Path | None = context.args.check
    if check is not None:
        template = load_template(check)
        _out(
            context.t(
                "cli.templates.ok",
                file=_shown_path(check),
                id=one_line(template.id, show_breaks=False),
                version=template.version,
                name=one_line(template.name.get(context.language) or "", show_breaks=False),
            )
        )
        return 0
    rows = [
        _template_line(template, context.t("cli.templates.builtin"), context.language)
        for template in builtin_templates()
    ]
    found, problems = user_templates(paths.config_dir())
    rows += [
        _template_line(template, _shown_path(template.source or Path()), context.language)
        for template in found
    ]
    for problem in problems:
        _err(_describe(problem))
    _print_table(rows)
    return 0


_HANDLERS: dict[str, Callable[[_Context], int]] = {
    "new": _cmd_new,
    "validate": _cmd_validate,
    "export": _cmd_export,
    "templates": _cmd_templates,
}


# ---------------------------------------------------------------------------
# Entry point


def _run(argv: Sequence[str]) -> int:
    early = _first_pass(argv)
    config_problem: ConfigError | None = None
    try:
        config = load_config(early.config)
    except ConfigError as problem:
        # Keep going with the defaults just far enough to show --help or a usage error.
        config, config_problem = Config(), problem
    language = early.lang if early.lang in LANGUAGES else config.language
    parser = build_parser(language)
    try:
        args = parser.parse_args(_with_open_command(argv))
    except SystemExit as stop:
        return stop.code if isinstance(stop.code, int) else (0 if stop.code is None else 2)
    if config_problem is not None:
        raise config_problem
    context = _Context(args, config)
    command: str | None = args.command
    if command is None:
        return _run_tui(context, None)
    if command == "open":
        return _run_tui(context, args.file)
    handler = _HANDLERS.get(command)
    if handler is None:
        from kumppani import cli_library

        handler = cli_library.HANDLERS[command]
    return handler(context)


def _quiet_stdout() -> None:
    """After a closed pipe (``kumppani list | head``), send the rest of the output nowhere."""
    with contextlib.suppress(OSError, ValueError, io.UnsupportedOperation):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def main(argv: list[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``); return the exit status."""
    words = sys.argv[1:] if argv is None else argv
    try:
        code = _run(words)
        sys.stdout.flush()  # here, so that a closed pipe is caught below, not at exit
        return code
    except KumppaniError as error:
        _err(_describe(error))
        return 1
    except KeyboardInterrupt:
        _err(t("cli.interrupted", normalise_language(_first_pass(words).lang)))
        return 130
    except BrokenPipeError:
        _quiet_stdout()
        return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
