"""The memo's sections, written from typed calculator results (numbers are formatted here, never computed)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from assistant.charts import Chart
from assistant.memo.brief import MemoBrief
from assistant.memo.document import Section, not_understood_sentence, section
from assistant.memo.plans import PlanOption, best_option, known, plan_chart, plan_notes, plan_rows
from assistant.memo.runs import Runs
from tools import fmt
from tools.break_even import BreakEvenResult
from tools.margin import MarginResult
from tools.monte_carlo import MonteCarloResult
from tools.sensitivity import SensitivityResult
from tools.token_cost import TokenCostResult

__all__ = ["UnitEconomics", "assumptions", "cite", "exposure", "plans_section", "product_name", "scenarios",
           "sources", "summary", "unit_economics"]

SNIPPET = 280
# Said elsewhere in the memo (plan section, price sources).
_BRIEF_ECHOES = ("Usage per paying user", "Paying users pay overage", "Free users use", "Prices of ")
_LABELS = {"fee_per_user_month": "fee per user a month", "price_per_1m": "token price per 1M",
           "fixed_cost_month": "fixed costs a month", "queries_per_user": "queries per user",
           "tokens_per_query": "tokens per query", "users": "users"}


@dataclass(frozen=True)
class UnitEconomics:
    """Per query and per user: the bill (token_cost), the margin on the fee, and the fee the target margin needs.

    A scenario's queries per user are the mean user's (so users x mean is the month's traffic, as `marginal
    scenario run` counts it); the median user, from the usage spread, makes fewer.
    """

    cost: TokenCostResult
    margin: MarginResult
    floor: BreakEvenResult
    mean_queries: float
    median_queries: float
    median_user_cost: float


def cite(passages: list[dict[str, Any]], word: str) -> str:
    """" [n]" for the first cited passage whose source names `word`, else nothing."""
    hits = [i for i, p in enumerate(passages, 1) if word in p.get("source", "")]
    return f" [{hits[0]}]" if hits else ""


def product_name(b: MemoBrief) -> str:
    """A short name for the product, from the plan's price."""
    return f"a {fmt.money(b.fee)}/month AI add-on"


def summary(b: MemoBrief, unit: UnitEconomics, options: list[PlanOption], mc: MonteCarloResult,
            verdict: str) -> Section:
    """What it costs, the recommended option and why, the free tier's price, heavy users and model choice."""
    cost, margin = unit.cost, unit.margin
    best = best_option(options)
    plan, even = best.plan, best.break_even
    best_margin = known(plan.monthly_gross_margin, "margin")
    covered = ": **the fee does not cover the mean user's cost**." if margin.gross_margin < 0 else "."
    text = [f"We priced {product_name(b)} for {fmt.number(b.users)} paying users on {b.price_label()}. A query costs "
            f"{fmt.money(cost.cost_per_query_usd)}; the mean user ({_queries(b, unit)}) costs "
            f"{fmt.money(cost.cost_per_user_per_month_usd)} a month, which leaves a gross margin of "
            f"{fmt.pct(margin.gross_margin)} ({fmt.money(known(margin.contribution_per_user_usd, 'c'))} per user) on "
            f"the {fmt.money(b.fee)} fee{covered} The median user makes {fmt.number(round(unit.median_queries))} "
            "queries a month and costs "
            f"{fmt.money(unit.median_user_cost)}; usage is spread unevenly, so the mean is above the median."]
    meets = "meets" if best_margin >= b.target_margin else "misses"
    users = even.break_even_users
    reach = ("never breaks even: each paying user costs more than they pay" if users is None else
             f"breaks even at {fmt.number(users)} paying users against "
             f"{fmt.money(b.scenario.fixed_costs_per_month)} of fixed costs a month "
             f"({'below' if users <= b.users else 'above'} the {fmt.number(b.users)} assumed)")
    text.append(f"**Recommendation: {best.name.lower()}.** It has the highest monthly gross margin of the three "
                f"options ({fmt.pct(best_margin)} on {fmt.money(known(plan.monthly_revenue_usd, 'revenue'))} of "
                f"revenue a month), {meets} the {fmt.pct(b.target_margin)} target, and {reach}.")
    if known(options[0].plan.margin_at_mean_usage, "margin at mean usage") < b.target_margin:
        text.append(f"At the mean user's cost of {fmt.money(cost.cost_per_user_per_month_usd)} a month, a flat fee "
                    "needs to "
                    f"be at least {fmt.money(known(unit.floor.price_for_target_margin_usd, 'price'))} to keep the "
                    f"{fmt.pct(b.target_margin)} target margin; otherwise cap usage or move to a cheaper model.")
    free = options[1].plan
    if free.free_quota_cost_usd and best is not options[1]:
        text.append(f"A free tier for {fmt.number(b.plan.free_users)} users at {fmt.number(b.plan.free_quota)} "
                    f"queries a month would cost {fmt.money(free.free_quota_cost_usd)} a month and bring the margin "
                    f"to {fmt.pct(known(free.monthly_gross_margin, 'margin'))}: worth it if it converts enough free "
                    "users.")
    text += [exposure(b, mc), verdict]
    if b.not_understood:
        text.append(not_understood_sentence(b.not_understood, bold=True))
    return section("Summary and recommendation", text)



def exposure(b: MemoBrief, mc: MonteCarloResult) -> str:
    """Heavy users against the flat fee, from the simulation."""
    p95 = fmt.money(mc.user_cost_p95_usd)
    if mc.loss_share:
        return (f"Heavy users are the exposure: in the simulation the {fmt.money(b.fee)} flat fee loses money on "
                f"{fmt.pct(mc.loss_share)} of users, and the 95th-percentile user costs {p95} a month.")
    return (f"Heavy users do not threaten the fee at this usage: no simulated user costs more than "
            f"{fmt.money(b.fee)} a month; the 95th-percentile user costs {p95}.")


def assumptions(b: MemoBrief, run: Runs) -> Section:
    """Every input with its value and origin; the price sources and conventions the calculators used."""
    sources = {f"{s.provider} {s.model}: {s.price}, as of {s.as_of} ({s.origin})"
               for r in run.results for s in r.sources}
    conventions = dict.fromkeys(a for r in run.results for a in r.assumptions
                                if not any(t in a for t in _BRIEF_ECHOES))
    paragraphs = ["Every input is either from the brief or a stated default; state any of them in the brief and "
                  "the memo is recomputed. Prices and conventions the calculators used:"]
    found = section("Assumptions", paragraphs, (["input", "value", "where it came from"], b.rows()))
    found.bullets = [*sorted(f"Price source: {s}." for s in sources), *conventions]
    if b.not_understood:
        found.bullets.append(not_understood_sentence(b.not_understood, bold=True))
    return found


def _queries(b: MemoBrief, unit: UnitEconomics) -> str:
    """The mean user's queries as the scenario gives them, and a month's when that is another period."""
    given = f"{fmt.number(b.queries_per_user)} queries a {b.query_period.value}"
    return given if b.query_period.value == "month" else f"{given}, {fmt.number(unit.mean_queries)} a month"


def unit_economics(b: MemoBrief, unit: UnitEconomics, charts: list[Chart]) -> Section:
    """Per query and per user (the mean user, and the median one): cost, fee, gross profit and margin; the bill."""
    cost, margin = unit.cost, unit.margin
    rows = [["cost per query", fmt.money(cost.cost_per_query_usd)],
            ["queries per user a month (mean user)", fmt.number(unit.mean_queries)],
            ["cost per user a month (mean user)", fmt.money(cost.cost_per_user_per_month_usd)],
            ["queries per user a month (median user)", fmt.number(round(unit.median_queries))],
            ["cost per user a month (median user)", fmt.money(unit.median_user_cost)],
            ["fee per user a month", fmt.money(known(margin.revenue_usd, "fee"))],
            [f"lowest fee for the {fmt.pct(b.target_margin)} target margin (mean user)",
             fmt.money(known(unit.floor.price_for_target_margin_usd, "price"))],
            ["gross profit per user a month", fmt.money(known(margin.contribution_per_user_usd, "contribution"))],
            ["gross margin per user", fmt.pct(margin.gross_margin)],
            [f"queries a month ({fmt.number(b.users)} users)", fmt.number(cost.queries_per_month)],
            ["tokens a month", fmt.number(cost.known_tokens())],
            ["model bill a month", fmt.money(cost.cost_per_month_usd)],
            ["model bill a year", fmt.money(cost.cost_per_year_usd)]]
    return section("Unit economics", [f"Cost: {cost.formula}.", f"Margin: {margin.headline}"],
                   (["figure", "value"], rows), charts)


def plans_section(options: list[PlanOption], passages: list[dict[str, Any]]) -> Section:
    """The three plan options: a paragraph each, the comparison table and a margin chart."""
    notes = plan_notes(options)
    notes[1] += cite(passages, "free-tier")
    return section("Plan options", notes, plan_rows(options), [plan_chart(options)])


def scenarios(sens: SensitivityResult, mc: MonteCarloResult, charts: list[Chart]) -> Section:
    """The sensitivity ranking and the Monte Carlo percentiles, with their charts."""
    rows = [[_LABELS.get(r.input, r.input.replace("_", " ")), fmt.pct(r.metric_at_low), fmt.pct(r.metric_at_high)]
            for r in sens.rows]
    text = [f"Sensitivity: {sens.headline}", f"Monte Carlo: {mc.headline}", f"Simulation: {mc.formula}."]
    fixed = mc.inputs.get("fixed_cost_month")
    if fixed is not None and fixed.value:
        text.append(f"Margins in this section count the {fmt.money(float(fixed.value))} of fixed costs a month; the "
                    "plan table counts variable costs only.")
    header = ["input moved down / up by the swing", "gross margin at low", "gross margin at high"]
    return section("Sensitivity and Monte Carlo", text, (header, rows), charts)


def sources(passages: list[dict[str, Any]], run: Runs) -> Section:
    """The knowledge-base passages cited as [n], and the calculators run."""
    lines = [f"[{i}] {p.get('title', '')} ({p.get('source', '')}): {p.get('text', '')[:SNIPPET].strip()}..."
             for i, p in enumerate(passages, 1)]
    if not passages:
        lines.append("No knowledge base was available for citations.")
    lines.append("Calculators run for this memo: " + ", ".join(dict.fromkeys(c.name for c in run.calls)) + ".")
    return section("Sources", lines)
