"""Provides the full screens of the interface, one per module."""
