"""The metrics a scenario run yields: one table of names, labels, units and what each needs."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from tools import fmt

__all__ = ["BY_NAME", "METRICS", "Metric", "Unit", "show"]

Unit = Literal["usd", "usd_per_1m", "fraction", "count", "months", "ratio"]

_UNIT_LABEL: dict[Unit, str] = {"usd": "USD", "usd_per_1m": "USD per 1M tokens", "fraction": "%",
                                "count": "", "months": "months", "ratio": "x"}


@dataclass(frozen=True)
class Metric:
    """One figure of a scenario run, by the name checks and exports use."""

    name: str
    label: str
    unit: Unit
    needs: str | None
    """The scenario field it needs (a dotted path that must be set), None when every scenario has it."""

    @property
    def unit_label(self) -> str:
        """The unit as shown beside a value."""
        return _UNIT_LABEL[self.unit]


METRICS: tuple[Metric, ...] = (
    Metric("cost_per_query", "model cost per query", "usd", None),
    Metric("cost_per_user_month", "model cost per user per month", "usd", None),
    Metric("queries_month", "queries per month (users)", "count", None),
    Metric("tokens_month", "tokens per month (users)", "count", None),
    Metric("api_cost_month", "model cost per month (users)", "usd", None),
    Metric("free_tier_cost_month", "model cost per month (free tier)", "usd", "plan.free_users"),
    Metric("monthly_cost", "model cost per month", "usd", None),
    Metric("yearly_cost", "model cost per year", "usd", None),
    Metric("revenue_per_user_month", "revenue per user per month", "usd", "plan"),
    Metric("revenue_month", "revenue per month", "usd", "plan"),
    Metric("gross_profit_month", "gross profit per month", "usd", "plan"),
    Metric("gross_margin", "gross margin", "fraction", "plan"),
    Metric("loss_share", "users the flat fee loses money on", "fraction", "plan"),
    Metric("break_even_queries_per_user", "queries per user a month the fee covers", "count", "plan"),
    Metric("max_queries_at_target_margin", "queries per user a month at the target margin", "count",
           "plan.target_margin"),
    Metric("total_cost_month", "total cost per month (model + fixed)", "usd", None),
    Metric("operating_profit_month", "operating profit per month", "usd", "plan"),
    Metric("break_even_users", "break-even users", "count", "plan"),
    Metric("payback_months", "payback of the investment", "months", "investment"),
    Metric("payback_from_start_months", "payback from the start of the build", "months", "investment"),
    Metric("self_host_per_1m", "self-hosting cost per 1M tokens", "usd_per_1m", "self_hosting"),
    Metric("self_host_cost_month", "self-hosting cost per month", "usd", "self_hosting"),
    Metric("gpus_needed", "GPUs needed for the traffic", "count", "self_hosting"),
    Metric("self_host_saving_month", "self-hosting saving per month (vs the API)", "usd", "self_hosting"),
    Metric("routed_price_per_1m", "routed blended price per 1M tokens", "usd_per_1m", "routing"),
    Metric("routing_saving_share", "routing saving", "fraction", "routing"),
    Metric("routing_saving_month", "routing saving per month", "usd", "routing"),
    Metric("compliance_ratio", "compliance cost / development cost", "ratio", "compliance"),
    Metric("compliance_share", "compliance share of total cost", "fraction", "compliance"),
)

BY_NAME: dict[str, Metric] = {m.name: m for m in METRICS}


def show(metric: Metric, value: float | None) -> str:
    """A metric's value as people read it: $1,234.50, 62.5%, 2.29x, 14 months, or 'never'."""
    if value is None:
        return "never"
    if metric.unit in ("usd", "usd_per_1m"):
        return fmt.money(value)
    if metric.unit == "fraction":
        return fmt.pct(value)
    if metric.unit == "ratio":
        return fmt.ratio(value)
    if metric.unit == "months":
        return f"{fmt.number(round(value, 2))} months"
    return fmt.number(round(value, 2))
