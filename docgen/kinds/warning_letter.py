"""What a warning letter needs: a failure to comply, its term, the action, and its level.

The level comes from the enforcement ladder (advisory, then first, then final), worked out
from the case history and the letters the register has issued; earlier warnings are
quoted by reference and date. After a final warning there is no further letter: the next
step is interview under caution or arrest.
"""

from __future__ import annotations

from typing import Any

from ..case import Case, Event
from ..errors import DocgenError
from ._history import FAILURES, NEXT_LEVEL, issued_documents, ladder_level, not_before, prior_warnings, refuse, where
from .spec import KindSpec

# a warning is about a failure to comply with an order in force
SPEC = KindSpec(title="Warning letter", states=("live", "varied"), needs=("event",), pack_position=80, sent_on_event_date=True)


def context(case: Case, event: Event | None, options: Any) -> dict[str, Any]:
    if event is None:
        raise DocgenError("a warning letter is about one history event: pass --event ID", field="--event")
    at = where(case, event)
    problems = []
    if event.type not in FAILURES:
        problems.append(f"{at}.type: is '{event.type}'; a warning letter needs a 'non_compliance' or 'breach' event")
    for name in ("term", "action_required", "action_by", "by"):
        if getattr(event, name) in (None, ""):
            problems.append(f"{at}.{name}: a warning letter needs this field")
    refuse(case, problems)
    index = case.history.index(event)
    earlier = prior_warnings(case, index, issued_documents(options))
    level = ladder_level(case, event, earlier)
    return {
        "event": event,
        "term_number": case.term(event.term).number,
        "level": level,
        "next_level": NEXT_LEVEL[level],
        "earlier_warnings": earlier,
        "doc_date": not_before(case, event.date, options, f"the event {event.id} it reports"),
        "register_record": {"level": level},
    }


def demo_runs(case: Case) -> list[str]:
    """One letter for each recorded failure that is on the ladder (a letter is possible)."""
    runs = []
    for index, event in enumerate(case.history):
        if event.type not in FAILURES or not event.term or not event.action_required:
            continue
        try:
            ladder_level(case, event, prior_warnings(case, index, ()))
        except DocgenError:
            continue
        runs.append(event.id)
    return runs
