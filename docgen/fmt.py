"""Locale-aware formatting of dates, money and numbers (babel).

Templates never format values by hand: they call these filters, so a Welsh document
gets Welsh month names and an English one "22 November 2026".
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from babel.dates import format_date, format_time
from babel.numbers import format_currency, format_decimal

DEFAULT_LOCALE = "en_GB"
def long_date(value: dt.date, locale: str = DEFAULT_LOCALE) -> str:
    if not isinstance(value, dt.date):
        raise TypeError(f"expected a date, got {type(value).__name__}")
    return format_date(value, "d MMMM y", locale=locale)


def short_date(value: dt.date, locale: str = DEFAULT_LOCALE) -> str:
    return format_date(value, "dd/MM/y", locale=locale)


def clock(value: str | dt.time, locale: str = DEFAULT_LOCALE) -> str:
    if isinstance(value, str):
        value = dt.time.fromisoformat(value)
    return format_time(value, "HH:mm", locale=locale)


def money(value: int | float | Decimal | str, locale: str = DEFAULT_LOCALE, currency: str = "GBP") -> str:
    return format_currency(Decimal(str(value)), currency, locale=locale)


def number(value: int | float | Decimal, locale: str = DEFAULT_LOCALE) -> str:
    return format_decimal(value, locale=locale)
