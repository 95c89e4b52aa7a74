"""Merging two 1,000-note versions of one session by meaning, from their files.

Budget (issue 19): merging two 1,000-note versions of a session (with their
common ancestor: three files read, decoded and merged by id) takes at most
1.3x a raw ``tomllib.loads`` of the same three files. Each side added 20 notes
and edited 10 others; neither conflicts with the other. Subject and baseline
are timed in turns in the same run.
"""

from __future__ import annotations

import copy
import datetime as dt
import shutil
import tempfile
import tomllib
from pathlib import Path

from _common import Row, interleaved, make_session, median, parser, report, spread

from kumppani.editing.merging import merge_files
from kumppani.session.model import Note
from kumppani.storage.files import save_session

COMMAND = "python benchmarks/bench_merge.py"


def versions(folder: Path) -> tuple[Path, Path, Path]:
    """The ancestor and two versions, each with its own additions and edits."""
    base = make_session(1000)
    sides = []
    for side, offset in (("mine", 0), ("theirs", 100)):
        version = copy.deepcopy(base)
        notes = version.step("overall").notes
        for index in range(10):
            notes[offset + index].text += f" ({side})"
        last = notes[-1].created
        for index in range(20):
            created = last + dt.timedelta(seconds=7 * index + (3 if side == "theirs" else 0))
            notes.append(Note(f"{side} {index}", id=f"n-{side}{index:04d}", created=created))
        sides.append(version)
    paths = tuple(folder / f"{name}.toml" for name in ("base", "mine", "theirs"))
    for session, path in zip((base, *sides), paths, strict=True):
        save_session(session, path)
    return paths  # type: ignore[return-value]


def main(argv: list[str] | None = None) -> list[Row]:
    args = parser(__doc__.splitlines()[0]).parse_args(argv)
    repeat = 3 if args.quick else 15
    work = Path(tempfile.mkdtemp(prefix="kumppani-bench-merge-"))
    try:
        base, mine, theirs = versions(work)
        result = merge_files(mine, theirs, base)
        assert result.clean and result.added == {"notes": 20}, result.added

        def raw() -> None:
            for path in (base, mine, theirs):
                tomllib.loads(path.read_text(encoding="utf-8"))

        times = interleaved({"merge": lambda: merge_files(mine, theirs, base), "raw": raw}, repeat)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    rows = [
        Row(
            "merge two 1,000-note versions with their ancestor: merge_files",
            median(times["merge"]) * 1000,
            budget="≤ 1.3x raw tomllib.loads of the three files",
            baseline=median(times["raw"]) * 1000,
            baseline_what="read + tomllib.loads x3",
            limit_ratio=1.3,
            command=COMMAND,
            detail=f"{spread(times['merge'])}; baseline {spread(times['raw'])}",
        )
    ]
    report(COMMAND, rows, args.json, args.quick)
    return rows


if __name__ == "__main__":
    main()
