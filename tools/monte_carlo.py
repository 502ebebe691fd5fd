"""monte_carlo: uncertain users, usage, query size and price -> percentiles of monthly cost and margin."""

from __future__ import annotations

import math
from typing import Literal

import numpy as np
from pydantic import BaseModel, Field, model_validator

from tools import fmt
from tools.catalog import Catalog
from tools.result import ToolResult, parse_input, q
from tools.scenario import MILLION, Scenario, evaluate, priced
from tools.units import Fraction, Period, from_day, per_day

__all__ = ["P95_OVER_MEAN_MAX", "Histogram", "MonteCarloInput", "MonteCarloResult", "monte_carlo"]

Z95 = 1.6448536269514722  # the standard normal's 95th percentile
DEFAULT_TAIL = 3.0  # with no p95 given, a heavy user makes 3x the median's queries at the 95th percentile
BINS = 30
P95_OVER_MEAN_MAX = math.exp(Z95**2 / 2)
"""The heaviest 95th percentile a lognormal can have against its mean (about 3.87x, at sigma 1.645)."""


class MonteCarloInput(Scenario):
    """A scenario (queries_per_user is the median user's, or the mean user's) and what is uncertain about it."""

    queries_are: Literal["median", "mean"] = Field(
        "median", description="Which user queries_per_user describes: the median user (default) or the mean user "
                              "(a scenario's average; the median is then mean x e^(-sigma^2 / 2)).")
    draws: int = Field(100_000, ge=1_000, le=2_000_000, description="Simulated draws.")
    seed: int = Field(42, ge=0, description="Random seed: the same seed gives the same result.")
    queries_p95: float | None = Field(None, gt=0, description="Queries of the 95th-percentile user (same period); "
                                                              "sets the lognormal's spread. Default 3x the median.")
    usage_sigma: float | None = Field(None, gt=0, le=5, description="The lognormal's spread (sigma of log queries "
                                                                    "per user) instead of queries_p95.")
    usage_factor: float = Field(1.0, gt=0, le=1000, description="Scales every user's usage, the median and the 95th "
                                                                "percentile alike ('usage doubles': 2); the spread "
                                                                "stays.")
    users_low: float | None = Field(None, gt=0, description="Users, low end (uniform between low and high).")
    users_high: float | None = Field(None, gt=0, description="Users, high end.")
    tokens_low: float | None = Field(None, gt=0, description="Tokens per query, low end (uniform).")
    tokens_high: float | None = Field(None, gt=0, description="Tokens per query, high end.")
    price_change_low: Fraction = Field(0.0, ge=-0.99, le=10, description="Lowest price change, e.g. -0.5 for -50%.")
    price_change_high: Fraction = Field(0.0, ge=-0.99, le=10, description="Highest price change, e.g. 0.2 for +20%.")

    @model_validator(mode="after")
    def _ranges(self) -> MonteCarloInput:
        if self.queries_p95 is not None and self.usage_sigma is not None:
            raise ValueError("give queries_p95 or usage_sigma (the spread it sets), not both")
        if self.queries_p95 is not None and self.queries_p95 <= self.queries_per_user:
            said = self.queries_are
            raise ValueError(f"queries_p95 must be above queries_per_user (the {said}); e.g. {said} 20, p95 "
                             f"{80 if said == 'median' else 60}")
        if (self.queries_are == "mean" and self.queries_p95 is not None
                and self.queries_p95 > P95_OVER_MEAN_MAX * self.queries_per_user):
            raise ValueError(f"queries_p95 can be at most {P95_OVER_MEAN_MAX:.2f}x the mean queries_per_user (no "
                             "lognormal usage with that mean has a heavier 95th percentile); give usage_sigma, or "
                             "queries_per_user as the median user's")
        for low, high, name in ((self.users_low, self.users_high, "users"), (self.tokens_low, self.tokens_high,
                                                                              "tokens")):
            if (low is None) != (high is None) or (low is not None and high is not None and high < low):
                raise ValueError(f"give both {name}_low and {name}_high, with low <= high")
        if self.price_change_high < self.price_change_low:
            raise ValueError("price_change_high must be at least price_change_low; e.g. -0.5 to 0.2")
        return self


class Histogram(BaseModel):
    """Counts of simulated monthly cost per bin (len(edges) = len(counts) + 1)."""

    edges: list[float]
    counts: list[int]


class MonteCarloResult(ToolResult):
    """Percentiles of the simulated month and the flat fee's exposure to heavy users."""

    draws: int
    seed: int
    cost_p5_usd: float
    cost_p50_usd: float
    cost_p95_usd: float
    margin_p5: float | None = None
    margin_p50: float | None = None
    margin_p95: float | None = None
    user_cost_p50_usd: float = Field(description="Median user's monthly cost.")
    user_cost_p95_usd: float = Field(description="95th-percentile user's monthly cost.")
    usage_sigma: float = Field(description="Spread of the lognormal usage drawn (sigma of log queries per user).")
    loss_share: float | None = Field(None, description="Share of users whose own cost exceeds the fee.")
    histogram: Histogram


def _uniform(rng: np.random.Generator, low: float | None, high: float | None, fixed: float, n: int) -> np.ndarray:
    return rng.uniform(low, high, n) if low is not None and high is not None else np.full(n, fixed)


def _sigma(inp: MonteCarloInput) -> float:
    """The lognormal's spread: given, from the 95th percentile against the median (or the mean), or the default tail."""
    if inp.usage_sigma is not None:
        return inp.usage_sigma
    if inp.queries_p95 is None:
        return math.log(DEFAULT_TAIL) / Z95
    ratio = math.log(inp.queries_p95 / inp.queries_per_user)
    return Z95 - math.sqrt(Z95**2 - 2 * ratio) if inp.queries_are == "mean" else ratio / Z95


