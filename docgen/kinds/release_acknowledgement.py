"""What the release-day acknowledgement needs: terms to go through, one by one."""

from __future__ import annotations

from typing import Any

from ..case import Case, Event
from ._order_common import needs_terms, refuse
from .spec import KindSpec

# prepared before release and signed on release day, or again after a variation
SPEC = KindSpec(title="Release-day acknowledgement of the terms", states=("made", "live", "varied"), needs=(), pack_position=70)


def context(case: Case, event: Event | None, options: Any) -> dict[str, Any]:
    refuse(case, needs_terms(case, "release-day acknowledgement"))
    return {}
