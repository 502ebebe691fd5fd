"""The economics variable graph: which calculator turns which given variables into which asked ones.

Each calculator's input and result fields declare the variable they are (`json_schema_extra={"var":
...}` in tools/), so arguments are filled and results read by variable name, with no second table of
slots. A relation here says only which sets of variables are enough for a calculator to produce a
variable; `solve` covers the inverse direction (an asked input whose output is given as a target).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from tools.registry import TOOLS

__all__ = ["GOALS", "PRODUCERS", "Producer", "input_vars", "output_field"]


def _var(field: Any) -> str | None:
    extra = field.json_schema_extra
    return str(extra["var"]) if isinstance(extra, dict) and "var" in extra else None


@cache
def input_vars(tool: str) -> dict[str, str]:
    """Field -> variable for a calculator's input model."""
    spec = next(t for t in TOOLS if t.name == tool)
    return {name: var for name, f in spec.input_model.model_fields.items() if (var := _var(f))}


@cache
def _output_vars(tool: str) -> dict[str, str]:
    """Variable -> result field of `tool`.

    A field may also stand for a more general variable ("also": a self-hosting saving is the monthly saving a
    payback divides by).
    """
    spec = next(t for t in TOOLS if t.name == tool)
    found: dict[str, str] = {}
    for name, f in spec.result_model.model_fields.items():
        if (var := _var(f)) is not None:
            found[var] = name
            extra = f.json_schema_extra if isinstance(f.json_schema_extra, dict) else {}
            also = extra.get("also")
            for general in also if isinstance(also, list) else []:
                found.setdefault(str(general), name)
    return found


def output_field(tool: str, var: str) -> str | None:
    """The result field of `tool` that holds variable `var`."""
    return _output_vars(tool).get(var)


@dataclass(frozen=True)
class Producer:
    """A calculator that yields `var` when one of `needs` (sets of variables) is available."""

    tool: str
    needs: tuple[frozenset[str], ...]
    mode: str | None = None  # break_even's mode


def _p(tool: str, *needs: set[str], mode: str | None = None) -> Producer:
    return Producer(tool, tuple(frozenset(n) for n in needs), mode)


_USAGE = {"users", "queries_per_user", "price"}
# What pays an investment back: a saving, a contribution, or users brought at a price and a cost per user.
_PAYBACK = ({"investment", "saving"}, {"investment", "contribution"},
            {"investment", "users", "price_per_user", "cost_per_user"})
