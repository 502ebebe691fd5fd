import math

import pytest

from tools.errors import InputError
from tools.margin import MarginInput, MarginResult, margin


def test_jasper_provider_share_40_percent_gives_60_percent_margin() -> None:
    # Seed: Jasper and Copy.ai paid about 40% of revenue to OpenAI -> about 60% gross margin.
    r = margin({"provider_share": "40%"})
    assert isinstance(r, MarginResult)
    assert r.mode == "share"
    assert r.gross_margin == pytest.approx(0.6)
    assert r.cogs_share == pytest.approx(0.4)
    assert r.gap_to_benchmark == pytest.approx(0.2)  # 80% benchmark - 60%
    assert r.gross_profit_usd is None and r.contribution_per_user_usd is None
    assert "60%" in r.headline and "20 percentage points below" in r.headline
    assert "1 - 40% = 60%" in r.formula
    assert any("80%" in a for a in r.assumptions)


def test_provider_share_written_as_plain_percent_number() -> None:
    assert margin({"provider_share": 40}).gross_margin == pytest.approx(0.6)
    assert margin({"provider_share": 0.4}).gross_margin == pytest.approx(0.6)


def test_per_user_price_and_cost() -> None:
    # ($20 - $8) / $20 = 60%; contribution $12 per user per month.
    r = margin(MarginInput(price_per_user_usd=20, cost_per_user_usd=8))
    assert r.mode == "per_user"
    assert r.gross_margin == pytest.approx(0.6)
    assert r.cogs_share == pytest.approx(0.4)
    assert r.contribution_per_user_usd == pytest.approx(12)
    assert r.gross_profit_usd == pytest.approx(12)
    assert "($20 - $8) / $20 = 60%" in r.formula
    assert r.inputs["revenue"].unit == "USD per user per month"


def test_revenue_and_cogs_over_a_year() -> None:
    # ($1,000,000 - $250,000) / $1,000,000 = 75%.
    r = margin({"revenue_usd": 1_000_000, "cogs_usd": 250_000, "period": "year"})
    assert r.mode == "revenue"
    assert r.gross_margin == pytest.approx(0.75)
    assert r.gross_profit_usd == pytest.approx(750_000)
    assert r.contribution_per_user_usd is None
    assert "per year" in r.headline
    assert "5 percentage points below" in r.headline


def test_share_with_other_cogs_and_revenue_amount() -> None:
    # 40% to the provider + 10% hosting = 50% COGS; on $100,000 revenue: $50,000 gross profit.
    r = margin({"provider_share": "40%", "other_cogs_share": "10%", "revenue_usd": 100_000})
    assert r.gross_margin == pytest.approx(0.5)
    assert r.cogs_usd == pytest.approx(50_000)
    assert r.gross_profit_usd == pytest.approx(50_000)


def test_share_with_price_per_user_gives_contribution() -> None:
    # $10 per user, 40% to the provider: cost $4, contribution $6.
    r = margin({"provider_share": "40%", "price_per_user_usd": 10})
    assert r.contribution_per_user_usd == pytest.approx(6)


def test_cogs_above_revenue_is_a_negative_margin_not_an_error() -> None:
    # ($10 - $15) / $10 = -50%.
    r = margin({"price_per_user_usd": 10, "cost_per_user_usd": 15})
    assert r.gross_margin == pytest.approx(-0.5)
    assert r.loses_money is True
    assert r.contribution_per_user_usd == pytest.approx(-5)
    assert r.headline.startswith("It loses money")


def test_benchmark_override_and_above_benchmark() -> None:
    r = margin({"price_per_user_usd": 100, "cost_per_user_usd": 5, "benchmark_margin": "90%"})
    assert r.gross_margin == pytest.approx(0.95)
    assert r.gap_to_benchmark == pytest.approx(-0.05)
    assert "above the 90% benchmark" in r.headline
    assert any("as given" in a for a in r.assumptions)


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"revenue_usd": 0, "cogs_usd": 10}, "revenue_usd"),
        ({"price_per_user_usd": -5, "cost_per_user_usd": 1}, "price_per_user_usd"),
        ({"price_per_user_usd": 5, "cost_per_user_usd": -1}, "cost_per_user_usd"),
        ({"price_per_user_usd": math.nan, "cost_per_user_usd": 1}, "price_per_user_usd"),
        ({"provider_share": math.nan}, "provider_share"),
        ({"provider_share": "-40%"}, "provider_share"),
        ({"provider_share": "40%", "benchmark_margin": "120%"}, "benchmark_margin"),
        ({"provider_share": "40%", "colour": "red"}, "colour"),
    ],
)
def test_invalid_values_name_the_field(data: dict, field: str) -> None:
    with pytest.raises(InputError) as exc:
        margin(data)
    assert exc.value.field == field
    assert field in str(exc.value)


@pytest.mark.parametrize(
    ("data", "named"),
    [
        ({}, "cost_per_user_usd"),
        ({"price_per_user_usd": 10}, "cost_per_user_usd"),
        ({"cost_per_user_usd": 4}, "price_per_user_usd"),
        ({"cogs_usd": 4}, "revenue_usd"),
        ({"price_per_user_usd": 10, "revenue_usd": 100, "cost_per_user_usd": 4}, "revenue_usd"),
        ({"revenue_usd": 100, "cogs_usd": 10, "provider_share": "40%"}, "provider_share"),
        ({"other_cogs_share": "10%"}, "provider_share"),
    ],
)
def test_missing_or_conflicting_inputs_say_what_to_give(data: dict, named: str) -> None:
    with pytest.raises(InputError) as exc:
        margin(data)
    assert named in str(exc.value)


def test_the_month_s_totals_for_a_user_count() -> None:
    r = margin({"price_per_user_usd": 8, "cost_per_user_usd": 1.4, "users": 14_400})
    assert (r.monthly_revenue_usd, r.monthly_cogs_usd) == pytest.approx((115_200, 20_160))
    assert r.monthly_gross_profit_usd == pytest.approx(95_040) and "14,400 users" in r.headline


def test_users_need_a_price_and_a_cost_per_user() -> None:
    with pytest.raises(InputError, match="needs price_per_user_usd and cost_per_user_usd"):
        margin({"revenue_usd": 480_000, "cogs_usd": 168_000, "users": 23})
