"""break_even: users to cover fixed costs, price for a target margin, or payback months."""

from __future__ import annotations

import math
from typing import Any, Literal

from pydantic import Field, field_validator, model_validator

from tools import fmt
from tools.catalog import Catalog
from tools.errors import InputError
from tools.result import CalcInput, ToolResult, finite, parse_input, q
from tools.units import Fraction, Period, from_day, per_day

__all__ = ["BreakEvenInput", "BreakEvenResult", "break_even"]

Mode = Literal["users", "price", "payback"]
_MODE_FIELDS: dict[Mode, tuple[str, ...]] = {
    "users": ("fixed_costs_usd",),
    "price": ("target_margin",),
    "payback": ("upfront_investment_usd", "monthly_saving_usd", "monthly_contribution_usd"),
}
_NEEDS: dict[Mode, tuple[str, ...]] = {
    "users": ("fixed_costs_usd", "price_per_user_usd", "variable_cost_per_user_usd"),
    "price": ("variable_cost_per_user_usd", "target_margin"),
    "payback": ("upfront_investment_usd",),
}


class BreakEvenInput(CalcInput):
    """Inputs of one break-even question: users, price or payback."""

    mode: Mode | None = Field(None, description="users, price or payback; inferred from the "
                                                "fields given when left out.")
    fixed_costs_usd: float | None = Field(None, ge=0, le=1e13, examples=[50_000],
                                          description="Fixed costs per month, USD (users mode).",
                                          json_schema_extra={"var": "fixed_costs"})
    fixed_costs_period: Period = Field(Period.month, description="Period of fixed_costs_usd (month, year, week, "
                                                                 "...); it is converted to a month.",
                                       json_schema_extra={"var": "fixed_costs_period"})
    price_per_user_usd: float | None = Field(None, ge=0, le=1e9, examples=[20],
                                             description="Price per user per month, USD.",
                                             json_schema_extra={"var": "price_per_user"})
    variable_cost_per_user_usd: float | None = Field(
        None, ge=0, le=1e9, examples=[8],
        description="Variable cost (COGS) per user per month, USD; in price mode the cost of "
                    "whatever unit is priced.", json_schema_extra={"var": "cost_per_user"})
    target_margin: Fraction | None = Field(None, ge=0, examples=["70%"],
                                           description="Gross margin the price must give (price "
                                                       "mode), below 100%.", json_schema_extra={"var": "margin"})
    upfront_investment_usd: float | None = Field(None, ge=0, le=1e13, examples=[500_000],
                                                 description="One-off investment, USD (payback).",
                                                 json_schema_extra={"var": "investment"})
    monthly_saving_usd: float | None = Field(None, ge=-1e13, le=1e13, examples=[50_000],
                                             description="Monthly saving the investment brings.",
                                             json_schema_extra={"var": "saving"})
    monthly_contribution_usd: float | None = Field(None, ge=-1e13, le=1e13,
                                                   description="Monthly contribution (instead "
                                                               "of a saving) it brings.",
                                                   json_schema_extra={"var": "contribution"})
    users_brought: float | None = Field(None, ge=0, le=1e10, examples=[1_500],
                                        description="Paying users the investment brings (payback): with "
                                                    "price_per_user_usd and variable_cost_per_user_usd their monthly "
                                                    "contribution, users x (price - variable cost), is what pays it "
                                                    "back.", json_schema_extra={"var": "users"})
    paying_users: float | None = Field(None, ge=0, le=1e10, examples=[25_000],
                                       description="Paying users today (users mode): the monthly profit after fixed "
                                                   "costs at that count, users x (price - variable cost) - fixed "
                                                   "costs, is given beside the break-even users.",
                                       json_schema_extra={"var": "users"})
    build_months: float = Field(0.0, ge=0, le=1200, examples=[2],
                                description="Months of work before the saving starts (payback).",
                                json_schema_extra={"var": "build_months"})

    @field_validator("target_margin")
    @classmethod
    def _below_one(cls, value: float | None) -> float | None:
        if value is not None and value >= 1:
            raise ValueError("must be below 100%: no price gives a 100% margin on a cost above "
                             "zero")
        return value

    @model_validator(mode="after")
    def _check(self) -> BreakEvenInput:
        given = [m for m, names in _MODE_FIELDS.items()
                 if any(getattr(self, n) is not None for n in names)]
        if self.mode is None:
            if len(given) != 1:
                raise ValueError(
                    "give fixed_costs_usd, price_per_user_usd and variable_cost_per_user_usd "
                    "(users to break even), variable_cost_per_user_usd and target_margin (price), "
                    "or upfront_investment_usd and monthly_saving_usd (payback months)"
                    + (f"; or set mode to one of {', '.join(given)}" if given else ""))
            self.mode = given[0]
        mode: Mode = self.mode
        missing = [n for n in _NEEDS[mode] if getattr(self, n) is None]
        brought = self.users_brought is not None and self.price_per_user_usd is not None \
            and self.variable_cost_per_user_usd is not None
        if mode == "payback" and self.monthly_saving_usd is None \
                and self.monthly_contribution_usd is None and not brought:
            missing.append("monthly_saving_usd (or monthly_contribution_usd, or users_brought with "
                           "price_per_user_usd and variable_cost_per_user_usd)")
        if self.monthly_saving_usd is not None and self.monthly_contribution_usd is not None:
            raise ValueError("give monthly_saving_usd or monthly_contribution_usd, not both")
        if missing:
            raise ValueError(f"{mode} mode needs {', '.join(missing)}")
        return self


