"""Over generated case timelines: no document is dated before what it cites, no deadline
falls on or before its document's date, and a date that contradicts nothing is accepted.

Each example moves the release, the failures, their deadlines, the breach, the interview
and the supervisor's review of one sample case, picks a document and a date for it, and
renders the document model in memory (no files). What a document cites is worked out
here independently of ``docgen.timeline``; working days are counted here with the
``holidays`` package directly.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
from functools import cache

import holidays
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import event as tally
from hypothesis import strategies as st

from docgen import fmt
from docgen.case import case_from_data
from docgen.errors import DocgenError
from docgen.housestyle import load_house_style
from docgen.model import to_text
from docgen.pipeline import render
from docgen.render import Options
from docgen.timeline import TimelineError
from tests.conftest import SAMPLES, load_yaml

CASE_FILE = SAMPLES / "cases" / "specimen-drugs.yaml"
HOUSE = load_house_style(SAMPLES / "house-style" / "WYP.yaml")
DOCUMENTS = (
    ("warning-letter", "EV-002"),
    ("warning-letter", "EV-004"),
    ("warning-letter", "EV-006"),
    ("mg5", "EV-007"),
    ("recall-request", "EV-007"),
    ("variation-application", None),
    ("licence-mirror", None),
)
LONG = re.compile(r"\b(\d{1,2}) (January|February|March|April|May|June|July|August|September|October|November|December) (\d{4})\b")
SHORT = re.compile(r"\b(\d{2})/(\d{2})/(\d{4})\b")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December")


@cache
def base() -> dict:
    return load_yaml(CASE_FILE.read_text(encoding="utf-8"))


def is_working_day(day: dt.date) -> bool:
    england = holidays.country_holidays("GB", subdiv="ENG", years=day.year)
    return day.weekday() < 5 and day not in england


def working_days_after(start: dt.date, end: dt.date) -> int:
    return sum(1 for n in range(1, (end - start).days + 1) if is_working_day(start + dt.timedelta(days=n)))


def undated(value):
    """``value`` with every date its free text names taken out (they would not move with the case)."""
    if isinstance(value, str):
        return LONG.sub("the day recorded", value)
    if isinstance(value, list):
        return [undated(v) for v in value]
    if isinstance(value, dict):
        return {k: undated(v) for k, v in value.items()}
    return value


@st.composite
def timelines(draw, kind: str, event: str | None):
    """A case whose dates are drawn afresh, and a date for the document around what it cites."""
    data = copy.deepcopy(base())
    for section in ("history", "breach_files", "variation"):  # the sample's own wording names its dates
        data[section] = undated(data[section])
    day = st.integers
    release = dt.date(2027, 1, 15) + dt.timedelta(days=draw(day(-200, 400)))
    gaps = [draw(day(2, 40)) for _ in range(4)]
    limits = [draw(day(0, 9)) for _ in range(3)]
    ev = {"EV-001": release}
    ev["EV-002"] = release + dt.timedelta(days=gaps[0])
    ev["EV-003"] = ev["EV-002"] + dt.timedelta(days=1)
    ev["EV-004"] = ev["EV-003"] + dt.timedelta(days=gaps[1])
    ev["EV-005"] = ev["EV-004"] + dt.timedelta(days=1)
    ev["EV-006"] = ev["EV-005"] + dt.timedelta(days=gaps[2])
    ev["EV-007"] = ev["EV-006"] + dt.timedelta(days=gaps[3])
    ev["EV-008"] = ev["EV-007"]
    ev["EV-009"] = ev["EV-007"] + dt.timedelta(days=draw(day(0, 2)))
    ev["EV-010"] = ev["EV-009"] + dt.timedelta(days=1)
    deadlines = {e: ev[e] + dt.timedelta(days=n) for e, n in zip(("EV-002", "EV-004", "EV-006"), limits)}
    for entry in data["history"]:
        entry["date"] = ev[entry["id"]]
        if entry["id"] in deadlines:
            entry["action_by"] = deadlines[entry["id"]]
    supervisor = ev["EV-009"] + dt.timedelta(days=draw(day(0, 5)))
    data["breach_files"][0]["supervisor"]["date"] = supervisor
    data["order"]["release_date"] = release
    data["order"]["notice"]["date"] = release
    data["licence"]["starts_on"] = release
    data["licence"]["ends_on"] = release + dt.timedelta(days=1200)
    data["risk"]["assessed_on"] = supervisor
    named = None
    if draw(st.booleans()):  # the grounds name the day of a failure they rely on
        named = ev[draw(st.sampled_from(("EV-002", "EV-004", "EV-006")))]
        data["variation"]["grounds"] += f" A further handset was seen on {named.day} {MONTHS[named.month - 1]} {named.year}."
    facts = {
        "made": dt.date.fromisoformat(str(data["order"]["made_on"])),
        "release": release,
        "supervisor": supervisor,
        "named": named,
        **ev,
    }
    # around the latest fact the document cites, so that both sides of the rule are tried
    near = day(-4, 6) if kind == "warning-letter" else day(-20, 20)  # a letter's deadline is days away
    date = max(cited(kind, event, facts)) + dt.timedelta(days=draw(near))
    return data, date, facts, deadlines


def cited(kind: str, event: str | None, facts: dict) -> list[dt.date]:
    """The dates of the facts a document of ``kind`` reports as having happened."""
    made = facts["made"]
    if kind == "warning-letter":
        earlier = [facts[e] for e in ("EV-002", "EV-004") if facts[e] < facts[event]]
        return [made, facts[event], *earlier]
    if kind == "mg5":  # the chronology runs to the interview, then the supervisor's review
        return [made, facts["release"], facts["EV-009"], facts["supervisor"]]
    if kind == "recall-request":  # the licence has begun; failures up to the one reported
        return [made, facts["release"], facts[event]]
    if kind == "variation-application":  # "Since release ..." and any day the grounds name
        return [made, facts["release"], *([facts["named"]] if facts["named"] else [])]
    return [made]


def printed_dates(text: str) -> set[dt.date]:
    found = {dt.date(int(y), MONTHS.index(m) + 1, int(d)) for d, m, y in LONG.findall(text)}
    found |= {dt.date(int(y), int(m), int(d)) for d, m, y in SHORT.findall(text)}
    return found


@pytest.mark.parametrize("kind, event", DOCUMENTS, ids=[f"{k}-{e}" if e else k for k, e in DOCUMENTS])
@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_no_document_is_dated_before_what_it_cites_and_no_deadline_falls_on_or_before_its_date(kind, event, data):
    case_data, date, facts, deadlines = data.draw(timelines(kind, event))
    case = case_from_data(case_data, file="generated.yaml")
    latest = max(cited(kind, event, facts))
    deadline = deadlines.get(event) if kind == "warning-letter" else None
    deadline_fails = deadline is not None and working_days_after(date, deadline) < 1
    try:
        rendered = render(case, HOUSE, kind, event_id=event, options=Options(date=date), formats=())
    except TimelineError as refused:
        tally(f"{kind}: refused by the timeline")
        # refused only for a reason the timeline gives: a cited fact later than the date, or
        # a deadline that leaves no working day; the message names the document's date
        assert date < latest or deadline_fails, str(refused)
        assert any(date.isoformat() in p.message for p in refused.problems), str(refused)
        return
    except DocgenError as refused:
        tally(f"{kind}: refused by another rule")
        # refused by another rule (the order's state, say), which never blames the date
        assert not {p.field for p in refused.problems} & {"--date", "document_date"}, str(refused)
        return
    tally(f"{kind}: rendered")
    assert not date < latest, f"{kind} dated {date} rendered though it cites {latest}"
    assert not deadline_fails, f"{kind} dated {date} rendered with a deadline of {deadline}"
    assert rendered.meta.date == date
    text = to_text(rendered.document)
    assert fmt.long_date(date) in text
    # every past fact the document prints is on or before its date
    past = {facts["made"], facts["supervisor"], *(facts[e] for e in facts if e.startswith("EV-") and e != "EV-010")}
    future = {*deadlines.values(), case.order.expires_on, case.licence.ends_on, facts["release"]}
    for day in printed_dates(text) & (past - future):
        assert day <= date, f"{kind} dated {date} prints {day}, a past fact it cites"
    if deadline is not None:
        assert fmt.long_date(deadline) in text
        assert deadline > date and working_days_after(date, deadline) >= 1
