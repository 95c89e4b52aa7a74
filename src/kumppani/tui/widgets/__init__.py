"""Provides the widgets of the step view and the home screen, one per module."""
