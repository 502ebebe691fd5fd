"""pricing_plan: what a flat AI plan can include, its margin, and whom a flat fee loses money on."""

from __future__ import annotations

import math
from typing import Any

from pydantic import Field, field_validator, model_validator

from tools import fmt
from tools.catalog import Catalog
from tools.errors import InputError
from tools.pricing import Pricing
from tools.result import Source, ToolResult, finite, parse_input, q
from tools.token_cost import token_cost
from tools.units import CONVENTION_MONTH, CONVENTION_YEAR, Fraction

__all__ = ["DEFAULT_USAGE_SIGMA", "PricingPlanInput", "PricingPlanResult", "pricing_plan"]

DEFAULT_USAGE_SIGMA = 1.0
"""Spread (sigma of log usage) of the lognormal usage distribution across users."""

_TOKEN_FIELDS = ("tokens_per_query", "input_tokens_per_query", "output_tokens_per_query")
_ECHO = {"queries_per_user_per_month": "queries per user per month (mean)",
         "median_queries_per_user_per_month": "queries per user per month (median)",
         "usage_sigma": "sigma of ln(queries)", "free_users": "users",
         "free_quota_queries": "queries per free user per month", "paying_users": "users",
         "included_queries": "queries per paying user per month before overage",
         "overage_price_per_1k_queries": "USD per 1,000 queries", "model": "catalog model",
         "heavy_user_queries_per_month": "queries of one heavy user a month",
         "tokens_per_query": "tokens", "input_tokens_per_query": "tokens",
         "output_tokens_per_query": "tokens"}


class PricingPlanInput(Pricing):
    """A per-user plan price, the cost of a query (given, or tokens and the shared `Pricing`) and usage."""

    plan_price_usd: float = Field(gt=0, le=1e6, examples=[10],
                                  description="Plan price per paying user per month, USD.",
                                  json_schema_extra={"var": "price_per_user"})
    cost_per_query_usd: float | None = Field(None, gt=0, le=1e4, examples=[0.002],
                                             description="Model cost of one query, USD (or give "
                                                         "tokens and a price or model).",
                                                         json_schema_extra={"var": "cost_per_query"})
    tokens_per_query: float | None = Field(None, gt=0, le=1e8, description="Tokens per query.",
                                           json_schema_extra={"var": "tokens_per_query"})
    input_tokens_per_query: float | None = Field(None, ge=0, le=1e8, description="Input tokens.",
                                                 json_schema_extra={"var": "input_tokens"})
    output_tokens_per_query: float | None = Field(None, ge=0, le=1e8, description="Output tokens.",
                                                  json_schema_extra={"var": "output_tokens"})
    queries_per_user_per_month: float | None = Field(None, gt=0, le=1e8, examples=[300],
                                                     description="Mean queries per paying user "
                                                                 "per month.",
                                                                 json_schema_extra={"var": "queries_per_user_month"})
    median_queries_per_user_per_month: float | None = Field(
        None, gt=0, le=1e8, description="Median queries per paying user per month (instead of "
                                        "the mean).")
    usage_sigma: float = Field(DEFAULT_USAGE_SIGMA, gt=0, le=5,
                               description="Sigma of log usage (lognormal spread; default 1.0).",
                               json_schema_extra={"var": "usage_sigma"})
    target_margin: Fraction | None = Field(None, ge=0, examples=["80%"],
                                           description="Gross margin the plan must keep.",
                                           json_schema_extra={"var": "margin"})
    free_users: float = Field(0.0, ge=0, le=1e10, description="Users on the free tier.",
                              json_schema_extra={"var": "free_users"})
    free_quota_queries: float = Field(0.0, ge=0, le=1e8, examples=[50],
                                      description="Free queries per user per month.",
                                      json_schema_extra={"var": "free_quota"})
    paying_users: float = Field(0.0, ge=0, le=1e10, description="Users paying for the plan.",
                                json_schema_extra={"var": "paying_users"})
    included_queries: float | None = Field(
        None, ge=0, le=1e8, examples=[500],
        description="Queries a paying user's plan includes before overage is billed; defaults to "
                    "free_quota_queries (one quota for both tiers).", json_schema_extra={"var": "included_queries"})
    overage_price_per_1k_queries: float | None = Field(
        None, ge=0, le=1e6, description="Usage-based paywall: USD per 1,000 queries a paying user "
                                        "makes beyond free_quota_queries.", json_schema_extra={"var": "overage_price"})

    heavy_user_queries_per_month: float | None = Field(
        None, gt=0, le=1e8, examples=[3_000],
        description="One heavy user's queries a month: that user's bill (fee plus overage), cost and margin.",
        json_schema_extra={"var": "queries_p95"})

    @field_validator("target_margin")
    @classmethod
    def _below_one(cls, value: float | None) -> float | None:
        if value is not None and value >= 1:
            raise ValueError("must be below 100%: a plan that costs anything cannot keep 100%")
        return value

    @model_validator(mode="after")
    def _check(self) -> PricingPlanInput:
        priced = self.priced or any(getattr(self, n) is not None for n in _TOKEN_FIELDS)
        if (self.cost_per_query_usd is not None) == priced:
            raise ValueError("give cost_per_query_usd (e.g. '$0.002 per query') or tokens per "
                             "query with a price or model, exactly one of them")
        if self.queries_per_user_per_month and self.median_queries_per_user_per_month:
            raise ValueError("give queries_per_user_per_month (mean) or "
                             "median_queries_per_user_per_month, not both")
        usage = self.queries_per_user_per_month or self.median_queries_per_user_per_month
        if self.overage_price_per_1k_queries is not None and not usage and self.heavy_user_queries_per_month is None:
            raise ValueError("overage_price_per_1k_queries needs queries_per_user_per_month (or one heavy user's "
                             "heavy_user_queries_per_month)")
        return self


