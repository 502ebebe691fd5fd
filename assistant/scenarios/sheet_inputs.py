"""The input rows of the scenario workbook: each scenario field as a cell a spreadsheet user can change."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from assistant.scenarios.model import Route, Scenario
from tools.units import DAYS_PER_PERIOD

__all__ = ["DAYS_IN", "INPUTS", "InputRow", "route_rows"]

DAYS_IN = DAYS_PER_PERIOD
"""Days in each query period, the calculators' conventions (tools/units.py): a month is 30 days, a year 12 months."""

Getter = Callable[[Scenario], float | None]


@dataclass(frozen=True)
class InputRow:
    """One input: its key, label and unit, and how to read it from a scenario (None: not in this scenario)."""

    key: str
    label: str
    unit: str
    get: Getter
    price: str | None = None
    """Where a catalog price fills the cell when the scenario gives none (the cell then refers to the Prices sheet):
    'input', 'output', 'cached' (the scenario's model), 'gpu', 'baseline' or 'route_<i>'."""


def _plan(attr: str) -> Getter:
    return lambda s: getattr(s.plan, attr) if s.plan is not None else None


def _overage(attr: str) -> Getter:
    def get(s: Scenario) -> float | None:
        if s.plan is None or s.plan.overage_per_1k is None:
            return None
        return getattr(s.plan, attr) or 0.0
    return get


def _host(attr: str) -> Getter:
    return lambda s: getattr(s.self_hosting, attr) if s.self_hosting is not None else None


def _inv(attr: str) -> Getter:
    return lambda s: getattr(s.investment, attr) if s.investment is not None else None


def _comp(attr: str) -> Getter:
    return lambda s: getattr(s.compliance, attr) if s.compliance is not None else None


def _price(attr: str) -> Getter:
    def get(s: Scenario) -> float | None:
        value: float | None = getattr(s.pricing, attr)
        if attr == "cached_input_per_1m" and value is None and s.pricing.model is None:
            return s.pricing.input_per_1m  # the calculator bills cached input at the input price then
        return value
    return get


INPUTS: tuple[InputRow, ...] = (
    InputRow("users", "active (paying) users", "users", lambda s: s.usage.users),
    InputRow("queries_per_user", "queries per user per period", "queries", lambda s: s.usage.queries_per_user),
    InputRow("days_per_period", "days in that period", "days", lambda s: DAYS_IN[s.usage.period]),
    InputRow("input_tokens", "input tokens per query", "tokens", lambda s: s.usage.tokens.input),
    InputRow("output_tokens", "output tokens per query", "tokens", lambda s: s.usage.tokens.output),
    InputRow("cached_share", "share of input tokens cached", "%", lambda s: s.usage.tokens.cached_share),
    InputRow("usage_sigma", "spread of usage across users (sigma of log usage)", "", lambda s: s.usage.usage_sigma),
    InputRow("input_price", "input price", "USD per 1M tokens", _price("input_per_1m"), "input"),
    InputRow("output_price", "output price", "USD per 1M tokens", _price("output_per_1m"), "output"),
    InputRow("cached_price", "cached input price", "USD per 1M tokens", _price("cached_input_per_1m"), "cached"),
    InputRow("plan_price", "plan price per paying user per month", "USD", _plan("price")),
    InputRow("included_queries", "queries included per month", "queries", _overage("included_queries")),
    InputRow("overage_per_1k", "overage per 1,000 queries", "USD", _overage("overage_per_1k")),
    InputRow("free_users", "free-tier users", "users", lambda s: s.plan.free_users if s.plan and s.plan.free_users
             else None),
    InputRow("free_quota", "queries per free user per month", "queries", lambda s: s.plan.free_quota
             if s.plan and s.plan.free_users else None),
    InputRow("target_margin", "target gross margin", "%", _plan("target_margin")),
    InputRow("fixed_costs", "fixed costs per month", "USD", lambda s: s.fixed_costs_per_month),
    InputRow("upfront", "investment, upfront", "USD", _inv("upfront")),
    InputRow("build_months", "months before it pays back", "months", _inv("build_months")),
    InputRow("monthly_saving", "monthly saving of the investment", "USD", _inv("monthly_saving")),
    InputRow("gpu_hourly", "GPU price per hour", "USD", _host("gpu_hourly"), "gpu"),
    InputRow("gpus", "GPUs", "GPUs", _host("gpus")),
    InputRow("tokens_per_second", "throughput at full load", "tokens per second", _host("tokens_per_second")),
    InputRow("utilization", "utilization", "%", _host("utilization")),
    InputRow("hours_per_month", "GPU hours per month", "hours", _host("hours_per_month")),
    InputRow("self_host_fixed", "other self-hosting costs per month", "USD", _host("fixed_per_month")),
    InputRow("routing_input_share", "input share of tokens (routing blend)", "%",
             lambda s: s.routing.input_share if s.routing is not None else None),
    InputRow("baseline_input_price", "routing baseline input price", "USD per 1M tokens", lambda s: None, "baseline"),
    InputRow("baseline_output_price", "routing baseline output price", "USD per 1M tokens", lambda s: None,
             "baseline"),
    InputRow("development_cost", "development cost", "USD", _comp("development_cost")),
    InputRow("compliance_cost", "compliance cost", "USD", _comp("compliance_cost")),
    InputRow("extra_regions", "extra regions", "regions", _comp("extra_regions")),
    InputRow("region_multiplier", "compliance added per extra region", "%", _comp("region_multiplier")),
)


def _route(i: int, attr: str) -> Getter:
    def get(s: Scenario) -> float | None:
        if s.routing is None or i >= len(s.routing.routes):
            return None
        route: Route = s.routing.routes[i]
        if attr == "share":
            return route.share
        return route.price_per_1m  # None for a catalog model: its cell refers to the Prices sheet
    return get


def route_rows(count: int) -> list[InputRow]:
    """Share, input and output price of routes 1..count (a blended price fills both)."""
    rows = []
    for i in range(count):
        n = i + 1
        rows += [InputRow(f"route_{n}_share", f"route {n}: share of traffic", "%", _route(i, "share")),
                 InputRow(f"route_{n}_input_price", f"route {n}: input price", "USD per 1M tokens", _route(i, "price"),
                          f"route_{i}"),
                 InputRow(f"route_{n}_output_price", f"route {n}: output price", "USD per 1M tokens",
                          _route(i, "price"), f"route_{i}")]
    return rows
