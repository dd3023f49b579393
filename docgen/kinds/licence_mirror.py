"""What the enhanced licence request needs: every term either mirrored or explained.

A clause record that gives neither a licence condition nor a reason why none can be
written would leave the probation officer a blank; that is refused, naming the term.
"""

from __future__ import annotations

from typing import Any

from ..case import Case, Event
from ._order_common import Check, clause_of, needs_terms, refuse
from .spec import KindSpec

# probation sets the licence before release and may revise it while the order lasts
SPEC = KindSpec(title="Enhanced licence request (conditions mirroring the order)", states=("made", "live", "varied"), needs=(), pack_position=60)


def context(case: Case, event: Event | None, options: Any) -> dict[str, Any]:
    checks = needs_terms(case, "licence mirror")
    for index, term in enumerate(case.terms):
        clause = clause_of(term)
        if not clause.mirror.wording and not clause.mirror.reason:
            checks.append(
                Check(
                    f"terms.{index}.clause",
                    f"term {term.number} uses {clause.ref}, which gives neither a licence condition that mirrors it "
                    "nor a reason why none can; the conditions library record must give one",
                )
            )
    refuse(case, checks)
    mirrored = [term.number for term in case.terms if clause_of(term).mirror.wording]
    return {
        "mirrored_numbers": mirrored,
        "unmirrored_numbers": [term.number for term in case.terms if term.number not in mirrored],
    }
