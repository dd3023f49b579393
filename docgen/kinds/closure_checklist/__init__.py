"""What the internal closure checklist needs: each closure step, who did it and when.

Steps done are read from the case file's ``closure`` section, and from the register when
it was read: its own closing of the case, and the expiry confirmation it issued (whose
reference the checklist prints). Each step has a date it is due by, counted from the
order's expiry, so an outstanding step shows how late it is. The systems are those the
order was recorded on at its start (see the start-of-order checklist).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from ...case import Case, Done, Event
from ...errors import DocgenError
from ...register.forces import shipped_forces
from .._history import issued_documents, not_before
from ..spec import KindContext, KindSpec, meaning

# closure follows the expiry of the order
SPEC = KindSpec(
    title="Closure checklist",
    description="Internal checklist for closing a case when the order expires, each step with who did it and when",
    abbrev="CC",
    states=("expired",),
    needs=("release_date",),
    pack_position=120,
)

# (key, days from the order's last day by which it is due; a negative number is before
# expiry and None means the force's final-checks setting). The template words each step:
# the same systems and agencies as the start-of-order checklist, in the same order.
STEPS: tuple[tuple[str, int | None], ...] = (
    ("final_check_subject", None),
    ("final_check_probation", None),
    ("final_intelligence", 0),
    ("pnc_flag_removed", 1),
    ("force_system_flag_removed", 1),
    ("visor_archived", 7),
    ("corvus_closed", 7),
    ("hmpps_informed", 1),
    ("probation_informed", 1),
    ("expiry_confirmation_sent", 7),
    ("register_closed", 7),
)


@dataclass(frozen=True)
class Step:
    key: str
    due: dt.date
    done: Done | None


@dataclass(frozen=True, kw_only=True)
class Context(KindContext):
    """What the closure checklist adds to its template."""

    ended_on: dt.date = meaning("the day the order ended")
    steps: list = meaning("each step of the checklist, with who did it and when")


def context(case: Case, event: Event | None, options: Any) -> Context:
    order = case.order
    if order.status not in ("made", "expired") or order.expires_on is None:
        raise DocgenError(
            f"the order is '{order.status}' and its expiry is not known; closure follows an order that was made",
            file=case.source or "",
            field="order.status",
        )
    end = order.expires_on
    before = shipped_forces().settings_for(case.managing_force).final_checks_days_before_expiry
    done = dict(case.closure)
    row = (getattr(options, "extra", None) or {}).get("case_row")
    if row is not None and row.closed and "register_closed" not in done:
        done["register_closed"] = Done(by=row.closed_by, date=dt.date.fromisoformat(row.closed_at[:10]))
    letter = expiry_letter(issued_documents(options))
    if letter is not None:
        done["expiry_confirmation_sent"] = Done(by=letter.generated_by, date=letter.document_date, reference=letter.reference)
    sent = done.get("expiry_confirmation_sent")
    if sent is not None and not sent.reference.strip():
        raise DocgenError(
            "the written confirmation of expiry is recorded as sent but without its reference; give the "
            "letter's reference, or issue it through the register",
            file=case.source or "",
            field="closure.expiry_confirmation_sent.reference",
        )
    steps = [
        Step(key, end + dt.timedelta(days=-before if offset is None else offset), done.get(key))
        for key, offset in STEPS
    ]
    facts = [s.done.date for s in steps if s.done]
    # the checklist is never dated before a step it records as done
    dated = not_before(case, max(facts), options, "the latest step it records as done") if facts else None
    return Context(steps=steps, ended_on=end, doc_date=dated)


def expiry_letter(issued: Any) -> Any:
    """The newest issued expiry confirmation in the register, if the register was read."""
    from ...register.references import newest_versions

    letters = [d for d in newest_versions(issued) if d.kind == "expiry-confirmation"]
    return max(letters, key=lambda d: d.seq, default=None)


def demo_runs(case: Case) -> list[str | None]:
    order = case.order
    return [None] if order.status == "expired" else []
