"""What a warning letter needs: a failure to comply, its term, what the term asks, its level.

The level comes from the enforcement ladder (advisory, then first, then final), read from
the case history and the letters the register has issued; earlier warnings are quoted by
reference and date. After a final warning there is no further letter: the next step is
interview under caution or arrest.

A letter asks only what the order asks. What the subject must now do comes from the term
breached: the remedy its clause declares, rendered with the term's own parameters. The
event's ``action_required`` is case detail only: it names what the remedy is about on this
occasion (which account, which handset, which trip) and is printed under the remedy, never
in its place. Where the clause declares that a breach cannot be put right (``remedy.none``)
the letter asks only that the failure is not repeated, so an ``action_required`` is refused.
A clause that declares no remedy (first edition) is asked for as written: the letter tells
the subject to do what the term requires, with the event's detail beneath, or, when the
event names no action, only not to fail again.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ...case import Case, Event
from ...errors import DocgenError
from ...fmt import DEFAULT_LOCALE
from .._checks import Check, refuse
from .._history import FAILURES, NEXT_LEVEL, issued_documents, ladder_level, not_before, prior_warnings, where
from .._order_common import clause_of
from ..spec import KindContext, KindSpec, meaning

# a warning is about a failure to comply with an order in force
SPEC = KindSpec(
    title="Warning letter",
    description="Warning letter to the subject about not complying with a term of the order",
    abbrev="WL",
    audience="subject",
    states=("live", "varied"),
    needs=("event",),
    pack_position=80,
    sent_on_event_date=True,
)

@dataclass(frozen=True)
class WhatToDo:
    """What the letter asks: ``ask`` (the clause's remedy), ``none`` (the clause says a
    breach cannot be put right: only stop), ``term`` (the clause declares nothing and the
    event names the detail: do what the term says about it) or ``stop`` (nothing declared
    and nothing asked)."""

    mode: str
    remedy: str | None  # the rendered remedy when mode is "ask"
    reason: str | None  # why nothing can be put right, when mode is "none"
    detail: str | None  # the event's case detail (action_required)


def _clause(case: Case, number: int) -> Any:
    """The clause behind the term breached (a name of its own so tests can swap it)."""
    return clause_of(case.term(number))


def what_to_do(case: Case, event: Event, locale: str) -> WhatToDo:
    """What the letter about ``event`` may ask, from the remedy of the term breached."""
    from ...locale.clauses import clause_field

    at = where(case, event)
    term = case.term(event.term)
    clause = _clause(case, event.term)
    reason = clause.remedy_reason
    if reason:
        if event.action_required or event.action_by:
            raise DocgenError(
                f"term {term.number} ({clause.code}) declares that a failure to comply cannot be put right "
                f"({reason.strip()}); a letter about it asks only that the failure is not repeated, so it "
                "cannot require an action: remove action_required and action_by",
                file=case.source or "",
                field=f"{at}.action_required",
            )
        return WhatToDo("none", None, clause_field(clause, "remedy", reason.strip(), dict(term.params), locale, template=False), None)
    if not event.action_required and event.action_by is None:
        # the officer asks for nothing on this occasion (the trip was notified late but was
        # notified): the letter asks only that the failure is not repeated
        return WhatToDo("stop", None, None, None)
    remedy = clause.render_remedy(term.params, locale=locale)
    if remedy is not None:
        remedy = clause_field(clause, "remedy", remedy, dict(term.params), locale, template=bool(clause.remedy.ask))
    # the case file refuses action_required without action_by, so a date to do it by is here
    return WhatToDo("ask" if remedy else "term", remedy, None, event.action_required or None)


@dataclass(frozen=True, kw_only=True)
class Context(KindContext):
    """What the warning letter adds to its template."""

    earlier_warnings: list = meaning("earlier warnings about the order, by reference and date")
    event: Event = meaning("the history event the document is about (--event)")
    level: str = meaning("the warning's level on the ladder: advisory, first or final")
    next_level: str | None = meaning("the level of the next warning, or none after a final one")
    register_record: dict = meaning("what the register records for this letter (its level)")
    term_number: int = meaning("the number of the term the letter is about")
    todo: WhatToDo = meaning("what the letter asks: mode (ask, none, term, stop), remedy, reason, detail")


def context(case: Case, event: Event | None, options: Any) -> Context:
    assert event is not None  # the pipeline refuses a kind that needs --event before building it
    at = where(case, event)
    problems = []
    if event.type not in FAILURES:
        problems.append(Check(f"{at}.type", f"is '{event.type}'; a warning letter needs a 'non_compliance' or 'breach' event"))
    for name in ("term", "by"):
        if getattr(event, name) in (None, ""):
            problems.append(Check(f"{at}.{name}", "a warning letter needs this field"))
    refuse(case, problems)
    todo = what_to_do(case, event, getattr(options, "locale", None) or DEFAULT_LOCALE)
    index = case.history.index(event)
    earlier = prior_warnings(case, index, issued_documents(options))
    level = ladder_level(case, event, earlier)
    return Context(
        event=event,
        term_number=case.term(event.term).number,
        level=level,
        next_level=NEXT_LEVEL[level],
        todo=todo,
        earlier_warnings=earlier,
        doc_date=not_before(case, event.date, options, f"the event {event.id} it reports"),
        register_record={"level": level},
    )


def demo_runs(case: Case) -> list[str]:
    """One letter for each recorded failure that is on the ladder (a letter is possible)."""
    runs = []
    for index, event in enumerate(case.history):
        if event.type not in FAILURES or not event.term:
            continue
        try:
            what_to_do(case, event, DEFAULT_LOCALE)
            ladder_level(case, event, prior_warnings(case, index, ()))
        except DocgenError:
            continue
        runs.append(event.id)
    return runs