_KNOWN_COST = {"users", "queries_per_user", "cost_per_query"}  # "every request costs us 4 cents"
PRODUCERS: dict[str, list[Producer]] = {
    "monthly_cost": [_p("token_cost", _USAGE, _KNOWN_COST),
                     _p("margin", {"price_per_user", "cost_per_user", "users"})],  # the buyers' COGS a month
    "monthly_revenue": [_p("pricing_plan", {"price_per_user", "cost_per_query", "queries_per_user_month",
                                            "paying_users", "free_users", "free_quota"}),  # the payers' beside a free
                        _p("margin", {"price_per_user", "cost_per_user", "users"})],  # tier
    "yearly_cost": [_p("token_cost", _USAGE, _KNOWN_COST)],
    "daily_cost": [_p("token_cost", _USAGE, _KNOWN_COST)],
    "cost_per_query": [_p("token_cost", {"price"})],
    "cost_per_user": [_p("token_cost", _USAGE, _KNOWN_COST),
                      _p("pricing_plan", {"price_per_user", "cost_per_query", "queries_per_user_month"}),
                      _p("token_cost", {"queries_per_user", "price"},  # one user's cost needs no user count
                         {"queries_per_user", "cost_per_query"})],
    "weekly_cost": [_p("token_cost", _USAGE, _KNOWN_COST)],
    "quarterly_cost": [_p("token_cost", _USAGE, _KNOWN_COST)],
    "monthly_tokens": [_p("token_cost", _USAGE)],
    "margin": [_p("pricing_plan", {"price_per_user", "cost_per_query", "queries_per_user_month", "paying_users",
                                   "overage_price"},  # a plan with overage or a free tier: the month's margin counts it
                  {"price_per_user", "cost_per_query", "queries_per_user_month", "paying_users", "free_users",
                   "free_quota"}),
               _p("margin", {"price_per_user", "cost_per_user"}, {"revenue", "monthly_cost"},
                  {"revenue", "yearly_cost"}, {"provider_share"}),
               _p("pricing_plan", {"price_per_user", "cost_per_query", "queries_per_user_month", "paying_users"})],
    "gross_profit": [_p("margin", {"revenue", "provider_share"}, {"price_per_user", "cost_per_user"},
                        {"revenue", "monthly_cost"}, {"revenue", "yearly_cost"})],
    "break_even_users": [_p("break_even", {"fixed_costs", "price_per_user", "cost_per_user"}, mode="users")],
    "break_even_revenue": [_p("break_even", {"fixed_costs", "price_per_user", "cost_per_user"}, mode="users")],
    "profit": [_p("break_even", {"fixed_costs", "price_per_user", "cost_per_user", "users"}, mode="users")],
    "price_per_user": [_p("break_even", {"margin", "cost_per_user"}, mode="price")],
    "payback_months": [_p("break_even", *_PAYBACK, mode="payback")],
    "months_from_start": [_p("break_even", *_PAYBACK, mode="payback")],
    "break_even_queries": [_p("pricing_plan", {"price_per_user", "cost_per_query"})],
    "overage_revenue": [_p("pricing_plan", {"price_per_user", "cost_per_query", "queries_per_user_month",
                                            "overage_price", "paying_users"})],
    "loss_share": [_p("pricing_plan", {"price_per_user", "cost_per_query", "queries_per_user_month"})],
    "max_queries": [_p("pricing_plan", {"price_per_user", "cost_per_query", "margin"})],
    "free_tier_cost": [_p("pricing_plan", {"price_per_user", "cost_per_query", "free_users", "free_quota"})],
    **{var: [_p("pricing_plan", {"price_per_user", "cost_per_query", "queries_p95"})]  # one heavy user's month
       for var in ("heavy_user_bill", "heavy_user_cost", "heavy_user_margin")},
    "plan_model_cost": [_p("pricing_plan", {"price_per_user", "cost_per_query", "queries_per_user_month",
                                            "paying_users"})],
    "saving": [_p("caching", {"monthly_cost", "hit_rate"}, {"monthly_cost", "prompt_reduction"}),
               _p("self_host", {"gpu_or_rate", "tokens_per_second", "monthly_tokens", "token_price_per_1m"})],
    "yearly_saving": [_p("caching", {"monthly_cost", "hit_rate"}, {"monthly_cost", "prompt_reduction"})],
    "new_monthly_cost": [_p("caching", {"monthly_cost", "hit_rate"}, {"monthly_cost", "prompt_reduction"})],
    "self_host_per_1m": [_p("self_host", {"gpu_or_rate", "tokens_per_second"})],
    "self_host_monthly": [_p("self_host", {"gpu_or_rate", "tokens_per_second", "monthly_tokens"})],
    "gpu_rent": [_p("self_host", {"gpu_or_rate", "tokens_per_second"})],
    "self_host_fixed": [_p("self_host", {"gpu_or_rate", "tokens_per_second"})],
    "api_monthly": [_p("self_host", {"gpu_or_rate", "tokens_per_second", "monthly_tokens", "token_price_per_1m"})],
    "self_host_saving": [_p("self_host", {"gpu_or_rate", "tokens_per_second", "monthly_tokens", "token_price_per_1m"})],
    "gpus_needed": [_p("self_host", {"gpu_or_rate", "tokens_per_second", "monthly_tokens"})],
    "break_even_tokens": [_p("self_host", {"gpu_or_rate", "tokens_per_second", "token_price_per_1m"})],
    "break_even_throughput": [_p("self_host", {"gpu_or_rate", "tokens_per_second", "token_price_per_1m"})],
    "compliance_ratio": [_p("compliance_overhead", {"development_cost", "compliance_any"},
                            {"technology_cost", "compliance_any"})],
    "compliance_share": [_p("compliance_overhead", {"development_cost", "compliance_any"},
                            {"technology_cost", "compliance_any"})],
    "region_compliance_cost": [_p("compliance_overhead", {"development_cost", "compliance_any", "extra_regions"},
                                  {"technology_cost", "compliance_any", "extra_regions"})],
    "region_compliance_ratio": [_p("compliance_overhead", {"development_cost", "compliance_any", "extra_regions"},
                                   {"technology_cost", "compliance_any", "extra_regions"})],
}

# Goal-seek: an asked input of a `solve` relation whose output is given. relation -> {variable: symbol}.
GOALS: dict[str, dict[str, str]] = {
    "monthly_cost": {"users": "users", "queries_per_user": "queries_per_user_per_day",
                     "tokens_per_query": "tokens_per_query", "token_price": "price"},
    "self_host_per_1m": {"utilization": "utilization", "gpus": "gpus", "tokens_per_second": "tokens_per_second",
                         "gpu_hourly": "gpu_hourly_usd"},
}


def available(vars_: set[str], producer: Producer) -> frozenset[str] | None:
    """The first need of `producer` that `vars_` satisfies, else None."""
    return next((need for need in producer.needs if need <= vars_), None)


def var_values(tool: str, args: dict[str, Any]) -> dict[str, Any]:
    """Variables named by a tool call's arguments (to rebuild the scenario a follow-up changes)."""
    fields = input_vars(tool)
    return {fields[k]: v for k, v in args.items() if k in fields}
