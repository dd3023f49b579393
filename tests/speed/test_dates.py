"""The one copy of the calendar arithmetic agrees with the calendar at its awkward edges."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from docgen.dates import add_months, add_years, age_on


def test_month_ends_fall_back_to_the_shorter_month() -> None:
    assert add_months(dt.date(2027, 8, 31), 6) == dt.date(2028, 2, 29)
    assert add_months(dt.date(2027, 1, 31), 1) == dt.date(2027, 2, 28)
    assert add_months(dt.date(2027, 12, 15), 1) == dt.date(2028, 1, 15)
    assert add_years(dt.date(2028, 2, 29), 5) == dt.date(2033, 2, 28)
    assert add_years(dt.date(2028, 2, 29), 4) == dt.date(2032, 2, 29)


def test_a_leap_day_birthday_is_reached_on_1_march_in_a_common_year() -> None:
    born = dt.date(2004, 2, 29)
    assert age_on(born, dt.date(2022, 2, 28)) == 17
    assert age_on(born, dt.date(2022, 3, 1)) == 18
    assert age_on(born, dt.date(2024, 2, 29)) == 20


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)), st.integers(0, 240))
def test_adding_months_keeps_the_day_or_takes_the_last_one(day: dt.date, months: int) -> None:
    later = add_months(day, months)
    assert (later.year - day.year) * 12 + later.month - day.month == months
    assert later.day == day.day or (later.day < day.day and (later + dt.timedelta(days=1)).day == 1)


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2080, 12, 31)), st.integers(0, 40))
def test_age_on_the_anniversary_is_the_years_added(born: dt.date, years: int) -> None:
    anniversary = add_years(born, years)
    if (born.month, born.day) != (2, 29):
        assert age_on(born, anniversary) == years
        if years:
            assert age_on(born, anniversary - dt.timedelta(days=1)) == years - 1
