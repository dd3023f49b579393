"""One timeline per document: the dated facts it cites, the deadlines it sets, working days.

A document is refused, never re-dated, when its date is earlier than a fact it cites (an
event it reports, an earlier warning, the order being made, an authorisation, a date its
grounds rely on) or when a deadline it sets does not leave the recipient a working day
after that date. ``--date`` and the case's ``document_date`` pass through the same check.

Which facts a kind cites is decided here, in one place: partly from what its context
holds (``event``, ``earlier_warnings``, ``chronology`` ...) and partly from what its
template prints about the case (:data:`CASE_FACTS`). Working days leave out weekends and
the bank holidays of England and Wales as the ``holidays`` package keeps them.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from .case import Case, Event
from .dates import month_end
from .errors import DocgenError, Problem

# England and Wales share their bank holidays (Banking and Financial Dealings Act 1971,
# Schedule 1, with the dates proclaimed each year); both subdivisions are read so that a
# holiday proclaimed for one of them alone would still count.
HOLIDAY_SUBDIVISIONS = ("ENG", "WLS")

# A warning letter's deadline must leave the subject at least this many working days after
# the letter's date: a deadline that has passed, or falls before the next working day,
# cannot be met by someone who reads the letter when it arrives.
MIN_WORKING_DAYS_TO_ACT = 1

# Documents that ask for the order or put it to the court: they come before it is made.
BEFORE_MAKING = ("scpo-application", "draft-order", "cps-covering-note")

# What each kind's template prints about the case as past fact (beyond its own context).
CASE_FACTS: dict[str, tuple[str, ...]] = {
    "scpo-application": ("convictions", "authorisation"),
    "draft-order": ("convictions", "authorisation"),
    "cps-covering-note": ("convictions", "authorisation"),
    "transfer-letter": ("made", "sentences", "authorisation", "risk"),
    "recall-request": ("made", "licence"),
    "expiry-confirmation": ("made", "start", "expiry"),
    # these say the order "came into force": a failure to comply needs an order in force
    "warning-letter": ("made", "start"),
    "mg5": ("made", "start"),
}
DEFAULT_CASE_FACTS = ("made",)  # any other kind is about an order that has been made

MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "ionawr"),
            ("february", "chwefror"),
            ("march", "mawrth"),
            ("april", "ebrill"),
            ("may", "mai"),
            ("june", "mehefin"),
            ("july", "gorffennaf"),
            ("august", "awst"),
            ("september", "medi"),
            ("october", "hydref"),
            ("november", "tachwedd"),
            ("december", "rhagfyr"),
        ),
        start=1,
    )
    for name in names
}
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_DAY_MONTH_YEAR = re.compile(rf"\b(?:(\d{{1,2}})(?:st|nd|rd|th)?\s+)?({_MONTH})\s+(\d{{4}})\b", re.IGNORECASE)
# Words that speak of time after release: only true once the subject has been released.
SINCE_RELEASE = re.compile(
    r"\b(?:since|after|following)\s+(?:(?:his|her|their|your|the subject's)\s+)?"
    r"(?:release|being released|(?:he|she|they|you)\s+(?:was|were)\s+released)\b"
    r"|\bers\s+(?:ei|eu|dy|iddo\s+gael\s+ei|iddi\s+gael\s+ei)\s+(?:ryddhau|rhyddhau)\b",
    re.IGNORECASE,
)


class TimelineError(DocgenError):
    """A document dated before what it cites, or with a deadline it cannot meet.

    ``earliest`` is the first date the document could carry instead, or None when no date
    would do (a deadline already passed only gets worse with a later date).
    """

    def __init__(self, problems: list[Problem] | Problem | str, *, earliest: dt.date | None, file: str = "", field: str = ""):
        super().__init__(problems, file=file, field=field)
        self.earliest = earliest


@dataclass(frozen=True, order=True)
class Fact:
    """A dated fact a document cites: the document may not be dated before it."""

    date: dt.date
    what: str
    field: str
    precision: str = "day"  # "month" when free text names only a month


@dataclass(frozen=True, order=True)
class Deadline:
    """A date a document tells its reader to act by."""

    date: dt.date
    what: str
    field: str
    working_days: int = MIN_WORKING_DAYS_TO_ACT


@dataclass(frozen=True)
class TimelineView:
    """What templates may ask about time on the document's date (``timeline`` in a template)."""

    date: dt.date
    released: bool  # a release is recorded on or before the document's date
    release_date: dt.date | None
    started: bool  # the order had come into force by the document's date
    ended: bool  # the order's last day is before the document's date
    asks_for_order: bool = False  # the document puts the order to the court: it speaks of it as to come

    def past(self, day: dt.date | None) -> bool:
        """Whether something dated ``day`` has happened by the document's date, so the
        document may report it as done (a hearing held, a sentence passed); a later date
        is printed as to come (listed, awaiting sentence), never as fact."""
        return day is not None and day <= self.date


