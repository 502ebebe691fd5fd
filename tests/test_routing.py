from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tools.catalog import Catalog
from tools.errors import InputError, UnknownModelError
from tools.routing import routing

CATALOG = Catalog(today=date(2026, 11, 24))


def test_seventy_percent_to_a_10x_cheaper_model_saves_63_percent() -> None:
    # blended = 0.3 x p + 0.7 x p / 10 = 0.37 p: a 63% saving.
    r = routing({"cheap_share": "70%", "cheap_price_ratio": 10}, CATALOG)
    assert r.blended_to_baseline == pytest.approx(0.37)
    assert r.saving_fraction == pytest.approx(0.63)
    assert r.blended_per_1m_usd is None and r.baseline_per_1m_usd is None
    assert "63%" in r.headline and "0.37 p" in r.formula


def test_shorthand_with_a_baseline_price_and_volume() -> None:
    # p = $10 per 1M: blended $3.70; 1B tokens: $10,000 vs $3,700, saving $6,300 a month.
    r = routing({"cheap_share": 0.7, "cheap_price_ratio": 10, "baseline_price_per_1m": 10,
                 "monthly_tokens": 1e9}, CATALOG)
    assert r.blended_per_1m_usd == pytest.approx(3.7)
    assert r.baseline_monthly_usd == pytest.approx(10_000)
    assert r.blended_monthly_usd == pytest.approx(3_700)
    assert r.monthly_saving_usd == pytest.approx(6_300)
    assert "$6,300 a month" in r.headline
    assert r.rows[1].price_per_1m_usd == pytest.approx(1.0)


def test_routes_with_prices_default_baseline_is_the_dearest_route() -> None:
    # 0.3 x $10 + 0.7 x $1 = $3.70 per 1M; against all traffic at $10: 1 - 0.37 = 63%.
    r = routing({"routes": [{"price_per_1m": 10, "share": 0.3},
                            {"price_per_1m": 1, "share": 0.7}]}, CATALOG)
    assert r.blended_per_1m_usd == pytest.approx(3.7)
    assert r.baseline_per_1m_usd == 10
    assert r.saving_fraction == pytest.approx(0.63)
    assert any("dearest route" in a for a in r.assumptions)
    assert [row.contribution_per_1m_usd for row in r.rows] == pytest.approx([3.0, 0.7])


def test_a_blended_price_is_shown_to_six_significant_digits_not_rounded_to_cents() -> None:
    # mini 0.75 x 0.15 + 0.25 x 0.60 = $0.2625; 4o 0.75 x 2.5 + 0.25 x 10 = $4.375; 0.7 x 0.2625 + 0.3 x 4.375 = $1.49625
    r = routing({"routes": [{"model": "gpt-4o-mini", "share": 0.7}, {"model": "gpt-4o", "share": 0.3}]}, CATALOG)
    assert r.blended_per_1m_usd == pytest.approx(1.49625)
    assert "$1.49625 per 1M tokens" in r.headline and "single model at $4.375" in r.headline
    assert "0.3 x $4.375 = $1.49625" in r.formula


def test_routes_with_catalog_models_carry_sources() -> None:
    # gpt-4-2023 blended 0.75 x 30 + 0.25 x 60 = $37.50; gpt-3.5-turbo-2023 $2.
    # 0.3 x 37.5 + 0.7 x 2 = 11.25 + 1.4 = $12.65 per 1M.
    r = routing({"routes": [{"model": "gpt-4-2023", "share": "30%"},
                            {"model": "gpt-3.5-turbo-2023", "share": 70}]}, CATALOG)
    assert r.blended_per_1m_usd == pytest.approx(12.65)
    assert r.baseline_per_1m_usd == pytest.approx(37.5)
    assert {s.model for s in r.sources} == {"gpt-4-2023", "gpt-3.5-turbo-2023"}
    assert any("75% input" in a for a in r.assumptions)


def test_output_only_blend_against_a_baseline_model() -> None:
    # input_share 0: gpt-4 at $60, gpt-3.5 at $2: 0.3 x 60 + 0.7 x 2 = $19.40; 1 - 19.4/60.
    r = routing({"routes": [{"model": "gpt-4-2023", "share": 0.3},
                            {"model": "gpt-3.5-turbo-2023", "share": 0.7}],
                 "baseline_model": "gpt-4-2023", "input_share": 0}, CATALOG)
    assert r.blended_per_1m_usd == pytest.approx(19.4)
    assert r.saving_fraction == pytest.approx(1 - 19.4 / 60)


