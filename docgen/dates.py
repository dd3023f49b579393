"""Calendar arithmetic used across the case, the linters and the register: one copy of each.

Month and year steps come from python-dateutil's ``relativedelta``, which keeps the day of
the month and falls back to the month's last day when it has no such day (31 August plus
six months is 28 or 29 February; 29 February plus a year is 28 February).
"""

from __future__ import annotations

import datetime as dt

from dateutil.relativedelta import relativedelta


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later, or the last day of that month when it is shorter."""
    return day + relativedelta(months=months)


def add_years(day: dt.date, years: int) -> dt.date:
    """The same calendar day ``years`` later (29 February falls back to 28 February)."""
    return day + relativedelta(years=years)


def month_end(day: dt.date) -> dt.date:
    """The last day of ``day``'s month."""
    return day + relativedelta(day=31)


def age_on(born: dt.date, on: dt.date) -> int:
    """Completed years of age on ``on``.

    Not ``relativedelta(on, born).years``: that makes someone born on 29 February a year
    older on 28 February of a common year, where the birthday is only reached on 1 March.
    """
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))
