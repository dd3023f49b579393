"""What the draft order needs: terms, and the definitions those terms use (only those)."""

from __future__ import annotations

from typing import Any

from ..case import Case, Event
from ._order_common import definitions_used, needs_terms, refuse, schedule1_rows
from .spec import KindSpec

# drafted with the application; once made it is the copy of the order that packs and bundles carry
SPEC = KindSpec(title="Draft order and schedule of terms", states=("proposed", "authorised", "made", "live", "varied"), needs=(), pack_position=40)


def context(case: Case, event: Event | None, options: Any) -> dict[str, Any]:
    refuse(case, needs_terms(case, "draft order"))
    relied_on = [row for row in schedule1_rows(case) if row["heading"]]
    return {
        "definitions": definitions_used(case.terms),
        "relied_on": relied_on or schedule1_rows(case),
        "prosecutor": case.order.authorising_prosecutor,
        "third_parties": list(case.application.third_parties) if case.application else [],
    }
