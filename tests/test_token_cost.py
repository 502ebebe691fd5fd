from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tools.catalog import Catalog
from tools.errors import InputError
from tools.token_cost import token_cost
from tools.units import PriceUnit, price_in_unit, price_per_token

CATALOG = Catalog(today=date(2026, 11, 24))
SEED = {"users": 100_000, "queries_per_user": 20, "tokens_per_query": 1_000}


def test_seed_scenario_at_gpt35_price() -> None:
    # 100,000 x 20 x 30 x 1,000 tokens x $0.002 / 1,000 = $120,000 a month.
    r = token_cost({**SEED, "price": 0.002, "price_unit": "per_1k"}, CATALOG)
    assert r.cost_per_month_usd == pytest.approx(120_000)
    assert r.cost_per_query_usd == pytest.approx(0.002)
    assert r.cost_per_day_usd == pytest.approx(4_000)
    assert r.cost_per_year_usd == pytest.approx(1_440_000)
    assert r.cost_per_user_per_month_usd == pytest.approx(1.2)
    assert r.tokens_per_month == pytest.approx(60e9)
    assert "$120,000" in r.headline and "$120,000" in r.formula
    assert "$1.20 per user a month" in r.headline  # the per-user figure is shown, not only returned
    assert "A month is 30 days." in r.assumptions


def test_one_user_shows_no_per_user_figure() -> None:
    r = token_cost({"users": 1, "queries_per_user": 20, "tokens_per_query": 1_000, "price": 0.002,
                    "price_unit": "per_1k"}, CATALOG)
    assert "per user a month" not in r.headline


def test_same_price_in_every_unit_gives_the_same_bill() -> None:
    bills = {
        unit: token_cost({**SEED, "price": price, "price_unit": unit}, CATALOG).cost_per_month_usd
        for unit, price in (("per_token", 0.000002), ("per_1k", 0.002), ("per_1m", 2.0))
    }
    assert bills["per_token"] == pytest.approx(bills["per_1k"]) == pytest.approx(bills["per_1m"])


def test_queries_per_month_period() -> None:
    r = token_cost({**SEED, "queries_per_user": 600, "query_period": "month", "price": 2}, CATALOG)
    assert r.cost_per_month_usd == pytest.approx(120_000)


def test_queries_per_week_period() -> None:
    # 70 queries a week = 10 a day: 100,000 x 10 x 30 x $0.002 = $60,000 a month.
    r = token_cost({**SEED, "queries_per_user": 70, "query_period": "week", "price": 2}, CATALOG)
    assert r.cost_per_month_usd == pytest.approx(60_000)
    assert "A week is 7 days." in r.assumptions


def test_split_tokens_and_cached_input() -> None:
    # 800 input ($1/M), 200 output ($4/M), half of input cached at $0.25/M:
    # 400 x 1e-6 + 400 x 0.25e-6 + 200 x 4e-6 = 0.0004 + 0.0001 + 0.0008 = $0.0013 per query.
    r = token_cost(
        {"users": 1_000, "queries_per_user": 10, "input_tokens_per_query": 800,
         "output_tokens_per_query": 200, "input_price": 1, "output_price": 4,
         "cached_input_price": 0.25, "cached_input_share": "50%"},
        CATALOG,
    )
    assert r.cost_per_query_usd == pytest.approx(0.0013)
    assert r.cost_per_month_usd == pytest.approx(0.0013 * 1_000 * 10 * 30)


def test_model_from_catalog_uses_stated_default_split() -> None:
    # gpt-4o-mini: $0.15 in / $0.60 out per 1M; 750 in + 250 out = 0.0001125 + 0.00015.
    r = token_cost({**SEED, "model": "gpt4o mini"}, CATALOG)
    assert r.cost_per_query_usd == pytest.approx(0.0002625)
    assert r.cost_per_month_usd == pytest.approx(15_750)
    assert r.sources[0].model == "gpt-4o-mini" and r.sources[0].as_of == date(2026, 11, 24)
    assert any("75%" in a for a in r.assumptions)


