"""Key dates of an order: what a team must do, and when, for the life of the order.

Computed from the case file alone (release, the release-day visit, the start, reviews,
term start and end dates, actions the subject owes, final checks, expiry), so the
register, the ``due`` list and the calendar export all agree. Labels carry case ids and
event ids only, never a subject's personal data.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ..case import Case
from ..dates import add_months  # noqa: F401 - also imported from here
from ..errors import DocgenError
from ..kinds._history import open_actions
from .forces import Settings


@dataclass(frozen=True, order=True)
class KeyDate:
    """One thing due on one day. ``uid`` stays the same when the date moves."""

    on: dt.date
    case_id: str
    uid: str
    kind: str
    label: str


def key_dates(case: Case, settings: Settings) -> list[KeyDate]:
    """Every key date of the case, in date order."""
    order = case.order
    out: list[KeyDate] = []

    def add(on: dt.date | None, uid: str, kind: str, label: str) -> None:
        if on is not None:
            out.append(KeyDate(on, case.case_id, f"{case.case_id}/{uid}", kind, label))

    add(order.release_date, "release", "release", "Release from custody")
    add(order.release_date, "release-visit", "visit",
        "Release-day visit: go through every term, signed acknowledgement, body-worn video")
    if order.status in ("made", "expired") and order.starts_on and order.expires_on:
        start, end = order.starts_on, order.expires_on
        add(start, "start", "start", "Order comes into force")
        number, review = 1, add_months(start, settings.review_every_months)
        while review < end:
            add(review, f"review-{number}", "review", f"Review {number} of the order and its terms")
            number, review = number + 1, add_months(start, settings.review_every_months * (number + 1))
        for term in case.terms:
            if term.starts_on and term.starts_on != start:
                add(term.starts_on, f"term-{term.number}-start", "term", f"Term {term.number} comes into force")
            if term.ends_on and term.ends_on != end:
                add(term.ends_on, f"term-{term.number}-end", "term", f"Term {term.number} ends (last day)")
        add(end - dt.timedelta(days=settings.final_checks_days_before_expiry), "final-checks", "final-checks",
            "Final checks with the subject and probation; final intelligence submitted")
        add(end, "expiry", "expiry", "Order expires (last day in force)")
        add(end + dt.timedelta(days=1), "closure", "closure",
            "Expiry confirmation to the subject; flags removed, ViSOR archived, register closed")
    for event in open_actions(case):
        term = f", term {event.term}" if event.term else ""
        add(event.action_by, f"action-{event.id}", "action", f"Action due from the subject ({event.id}{term})")
    if case.licence:
        add(case.licence.ends_on, "licence-end", "licence", "Licence ends")
    return sorted(out)


def between(dates: list[KeyDate], first: dt.date, last: dt.date) -> list[KeyDate]:
    return [d for d in dates if first <= d.on <= last]


_WITHIN = re.compile(r"^\s*(\d{1,4})\s*([dw]?)\s*$")


def parse_within(text: str) -> dt.timedelta:
    """'90d', '12w' or '30' (days) as a period; months are refused as ambiguous."""
    match = _WITHIN.match(text)
    if not match:
        raise DocgenError(f"'{text}' is not a period; write days as '90d' or weeks as '12w'", field="--within")
    amount, unit = int(match.group(1)), match.group(2) or "d"
    return dt.timedelta(days=amount * (7 if unit == "w" else 1))

