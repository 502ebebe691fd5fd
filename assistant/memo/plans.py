"""Plan options for the memo: three packagings of the brief's fee, each with margin and break-even from the tools."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from assistant.charts import Chart, Series
from tools import fmt
from tools.monte_carlo import Z95
from tools.units import Period, from_day, per_day

if TYPE_CHECKING:
    from assistant.memo.brief import MemoBrief
    from assistant.memo.build import Runs

__all__ = ["Option", "best_option", "plan_chart", "plan_notes", "plan_options", "plan_rows", "share",
           "usage_args"]

Option = dict[str, Any]  # name, what (one line), plan (pricing_plan result), break_even (result)


def usage_args(b: MemoBrief) -> dict[str, Any]:
    """The median user's monthly queries and the lognormal spread the Monte Carlo uses (same P95)."""
    monthly = from_day(per_day(b.queries_per_user, b.query_period), Period.month)
    return {"median_queries_per_user_per_month": monthly,
            "usage_sigma": math.log(b.queries_p95 / b.queries_per_user) / Z95}


def plan_options(run: Runs, b: MemoBrief) -> list[Option]:
    """Flat add-on; free tier + add-on; add-on with an allowance + overage. Each with margin and break-even."""
    base = {"plan_price_usd": b.fee, "tokens_per_query": b.tokens_per_query, "target_margin": b.target_margin,
            "paying_users": b.users, **usage_args(b), **b.pricing()}
    flat = run("pricing_plan", base)
    free = run("pricing_plan", {**base, "free_users": b.free_users, "free_quota_queries": b.free_queries})
    allowance = math.floor(flat["max_queries_at_target_margin"])
    metered = run("pricing_plan", {**base, "free_quota_queries": allowance,
                                   "overage_price_per_1k_queries": b.overage_per_1k})
    options: list[Option] = [
        {"name": "Flat add-on, unlimited use", "plan": flat,
         "what": f"every paying user pays {fmt.money(b.fee)} a month and uses the feature without a cap"},
        {"name": "Free tier + flat add-on", "plan": free,
         "what": f"{fmt.number(b.free_users)} free users get {fmt.number(b.free_queries)} queries a month; paying "
                 f"users pay {fmt.money(b.fee)} a month without a cap"},
        {"name": "Add-on with an allowance + usage-based overage", "plan": metered,
         "what": f"{fmt.money(b.fee)} a month includes {fmt.number(allowance)} queries (the most the fee covers at "
                 f"the {fmt.pct(b.target_margin)} target margin); beyond that {fmt.money(b.overage_per_1k)} per "
                 f"1,000 queries"}]
    for option in options:
        plan = option["plan"]
        price = b.fee + (plan.get("overage_revenue_usd") or 0.0) / b.users  # overage is revenue per paying user
        option["break_even"] = run("break_even", {"fixed_costs_usd": b.fixed_cost_month + plan["free_quota_cost_usd"],
                                                  "price_per_user_usd": price,
                                                  "variable_cost_per_user_usd": plan["cost_per_paying_user_usd"]})
    return options


def best_option(options: list[Option]) -> Option:
    """The option with the highest monthly gross margin (the first on a tie)."""
    return max(options, key=lambda o: o["plan"]["monthly_gross_margin"])


def _users(even: dict[str, Any]) -> str:
    users = even.get("break_even_users")
    return fmt.number(users) if users is not None else "never (each user costs more than they pay)"


def share(fraction: float) -> str:
    """A share of users, to two decimals of a percent (a share far below 0.01% shows as 0%)."""
    return f"{round(fraction * 100, 2):g}%"


def plan_rows(options: list[Option]) -> tuple[list[str], list[list[str]]]:
    """The plan table: margin, revenue, cost, loss share and break-even per option."""
    header = ["option", "monthly gross margin", "revenue a month", "cost a month",
              "paying users who cost more than the fee", "break-even paying users"]
    rows = [[o["name"], fmt.pct(o["plan"]["monthly_gross_margin"]), fmt.money(o["plan"]["monthly_revenue_usd"]),
             fmt.money(o["plan"]["monthly_cost_usd"]), share(o["plan"]["loss_share_of_paying_users"]),
             _users(o["break_even"])] for o in options]
    return header, rows


def plan_notes(options: list[Option]) -> list[str]:
    """One paragraph per option: what it is, its usage and limits, its margin and what its break-even counts."""
    notes = []
    for o in options:
        plan, even = o["plan"], o["break_even"]
        text = (f"**{o['name']}:** {o['what']}. The mean paying user makes "
                f"{fmt.number(round(plan['mean_queries_per_user']))} queries a month and costs "
                f"{fmt.money(plan['cost_per_paying_user_usd'])}; the fee stops covering a user above "
                f"{fmt.number(math.floor(plan['break_even_queries_per_user']))} queries a month. Monthly gross margin "
                f"{fmt.pct(plan['monthly_gross_margin'])} on {fmt.money(plan['monthly_revenue_usd'])} of revenue.")
        counted = []
        if plan["free_quota_cost_usd"]:
            counted.append(f"the free tier's {fmt.money(plan['free_quota_cost_usd'])} a month as a fixed cost")
        if plan.get("overage_revenue_usd"):
            counted.append(f"{fmt.money(plan['overage_revenue_usd'])} a month of overage as revenue")
        if counted:
            text += f" Break-even counts {' and '.join(counted)}."
        notes.append(f"{text} {even['headline']}")
    return notes


def plan_chart(options: list[Option]) -> Chart:
    """Monthly gross margin of each option, as bars."""
    return Chart(title="Monthly gross margin by plan option", kind="bar", x_label="plan option",
                 y_label="monthly gross margin (%)",
                 series=[Series(name="gross margin", x=[o["name"] for o in options],
                                y=[o["plan"]["monthly_gross_margin"] * 100 for o in options])])