class PricingPlanResult(ToolResult):
    """Plan limits and margins; usage-based fields are None when no usage was given."""

    cost_per_query_usd: float
    break_even_queries_per_user: float = Field(description="Price / cost per query.",
                                               json_schema_extra={"var": "break_even_queries"})
    max_queries_at_target_margin: float | None = Field(None, description="Price x (1 - margin) "
                                                                         "/ cost per query.",
                                                                         json_schema_extra={"var": "max_queries"})
    mean_queries_per_user: float | None = None
    median_queries_per_user: float | None = None
    cost_per_paying_user_usd: float | None = Field(None, description="At mean usage, per month.",
                                                   json_schema_extra={"var": "cost_per_user"})
    margin_at_mean_usage: float | None = Field(None, description="(price - cost) / price.")
    loss_share_of_paying_users: float | None = Field(None, description="Share whose usage costs "
                                                                       "more than the flat fee.",
                                                     json_schema_extra={"var": "loss_share"})
    free_quota_cost_usd: float = Field(description="Free users x quota x cost per query, monthly.",
                                       json_schema_extra={"var": "free_tier_cost"})
    overage_revenue_usd: float | None = Field(None, description="Expected monthly overage revenue.",
                                              json_schema_extra={"var": "overage_revenue"})
    monthly_revenue_usd: float | None = Field(None, description="Paying users x price (+ overage), a month.",
                                              json_schema_extra={"var": "monthly_revenue"})
    heavy_user_overage_usd: float | None = Field(None, description="The heavy user's overage charge.",
                                                 json_schema_extra={"var": "heavy_user_overage"})
    heavy_user_bill_usd: float | None = Field(None, description="What the heavy user pays: fee + overage.",
                                              json_schema_extra={"var": "heavy_user_bill"})
    heavy_user_cost_usd: float | None = Field(None, description="The heavy user's queries x cost per query.",
                                              json_schema_extra={"var": "heavy_user_cost"})
    heavy_user_margin: float | None = Field(None, description="(bill - cost) / bill for the heavy user.",
                                            json_schema_extra={"var": "heavy_user_margin"})
    monthly_cost_usd: float | None = Field(None, description="Model cost a month: paying users at mean usage plus "
                                           "the free quota.", json_schema_extra={"var": "plan_model_cost"})
    monthly_gross_margin: float | None = Field(None, json_schema_extra={"var": "margin"})


def _phi(x: float) -> float:
    """Standard normal CDF (erfc keeps the tails accurate)."""
    return 0.5 * math.erfc(-x / math.sqrt(2))


def _excess(mean: float, mu: float, sigma: float, k: float) -> float:
    """E[max(0, U - k)] for U lognormal(mu, sigma) with the given mean."""
    if k <= 0:
        return mean
    d1 = (mu + sigma**2 - math.log(k)) / sigma
    return mean * _phi(d1) - k * _phi(d1 - sigma)


def _cost_per_query(inp: PricingPlanInput, catalog: Catalog | None, assumptions: list[str],
                    sources: list[Source]) -> float:
    if inp.cost_per_query_usd is not None:
        return inp.cost_per_query_usd
    args = {n: getattr(inp, n) for n in _TOKEN_FIELDS if getattr(inp, n) is not None}
    tc = token_cost({"users": 1, "queries_per_user": 1, "query_period": "month", **args, **inp.pricing_args()},
                    catalog)
    assumptions += [a for a in tc.assumptions if a not in (CONVENTION_MONTH, CONVENTION_YEAR)]
    sources += tc.sources
    if tc.cost_per_query_usd <= 0:
        raise InputError("the token price makes a query cost $0, so no plan limit or break-even "
                         "exists.", field="price", value=0,
                         hint="Give a token price above 0, or cost_per_query_usd.")
    return tc.cost_per_query_usd


