"""Responsible bodies: the list of bodies and the roster put an action under its parties.

``kumppani actions --party valtio`` finds actions of ``YM`` and ``LVM``; ``Tampere``
and ``Tampereen kaupunki`` are one body; an action shared by state and city is
under both; the config file adds bodies, and a wrong one stops kumppani.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from kumppani.cli.main import main
from kumppani.errors import ConfigError
from kumppani.session.bodies import BodyDirectory, name_variants
from kumppani.session.model import Action, Participant, Session
from kumppani.session.vocabulary import ActionStatus
from kumppani.settings.bodies import builtin_bodies
from kumppani.settings.config import Config, load_config
from kumppani.storage.files import save_session

if TYPE_CHECKING:
    from tests.support.dirs import KumppaniDirs

MINISTRIES = ("VNK", "UM", "OM", "SM", "PLM", "VM", "OKM", "MMM", "LVM", "TEM", "STM", "YM")


def test_the_built_in_list_names_every_ministry_in_three_languages() -> None:
    bodies = {body.key: body for body in builtin_bodies()}
    for key in MINISTRIES:
        assert bodies[key].party == "state"
        assert set(bodies[key].names) == {"fi", "sv", "en"}
    assert bodies["YM"].name("fi") == "Ympäristöministeriö"
    assert bodies["Tampere"].party == "city"


def test_names_of_one_body_are_the_same_body() -> None:
    bodies = Config().body_directory()
    assert bodies.same("YM", "ympäristöministeriö")
    assert bodies.same("YM", "Miljöministeriet")
    assert bodies.same("Tampere", "Tampereen  kaupunki")
    assert bodies.same("Tammerfors", "City of Tampere")
    assert not bodies.same("YM", "TEM")
    assert bodies.same("Oma yhdistys", "oma YHDISTYS")
    assert bodies.parties(["YM", "Tampere", "Tuntematon"]) == ["state", "city"]
    assert bodies.label("ym", "sv") == "YM – Miljöministeriet"
    assert bodies.label("Business Finland", "fi") == "Business Finland"


def test_the_roster_names_bodies_and_their_parties() -> None:
    roster = [("Tampereen kaupunki", "city"), ("Pirkanmaan liitto (PIRLI)", "other")]
    empty = BodyDirectory()
    assert name_variants("Pirkanmaan liitto (PIRLI)") == (
        "Pirkanmaan liitto (PIRLI)",
        "Pirkanmaan liitto",
        "PIRLI",
    )
    assert empty.parties(["pirli"], roster) == ["other"]
    assert empty.parties(["Tampere"], roster) == []  # the roster alone does not know
    assert Config().body_directory().parties(["Tampere"], roster) == ["city"]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """One session with actions of ministries, cities and both."""
    root = tmp_path / "sessions"
    root.mkdir()
    people = [
        Participant("Virkamies", organisation="Ympäristöministeriö", party="state", id="p-1"),
        Participant("Johtaja", organisation="Tampereen kaupunki", party="city", id="p-2"),
    ]
    first = Session(title="Pöytä", date=dt.date(2026, 3, 12), id="s-1", participants=people)
    agreed = ActionStatus.AGREED
    first.actions = [
        Action("Kaavoitus", id="a-ym", status=agreed, responsible=["YM"]),
        Action("Raitiotie", id="a-lvm", status=agreed, responsible=["LVM"]),
        Action("Yhteinen", id="a-both", status=agreed, responsible=["Tampere", "YM"]),
        Action("Kaupungin oma", id="a-city", status=agreed, responsible=["Tampereen kaupunki"]),
        Action("Alue", id="a-own", status=agreed, responsible=["PIRHA"]),
    ]
    save_session(first, root / "2026-03-12-poyta.toml")
    return root


def action_ids(capsys: pytest.CaptureFixture[str], folder: Path, *options: str) -> set[str]:
    code = main(["--dir", str(folder), *options, "--format", "csv"])
    out = capsys.readouterr().out
    assert code == 0
    return {row["id"] for row in csv.DictReader(io.StringIO(out, newline=""))}


@pytest.mark.parametrize(
    ("party", "expected"),
    [
        ("valtio", {"a-ym", "a-lvm", "a-both"}),
        ("state", {"a-ym", "a-lvm", "a-both"}),
        ("Kaupunki", {"a-both", "a-city"}),
        ("Tampere", {"a-both", "a-city"}),
        ("Tampereen kaupunki", {"a-both", "a-city"}),
        ("ympäristöministeriö", {"a-ym", "a-both"}),
        ("MM", {"a-ym", "a-both"}),
    ],
)
def test_actions_party_finds_every_action_the_party_or_body_is_in(
    capsys: pytest.CaptureFixture[str], folder: Path, party: str, expected: set[str]
) -> None:
    assert action_ids(capsys, folder, "actions", "--party", party) == expected


def test_the_csv_names_every_party_of_an_action(
    capsys: pytest.CaptureFixture[str], folder: Path
) -> None:
    main(["--dir", str(folder), "actions", "--format", "csv"])
    rows = csv.DictReader(io.StringIO(capsys.readouterr().out, newline=""))
    parties = {row["id"]: row["parties"] for row in rows}
    assert parties["a-both"] == "city;state"
    assert parties["a-lvm"] == "state"


CONFIG_BODY = """\
parties = ["state", "city", "region", "other"]

[bodies.PIRHA]
party = "region"
fi = "Pirkanmaan hyvinvointialue"
aliases = ["Pirha"]
"""


def test_the_config_adds_bodies(
    capsys: pytest.CaptureFixture[str], folder: Path, kumppani_dirs: KumppaniDirs
) -> None:
    assert action_ids(capsys, folder, "actions", "--party", "region") == set()
    kumppani_dirs.config.mkdir(parents=True)
    kumppani_dirs.config_file.write_text(CONFIG_BODY, encoding="utf-8")
    assert action_ids(capsys, folder, "actions", "--party", "region") == {"a-own"}
    assert action_ids(capsys, folder, "actions", "--party", "Pirkanmaan hyvinvointialue") == {
        "a-own"
    }


@pytest.mark.parametrize(
    ("text", "line", "field"),
    [
        ('[bodies.PIRHA]\nparty = "region"\n', 2, "bodies.PIRHA.party"),
        ('[bodies.PIRHA]\nparty = "state"\nfi = ""\n', 3, "bodies.PIRHA.fi"),
        ('[bodies.PIRHA]\nparty = "state"\nlyhenne = "P"\n', 3, "bodies.PIRHA.lyhenne"),
        ('[bodies.PIRHA]\nparty = "state"\naliases = "Pirha"\n', 3, "bodies.PIRHA.aliases"),
        ('bodies = "YM"\n', 1, "bodies"),
    ],
)
def test_a_wrong_body_in_the_config_is_one_line(
    tmp_path: Path, text: str, line: int, field: str
) -> None:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert (caught.value.line, caught.value.field) == (line, field)
    assert "\n" not in caught.value.describe()


def test_a_wrong_body_stops_the_command_with_one_line(
    capsys: pytest.CaptureFixture[str], folder: Path, tmp_path: Path
) -> None:
    path = tmp_path / "config.toml"
    path.write_text('[bodies.X]\nparty = "kunta"\n', encoding="utf-8")
    code = main(["--config", str(path), "--dir", str(folder), "actions"])
    err = capsys.readouterr().err
    assert code == 1
    assert err.count("\n") == 1
    assert "config.toml:2" in err and "bodies.X.party" in err
