"""What the covering note to the CPS needs: the application's parts and their references."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ...case import Application, Case, Event, Prosecutor
from ...render import kinds, template_dirs
from .._checks import Check, refuse
from .._order_common import needs_terms, schedule1_rows
from ..spec import KindContext, KindSpec, meaning

# it sends the application to the CPS, before the order is made
SPEC = KindSpec(
    title="Covering note to the CPS",
    description="Covering note to the CPS sending the draft SCPO application and draft order for review and authority",
    abbrev="CPS",
    states=("proposed", "authorised"),
    needs=("application", "authorising_prosecutor"),
    pack_position=30,
)

#: The documents the note encloses, in the order they are bundled after it.
ENCLOSED = ("scpo-application", "draft-order")


@dataclass(frozen=True)
class Enclosure:
    title: str
    reference: str


@dataclass(frozen=True, kw_only=True)
class Context(KindContext):
    """What the covering note to the CPS adds to its template."""

    application: Application = meaning("the application's background, risk and protection (case.application)")
    enclosures: list = meaning("the documents sent with this one")
    prosecutor: Prosecutor | None = meaning("the prosecutor who authorised the application")
    relied_on: list[dict] = meaning("the convictions relied on (under a Schedule 1 heading or as serious under s.2(2)(b)), as Schedule 1 rows")


def context(case: Case, event: Event | None, options: Any) -> Context:
    checks = needs_terms(case, "covering note")
    if case.application is None:
        checks.append(Check("application", "the covering note goes with the application, which needs this section"))
    refuse(case, checks)
    rows = schedule1_rows(case, options)
    return Context(
        application=case.application,
        prosecutor=case.order.authorising_prosecutor,
        relied_on=[row for row in rows if row["heading"] or row["conviction"].serious_reason] or rows,
        enclosures=enclosures(case),
    )


def enclosures(case: Case) -> list[Enclosure]:
    """Each enclosed document's description and the reference it carries by default."""
    found = kinds(template_dirs())
    return [
        Enclosure(found[name].description, f"{case.case_id}/{found[name].abbrev}")
        for name in ENCLOSED
    ]
