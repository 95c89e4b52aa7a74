"""The library scan: summaries, located errors, the parallel parse, the index cache and series."""

from __future__ import annotations

import datetime as dt
import functools
import json
import os
import stat
from concurrent.futures import Executor
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from kumppani import library
from kumppani.library import (
    PARALLEL_MIN,
    ScanResult,
    SessionSummary,
    cache_file,
    find_session,
    scan_folder,
    series_of,
)
from kumppani.session.model import (
    Action,
    Approval,
    Indicator,
    Note,
    Participant,
    PreviousSession,
    Reading,
    Session,
    WinWin,
)
from kumppani.session.vocabulary import ActionStatus, SessionStatus
from kumppani.storage.files import save_session

if TYPE_CHECKING:
    from tests.support.dirs import KumppaniDirs

OLD_NS = 1_700_000_000 * 1_000_000_000
"""A time safely in the past (2023), so the cache trusts the files' entries."""

SYNTAX_ERROR = 'format = "kumppani.session"\nformat_version = "1.0"\n[session\ntitle = "x"\n'
WRONG_TYPE = (
    'format = "kumppani.session"\nformat_version = "1.0"\n\n[session]\ntitle = 3\n\n[end]\n'
)


def age(path: Path, offset: int = 0) -> None:
    """Date the file back, as a file in an archive is."""
    os.utime(path, ns=(OLD_NS + offset, OLD_NS + offset))


def write(folder: Path, name: str, session: Session, offset: int = 0) -> Path:
    path = folder / name
    save_session(session, path)
    age(path, offset)
    return path


def write_text(folder: Path, name: str, text: str | bytes, offset: int = 0) -> Path:
    path = folder / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    age(path, offset)
    return path


def rich_session() -> Session:
    people = [
        Participant(name="Valtion Virkamies", organisation="TEM", party="state", id="p-1"),
        Participant(name="Kaupungin Johtaja", organisation="Tampere", party="city", id="p-2"),
        Participant(name="Poissa", organisation="Kela", party="other", present=False, id="p-3"),
    ]
    session = Session(
        title="Kumppanuuspöytä",
        theme="Nuoret",
        date=dt.date(2026, 3, 12),
        start_time=dt.time(9, 30),
        participants=people,
        id="s-rich",
        status=SessionStatus.APPROVED,
        approval=Approval(by="Sihteeri", at=dt.datetime(2026, 3, 20, 12, 0, tzinfo=dt.UTC)),
        previous=PreviousSession(id="s-before", file="before.toml", title="Ennen"),
    )
    session.step("overall").notes = [
        Note(text="Ohjaamo on jo olemassa", participant="p-1", highlight=True, id="n-1"),
        Note(text="Toinen rivi\nJossa KASVUSOPIMUS", id="n-2"),
    ]
    session.step("situation").conclusion = "Tilannekuva riittää"
    session.winwin = WinWin(state_gains="Valtio saa tietoa", city_gains="Kaupunki saa rahaa")
    session.actions = [
        Action(
            title="Keskeytysilmoitus",
            description="Lomake",
            rationale="Viive",
            responsible=["Tampere"],
            owner="Valtion Virkamies",
            due=dt.date(2026, 6, 30),
            status=ActionStatus.AGREED,
            id="a-1",
        )
    ]
    session.actions[0].set_status(ActionStatus.IN_PROGRESS, dt.date(2026, 4, 1), "alkoi")
    session.shared_message = "Yhteinen viesti"
    session.indicators = [
        Indicator(
            name="Yhteydenotot",
            unit="%",
            baseline=35,
            target=90.5,
            id="i-1",
            readings=[Reading(dt.date(2026, 6, 30), 58), Reading(dt.date(2026, 3, 31), 35)],
        )
    ]
    session.followup_plan = "Seuraava kokous syksyllä"
    return session


