"""What the internal closure checklist needs: each closure step, who did it and when.

Steps done are read from the case file's ``closure`` section, and the register's own
closing of the case when the register was read. Each step has a date it is due by,
counted from the order's expiry, so an outstanding step shows how late it is.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from ..case import Case, Done, Event
from ..errors import DocgenError
from ..register.forces import shipped_forces
from .spec import KindSpec

# closure follows the expiry of the order
SPEC = KindSpec(title="Closure checklist", states=("expired",), needs=("release_date",), pack_position=120)

# (key, what must be done, days from the order's last day by which it is due; a negative
# number is before expiry and None means the force's final-checks setting)
STEPS: tuple[tuple[str, str, int | None], ...] = (
    ("final_check_subject", "Final check with the subject: contact made, compliance confirmed, expiry explained", None),
    ("final_check_probation", "Final check with probation: licence status and any continuing conditions confirmed", None),
    ("final_intelligence", "Final intelligence submitted", 0),
    ("pnc_flag_removed", "SCPO marker removed from the Police National Computer", 1),
    ("force_system_flag_removed", "Order flag removed from the force records system", 1),
    ("visor_archived", "ViSOR record archived", 7),
    ("register_closed", "Case closed in the order register", 7),
)


@dataclass(frozen=True)
class Step:
    key: str
    label: str
    due: dt.date
    done: Done | None


def context(case: Case, event: Event | None, options: Any) -> dict[str, Any]:
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
    steps = [
        Step(key, label, end + dt.timedelta(days=-before if offset is None else offset), done.get(key))
        for key, label, offset in STEPS
    ]
    return {"steps": steps, "steps_done": sum(1 for s in steps if s.done), "ended_on": end}


def demo_runs(case: Case) -> list[str | None]:
    order = case.order
    return [None] if order.status == "expired" else []
