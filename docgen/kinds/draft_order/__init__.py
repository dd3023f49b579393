"""What the draft order needs: terms, and the definitions those terms use (only those)."""

from __future__ import annotations

from dataclasses import dataclass

from typing import Any

from ...case import Case, Event, Prosecutor, ThirdParty
from .._checks import refuse
from .._order_common import clause_of, definitions_used, library, needs_terms, schedule1_rows, sentence
from ..spec import KindContext, KindSpec, meaning

# drafted with the application; once made it is the copy of the order that packs and bundles carry
SPEC = KindSpec(
    title="Draft order and schedule of terms",
    description="Draft Serious Crime Prevention Order with its schedule of terms, notification address and definitions",
    abbrev="ORD",
    states=("proposed", "authorised", "made", "live", "varied"),
    needs=(),
    pack_position=40,
)

# Where the force's house style holds no team mailbox, the order offers no email route: these
# definitions replace the library's (which name "or email") in the definitions schedule.
POSTAL_ONLY = {
    "notification-address": (
        "\u201cnotification address\u201d means the postal address given in this order for notices to "
        "the police, or a replacement address that the police have given the subject by letter or email."
    ),
    "in-writing": (
        "\u201cin writing\u201d means on paper delivered by hand or sent by post to the notification "
        "address. A telephone call, a voice message, a text message, an email and a message through a "
        "social media service are not in writing."
    ),
}


def postal_definitions(case: Case) -> list[str]:
    """The definitions the terms use, with the postal-only wording of the notification address."""
    lib = library()
    wanted = {key for term in case.terms for key in clause_of(term).definitions}
    return [POSTAL_ONLY.get(key, sentence(entry.sentence)) for key, entry in lib.definitions.items() if key in wanted]


@dataclass(frozen=True, kw_only=True)
class Context(KindContext):
    """What the draft order and schedule of terms adds to its template."""

    definitions: list = meaning("the definitions the terms use, in order of first use")
    definitions_postal: list = meaning("the definitions a postal notification relies on")
    prosecutor: Prosecutor | None = meaning("the prosecutor who authorised the application")
    relied_on: list[dict] = meaning("the convictions relied on (under a Schedule 1 heading or as serious under s.2(2)(b)), as Schedule 1 rows")
    third_parties: list[ThirdParty] = meaning("people the order affects besides the subject")


def context(case: Case, event: Event | None, options: Any) -> Context:
    refuse(case, needs_terms(case, "draft order"))
    rows = schedule1_rows(case, options)
    relied_on = [row for row in rows if row["heading"] or row["conviction"].serious_reason]
    return Context(
        definitions=definitions_used(case.terms),
        definitions_postal=postal_definitions(case),
        relied_on=relied_on or rows,
        prosecutor=case.order.authorising_prosecutor,
        third_parties=list(case.application.third_parties) if case.application else [],
    )
