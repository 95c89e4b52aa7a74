"""Opening and saving a 1,000-note session, against raw tomllib / tomli-w on the same data.

Budgets (issue 7):

- open a 1,000-note session and show its first step: at most 1.3x a raw
  ``tomllib.loads`` of the same file;
- save a 1,000-note session (full atomic save): at most 1.3x a raw
  ``tomli_w.dumps`` of the same data.

Open is measured three ways: ``storage.read_session`` (read, parse, validate,
snapshot), ``SessionEditor.open`` (that and the template), and in the real app
headless: from ``app.open_session(path)`` to the first frame of the step
screen. The baseline reads the file and ``tomllib.loads`` its text (the same
file read on both sides).

Save is ``storage.save_session`` (encode, the checked dump of
``fileformat.fragments``: the text, proven to parse back to the document and
validated as a session, write a temporary file, fsync, rename, fsync the
folder) and ``SessionEditor.save``; the baseline is ``tomli_w.dumps`` of the
already encoded document with the options kumppani uses
(``multiline_strings=True``), i.e. the same bytes. The checked dump keeps each
note's checked text by content, so a save costs what changed since the last
one: the budget row saves after one note was edited (as an autosave after a
typed note does); beside it, a save with nothing cached (the first save after
opening the file, in a new process). Subject and baseline are timed in turns;
figures are medians.
"""

from __future__ import annotations

import asyncio
import shutil
import tempfile
import time
import tomllib
from pathlib import Path

import tomli_w
from _common import Row, interleaved, median, parser, report, spread, write_session

from kumppani.editing.editor import SessionEditor
from kumppani.fileformat import decode_session, dump_session, encode_session
from kumppani.fileformat.fragments import FRAGMENTS, checked_dump
from kumppani.fileformat.note_memo import NOTES
from kumppani.settings.config import Config
from kumppani.storage.files import (
    read_session,
    read_text,
    save_session,
    session_bytes,
    snapshot_of,
    write_atomic,
)
from kumppani.toml import read as tomlread

COMMAND = "python benchmarks/bench_file.py"
READER = "compiled tomli" if tomlread.loads.__module__.startswith("tomli") else "tomllib"
"""What kumppani parses session files with here (``kumppani.toml.read``)."""


def raw_parse(path: Path) -> object:
    """The baseline of opening: read the file and parse it with tomllib, nothing else."""
    return tomllib.loads(path.read_text("utf-8"))


def file_rows(path: Path, repeat: int) -> list[Row]:
    """Open and save outside the app, with their parts."""
    session, _ = read_session(path)
    document = encode_session(session)
    text = dump_session(document)
    data = text.encode("utf-8")
    parsed = tomllib.loads(text)
    target = path.with_name("saved.toml")
    editor = SessionEditor.open(path)
    editor.save_as(path.with_name("saved-by-editor.toml"))  # its own file: no outside change
    edits = iter(range(1_000_000))

    def edit_one(subject: object) -> None:
        """Change one note, as typing does between two autosaves."""
        number = next(edits)
        for step in getattr(subject, "steps"):  # noqa: B009
            if step.notes:
                note = step.notes[number % len(step.notes)]
                note.text = f"Muokattu muistiinpano {number}: " + note.text[-200:]
                return

    def edited_save() -> object:
        edit_one(session)
        return save_session(session, target)

    def edited_editor_save() -> object:
        edit_one(editor.session)
        editor.revision += 1
        return editor.save()

    def cold_save() -> object:
        FRAGMENTS.clear()
        NOTES.clear()
        return save_session(session, target)

    def edited_bytes() -> object:
        edit_one(session)
        return session_bytes(session, target)

    def cold_checked_dump() -> object:
        FRAGMENTS.clear()
        return checked_dump(encode_session(session))

    def edited_checked_dump() -> object:
        edit_one(session)
        return checked_dump(encode_session(session))

    opening = interleaved(
        {
            "raw": lambda: raw_parse(path),
            "read_session": lambda: read_session(path),
            "editor_open": lambda: SessionEditor.open(path),
            "read_text": lambda: read_text(path),
            "loads": lambda: tomllib.loads(text),
            "reader": lambda: tomlread.loads(text),
            "decode": lambda: decode_session(parsed, path, text),
            "snapshot": lambda: snapshot_of(path, data),
        },
        repeat,
    )
    saving = interleaved(
        {
            "raw": lambda: tomli_w.dumps(document, multiline_strings=True),
            "save_session": edited_save,
            "editor_save": edited_editor_save,
            "cold_save": cold_save,
            "unchanged_save": lambda: save_session(session, target),
            "bytes": edited_bytes,
            "encode": lambda: encode_session(session),
            "checked_dump": edited_checked_dump,
            "cold_checked_dump": cold_checked_dump,
            "decode": lambda: decode_session(document, target, text),
            "reparse": lambda: tomllib.loads(text),
            "write_atomic": lambda: write_atomic(target, data),
        },
        repeat,
    )
    ms = {name: median(values) * 1000 for name, values in opening.items()}
    save_ms = {name: median(values) * 1000 for name, values in saving.items()}
    size = f"{len(data) / 1e6:.2f} MB"
    raw_open, raw_save = ms["raw"], save_ms["raw"]
    decode_only = ms["decode"]  # timed on a parsed document, not as a difference of medians
    return [
        Row(
            "open 1,000-note session: storage.read_session",
            ms["read_session"],
            budget="≤ 1.3x raw tomllib.loads",
            baseline=raw_open,
            baseline_what="read + tomllib.loads",
            limit_ratio=1.3,
            command=COMMAND,
            detail=(
                f"{size}; {spread(opening['read_session'])}; parts: read_text "
                f"{ms['read_text']:.1f} ms, parse with {READER} {ms['reader']:.1f} ms "
                f"(tomllib.loads {ms['loads']:.1f} ms), validate+build "
                f"{decode_only:.1f} ms, snapshot (stat+sha256) {ms['snapshot']:.1f} ms; "
                f"raw {spread(opening['raw'])}"
            ),
        ),
        Row(
            "open 1,000-note session: SessionEditor.open",
            ms["editor_open"],
            budget="≤ 1.3x raw tomllib.loads",
            baseline=raw_open,
            baseline_what="read + tomllib.loads",
            limit_ratio=1.3,
            command=COMMAND,
            detail=spread(opening["editor_open"]),
        ),
        Row(
            "save 1,000-note session, one note edited since the last save: storage.save_session",
            save_ms["save_session"],
            budget="≤ 1.3x raw tomli_w.dumps",
            baseline=raw_save,
            baseline_what="tomli_w.dumps",
            limit_ratio=1.3,
            command=COMMAND,
            detail=(
                f"{spread(saving['save_session'])}; the bytes (all the Python: encode with the "
                f"note memo, checked dump, check) {save_ms['bytes']:.1f} ms; "
                f"parts without the memo: encode {save_ms['encode']:.1f} ms, "
                f"checked dump (one note new) {save_ms['checked_dump'] - save_ms['encode']:.1f} "
                f"ms, validate as a session {save_ms['decode']:.1f} ms, write+fsync+rename "
                f"{save_ms['write_atomic']:.1f} ms; nothing changed: "
                f"{save_ms['unchanged_save']:.1f} ms; raw {spread(saving['raw'])}; a whole "
                f"parse back (as before the fragment cache) would add "
                f"{save_ms['reparse']:.1f} ms"
            ),
        ),
        Row(
            "save 1,000-note session, one note edited: SessionEditor.save",
            save_ms["editor_save"],
            budget="≤ 1.3x raw tomli_w.dumps",
            baseline=raw_save,
            baseline_what="tomli_w.dumps",
            limit_ratio=1.3,
            command=COMMAND,
            detail=spread(saving["editor_save"]),
        ),
        Row(
            "save 1,000-note session, first save (nothing cached): storage.save_session",
            save_ms["cold_save"],
            baseline=raw_save,
            baseline_what="tomli_w.dumps",
            command=COMMAND,
            detail=(
                f"{spread(saving['cold_save'])}; checked dump with nothing cached "
                f"{save_ms['cold_checked_dump'] - save_ms['encode']:.1f} ms (every note dumped "
                "and parsed back once)"
            ),
        ),
    ]


