"""kill -9 while saving, 200 times: the file is always one whole saved version, never a mix.

A helper process (started once, so that 200 rounds take seconds, not minutes)
forks a saver for each round: the saver writes slightly different versions of
a session with ``save_session`` as fast as it can. The test kills it with
SIGKILL at a random moment, then checks the file. The saver says on a pipe
when it has started saving, so every kill lands during the loop; the random
delays before the kill are the randomness of the test, nothing is timed.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from kumppani.editing.editor import SessionEditor
from kumppani.fileformat import parse_session
from kumppani.session.model import Session
from kumppani.storage.files import TEMP_PREFIX, TEMP_SUFFIX, save_session, session_bytes

ROUNDS = 200

VERSIONS = textwrap.dedent(
    """
    from datetime import datetime, timezone
    from kumppani.session.model import Note, Session

    MOMENT = datetime(2026, 3, 12, 9, 30, tzinfo=timezone.utc)

    def version(number):
        session = Session(title=f"Versio {number}", id="s-torture", created=MOMENT)
        session.modified = MOMENT
        session.step("overall").notes = [
            Note(text=f"Muistiinpano {number}.{j} " + "ä" * (number % 50), id=f"n-{j:08x}",
                 created=MOMENT)
            for j in range(number % 7 + 1)
        ]
        session.step("will").conclusion = "Johtopäätös " * (number % 13)
        return session
    """
)

HELPER = VERSIONS + textwrap.dedent(
    """
    import os, sys
    from pathlib import Path
    from kumppani.storage.files import save_session

    path = Path(sys.argv[1])
    for line in sys.stdin:
        first = int(line)
        started_read, started_write = os.pipe()
        pid = os.fork()
        if pid == 0:  # the saver
            os.close(started_read)
            number = first
            while True:
                save_session(version(number), path)
                if number == first:
                    os.write(started_write, b"x")
                number += 1
        os.close(started_write)
        os.read(started_read, 1)
        os.close(started_read)
        sys.stdout.write(f"{pid}\\n")
        sys.stdout.flush()
        sys.stdin.readline()  # killed: reap it
        os.waitpid(pid, 0)
        sys.stdout.write("reaped\\n")
        sys.stdout.flush()
    """
)

namespace: dict[str, object] = {}
exec(VERSIONS, namespace)  # the same versions the saver writes
version = namespace["version"]


def expected(number: int, path: Path) -> bytes:
    session = version(number)  # type: ignore[operator]
    assert isinstance(session, Session)
    return session_bytes(session, path)


def temps(folder: Path) -> list[Path]:
    return [
        p
        for p in folder.iterdir()
        if p.name.startswith(TEMP_PREFIX) and p.name.endswith(TEMP_SUFFIX)
    ]


@pytest.mark.slow
def test_kill_9_while_saving_never_leaves_a_broken_or_mixed_file(tmp_path: Path) -> None:
    path = tmp_path / "torture.toml"
    save_session(version(0), path)  # type: ignore[operator]
    environment = {**os.environ, "PYTHONPATH": str(Path(__file__).parent.parent / "src")}
    helper = subprocess.Popen(
        [sys.executable, "-c", HELPER, str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=environment,
    )
    assert helper.stdin is not None and helper.stdout is not None
    chance = random.Random(9)
    seen: set[int] = set()
    left_behind = 0
    try:
        for round_number in range(ROUNDS):
            first = 1000 * (round_number + 1)
            helper.stdin.write(f"{first}\n")
            helper.stdin.flush()
            saver = int(helper.stdout.readline())
            time.sleep(chance.choice((0.0, 0.0005, 0.002, 0.005, 0.01, 0.02)))
            os.kill(saver, signal.SIGKILL)
            helper.stdin.write("reap\n")
            helper.stdin.flush()
            assert helper.stdout.readline() == "reaped\n"

            data = path.read_bytes()
            session = parse_session(data.decode("utf-8"), path)  # parses, every time
            number = int(session.title.split()[-1])
            assert first <= number < first + 1000, "a save of this round is on disk"
            assert data == expected(number, path), f"round {round_number}: not version {number}"
            seen.add(number - first)
            left_behind = max(left_behind, len(temps(tmp_path)))
    finally:
        helper.stdin.close()
        helper.wait(timeout=30)
    assert len(seen) > 1, "the kills all landed at the same point: no torture"

    # the next open, minutes later, removes what killed saves left; a fresh one is kept
    fresh = tmp_path / f"{TEMP_PREFIX}abcd1234{TEMP_SUFFIX}"
    fresh.write_bytes(b"a save running right now")
    long_ago = time.time() - 3600
    for temp in temps(tmp_path):
        if temp != fresh:
            os.utime(temp, (long_ago, long_ago))
    SessionEditor.open(path)
    assert temps(tmp_path) == [fresh]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([path.name, fresh.name])