# --------------------------------------------------------------------------- working days


@functools.lru_cache(maxsize=64)
def _bank_holidays(year: int) -> frozenset[dt.date]:
    """Kept in the per-user cache too (keyed by the holidays library's version): loading
    the library takes a fifth of a second, longer than the rest of a letter."""
    from .cache import cached

    return cached("bank-holidays", f"{year}:{','.join(HOLIDAY_SUBDIVISIONS)}", lambda: _computed_holidays(year))


def _computed_holidays(year: int) -> frozenset[dt.date]:
    import holidays  # on first use: it takes a fifth of a second to load

    days: set[dt.date] = set()
    for subdiv in HOLIDAY_SUBDIVISIONS:
        days.update(holidays.country_holidays("GB", subdiv=subdiv, years=year).keys())
    return frozenset(days)


def bank_holidays(year: int) -> frozenset[dt.date]:
    """The bank holidays of England and Wales in ``year``."""
    return _bank_holidays(year)


def is_working_day(day: dt.date) -> bool:
    """Monday to Friday and not a bank holiday in England and Wales."""
    return day.weekday() < 5 and day not in _bank_holidays(day.year)


def add_working_days(day: dt.date, n: int) -> dt.date:
    """The ``n``th working day after ``day`` (``day`` itself never counts); n >= 0.

    With n == 0 the answer is ``day`` when it is a working day, else the next one.
    """
    if n < 0:
        raise ValueError("add_working_days counts forward only")
    if n == 0:
        while not is_working_day(day):
            day += dt.timedelta(days=1)
        return day
    while n:
        day += dt.timedelta(days=1)
        if is_working_day(day):
            n -= 1
    return day


def working_days_between(start: dt.date, end: dt.date) -> int:
    """Working days after ``start`` up to and including ``end`` (0 when end <= start)."""
    count, day = 0, start
    while day < end:
        day += dt.timedelta(days=1)
        if is_working_day(day):
            count += 1
    return count


# --------------------------------------------------------------------------- facts cited


def _history_field(case: Case, event_id: str, leaf: str = "date") -> str:
    for index, event in enumerate(case.history):
        if event.id == event_id:
            return f"history.{index}.{leaf}"
    return f"history.{event_id}"


def _event_fact(case: Case, event: Event, role: str) -> Fact:
    return Fact(event.date, f"{role} {event.id} ({event.type.replace('_', ' ')})", _history_field(case, event.id))


def _context_facts(case: Case, context: dict[str, Any]) -> Iterator[Fact]:
    """Facts the kind's own context says the document reports."""
    event = context.get("event")
    if isinstance(event, Event):
        yield _event_fact(case, event, "the event")
    for warning in context.get("earlier_warnings") or ():
        ref = f" {warning.reference}" if warning.reference else ""
        yield Fact(warning.date, f"the earlier {warning.name}{ref} (history entry {warning.id})", _history_field(case, warning.id))
    for name, role in (("occasions", "the failure"), ("chronology", "the history entry"), ("notifications", "the notification")):
        for item in context.get(name) or ():
            yield _event_fact(case, item, role)
    interview = context.get("interview")
    if isinstance(interview, Event):
        yield _event_fact(case, interview, "the interview")
    breach_file = context.get("breach_file")
    if breach_file is not None:
        index = next((i for i, f in enumerate(case.breach_files) if f.event == breach_file.event), 0)
        yield Fact(breach_file.supervisor.date, "the supervisor's review of the breach file", f"breach_files.{index}.supervisor.date")
    notice = context.get("notice")
    if notice is not None and getattr(notice, "date", None) is not None:
        yield Fact(notice.date, f"notice of the terms ({notice.how.replace('_', ' ')})", "order.notice.date")
    later = context.get("later_conviction")
    if later is not None:
        conviction = later["conviction"]
        yield Fact(conviction.convicted_on, f"the later conviction {conviction.id}", _conviction_field(case, conviction.id))
    for step in context.get("steps") or ():
        if getattr(step, "done", None) is not None:
            yield Fact(step.done.date, f"the closure step '{step.key.replace('_', ' ')}' recorded as done", f"closure.{step.key}.date")
    for enclosure in context.get("enclosures") or ():
        if getattr(enclosure, "date", None) is not None:
            ref = f", reference {enclosure.reference}" if enclosure.reference else ""
            yield Fact(enclosure.date, f"the enclosure '{enclosure.what}'{ref}", "the letter's enclosures")
    if context.get("variation") is not None:
        yield from _variation_facts(case, context["variation"])


