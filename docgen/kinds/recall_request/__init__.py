"""What a recall request to HMPPS needs: repeated failures on terms the licence mirrors.

A recall is a probation decision, so the request only counts failures on terms that have
a mirroring licence condition, and it needs at least two of them. The request is shared
with the subject in the recall dossier, so it is built from the case without its
sensitive entries.
"""

from __future__ import annotations

from dataclasses import dataclass

from typing import Any

from ...case import Case, Contact, Event, Licence
from ...errors import DocgenError
from .._checks import Check, refuse
from .._history import FAILURES, disclosed_warnings, failure_checks, failures_on, issued_documents, not_before, where, without_sensitive
from .._order_common import clause_of
from ..spec import KindContext, KindSpec, meaning

# recall follows failures while the order and the licence are in force
SPEC = KindSpec(
    title="Recall request to probation",
    description="Request to probation (HMPPS) to consider recall for repeated breaches of licence conditions that mirror the order",
    abbrev="RR",
    states=("live", "varied"),
    needs=("event", "release_date", "licence", "probation"),
    pack_position=90,
)

MIN_OCCASIONS = 2


@dataclass(frozen=True, kw_only=True)
class Context(KindContext):
    """What the recall request to probation adds to its template."""

    breached_terms: list[int] = meaning("the numbers of the terms breached")
    case: Case = meaning("in place of the common case: the case without sensitive history, as it may be shared")
    earlier_warnings: list = meaning("earlier warnings about the order, by reference and date")
    event: Event = meaning("the history event the document is about (--event)")
    history: list[Event] = meaning("in place of the common history: the history without sensitive events")
    licence: Licence | None = meaning("the subject's licence, when released on licence (case.licence)")
    occasions: list[Event] = meaning("the occasions of failure the request relies on")
    probation: Contact | None = meaning("the probation contact (case.probation)")


def context(case: Case, event: Event | None, options: Any) -> Context:
    assert event is not None  # the pipeline refuses a kind that needs --event before building it
    at = where(case, event)
    problems = failure_checks(
        case, event,
        type_needed="a recall request follows a 'non_compliance' or 'breach' event",
        term_needed="a recall request needs the term that was breached",
        not_sensitive="a recall request is disclosed to the subject; it cannot rest on a sensitive entry",
    )
    if case.probation is None:
        problems.append(Check("probation", "a recall request is addressed to the probation practitioner; add their details"))
    if case.licence is None:
        problems.append(Check("licence", "a recall request needs the licence (description, starts_on, ends_on)"))
    refuse(case, problems)
    mirrored = mirrored_terms(case)
    if event.term not in mirrored:
        clause = clause_of(case.term(event.term))
        reason = f" ({clause.mirror_reason.strip()})" if clause.mirror_reason else ""
        raise DocgenError(
            f"term {event.term} has no mirroring licence condition{reason}; probation cannot recall for it",
            file=case.source or "",
            field=f"{at}.term",
        )
    shared = without_sensitive(case)
    index = next(i for i, e in enumerate(shared.history) if e.id == event.id)
    occasions = failures_on(shared, index, mirrored)
    if len(occasions) < MIN_OCCASIONS:
        raise DocgenError(
            f"{len(occasions)} {'failure' if len(occasions) == 1 else 'failures'} to comply with a mirrored term "
            f"recorded up to {event.id}; a "
            f"recall request is for repeated breaches (at least {MIN_OCCASIONS})",
            file=case.source or "",
            field=f"{at}",
        )
    numbers = sorted({e.term for e in occasions})
    return Context(
        case=shared,
        history=shared.history,
        event=event,
        probation=case.probation,
        licence=case.licence,
        breached_terms=numbers,
        occasions=occasions,
        earlier_warnings=disclosed_warnings(case, event, issued_documents(options)),
        doc_date=not_before(case, event.date, options, f"the event {event.id} it reports"),
    )


def mirrored_terms(case: Case) -> list[int]:
    """Numbers of the terms that a licence condition mirrors."""
    return [t.number for t in case.terms if clause_of(t).mirror.wording]


def demo_runs(case: Case) -> list[str]:
    """The latest failure on a term, when the case holds what a request needs."""
    if case.probation is None or case.licence is None:
        return []
    from ...render import Options

    runs = []
    for event in reversed(case.history):
        if event.type in FAILURES and event.term and not event.sensitive:
            try:  # a probe dated on the event's day: whether a request is possible, not when
                context(case, event, Options(date=event.date))
            except DocgenError:
                continue
            runs.append(event.id)
            break
    return runs
