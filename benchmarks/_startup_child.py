"""Provides the process ``bench_startup.py`` times: the bare Textual app or kumppani, headless.

Usage: ``_startup_child.py bare|kumppani MARKER [LISTED] [-- kumppani arguments]``.

The process prints ``START <t>`` as its first statement, ``IMPORTED <t>`` once
the app's modules are imported, ``FRAME <t>`` when the first frame whose text
shows ``MARKER`` has been composed, and, for kumppani, ``LISTED <t>`` when a
frame shows ``LISTED`` too (the session list read by the home screen's
worker); then it exits. ``<t>`` is ``time.perf_counter()``, which on Linux is
the monotonic clock shared by every process, so the parent can subtract its
own spawn time. The app runs headless (``App.run(headless=True)``): Textual
lays out and renders every frame but writes nothing to a terminal.

kumppani starts through its real entry point, ``kumppani.cli.main.main``, as the
``kumppani`` command does; only ``App.run`` is wrapped to run headless.
"""

from __future__ import annotations

import time

START = time.perf_counter()
print(f"START {START}", flush=True)

import sys  # noqa: E402
from typing import Any  # noqa: E402

from textual.app import App  # noqa: E402

SIZE = (120, 40)


def _frame_text(screen: Any, renderable: Any) -> str:
    """The text of a frame (for a full-screen layout update, without rendering it again)."""
    strips = getattr(renderable, "strips", None)
    if strips is not None:
        return "\n".join(
            "".join(segment.text for strip in line for segment in strip) for line in strips
        )
    return "\n".join(strip.text for strip in screen._compositor.render_strips())


def install(marker: str, listed: str | None) -> None:
    """Wrap ``App._display`` and ``App.run``: headless, and report the frames we wait for."""
    display = App._display
    seen: set[str] = set()

    def watching_display(self: App[Any], screen: Any, renderable: Any) -> None:
        display(self, screen, renderable)
        if renderable is None:
            return
        text = _frame_text(screen, renderable)
        now = time.perf_counter()
        if "FRAME" not in seen and marker in text:
            seen.add("FRAME")
            print(f"FRAME {now}", flush=True)
        if listed is not None and "LISTED" not in seen and listed in text:
            seen.add("LISTED")
            print(f"LISTED {now}", flush=True)
        if "FRAME" in seen and (listed is None or "LISTED" in seen):
            self.exit(0)

    run = App.run

    def headless_run(self: App[Any], *args: Any, **kwargs: Any) -> Any:
        kwargs["headless"] = True
        kwargs.setdefault("size", SIZE)
        return run(self, *args, **kwargs)

    App._display = watching_display  # type: ignore[method-assign]
    App.run = headless_run  # type: ignore[method-assign]


def main() -> int:
    which, marker = sys.argv[1], sys.argv[2]
    rest = sys.argv[3:]
    listed = None
    if rest and rest[0] != "--":
        listed, rest = rest[0], rest[1:]
    if rest and rest[0] == "--":
        rest = rest[1:]
    install(marker, listed)
    if which == "bare":
        from textual.app import ComposeResult
        from textual.widgets import Static

        class Bare(App[None]):
            def compose(self) -> ComposeResult:
                yield Static(marker)

        print(f"IMPORTED {time.perf_counter()}", flush=True)
        Bare().run()
        return 0
    from kumppani.cli.main import main as kumppani_main
    from kumppani.tui import app as _app  # imported now so that IMPORTED covers it  # noqa: F401

    print(f"IMPORTED {time.perf_counter()}", flush=True)
    return kumppani_main(rest)


if __name__ == "__main__":
    sys.exit(main())
