"""Changing one setting in the config file's text keeps every other byte."""

from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from kumppani.settings.config_edit import with_setting
from kumppani.toml import read as tomlread

KEPT = """\
# My settings: keep this comment.
language = "sv"   # svenska

parties = ["state", "city", "region"]
[party_labels.region]
fi = "Alue"  # comment in a table
"""


def test_a_new_key_goes_before_the_first_table_and_nothing_else_changes() -> None:
    changed = with_setting(KEPT, "theme", "nord")
    assert changed == KEPT.replace("[party_labels", 'theme = "nord"\n[party_labels')
    spaced = KEPT.replace("[party", "\n# Labels\n[party")
    assert with_setting(spaced, "theme", "nord") == spaced.replace(
        '"region"]\n', '"region"]\ntheme = "nord"\n'
    )
    only_tables = "# Comment\n\n[party_labels.region]\nfi = 'Alue'\n"
    assert with_setting(only_tables, "theme", "nord") == only_tables.replace(
        "[party", 'theme = "nord"\n[party'
    )
    assert tomlread.loads(changed)["theme"] == "nord"


def test_an_existing_key_keeps_its_line_and_comment() -> None:
    text = KEPT.replace("language", "theme = 'dracula'  # dark one\nlanguage")
    changed = with_setting(text, "theme", "kumppani-light")
    assert changed == text.replace("'dracula'", '"kumppani-light"')


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", 'theme = "nord"\n'),
        ('language = "fi"', 'language = "fi"\ntheme = "nord"\n'),
        ('language = "fi"\r\n', 'language = "fi"\r\ntheme = "nord"\r\n'),
        ('a = """\n[not a table]\n"""\n', 'a = """\n[not a table]\n"""\ntheme = "nord"\n'),
    ],
)
def test_files_without_tables(text: str, expected: str) -> None:
    assert with_setting(text, "theme", "nord") == expected


@given(st.text(max_size=30))
@example('quote " and \\ backslash')
def test_any_value_reads_back(value: str) -> None:
    changed = with_setting(KEPT, "theme", value)
    assert tomlread.loads(changed) == {**tomlread.loads(KEPT), "theme": value}
    assert changed.startswith("# My settings: keep this comment.\n")
