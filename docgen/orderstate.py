"""The order's state on any date, computed from the case: one answer for every document.

An order passes through ``proposed`` (an application is being drafted), ``authorised``
(a prosecutor has authorised the application), ``made`` (the court has made it but it has
not started, for example while the subject is still in custody), ``live`` (in force),
``varied`` (in force after a court varied it), and ends ``expired`` or ``discharged``.
The state is read from the order's dates and the history (a ``variation`` event is the
court varying the order, a ``discharge`` event the court discharging it), never typed by
hand, so a document kind, the register and the diary all ask the same question the same
way.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .case import Case, Event
from .kinds.spec import IN_FORCE, ORDER_STATES


@dataclass(frozen=True)
class OrderState:
    """The order on one day, with the dates that decide it (None while not known)."""

    state: str
    on: dt.date
    order_id: str
    authorised_on: dt.date | None
    made_on: dt.date | None
    release_date: dt.date | None
    starts_on: dt.date | None
    expires_on: dt.date | None
    varied_on: tuple[dt.date, ...]
    discharged_on: dt.date | None
    start_rule: str

    @property
    def in_force(self) -> bool:
        return self.state in IN_FORCE

    def describe(self) -> str:
        """The state in words with its deciding dates: "on 2026-11-20 the order X is made, ..."."""
        return f"on {self.on.isoformat()} the order {self.order_id} {self.phrase()}"

    def phrase(self) -> str:
        if self.state == "proposed":
            later = f"; it is made later, on {_iso(self.made_on)}" if self.made_on else ""
            return f"is proposed (no prosecutor has authorised the application yet{later})"
        if self.state == "authorised":
            return f"is authorised (the prosecutor authorised the application on {_iso(self.authorised_on)}) but not yet made"
        if self.state == "made":
            return f"is made (on {_iso(self.made_on)}), {self.awaiting()}"
        if self.state == "live":
            return f"is live (in force from {_iso(self.starts_on)} to the end of {_iso(self.expires_on)})"
        if self.state == "varied":
            return (
                f"is varied (by the court on {_iso(self.varied_on[-1])}; in force from {_iso(self.starts_on)} "
                f"to the end of {_iso(self.expires_on)})"
            )
        if self.state == "expired":
            return f"has expired (at the end of {_iso(self.expires_on)})"
        return f"is discharged (by the court on {_iso(self.discharged_on)})"

    def awaiting(self) -> str:
        """What a made order is waiting for."""
        if self.start_rule == "on_release":
            if self.release_date is None:
                return "awaiting release, with no release date recorded yet"
            return f"awaiting release on {self.release_date.isoformat()}"
        return f"starting on {_iso(self.starts_on)}"


def _iso(day: dt.date | None) -> str:
    return day.isoformat() if day else "(not recorded)"


def events_of(case: Case, kind: str) -> list[Event]:
    """History events of one type, in date order."""
    return sorted((e for e in case.history if e.type == kind), key=lambda e: e.date)


def state_on(case: Case, on: dt.date) -> OrderState:
    """The order's state on ``on``, from the order's dates and the history."""
    order = case.order
    prosecutor = order.authorising_prosecutor
    authorised_on = prosecutor.authorised_on if prosecutor else None
    made_on = order.made_on if order.status != "proposed" else None
    discharges = events_of(case, "discharge")
    discharged_on = discharges[0].date if discharges else None
    variations = tuple(e.date for e in events_of(case, "variation") if e.date <= on)
    start, end = order.starts_on, order.expires_on
    if made_on is None or on < made_on:
        state = "authorised" if authorised_on is not None and authorised_on <= on else "proposed"
    elif discharged_on is not None and on >= discharged_on:
        state = "discharged"
    elif start is None or on < start:
        state = "made"
    elif end is not None and on > end:
        state = "expired"
    elif variations:
        state = "varied"
    else:
        state = "live"
    assert state in ORDER_STATES
    return OrderState(
        state=state,
        on=on,
        order_id=case.case_id,
        authorised_on=authorised_on,
        made_on=made_on,
        release_date=order.release_date,
        starts_on=start if made_on is not None else None,
        expires_on=end if made_on is not None else None,
        varied_on=variations,
        discharged_on=discharged_on,
        start_rule=order.start_rule,
    )


def transitions(case: Case) -> list[tuple[dt.date, str]]:
    """The days the order changes state, with the state it enters (for diaries and tests)."""
    days = {
        d
        for d in (
            case.order.authorising_prosecutor.authorised_on if case.order.authorising_prosecutor else None,
            case.order.made_on,
            case.order.starts_on,
            case.order.expires_on + dt.timedelta(days=1) if case.order.expires_on else None,
            *(e.date for e in case.history if e.type in ("variation", "discharge")),
        )
        if d is not None
    }
    out: list[tuple[dt.date, str]] = []
    for day in sorted(days):
        state = state_on(case, day).state
        if not out or out[-1][1] != state:
            out.append((day, state))
    return out
