"""A generated secretariat folder for the home screen's tests: sessions, a series, broken files."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from kumppani.session.model import Note, Participant, PreviousSession, Session
from kumppani.session.vocabulary import SessionStatus
from kumppani.storage.files import save_session

FIXED = dt.datetime(2026, 1, 5, 9, 0, tzinfo=dt.UTC)

SESSIONS: list[tuple[str, str, str, SessionStatus, tuple[str, ...], str]] = [
    # file, title, date, status, parties present, a note
    (
        "asuminen-turku",
        "Asuminen Turku",
        "2025-02-01",
        SessionStatus.APPROVED,
        ("state", "city"),
        "",
    ),
    ("liikenne-oulu", "Liikenne Oulu", "2025-06-10", SessionStatus.HELD, ("city",), "Ratikka"),
    (
        "nuoret-tampere",
        "Nuoret Tampere",
        "2026-03-12",
        SessionStatus.HELD,
        ("state", "city"),
        "",
    ),
    (
        "nuoret-seuranta",
        "Nuoret: seuranta",
        "2026-09-17",
        SessionStatus.DRAFT,
        ("state", "city"),
        "",
    ),
    (
        "osaaminen-lahti",
        "Osaaminen Lahti",
        "2026-05-20",
        SessionStatus.IN_PROGRESS,
        ("state", "other"),
        "",
    ),
    ("ilmasto-espoo", "Ilmasto Espoo", "2024-11-30", SessionStatus.APPROVED, ("city", "other"), ""),
]

BROKEN: dict[str, bytes] = {
    "rikki-tyyppi.toml": b"",  # filled from a good file with a wrong type (line 6, title)
    "rikki-syntaksi.toml": b'format = "kumppani.session"\nformat_version = "1.0"\n[session\n',
    "rikki-koodaus.toml": b'format = "kumppani.session"\n# \xff\xfe\n',
}


def make_library(folder: Path) -> Path:
    """Six sessions (two of them a series) and three broken files in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    ids: dict[str, str] = {}
    for name, title, day, status, parties, note in SESSIONS:
        session = Session(
            title=title,
            date=dt.date.fromisoformat(day),
            status=status,
            created=FIXED,
            modified=FIXED,
            id=f"s-{name}",
        )
        session.participants = [
            Participant(name=f"{party.title()} Edustaja", party=party, id=f"p-{party}")
            for party in parties
        ]
        if note:
            session.steps[0].notes.append(Note(text=note, created=FIXED, id="n-1"))
        if name == "nuoret-seuranta":
            session.previous = PreviousSession(id=ids["nuoret-tampere"], file="nuoret-tampere.toml")
        ids[name] = session.id
        save_session(session, folder / f"{name}.toml")
    good = (folder / "asuminen-turku.toml").read_text("utf-8")
    for name, data in BROKEN.items():
        if not data:
            lines = good.split("\n")
            index = next(i for i, line in enumerate(lines) if line.startswith("title = "))
            lines[index] = "title = 3"
            data = "\n".join(lines).encode("utf-8")
        (folder / name).write_bytes(data)
    return folder
