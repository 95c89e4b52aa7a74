"""Provides the Textual interface of kumppani: the app, its screens, dialogs and widgets."""
