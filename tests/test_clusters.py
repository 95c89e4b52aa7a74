"""Clustering: notes grouped under headings, by heading text."""

from __future__ import annotations

from kumppani.roundtable import groups as clusters
from kumppani.session.model import Note, Step


def step() -> Step:
    return Step("situation", notes=[Note(text) for text in "abcd"])


def test_assign_makes_a_group_once_and_reuses_it_by_heading() -> None:
    one = step()
    first = clusters.assign(one, one.notes[0], "  Osaaminen ")
    again = clusters.assign(one, one.notes[2], "osaaminen")
    assert first is again and first is not None and first.heading == "Osaaminen"
    clusters.assign(one, one.notes[1], "Rahoitus")
    assert clusters.headings(one) == ["Osaaminen", "Rahoitus"]
    shown = [(g.heading if g else None, [n.text for n in ns]) for g, ns in clusters.grouped(one)]
    assert shown == [("Osaaminen", ["a", "c"]), ("Rahoitus", ["b"]), (None, ["d"])]


def test_an_empty_heading_ungroups_and_unused_groups_go() -> None:
    one = step()
    clusters.assign(one, one.notes[0], "Osaaminen")
    assert clusters.assign(one, one.notes[0], "") is None
    assert one.notes[0].group == "" and one.groups == []


def test_a_note_under_an_unknown_group_is_shown_ungrouped() -> None:
    one = step()
    one.notes[0].group = "g-gone"
    assert clusters.grouped(one) == [(None, one.notes)]
