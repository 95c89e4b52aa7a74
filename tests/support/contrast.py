"""Helpers of the contrast tests: the screen's cells as a terminal shows them, and WCAG ratios.

``cells(app)`` walks what the compositor would send to the terminal (the screen
and, under a dialog, the screens behind it) and yields every cell that holds a
visible character, with its colours. ``shown(color, system)`` is that colour as a
terminal shows it in truecolor, in 256 colours (rich's downgrade, the xterm
6x6x6 cube and grey ramp), or in 16 colours (rich's downgrade to the 16 ANSI
numbers, drawn in xterm's default palette). ``ratio`` is WCAG 2's contrast ratio.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from rich.cells import cell_len
from rich.color import Color, ColorSystem
from rich.style import Style
from textual.app import App
from textual.screen import ModalScreen

Rgb = tuple[int, int, int]

XTERM_16: tuple[Rgb, ...] = (
    (0x00, 0x00, 0x00),
    (0xCD, 0x00, 0x00),
    (0x00, 0xCD, 0x00),
    (0xCD, 0xCD, 0x00),
    (0x00, 0x00, 0xEE),
    (0xCD, 0x00, 0xCD),
    (0x00, 0xCD, 0xCD),
    (0xE5, 0xE5, 0xE5),
    (0x7F, 0x7F, 0x7F),
    (0xFF, 0x00, 0x00),
    (0x00, 0xFF, 0x00),
    (0xFF, 0xFF, 0x00),
    (0x5C, 0x5C, 0xFF),
    (0xFF, 0x00, 0xFF),
    (0x00, 0xFF, 0xFF),
    (0xFF, 0xFF, 0xFF),
)
"""xterm's default 16 colours (its ``colors 0``–``15`` resources)."""

SYSTEMS = {
    "truecolor": ColorSystem.TRUECOLOR,
    "256": ColorSystem.EIGHT_BIT,
    "16": ColorSystem.STANDARD,
}
"""The colour systems a terminal may offer, by the name the tests report."""

DIM = 0.5
"""How far a terminal draws dim text towards its background (Textual's own factor)."""


def _drawing(character: str) -> bool:
    """Box-drawing, block and geometric characters: borders, bars, arrows and marks, not text.

    They are graphics (WCAG asks 3:1 of those); the words beside them are checked.
    """
    return "\u2500" <= character <= "\u25ff"


@dataclass(frozen=True)
class Cell:
    """One visible character on screen and its colours as the app asked for them."""

    x: int
    y: int
    text: str
    """The character."""
    color: Color
    bgcolor: Color
    dim: bool


def cells(app: App[Any]) -> Iterator[Cell]:
    """Every cell of the screen with a visible character that is not a box or block.

    Under a dialog only the dialog's own cells: what it covers is shaded on purpose.
    """
    screen = app.screen
    modal = isinstance(screen, ModalScreen)
    update = screen._compositor.render_update(full=True, screen_stack=app._background_screens)
    assert update is not None
    for y, line in enumerate(update.strips):  # type: ignore[attr-defined]
        x = 0
        for strip in line:
            for segment in strip:
                if segment.control:
                    continue
                style = segment.style or Style()
                color, bgcolor = style.color, style.bgcolor
                if style.reverse:
                    color, bgcolor = bgcolor, color
                for character in segment.text:
                    if (
                        character.strip()
                        and not _drawing(character)
                        and not (modal and screen.get_widget_at(x, y)[0] is screen)
                    ):
                        # No colour would be the terminal's own, whatever the theme: never so.
                        assert color is not None and bgcolor is not None, (x, y, segment)
                        yield Cell(x, y, character, color, bgcolor, bool(style.dim))
                    x += cell_len(character)


def shown(color: Color, system: ColorSystem) -> Rgb:
    """The colour a terminal of ``system`` draws for ``color`` (xterm's palette for 16)."""
    if system == ColorSystem.STANDARD:
        number = color.downgrade(ColorSystem.STANDARD).number
        assert number is not None
        return XTERM_16[number]
    triplet = color.downgrade(system).get_truecolor()
    return (triplet.red, triplet.green, triplet.blue)


def luminance(rgb: Rgb) -> float:
    """WCAG 2's relative luminance of an sRGB colour."""

    def linear(channel: int) -> float:
        value = channel / 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (linear(channel) for channel in rgb)
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def ratio(one: Rgb, other: Rgb) -> float:
    """WCAG 2's contrast ratio, from 1 (none) to 21 (black on white)."""
    light, dark = sorted((luminance(one), luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def cell_ratio(cell: Cell, system: ColorSystem) -> float:
    """The contrast of ``cell`` in a terminal of ``system`` (dim drawn half-way to the back)."""
    fg, bg = shown(cell.color, system), shown(cell.bgcolor, system)
    if cell.dim:
        fg = (
            round(fg[0] * DIM + bg[0] * (1 - DIM)),
            round(fg[1] * DIM + bg[1] * (1 - DIM)),
            round(fg[2] * DIM + bg[2] * (1 - DIM)),
        )
    return ratio(fg, bg)
