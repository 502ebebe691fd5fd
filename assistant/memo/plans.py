"""Plan options for the memo: three packagings of the plan's price, each with margin and break-even from the tools."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from assistant.charts import Chart, Series
from assistant.memo.brief import MemoBrief
from assistant.memo.runs import Runs
from tools import fmt
from tools.break_even import BreakEvenResult, break_even
from tools.change import change
from tools.pricing_plan import PricingPlanResult, pricing_plan
from tools.units import Period, from_day, per_day, percent_text

__all__ = ["PlanOption", "best_option", "known", "plan_chart", "plan_notes", "plan_options", "plan_rows", "share"]


@dataclass(frozen=True)
class PlanOption:
    """One packaging of the plan: its name, what it is in one line, its pricing_plan and break_even results."""

    name: str
    what: str
    plan: PricingPlanResult
    break_even: BreakEvenResult


def known(value: float | None, what: str) -> float:
    """A result field the memo's calculator inputs always fill (usage is always given)."""
    if value is None:
        raise ValueError(f"{what} is missing from a calculator result the memo ran with usage")
    return value


def _base(b: MemoBrief, usage_sigma: float) -> dict[str, Any]:
    """pricing_plan's inputs for the plan price, the token split, the mean user's month and the usage spread."""
    return {"plan_price_usd": b.fee, "target_margin": percent_text(b.target_margin), "paying_users": b.users,
            "input_tokens_per_query": b.scenario.usage.tokens.input,
            "output_tokens_per_query": b.scenario.usage.tokens.output,
            "queries_per_user_per_month": from_day(per_day(b.queries_per_user, b.query_period), Period.month),
            "usage_sigma": usage_sigma, **b.pricing()}


def plan_options(run: Runs, b: MemoBrief, usage_sigma: float) -> list[PlanOption]:
    """Flat add-on; free tier + add-on; add-on with an allowance + overage. Each with margin and break-even.

    `usage_sigma` is the spread of usage the memo's simulation drew, so plans and simulation agree.
    """
    base = _base(b, usage_sigma)
    flat = run(pricing_plan, base)
    free = run(pricing_plan, {**base, "free_users": b.plan.free_users, "free_quota_queries": b.plan.free_quota})
    overage = b.overage_per_1k
    if b.plan.included_queries is not None:  # the plan's own allowance
        allowance, why = b.plan.included_queries, "the plan's allowance"
    else:
        allowance = math.floor(known(flat.max_queries_at_target_margin, "max queries at the target margin"))
        why = f"the most the fee covers at the {fmt.pct(b.target_margin)} target margin"
    metered_args = {**base, "free_quota_queries": allowance, "overage_price_per_1k_queries": overage}
    metered = run(pricing_plan, metered_args)
    per_user = run(pricing_plan, {**metered_args, "paying_users": 1})  # one user's fee and overage: break-even's price
    plans = [("Flat add-on, unlimited use", flat, b.fee,
              f"every paying user pays {fmt.money(b.fee)} a month and uses the feature without a cap"),
             ("Free tier + flat add-on", free, b.fee,
              f"{fmt.number(b.plan.free_users)} free users get {fmt.number(b.plan.free_quota)} queries a month; "
              f"paying users pay {fmt.money(b.fee)} a month without a cap"),
             ("Add-on with an allowance + usage-based overage", metered,
              known(per_user.monthly_revenue_usd, "revenue of one paying user"),
              f"{fmt.money(b.fee)} a month includes {fmt.number(allowance)} queries ({why}); beyond that "
              f"{fmt.money(overage)} per 1,000 queries")]
    return [PlanOption(name, what, plan, _break_even(run, b, plan, price)) for name, plan, price, what in plans]


def _break_even(run: Runs, b: MemoBrief, plan: PricingPlanResult, price: float) -> BreakEvenResult:
    """Paying users to break even: the fixed costs (plus the free tier's cost) over each user's contribution."""
    fixed = b.scenario.fixed_costs_per_month
    if plan.free_quota_cost_usd:
        fixed = run(change, {"name": "fixed costs with the free tier", "value": fixed,
                             "plus": plan.free_quota_cost_usd}).value
    return run(break_even, {"fixed_costs_usd": fixed, "price_per_user_usd": price,
                            "variable_cost_per_user_usd": known(plan.cost_per_paying_user_usd, "cost per paying user")})


def best_option(options: list[PlanOption]) -> PlanOption:
    """The option with the highest monthly gross margin (the first on a tie)."""
    return max(options, key=lambda o: known(o.plan.monthly_gross_margin, "monthly gross margin"))


def _users(even: BreakEvenResult) -> str:
    return fmt.number(even.break_even_users) if even.break_even_users is not None else \
        "never (each user costs more than they pay)"


def share(fraction: float) -> str:
    """A share of users, to two decimals of a percent (a share far below 0.01% shows as 0%)."""
    return f"{round(fraction * 100, 2):g}%"


def plan_rows(options: list[PlanOption]) -> tuple[list[str], list[list[str]]]:
    """The plan table: margin, revenue, cost, loss share and break-even per option."""
    header = ["option", "monthly gross margin", "revenue a month", "cost a month",
              "paying users who cost more than the fee", "break-even paying users"]
    rows = [[o.name, fmt.pct(known(o.plan.monthly_gross_margin, "margin")),
             fmt.money(known(o.plan.monthly_revenue_usd, "revenue")), fmt.money(known(o.plan.monthly_cost_usd, "cost")),
             share(known(o.plan.loss_share_of_paying_users, "loss share")), _users(o.break_even)] for o in options]
    return header, rows


def plan_notes(options: list[PlanOption]) -> list[str]:
    """One paragraph per option: what it is, its usage and limits, its margin and what its break-even counts."""
    notes = []
    for o in options:
        plan = o.plan
        text = (f"**{o.name}:** {o.what}. The mean paying user makes "
                f"{fmt.number(round(known(plan.mean_queries_per_user, 'mean queries')))} queries a month and costs "
                f"{fmt.money(known(plan.cost_per_paying_user_usd, 'cost per user'))}; the fee stops covering a user "
                f"above {fmt.number(math.floor(plan.break_even_queries_per_user))} queries a month. Monthly gross "
                f"margin {fmt.pct(known(plan.monthly_gross_margin, 'margin'))} on "
                f"{fmt.money(known(plan.monthly_revenue_usd, 'revenue'))} of revenue.")
        counted = []
        if plan.free_quota_cost_usd:
            counted.append(f"the free tier's {fmt.money(plan.free_quota_cost_usd)} a month as a fixed cost")
        if plan.overage_revenue_usd:
            counted.append(f"{fmt.money(plan.overage_revenue_usd)} a month of overage as revenue")
        if counted:
            text += f" Break-even counts {' and '.join(counted)}."
        notes.append(f"{text} {o.break_even.headline}")
    return notes


def plan_chart(options: list[PlanOption]) -> Chart:
    """Monthly gross margin of each option, as bars."""
    return Chart(title="Monthly gross margin by plan option", kind="bar", x_label="plan option",
                 y_label="monthly gross margin (%)",
                 series=[Series(name="gross margin", x=[o.name for o in options],
                                y=[known(o.plan.monthly_gross_margin, "margin") * 100 for o in options])])