class BreakEvenResult(ToolResult):
    """The break-even figure of the chosen mode; None where the mode does not compute it."""

    mode: str
    never: bool = Field(description="True when it never breaks even (contribution <= 0).")
    reason: str | None = None
    break_even_users: int | None = Field(None, description="Whole users, rounded up.",
                                         json_schema_extra={"var": "break_even_users"})
    contribution_per_user_usd: float | None = None
    break_even_revenue_usd: float | None = Field(None, description="Monthly revenue at break-even.",
                                                 json_schema_extra={"var": "break_even_revenue"})
    monthly_profit_usd: float | None = Field(None, description="Monthly profit after fixed costs at paying_users "
                                             "(users mode, when paying_users is given).",
                                             json_schema_extra={"var": "profit"})
    price_for_target_margin_usd: float | None = Field(None, json_schema_extra={"var": "price_per_user"})
    target_margin: float | None = None
    payback_months: float | None = Field(None, description="Months after the saving starts.",
                                         json_schema_extra={"var": "payback_months"})
    months_from_start: float | None = Field(None, description="build_months + payback_months.",
                                            json_schema_extra={"var": "months_from_start"})


def _monthly_fixed(inp: BreakEvenInput) -> float:
    """Fixed costs per month (a year's are divided by 12, a week's times 30/7)."""
    fixed = inp.fixed_costs_usd or 0.0
    return fixed if inp.fixed_costs_period is Period.month else from_day(per_day(fixed, inp.fixed_costs_period),
                                                                          Period.month)


