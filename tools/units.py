"""Economic conventions and unit conversions shared by every calculator (see DESIGN.md)."""

from __future__ import annotations

import math
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Any

from pydantic import BeforeValidator, PlainSerializer

DAYS_PER_MONTH = 30
MONTHS_PER_YEAR = 12
MONTHS_PER_QUARTER = 3
DAYS_PER_YEAR = DAYS_PER_MONTH * MONTHS_PER_YEAR
HOURS_PER_MONTH = 24 * DAYS_PER_MONTH
WORDS_PER_1K_TOKENS = 750

CONVENTION_MONTH = f"A month is {DAYS_PER_MONTH} days."
CONVENTION_YEAR = f"A year is {MONTHS_PER_YEAR} months (annual run-rate = 12 x monthly)."
CONVENTION_WORDS = "1,000 tokens are about 750 English words."
CONVENTION_QUARTER = f"A quarter is {MONTHS_PER_QUARTER} months (quarterly = {MONTHS_PER_QUARTER} x monthly)."
CONVENTION_CLOCK = "Traffic runs around the clock: a day is 24 hours of 3,600 seconds."


class PriceUnit(StrEnum):
    """The token count a price is quoted for."""

    per_token = "per_token"
    per_1k = "per_1k"
    per_1m = "per_1m"


class Period(StrEnum):
    """The period a rate (queries, cost) is quoted for."""

    second = "second"
    minute = "minute"
    hour = "hour"
    day = "day"
    week = "week"
    month = "month"
    quarter = "quarter"
    year = "year"


_TOKENS_PER_UNIT = {PriceUnit.per_token: 1, PriceUnit.per_1k: 1_000, PriceUnit.per_1m: 1_000_000}
DAYS_PER_PERIOD = {Period.second: 1 / 86_400, Period.minute: 1 / 1_440, Period.hour: 1 / 24,
                   Period.day: 1, Period.week: 7, Period.month: DAYS_PER_MONTH, Period.quarter: 3 * DAYS_PER_MONTH,
                   Period.year: DAYS_PER_YEAR}
"""Days in each period (a month is 30 days, a quarter 3 months, a year 12 months)."""

UNIT_LABEL = {PriceUnit.per_token: "per token", PriceUnit.per_1k: "per 1K tokens",
              PriceUnit.per_1m: "per 1M tokens"}


def price_per_token(price: float, unit: PriceUnit | str) -> float:
    """Convert a price quoted per token, per 1K or per 1M tokens into $ per token."""
    return price / _TOKENS_PER_UNIT[PriceUnit(unit)]


def price_in_unit(price_per_tok: float, unit: PriceUnit | str) -> float:
    """Convert $ per token into a price quoted in `unit`."""
    return price_per_tok * _TOKENS_PER_UNIT[PriceUnit(unit)]


def per_day(amount: float, period: Period | str) -> float:
    """Convert an amount per `period` into an amount per day (30-day month, 12-month year)."""
    return amount / DAYS_PER_PERIOD[Period(period)]


def from_day(amount_per_day: float, period: Period | str) -> float:
    """Convert an amount per day into an amount per `period`."""
    return amount_per_day * DAYS_PER_PERIOD[Period(period)]


def tokens_a_month(tokens: float, period: Period | str, assumptions: list[str]) -> float:
    """A token workload given per `period` as tokens a month, saying the conversion in `assumptions`."""
    if Period(period) is Period.month:
        return tokens
    monthly = from_day(per_day(tokens, period), Period.month)
    assumptions.append(f"{tokens:,.0f} tokens a {Period(period).value} are {monthly:,.0f} tokens a month.")
    return monthly


def to_fraction(value: Any) -> Any:
    """Read a percentage written as 45, 45%, '45 %' or 0.45 as the fraction 0.45.

    Values above 1 are percents, values from 0 to 1 are fractions; strings with '%' are percents. A written
    percent is divided in decimal, so `percent_text` of any fraction reads back to exactly that fraction.
    """
    if isinstance(value, str):
        text = value.strip().replace(",", "")
        is_pct = text.endswith("%")
        digits = text.rstrip("%").strip()
        try:
            number = float(digits)
        except ValueError:
            return value  # pydantic reports the type error with the field name
        if not (is_pct or abs(number) > 1):
            return number
        return float(Decimal(digits) / 100) if math.isfinite(number) else number / 100
    if isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value):
        return value / 100 if abs(value) > 1 else value
    return value


def percent_text(fraction: float) -> str:
    """A fraction written as the percent `to_fraction` reads back to exactly that fraction: 1.5 -> '150%'.

    A bare number is no such form: 1.5 reads back as 1.5%. The shortest decimal of the fraction, times 100.
    """
    return f"{Decimal(repr(fraction)).scaleb(2).normalize():f}%"


Fraction = Annotated[float, BeforeValidator(to_fraction), PlainSerializer(percent_text, return_type=str,
                                                                          when_used="json")]
"""A share or rate: accepts 45, '45%' or 0.45 and stores 0.45; written to JSON (and so to a scenario file, a
session, the page) as '45%', the one form every value reads back from (a bare 1.5 would read as 1.5%)."""
