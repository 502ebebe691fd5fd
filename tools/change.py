"""change: one input changed by a factor, a percentage or a part of a whole, the gap between two values, or their sum.

The planner never does arithmetic: "usage doubles", "API costs go up 50%", "15% of 120,000 seats buy
it" and "the bill goes from $95k to $50k" become a `change` step whose result feeds the next calculator.
"""

from __future__ import annotations

from pydantic import Field, model_validator

from tools import fmt
from tools.catalog import Catalog
from tools.result import CalcInput, ToolResult, parse_input, q
from tools.units import MONTHS_PER_YEAR

__all__ = ["ChangeInput", "ChangeResult", "change"]


class ChangeInput(CalcInput):
    """A value and how it changes: times a factor, plus a percentage, minus or plus a second value."""

    name: str = Field("value", max_length=80, description="What the value is (e.g. 'queries per user per day').")
    value: float = Field(ge=-1e15, le=1e15, description="The value before the change.")
    factor: float | None = Field(None, ge=0, le=1e6,
                                 description="Multiply by this (2 = doubles, 0.5 = halves, 0.15 = a 15% part).")
    percent_change: float | None = Field(None, ge=-100, le=1e6,
                                         description="Change by this many percent (+50 = up 50%, -30 = down 30%).")
    minus: float | None = Field(None, ge=-1e15, le=1e15,
                                description="Subtract this value (a bill going from `value` to `minus` saves the gap).")
    plus: float | None = Field(None, ge=-1e15, le=1e15,
                               description="Add this value (a second cost on top of the first, in the same unit).")
    share_percent: float | None = Field(None, ge=0, le=100,
                                        description="Take this percent of the value ('15% of 120,000 seats').")
    per_month: bool = Field(False, description="The value is an amount per month: the result also gives the new "
                                               "value per year (x 12 months).")

    @model_validator(mode="after")
    def _one_change(self) -> ChangeInput:
        given = [x for x in (self.factor, self.percent_change, self.minus, self.plus, self.share_percent)
                 if x is not None]
        if len(given) != 1:
            raise ValueError("give exactly one of factor, percent_change, minus, plus or share_percent "
                             "(e.g. factor 2 for 'doubles')")
        return self


class ChangeResult(ToolResult):
    """The value after the change."""

    before: float
    value: float
    value_per_year: float | None = Field(None, description="The new value x 12, for an amount per month.")
    rest: float | None = Field(None, description="For a part of a whole: the whole less the part (the seats that "
                                                 "did not buy).")


def change(data: ChangeInput | dict, catalog: Catalog | None = None) -> ChangeResult:
    """Apply one change to a value: a factor, a percentage, or the gap to a second value.

    new value = value x factor, value x (1 + percent_change / 100), value - minus, value + plus, or
    value x share_percent / 100 (and the rest of the whole, value - new value).

    Args:
        data: the value (with its name), and one of `factor` ("doubles" = 2, "a 15% share" = 0.15),
            `percent_change` ("+50" for up 50%), `minus` (the gap between two values), `plus` (the
            sum of two values: "the free tier's cost on top of the paid users'") or
            `share_percent` (a part of a whole: "15% of 120,000 seats").
        catalog: unused; every calculator takes one.
    """
    inp = parse_input(ChangeInput, data)
    label = inp.name.replace("_", " ")
    rest: float | None = None
    if inp.factor is not None:
        new = inp.value * inp.factor
        formula = f"{label} = {fmt.number(inp.value)} x {fmt.number(inp.factor)} = {fmt.number(new)}"
        how = q(inp.factor, "factor")
    elif inp.share_percent is not None:
        new = inp.value * inp.share_percent / 100
        rest = inp.value - new
        formula = (f"{label} = {fmt.number(inp.value)} x {fmt.number(inp.share_percent)}% = {fmt.number(new)}; "
                   f"the rest = {fmt.number(inp.value)} - {fmt.number(new)} = {fmt.number(rest)}")
        how = q(inp.share_percent, "%")
    elif inp.percent_change is not None:
        new = inp.value * (1 + inp.percent_change / 100)
        sign = "+" if inp.percent_change >= 0 else "-"
        formula = (f"{label} = {fmt.number(inp.value)} x (1 {sign} {fmt.number(abs(inp.percent_change))}%) "
                   f"= {fmt.number(new)}")
        how = q(inp.percent_change, "%")
    elif inp.plus is not None:
        new = inp.value + inp.plus
        formula = f"{label} = {fmt.number(inp.value)} + {fmt.number(inp.plus)} = {fmt.number(new)}"
        how = q(inp.plus, "same unit")
    else:
        minus = inp.minus or 0.0
        new = inp.value - minus
        formula = f"{label} = {fmt.number(inp.value)} - {fmt.number(minus)} = {fmt.number(new)}"
        how = q(minus, "same unit")
    yearly = new * MONTHS_PER_YEAR if inp.per_month else None
    if yearly is not None:
        formula += f"; per year = {fmt.number(new)} x {MONTHS_PER_YEAR} months = {fmt.number(yearly)}"
    return ChangeResult(
        tool="change",
        headline=f"The {label} becomes {fmt.number(new)} (from {fmt.number(inp.value)})"
                 + (f", {fmt.number(yearly)} a year." if yearly is not None else "."),
        formula=formula,
        inputs={"value": q(inp.value, label), "change": how},
        assumptions=["A year is 12 months."] if yearly is not None else [],
        before=inp.value,
        value=new,
        value_per_year=yearly,
        rest=rest,
    )