def test_gpt4_output_price_is_30x_gpt35() -> None:
    gpt4 = token_cost({**SEED, "output_tokens_per_query": 1000, "input_tokens_per_query": 0,
                       "model": "gpt-4-2023"}, CATALOG)
    gpt35 = token_cost({**SEED, "output_tokens_per_query": 1000, "input_tokens_per_query": 0,
                        "model": "gpt-3.5-turbo-2023"}, CATALOG)
    assert gpt4.cost_per_query_usd / gpt35.cost_per_query_usd == pytest.approx(30)
    assert gpt4.price_per_1m_output_usd == 60


@pytest.mark.parametrize(
    ("patch", "field"),
    [
        ({"users": -500}, "users"),
        ({"users": float("nan")}, "users"),
        ({"users": float("inf")}, "users"),
        ({"queries_per_user": 0}, "queries_per_user"),
        ({"price": -1}, "price"),
        ({"users": 1e15}, "users"),
        ({"cached_input_share": 150}, "cached_input_share"),
    ],
)
def test_invalid_input_names_field_and_value(patch: dict, field: str) -> None:
    with pytest.raises(InputError) as err:
        token_cost({**SEED, "price": 2, **patch}, CATALOG)
    assert err.value.field == field
    assert field in str(err.value)


def test_missing_price_and_tokens_say_what_to_give() -> None:
    with pytest.raises(InputError, match=r"price .* or a model name"):
        token_cost(SEED, CATALOG)
    with pytest.raises(InputError, match="tokens_per_query"):
        token_cost({"users": 1, "queries_per_user": 1, "price": 1}, CATALOG)


positive = st.floats(min_value=1e-3, max_value=1e4, allow_nan=False, allow_infinity=False)


@settings(max_examples=60, deadline=None)
@given(users=positive, queries=positive, price=positive, factor=st.floats(1.01, 100))
def test_cost_grows_with_users_queries_and_price(users, queries, price, factor) -> None:
    base = {"users": users, "queries_per_user": queries, "tokens_per_query": 500, "price": price}
    cost = token_cost(base, CATALOG).cost_per_month_usd
    for key in ("users", "queries_per_user", "price"):
        assert token_cost({**base, key: base[key] * factor}, CATALOG).cost_per_month_usd > cost


@given(price=positive, unit=st.sampled_from(list(PriceUnit)))
def test_price_units_round_trip(price: float, unit: PriceUnit) -> None:
    assert price_in_unit(price_per_token(price, unit), unit) == pytest.approx(price)


def test_money_format_has_no_float_noise() -> None:
    from tools import fmt

    assert fmt.money(7200.000000001) == "$7,200"
    assert fmt.money(1792.8) == "$1,792.80"


def test_reasoning_as_a_multiple_of_the_visible_output() -> None:
    multiple = token_cost({"model": "o4-mini", "users": 1, "queries_per_user": 1, "input_tokens_per_query": 6_000,
                           "output_tokens_per_query": 800, "reasoning_per_output": 3})
    tokens = token_cost({"model": "o4-mini", "users": 1, "queries_per_user": 1, "input_tokens_per_query": 6_000,
                         "output_tokens_per_query": 800, "reasoning_tokens_per_query": 2_400})
    assert multiple.cost_per_query_usd == pytest.approx(tokens.cost_per_query_usd) == pytest.approx(0.02068)
    assert multiple.reasoning_tokens_per_query == 2_400


def test_reasoning_given_two_ways_is_refused() -> None:
    with pytest.raises(InputError, match="reasoning"):
        token_cost({"model": "o4-mini", "users": 1, "queries_per_user": 1, "tokens_per_query": 1_000,
                    "reasoning_share": "50%", "reasoning_per_output": 3})