def _users(inp: BreakEvenInput) -> dict[str, Any]:
    fixed, price = _monthly_fixed(inp), inp.price_per_user_usd or 0.0
    var = inp.variable_cost_per_user_usd or 0.0
    contribution = price - var
    formula = (f"break-even users = fixed costs / (price - variable cost) = {fmt.money(fixed)} / "
               f"({fmt.money(price)} - {fmt.money(var)})")
    if contribution <= 0:
        reason = (f"each user brings {fmt.money(contribution)} (price {fmt.money(price)} - "
                  f"variable cost {fmt.money(var)}): more users never cover the fixed costs")
        return {"never": True, "reason": reason, "contribution_per_user_usd": contribution,
                "formula": formula + " = never (contribution <= 0)",
                "headline": f"It never breaks even: {reason}."}
    exact = finite(fixed / contribution, "break_even_users")
    users = math.ceil(round(exact, 6))  # float noise (5.000000000000001) is not a 6th user
    if exact > 0:
        users = max(users, 1)  # any fixed cost needs at least one paying user
    return {"never": False, "break_even_users": users, "contribution_per_user_usd": contribution,
            "break_even_revenue_usd": users * price,
            "revenue_formula": (f"revenue at break-even = {fmt.number(users)} users x {fmt.money(price)} = "
                                f"{fmt.money(users * price)} a month"),
            "formula": f"{formula} = {fmt.number(exact)} -> {fmt.number(users)} (rounded up)",
            "headline": (f"It breaks even at {fmt.number(users)} users ({fmt.money(contribution)} "
                         f"contribution per user against {fmt.money(fixed)} fixed costs a month)."),
            "assumption": "Users are rounded up to whole users; costs and prices are per month."}


def _profit(inp: BreakEvenInput) -> dict[str, Any]:
    """The monthly profit after fixed costs at today's paying users, beside the break-even count."""
    users, fixed = inp.paying_users or 0.0, _monthly_fixed(inp)
    price, var = inp.price_per_user_usd or 0.0, inp.variable_cost_per_user_usd or 0.0
    profit = finite(users * (price - var) - fixed, "monthly_profit_usd")
    said = f"a profit of {fmt.money(profit)}" if profit >= 0 else f"a loss of {fmt.money(-profit)}"
    return {"monthly_profit_usd": profit,
            "profit_formula": (f"monthly profit = users x (price - variable cost) - fixed costs = "
                               f"{fmt.number(users)} x ({fmt.money(price)} - {fmt.money(var)}) - {fmt.money(fixed)} "
                               f"= {fmt.money(profit)}"),
            "profit_headline": f"At {fmt.number(users)} paying users the month ends with {said} after fixed costs."}


def _price(inp: BreakEvenInput) -> dict[str, Any]:
    cost, m = inp.variable_cost_per_user_usd or 0.0, inp.target_margin or 0.0
    if cost <= 0:
        raise InputError("variable_cost_per_user_usd must be above 0 in price mode (got 0): a "
                         "zero cost gives a zero price at any margin.",
                         field="variable_cost_per_user_usd", value=cost,
                         hint="Example: '$4 per user per month'.")
    price = finite(cost / (1 - m), "price_for_target_margin_usd")
    return {"never": False, "price_for_target_margin_usd": price, "target_margin": m,
            "contribution_per_user_usd": price - cost,
            "formula": (f"price = cost / (1 - target margin) = {fmt.money(cost)} / "
                        f"(1 - {fmt.pct(m)}) = {fmt.money(price)}"),
            "headline": (f"A price of {fmt.money(price)} on a cost of {fmt.money(cost)} gives a "
                         f"{fmt.pct(m)} gross margin."),
            "assumption": "Gross margin = (price - cost) / price, with the cost as COGS."}


