"""Key dates as an iCalendar file (RFC 5545) that Outlook and other calendars import.

Each key date is an all-day event whose UID is stable for the case and the kind of date,
so importing a newer file moves an event rather than adding a second one. The file is
deterministic: its time stamp comes from the case data, never from the clock. Events name
the case id only, never the subject. The text (escaping, line folding at 75 octets, CRLF)
is written by the ``icalendar`` library.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from .due import KeyDate

PRODID = "-//docgen//SCPO key dates//EN"
UID_DOMAIN = "docgen.scpo"


def calendar(dates: Iterable[KeyDate], *, stamp: dt.date, name: str) -> bytes:
    """The calendar file's bytes (UTF-8, CRLF line ends)."""
    from icalendar import Calendar, Event

    cal = Calendar()
    cal.add("version", "2.0")
    cal.add("prodid", PRODID)
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    dtstamp = dt.datetime(stamp.year, stamp.month, stamp.day, tzinfo=dt.timezone.utc)
    for d in sorted(dates):
        event = Event()
        event.add("uid", f"{d.uid}@{UID_DOMAIN}")
        event.add("dtstamp", dtstamp)
        event.add("dtstart", d.on)
        event.add("dtend", d.on + dt.timedelta(days=1))
        event.add("summary", f"{d.case_id}: {d.label}")
        event.add("categories", ["SCPO", d.kind])
        event.add("transp", "TRANSPARENT")
        event.add("class", "CONFIDENTIAL")
        cal.add_component(event)
    return cal.to_ical(sorted=False)
