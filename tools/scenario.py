"""A product's monthly economics as one scenario, evaluated (vectorised) by sweep, sensitivity and monte_carlo.

Monthly cost = users x queries per user per month x tokens per query x blended $ per 1M / 1M + fixed;
revenue = users x fee; profit = revenue - cost; gross margin = profit / revenue.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from pydantic import Field, model_validator

from tools import fmt
from tools.catalog import Catalog, default_catalog
from tools.errors import InputError
from tools.pricing import Pricing
from tools.rates import blended_per_1m, resolve
from tools.result import Quantity, Source, q
from tools.token_cost import DEFAULT_INPUT_SHARE
from tools.units import CONVENTION_MONTH, DAYS_PER_MONTH, Period, from_day, per_day

__all__ = ["DEFAULT_TOKENS", "Economics", "Priced", "Scenario", "evaluate", "priced"]

DEFAULT_TOKENS = 1_000.0
MILLION = 1_000_000


class Scenario(Pricing):
    """Users, usage, the shared `Pricing` (a per-1M price or a model) and (optionally) what each user pays."""

    users: float = Field(gt=0, le=1e10, examples=[100_000], description="Active users (seats, subscribers).",
                         json_schema_extra={"var": "users"})
    queries_per_user: float = Field(gt=0, le=1e7, examples=[20], description="Queries per user per `query_period`.",
                                    json_schema_extra={"var": "queries_per_user"})
    query_period: Period = Field(Period.day, description="Period of `queries_per_user`: day, week, month or year.",
                                 json_schema_extra={"var": "query_period"})
    tokens_per_query: float = Field(DEFAULT_TOKENS, gt=0, le=1e8, description="Tokens per query (input + output).",
                                    json_schema_extra={"var": "tokens_per_query"})
    input_tokens_per_query: float | None = Field(None, ge=0, le=1e8,
                                                 description="Input tokens per query; with output_tokens_per_query "
                                                             "it sets tokens_per_query (their sum) and the share "
                                                             "of tokens priced as input (default 75%).")
    output_tokens_per_query: float | None = Field(None, ge=0, le=1e8,
                                                  description="Output tokens per query (with input_tokens_per_query).")
    fee_per_user_month: float | None = Field(None, ge=0, le=1e6, examples=[10.0],
                                             description="What each user pays a month (revenue).",
                                             json_schema_extra={"var": "price_per_user"})
    fixed_cost_month: float = Field(0.0, ge=0, le=1e12, description="Fixed costs a month (team, hosting).",
                                    json_schema_extra={"var": "fixed_costs"})

    @model_validator(mode="after")
    def _needs_price(self) -> Scenario:
        if not self.priced:
            raise ValueError("give price_per_1m (blended $ per 1M tokens) or a catalog model, e.g. 'gpt-4o-mini'")
        split = (self.input_tokens_per_query, self.output_tokens_per_query)
        if split != (None, None):
            if self.input_tokens_per_query is None or self.output_tokens_per_query is None:
                raise ValueError("give input_tokens_per_query and output_tokens_per_query together (e.g. 1,500 "
                                 "and 500), or tokens_per_query alone")
            total = self.input_tokens_per_query + self.output_tokens_per_query
            if total <= 0 or ("tokens_per_query" in self.model_fields_set and self.tokens_per_query != total):
                raise ValueError(f"tokens_per_query is the sum of input and output tokens ({total:g} here): "
                                 "give the split or the total")
            self.tokens_per_query = total
        return self

    @property
    def input_share(self) -> float:
        """The share of a query's tokens priced as input: from the split when given, else the 75% convention."""
        if self.input_tokens_per_query is None:
            return DEFAULT_INPUT_SHARE
        return self.input_tokens_per_query / self.tokens_per_query


@dataclass(frozen=True)
class Priced:
    """A scenario with its price resolved: numbers the evaluation uses, and their audit trail."""

    queries_per_month: float
    price_per_1m: float
    inputs: dict[str, Quantity]
    assumptions: list[str]
    sources: list[Source]


