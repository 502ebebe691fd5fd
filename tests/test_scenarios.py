"""sweep, sensitivity and monte_carlo: hand-derived figures, closed forms, seeds and bad ranges."""

from __future__ import annotations

import math
from statistics import NormalDist

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tools.catalog import Catalog
from tools.errors import InputError
from tools.monte_carlo import Z95, monte_carlo
from tools.sensitivity import sensitivity
from tools.sweep import sweep

CATALOG = Catalog()
BASE = {"users": 100_000, "queries_per_user": 20, "tokens_per_query": 1_000, "price_per_1m": 2.0}


def test_sweep_reproduces_the_seed_figure_and_finds_break_even() -> None:
    r = sweep({**BASE, "fee_per_user_month": 10, "fixed_cost_month": 200_000, "variable": "users",
               "start": 10_000, "stop": 100_000, "steps": 10}, CATALOG)
    last = r.rows[-1]
    # 100,000 x 20 x 30 x 1,000 x $2 / 1M = $120,000 + $200,000 fixed = $320,000; revenue $1,000,000.
    assert last.monthly_cost_usd == pytest.approx(320_000) and last.monthly_revenue_usd == pytest.approx(1_000_000)
    assert last.gross_margin == pytest.approx(0.68) and last.profit_usd == pytest.approx(680_000)
    # Each user costs 20 x 30 x 1,000 x $2 / 1M = $1.20: break-even 200,000 / (10 - 1.20) = 22,727.27 users.
    assert r.break_even_value == pytest.approx(22_727.27, rel=1e-6)
    assert [row.value for row in r.rows][:2] == [10_000, 20_000]


def test_sweep_log_steps_and_no_fee() -> None:
    r = sweep({**BASE, "variable": "users", "start": 10_000, "stop": 1_000_000, "steps": 3, "scale": "log"})
    assert [row.value for row in r.rows] == pytest.approx([10_000, 100_000, 1_000_000])
    assert r.rows[1].monthly_cost_usd == pytest.approx(120_000) and r.rows[1].gross_margin is None
    assert r.break_even_value is None


def test_sweep_of_price_uses_the_catalog_model_blend() -> None:
    r = sweep({"users": 1_000, "queries_per_user": 10, "model": "gpt-4o-mini", "variable": "tokens_per_query",
               "start": 500, "stop": 2_000, "steps": 4}, CATALOG)
    # gpt-4o-mini blended 0.75 x 0.15 + 0.25 x 0.60 = $0.2625 per 1M; 300,000 queries x 2,000 tokens = 600M tokens.
    assert r.rows[-1].monthly_cost_usd == pytest.approx(157.5)
    assert r.sources and r.sources[0].model == "gpt-4o-mini"


@pytest.mark.parametrize("bad", [{"start": 10, "stop": 5}, {"steps": 1}, {"price_per_1m": None},
                                 {"variable": "weather"}])
def test_sweep_bad_input_is_a_clear_error(bad: dict) -> None:
    with pytest.raises(InputError):
        sweep({**BASE, "variable": "users", "start": 1, "stop": 10, **bad})


def test_sensitivity_ranks_inputs_by_their_swing() -> None:
    r = sensitivity({**BASE, "fee_per_user_month": 10, "fixed_cost_month": 100_000, "swing": 0.2})
    assert r.metric == "gross_margin"
    # Base: cost 120,000 + 100,000 = 220,000 on 1,000,000 revenue: margin 78%.
    assert r.base_metric == pytest.approx(0.78)
    top = r.rows[0]
    # Fee +/-20%: revenue 800k -> margin 72.5%; 1.2M -> 81.67%; a swing of 9.17 points, the largest.
    assert top.input == "fee_per_user_month"
    assert (top.metric_at_low, top.metric_at_high) == (pytest.approx(0.725), pytest.approx(0.816667, rel=1e-5))
    assert [row.swing for row in r.rows] == sorted((row.swing for row in r.rows), reverse=True)


def test_sensitivity_of_cost_without_a_fee_and_margin_needs_one() -> None:
    r = sensitivity(BASE)
    assert r.metric == "monthly_cost"
    # Cost is linear in users, queries, tokens and price: each moves it by +/-20% of $120,000.
    assert {row.input for row in r.rows} == {"users", "queries_per_user", "tokens_per_query", "price_per_1m"}
    assert all(row.swing == pytest.approx(48_000) for row in r.rows)
    with pytest.raises(InputError, match="fee_per_user_month"):
        sensitivity({**BASE, "metric": "gross_margin"})


def test_monte_carlo_is_reproducible_with_a_seed() -> None:
    args = {**BASE, "fee_per_user_month": 3, "draws": 20_000, "users_low": 50_000, "users_high": 150_000}
    a, b = monte_carlo(args), monte_carlo(args)
    assert a.cost_p50_usd == b.cost_p50_usd and a.loss_share == b.loss_share
    assert monte_carlo({**args, "seed": 7}).cost_p50_usd != a.cost_p50_usd


def test_monte_carlo_matches_the_lognormal_closed_forms() -> None:
    # Median user: 20 x 30 = 600 queries a month; p95 2,400 -> sigma = ln(4) / 1.645.
    args = {**BASE, "fee_per_user_month": 3, "queries_p95": 80, "draws": 400_000, "seed": 1}
    r = monte_carlo(args)
    unit = 1_000 * 2.0 / 1_000_000  # $ per query
    mu, sigma = math.log(600), math.log(4) / Z95
    assert r.user_cost_p50_usd == pytest.approx(math.exp(mu) * unit, rel=0.01)  # lognormal median e^mu
    expected_loss = 1 - NormalDist().cdf((math.log(3 / unit) - mu) / sigma)  # P(queries x unit > fee)
    assert r.loss_share == pytest.approx(expected_loss, abs=0.003)
    # With users, tokens and price fixed, monthly cost is users x a lognormal: its percentiles are e^(mu + z sigma).
    assert r.cost_p50_usd == pytest.approx(100_000 * math.exp(mu) * unit, rel=0.01)
    assert r.cost_p95_usd == pytest.approx(100_000 * math.exp(mu + Z95 * sigma) * unit, rel=0.01)
    assert r.cost_p5_usd == pytest.approx(100_000 * math.exp(mu - Z95 * sigma) * unit, rel=0.01)


