"""The holders' count: a case's community test, worked out once, answers as
:func:`docgen.report.in_community` does on every day asked.

The report asks about every month end of the period for every case; the quick test sorts
the case's history and finds its order end once instead of on each of those days.
"""

from __future__ import annotations

import datetime as dt
import random

from docgen.case import case_from_data
from docgen.report import build_report, community_test, in_community, month_ends
from tests.cohort.generate_cohort import cohort


def _shuffled_histories(cases: list, rng: random.Random) -> list:
    """The same cases with their histories out of date order and with custody changes on
    one day (recalled and released the same day), which the sort must settle as before."""
    out = []
    for case in cases:
        history = list(case.history)
        rng.shuffle(history)
        out.append(case.model_copy(update={"history": history}))
    return out


def _days(case, rng: random.Random) -> list[dt.date]:
    first, last = dt.date(2019, 6, 1), dt.date(2031, 6, 30)
    days = month_ends(first, last)
    days += [first + dt.timedelta(days=rng.randint(0, (last - first).days)) for _ in range(40)]
    for event in case.history:  # the edges: the day before, of and after every event
        days += [event.date - dt.timedelta(days=1), event.date, event.date + dt.timedelta(days=1)]
    for day in (case.order.starts_on, case.order.expires_on):
        if day is not None:
            days += [day - dt.timedelta(days=1), day, day + dt.timedelta(days=1)]
    return days


def test_the_community_test_agrees_with_in_community_on_generated_cases() -> None:
    rng = random.Random(12)
    cases = [case_from_data(data, file=f"<cohort {data['case_id']}>") for data in cohort(100, seed=31)]
    cases += _shuffled_histories(cases[:40], rng)
    checked = holders = 0
    for case in cases:
        on = community_test(case)
        for day in _days(case, rng):
            assert on(day) == in_community(case, day), (case.case_id, day)
            checked += 1
            holders += on(day)
    # the inputs reach both answers, many times over
    assert checked > 20_000 and 1_000 < holders < checked - 1_000


def test_the_holders_section_is_the_plain_count() -> None:
    cases = [case_from_data(data, file=f"<cohort {data['case_id']}>") for data in cohort(120, seed=5)]
    report = build_report(cases)
    section = next(s for s in report.sections if s.key == "holders")
    assert section.series and section.counts
    for day, count in section.series:
        assert count == sum(1 for c in cases if in_community(c, day)), day
    for label, count in section.counts:
        day = dt.date.fromisoformat(label)
        assert count == sum(1 for c in cases if in_community(c, day)), label
