"""What the internal start-of-order checklist needs: each recording step, who did it and when.

Once the court has made the order, the team records it on every system and tells every
agency that must know, and visits the subject on release to go through the terms. Each
step is due a number of days after the order was made, or on the day the order starts
(release); steps done are read from the case file's ``start_of_order`` section. The
release visit is also done when the order's notice records a signed acknowledgement.
The force's records system is named by the house style, and the Corvus step appears
only where the force uses Corvus (the template reads both from the house style).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from ...case import Case, Done, Event
from ...errors import DocgenError
from .._history import not_before
from ..spec import KindContext, KindSpec, meaning

SPEC = KindSpec(
    title="Start-of-order recording checklist",
    description="Internal checklist for recording a new order on each system and with each agency, and the release visit, each step with who did it and when",
    abbrev="SOC",
    states=("made", "live", "varied"),
    needs=(),
    pack_position=75,  # after the release-day acknowledgement (70)
)

# (key, days after the order was made by which it is due; None means the day the order
# starts, which for an order starting on release is the release date)
STEPS: tuple[tuple[str, int | None], ...] = (
    ("pnc_recorded", 1),
    ("force_system_recorded", 1),
    ("visor_recorded", 3),
    ("corvus_recorded", 3),
    ("hmpps_informed", 2),
    ("probation_informed", 5),
    ("release_visit", None),
)


@dataclass(frozen=True)
class Step:
    key: str
    due: dt.date | None  # None: the order starts on a release date not yet known
    done: Done | None


@dataclass(frozen=True, kw_only=True)
class Context(KindContext):
    """What the start-of-order recording checklist adds to its template."""

    steps: list = meaning("each step of the checklist, with who did it and when")


def context(case: Case, event: Event | None, options: Any) -> Context:
    order = case.order
    if order.made_on is None:
        raise DocgenError(
            f"the order is '{order.status}' and has no made_on date; the start-of-order checklist records "
            "an order the court has made",
            file=case.source or "",
            field="order.made_on",
        )
    done = dict(case.start_of_order)
    notice = order.notice
    if "release_visit" not in done and notice is not None and notice.how == "acknowledged" and notice.by.strip():
        proof = [f"signed acknowledgement {notice.exhibit}"] + ([f"body-worn video {notice.bwv_reference}"] if notice.bwv_reference else [])
        done["release_visit"] = Done(by=notice.by, date=notice.date, note=", ".join(proof))
    steps = [
        Step(key, order.starts_on if offset is None else order.made_on + dt.timedelta(days=offset), done.get(key))
        for key, offset in STEPS
    ]
    return Context(
        steps=steps,
        doc_date=not_before(
            case,
            max([order.made_on] + [s.done.date for s in steps if s.done]),
            options,
            "the day the order was made and every step it records as done",
        ),
    )


def demo_runs(case: Case) -> list[str | None]:
    """One checklist for an order that has been made and has not yet ended."""
    return [None] if case.order.made_on is not None and case.order.status == "made" else []
