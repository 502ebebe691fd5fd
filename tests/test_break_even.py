import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tools.break_even import BreakEvenInput, BreakEvenResult, break_even
from tools.errors import InputError
from tools.margin import margin


def test_users_to_cover_fixed_costs_rounded_up() -> None:
    # $50,000 / ($20 - $8) = 4,166.67 -> 4,167 whole users; revenue 4,167 x $20 = $83,340.
    r = break_even({"fixed_costs_usd": 50_000, "price_per_user_usd": 20,
                    "variable_cost_per_user_usd": 8})
    assert isinstance(r, BreakEvenResult)
    assert r.mode == "users" and r.never is False and r.reason is None
    assert r.break_even_users == 4167
    assert r.contribution_per_user_usd == pytest.approx(12)
    assert r.break_even_revenue_usd == pytest.approx(83_340)
    assert "4,167 users" in r.headline
    assert "4,166.7 -> 4,167 (rounded up)" in r.formula
    assert any("rounded up" in a for a in r.assumptions)


def test_exact_division_is_not_rounded_up_by_float_noise() -> None:
    # $1,200 / ($10 - $6) = 300 exactly; $1 / ($0.30 - $0.10) = 5 (float gives 5.000000000000001).
    r = break_even({"fixed_costs_usd": 1200, "price_per_user_usd": 10,
                    "variable_cost_per_user_usd": 6})
    assert r.break_even_users == 300
    r = break_even({"fixed_costs_usd": 1, "price_per_user_usd": 0.3,
                    "variable_cost_per_user_usd": 0.1})
    assert r.break_even_users == 5


@pytest.mark.parametrize("price", [8, 5])
def test_users_never_when_contribution_is_not_positive(price: float) -> None:
    r = break_even({"fixed_costs_usd": 50_000, "price_per_user_usd": price,
                    "variable_cost_per_user_usd": 8})
    assert r.never is True
    assert r.break_even_users is None and r.break_even_revenue_usd is None
    assert r.reason is not None and "never" in r.reason
    assert r.contribution_per_user_usd == pytest.approx(price - 8)
    assert r.headline.startswith("It never breaks even")


def test_price_for_target_margin() -> None:
    # $4 / (1 - 60%) = $10.
    r = break_even({"variable_cost_per_user_usd": 4, "target_margin": "60%"})
    assert r.mode == "price"
    assert r.price_for_target_margin_usd == pytest.approx(10)
    assert r.target_margin == pytest.approx(0.6)
    assert r.contribution_per_user_usd == pytest.approx(6)
    assert "$4 / (1 - 60%) = $10" in r.formula


def test_seed_fine_tune_payback_with_build_months() -> None:
    # Seed: a $500k, two-month fine-tune. At $50k a month saved: 10 months, 12 from the start.
    r = break_even(BreakEvenInput(upfront_investment_usd=500_000, monthly_saving_usd=50_000,
                                  build_months=2))
    assert r.mode == "payback"
    assert r.payback_months == pytest.approx(10)
    assert r.months_from_start == pytest.approx(12)
    assert "10 months" in r.headline and "12 months from the start" in r.headline
    assert "2 + 10 = 12" in r.formula
    assert r.inputs["build_months"].value == 2


def test_payback_from_monthly_contribution_without_build_months() -> None:
    # $300,000 / $25,000 = 12 months.
    r = break_even({"upfront_investment_usd": 300_000, "monthly_contribution_usd": 25_000})
    assert r.payback_months == pytest.approx(12)
    assert r.months_from_start == pytest.approx(12)
    assert "contribution" in r.formula


@pytest.mark.parametrize("saving", [0, -1000])
def test_payback_never_when_saving_is_not_positive(saving: float) -> None:
    r = break_even({"upfront_investment_usd": 500_000, "monthly_saving_usd": saving})
    assert r.never is True
    assert r.payback_months is None and r.months_from_start is None
    assert r.reason is not None and "never paid back" in r.reason


