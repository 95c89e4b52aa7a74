"""Provides the ``kumppani`` command: the terminal interface by default, and file commands.

``kumppani`` alone opens the sessions folder in the terminal interface;
``kumppani FILE.toml`` opens one session. The subcommands work on files
without a user interface; each lives in a command module returned by
``command_modules()`` (see ``kumppani.cli.common.CommandModule``): ``new``,
``validate``, ``export`` and ``templates`` in ``kumppani.cli.files``; the
secretariat's ``list``, ``search`` and ``actions`` in ``kumppani.cli.library``
and ``followup``, ``review`` and ``approve`` in ``kumppani.cli.review``; the
projector view ``present`` in ``kumppani.cli.present``.
Adding a module is adding it to that tuple.

Every error kumppani knows of is printed as one line, ``kumppani: <what and
where>``, in the user's language (``error.describe(language)``), with exit
status 1; usage errors exit with 2, as argparse does, with argparse's words
translated (``kumppani.cli.usage_errors``). Output that the terminal cannot
encode gets ``?`` and one warning (``kumppani.cli.encoding``). The
help is in the user's language: ``--lang`` and ``--config`` are read by a
first, forgiving pass over the arguments, before the real parser is built.
Whatever comes from a file (titles, names, error messages quoting it) goes
through ``kumppani.text.safe`` before it reaches the terminal.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import sys
from collections.abc import Sequence
from functools import cache
from pathlib import Path

from kumppani.cli.common import (
    PROG,
    CommandModule,
    Context,
    Handler,
    Parser,
    common_options,
    describe,
    err,
    literal,
    metavar,
)
from kumppani.cli.encoding import guard_output, report_replaced
from kumppani.cli.launch import run_tui
from kumppani.errors import ConfigError, KumppaniError
from kumppani.settings.config import Config, load_config
from kumppani.text.i18n import LANGUAGES, normalise_language, t
from kumppani.toml.source import set_size_limit

HELP_ORDER: tuple[str, ...] = ("open", "new", "list", "validate", "export", "templates")
"""The commands ``--help`` lists first; the others follow in the order the modules add them."""

# Global options that take a value, for the first pass over the arguments.
_VALUE_OPTIONS = ("--dir", "--lang", "--config")


@cache
def command_modules() -> tuple[CommandModule, ...]:
    """The command modules, in the order their commands are added to the parser.

    Imported when first needed: a plain start of the app (``kumppani``,
    ``kumppani FILE.toml``) never builds the full parser and so never pays for them.
    """
    from kumppani.cli import files, library, merging, present, review

    return (files, library, review, merging, present)


def handlers() -> dict[str, Handler]:
    """Every subcommand but ``open``, and the function that runs it."""
    found: dict[str, Handler] = {}
    for module in command_modules():
        found.update(module.HANDLERS)
    return found


# ---------------------------------------------------------------------------
# Parser


def build_parser(language: str = "fi") -> argparse.ArgumentParser:
    """The full command-line parser, with its help in ``language``."""
    lang = normalise_language(language)
    parser = Parser(
        prog=PROG,
        language=lang,
        description=t("cli.description", lang),
        epilog=t("cli.epilog", lang),
    )
    common_options(parser, lang, top=True)
    commands = parser.add_subparsers(
        dest="command", title=t("cli.commands", lang), metavar=metavar("command", lang)
    )

    def add(name: str) -> argparse.ArgumentParser:
        help_text = t(f"cli.{name.replace('-', '_')}.help", lang)
        sub: argparse.ArgumentParser = commands.add_parser(
            name, help=literal(help_text), description=help_text, language=lang
        )
        common_options(sub, lang, top=False)
        return sub

    # The commands of HELP_ORDER are made first, so that the help lists them first.
    placed = {name: add(name) for name in HELP_ORDER}
    claimed: set[str] = set()

    def command(name: str, *, epilog: str | None = None) -> argparse.ArgumentParser:
        if name in claimed:
            raise ValueError(f"two command modules add {name!r}")
        claimed.add(name)
        sub = placed[name] if name in placed else add(name)
        sub.epilog = epilog
        return sub

    opener = command("open")
    opener.add_argument(
        "file", metavar=metavar("file", lang), type=Path, help=t("cli.open.file", lang)
    )
    for module in command_modules():
        module.add_commands(command, lang)
    if unclaimed := set(placed) - claimed:
        raise ValueError(f"no command module adds {sorted(unclaimed)}")
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
    names = {"open", *handlers()}
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
        if word not in names and (word.lower().endswith(".toml") or _names_a_file(Path(word))):
            words.insert(index, "open")
        return words
    return words


def _names_a_file(path: Path) -> bool:
    """Whether ``path`` is a file of any kind but a folder: a pipe is opened, and refused."""
    return path.exists() and not path.is_dir()


def _quick_args(argv: Sequence[str]) -> argparse.Namespace | None:
    """The arguments of a plain start of the app, read without building the full parser.

    ``kumppani``, ``kumppani --dir DIR`` or ``kumppani FILE.toml`` (with any of
    ``--dir``, ``--lang``, ``--config``) open the app at once: building every
    command's parser imports every command module, a noticeable part of the
    start-up. Anything else (a command, ``--help``, a bad value, ``--dir=X``)
    returns None and goes through the full parser, which also reports errors.
    """
    values: dict[str, object] = {"command": None}
    words = list(argv)
    index = 0
    while index < len(words):
        word = words[index]
        if word in _VALUE_OPTIONS and index + 1 < len(words):
            value = words[index + 1]
            if value.startswith("-") or (word == "--lang" and value not in LANGUAGES):
                return None
            values[word[2:]] = value
            index += 2
            continue
        if word.startswith("-") or values["command"] is not None:
            return None
        if not (word.lower().endswith(".toml") and Path(word).is_file()):
            return None
        values["command"], values["file"] = "open", Path(word)
        index += 1
    return argparse.Namespace(**values)


# ---------------------------------------------------------------------------
# Entry point


def _run(argv: Sequence[str], said: list[str]) -> int:
    """Run the command line; ``said`` gets the language its errors are said in, once known."""
    early = _first_pass(argv)
    config_problem: ConfigError | None = None
    try:
        config = load_config(early.config)
    except ConfigError as problem:
        # Keep going with the defaults just far enough to show --help or a usage error.
        config, config_problem = Config(), problem
    set_size_limit(config.max_file_mb)
    language = early.lang if early.lang in LANGUAGES else config.language
    said[:] = [normalise_language(language)]
    quick = _quick_args(argv)
    if quick is not None:
        args = quick
    else:
        try:
            args = build_parser(language).parse_args(_with_open_command(argv))
        except SystemExit as stop:
            return stop.code if isinstance(stop.code, int) else (0 if stop.code is None else 2)
    if config_problem is not None:
        raise config_problem
    context = Context(args, config)
    command: str | None = args.command
    if command is None:
        return run_tui(context, None)
    if command == "open":
        return run_tui(context, args.file)
    return handlers()[command](context)


def _quiet_stdout() -> None:
    """After a closed pipe (``kumppani list | head``), send the rest of the output nowhere."""
    with contextlib.suppress(OSError, ValueError, io.UnsupportedOperation):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def main(argv: list[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``); return the exit status."""
    words = sys.argv[1:] if argv is None else argv
    said = [normalise_language(_first_pass(words).lang)]
    guard_output()
    try:
        code = _run(words, said)
        sys.stdout.flush()  # here, so that a closed pipe is caught below, not at exit
    except KumppaniError as error:
        err(describe(error, said[0]))
        code = 1
    except KeyboardInterrupt:
        err(t("cli.interrupted", said[0]))
        code = 130
    except BrokenPipeError:
        _quiet_stdout()
        return 1
    report_replaced(
        lambda encoding: f"{PROG}: " + t("cli.encoding_replaced", said[0], encoding=encoding)
    )
    return code


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
