"""Provides the typed modal dialogs of the interface, one per module."""