def pricing_plan(data: PricingPlanInput | dict,
                 catalog: Catalog | None = None) -> PricingPlanResult:
    """Limits and margin of a flat per-user AI plan, and the share of users it loses money on.

    Max queries at a target margin = price x (1 - margin) / cost per query; break-even queries =
    price / cost per query; loss share = P(usage > break-even) for lognormal usage.

    Args:
        data: plan_price_usd per user per month; cost_per_query_usd, or tokens per query with the
            shared pricing (a price and price_unit, component prices, or a catalog model, and a
            service_tier); target_margin; queries_per_user_per_month
            (mean) or median_queries_per_user_per_month, usage_sigma (default 1.0); free_users,
            free_quota_queries, paying_users, overage_price_per_1k_queries; heavy_user_queries_per_month
            for one heavy user's bill (fee plus overage), cost and margin.
        catalog: price catalog for model names (defaults to the bundled one).
    """
    inp = parse_input(PricingPlanInput, data)
    assumptions: list[str] = []
    sources: list[Source] = []
    cpq = _cost_per_query(inp, catalog, assumptions, sources)
    price = inp.plan_price_usd
    be = finite(price / cpq, "break_even_queries_per_user")
    out: dict[str, Any] = {"cost_per_query_usd": cpq, "break_even_queries_per_user": be}
    parts = [f"break-even queries = price / cost per query = {fmt.money(price)} / "
             f"{fmt.money(cpq)} = {fmt.number(be)}"]
    inputs = {"plan_price_usd": q(price, "USD per user per month"),
              "cost_per_query_usd": q(cpq, "USD per query")}
    said = [f"the {fmt.money(price)} plan breaks even at {fmt.number(be)} queries per user a "
            f"month ({fmt.money(cpq)} per query)"]
    if inp.target_margin is not None:
        m = inp.target_margin
        out["max_queries_at_target_margin"] = cap = price * (1 - m) / cpq
        parts.append(f"max queries at target margin = price x (1 - margin) / cost per query = "
                     f"{fmt.money(price)} x (1 - {fmt.pct(m)}) / {fmt.money(cpq)} = "
                     f"{fmt.number(cap)}")
        inputs["target_margin"] = q(m * 100, "%")
        said.insert(0, f"at a target margin of {fmt.pct(m)} it can include at most "
                       f"{fmt.number(cap)} queries per user a month")
    free_cost = inp.free_users * inp.free_quota_queries * cpq
    out["free_quota_cost_usd"] = free_cost
    if inp.free_users:
        parts.append(f"free quota cost = free users x quota x cost per query = "
                     f"{fmt.number(inp.free_users)} x {fmt.number(inp.free_quota_queries)} x "
                     f"{fmt.money(cpq)} = {fmt.money(free_cost)}")
        assumptions.append("Free users use their whole quota (an upper bound on its cost).")
    if inp.queries_per_user_per_month or inp.median_queries_per_user_per_month:
        said += _usage(inp, cpq, be, free_cost, out, parts, assumptions)
    if inp.heavy_user_queries_per_month is not None:
        said.append(_heavy_user(inp, cpq, out, parts))
    for name, unit in _ECHO.items():
        value = getattr(inp, name)
        if value and (name != "usage_sigma" or out.get("mean_queries_per_user")):
            inputs[name] = q(value, unit)
    headline = "; ".join(said) + "."
    return PricingPlanResult(tool="pricing_plan", headline=headline[0].upper() + headline[1:],
                             formula="; ".join(parts), inputs=inputs, assumptions=assumptions,
                             sources=sources, **out)


