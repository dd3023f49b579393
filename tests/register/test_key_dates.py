"""Key dates of an order, the due list and the calendar file."""

from __future__ import annotations

import datetime as dt

import pytest

from docgen.case import load_case
from docgen.errors import DocgenError
from docgen.register import key_dates, shipped_forces
from docgen.register.due import add_months, between, parse_within
from docgen.register.ical import calendar
from tests.conftest import SAMPLES

SETTINGS = shipped_forces().defaults


def dates_of(stem: str):
    return key_dates(load_case(SAMPLES / "cases" / f"{stem}.yaml"), SETTINGS)


def test_release_visit_start_reviews_final_checks_and_expiry_are_all_there():
    found = {(d.kind, d.on) for d in dates_of("specimen-drugs")}
    assert ("visit", dt.date(2027, 1, 15)) in found
    assert ("start", dt.date(2027, 1, 15)) in found
    assert ("review", dt.date(2027, 7, 15)) in found
    assert ("final-checks", dt.date(2031, 12, 17)) in found  # 28 days before the last day
    assert ("expiry", dt.date(2032, 1, 14)) in found
    assert ("closure", dt.date(2032, 1, 15)) in found


def test_reviews_follow_the_force_rhythm_and_stop_before_expiry():
    reviews = [d.on for d in dates_of("specimen-drugs") if d.kind == "review"]
    assert reviews[:2] == [dt.date(2027, 7, 15), dt.date(2028, 1, 15)]
    assert len(reviews) == 9 and reviews[-1] < dt.date(2032, 1, 14)


def test_only_actions_nobody_has_answered_are_due():
    actions = [d.uid for d in dates_of("specimen-drugs") if d.kind == "action"]
    assert actions == ["WYP-SCPO-0001/action-EV-006"]  # EV-002 and EV-004 were answered by later entries


def test_labels_name_the_case_and_events_but_never_the_subject():
    case = load_case(SAMPLES / "cases" / "specimen-drugs.yaml")
    text = " ".join(d.label + d.uid for d in key_dates(case, SETTINGS))
    assert case.subject.family_name not in text and case.subject.given_names not in text


def test_a_month_end_review_falls_back_to_the_last_day_of_a_shorter_month():
    assert add_months(dt.date(2027, 8, 31), 6) == dt.date(2028, 2, 29)
    assert add_months(dt.date(2027, 1, 31), 1) == dt.date(2027, 2, 28)


def test_the_window_includes_both_ends():
    dates = dates_of("specimen-drugs")
    assert [d.kind for d in between(dates, dt.date(2027, 7, 15), dt.date(2027, 7, 15))] == ["review"]


@pytest.mark.parametrize(("text", "days"), [("90d", 90), ("12w", 84), ("30", 30), (" 7d ", 7)])
def test_a_period_is_days_or_weeks(text, days):
    assert parse_within(text) == dt.timedelta(days=days)


@pytest.mark.parametrize("text", ["3m", "soon", "-5d", ""])
def test_an_unclear_period_is_refused(text):
    with pytest.raises(DocgenError, match="--within|period"):
        parse_within(text)


def ics(stem="specimen-drugs") -> bytes:
    return calendar(dates_of(stem), stamp=dt.date(2026, 11, 20), name="SCPO key dates")


def test_the_calendar_is_the_same_bytes_every_time():
    assert ics() == ics()


def test_the_calendar_has_one_all_day_event_per_key_date_with_a_stable_uid():
    text = ics().decode()
    assert text.count("BEGIN:VEVENT") == len(dates_of("specimen-drugs"))
    assert "UID:WYP-SCPO-0001/expiry@docgen.scpo" in text
    assert "DTSTART;VALUE=DATE:20320114\r\nDTEND;VALUE=DATE:20320115" in text
    assert "DTSTAMP:20261120T000000Z" in text


def test_calendar_lines_end_in_crlf_and_are_folded_at_75_octets():
    data = ics()
    assert data.endswith(b"END:VCALENDAR\r\n") and b"\n" not in data.replace(b"\r\n", b"")
    assert max(len(line) for line in data.split(b"\r\n")) <= 75
    unfolded = data.decode().replace("\r\n ", "")
    assert "SUMMARY:WYP-SCPO-0001: Release-day visit: go through every term\\, signed acknowledgement\\, body-worn video" in unfolded


def test_the_calendar_never_names_the_subject():
    case = load_case(SAMPLES / "cases" / "specimen-drugs.yaml")
    assert case.subject.family_name.encode() not in ics()