def simple(title: str, day: dt.date | None, **kw: Any) -> Session:
    return Session(title=title, date=day, **kw)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A folder with good sessions, three kinds of broken file, and things that are no session."""
    root = tmp_path / "sessions"
    root.mkdir()
    write(root, "a.toml", rich_session())
    write(root, "b.toml", simple("Toinen", dt.date(2025, 1, 5), id="s-b"))
    write_text(root, "c-syntax.toml", SYNTAX_ERROR)
    write_text(root, "d-type.toml", WRONG_TYPE)
    good = (root / "b.toml").read_text(encoding="utf-8")
    write_text(root, "e-truncated.toml", good[: good.index("[end]")])
    write_text(root, "f-latin1.toml", 'title = "P\xf6yt\xe4"\n'.encode("latin-1"))
    write_text(root, ".kumppani-x.tmp", "half written")
    write_text(root, ".hidden.toml", WRONG_TYPE)
    write_text(root, "notes.txt", "not a session")
    return root


class CountingReads(list[Path]):
    """Every file a scan parses, when passed as its ``summarize`` (scans in this process)."""

    def __call__(self, path: Path) -> library.Record:
        self.append(path)
        return library.summarize_file(path)


def names(result: ScanResult) -> list[str]:
    return [summary.path.name for summary in result.summaries]


def error_names(result: ScanResult) -> list[str]:
    return [error.path.name for error in result.errors if error.path is not None]


# --- summaries and errors ---------------------------------------------------------------


def test_a_scan_summarises_good_files_and_locates_broken_ones(folder: Path) -> None:
    result = scan_folder(folder, workers=1)
    assert names(result) == ["a.toml", "b.toml"]
    assert error_names(result) == [
        "c-syntax.toml",
        "d-type.toml",
        "e-truncated.toml",
        "f-latin1.toml",
    ]
    syntax, wrong, truncated, latin = result.errors
    assert syntax.line == 3 and "not valid TOML" in syntax.message
    assert (wrong.line, wrong.field) == (5, "session.title")
    assert truncated.field == "end"
    assert latin.line == 1 and "UTF-8" in latin.message
    assert all(error.path is not None and error.path.parent == folder for error in result.errors)


def test_the_summary_holds_what_list_search_and_actions_need(folder: Path) -> None:
    summary = scan_folder(folder, workers=1).summaries[0]
    assert summary.path == folder / "a.toml"
    assert (summary.id, summary.title, summary.theme) == ("s-rich", "Kumppanuuspöytä", "Nuoret")
    assert (summary.date, summary.start_time) == (dt.date(2026, 3, 12), dt.time(9, 30))
    assert summary.status is SessionStatus.APPROVED
    assert summary.parties == ("state", "city")  # the absent participant's party is left out
    assert summary.participant_count == 3
    assert summary.previous is not None and summary.previous.id == "s-before"
    assert summary.previous.file == "before.toml"
    assert summary.approval is not None and summary.approval.by == "Sihteeri"
    assert (summary.note_count, summary.highlight_count) == (2, 1)
    assert (summary.action_count, summary.indicator_count, summary.open_action_count) == (1, 1, 1)
    action = summary.actions[0]
    assert (action.id, action.status, action.due) == (
        "a-1",
        ActionStatus.IN_PROGRESS,
        dt.date(2026, 6, 30),
    )
    assert action.parties == ("state", "city")  # the owner's party and the responsible city's
    assert action.last_change == dt.date(2026, 4, 1)
    indicator = summary.indicators[0]
    assert (indicator.baseline, indicator.target) == (35, 90.5)
    assert indicator.readings == ((dt.date(2026, 3, 31), 35), (dt.date(2026, 6, 30), 58))
    fields = {(entry.step, entry.field) for entry in summary.texts()}
    assert fields == {
        ("overall", "note"),
        ("situation", "conclusion"),
        ("will", "winwin.state_gains"),
        ("will", "winwin.city_gains"),
        ("solutions", "action.title"),
        ("solutions", "action.description"),
        ("solutions", "action.rationale"),
        ("solutions", "action.status_note"),
        ("solutions", "shared_message"),
        ("followup", "indicator.name"),
        ("followup", "followup_plan"),
    }
    assert ("overall", "note", "Toinen rivi\nJossa KASVUSOPIMUS", "n-2") in tuple(summary.texts())


def test_a_missing_folder_gives_an_empty_result(tmp_path: Path) -> None:
    result = scan_folder(tmp_path / "nope")
    assert (result.summaries, result.errors) == ([], [])


def test_recursive_reads_subfolders_but_not_hidden_ones(tmp_path: Path) -> None:
    write(tmp_path, "top.toml", simple("Ylhäällä", None))
    (tmp_path / "2025").mkdir()
    write(tmp_path / "2025", "deep.toml", simple("Alhaalla", None))
    (tmp_path / ".git").mkdir()
    write(tmp_path / ".git", "x.toml", simple("Piilossa", None))
    assert names(scan_folder(tmp_path)) == ["top.toml"]
    deep = scan_folder(tmp_path, recursive=True)
    assert [str(summary.path.relative_to(tmp_path)) for summary in deep.summaries] == [
        os.path.join("2025", "deep.toml"),
        "top.toml",
    ]


def test_an_unexpected_fault_in_one_file_only_skips_that_file(folder: Path) -> None:
    def faulty(session: Session) -> library.Record:
        if session.id == "s-b":
            raise RecursionError("too deep")
        return library.record_of(session)

    summarize = functools.partial(library.summarize_file, record=faulty)
    result = scan_folder(folder, workers=1, cache=False, summarize=summarize)
    assert names(result) == ["a.toml"]
    assert "b.toml" in error_names(result)
    assert "RecursionError" in next(e.message for e in result.errors if e.path == folder / "b.toml")


# --- parallel ----------------------------------------------------------------------------


def test_the_parallel_scan_gives_what_the_serial_one_gives(tmp_path: Path) -> None:
    for index in range(PARALLEL_MIN + 8):
        write(tmp_path, f"s{index:03d}.toml", simple(f"Istunto {index}", dt.date(2026, 1, 1)))
    write_text(tmp_path, "zz-broken.toml", WRONG_TYPE)
    done: list[tuple[int, int]] = []
    parallel = scan_folder(tmp_path, workers=2, cache=False, progress=lambda *a: done.append(a))
    serial = scan_folder(tmp_path, workers=1, cache=False)
    assert parallel.summaries == serial.summaries
    assert [e.describe() for e in parallel.errors] == [e.describe() for e in serial.errors]
    assert parallel.read == PARALLEL_MIN + 9
    assert done[-1] == (PARALLEL_MIN + 9, PARALLEL_MIN + 9)


def test_without_processes_the_scan_reads_in_this_process(tmp_path: Path) -> None:
    for index in range(PARALLEL_MIN + 2):
        write(tmp_path, f"s{index:03d}.toml", simple(f"Istunto {index}", None))

    def no_pool(workers: int) -> Executor:
        raise OSError("no processes in this sandbox")

    result = scan_folder(tmp_path, workers=2, cache=False, make_pool=no_pool)
    assert len(result.summaries) == PARALLEL_MIN + 2


POOL_UNDER_CAPTURE = """
import os, sys, threading
from kumppani.library import reading