def test_baseline_cheaper_than_the_mix_is_a_negative_saving() -> None:
    r = routing({"routes": [{"price_per_1m": 4, "share": 1}], "baseline_price_per_1m": 2},
                CATALOG)
    assert r.saving_fraction == pytest.approx(-1.0)
    assert "more against" in r.headline


def test_shares_not_adding_to_100_percent_say_sum_and_fix() -> None:
    with pytest.raises(InputError) as err:
        routing({"routes": [{"model": "gpt-4-2023", "share": 0.3},
                            {"price_per_1m": 1, "share": 0.6}]}, CATALOG)
    assert err.value.field == "routes"
    assert "30% + 60% = 90%" in str(err.value) and "100%" in str(err.value)


def test_shares_within_tolerance_are_accepted() -> None:
    r = routing({"routes": [{"price_per_1m": 3, "share": 0.3333},
                            {"price_per_1m": 3, "share": 0.6670}]}, CATALOG)
    assert r.blended_per_1m_usd == pytest.approx(3 * 1.0003)


def test_a_route_without_a_share_takes_the_rest_and_says_so() -> None:
    r = routing({"routes": [{"price_per_1m": 0.4, "share": "85%"}, {"price_per_1m": 6}], "monthly_tokens": 2e9},
                CATALOG)
    assert [row.share for row in r.rows] == pytest.approx([0.85, 0.15])
    assert r.blended_per_1m_usd == pytest.approx(1.24) and r.blended_monthly_usd == pytest.approx(2480)
    assert any("takes the rest" in a and "100% - 85% = 15%" in a for a in r.assumptions)


@pytest.mark.parametrize(("data", "match"), [
    ({}, "either routes"),
    ({"routes": [{"price_per_1m": 1}, {"price_per_1m": 2}]}, "one route only"),
    ({"routes": [{"price_per_1m": 1, "share": 0.7}, {"price_per_1m": 2, "share": 0.4}, {"price_per_1m": 3}]},
     "leave room"),
    ({"cheap_share": 0.7}, "cheap_price_ratio"),
    ({"routes": [{"price_per_1m": 1, "share": 1}], "cheap_share": 0.5, "cheap_price_ratio": 2},
     "not both"),
    ({"routes": [{"share": 1}]}, "model name"),
    ({"cheap_share": 0.7, "cheap_price_ratio": 0.5}, "cheap_price_ratio"),
])
def test_invalid_input_says_what_to_give(data: dict, match: str) -> None:
    with pytest.raises(InputError, match=match):
        routing(data, CATALOG)


def test_unknown_model_suggests_names() -> None:
    with pytest.raises(UnknownModelError) as err:
        routing({"routes": [{"model": "gpt-4-2023x-zz", "share": 1}]}, CATALOG)
    assert err.value.suggestions


prices = st.floats(0, 1_000, allow_nan=False, allow_infinity=False, allow_subnormal=False)


@settings(max_examples=80, deadline=None)
@given(st.lists(st.tuples(prices, st.floats(0.01, 1)), min_size=1, max_size=8))
def test_blended_price_lies_between_min_and_max_route_price(routes) -> None:
    total = sum(w for _, w in routes)
    data = {"routes": [{"price_per_1m": p, "share": w / total} for p, w in routes]}
    r = routing(data, CATALOG)
    low, high = min(p for p, _ in routes), max(p for p, _ in routes)
    assert low - 1e-9 * high <= r.blended_per_1m_usd <= high * (1 + 1e-9)


def test_todays_monthly_bill_becomes_the_routed_bill() -> None:
    r = routing({"cheap_share": "85%", "cheap_price_ratio": 20, "monthly_bill_usd": 240_000})
    assert r.blended_to_baseline == pytest.approx(0.1925)
    assert r.blended_monthly_usd == pytest.approx(46_200) and r.baseline_monthly_usd == 240_000
    assert r.monthly_saving_usd == pytest.approx(193_800)
    assert "$240,000 x 0.1925 = $46,200" in r.formula and "$46,200" in r.headline


def test_a_bill_and_a_token_volume_together_are_refused() -> None:
    with pytest.raises(InputError, match="monthly_bill_usd or monthly_tokens"):
        routing({"cheap_share": "50%", "cheap_price_ratio": 10, "monthly_bill_usd": 1000, "monthly_tokens": 1e9})
