"""The home screen's filters and orders over a library, without the UI."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from kumppani.library import PreviousLink, SessionSummary
from kumppani.library.query import (
    LibraryFilter,
    filter_summaries,
    sort_summaries,
)
from kumppani.session.vocabulary import SessionStatus


def summary(
    name: str,
    title: str,
    day: str | None,
    status: SessionStatus = SessionStatus.HELD,
    parties: tuple[str, ...] = ("state", "city"),
    previous: str | None = None,
    text: str = "",
) -> SessionSummary:
    return SessionSummary(
        path=Path("/s") / name,
        id=f"s-{name}",
        title=title,
        date=dt.date.fromisoformat(day) if day else None,
        status=status,
        parties=parties,
        previous=PreviousLink(f"s-{previous}") if previous else None,
        text_blob="\x00".join(["overall", "note", text, "n-1"]) if text else "",
    )


LIBRARY = [
    summary("a.toml", "Asuminen Turku", "2025-02-01", SessionStatus.APPROVED),
    summary("b.toml", "Nuoret Tampere", "2026-03-12", parties=("state", "city", "region")),
    summary("c.toml", "Nuoret: seuranta", "2026-09-17", SessionStatus.DRAFT, previous="b.toml"),
    summary(
        "d.toml", "Liikenne", None, SessionStatus.IN_PROGRESS, parties=("city",), text="Ratikka"
    ),
]


def names(found: list[SessionSummary]) -> list[str]:
    return [item.path.name for item in found]


def test_dates_newest_first_undated_last_and_reversed() -> None:
    assert names(sort_summaries(LIBRARY)) == ["c.toml", "b.toml", "a.toml", "d.toml"]
    assert names(sort_summaries(LIBRARY, reverse=True)) == ["d.toml", "a.toml", "b.toml", "c.toml"]


def test_titles_and_statuses() -> None:
    assert names(sort_summaries(LIBRARY, "title")) == ["a.toml", "d.toml", "b.toml", "c.toml"]
    assert names(sort_summaries(LIBRARY, "status")) == ["c.toml", "d.toml", "b.toml", "a.toml"]


@pytest.mark.parametrize(
    ("wanted", "expected"),
    [
        (LibraryFilter(), ["a.toml", "b.toml", "c.toml", "d.toml"]),
        (LibraryFilter(text="nuoret"), ["b.toml", "c.toml"]),
        (LibraryFilter(text="RATIKKA"), ["d.toml"]),
        (LibraryFilter(text="c.toml"), ["c.toml"]),
        (LibraryFilter(since=dt.date(2026, 1, 1)), ["b.toml", "c.toml"]),
        (LibraryFilter(until=dt.date(2026, 3, 12)), ["a.toml", "b.toml"]),
        (LibraryFilter(series="b.toml"), ["b.toml", "c.toml"]),
        (LibraryFilter(series="s-c.toml"), ["b.toml", "c.toml"]),
        (LibraryFilter(series="nowhere"), []),
        (LibraryFilter(party="region"), ["b.toml"]),
        (LibraryFilter(statuses=("draft",)), ["c.toml"]),
        (LibraryFilter(text="nuoret", statuses=("held",), party="state"), ["b.toml"]),
    ],
)
def test_filters(wanted: LibraryFilter, expected: list[str]) -> None:
    assert names(filter_summaries(LIBRARY, wanted)) == expected
