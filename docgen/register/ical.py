"""Key dates as an iCalendar file (RFC 5545) that Outlook and other calendars import.

Each key date is an all-day event whose UID is stable for the case and the kind of date,
so importing a newer file moves an event rather than adding a second one. The file is
deterministic: its time stamp comes from the case data, never from the clock. Events name
the case id only, never the subject.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from .due import KeyDate

PRODID = "-//docgen//SCPO key dates//EN"
UID_DOMAIN = "docgen.scpo"


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\r\n", "\\n").replace("\n", "\\n")


def _fold(line: str) -> list[str]:
    """Lines longer than 75 octets continue on the next line after a space."""
    data = line.encode("utf-8")
    if len(data) <= 75:
        return [line]
    parts, current = [], b""
    for char in line:
        encoded = char.encode("utf-8")
        limit = 75 if not parts else 74
        if len(current) + len(encoded) > limit:
            parts.append(current.decode("utf-8"))
            current = b""
        current += encoded
    parts.append(current.decode("utf-8"))
    return [parts[0], *(" " + p for p in parts[1:])]


def calendar(dates: Iterable[KeyDate], *, stamp: dt.date, name: str) -> bytes:
    """The calendar file's bytes (UTF-8, CRLF line ends)."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{_escape(name)}",
    ]
    dtstamp = stamp.strftime("%Y%m%dT000000Z")
    for d in sorted(dates):
        lines += [
            "BEGIN:VEVENT",
            f"UID:{_escape(d.uid)}@{UID_DOMAIN}",
            f"DTSTAMP:{dtstamp}",
            f"DTSTART;VALUE=DATE:{d.on.strftime('%Y%m%d')}",
            f"DTEND;VALUE=DATE:{(d.on + dt.timedelta(days=1)).strftime('%Y%m%d')}",
            f"SUMMARY:{_escape(f'{d.case_id}: {d.label}')}",
            f"CATEGORIES:SCPO,{_escape(d.kind)}",
            "TRANSP:TRANSPARENT",
            "CLASS:CONFIDENTIAL",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    out = []
    for line in lines:
        out.extend(_fold(line))
    return ("\r\n".join(out) + "\r\n").encode("utf-8")