def test_explicit_mode_picks_one_question_when_fields_overlap() -> None:
    r = break_even({"mode": "price", "variable_cost_per_user_usd": 3, "target_margin": "25%",
                    "fixed_costs_usd": 1000})
    assert r.mode == "price"
    assert r.price_for_target_margin_usd == pytest.approx(4)
    assert r.break_even_users is None


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"variable_cost_per_user_usd": 4, "target_margin": "100%"}, "target_margin"),
        ({"variable_cost_per_user_usd": 4, "target_margin": 1.0}, "target_margin"),
        ({"variable_cost_per_user_usd": 4, "target_margin": "150%"}, "target_margin"),
        ({"variable_cost_per_user_usd": 4, "target_margin": "-10%"}, "target_margin"),
        ({"variable_cost_per_user_usd": 0, "target_margin": "50%"}, "variable_cost_per_user_usd"),
        ({"fixed_costs_usd": -1, "price_per_user_usd": 5, "variable_cost_per_user_usd": 1},
         "fixed_costs_usd"),
        ({"fixed_costs_usd": math.nan, "price_per_user_usd": 5, "variable_cost_per_user_usd": 1},
         "fixed_costs_usd"),
        ({"upfront_investment_usd": 1000, "monthly_saving_usd": math.inf}, "monthly_saving_usd"),
        ({"upfront_investment_usd": 1000, "monthly_saving_usd": 10, "build_months": -2},
         "build_months"),
        ({"mode": "profit", "fixed_costs_usd": 10}, "mode"),
    ],
)
def test_invalid_values_name_the_field(data: dict, field: str) -> None:
    with pytest.raises(InputError) as exc:
        break_even(data)
    assert exc.value.field == field
    assert field in str(exc.value)


@pytest.mark.parametrize(
    ("data", "named"),
    [
        ({}, "fixed_costs_usd"),
        ({"fixed_costs_usd": 100}, "price_per_user_usd"),
        ({"fixed_costs_usd": 100, "target_margin": "50%"}, "mode"),
        ({"mode": "payback", "upfront_investment_usd": 10}, "monthly_saving_usd"),
        ({"upfront_investment_usd": 10, "monthly_saving_usd": 1, "monthly_contribution_usd": 1},
         "monthly_contribution_usd"),
    ],
)
def test_missing_or_ambiguous_inputs_say_what_to_give(data: dict, named: str) -> None:
    with pytest.raises(InputError) as exc:
        break_even(data)
    assert named in str(exc.value)


money = st.floats(min_value=0.01, max_value=10_000, allow_nan=False, allow_infinity=False)


@given(fixed=st.floats(min_value=0, max_value=1e7), var=money, step1=money, step2=money)
def test_break_even_users_fall_as_price_rises(fixed: float, var: float, step1: float,
                                              step2: float) -> None:
    low, high = var + step1, var + step1 + step2
    args = {"fixed_costs_usd": fixed, "variable_cost_per_user_usd": var}
    at_low = break_even({**args, "price_per_user_usd": low})
    at_high = break_even({**args, "price_per_user_usd": high})
    assert not at_high.never
    if not at_low.never:
        assert at_high.break_even_users is not None and at_low.break_even_users is not None
        assert at_high.break_even_users <= at_low.break_even_users
        # the rounded-up count covers the fixed costs (within float tolerance)
        covered = at_low.break_even_users * (low - var)
        assert covered >= fixed * (1 - 1e-9) - 1e-6


@given(cost=money, target=st.floats(min_value=0, max_value=0.99))
def test_price_for_target_margin_gives_back_the_margin(cost: float, target: float) -> None:
    price = break_even({"variable_cost_per_user_usd": cost, "target_margin": target})
    assert price.price_for_target_margin_usd is not None
    back = margin({"price_per_user_usd": price.price_for_target_margin_usd,
                   "cost_per_user_usd": cost})
    assert back.gross_margin == pytest.approx(target, abs=1e-9)


def test_payback_from_the_users_an_investment_brings() -> None:
    result = break_even({"upfront_investment_usd": 240_000, "users_brought": 1_500, "price_per_user_usd": 19,
                         "variable_cost_per_user_usd": 4.20})
    assert result.mode == "payback" and result.payback_months == pytest.approx(240_000 / 22_200)
    assert result.formula.startswith("monthly contribution = users x (price - variable cost) = 1,500 x ($19 - $4.20) "
                                     "= $22,200; payback months")


def test_payback_needs_a_benefit() -> None:
    with pytest.raises(InputError, match="users_brought with price_per_user_usd"):
        break_even({"upfront_investment_usd": 240_000, "users_brought": 1_500, "mode": "payback"})


def test_the_monthly_profit_after_fixed_costs_at_todays_paying_users() -> None:
    result = break_even({"fixed_costs_usd": 60_000, "price_per_user_usd": 14, "variable_cost_per_user_usd": 0.4896,
                         "paying_users": 25_000})
    assert result.break_even_users == 4_442 and result.monthly_profit_usd == pytest.approx(277_760)
    assert "25,000 x ($14 - $0.4896) - $60,000 = $277,760" in result.formula
    losing = break_even({"fixed_costs_usd": 12_000, "price_per_user_usd": 8, "variable_cost_per_user_usd": 9.2,
                         "paying_users": 1_000})
    assert losing.never and losing.monthly_profit_usd == pytest.approx(-13_200)
    assert "a loss of $13,200" in losing.headline
    assert break_even({"fixed_costs_usd": 1, "price_per_user_usd": 2, "variable_cost_per_user_usd": 1}).monthly_profit_usd \
        is None
