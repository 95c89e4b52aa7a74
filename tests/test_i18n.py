"""Every visible string exists in Finnish, Swedish and English."""

from __future__ import annotations

import string
import tomllib
from importlib import resources

import pytest

from kumppani.session.vocabulary import NOTE_KINDS, ActionStatus, Role, SessionStatus
from kumppani.text.i18n import LANGUAGES, Translator, catalog, t


def fields_of(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("language", ["sv", "en"])
def test_every_key_exists_in_every_language(language: str) -> None:
    finnish, other = catalog("fi"), catalog(language)
    assert sorted(set(finnish) - set(other)) == []
    assert sorted(set(other) - set(finnish)) == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_translations_use_the_same_placeholders(language: str) -> None:
    finnish, other = catalog("fi"), catalog(language)
    # Patterns such as ``export.date_format`` may pick different fields per language.
    keys = [key for key in finnish if not key.endswith("_format")]
    wrong = [key for key in keys if fields_of(finnish[key]) != fields_of(other.get(key, ""))]
    assert wrong == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_key_is_defined_twice_across_files(language: str) -> None:
    folder = resources.files("kumppani").joinpath("locales", language)
    seen: dict[str, str] = {}
    doubled = []
    for item in folder.iterdir():
        if not item.name.endswith(".toml"):
            continue
        flat: dict[str, str] = {}
        stack = [("", tomllib.loads(item.read_text("utf-8")))]
        while stack:
            prefix, table = stack.pop()
            for key, value in table.items():
                if isinstance(value, dict):
                    stack.append((f"{prefix}{key}.", value))
                else:
                    flat[prefix + key] = item.name
        for key in flat:
            if key in seen:
                doubled.append(f"{key}: {seen[key]} and {item.name}")
            seen[key] = item.name
    assert doubled == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_stored_vocabulary_has_labels(language: str) -> None:
    entries = catalog(language)
    keys = [f"kind.{kind}" for kind in NOTE_KINDS]
    keys += [f"role.{role}" for role in Role]
    keys += [f"session_status.{status}" for status in SessionStatus]
    keys += [f"action_status.{status}" for status in ActionStatus]
    keys += [f"party.{party}" for party in ("state", "city", "other")]
    assert [key for key in keys if key not in entries] == []


def test_lookup_falls_back_to_finnish_then_the_key() -> None:
    assert t("party.state", "sv") == "Staten"
    assert t("party.state", "de") == "Valtio"
    assert t("no.such.key", "en") == "no.such.key"
    assert Translator("en")("kind.challenge") == "Challenge"


def test_a_missing_field_is_left_visible_not_a_crash() -> None:
    assert t("no.such {thing}", "fi", other=1) == "no.such {thing}"


def test_one_and_many_take_their_own_form() -> None:
    assert t("indicators.heading", "fi", title="x", count=1) == "Sarja: x (1 istunto)"
    assert t("indicators.heading", "fi", title="x", count=4) == "Sarja: x (4 istuntoa)"
    assert t("indicators.heading", "sv", title="x", count=1) == "Serie: x (1 möte)"
    assert "lisäksi 1 muu)" in t("step.comments_lost_more", "fi", comments="c", count=1)
    assert "lisäksi 3 muuta)" in t("step.comments_lost_more", "fi", comments="c", count=3)
    assert "lisäksi" not in t("step.comments_lost", "fi", comments="c")


@pytest.mark.parametrize(("language", "said"), [("fi", "0,5"), ("sv", "0,5"), ("en", "0.5")])
def test_a_decimal_value_is_written_as_the_language_does(language: str, said: str) -> None:
    assert said in t("journal.retry", language, seconds=0.5, safe="")
    assert " 30 " in t("journal.retry", language, seconds=30.0, safe="")
