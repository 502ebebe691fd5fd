from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tools.catalog import Catalog
from tools.compare import compare
from tools.errors import InputError, UnknownModelError

CATALOG = Catalog(today=date(2026, 11, 24))
OUTPUT_ONLY = {"users": 100_000, "queries_per_user": 20, "input_tokens_per_query": 0,
               "output_tokens_per_query": 1_000}


def test_seed_gpt4_output_is_30x_gpt35() -> None:
    # 100,000 x 20 x 30 x 1,000 output tokens = 60B tokens a month:
    # GPT-3.5 $2 per 1M -> $120,000; GPT-4 $60 -> $3,600,000 (30x); DeepSeek R1 $7 -> $420,000.
    r = compare({**OUTPUT_ONLY, "options": [{"model": "gpt-4-2023"},
                                            {"model": "gpt-3.5-turbo-2023"},
                                            {"model": "deepseek-r1-article"}]}, CATALOG)
    costs = {row.label: row.monthly_cost_usd for row in r.rows}
    assert costs == pytest.approx({"gpt-4-2023": 3_600_000, "gpt-3.5-turbo-2023": 120_000,
                                   "deepseek-r1-article": 420_000})
    ratios = {row.label: row.ratio_to_cheapest for row in r.rows}
    assert ratios == pytest.approx({"gpt-4-2023": 30, "gpt-3.5-turbo-2023": 1,
                                    "deepseek-r1-article": 3.5})
    assert r.cheapest_label == "gpt-3.5-turbo-2023" and r.dearest_label == "gpt-4-2023"
    assert r.max_ratio == pytest.approx(30)
    assert "30x" in r.headline and "30x" in r.formula and r.basis == "per month"
    assert {s.model for s in r.sources} == {"gpt-4-2023", "gpt-3.5-turbo-2023",
                                            "deepseek-r1-article"}
    assert r.rows[0].cost_per_query_usd == pytest.approx(0.06)


def test_a_third_option_is_named_in_the_headline() -> None:
    # 15M queries of 1,200 in / 300 out: 4o $0.006 -> $90,000; mini $0.00036 -> $5,400; haiku $0.0027 -> $40,500 (7.5x)
    r = compare({"options": [{"model": "gpt-4o"}, {"model": "gpt-4o-mini"}, {"model": "claude-haiku-4-5"}],
                 "users": 50_000, "queries_per_user": 10, "input_tokens_per_query": 1200,
                 "output_tokens_per_query": 300}, CATALOG)
    assert "gpt-4o costs 16.67x as much ($90,000)" in r.headline
    assert "between them claude-haiku-4-5 at $40,500 (7.5x)" in r.headline


def test_seed_gpt4_is_about_8_6x_deepseek_r1() -> None:
    # $60 / $7 per 1M = 8.571x.
    r = compare({**OUTPUT_ONLY, "options": [{"model": "gpt-4-2023", "label": "GPT-4"},
                                            {"model": "deepseek-r1-article",
                                             "label": "DeepSeek R1"}]}, CATALOG)
    assert r.cheapest_label == "DeepSeek R1"
    assert r.max_ratio == pytest.approx(60 / 7)
    assert "8.57x" in r.headline


def test_prices_without_usage_are_compared_per_1m_tokens() -> None:
    # $60 per 1M vs $0.002 per 1K (= $2 per 1M): 30x.
    r = compare({"options": [{"price": 60, "label": "GPT-4 output"},
                             {"price": 0.002, "price_unit": "per_1k"}]}, CATALOG)
    assert r.basis == "per 1M tokens"
    assert [row.monthly_cost_usd for row in r.rows] == pytest.approx([60, 2])
    assert r.rows[1].label == "$0.002 per 1K tokens"
    assert r.max_ratio == pytest.approx(30)
    assert any("compared on 1M tokens" in a for a in r.assumptions)


def test_scenarios_with_their_own_usage() -> None:
    # A: 1,000 x 10 x 30 x 500 x $2/1M = $300; B: 2,000 x 300 a month x 500 x $1/1M = $300.
    # C: 1,000 x 5 per day x 30 x 2,000 x $3/1M = $900 -> 3x the cheapest.
    r = compare({"scenarios": [
        {"label": "A", "users": 1_000, "queries_per_user": 10, "tokens_per_query": 500,
         "price": 2},
        {"label": "B", "users": 2_000, "queries_per_user": 300, "query_period": "month",
         "tokens_per_query": 500, "price": 1},
        {"label": "C", "users": 1_000, "queries_per_user": 5, "tokens_per_query": 2_000,
         "price": 3}]}, CATALOG)
    assert [row.monthly_cost_usd for row in r.rows] == pytest.approx([300, 300, 900])
    assert r.cheapest_label == "A" and r.dearest_label == "C" and r.max_ratio == pytest.approx(3)