def monte_carlo(data: MonteCarloInput | dict, catalog: Catalog | None = None) -> MonteCarloResult:
    """Percentiles (P5 / P50 / P95) of monthly cost and gross margin, and the share of users a flat fee loses money on.

    Queries per user are lognormal (median = queries_per_user, sigma = ln(p95 / median) / 1.645; with
    queries_are 'mean', queries_per_user is the mean, sigma = 1.645 - sqrt(1.645^2 - 2 ln(p95 / mean)) and
    median = mean x e^(-sigma^2 / 2));
    users, tokens per query and the price change are uniform over their ranges; usage_factor scales
    every user's queries. Each draw is a month: cost = users x queries x tokens x price x (1 + change)
    / 1M + fixed. The same draws, read as users, give the share whose own cost (queries x tokens x
    price / 1M) exceeds the fee.

    Args:
        data: the scenario (users, queries_per_user as the median user's or, with queries_are 'mean', the
            mean user's, query_period,
            tokens_per_query, price_per_1m or model, fee_per_user_month, fixed_cost_month) and the
            uncertainty: queries_p95 (or usage_sigma), usage_factor (every user's usage scaled),
            users_low/users_high, tokens_low/tokens_high,
            price_change_low/price_change_high (fractions), draws (up to 2M) and seed.
        catalog: price catalog for model names (defaults to the bundled one).
    """
    inp = parse_input(MonteCarloInput, data)
    p = priced(inp, catalog)
    n, month = inp.draws, from_day(per_day(1.0, inp.query_period), Period.month)
    sigma = _sigma(inp)
    given = inp.queries_per_user * month * inp.usage_factor
    median = given * math.exp(-sigma**2 / 2) if inp.queries_are == "mean" else given
    p95 = median * math.exp(Z95 * sigma)
    mu = math.log(median)
    rng = np.random.Generator(np.random.PCG64(inp.seed))
    users = _uniform(rng, inp.users_low, inp.users_high, inp.users, n)
    tokens = _uniform(rng, inp.tokens_low, inp.tokens_high, inp.tokens_per_query, n)
    price = p.price_per_1m * (1 + rng.uniform(inp.price_change_low, inp.price_change_high, n))
    queries = rng.lognormal(mu, sigma, n)
    e = evaluate(users, queries, tokens, price, inp.fee_per_user_month, inp.fixed_cost_month)
    user_cost = queries * tokens * price / MILLION
    c5, c50, c95 = (float(v) for v in np.percentile(e.cost, [5, 50, 95]))
    u50, u95 = (float(v) for v in np.percentile(user_cost, [50, 95]))
    counts, edges = np.histogram(e.cost, bins=BINS) if c95 > c5 else (np.array([n]), np.array([c50, c50 + 1e-9]))
    margins = (None, None, None) if e.margin is None else tuple(float(v) for v in np.percentile(e.margin, [5, 50, 95]))
    fee = inp.fee_per_user_month
    loss = None if fee is None else float(np.mean(user_cost > fee))
    head = (f"Over {fmt.number(n)} simulated months, monthly cost is {fmt.money(c50)} at the median "
            f"(P5 {fmt.money(c5)}, P95 {fmt.money(c95)})")
    if margins[1] is not None:
        head += f"; gross margin {fmt.pct(margins[1])} (P5 {fmt.pct(margins[0])}, P95 {fmt.pct(margins[2])})"
    head += f"; the median user costs {fmt.money(u50)} a month, the P95 user {fmt.money(u95)}"
    if loss is not None and fee is not None:
        head += f"; a {fmt.money(fee)} flat fee loses money on {fmt.pct(loss)} of users"
    mean = f"mean {fmt.number(given)}, " if inp.queries_are == "mean" else ""
    assumptions = [*p.assumptions, f"Queries per user per month are lognormal: {mean}median {fmt.number(median)}, "
                   f"95th percentile {fmt.number(p95)} (sigma {sigma:.3f}).",
                   f"{fmt.number(n)} draws with seed {inp.seed}: the same seed gives the same figures."]
    if inp.usage_factor != 1:
        assumptions.append(f"Every user's usage is scaled by {fmt.number(inp.usage_factor)}x, the median and the 95th "
                           "percentile alike (the spread is unchanged).")
    if inp.queries_p95 is None and inp.usage_sigma is None:
        assumptions.append(f"No p95 usage was given: the 95th-percentile user makes {DEFAULT_TAIL:g}x the median's "
                           "queries (a heavy tail).")
    inputs = {**p.inputs, "draws": q(n, "draws"), "queries_p95": q(p95, "queries per user per month")}
    if inp.price_change_low or inp.price_change_high:
        inputs["price_change"] = q(f"{fmt.pct(inp.price_change_low)} to {fmt.pct(inp.price_change_high)}", "uniform")
    return MonteCarloResult(
        tool="monte_carlo", headline=head + ".",
        formula=("cost = users x queries (lognormal) x tokens x price x (1 + change) / 1M + fixed, per draw; "
                 "margin = (users x fee - cost) / (users x fee); a user's cost = lognormal queries x tokens x "
                 "price / 1M; loss share = share of users whose cost > fee"),
        inputs=inputs, assumptions=assumptions, sources=p.sources, draws=n, seed=inp.seed,
        cost_p5_usd=c5, cost_p50_usd=c50, cost_p95_usd=c95, margin_p5=margins[0], margin_p50=margins[1],
        margin_p95=margins[2], user_cost_p50_usd=u50, user_cost_p95_usd=u95, usage_sigma=sigma, loss_share=loss,
        histogram=Histogram(edges=[float(x) for x in edges], counts=[int(c) for c in counts]),
    )