def _heavy_user(inp: PricingPlanInput, cpq: float, out: dict[str, Any], parts: list[str]) -> str:
    """One heavy user's month: the fee plus overage above the included queries, its cost and margin."""
    used = inp.heavy_user_queries_per_month or 0.0
    quota = inp.free_quota_queries if inp.included_queries is None else inp.included_queries
    extra = max(0.0, used - quota)
    overage = extra * (inp.overage_price_per_1k_queries or 0.0) / 1000
    bill = inp.plan_price_usd + overage
    cost = used * cpq
    margin = (bill - cost) / bill
    out.update(heavy_user_overage_usd=overage, heavy_user_bill_usd=bill, heavy_user_cost_usd=cost,
               heavy_user_margin=margin)
    parts.append(f"heavy user: bill = fee + (queries - included) / 1,000 x overage = {fmt.money(inp.plan_price_usd)} + "
                 f"{fmt.number(extra)} / 1,000 x {fmt.money(inp.overage_price_per_1k_queries or 0.0)} = "
                 f"{fmt.money(bill)}; cost = {fmt.number(used)} x {fmt.money(cpq)} = {fmt.money(cost)}; margin = "
                 f"({fmt.money(bill)} - {fmt.money(cost)}) / {fmt.money(bill)} = {fmt.pct(margin)}")
    return (f"a user making {fmt.number(used)} queries a month pays {fmt.money(bill)} ({fmt.money(overage)} of it "
            f"overage), costs {fmt.money(cost)} and leaves a margin of {fmt.pct(margin)}")


def _usage(inp: PricingPlanInput, cpq: float, be: float, free_cost: float, out: dict[str, Any],
           parts: list[str], assumptions: list[str]) -> list[str]:
    """Fill the usage-based outputs; return the headline clauses."""
    price, s = inp.plan_price_usd, inp.usage_sigma
    if inp.queries_per_user_per_month:
        mean = inp.queries_per_user_per_month
        mu = math.log(mean) - s**2 / 2
        median = math.exp(mu)
        given = f"mean {fmt.number(mean)}"
    else:
        median = inp.median_queries_per_user_per_month or 1.0
        mu = math.log(median)
        mean = median * math.exp(s**2 / 2)
        given = f"median {fmt.number(median)}"
    cost_user = mean * cpq
    gm = (price - cost_user) / price
    loss = 1 - _phi((math.log(be) - mu) / s)
    out.update(mean_queries_per_user=mean, median_queries_per_user=median,
               cost_per_paying_user_usd=cost_user, margin_at_mean_usage=gm,
               loss_share_of_paying_users=loss)
    parts.append(f"margin at mean usage = (price - mean queries x cost) / price = "
                 f"({fmt.money(price)} - {fmt.number(mean)} x {fmt.money(cpq)}) / "
                 f"{fmt.money(price)} = {fmt.pct(gm)}")
    parts.append(f"loss share = P(usage > {fmt.number(be)}) = 1 - Phi((ln {fmt.number(be)} - "
                 f"ln {fmt.number(median)}) / {fmt.number(s)}) = {fmt.pct(loss)}")
    assumptions.append(f"Usage per paying user is lognormal with {given} queries a month and "
                       f"sigma {fmt.number(s)}"
                       + (" (the default spread)." if s == DEFAULT_USAGE_SIGMA else ".")
                       + " The loss share counts the flat fee only, not overage.")
    overage = None
    if inp.overage_price_per_1k_queries is not None:
        quota = inp.free_quota_queries if inp.included_queries is None else inp.included_queries
        extra = _excess(mean, mu, s, quota)
        overage = inp.paying_users * extra * inp.overage_price_per_1k_queries / 1000
        parts.append(f"overage revenue = paying users x E[queries above quota] x price per 1K = "
                     f"{fmt.number(inp.paying_users)} x {fmt.number(extra)} x "
                     f"{fmt.money(inp.overage_price_per_1k_queries)} / 1,000 = "
                     f"{fmt.money(overage)}")
        assumptions.append(f"Paying users pay overage on their queries above {fmt.number(quota)} a month; "
                           "the expected excess uses the same lognormal usage.")
    out["overage_revenue_usd"] = overage
    said = [f"at a mean of {fmt.number(mean)} queries per user the margin is {fmt.pct(gm)} and "
            f"the flat fee loses money on {fmt.pct(loss)} of paying users"]
    if inp.paying_users:
        revenue = inp.paying_users * price + (overage or 0.0)
        cost = finite(inp.paying_users * cost_user + free_cost, "monthly_cost_usd")
        out.update(monthly_revenue_usd=revenue, monthly_cost_usd=cost,
                   monthly_gross_margin=(revenue - cost) / revenue)
        parts.append(f"monthly model cost = paying users x mean queries x cost per query + free quota cost = "
                     f"{fmt.number(inp.paying_users)} x {fmt.number(mean)} x {fmt.money(cpq)} + "
                     f"{fmt.money(free_cost)} = {fmt.money(cost)}")
        parts.append(f"monthly margin = (revenue - cost) / revenue = ({fmt.money(revenue)} - "
                     f"{fmt.money(cost)}) / {fmt.money(revenue)} = "
                     f"{fmt.pct((revenue - cost) / revenue)}")
        said.append(f"{'with the free tier ' if inp.free_users else ''}the monthly gross margin is "
                    f"{fmt.pct((revenue - cost) / revenue)}")
    return said
