import math
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tools.catalog import Catalog
from tools.errors import InputError
from tools.margin import margin
from tools.pricing_plan import PricingPlanInput, PricingPlanResult, pricing_plan


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return Catalog(today=date(2026, 11, 24))


def test_notion_10_dollar_plan_max_queries_at_80_percent_margin() -> None:
    # Seed: Notion's $10 a month AI add-on. At $0.002 a query (1,000 tokens at $0.002 per 1K):
    # max queries = $10 x (1 - 80%) / $0.002 = 1,000; break-even = $10 / $0.002 = 5,000.
    r = pricing_plan({"plan_price_usd": 10, "cost_per_query_usd": 0.002, "target_margin": "80%"})
    assert isinstance(r, PricingPlanResult)
    assert r.max_queries_at_target_margin == pytest.approx(1000)
    assert r.break_even_queries_per_user == pytest.approx(5000)
    assert r.margin_at_mean_usage is None and r.loss_share_of_paying_users is None
    assert r.free_quota_cost_usd == 0
    assert "at most 1,000 queries" in r.headline and "5,000 queries" in r.headline
    assert "$10 x (1 - 80%) / $0.002 = 1,000" in r.formula


def test_cost_per_query_from_tokens_and_price_via_token_cost() -> None:
    # 1,000 tokens x $0.002 per 1K = $0.002 per query.
    r = pricing_plan({"plan_price_usd": 10, "tokens_per_query": 1000, "price": 0.002,
                      "price_unit": "per_1k", "target_margin": "80%"})
    assert r.cost_per_query_usd == pytest.approx(0.002)
    assert r.max_queries_at_target_margin == pytest.approx(1000)


def test_cost_per_query_from_catalog_model(catalog: Catalog) -> None:
    # gpt-4o-mini: 800 x $0.15/1M + 200 x $0.60/1M = $0.00012 + $0.00012 = $0.00024.
    r = pricing_plan({"plan_price_usd": 10, "model": "gpt-4o-mini",
                      "input_tokens_per_query": 800, "output_tokens_per_query": 200}, catalog)
    assert r.cost_per_query_usd == pytest.approx(0.00024)
    assert r.break_even_queries_per_user == pytest.approx(10 / 0.00024)
    assert r.sources and r.sources[0].model == "gpt-4o-mini"
    assert r.inputs["model"].value == "gpt-4o-mini"


def test_loss_share_is_half_when_median_usage_is_the_break_even() -> None:
    # Median 5,000 queries = break-even 5,000: P(usage > median) = 50%.
    # Mean = 5,000 x e^(1/2) = 8,243.61; margin at mean = (10 - 8,243.61 x 0.002) / 10 = -64.87%.
    r = pricing_plan({"plan_price_usd": 10, "cost_per_query_usd": 0.002,
                      "median_queries_per_user_per_month": 5000})
    assert r.loss_share_of_paying_users == pytest.approx(0.5)
    assert r.mean_queries_per_user == pytest.approx(8243.606, rel=1e-6)
    assert r.margin_at_mean_usage == pytest.approx(-0.648721, rel=1e-5)


def test_mean_usage_margin_and_loss_share() -> None:
    # Mean 1,000 queries, sigma 1: median = 1,000 x e^(-1/2) = 606.53.
    # Margin at mean = ($10 - 1,000 x $0.002) / $10 = 80%.
    # Loss share = P(U > 5,000) = 1 - Phi(ln(5,000 / 606.53)) = 1 - Phi(2.10944) = 0.01745.
    r = pricing_plan(PricingPlanInput(plan_price_usd=10, cost_per_query_usd=0.002,
                                      queries_per_user_per_month=1000))
    assert r.median_queries_per_user == pytest.approx(606.5307, rel=1e-6)
    assert r.cost_per_paying_user_usd == pytest.approx(2)
    assert r.margin_at_mean_usage == pytest.approx(0.8)
    assert r.loss_share_of_paying_users == pytest.approx(0.01745, abs=5e-5)
    assert any("lognormal" in a and "sigma 1" in a for a in r.assumptions)