def _payback(inp: BreakEvenInput) -> dict[str, Any]:
    upfront = inp.upfront_investment_usd or 0.0
    saving_name = "saving" if inp.monthly_saving_usd is not None else "contribution"
    benefit = inp.monthly_saving_usd if inp.monthly_saving_usd is not None \
        else inp.monthly_contribution_usd
    contribution = ""
    if benefit is None:  # users brought x (price - variable cost per user)
        users, price = inp.users_brought or 0.0, inp.price_per_user_usd or 0.0
        cost = inp.variable_cost_per_user_usd or 0.0
        benefit = users * (price - cost)
        contribution = (f"monthly contribution = users x (price - variable cost) = {fmt.number(users)} x "
                        f"({fmt.money(price)} - {fmt.money(cost)}) = {fmt.money(benefit)}; ")
    formula = (f"{contribution}payback months = upfront investment / monthly {saving_name} = {fmt.money(upfront)}"
               f" / {fmt.money(benefit)}")
    if benefit <= 0:
        reason = (f"the monthly {saving_name} is {fmt.money(benefit)}, so the "
                  f"{fmt.money(upfront)} investment is never paid back")
        return {"never": True, "reason": reason, "formula": formula + " = never",
                "headline": f"It never pays back: {reason}."}
    months = finite(upfront / benefit, "payback_months")
    start = inp.build_months + months
    formula += f" = {fmt.number(months)} months"
    headline = (f"The {fmt.money(upfront)} investment pays back in {fmt.number(months)} months "
                f"of {fmt.money(benefit)} monthly {saving_name}")
    if inp.build_months:
        formula += (f"; from project start = build months + payback = "
                    f"{fmt.number(inp.build_months)} + {fmt.number(months)} = {fmt.number(start)}")
        headline += f", {fmt.number(start)} months from the start of the project"
    return {"never": False, "payback_months": months, "months_from_start": start,
            "formula": formula, "headline": headline + ".",
            "assumption": (f"The monthly {saving_name} starts after "
                           f"{fmt.number(inp.build_months)} build months and stays constant; "
                           "no discounting.")}


def break_even(data: BreakEvenInput | dict, catalog: Catalog | None = None) -> BreakEvenResult:
    """Break-even: users to cover fixed costs, price for a target margin, or payback months.

    Users = fixed costs / (price - variable cost per user), rounded up; price = cost /
    (1 - target margin); payback months = upfront investment / monthly saving.

    Args:
        data: mode (users, price or payback; inferred when left out) and its fields: users:
            fixed_costs_usd per month (or per fixed_costs_period), price_per_user_usd,
            variable_cost_per_user_usd; price:
            variable_cost_per_user_usd, target_margin (below 100%); payback:
            upfront_investment_usd, monthly_saving_usd (or monthly_contribution_usd) and
            optional build_months before the saving starts.
        catalog: unused; accepted so every calculator has the same signature.
    """
    inp = parse_input(BreakEvenInput, data)
    mode = inp.mode or "users"
    out = {"users": _users, "price": _price, "payback": _payback}[mode](inp)
    if mode == "users" and inp.paying_users is not None:
        out.update(_profit(inp))
    assumption = out.pop("assumption", None)
    assumptions = [assumption] if assumption else []
    if revenue_formula := out.pop("revenue_formula", None):
        out["formula"] += f"; {revenue_formula}"
    if profit_formula := out.pop("profit_formula", None):
        out["formula"] += f"; {profit_formula}"
        out["headline"] += " " + out.pop("profit_headline")
    if mode == "users" and inp.fixed_costs_period is not Period.month:
        assumptions.append(f"Fixed costs of {fmt.money(inp.fixed_costs_usd or 0)} a {inp.fixed_costs_period.value} "
                           f"are {fmt.money(_monthly_fixed(inp))} a month (a year is 12 months of 30 days).")
    inputs = {}
    units = {"fixed_costs_usd": "USD per month", "price_per_user_usd": "USD per user per month",
             "variable_cost_per_user_usd": "USD per user per month", "target_margin": "%",
             "upfront_investment_usd": "USD", "monthly_saving_usd": "USD per month",
             "monthly_contribution_usd": "USD per month", "users_brought": "users", "build_months": "months",
             "paying_users": "users"}
    for name, unit in units.items():
        value = getattr(inp, name)
        if name == "fixed_costs_usd":
            unit = f"USD per {inp.fixed_costs_period.value}"
        if value is not None and (name not in ("build_months", "users_brought") or mode == "payback") \
                and (name != "paying_users" or mode == "users"):
            inputs[name] = q(value * 100 if unit == "%" else value, unit)
    return BreakEvenResult(tool="break_even", mode=mode, inputs=inputs, assumptions=assumptions,
                           **out)
