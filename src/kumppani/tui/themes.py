"""Provides kumppani's own Textual themes, made for a meeting-room projector.

``kumppani-light`` is dark text on a near-white background with strong,
saturated accents: projectors wash out dark themes and pale colours.
``kumppani-contrast`` is black, white and yellow only, for low vision and for
rooms where the projector is fighting daylight. Call ``register_themes(app)``
before setting ``app.theme`` to either name (``Config.theme``).
"""

from __future__ import annotations

from typing import Any

from textual.app import App, InvalidThemeError
from textual.theme import Theme

LIGHT = "kumppani-light"
CONTRAST = "kumppani-contrast"
FALLBACK = "textual-dark"
"""The theme shown when the configured one is unknown."""

KUMPPANI_LIGHT = Theme(
    name=LIGHT,
    primary="#0b3d91",
    secondary="#1f5fbf",
    accent="#8a4b00",
    warning="#8a4b00",
    error="#b00020",
    success="#1b6e20",
    foreground="#111111",
    background="#fafafa",
    surface="#ffffff",
    panel="#e4e8f0",
    dark=False,
    text_alpha=1.0,
    variables={
        "footer-key-foreground": "#0b3d91",
        "footer-description-foreground": "#111111",
        "block-cursor-background": "#0b3d91",
        "block-cursor-foreground": "#ffffff",
        "block-cursor-text-style": "bold",
        "input-selection-background": "#0b3d91 30%",
        "border": "#0b3d91",
        "border-blurred": "#5a6a85",
    },
)
"""Dark text on white, deep blue for focus and the cursor."""

KUMPPANI_CONTRAST = Theme(
    name=CONTRAST,
    primary="#ffff00",
    secondary="#ffffff",
    accent="#ffff00",
    warning="#ffff00",
    error="#ff5555",
    success="#ffffff",
    foreground="#ffffff",
    background="#000000",
    surface="#000000",
    panel="#000000",
    boost="#ffffff",
    dark=True,
    luminosity_spread=0.0,
    text_alpha=1.0,
    variables={
        "footer-key-foreground": "#ffff00",
        "footer-description-foreground": "#ffffff",
        "footer-background": "#000000",
        "block-cursor-background": "#ffff00",
        "block-cursor-foreground": "#000000",
        "block-cursor-text-style": "bold",
        "block-cursor-blurred-background": "#ffffff",
        "block-cursor-blurred-foreground": "#000000",
        "input-selection-background": "#ffff00 50%",
        "input-cursor-background": "#ffff00",
        "input-cursor-foreground": "#000000",
        "border": "#ffff00",
        "border-blurred": "#ffffff",
        "button-color-foreground": "#000000",
        "scrollbar": "#ffffff",
        "scrollbar-hover": "#ffff00",
        "scrollbar-active": "#ffff00",
    },
)
"""Black and white with yellow for whatever has focus."""

THEMES: tuple[Theme, ...] = (KUMPPANI_LIGHT, KUMPPANI_CONTRAST)


def register_themes(app: App[Any]) -> None:
    """Make ``kumppani-light`` and ``kumppani-contrast`` available to ``app``."""
    for theme in THEMES:
        app.register_theme(theme)


def apply_theme(app: App[Any], name: str) -> None:
    """Register kumppani's themes and show ``app`` in theme ``name``.

    An unknown name (a typo in the config) falls back to ``FALLBACK``: it must
    not stop a session or the projector.
    """
    register_themes(app)
    try:
        app.theme = name
    except InvalidThemeError:
        app.theme = FALLBACK
