"""The step view: one step of a session, its capture line, notes and round-table tools."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, TypeGuard

if TYPE_CHECKING:
    from kumppani.tui.screens.step.screen import StepScreen

# Start-up (issue 7): what only an open session needs (the step view, the editor,
# locks, the journal, conflicts) is imported when a session is first opened, so
# the home screen's first frame does not wait for it.
STEP_MODULE = "kumppani.tui.screens.step.screen"


def is_step_screen(screen: object) -> TypeGuard[StepScreen]:
    """Whether ``screen`` is a step view (none can exist before its module is imported)."""
    module = sys.modules.get(STEP_MODULE)
    return module is not None and isinstance(screen, module.StepScreen)
