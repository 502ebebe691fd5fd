"""Number formatting for formulas and answers: one place, so verification can read them back."""

from __future__ import annotations

import math


def _sig(value: float, digits: int) -> str:
    """Format with `digits` significant digits, thousands separators and no float noise."""
    if value == 0 or not math.isfinite(value):
        return "0" if value == 0 else str(value)
    magnitude = math.floor(math.log10(abs(value)))
    decimals = max(0, digits - 1 - magnitude)
    text = f"{value:,.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def money(value: float) -> str:
    """Dollars: cents for ordinary amounts, significant digits for small unit prices."""
    sign = "-" if value < 0 else ""
    value = abs(value)
    if value >= 1000:
        cents = round(value, 2)
        body = f"{value:,.0f}" if value >= 100_000 or cents == round(cents) else f"{cents:,.2f}"
    elif value >= 1:
        body = f"{value:,.2f}".removesuffix(".00")
    else:
        body = _sig(value, 4)
    return f"{sign}${body}"


def unit_price(value: float) -> str:
    """A price per unit (per 1M tokens): six significant digits, so a blend such as $1.49625 is not shown as $1.50."""
    if abs(value) >= 1000:
        return money(value)
    return f"{'-' if value < 0 else ''}${_sig(abs(value), 6)}"


def cost_rate(value: float) -> str:
    """A computed cost per unit (per 1M tokens): four significant digits below $1,000 ($1.543, $0.7716)."""
    if abs(value) >= 1000:
        return money(value)
    return f"{'-' if value < 0 else ''}${_sig(abs(value), 4)}"


def number(value: float) -> str:
    """A count or plain quantity with thousands separators."""
    if value == round(value) and abs(value) < 1e15:
        return f"{round(value):,}"
    return _sig(value, 6) if abs(value) < 1000 else f"{value:,.1f}"


def pct(fraction: float) -> str:
    """A fraction shown as a percent (0.6 -> '60%')."""
    return f"{_sig(fraction * 100, 4)}%"


def ratio(value: float) -> str:
    """A multiple: 3 significant digits below 10x ('0.625x'), 2 decimals to 100x ('19.05x'), then 4 ('137.5x')."""
    if abs(value) >= 100:
        return f"{_sig(value, 4)}x"
    if abs(value) >= 10:
        return f"{value:.2f}".rstrip("0").rstrip(".") + "x"
    return f"{_sig(value, 3)}x"
