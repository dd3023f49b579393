"""The monitoring diary: what each live order's terms make due, and whether it was done.

Three kinds of item come from the terms and the history:

- a start-up notification: a clause whose start-up duty says "within N days of this order
  coming into force" is owed N calendar days after the order (or the term) starts; a
  ``notification`` event for that term closes it;
- a notification of a change: a ``notification`` event that gives ``changed_on`` was owed
  within the term's ``notify_days`` of the change; it is on time or late;
- a compliance check: each term is checked at the frequency the force's house style sets
  for its clause's category (``compliance_checks``; 28 days when it sets none), the kind of
  check being the clause's monitoring guidance; a ``compliance_check`` event for the term
  (or for the whole order) closes the check it falls in;
- the release-day visit, owed on the day of release (the key date the register keeps): the
  start-of-order record of it closes it, else the first ``contact`` or
  ``compliance_check`` on or after release (the rule the performance report uses);
- home visits, when a term's clause relies on them in its monitoring guidance ("home
  visits", "searches at visits"): one visit per order at the house style's
  ``compliance_checks: {visit: ...}`` rhythm (its ``default``, else 28 days, when it sets
  none), from the order's start; a ``contact`` event closes the visit it falls in;
- reviews of the order, at the force's ``review_every_months`` (``docgen/data/forces.yaml``)
  from the start, the months counted as the register's key dates count them (31 August
  plus six months is the end of February); a ``review`` event closes the review it
  falls in.

Deadlines set by a term run in calendar days, as the term says. A check, visit or review
the force plans for a weekend or bank holiday falls due on the next working day. Items late or missed are
listed as candidate non-compliance for an officer to judge; nothing here records a failure
or moves the warning ladder.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from .case import Case, Event
from .dates import add_months
from .orderstate import state_on
from .timeline import add_working_days

DEFAULT_CHECK_DAYS = 28
_STARTUP = re.compile(r"\bwithin (\d+) days? of (?:this|the) order coming into force", re.IGNORECASE)
# monitoring guidance that relies on visiting the subject (a prison visit is not one)
_VISITS = re.compile(r"(?<!prison )\b(?:home )?visits?\b(?! (?:are|is) (?:notified|checked))", re.IGNORECASE)
VISIT_PLAN = "visit"  # the compliance_checks key that sets the home-visit rhythm
FIRST_VISIT_EVENTS = ("contact", "compliance_check")  # as docgen/report.py counts a first visit
STATUSES = ("due", "done", "late", "missed")


@dataclass(frozen=True)
class Item:
    """One diary entry: what is owed, by when, and what the history shows of it."""

    officer: str
    case_id: str
    term: int | None
    kind: str  # "start-up notification", "change notification", "compliance check", "release-day visit", "home visit", "review"
    what: str
    due: dt.date
    status: str  # one of STATUSES
    done_on: dt.date | None = None
    event: str | None = None

    @property
    def candidate_non_compliance(self) -> bool:
        """Late or missed: for an officer to consider, never recorded automatically."""
        return self.status in ("late", "missed")


def _status(due: dt.date, done: dt.date | None, on: dt.date) -> str:
    if done is not None:
        return "done" if done <= due else "late"
    return "missed" if due < on else "due"


def startup_days(clause: Any, params: dict[str, Any]) -> int | None:
    """The days the clause's start-up duty allows, read from its words as the order prints them."""
    text = clause.render_startup(params)
    if not text:
        return None
    found = _STARTUP.search(" ".join(text.split()))
    return int(found.group(1)) if found else None


