"""Build a pricing memo from a scenario: every figure from a calculator run here, every sentence checked by `verify`.

A brief in plain words becomes a scenario first (`assistant.memo.inputs`); a scenario file is rendered as it is,
with stated defaults for what a memo needs beyond it. The memo keeps the scenario it rendered, so it can be
saved as a scenario file, edited and redrafted.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from assistant.answer import Citation
from assistant.memo.brief import MemoBrief
from assistant.memo.choices import cheapest, compliance, model_choice, model_section, risks, verdict
from assistant.memo.document import Memo
from assistant.memo.from_scenario import brief_from_scenario
from assistant.memo.inputs import parse_brief
from assistant.memo.markdown import render_markdown
from assistant.memo.plans import best_option, known, plan_options
from assistant.memo.runs import Runs
from assistant.memo.sections import (
    UnitEconomics,
    assumptions,
    plans_section,
    product_name,
    scenarios,
    sources,
    summary,
    unit_economics,
)
from assistant.passages import prepare
from assistant.scenarios.model import Scenario
from assistant.verify import trace_numbers, unverified
from tools.break_even import break_even
from tools.catalog import Catalog, default_catalog
from tools.change import change
from tools.margin import margin
from tools.monte_carlo import MonteCarloResult, monte_carlo
from tools.sensitivity import sensitivity
from tools.token_cost import token_cost
from tools.units import percent_text

__all__ = ["build_memo", "verify_memo"]

Search = Callable[[str, int], list[dict[str, Any]]]
MC_DRAWS = 100_000
TOPICS = ("flat-rate unlimited AI pricing risk heavy users", "free tiers and freemium for AI features",
          "vendor lock-in and dependence on one model provider", "compliance costs of AI regulation by region",
          "hybrid model strategy routing between cheap and premium models")


def _economics(b: MemoBrief) -> dict[str, Any]:
    """The scenario tools' inputs: usage with its token split, the pricing, the fee and the fixed costs."""
    return {**b.usage(), **b.pricing(), "fee_per_user_month": b.fee,
            "fixed_cost_month": b.scenario.fixed_costs_per_month}


def _simulate(run: Runs, b: MemoBrief) -> MonteCarloResult:
    """The Monte Carlo month around the scenario's mean user.

    Its usage spread is the brief's heavy user, the scenario's spread, or the default.
    """
    spread: dict[str, Any] = {"queries_are": "mean"}
    if b.queries_p95 is not None:
        spread["queries_p95"] = b.queries_p95
    elif "usage_sigma" in b.scenario.usage.model_fields_set:
        spread["usage_sigma"] = b.scenario.usage.usage_sigma
    o = b.options
    swing = {"price_change_low": percent_text(o.price_change_low),
             "price_change_high": percent_text(o.price_change_high)}
    return run(monte_carlo, {**_economics(b), **spread, "draws": MC_DRAWS, **swing})


def build_memo(brief: str | MemoBrief | Scenario, catalog: Catalog | None = None, search: Search | None = None,
               today: date | None = None, changes: Sequence[str] = (), name: str = "memo") -> Memo:
    """Run the calculators a pricing memo needs and lay out its sections (raises InputError on a bad brief).

    `brief` is a brief in plain words, its reading, or a scenario (`name` names it in the memo); `changes` are
    later amendments to a text brief ("what about at $15?"), whose figures win.
    """
    if isinstance(brief, Scenario):
        b = brief_from_scenario(brief, name)
    else:
        b = brief if isinstance(brief, MemoBrief) else parse_brief(brief, changes)
    run = Runs(catalog or default_catalog(), b.calls)
    cost = run(token_cost, {**b.usage(), **b.pricing()})
    unit_charts = run.chart()
    mc = _simulate(run, b)
    mc_charts = run.chart()
    options = plan_options(run, b, mc.usage_sigma)
    flat = options[0].plan
    median = known(flat.median_queries_per_user, "median queries per user")
    target = percent_text(b.target_margin)
    per_user = cost.cost_per_user_per_month_usd  # the mean user's, as scenario run says it
    unit = UnitEconomics(
        cost=cost, mean_queries=known(flat.mean_queries_per_user, "mean queries per user"), median_queries=median,
        median_user_cost=run(change, {"name": "the median user's cost a month", "value": median,
                                      "factor": cost.cost_per_query_usd}).value,
        margin=run(margin, {"price_per_user_usd": b.fee, "cost_per_user_usd": per_user, "benchmark_margin": target}),
        floor=run(break_even, {"variable_cost_per_user_usd": per_user, "target_margin": target}))
    sens = run(sensitivity, {**_economics(b), "metric": "gross_margin"})
    scenario_charts = run.chart() + mc_charts
    models = model_choice(run, b, cost)
    overhead = compliance(run, b)
    passages = _passages(search)
    verdict_text = verdict(b, models)
    body = [
        summary(b, unit, options, mc, verdict_text),
        assumptions(b, run),
        unit_economics(b, unit, unit_charts),
        plans_section(options, passages),
        scenarios(sens, mc, scenario_charts),
        risks(b, mc, flat, overhead, models, passages),
        model_section(b, models, run, passages),
        sources(passages, run),
    ]
    best = best_option(options)
    figures = {"cost_per_query_usd": cost.cost_per_query_usd,
               "cost_per_user_month_usd": cost.cost_per_user_per_month_usd,
               "gross_margin_per_user": unit.margin.gross_margin, "model_bill_month_usd": cost.cost_per_month_usd,
               "recommended_option": best.name, "recommended_margin": best.plan.monthly_gross_margin,
               "break_even_users": best.break_even.break_even_users, "margin_p5": mc.margin_p5,
               "margin_p50": mc.margin_p50, "margin_p95": mc.margin_p95, "loss_share": mc.loss_share,
               "cheapest_serving": cheapest(b, models)[0]}
    usage = b.scenario.usage.model_copy(update={"usage_sigma": mc.usage_sigma})
    memo = Memo(title=f"Pricing memo: {product_name(b)}", date=(today or run.catalog.today).isoformat(),
                sections=body, brief=b, scenario=b.scenario.model_copy(update={"usage": usage}), figures=figures,
                tool_calls=run.calls, citations=[Citation(source=p.get("source", ""), title=p.get("title", ""),
                                                          snippet=p.get("text", "")[:300]) for p in passages])
    return verify_memo(memo)


def _passages(search: Search | None) -> list[dict[str, Any]]:
    if search is None:
        return []
    found: list[dict[str, Any]] = []
    for topic in TOPICS:
        for passage in search(topic, 1):
            if passage.get("source") not in {p.get("source") for p in found}:
                found.append(passage)
    return prepare(found)  # sanitized: a document's markup never reaches the memo


def verify_memo(memo: Memo) -> Memo:
    """Every number of the rendered memo must trace to a tool input or result, a passage, or the brief."""
    known_numbers = trace_numbers([c.args for c in memo.tool_calls], [c.result for c in memo.tool_calls],
                                  [c.snippet for c in memo.citations], question=f"{memo.brief.text} {memo.date}")
    bad = unverified(render_markdown(memo), known_numbers)
    return memo.model_copy(update={"verified": not bad, "unverified_numbers": bad})
