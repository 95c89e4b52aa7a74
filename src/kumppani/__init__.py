"""Provides kumppani: a facilitation tool for state–city partnership round tables.

The package root stays import-light: the TUI (Textual) is only imported by
``kumppani.tui`` so the CLI, the file format and the tests never pay for it.
"""

__version__ = "0.1.0"
