"""Provides argparse's own error messages in the user's language.

argparse words its errors in English through ``gettext`` with no catalog of
ours to plug in; the one public hook is ``ArgumentParser.error(message)``.
``translate`` recognises each message argparse can give at run time (Python
3.11's wording) and says it from the catalogs (``cli.argparse.*``). The names
it quotes (options, metavars, values) stay as they were typed; a message it
does not know is left as it is, and the language test would catch it.
"""

from __future__ import annotations

import re

from kumppani.text.i18n import plural, t

_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.DOTALL), key)
    for pattern, key in (
        (r"unrecognized arguments: (?P<args>.*)", "unrecognized"),
        (r"the following arguments are required: (?P<names>.*)", "required"),
        (r"one of the arguments (?P<names>.*) is required", "one_required"),
        (r"not allowed with argument (?P<name>.*)", "not_allowed_with"),
        (r"ignored explicit argument (?P<value>.*)", "no_value_taken"),
        (r"expected one argument", "expected_one"),
        (r"expected at most one argument", "expected_at_most_one"),
        (r"expected at least one argument", "expected_at_least_one"),
        (r"expected (?P<count>\d+) arguments?", "expected_count"),
        (r"ambiguous option: (?P<option>.*) could match (?P<matches>.*)", "ambiguous"),
        (r"unexpected option string: (?P<option>.*)", "unexpected_option"),
        (r"invalid choice: (?P<value>.*) \(choose from (?P<choices>.*)\)", "invalid_choice"),
        (r"invalid (?P<type>\S+) value: (?P<value>.*)", "invalid_value"),
    )
)
_ARGUMENT = re.compile(r"argument (?P<name>.+?): (?P<message>.*)", re.DOTALL)


def translate(message: str, language: str) -> str:
    """argparse's ``message`` in ``language``; an unknown one as it is."""
    if found := _ARGUMENT.fullmatch(message):
        inner = translate(found["message"], language)
        return t("cli.argparse.argument", language, name=found["name"], message=inner)
    for pattern, key in _PATTERNS:
        if found := pattern.fullmatch(message):
            values = found.groupdict()
            if "count" in values:
                return plural(f"cli.argparse.{key}", int(values["count"]), language)
            return t(f"cli.argparse.{key}", language, **values)
    return message