def test_monte_carlo_one_million_draws_and_a_chartable_histogram() -> None:
    r = monte_carlo({**BASE, "draws": 1_000_000, "price_change_low": -0.5, "price_change_high": 0.2})
    assert r.cost_p5_usd < r.cost_p50_usd < r.cost_p95_usd
    assert len(r.histogram.edges) == len(r.histogram.counts) + 1 and sum(r.histogram.counts) == 1_000_000
    assert r.loss_share is None and r.margin_p50 is None  # no fee, no margin


@pytest.mark.parametrize("bad", [{"queries_p95": 10}, {"users_low": 10}, {"users_low": 5, "users_high": 1},
                                 {"price_change_low": 0.3, "price_change_high": 0.1}, {"draws": 5_000_000}])
def test_monte_carlo_bad_input_is_a_clear_error(bad: dict) -> None:
    with pytest.raises(InputError):
        monte_carlo({**BASE, **bad})


@settings(max_examples=40, deadline=None)
@given(st.floats(1, 1e6), st.floats(1.01, 100))
def test_sweep_cost_rises_with_users(start: float, factor: float) -> None:
    r = sweep({**BASE, "variable": "users", "start": start, "stop": start * factor, "steps": 5})
    costs = [row.monthly_cost_usd for row in r.rows]
    assert all(np.diff(costs) > 0)


def test_monte_carlo_headline_states_what_a_median_and_a_heavy_user_cost() -> None:
    # Median 600 queries a month x $0.002 = $1.20; p95 2,400 queries = $4.80 ("what does a P95 user cost us?").
    r = monte_carlo({**BASE, "queries_p95": 80, "draws": 200_000, "seed": 3})
    assert "the median user costs $1.2" in r.headline and "the P95 user $4.8" in r.headline
    assert r.user_cost_p95_usd == pytest.approx(4.8, rel=0.02)


def test_monte_carlo_takes_the_spread_itself_and_reports_the_one_it_drew() -> None:
    by_p95 = monte_carlo({**BASE, "fee_per_user_month": 3, "queries_p95": 80, "draws": 20_000})
    assert by_p95.usage_sigma == pytest.approx(math.log(4) / Z95)  # p95 4x the median
    by_sigma = monte_carlo({**BASE, "fee_per_user_month": 3, "usage_sigma": by_p95.usage_sigma, "draws": 20_000})
    assert by_sigma.usage_sigma == by_p95.usage_sigma and by_sigma.loss_share == by_p95.loss_share
    assert by_sigma.inputs["queries_p95"].value == pytest.approx(2_400)  # 80 a day x 30
    with pytest.raises(InputError, match="queries_p95 or usage_sigma"):
        monte_carlo({**BASE, "queries_p95": 80, "usage_sigma": 0.8})


def test_monte_carlo_draws_around_a_mean_user_when_told_queries_are_the_mean() -> None:
    # Mean 20 a day = 600 a month; sigma 1: the median is 600 e^(-1/2) = 363.9 queries, $0.7278 at $0.002 a query.
    r = monte_carlo({**BASE, "queries_are": "mean", "usage_sigma": 1.0, "draws": 400_000, "seed": 1})
    unit = 1_000 * 2.0 / 1_000_000
    assert r.user_cost_p50_usd == pytest.approx(600 * math.exp(-0.5) * unit, rel=0.01)
    assert "mean 600, median 363.9" in " ".join(r.assumptions)
    # A p95 against the mean: 1.645 sigma - sigma^2 / 2 = ln(60 / 20), the smaller root
    by_p95 = monte_carlo({**BASE, "queries_are": "mean", "queries_p95": 60, "draws": 20_000})
    assert by_p95.usage_sigma == pytest.approx(Z95 - math.sqrt(Z95**2 - 2 * math.log(3)))
    assert by_p95.inputs["queries_p95"].value == pytest.approx(1_800)  # 60 a day x 30
    with pytest.raises(InputError, match=r"at most 3\.87x the mean"):  # e^(1.645^2 / 2): no lognormal goes further
        monte_carlo({**BASE, "queries_are": "mean", "queries_p95": 80})


def test_the_scenario_tools_price_a_token_split_at_its_own_input_share() -> None:
    # gpt-4o-mini: $0.15 input, $0.60 output per 1M; 6,000 in + 800 out = 6,800 tokens, 6,000 / 6,800 of them input.
    split = {"users": 1_000, "queries_per_user": 60, "query_period": "month", "model": "gpt-4o-mini",
             "input_tokens_per_query": 6_000, "output_tokens_per_query": 800, "fee_per_user_month": 12}
    cost = sensitivity({**split, "metric": "monthly_cost"}).base_metric
    assert cost == pytest.approx(1_000 * 60 * (6_000 * 0.15 + 800 * 0.60) / 1e6)  # $82.80, as token_cost bills it
    assert monte_carlo({**split, "draws": 20_000}).inputs["tokens_per_query"].value == 6_800
    with pytest.raises(InputError, match="input_tokens_per_query and output_tokens_per_query together"):
        sensitivity({**split, "output_tokens_per_query": None})
    with pytest.raises(InputError, match="sum of input and output tokens"):
        sensitivity({**split, "tokens_per_query": 1_000})
