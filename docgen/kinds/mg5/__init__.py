"""What an MG5 case summary for a s.25 breach needs, with nothing sensitive in it.

The MG5 goes to the prosecutor and then to the defence. It is rendered from the case
with every entry marked ``sensitive`` removed (history events, exhibits, witnesses), and
the template sees only that view, so sensitive material cannot reach it by mistake.
"""

from __future__ import annotations

from dataclasses import dataclass

from typing import Any

from ...case import BreachFile, Case, Event, Notice
from ...errors import DocgenError
from .._checks import Check, refuse
from .._history import disclosed_warnings, failure_checks, issued_documents, not_before, without_sensitive
from ..spec import KindContext, KindSpec, meaning

# a breach prosecution may continue after the order has expired
SPEC = KindSpec(
    title="MG5 case summary",
    description="MG5 case summary for a prosecution for breach of the order (s.25), with no sensitive material",
    abbrev="MG5",
    states=("live", "varied", "expired"),
    needs=("event", "release_date"),
    pack_position=100,
)

NOTICE_NEEDS = {"acknowledged": ("by",), "served_in_person": ("by",), "served_by_post": (), "represented": ()}


@dataclass(frozen=True, kw_only=True)
class Context(KindContext):
    """What the mG5 case summary adds to its template."""

    breach_file: BreachFile = meaning("the breach file this statement reports")
    case: Case = meaning("in place of the common case: the case without sensitive history, as it may be shared")
    chronology: list[Event] = meaning("the history up to and including the event reported")
    earlier_warnings: list = meaning("earlier warnings about the order, by reference and date")
    event: Event = meaning("the history event the document is about (--event)")
    history: list[Event] = meaning("in place of the common history: the history without sensitive events")
    interview: Event | None = meaning("the interview under caution, when there was one")
    notice: Notice = meaning("how the subject was given notice of the order")


def context(case: Case, event: Event | None, options: Any) -> Context:
    assert event is not None  # the pipeline refuses a kind that needs --event before building it
    problems = failure_checks(
        case, event,
        type_needed="an MG5 for s.25 needs a 'breach' or 'non_compliance' event",
        term_needed="an MG5 must name the term breached",
        not_sensitive="the breach itself is marked sensitive; it cannot be the subject of an MG5",
    )
    files = [f for f in case.breach_files if f.event == event.id]
    if not files:
        problems.append(Check("breach_files", f"no breach file for {event.id}; an MG5 needs its plea, headline, order exhibit, evidence and supervisor"))
    for f in files:
        talk = next((e for e in case.history if e.id == f.interview), None)
        if talk is not None and talk.sensitive:
            problems.append(Check(f"breach_files.{case.breach_files.index(f)}.interview", f"'{talk.id}' is marked sensitive; an interview summary on an MG5 is disclosed"))
    notice = case.order.notice
    if notice is None:
        problems.append(
            Check(
                "order.notice",
                "an MG5 must show that the subject knew the terms (signed acknowledgement and "
                "body-worn video, or service under s.10, or representation at the hearing)",
            )
        )
    else:
        for name in NOTICE_NEEDS[notice.how]:
            if not getattr(notice, name).strip():
                problems.append(Check(f"order.notice.{name}", f"needed when the notice was {notice.how.replace('_', ' ')}"))
    if case.order.made_on is None:
        problems.append(Check("order.made_on", "an MG5 needs the date the order was made"))
    refuse(case, problems)
    shared = without_sensitive(case)
    breach_file = next(f for f in shared.breach_files if f.event == event.id)
    if not breach_file.evidence:
        raise DocgenError(
            f"every exhibit in the breach file for {event.id} is marked sensitive; an MG5 needs at least one "
            "exhibit that can be disclosed",
            file=case.source or "",
            field="breach_files",
        )
    ids = [e.id for e in shared.history]
    interview = None
    if breach_file.interview in ids:
        interview = shared.history[ids.index(breach_file.interview)]
    last = max(ids.index(event.id), ids.index(interview.id) if interview else 0)
    return Context(
        case=shared,
        history=shared.history,
        event=event,
        breach_file=breach_file,
        notice=notice,
        interview=interview,
        chronology=shared.history[: last + 1],
        earlier_warnings=disclosed_warnings(case, event, issued_documents(options)),
        doc_date=not_before(
            case,
            max((interview or event).date, breach_file.supervisor.date),
            options,
            "the breach, the interview and the supervisor's review it records",
        ),
    )


def demo_runs(case: Case) -> list[str]:
    """One MG5 for each breach that has a breach file."""
    return [f.event for f in case.breach_files if case.order.notice is not None]
