"""A notice to a partner agency: only the terms that bear on its functions, and why it may be told.

Councils (licensing, housing, trading standards) and other agencies (HMRC, the NCA, the
SFO) can help enforce an order if they know of the terms that touch their work: a
business or premises term for licensing, a financial term for HMRC. The notice gives a
named partner those terms and no others, records the legal gateway for the disclosure,
carries the marking and handling instructions, and asks the partner to report relevant
applications back. The register keeps who received it and which terms (``register_record``).

Which categories of term bear on each function, and the gateways, are kept here as dated
data with their sources; the gateways name the statute, they do not quote it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ...case import Case, Event, Partner
from .._checks import Check, refuse
from .._history import not_before, where
from ..spec import KindContext, KindSpec, meaning

if TYPE_CHECKING:  # names for the Context's annotations only
    from ...pipeline import TermView

SPEC = KindSpec(
    title="Notice to a partner agency",
    description="Notice to a partner agency of the terms that bear on its functions, with the legal gateway for sharing them",
    abbrev="PN",
    states=("made", "live", "varied"),
    needs=("event",),
    pack_position=80,
)

AS_AT = "2026-12-01"  # the date the gateways below were checked against the statutes

# s.115(1)-(2): any person may disclose information to a relevant authority (which includes a
# local authority in England and Wales) where necessary or expedient for a purpose of the Act.
CDA_115 = "Crime and Disorder Act 1998, section 115 (disclosure to a local authority for the purposes of the Act)"
# s.7(1): any person may disclose information to the NCA for the exercise of its functions.
CCA_7 = "Crime and Courts Act 2013, section 7 (disclosure of information to the National Crime Agency)"
# Part 3 governs processing by competent authorities for the law enforcement purposes (s.31).
DPA_PART3 = "Data Protection Act 2018, Part 3: processing for the law enforcement purposes (section 31), here the prevention of crime by enforcing the order"


@dataclass(frozen=True)
class Function:
    name: str  # as the notice names the partner's work
    categories: tuple[str, ...]  # clause categories whose terms bear on it
    gateways: tuple[str, ...]
    report_back: str  # what the partner is asked to tell the team about


FUNCTIONS = {
    "licensing": Function(
        "licensing",
        ("business", "premises", "employment", "vehicles"),
        (CDA_115, DPA_PART3),
        "any application by the subject, or by a business the subject is connected with, for a premises, personal, "
        "taxi or private hire, or other licence, and any change to a licence already held",
    ),
    "housing": Function(
        "housing",
        ("residence", "premises", "property"),
        (CDA_115, DPA_PART3),
        "any application by the subject for a tenancy, a change of tenancy or housing assistance, and any address "
        "the subject gives you",
    ),
    "trading_standards": Function(
        "trading standards",
        ("business", "items", "online"),
        (CDA_115, DPA_PART3),
        "any registration, complaint or investigation concerning a business the subject is connected with",
    ),
    "hmrc": Function(
        "tax and customs",
        ("financial", "business", "property"),
        (DPA_PART3,),
        "any new business, tax or VAT registration by the subject, or by a business the subject is connected with",
    ),
    "nca": Function(
        "serious and organised crime",
        ("financial", "business", "property", "travel", "communication", "association"),
        (CCA_7, DPA_PART3),
        "any information you hold that bears on the subject's compliance with these terms",
    ),
    "sfo": Function(
        "serious fraud",
        ("financial", "business", "property"),
        (DPA_PART3,),
        "any information you hold that bears on the subject's compliance with these terms",
    ),
}


def relevant_terms(case: Case, terms: list[Any], function: str) -> list[Any]:
    """The term views whose clause's category bears on the partner's function, in order."""
    wanted = FUNCTIONS[function].categories
    return [t for t in terms if str(t.clause.category) in wanted]


@dataclass(frozen=True, kw_only=True)
class Context(KindContext):
    """What the notice to a partner agency adds to its template."""

    event: Event = meaning("the history event the document is about (--event)")
    function: Function = meaning("the partner's function: its name, the categories of term that bear on it, the gateways, what to report back")
    partner: Partner = meaning("the partner agency the notice goes to (the event's partner)")
    register_record: dict = meaning("what the register records for this notice: the partner, its function and the terms shared")
    shared_terms: list[TermView] = meaning("only the terms that bear on the partner's function")


def context(case: Case, event: Event | None, options: Any) -> Context:
    from ...fmt import DEFAULT_LOCALE
    from ...pipeline import term_views

    assert event is not None  # the pipeline refuses a kind that needs --event before building it
    at = where(case, event)
    problems = []
    if event.type != "partner_notice" or event.partner is None:
        problems.append(Check(f"{at}.type", f"is '{event.type}'; a partner notice needs a 'partner_notice' event naming the partner"))
    refuse(case, problems)
    assert event.partner is not None
    function = FUNCTIONS[event.partner.function]
    terms = relevant_terms(case, term_views(case, getattr(options, "locale", None) or DEFAULT_LOCALE), event.partner.function)
    if not terms:
        refuse(case, [Check(f"{at}.partner.function", f"no term of the order bears on {function.name} (categories {', '.join(function.categories)}); nothing may be shared with this partner")])
    date = not_before(case, event.date, options, f"the decision to share, event {event.id}")
    return Context(
        event=event,
        partner=event.partner,
        function=function,
        shared_terms=terms,
        doc_date=date,
        register_record={
            "partner": event.partner.contact.organisation,
            "partner_function": event.partner.function,
            "terms": [t.number for t in terms],
        },
    )


def demo_runs(case: Case) -> list[str]:
    return [e.id for e in case.history if e.type == "partner_notice"]