def _conviction_field(case: Case, conviction_id: str, leaf: str = "convicted_on") -> str:
    index = next((i for i, c in enumerate(case.convictions) if c.id == conviction_id), 0)
    return f"convictions.{index}.{leaf}"


def _case_facts(kind: str, case: Case) -> Iterator[Fact]:
    """Facts about the case that the kind's template prints as having happened."""
    order = case.order
    for rule in CASE_FACTS.get(kind, DEFAULT_CASE_FACTS):
        if rule == "made" and order.made_on is not None:
            yield Fact(order.made_on, "the making of the order", "order.made_on")
        elif rule == "convictions":
            for index, c in enumerate(case.convictions):
                yield Fact(c.convicted_on, f"the conviction {c.id}", f"convictions.{index}.convicted_on")
        elif rule == "sentences":
            for index, c in enumerate(case.convictions):
                yield Fact(c.sentenced_on, f"the sentence for {c.id}", f"convictions.{index}.sentenced_on")
        elif rule == "authorisation" and order.authorising_prosecutor is not None:
            yield Fact(order.authorising_prosecutor.authorised_on, "the prosecutor's authorisation", "order.authorising_prosecutor.authorised_on")
        elif rule == "start" and order.starts_on is not None and order.status != "proposed":
            yield Fact(order.starts_on, "the order coming into force", _start_field(order.start_rule))
        elif rule == "risk" and case.risk is not None:
            yield Fact(case.risk.assessed_on, "the risk assessment", "risk.assessed_on")
        elif rule == "licence" and case.licence is not None:
            yield Fact(case.licence.starts_on, "the start of the licence", "licence.starts_on")
        elif rule == "expiry" and order.expires_on is not None:
            yield Fact(order.expires_on + dt.timedelta(days=1), f"the end of the order (its last day was {order.expires_on.isoformat()})", "order.expires_on")


def _start_field(start_rule: str) -> str:
    return {"on_release": "order.release_date", "on_making": "order.made_on", "on_date": "order.start_date"}[start_rule]


def _variation_facts(case: Case, variation: Any) -> Iterator[Fact]:
    """Dates the variation's own words rely on, and release when they speak of time since it."""
    texts = [("variation.grounds", variation.grounds)]
    for index, change in enumerate(variation.changes):
        texts.append((f"variation.changes.{index}.reason", change.reason))
        if change.justification is not None:
            j = change.justification
            texts += [(f"variation.changes.{index}.justification.link", j.link), (f"variation.changes.{index}.justification.proportionality", j.proportionality)]
            texts += [(f"variation.changes.{index}.justification.evidence.{n}", e) for n, e in enumerate(j.evidence)]
    for field, value in texts:
        for text in _strings(value):
            yield from dates_in_text(text, field)
            words = SINCE_RELEASE.search(text)
            if words is None:
                continue
            release = case.order.release_date
            if release is None:
                raise DocgenError(
                    f"speaks of time since release ('{words.group(0)}') but no release is recorded (order.release_date)",
                    file=str(case.source or ""),
                    field=field,
                )
            yield Fact(release, f"the release it speaks of ('{words.group(0)}')", "order.release_date")


