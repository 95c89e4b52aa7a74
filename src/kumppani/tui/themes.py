"""Provides kumppani's own Textual themes, made for a meeting-room projector.

``kumppani-dark``, the default, is Textual's dark theme with every text colour
at WCAG AA (4.5:1) or better. ``kumppani-light`` is dark text on a near-white
background with strong, saturated accents: projectors wash out dark themes and
pale colours. ``kumppani-contrast`` is black, white and yellow only, for low
vision and for rooms where the projector is fighting daylight. Call
``register_themes(app)`` before setting ``app.theme`` to any of them
(``Config.theme``).

The colours hold 4.5:1 also where a terminal has only 256 or 16 colours
(``tests/tui/test_contrast.py``). In 16 colours a terminal draws each colour as the
nearest of its 16, so a text colour must land on one that stands out from the
background it lands on: muted greys land on "bright black", which is 4:1 on
white and nothing on a grey bar. Hence muted text and placeholders of the light
theme in deep indigo, its accent in rust red and its success in a dark green
(they land on blue, red and black), and the dark theme's bars near black.
"""

from __future__ import annotations

from typing import Any

from textual.app import App, InvalidThemeError
from textual.theme import Theme

DARK = "kumppani-dark"
LIGHT = "kumppani-light"
CONTRAST = "kumppani-contrast"
FALLBACK = DARK
"""The theme shown when the configured one is unknown."""

KUMPPANI_DARK = Theme(
    name=DARK,
    primary="#5fa8e8",
    secondary="#5fa8e8",
    accent="#ffa62b",
    warning="#ffa62b",
    error="#ff6b6b",
    success="#4ebf71",
    foreground="#e0e0e0",
    background="#121212",
    surface="#1e1e1e",
    panel="#1a1f24",
    dark=True,
    variables={
        "text-muted": "#a8a8a8",
        "text-disabled": "#a0a0a0",
        "footer-background": "#1a1f24",
        "block-cursor-background": "#1a3fb0",
        "block-cursor-foreground": "#ffffff",
        "block-cursor-blurred-background": "#14213d",
        "block-cursor-blurred-foreground": "#e0e0e0",
        "input-selection-background": "#1a3fb0",
        "input-selection-foreground": "#ffffff",
        "button-color-foreground": "#000000",
    },
)
"""Textual's dark look: light text on near black; blue bars under white text, light blue text."""

KUMPPANI_LIGHT = Theme(
    name=LIGHT,
    primary="#0b3d91",
    secondary="#1f5fbf",
    accent="#9b2308",
    warning="#9b2308",
    error="#b00020",
    success="#0b4a16",
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
        "text-muted": "#24288f",
        "text-disabled": "#24288f",
        "text-secondary": "#0b3d91",
        "input-cursor-background": "#0b3d91",
        "input-cursor-foreground": "#ffffff",
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
        "input-selection-background": "#ffff00",
        "input-selection-foreground": "#000000",
        "text-muted": "#ffffff",
        "text-disabled": "#c0c0c0",
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

THEMES: tuple[Theme, ...] = (KUMPPANI_DARK, KUMPPANI_LIGHT, KUMPPANI_CONTRAST)


def register_themes(app: App[Any]) -> None:
    """Make ``kumppani-dark``, ``kumppani-light`` and ``kumppani-contrast`` available to ``app``."""
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
