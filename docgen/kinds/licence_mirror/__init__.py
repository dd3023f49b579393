"""What the enhanced licence request needs: every term either mirrored or explained.

A clause record that gives neither a licence condition nor a reason why none can be
written would leave the probation officer a blank; that is refused, naming the term.
"""

from __future__ import annotations

from dataclasses import dataclass

from typing import Any

from ...case import Case, Event
from .._checks import Check, refuse
from .._order_common import clause_of, needs_terms
from ..spec import KindContext, KindSpec, meaning

# probation sets the licence before release and may revise it while the order lasts
SPEC = KindSpec(
    title="Enhanced licence request (conditions mirroring the order)",
    description="Enhanced licence request for the probation officer, each SCPO term beside the licence condition that mirrors it",
    abbrev="LIC",
    states=("made", "live", "varied"),
    needs=(),
    pack_position=60,
)


@dataclass(frozen=True, kw_only=True)
class Context(KindContext):
    """What the enhanced licence request (conditions mirroring the order) adds to its template."""

    mirrored_numbers: list[int] = meaning("the terms that have a licence condition to mirror them")
    unmirrored_numbers: list[int] = meaning("the terms with no licence condition to mirror them")


def context(case: Case, event: Event | None, options: Any) -> Context:
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
    return Context(
        mirrored_numbers=mirrored,
        unmirrored_numbers=[term.number for term in case.terms if term.number not in mirrored],
    )
