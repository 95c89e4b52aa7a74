"""The example sessions shipped in ``sessions/`` and the golden minutes, defined once."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
"""The repository's root folder."""
EXAMPLES = ROOT / "sessions"
"""The folder of example sessions."""
GOLDEN = ROOT / "tests" / "golden"
"""The minutes the examples must give, word for word."""
FIRST = "2026-03-12-nuorisotyollisyys.toml"
"""The first session of the example series (a full round table)."""
FOLLOWUP = "2026-09-17-nuorisotyollisyys-seuranta.toml"
"""Its follow-up session."""