class Capture:  # what Textual puts in sys.stderr while an app runs
    def write(self, text): return len(text)
    def flush(self): pass
    def fileno(self): return -1

stop = threading.Event()
threading.Thread(target=stop.wait, daemon=True).start()  # like the TUI: no fork
sys.stderr = Capture()
with reading.new_pool(2) as pool:
    child = pool.submit(os.getpid).result(timeout=60)
stop.set()
print("read in another process" if child != os.getpid() else "read here")
"""


def test_a_pool_starts_while_textual_captures_stderr() -> None:
    # Inside the TUI, sys.stderr says fileno() == -1, and the resource tracker a
    # forkserver pool starts failed ("bad value(s) in fds_to_keep"): the home
    # screen's first scan of 16 files or more crashed the app. A fresh process,
    # as the tracker is started once per process.
    import subprocess
    import sys

    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    done = subprocess.run(
        [sys.executable, "-c", POOL_UNDER_CAPTURE],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert done.stdout.strip() == "read in another process", done.stderr


# --- the cache ---------------------------------------------------------------------------


def test_a_second_scan_reads_no_file(folder: Path) -> None:
    calls = CountingReads()
    first = scan_folder(folder, workers=1, summarize=calls)
    assert len(calls) == 6 and (first.read, first.cached) == (6, 0)
    calls.clear()
    second = scan_folder(folder, workers=1, summarize=calls)
    assert calls == []
    assert (second.read, second.cached) == (0, 6)
    assert second.summaries == first.summaries
    # The errors of broken files come from the cache too, as located as before.
    assert [e.describe() for e in second.errors] == [e.describe() for e in first.errors]


def test_a_changed_file_is_read_again_and_a_deleted_one_dropped(folder: Path) -> None:
    scan_folder(folder, workers=1)
    calls = CountingReads()
    write(folder, "b.toml", simple("Muutettu otsikko", dt.date(2025, 1, 5), id="s-b"), offset=7)
    (folder / "a.toml").unlink()
    write(folder, "d-type.toml", simple("Korjattu", None), offset=9)  # a broken file mended
    result = scan_folder(folder, workers=1, summarize=calls)
    assert sorted(path.name for path in calls) == ["b.toml", "d-type.toml"]
    assert [summary.title for summary in result.summaries] == ["Muutettu otsikko", "Korjattu"]
    stored = json.loads(cache_file(folder).read_text(encoding="utf-8"))["entries"]
    assert str(folder / "a.toml") not in stored
    assert len(stored) == 5


def test_a_file_changed_within_the_same_second_is_not_trusted(tmp_path: Path) -> None:
    path = tmp_path / "fresh.toml"
    save_session(simple("Juuri tallennettu", None), path)  # mtime now: maybe still being written
    scan_folder(tmp_path, workers=1)
    calls = CountingReads()
    scan_folder(tmp_path, workers=1, summarize=calls)
    assert calls == [path]  # read again: a same-size save in the same tick would look unchanged
    age(path)
    scan_folder(tmp_path, workers=1, summarize=calls)
    calls.clear()
    scan_folder(tmp_path, workers=1, summarize=calls)
    assert calls == []


def test_the_same_size_and_time_with_other_bytes_is_trusted_only_when_old(
    tmp_path: Path,
) -> None:
    # The documented limit: size and mtime_ns are the key. An old entry is trusted.
    path = write(tmp_path, "x.toml", simple("Aaaa", None, id="s-x"))
    scan_folder(tmp_path, workers=1)
    text = path.read_text(encoding="utf-8").replace("Aaaa", "Bbbb")
    write_text(tmp_path, "x.toml", text)
    assert scan_folder(tmp_path, workers=1).summaries[0].title == "Aaaa"
    assert scan_folder(tmp_path, workers=1, cache=False).summaries[0].title == "Bbbb"


@pytest.mark.parametrize(
    "damage",
    [
        b"",
        b"\x00\xff garbage",
        b"[1, 2, 3]",
        b'{"format": "kumppani.library-cache", "version": 999, "entries": {}}',
        b'{"format": "something else"}',
        b"{" * 100_000,
    ],
)
def test_a_corrupt_cache_is_ignored_and_rebuilt(folder: Path, damage: bytes) -> None:
    first = scan_folder(folder, workers=1)
    where = cache_file(folder)
    where.write_bytes(damage)
    calls = CountingReads()
    again = scan_folder(folder, workers=1, summarize=calls)
    assert len(calls) == 6
    assert again.summaries == first.summaries
    assert json.loads(where.read_bytes())["format"] == "kumppani.library-cache"


def test_a_cache_entry_of_the_wrong_shape_is_ignored_alone(folder: Path) -> None:
    first = scan_folder(folder, workers=1)
    where = cache_file(folder)
    document = json.loads(where.read_bytes())
    entries = document["entries"]
    entries[str(folder / "a.toml")][3]["title"] = 42
    entries[str(folder / "b.toml")][3]["texts"] = "one\x00two\x00three"
    entries[str(folder / "c-syntax.toml")] = "not a list"
    entries[str(folder / "d-type.toml")][3] = {"error": {"message": None}}
    where.write_text(json.dumps(document), encoding="utf-8")
    calls = CountingReads()
    again = scan_folder(folder, workers=1, summarize=calls)
    assert sorted(path.name for path in calls) == [
        "a.toml",
        "b.toml",
        "c-syntax.toml",
        "d-type.toml",
    ]
    assert again.summaries == first.summaries


def test_a_cache_for_another_folder_is_not_used(folder: Path, tmp_path: Path) -> None:
    scan_folder(folder, workers=1)
    other = tmp_path / "other"
    other.mkdir()
    write(other, "a.toml", simple("Muu", None))
    cache_file(other).write_bytes(cache_file(folder).read_bytes())
    calls = CountingReads()
    assert names(scan_folder(other, workers=1, summarize=calls)) == ["a.toml"]
    assert len(calls) == 1


def test_the_cache_is_private_and_written_atomically(
    folder: Path, kumppani_dirs: KumppaniDirs
) -> None:
    scan_folder(folder, workers=1)
    where = cache_file(folder)
    assert where.parent.parent == kumppani_dirs.cache
    assert stat.S_IMODE(where.stat().st_mode) == 0o600
    assert [path.name for path in where.parent.iterdir()] == [where.name]  # no temporary file
    before = where.stat().st_mtime_ns
    scan_folder(folder, workers=1)
    assert where.stat().st_mtime_ns == before  # nothing changed: nothing written


def test_a_cache_that_cannot_be_written_does_not_stop_the_scan(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("KUMPPANI_CACHE_DIR", str(blocker))
    result = scan_folder(folder, workers=1)
    assert names(result) == ["a.toml", "b.toml"]


def test_cache_off_neither_reads_nor_writes_it(folder: Path) -> None:
    scan_folder(folder, cache=False, workers=1)
    assert not cache_file(folder).exists()


# --- series ------------------------------------------------------------------------------


def chain(tmp_path: Path) -> list[SessionSummary]:
    first = simple("Alku", dt.date(2025, 3, 1), id="s-1")
    second = simple(
        "Seuranta", dt.date(2025, 9, 1), id="s-2", previous=PreviousSession("s-1", "1.toml")
    )
    third = simple("Toinen seuranta", None, id="s-3", previous=PreviousSession("s-2", "2.toml"))
    branch = simple(
        "Sivupolku", dt.date(2025, 10, 1), id="s-4", previous=PreviousSession("s-1", "1.toml")
    )
    moved = simple(
        "Tunniste muuttunut",
        dt.date(2026, 1, 1),
        id="s-5",
        previous=PreviousSession("s-unknown", "4.toml"),
    )
    alone = simple("Yksin", dt.date(2025, 5, 1), id="s-9")
    for name, session in [
        ("3.toml", third),
        ("1.toml", first),
        ("2.toml", second),
        ("4.toml", branch),
        ("5.toml", moved),
        ("9.toml", alone),
    ]:
        write(tmp_path, name, session)
    return scan_folder(tmp_path, workers=1).summaries


def test_a_series_is_every_linked_session_by_date(tmp_path: Path) -> None:
    summaries = chain(tmp_path)
    titles = [summary.title for summary in series_of(summaries, "s-2")]
    # An undated session takes its place after its previous one; the link by file name
    # holds when the previous id is not found.
    assert titles == ["Alku", "Seuranta", "Toinen seuranta", "Sivupolku", "Tunniste muuttunut"]
    assert [summary.title for summary in series_of(summaries, "s-9")] == ["Yksin"]
    assert series_of(summaries, "s-nobody") == []


def test_a_cycle_of_links_does_not_hang(tmp_path: Path) -> None:
    write(tmp_path, "a.toml", simple("A", None, id="s-a", previous=PreviousSession("s-b")))
    write(tmp_path, "b.toml", simple("B", None, id="s-b", previous=PreviousSession("s-a")))
    summaries = scan_folder(tmp_path).summaries
    assert {summary.id for summary in series_of(summaries, "s-a")} == {"s-a", "s-b"}


def test_find_session_by_id_or_file(tmp_path: Path) -> None:
    summaries = chain(tmp_path)
    found = find_session(summaries, "s-2")
    assert found is not None and found.path.name == "2.toml"
    by_name = find_session(summaries, "4.toml")
    assert by_name is not None and by_name.id == "s-4"
    by_path = find_session(summaries, str(tmp_path / "1.toml"))
    assert by_path is not None and by_path.id == "s-1"
    assert find_session(summaries, "nothing") is None


def test_a_nul_in_a_text_cannot_shift_the_stored_texts(tmp_path: Path) -> None:
    session = simple("Nolla", None)
    session.step("overall").notes = [Note(text="ennen\x00jälkeen", id="n-\x00")]
    session.step("overall").conclusion = "Johtopäätös"
    write(tmp_path, "nul.toml", session)
    for result in (scan_folder(tmp_path), scan_folder(tmp_path)):  # read, then cached
        assert tuple(result.summaries[0].texts()) == (
            ("overall", "note", "ennen\ufffdjälkeen", "n-\ufffd"),
            ("overall", "conclusion", "Johtopäätös", ""),
        )
