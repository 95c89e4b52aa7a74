"""The note line's attribution fits its room: parts cut with "…", whether it stays always shown.

Before, at 80x24 on step 4 it read "Ei osapuolta · Ratkaisuidea ·      ": cut by the
edge, without "…", and "pysyy" (the attribution stays) was gone.
"""

from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from kumppani.text.safe import cell_width
from kumppani.tui.widgets.step.capture_line import fit_attribution
from tests.support.examples import FIRST
from tests.support.tui import MakeApp, settle
from tests.tui.test_attribution import attribution
from tests.tui.test_step import step_screen


def test_the_name_gives_way_first_then_the_kind() -> None:
    assert fit_attribution("Opetusneuvos", "Havainto", "pysyy", 80) == (
        "Opetusneuvos · Havainto · pysyy ›"
    )
    assert fit_attribution("Ei osapuolta", "Ratkaisuidea", "pysyy", 34) == (
        "Ei osapu… · Ratkaisuidea · pysyy ›"
    )
    assert fit_attribution("Ei osapuolta", "Ratkaisuidea", "pysyy", 24) == (
        "Ei os… · Ratk… · pysyy ›"
    )


@given(
    who=st.text(min_size=1, max_size=40),
    kind=st.text(min_size=1, max_size=30),
    width=st.integers(min_value=1, max_value=90),
)
@example(who="Työllisyyspalvelujen kehittämispäällikkö", kind="Ratkaisuidea", width=20)
def test_the_attribution_never_takes_more_than_its_room(who: str, kind: str, width: int) -> None:
    shown = fit_attribution(who, kind, "pysyy", width)
    assert cell_width(shown) <= width
    whole = f"{who} · {kind} · pysyy ›"
    assert shown == whole or shown.count("…") > whole.count("…")


@pytest.mark.parametrize("size", [(80, 24), (60, 20), (120, 40)])
async def test_on_step_four_the_kind_and_pysyy_are_on_screen(
    app_for: MakeApp, size: tuple[int, int]
) -> None:
    app = app_for(FIRST)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        screen = step_screen(app)
        await pilot.press("alt+4")
        await settle(pilot)
        assert screen.index == 3
        shown = attribution(screen)
        assert shown.endswith("· Ratkaisuidea · pysyy ›"), shown
        label = screen.query_one("#attribution")
        assert cell_width(shown) <= label.content_region.width