def test_wider_usage_spread_loses_money_on_more_users() -> None:
    narrow = pricing_plan({"plan_price_usd": 10, "cost_per_query_usd": 0.002,
                           "median_queries_per_user_per_month": 1000, "usage_sigma": 0.5})
    wide = pricing_plan({"plan_price_usd": 10, "cost_per_query_usd": 0.002,
                         "median_queries_per_user_per_month": 1000, "usage_sigma": 2})
    # sigma 0.5: 1 - Phi(ln 5 / 0.5 = 3.219) = 0.000643; sigma 2: 1 - Phi(0.8047) = 0.2105.
    assert narrow.loss_share_of_paying_users == pytest.approx(0.000643, abs=5e-6)
    assert wide.loss_share_of_paying_users == pytest.approx(0.2105, abs=5e-4)


def test_free_quota_cost_and_monthly_totals() -> None:
    # Free: 90,000 users x 50 queries x $0.002 = $9,000.
    # Paying: 10,000 x $10 = $100,000 revenue; 10,000 x 1,000 x $0.002 = $20,000 cost.
    # Monthly margin = ($100,000 - $29,000) / $100,000 = 71%.
    r = pricing_plan({"plan_price_usd": 10, "cost_per_query_usd": 0.002,
                      "queries_per_user_per_month": 1000, "free_users": 90_000,
                      "free_quota_queries": 50, "paying_users": 10_000})
    assert r.free_quota_cost_usd == pytest.approx(9000)
    assert r.monthly_revenue_usd == pytest.approx(100_000)
    assert r.monthly_cost_usd == pytest.approx(29_000)
    assert r.monthly_gross_margin == pytest.approx(0.71)
    assert r.overage_revenue_usd is None
    assert "90,000 x 50 x $0.002 = $9,000" in r.formula
    assert any("whole quota" in a for a in r.assumptions)


def test_overage_revenue_without_quota_is_all_queries() -> None:
    # No quota: every query is overage. 1,000 users x mean 1,000 x $5 / 1,000 = $5,000.
    r = pricing_plan({"plan_price_usd": 10, "cost_per_query_usd": 0.002,
                      "queries_per_user_per_month": 1000, "paying_users": 1000,
                      "overage_price_per_1k_queries": 5})
    assert r.overage_revenue_usd == pytest.approx(5000)
    assert r.monthly_revenue_usd == pytest.approx(15_000)


def test_overage_revenue_above_quota_uses_lognormal_expected_excess() -> None:
    # Median 1,000 = quota, sigma 1: E[(U - K)+] = mean x Phi(1) - K x Phi(0)
    # = 1,648.721 x 0.841345 - 500 = 887.14 queries; 1 user at $1 per 1K = $0.88714.
    r = pricing_plan({"plan_price_usd": 10, "cost_per_query_usd": 0.002,
                      "median_queries_per_user_per_month": 1000, "free_quota_queries": 1000,
                      "paying_users": 1, "overage_price_per_1k_queries": 1})
    assert r.overage_revenue_usd == pytest.approx(0.88714, abs=1e-5)


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"plan_price_usd": 0, "cost_per_query_usd": 0.002}, "plan_price_usd"),
        ({"plan_price_usd": 10, "cost_per_query_usd": 0}, "cost_per_query_usd"),
        ({"plan_price_usd": 10, "cost_per_query_usd": -0.1}, "cost_per_query_usd"),
        ({"plan_price_usd": math.nan, "cost_per_query_usd": 0.002}, "plan_price_usd"),
        ({"plan_price_usd": 10, "cost_per_query_usd": 0.002, "target_margin": "100%"},
         "target_margin"),
        ({"plan_price_usd": 10, "cost_per_query_usd": 0.002, "target_margin": 1},
         "target_margin"),
        ({"plan_price_usd": 10, "cost_per_query_usd": 0.002, "usage_sigma": 0},
         "usage_sigma"),
        ({"plan_price_usd": 10, "cost_per_query_usd": 0.002, "free_users": -1}, "free_users"),
        ({"plan_price_usd": 10, "tokens_per_query": 1000, "price": 0}, "price"),
        ({"plan_price_usd": 10, "tokens_per_query": 1000, "model": "zzz-no-such-model"},
         "model"),
    ],
)
def test_invalid_values_name_the_field(data: dict, field: str) -> None:
    with pytest.raises(InputError) as exc:
        pricing_plan(data)
    assert exc.value.field == field
    assert field in str(exc.value)


