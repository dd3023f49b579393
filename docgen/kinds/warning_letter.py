"""What a warning letter needs: a non-compliance event with its term, level and action."""

from __future__ import annotations

from typing import Any

from ..case import Case, Event
from ..errors import DocgenError, Problem

NEXT_LEVEL = {"advisory": "first", "first": "final", "final": None}


def context(case: Case, event: Event | None, options: Any) -> dict[str, Any]:
    if event is None:
        raise DocgenError("a warning letter is about one history event: pass --event ID", field="--event")
    index = case.history.index(event)
    where = f"history.{index}"
    problems = []
    if event.type not in ("non_compliance", "breach"):
        problems.append(f"{where}.type: is '{event.type}'; a warning letter needs a 'non_compliance' or 'breach' event")
    for name in ("term", "level", "action_required", "action_by", "by"):
        if getattr(event, name) in (None, ""):
            problems.append(f"{where}.{name}: a warning letter needs this field")
    if problems:
        file = str(case.source or "")
        raise DocgenError([Problem(file, *p.split(": ", 1)) for p in problems])
    earlier = [
        e for e in case.history[:index] if e.type == "warning" or (e.type == "non_compliance" and e.level)
    ]
    return {
        "event": event,
        "term_number": case.term(event.term).number,
        "level": event.level,
        "next_level": NEXT_LEVEL[event.level],
        "earlier_warnings": earlier,
    }


def demo_runs(case: Case) -> list[str]:
    """One letter for each recorded non-compliance that carries a warning level."""
    return [e.id for e in case.history if e.type in ("non_compliance", "breach") and e.level]
