"""A memo's inputs from a scenario (a file, or the memo's own saved scenario): the `MemoBrief` the memo renders.

The scenario's own figures are used as they are; what a memo needs beyond them (a free tier, a target
margin, fixed costs, the `memo` options) gets a stated default, and what the memo does not render (an
investment, self-hosting, routing or compliance section, a cached share) is listed as not used.
"""

from __future__ import annotations

from assistant.memo.brief import MemoBrief
from assistant.memo.defaults import CORE, default_origin, option_origins
from assistant.scenarios.memo_options import MemoOptions
from assistant.scenarios.model import Plan, Scenario
from tools import fmt

__all__ = ["brief_from_scenario"]


def brief_from_scenario(scenario: Scenario, name: str = "memo") -> MemoBrief:
    """The memo's inputs from a scenario: its own figures, and stated defaults for what a memo needs beyond them."""
    src = f"from scenario {name!r}"
    origin = {n: src for n in ("fee", "users", "queries_per_user", "tokens_per_query")}
    origin["model" if scenario.pricing.model else "price_per_1m"] = src
    plan = scenario.plan
    fee = plan.price if plan is not None else CORE["fee"].value
    if plan is None:
        origin["fee"] = default_origin("fee")
    free = plan is not None and plan.free_users > 0
    for n in ("free_queries", "free_users"):
        origin[n] = src if free else default_origin(n)
    margin = plan.target_margin if plan is not None else None
    origin["target_margin"] = src if margin is not None else default_origin("target_margin")
    fixed = "fixed_costs_per_month" in scenario.model_fields_set
    origin["fixed_cost_month"] = src if fixed else default_origin("fixed_cost_month")
    if plan is not None and plan.included_queries is not None:
        origin["included_queries"] = src
    origin["queries_p95"] = src if "usage_sigma" in scenario.usage.model_fields_set else default_origin("queries_p95")
    options = scenario.memo or MemoOptions()
    option_origins(options, origin, src)
    if plan is not None and plan.overage_per_1k is not None:  # the plan's own overage price wins
        origin["overage_per_1k"] = src
    memo_plan = Plan(price=fee, included_queries=plan.included_queries if plan else None,
                     overage_per_1k=plan.overage_per_1k if plan else None,
                     free_users=plan.free_users if free and plan else CORE["free_users"].value,
                     free_quota=plan.free_quota if free and plan else CORE["free_queries"].value,
                     target_margin=margin if margin is not None else CORE["target_margin"].value)
    ready = scenario.model_copy(update={"plan": memo_plan, "memo": options, "fixed_costs_per_month": (
        scenario.fixed_costs_per_month if fixed else CORE["fixed_cost_month"].value)})
    unused = [f"the scenario's {part} section" for part in ("investment", "self_hosting", "routing", "compliance")
              if getattr(scenario, part) is not None]
    if scenario.usage.tokens.cached_share:  # the plan and simulation calculators bill no cache: said, not half-used
        unused.append(f"the cached share of input tokens ({fmt.pct(scenario.usage.tokens.cached_share)})")
    return MemoBrief(text=scenario.description, name=name, scenario=ready, origin=origin, not_understood=unused)