def priced(s: Scenario, catalog: Catalog | None) -> Priced:
    """Resolve the price (given, or the catalog model's blended price) and echo the inputs."""
    assumptions = [CONVENTION_MONTH]
    found = resolve(s, catalog or default_catalog())
    sources = found.sources
    assumptions += [a for a in found.assumptions if not a.startswith("Prices of ")]
    if found.blended and not found.rates.request_usd and not found.rates.long_context:
        price = found.rates.input_per_1m
    else:
        price = blended_per_1m(found, s.input_share, s.tokens_per_query)
        assumptions.append(f"Blended price of {found.label}: {fmt.pct(s.input_share)} of tokens at the "
                           f"input price, the rest at the output price = {fmt.money(price)} per 1M tokens.")
    if "tokens_per_query" not in s.model_fields_set:
        assumptions.append(f"No query size was given: {fmt.number(DEFAULT_TOKENS)} tokens per query is assumed.")
    monthly = from_day(per_day(s.queries_per_user, s.query_period), Period.month)
    inputs = {"users": q(s.users, "users"),
              "queries_per_user": q(s.queries_per_user, f"queries per user per {s.query_period.value}"),
              "tokens_per_query": q(s.tokens_per_query, "tokens"), "price_per_1m": q(price, "USD per 1M tokens")}
    if s.input_tokens_per_query is not None and s.output_tokens_per_query is not None:
        inputs["input_tokens_per_query"] = q(s.input_tokens_per_query, "tokens")
        inputs["output_tokens_per_query"] = q(s.output_tokens_per_query, "tokens")
    if s.fee_per_user_month is not None:
        inputs["fee_per_user_month"] = q(s.fee_per_user_month, "USD per user per month")
    if s.fixed_cost_month:
        inputs["fixed_cost_month"] = q(s.fixed_cost_month, "USD per month")
    if s.query_period != Period.month:
        assumptions.append(f"{fmt.number(s.queries_per_user)} queries per {s.query_period.value} = "
                           f"{fmt.number(monthly)} a month ({DAYS_PER_MONTH}-day month).")
    return Priced(monthly, price, inputs, assumptions, sources)


@dataclass(frozen=True)
class Economics:
    """Monthly figures, arrays when any input is an array."""

    cost: Any
    revenue: Any
    profit: Any
    margin: Any


def evaluate(users: Any, queries_per_month: Any, tokens: Any, price_per_1m: Any, fee: Any, fixed: Any) -> Economics:
    """The scenario formula, vectorised with numpy; revenue, profit and margin are None without a fee."""
    cost = np.asarray(users) * queries_per_month * tokens * price_per_1m / MILLION + fixed
    if fee is None:
        return Economics(cost, None, None, None)
    revenue = np.asarray(users) * fee
    profit = revenue - cost
    with np.errstate(divide="ignore", invalid="ignore"):
        margin = np.where(revenue > 0, profit / np.where(revenue > 0, revenue, 1), np.nan)
    return Economics(cost, revenue, profit, margin)


def base_values(s: Scenario, p: Priced) -> dict[str, Any]:
    """The scenario's numbers by input name, as sweep and sensitivity vary them."""
    return {"users": s.users, "queries_per_user": s.queries_per_user, "tokens_per_query": s.tokens_per_query,
            "price_per_1m": p.price_per_1m, "fee_per_user_month": s.fee_per_user_month,
            "fixed_cost_month": s.fixed_cost_month}


def evaluate_values(values: dict[str, Any], s: Scenario) -> Economics:
    """`evaluate` from named values (queries per user in the scenario's own period)."""
    monthly = from_day(per_day(1.0, s.query_period), Period.month) * np.asarray(values["queries_per_user"])
    return evaluate(values["users"], monthly, values["tokens_per_query"], values["price_per_1m"],
                    values["fee_per_user_month"], values["fixed_cost_month"])


def require_fee(s: Scenario, what: str) -> float:
    """The fee, or an InputError saying that `what` needs it."""
    if s.fee_per_user_month is None:
        raise InputError(f"{what} needs what each user pays: give fee_per_user_month.", field="fee_per_user_month",
                         hint="Example: fee_per_user_month 10 for a $10 monthly plan.")
    return s.fee_per_user_month
