"""Provides the commands on session and template files: new, validate, export and templates.

``new`` writes a new session file (an unused name in the sessions folder, or
``-o FILE``), ``validate`` loads files and reports each broken one as a located
line, ``export`` writes the minutes (to standard output or a file: never over a session, over
another existing file only with ``--force``, ``minutes.target``),
and ``templates`` lists or checks the process templates. Registered in
``kumppani.cli.main`` through ``add_commands`` and ``HANDLERS``.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

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
    print_table,
    shown_path,
)
from kumppani.cli.values import Vocabulary, catalog_label
from kumppani.errors import FileError, SessionFileError
from kumppani.session.model import Session, default_steps
from kumppani.settings import paths
from kumppani.storage.files import (
    load_session,
    lost_comments,
)
from kumppani.storage.session_files import create_session_file
from kumppani.text.i18n import t
from kumppani.text.safe import one_line, printable

if TYPE_CHECKING:
    from kumppani.session.template import Template

DEFAULT_TEMPLATE = "partnership"


def add_commands(command: CommandFactory, language: str) -> None:
    """``new``, ``validate``, ``export`` and ``templates``."""
    lang = language
    new = command("new")
    new.add_argument("--title", metavar=metavar("title", lang), help=t("cli.new.title", lang))
    new.add_argument(
        "--date",
        metavar=metavar("date", lang),
        type=date_argument(lang),
        help=t("cli.new.date", lang),
    )
    new.add_argument(
        "--theme", metavar=metavar("text", lang), default="", help=t("cli.new.theme", lang)
    )
    new.add_argument(
        "--venue", metavar=metavar("text", lang), default="", help=t("cli.new.venue", lang)
    )
    new.add_argument(
        "--facilitator",
        metavar=metavar("name", lang),
        default="",
        help=t("cli.new.facilitator", lang),
    )
    new.add_argument(
        "--template",
        metavar=metavar("id", lang),
        default=DEFAULT_TEMPLATE,
        help=t("cli.new.template", lang, default=DEFAULT_TEMPLATE),
    )
    new.add_argument(
        "-o", "--output", metavar=metavar("file", lang), type=Path, help=t("cli.new.output", lang)
    )

    validate = command("validate", epilog=t("cli.validate.epilog", lang))
    validate.add_argument(
        "files",
        metavar=metavar("file", lang),
        nargs="+",
        type=Path,
        help=t("cli.validate.files", lang),
    )
    validate.add_argument(
        "-v", "--verbose", action="store_true", help=t("cli.validate.verbose", lang)
    )

    export = command("export")
    export.add_argument(
        "file", metavar=metavar("file", lang), type=Path, help=t("cli.export.file", lang)
    )
    export.add_argument(
        "-o", "--output", metavar=metavar("out", lang), type=Path, help=t("cli.export.output", lang)
    )
    export.add_argument("--anonymize", action="store_true", help=t("cli.export.anonymize", lang))
    export.add_argument(
        "--to", choices=("md", "docx", "odt", "html"), help=t("cli.export.to", lang)
    )
    orders = Vocabulary(("step", "theme"), catalog_label("cli.export.order"), lang)
    export.add_argument(
        "--by",
        type=orders,
        metavar=metavar("order", lang),
        default="step",
        help=orders.help(t("cli.export.by", lang)),
    )
    export.add_argument("--appendix", action="store_true", help=t("cli.export.appendix", lang))
    export.add_argument("--force", action="store_true", help=t("cli.export.force", lang))
    minutes_language_help(export, lang)

    templates = command("templates")
    templates.add_argument(
        "--check", metavar=metavar("file", lang), type=Path, help=t("cli.templates.check", lang)
    )


# ---------------------------------------------------------------------------
# new


def _find_template(template_id: str, context: Context) -> Template:
    from kumppani.session.template_sources import available_templates, find_template

    found = find_template(template_id, config_dir=paths.config_dir())
    if found is None:
        known = sorted({template.id for template in available_templates(paths.config_dir())})
        raise CommandError(context.t("cli.new.no_template", id=template_id, known=", ".join(known)))
    return found


def cmd_new(context: Context) -> int:
    """``kumppani new``: a new session file from a template; prints its path."""
    args = context.args
    template = _find_template(args.template, context)
    day: dt.date = args.date or dt.date.today()
    # One-line fields: whatever was pasted into the shell arrives without line breaks or
    # escape sequences.
    title = field(args.title) or context.t("cli.new.untitled")
    session = Session(
        title=title,
        theme=field(args.theme),
        date=day,
        venue=field(args.venue),
        facilitator=field(args.facilitator),
        language=context.language,
        template_id=template.id,
        template_version=template.version,
        steps=default_steps({step.key: step.minutes for step in template.steps}),
    )
    output: Path | None = args.output
    folder = context.sessions_folder(create=True) if output is None else None
    try:
        path = create_session_file(session, folder=folder, output=output)
    except FileExistsError as exists:
        raise FileError(
            Path(exists.args[0]),
            context.t("cli.new.exists"),
            expected=context.t("cli.new.exists_expected"),
        ) from None
    out(shown_path(path))
    return 0


# ---------------------------------------------------------------------------
# validate and export


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


def cmd_validate(context: Context) -> int:
    """``kumppani validate FILE…``: one located line per broken file; status 1 if any.

    Approved minutes changed after approval count as broken (one line naming who
    approved and when); an approval without a digest only gets a warning.
    """
    from kumppani.fileformat.digest import ApprovalState, approval_state

    broken = 0
    for path in _expand(context.args.files):
        try:
            session = load_session(path)
        except SessionFileError as error:
            broken += 1
            out(describe(error, context.language))
            continue
        state = approval_state(session)
        if state in (ApprovalState.CHANGED, ApprovalState.UNCHECKED):
            approval = session.approval
            key = "changed" if state == ApprovalState.CHANGED else "unchecked"
            broken += state == ApprovalState.CHANGED
            who = one_line(approval.by) if approval else "?"
            at = approval.at.strftime("%Y-%m-%d %H:%M") if approval else "?"
            out(context.t(f"cli.validate.{key}", file=shown_path(path), by=who, at=at))
        if lost := lost_comments(session):
            found = ", ".join(f"{line}: {one_line(text, 40)}" for line, text in lost)
            out(context.t("cli.validate.lost_comments", file=shown_path(path), comments=found))
        if context.args.verbose:
            out(context.t("cli.validate.ok", file=shown_path(path)))
    return 1 if broken else 0


def cmd_export(context: Context) -> int:
    """``kumppani export FILE``: the minutes, on standard output or in ``-o OUT``.

    The format comes from ``--to`` or the output's extension (``.md``, ``.docx``,
    ``.odt``, ``.html``); Markdown on standard output without ``-o``.
    """
    from kumppani.minutes.export import (
        EXTRA,
        MissingExtra,
        export_minutes,
        minutes_format,
        write_minutes,
    )
    from kumppani.minutes.target import check_target

    args = context.args
    source: Path = args.file
    output: Path | None = args.output
    if output is not None and str(output) == "-":  # the usual spelling of standard output
        output = None
    if output is not None:  # before any work; ``write_minutes`` asks again as it writes
        check_target(output, source, force=args.force)
    fmt = minutes_format(output, args.to)
    if output is None and fmt in ("docx", "odt"):
        err(context.t("cli.export.binary_needs_file"))
        return 2
    session = load_session(source)
    language, kinds = (
        context.explicit_language,
        {"anonymize": args.anonymize, "appendix": args.appendix},
    )
    try:
        if output is None:
            text = export_minutes(session, language, by=args.by, **kinds)
            sys.stdout.write(printable(text))
            return 0
        write_minutes(
            session, output, language, by=args.by, fmt=fmt, source=source, force=args.force, **kinds
        )
    except MissingExtra as missing:
        err(context.t("cli.export.missing_extra", module=missing.module, extra=EXTRA))
        return 1
    out(shown_path(output))
    return 0


# ---------------------------------------------------------------------------
# templates


def _template_line(template: Template, source: str, language: str) -> list[str]:
    return [
        one_line(template.id),
        f"v{template.version}",
        one_line(template.name.get(language) or template.id, 60),
        source,
    ]


def cmd_templates(context: Context) -> int:
    """``kumppani templates``: the built-in and own templates; ``--check FILE`` checks one."""
    from kumppani.session.template import load_template
    from kumppani.session.template_sources import builtin_templates, user_templates

    check: Path | None = context.args.check
    if check is not None:
        template = load_template(check)
        out(
            context.t(
                "cli.templates.ok",
                file=shown_path(check),
                id=one_line(template.id),
                version=template.version,
                name=one_line(template.name.get(context.language) or ""),
            )
        )
        return 0
    rows = [
        _template_line(template, context.t("cli.templates.builtin"), context.language)
        for template in builtin_templates()
    ]
    found, problems = user_templates(paths.config_dir())
    rows += [
        _template_line(template, shown_path(template.source or Path()), context.language)
        for template in found
    ]
    for problem in problems:
        err(describe(problem, context.language))
    print_table(rows)
    return 0


HANDLERS: dict[str, Handler] = {
    "new": cmd_new,
    "validate": cmd_validate,
    "export": cmd_export,
    "templates": cmd_templates,
}