@pytest.mark.parametrize(
    ("data", "named"),
    [
        ({"plan_price_usd": 10}, "cost_per_query_usd"),
        ({"plan_price_usd": 10, "cost_per_query_usd": 0.002, "price": 0.002,
          "tokens_per_query": 1000}, "cost_per_query_usd"),
        ({"plan_price_usd": 10, "cost_per_query_usd": 0.002,
          "overage_price_per_1k_queries": 5}, "queries_per_user_per_month"),
        ({"plan_price_usd": 10, "cost_per_query_usd": 0.002, "queries_per_user_per_month": 5,
          "median_queries_per_user_per_month": 5}, "median_queries_per_user_per_month"),
    ],
)
def test_missing_or_conflicting_inputs_say_what_to_give(data: dict, named: str) -> None:
    with pytest.raises(InputError) as exc:
        pricing_plan(data)
    assert named in str(exc.value)


prices = st.floats(min_value=0.5, max_value=1000)
costs = st.floats(min_value=1e-5, max_value=1.0)


@given(price=prices, cost=costs, target=st.floats(min_value=0, max_value=0.99))
def test_max_queries_at_target_margin_gives_back_the_target(price: float, cost: float,
                                                            target: float) -> None:
    r = pricing_plan({"plan_price_usd": price, "cost_per_query_usd": cost,
                      "target_margin": target})
    assert r.max_queries_at_target_margin is not None
    plan_cost = r.max_queries_at_target_margin * cost
    back = margin({"price_per_user_usd": price, "cost_per_user_usd": plan_cost})
    assert back.gross_margin == pytest.approx(target, abs=1e-9)


@given(p1=prices, p2=prices, cost=costs, usage=st.floats(min_value=1, max_value=1e5))
def test_loss_share_falls_as_price_rises(p1: float, p2: float, cost: float,
                                         usage: float) -> None:
    low, high = sorted((p1, p2))
    args = {"cost_per_query_usd": cost, "queries_per_user_per_month": usage}
    at_low = pricing_plan({**args, "plan_price_usd": low})
    at_high = pricing_plan({**args, "plan_price_usd": high})
    assert at_low.loss_share_of_paying_users is not None
    assert at_high.loss_share_of_paying_users is not None
    assert at_high.loss_share_of_paying_users <= at_low.loss_share_of_paying_users + 1e-12


def test_a_paid_plans_included_queries_apart_from_the_free_quota() -> None:
    args = {"plan_price_usd": 15, "cost_per_query_usd": 0.003, "free_users": 50_000, "free_quota_queries": 30,
            "paying_users": 4_000, "queries_per_user_per_month": 400, "overage_price_per_1k_queries": 2}
    own = pricing_plan({**args, "included_queries": 500})
    shared = pricing_plan(args)  # one quota for both tiers: overage above 30 queries
    assert own.free_quota_cost_usd == pytest.approx(4_500) and own.monthly_cost_usd == pytest.approx(9_300)
    assert "4,000 x 400 x $0.003 + $4,500 = $9,300" in own.formula
    assert own.overage_revenue_usd is not None and shared.overage_revenue_usd is not None
    assert own.overage_revenue_usd < shared.overage_revenue_usd
    assert "above 500 a month" in " ".join(own.assumptions)


def test_one_heavy_user_s_month_with_overage() -> None:
    r = pricing_plan({"plan_price_usd": 20, "cost_per_query_usd": 0.006, "free_quota_queries": 500,
                      "overage_price_per_1k_queries": 8, "heavy_user_queries_per_month": 1_400})
    assert (r.heavy_user_overage_usd, r.heavy_user_bill_usd, r.heavy_user_cost_usd) == pytest.approx((7.2, 27.2, 8.4))
    assert r.heavy_user_margin == pytest.approx(18.8 / 27.2)
