"""What the letter confirming expiry needs: an order that has ended, and what continues.

The letter is dated after the order's last day. It names every separate order, and the
licence, that still binds the subject on the letter's date, so that nobody reads the end
of the order as the end of every restriction.
"""

from __future__ import annotations

from dataclasses import dataclass

import datetime as dt
from typing import Any

from ...case import Case, Event, Licence
from ...errors import DocgenError
from .._history import not_before
from ..spec import KindContext, KindSpec, meaning

# it confirms that the order has ended by expiry
SPEC = KindSpec(
    title="Expiry confirmation",
    description="Letter to the subject confirming that the order has expired, naming any order or licence that continues",
    abbrev="EC",
    audience="subject",
    states=("expired",),
    needs=("release_date",),
    pack_position=110,
)


@dataclass(frozen=True, kw_only=True)
class Context(KindContext):
    """What the expiry confirmation adds to its template."""

    continuing: list = meaning("what continues after the order ends (licence, other orders)")
    ended_on: dt.date = meaning("the day the order ended")
    licence: Licence | None = meaning("the subject's licence, when released on licence (case.licence)")


def context(case: Case, event: Event | None, options: Any) -> Context:
    order = case.order
    if order.status not in ("made", "expired") or order.expires_on is None:
        raise DocgenError(
            f"the order is '{order.status}' and its expiry is not known; an expiry confirmation is for an "
            "order that was made and has run its course",
            file=case.source or "",
            field="order.status",
        )
    ended = order.expires_on
    date = getattr(options, "date", None) or case.document_date
    if date is not None and date <= ended:
        # never moved forward silently: a letter saying the order ended must be written after it ended
        raise DocgenError(
            f"the document date {date.isoformat()} is not after the order's last day ({ended.isoformat()}); "
            "an expiry confirmation cannot be dated before the order ended",
            file=case.source or "",
            field="--date" if getattr(options, "date", None) else "document_date",
        )
    date = not_before(case, ended + dt.timedelta(days=1), options, "the day after the order expired")
    continuing = [
        o for o in case.other_orders if o.made_on <= date and (o.ends_on is None or o.ends_on >= date)
    ]
    licence = case.licence if case.licence and case.licence.ends_on >= date else None
    return Context(
        ended_on=ended,
        continuing=continuing,
        licence=licence,
        doc_date=date,
    )


def demo_runs(case: Case) -> list[str | None]:
    order = case.order
    expired = order.status == "expired" or (
        order.expires_on is not None and case.document_date is not None and case.document_date > order.expires_on
    )
    return [None] if expired and order.status in ("made", "expired") else []