def check_due_dates(start: dt.date, last: dt.date, every: int | str) -> list[dt.date]:
    """The planned checks from ``start`` to ``last``: every N days, or each month end.

    A check planned for a weekend or bank holiday falls due on the next working day.
    """
    planned: list[dt.date] = []
    if every == "monthly":
        year, month = start.year, start.month
        while True:
            nxt = dt.date(year + month // 12, month % 12 + 1, 1)
            end = nxt - dt.timedelta(days=1)
            if end > last:
                break
            if end > start:
                planned.append(end)
            year, month = nxt.year, nxt.month
    else:
        day = start + dt.timedelta(days=int(every))
        while day <= last:
            planned.append(day)
            day += dt.timedelta(days=int(every))
    return [add_working_days(d, 0) for d in planned]


def _checks(case: Case, number: int | None, dues: Sequence[dt.date], start: dt.date, on: dt.date) -> Iterable[tuple[dt.date, str, dt.date | None, str | None]]:
    """Match check events to planned checks in order: each event closes one check."""
    events = [e for e in case.history if e.type == "compliance_check" and (e.term in (None, number)) and e.date >= start]
    return _closing(events, dues, start, on)


def _closing(events: Iterable[Event], dues: Sequence[dt.date], start: dt.date, on: dt.date) -> Iterable[tuple[dt.date, str, dt.date | None, str | None]]:
    """Each planned date with the event that closes it: one after the due day but by the
    next one closes it late; each event closes one item."""
    events = sorted((e for e in events if e.date >= start), key=lambda e: e.date)
    used: set[str] = set()
    previous = start
    for index, due in enumerate(dues):
        nxt = dues[index + 1] if index + 1 < len(dues) else None
        # a check after the due day but by the next one closes this check, late
        match = next((e for e in events if e.id not in used and e.date > previous and (nxt is None or e.date <= nxt)), None)
        if match is not None:
            used.add(match.id)
            yield due, _status(due, match.date, on), match.date, match.id
        else:
            yield due, _status(due, None, on), None, None
        previous = due


def diary(cases: Sequence[Case], on: dt.date, *, frequencies: dict[str, dict[str, int | str]] | None = None, library: Any = None) -> list[Item]:
    """Every item owed under the orders in force on ``on``, up to ``on`` and the week after.

    ``frequencies`` maps a force code to its house style's ``compliance_checks``.
    """
    from .conditions import shipped_library

    library = library or shipped_library()
    horizon = on + dt.timedelta(days=7)
    items: list[Item] = []
    for case in sorted(cases, key=lambda c: c.case_id):
        state = state_on(case, on)
        start = case.order.starts_on
        if not state.in_force or start is None:
            continue
        officer = case.offender_manager.name
        plan = (frequencies or {}).get(case.managing_force, {})
        visited: list[int] = []
        for term in case.terms:
            clause = library.get(term.clause, version=term.version)
            params = clause.resolve(term.params)
            begins = term.starts_on or start
            if begins > on:
                continue
            days = startup_days(clause, params)
            if days is not None:
                due = begins + dt.timedelta(days=days)
                done = _first(e for e in case.history if e.type == "notification" and e.term == term.number and e.date >= begins and e.changed_on is None)
                items.append(Item(officer, case.case_id, term.number, "start-up notification", f"{clause.title}: what the subject held when the order came into force", due, _status(due, done.date if done else None, on), done.date if done else None, done.id if done else None))
            notify = params.get("notify_days")
            if notify is not None:
                for event in case.history:
                    if event.type == "notification" and event.term == term.number and event.changed_on is not None:
                        due = event.changed_on + dt.timedelta(days=int(notify))
                        items.append(Item(officer, case.case_id, term.number, "change notification", f"{clause.title}: change on {event.changed_on.isoformat()}", due, _status(due, event.date, on), event.date, event.id))
            every = plan.get(clause.category, plan.get("default", DEFAULT_CHECK_DAYS))
            last = min(horizon, term.ends_on or horizon, case.order.expires_on or horizon)
            how = re.split(r"[.;]", " ".join(str(clause.monitoring.how).split()), maxsplit=1)[0]
            for due, status, done_on, event_id in _checks(case, term.number, check_due_dates(begins, last, every), begins, on):
                items.append(Item(officer, case.case_id, term.number, "compliance check", f"{clause.title}: {how}", due, status, done_on, event_id))
            if visits_needed(clause):
                visited.append(term.number)
        items.extend(_release_visit(case, officer, on))
        if visited:
            every = plan.get(VISIT_PLAN, plan.get("default", DEFAULT_CHECK_DAYS))
            last = min(horizon, case.order.expires_on or horizon)
            contacts = [e for e in case.history if e.type == "contact"]
            terms = ", ".join(str(n) for n in visited)
            what = f"Home visit: the monitoring of term{'s' if len(visited) > 1 else ''} {terms} relies on it"
            for due, status, done_on, event_id in _closing(contacts, check_due_dates(start, last, every), start, on):
                items.append(Item(officer, case.case_id, None, "home visit", what, due, status, done_on, event_id))
        months = review_months(case.managing_force)
        reviews = [e for e in case.history if e.type == "review"]
        dues = review_due_dates(start, min(horizon, case.order.expires_on or horizon), months, case.order.expires_on)
        for number, (due, status, done_on, event_id) in enumerate(_closing(reviews, dues, start, on), start=1):
            items.append(Item(officer, case.case_id, None, "review", f"Review {number} of the order and its terms", due, status, done_on, event_id))
    return sorted(items, key=lambda i: (i.officer, i.due, i.case_id, i.term or 0, i.kind))


def visits_needed(clause: Any) -> bool:
    """Whether the clause's monitoring guidance relies on visiting the subject."""
    return _VISITS.search(" ".join(str(clause.monitoring.how).split())) is not None


def review_months(force_code: str) -> int:
    """The force's review rhythm in months, from the forces directory."""
    from .register.forces import shipped_forces

    return shipped_forces().settings_for(force_code).review_every_months


def review_due_dates(start: dt.date, last: dt.date, months: int, expires: dt.date | None = None) -> list[dt.date]:
    """Review N falls N x ``months`` after the start (as the register's key dates count it),
    while the order runs and up to ``last``; a weekend or bank holiday moves it to the next
    working day."""
    dues, number = [], 1
    while True:
        planned = add_months(start, months * number)
        if planned > last or (expires is not None and planned >= expires):
            break
        dues.append(add_working_days(planned, 0))
        number += 1
    return dues


def _release_visit(case: Case, officer: str, on: dt.date) -> list[Item]:
    """The release-day visit: owed on the day of release, while the order is in force."""
    release = case.order.release_date
    if release is None or release > on:
        return []
    done_on, event_id = first_visit(case) or (None, None)
    what = "Release-day visit: every term gone through, signed acknowledgement"
    return [Item(officer, case.case_id, None, "release-day visit", what, release, _status(release, done_on, on), done_on, event_id)]


def first_visit(case: Case) -> tuple[dt.date, str | None] | None:
    """When an officer first saw the holder after release, and the history event that says so:
    the start-of-order release-visit record, else the notice acknowledged in person on or
    after the release (as the start-of-order checklist takes it), else the first contact or
    compliance check. The diary closes the release-day visit with it; the performance
    report counts the days to it."""
    release = case.order.release_date
    if release is None:
        return None
    record = case.start_of_order.get("release_visit")
    if record is not None:
        return record.date, None
    notice = case.order.notice
    if notice is not None and notice.how == "acknowledged" and notice.by.strip() and notice.date >= release:
        return notice.date, None
    first = _first(e for e in case.history if e.type in FIRST_VISIT_EVENTS and e.date >= release)
    return (first.date, first.id) if first else None


def _first(events: Iterable[Event]) -> Event | None:
    return next(iter(sorted(events, key=lambda e: e.date)), None)


def week_of(on: dt.date) -> tuple[dt.date, dt.date]:
    """Monday to Sunday of the week ``on`` falls in."""
    monday = on - dt.timedelta(days=on.weekday())
    return monday, monday + dt.timedelta(days=6)


def in_view(items: Sequence[Item], on: dt.date, *, week: bool) -> list[Item]:
    """What the diary shows: with ``week``, what falls due this week, what was missed in the
    four weeks before it and what was done late this week; otherwise everything."""
    if not week:
        return list(items)
    first, last = week_of(on)
    recent = first - dt.timedelta(days=28)
    return [
        i for i in items
        if first <= i.due <= last
        or (i.status == "missed" and recent <= i.due)
        or (i.status == "late" and i.done_on is not None and first <= i.done_on <= last)
    ]