def test_split_prices_and_duplicate_labels() -> None:
    # 750 in + 250 out per query: $1/$4 per 1M -> 0.00075 + 0.001 = $0.00175 per query.
    r = compare({"users": 1, "queries_per_user": 1, "input_tokens_per_query": 750,
                 "output_tokens_per_query": 250,
                 "options": [{"input_price": 1, "output_price": 4}, {"price": 1.75},
                             {"price": 1.75}]}, CATALOG)
    assert r.rows[0].cost_per_query_usd == pytest.approx(0.00175)
    assert r.rows[0].label == "$1 in / $4 out per 1M tokens"
    assert len({row.label for row in r.rows}) == 3
    assert all(row.ratio_to_cheapest == pytest.approx(1) for row in r.rows)


def test_free_option_makes_ratios_undefined() -> None:
    r = compare({"options": [{"price": 0}, {"price": 2}]}, CATALOG)
    assert r.rows[1].ratio_to_cheapest is None and r.max_ratio is None
    assert any("undefined" in a for a in r.assumptions)


@pytest.mark.parametrize(("data", "field", "match"), [
    ({"options": [{"model": "gpt-4-2023"}]}, "options", "at least 2"),
    ({}, "", "either options"),
    ({"users": 5, "options": [{"price": 1}, {"price": 2}]}, "", "queries each user makes"),
    ({"options": [{"price": 1}, {"label": "x"}]}, "options", "model name"),
    ({"users": 1, "scenarios": [{"users": 1, "queries_per_user": 1, "tokens_per_query": 1,
                                 "price": 1}] * 2}, "", "inside each scenario"),
    ({"scenarios": [{"users": -1, "queries_per_user": 1, "tokens_per_query": 1, "price": 1}] * 2},
     "scenarios", "users must be positive"),
])
def test_invalid_input_names_field(data: dict, field: str, match: str) -> None:
    with pytest.raises(InputError, match=match) as err:
        compare(data, CATALOG)
    assert err.value.field == field


def test_unknown_model_is_reported_with_suggestions() -> None:
    with pytest.raises(UnknownModelError) as err:
        compare({"options": [{"model": "gpt-4-2023"}, {"model": "gpt-zzz-9"}]}, CATALOG)
    assert err.value.suggestions and "gpt-zzz-9" in str(err.value)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.floats(0.01, 1_000), min_size=2, max_size=10))
def test_ratios_are_cost_over_the_cheapest(prices) -> None:
    r = compare({"options": [{"price": p} for p in prices]}, CATALOG)
    assert r.rows[[row.label for row in r.rows].index(r.cheapest_label)].ratio_to_cheapest == 1
    for row, price in zip(r.rows, prices, strict=True):
        assert row.ratio_to_cheapest == pytest.approx(price / min(prices))


def test_words_per_query_use_the_750_words_rule() -> None:
    # 750 words = 1,000 tokens: 1,000 x 10 x 30 x 1,000 x $2/1M = $600; $4/1M -> $1,200 (2x).
    r = compare({"users": 1_000, "queries_per_user": 10, "words_per_query": 750,
                 "options": [{"price": 2}, {"price": 4}]}, CATALOG)
    assert [row.monthly_cost_usd for row in r.rows] == pytest.approx([600, 1_200])
    assert r.max_ratio == pytest.approx(2)


def test_segments_of_one_workload_are_summed_not_ranked() -> None:
    usage = {"model": "gpt-4o-mini", "input_tokens_per_query": 1000, "output_tokens_per_query": 200}
    result = compare({"segments": True, "scenarios": [{"label": "Free", "users": 50_000, "queries_per_user": 3, **usage},
                                                     {"label": "Pro", "users": 8_000, "queries_per_user": 25, **usage}]})
    assert result.total_monthly_usd == pytest.approx(2_835)
    assert result.formula == "total = sum of the segments' monthly costs = $1,215 + $1,620 = $2,835 a month"
    assert result.headline.startswith("Per segment: Free $1,215, Pro $1,620 a month; together $2,835 a month")
    plain = compare({"scenarios": [{"label": "Free", "users": 50_000, "queries_per_user": 3, **usage},
                                   {"label": "Pro", "users": 8_000, "queries_per_user": 25, **usage}]})
    assert plain.total_monthly_usd is None and "total" not in plain.formula
