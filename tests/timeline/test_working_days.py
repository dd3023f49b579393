"""Working days: weekends and the bank holidays of England and Wales, from the holidays package."""

from __future__ import annotations

import datetime as dt

import holidays
import pytest

from docgen.timeline import add_working_days, bank_holidays, is_working_day, working_days_between

D = dt.date


def test_england_and_wales_keep_the_same_bank_holidays():
    years = range(2015, 2036)
    england = holidays.country_holidays("GB", subdiv="ENG", years=years)
    wales = holidays.country_holidays("GB", subdiv="WLS", years=years)
    assert set(england) == set(wales)
    assert {"ENG", "WLS"} <= set(holidays.UnitedKingdom.subdivisions)


def test_the_bank_holidays_are_the_librarys_including_one_off_days():
    assert bank_holidays(2026) == frozenset(holidays.country_holidays("GB", subdiv="ENG", years=2026))
    assert D(2022, 9, 19) in bank_holidays(2022)  # the state funeral, proclaimed for that year only
    assert D(2023, 5, 8) in bank_holidays(2023)  # the coronation
    assert D(2026, 12, 28) in bank_holidays(2026)  # Boxing Day falls on a Saturday: the Monday instead


@pytest.mark.parametrize(
    "day, working",
    [
        (D(2026, 11, 20), True),  # a Friday
        (D(2026, 11, 21), False),  # Saturday
        (D(2026, 11, 22), False),  # Sunday
        (D(2026, 12, 25), False),  # Christmas Day
        (D(2027, 3, 26), False),  # Good Friday 2027
        (D(2027, 3, 29), False),  # Easter Monday 2027
        (D(2027, 3, 30), True),
    ],
)
def test_a_working_day_is_a_weekday_that_is_not_a_bank_holiday(day, working):
    assert is_working_day(day) is working


def test_adding_working_days_skips_weekends_and_bank_holidays():
    assert add_working_days(D(2026, 11, 19), 1) == D(2026, 11, 20)  # Thursday -> Friday
    assert add_working_days(D(2026, 11, 20), 1) == D(2026, 11, 23)  # Friday -> Monday
    assert add_working_days(D(2027, 3, 25), 1) == D(2027, 3, 30)  # over the Easter weekend
    assert add_working_days(D(2026, 12, 24), 2) == D(2026, 12, 30)  # over Christmas and Boxing Day (observed)
    assert add_working_days(D(2026, 11, 21), 0) == D(2026, 11, 23)  # day 0 of a Saturday is the Monday
    assert add_working_days(D(2026, 11, 20), 0) == D(2026, 11, 20)
    with pytest.raises(ValueError):
        add_working_days(D(2026, 11, 20), -1)


def test_working_days_between_counts_after_the_start_up_to_the_end():
    assert working_days_between(D(2026, 11, 20), D(2026, 11, 20)) == 0
    assert working_days_between(D(2026, 11, 20), D(2026, 11, 19)) == 0
    assert working_days_between(D(2026, 11, 20), D(2026, 11, 22)) == 0  # Friday to Sunday
    assert working_days_between(D(2026, 11, 20), D(2026, 11, 23)) == 1
    assert working_days_between(D(2027, 3, 25), D(2027, 3, 30)) == 1  # Easter: only the Tuesday


@pytest.mark.parametrize("start", [D(2026, 12, 18), D(2027, 3, 24), D(2027, 8, 27), D(2028, 2, 28)])
@pytest.mark.parametrize("n", [1, 2, 5, 10])
def test_the_two_functions_agree(start, n):
    end = add_working_days(start, n)
    assert working_days_between(start, end) == n
    assert is_working_day(end)
    assert working_days_between(start, end - dt.timedelta(days=1)) == n - 1