async def app_open_rows(path: Path, repeat: int) -> list[Row]:
    """From ``open_session`` to the first frame of the step screen, in the real app."""
    from _tui import FrameProbe, settle

    from kumppani.tui.app import make_app
    from kumppani.tui.screens.step.screen import StepScreen

    app = make_app(Config(), path.parent, language="fi")
    shown: list[float] = []
    raw: list[float] = []
    first_saves: list[float] = []
    dumps: list[float] = []
    document = encode_session(read_session(path)[0])
    async with app.run_test(size=(120, 40)) as pilot:
        probe = FrameProbe(app)
        await settle(pilot)
        for round_number in range(repeat + 1):
            start = time.perf_counter()
            raw_parse(path)
            raw_time = time.perf_counter() - start
            dumps_start = time.perf_counter()
            tomli_w.dumps(document, multiline_strings=True)
            dumps.append(time.perf_counter() - dumps_start)
            FRAGMENTS.clear()  # as in a new process: nothing checked yet
            since = probe.mark()
            start = time.perf_counter()
            screen = app.open_session(path)
            assert screen is not None
            moment = await probe.first_frame(since, lambda current: isinstance(current, StepScreen))
            if moment is None:
                raise RuntimeError("the step screen was never shown")
            await settle(pilot)  # includes the save warm-up the step screen starts
            note = screen.editor.session.steps[0].notes[0]
            note.text = f"Muokattu {round_number}: " + note.text[-200:]
            screen.editor.changed("notes")
            save_start = time.perf_counter()
            screen.editor.save()
            save_time = time.perf_counter() - save_start
            if round_number:  # the first round warms up
                shown.append(moment - start)
                raw.append(raw_time)
                first_saves.append(save_time)
            app.pop_screen()
            await settle(pilot)
    return [
        Row(
            "open 1,000-note session and show its first step (app, headless)",
            median(shown) * 1000,
            budget="≤ 1.3x raw tomllib.loads",
            baseline=median(raw) * 1000,
            baseline_what="read + tomllib.loads",
            limit_ratio=1.3,
            command=COMMAND,
            detail=f"{spread(shown)}; raw {spread(raw)}",
        ),
        Row(
            "first save after opening in the app (one note edited; checked in the background)",
            median(first_saves) * 1000,
            budget="≤ 1.3x raw tomli_w.dumps",
            baseline=median(dumps) * 1000,
            baseline_what="tomli_w.dumps",
            limit_ratio=1.3,
            command=COMMAND,
            detail=f"{spread(first_saves)}; the step screen prepares the first save in a thread",
        ),
    ]


def main(argv: list[str] | None = None) -> list[Row]:
    args = parser(__doc__.splitlines()[0]).parse_args(argv)
    repeat = 3 if args.quick else 15
    work = Path(tempfile.mkdtemp(prefix="kumppani-bench-file-"))
    try:
        path = write_session(work / "sessions", 1000, steps=["overall", "situation", "will"])
        rows = file_rows(path, repeat)
        rows += asyncio.run(app_open_rows(path, 2 if args.quick else 9))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    report("bench_file.py", rows, args.json, args.quick)
    return rows


if __name__ == "__main__":
    main()