def _strings(value: Any) -> Iterator[str]:
    """The text of a free-text value: a string, or each language of a text given in several."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif value is not None and hasattr(value, "model_dump"):
        yield from _strings(value.model_dump())


def dates_in_text(text: str, field: str) -> Iterator[Fact]:
    """Each date free text names ("3 February 2027", "July 2027"), as a fact it relies on.

    A month named alone ("in July 2027") is past only once it has ended, so it counts
    from its last day.
    """
    for match in _DAY_MONTH_YEAR.finditer(text):
        day, month, year = match.group(1), MONTHS[match.group(2).lower()], int(match.group(3))
        try:
            date = dt.date(year, month, int(day)) if day else _last_day(year, month)
        except ValueError:
            continue  # "31 February" is the author's slip, not a date to check against
        yield Fact(date, f"'{match.group(0)}' named in the text", field, "day" if day else "month")


def _last_day(year: int, month: int) -> dt.date:
    return month_end(dt.date(year, month, 1))


def cited_facts(kind: str, case: Case, context: dict[str, Any]) -> list[Fact]:
    """Every dated fact a document of ``kind`` cites, earliest first, without repeats."""
    facts = set(_case_facts(kind, case)) | set(_context_facts(case, context))
    return sorted(facts)


def deadlines(kind: str, case: Case, context: dict[str, Any]) -> list[Deadline]:
    """The deadlines a document of ``kind`` sets its reader."""
    found = []
    event = context.get("event")
    if kind == "warning-letter" and isinstance(event, Event) and event.action_by is not None:
        found.append(Deadline(event.action_by, f"the action the letter requires ({event.id})", _history_field(case, event.id, "action_by")))
    return found


# --------------------------------------------------------------------------- the check


def view(case: Case, date: dt.date, kind: str = "") -> TimelineView:
    """What is past and what is to come on ``date``, for a document of ``kind``."""
    order = case.order
    release = order.release_date
    starts, ends = order.starts_on, order.expires_on
    return TimelineView(
        date=date,
        released=release is not None and release <= date,
        release_date=release,
        started=starts is not None and starts <= date and order.status != "proposed",
        ended=ends is not None and ends < date,
        asks_for_order=kind in BEFORE_MAKING,
    )


def _describe(fact: Fact) -> str:
    if fact.precision == "month":  # free text naming a month says its date itself
        return f"{fact.what} ({fact.field})"
    return f"{fact.what}, {fact.date.isoformat()} ({fact.field})"


def problems(kind: str, case: Case, context: dict[str, Any], date: dt.date, date_field: str) -> list[Problem]:
    """What is wrong with dating this document ``date``: one problem per fact or deadline."""
    source = str(case.source or "")
    found = []
    for fact in cited_facts(kind, case, context):
        if fact.date > date:
            found.append(
                Problem(
                    source,
                    date_field,
                    f"the {kind} is dated {date.isoformat()}, before {_describe(fact)} that it cites; "
                    "a document is never dated before what it reports",
                )
            )
    for deadline in deadlines(kind, case, context):
        left = working_days_between(date, deadline.date)
        if left < deadline.working_days:
            earliest = add_working_days(date, deadline.working_days)
            if deadline.date <= date:
                fault = f"is on or before the document's date {date.isoformat()}"
            else:
                fault = f"leaves {left} working {'day' if left == 1 else 'days'} after the document's date {date.isoformat()}"
            found.append(
                Problem(
                    source,
                    deadline.field,
                    f"{deadline.date.isoformat()}, the deadline for {deadline.what}, {fault}; a deadline must "
                    f"leave at least {deadline.working_days} working {'day' if deadline.working_days == 1 else 'days'} "
                    f"(the earliest is {earliest.isoformat()}; weekends and England and Wales bank holidays do not count)",
                )
            )
    return found


def check(kind: str, case: Case, context: dict[str, Any], date: dt.date, date_field: str) -> TimelineView:
    """Refuse a document dated before a fact it cites or with a deadline it cannot meet."""
    found = problems(kind, case, context, date, date_field)
    if found:
        raise TimelineError(found, earliest=earliest_date(kind, case, context))
    return view(case, date, kind)


def earliest_date(kind: str, case: Case, context: dict[str, Any]) -> dt.date | None:
    """The earliest date a document of ``kind`` could carry, or None when none would do."""
    earliest = max((f.date for f in cited_facts(kind, case, context)), default=dt.date.min)
    for deadline in deadlines(kind, case, context):
        if working_days_between(earliest, deadline.date) < deadline.working_days:
            return None
    return earliest if earliest != dt.date.min else None
