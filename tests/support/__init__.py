"""Helpers shared by the tests: example files, runners, builders and the TUI helpers."""
