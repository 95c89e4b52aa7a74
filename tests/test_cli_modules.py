"""The command line is made of command modules that share only kumppani.cli.common."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import kumppani
from kumppani.cli import main as cli
from kumppani.cli.common import CommandModule

SOURCE = Path(kumppani.__file__).resolve().parent
CLI_FILES = sorted((SOURCE / "cli").glob("*.py"))


def test_every_listed_module_adds_commands_and_runs_them() -> None:
    parser = cli.build_parser("en")
    help_text = parser.format_help()
    for module in cli.command_modules():
        assert isinstance(module, CommandModule)
        for command in module.HANDLERS:
            assert command in help_text
    assert set(cli.handlers()) | {"open"} >= set(cli.HELP_ORDER)


def test_the_help_lists_the_commands_in_their_usual_order() -> None:
    listed = cli.build_parser("en").format_help().split("\n  COMMAND\n")[-1]
    names = [
        line.split()[0]
        for line in listed.splitlines()
        if line.startswith("    ") and line.split()[0].replace("-", "").isalpha() and line[4] != " "
    ]
    assert names[: len(cli.HELP_ORDER)] == list(cli.HELP_ORDER)
    assert names[len(cli.HELP_ORDER) :] == [
        "search",
        "actions",
        "followup",
        "review",
        "approve",
        "status",
        "merge",
        "merge-driver",
        "present",
    ]


@pytest.mark.parametrize("path", CLI_FILES, ids=lambda path: path.name)
def test_cli_modules_are_small_and_import_no_private_names(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert len(text.splitlines()) < 400
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("kumppani.cli.main"):
            private = [alias.name for alias in node.names if alias.name.startswith("_")]
            assert private == [], f"{path.name} imports {private} from {node.module}"
