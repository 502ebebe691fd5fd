"""What real bills have: each component priced separately, long-context tiers, service tiers, reasoning tokens,
per-request fees, one shared pricing input. Every expected figure is worked out by hand in the comment beside it."""

from __future__ import annotations

from datetime import date

import pytest

from tools.catalog import Catalog
from tools.errors import InputError
from tools.pricing import Pricing
from tools.registry import TOOLS
from tools.token_cost import token_cost

TODAY = date(2026, 12, 2)


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return Catalog(today=TODAY)


ONE_QUERY = {"users": 1, "queries_per_user": 1, "query_period": "month"}


def test_cache_writes_five_minute_and_one_hour_are_priced_separately() -> None:
    # 10,000 input tokens: 20% read from cache, 30% written for 5 minutes, 10% written for 1 hour, 40% plain.
    # 4,000 x $3 + 2,000 x $0.30 + 3,000 x $3.75 + 1,000 x $6 = $12 + $0.6 + $11.25 + $6 = $29.85 per 1M
    # -> $0.02985; 500 output x $15 / 1M = $0.0075; total $0.03735.
    r = token_cost({**ONE_QUERY, "input_tokens_per_query": 10_000, "output_tokens_per_query": 500,
                    "input_price": 3, "output_price": 15, "cached_input_price": 0.3, "cache_write_price": 3.75,
                    "cache_write_1h_price": 6, "cached_input_share": "20%", "cache_write_share": "30%",
                    "cache_write_1h_share": "10%"})
    assert r.cost_per_query_usd == pytest.approx(0.03735)
    names = {c.name: c.cost_usd for c in r.components}
    assert names["cache write 5m"] == pytest.approx(0.01125) and names["cache write 1h"] == pytest.approx(0.006)
    assert "cache write 1h" in r.formula


def test_catalog_cache_write_prices_change_the_bill(catalog: Catalog) -> None:
    # claude-sonnet-4-5: $3 input, $3.75 5-minute write, $15 output per 1M. 1,000 input, half written to the cache:
    # 500 x $3 + 500 x $3.75 = $3,375 per 1B -> $0.003375; + 200 x $15 = $0.003 -> $0.006375 (vs $0.006 unwritten).
    base = {**ONE_QUERY, "input_tokens_per_query": 1_000, "output_tokens_per_query": 200, "model": "claude-sonnet-4-5"}
    plain = token_cost(base, catalog)
    written = token_cost({**base, "cache_write_share": 0.5}, catalog)
    assert plain.cost_per_query_usd == pytest.approx(0.006)
    assert written.cost_per_query_usd == pytest.approx(0.006375)


def test_long_context_tier_bills_the_whole_request_at_the_higher_rate(catalog: Catalog) -> None:
    # gemini-2.5-pro: $1.25 / $10 per 1M up to 200,000 input tokens; above, the whole request at $2.50 / $15.
    # 200,000 in + 1,000 out: 0.2 x 1.25 + 0.001 x 10 = $0.26. 200,001 in: 0.200001 x 2.5 + 0.001 x 15 = $0.5150025.
    at = token_cost({**ONE_QUERY, "input_tokens_per_query": 200_000, "output_tokens_per_query": 1_000,
                     "model": "gemini-2.5-pro"}, catalog)
    past = token_cost({**ONE_QUERY, "input_tokens_per_query": 200_001, "output_tokens_per_query": 1_000,
                       "model": "gemini-2.5-pro"}, catalog)
    assert at.cost_per_query_usd == pytest.approx(0.26) and at.long_context_tier is None
    assert past.cost_per_query_usd == pytest.approx(0.5150025) and past.long_context_tier == 200_000
    assert "long-context tier" in past.formula


def test_long_context_tier_given_with_your_own_prices() -> None:
    # 300,000 input > 200,000: whole request at $6 / $22.50 -> 0.3 x 6 + 0.002 x 22.5 = $1.845.
    r = token_cost({**ONE_QUERY, "input_tokens_per_query": 300_000, "output_tokens_per_query": 2_000,
                    "input_price": 3, "output_price": 15, "long_context_threshold": 200_000,
                    "long_context_input_price": 6, "long_context_output_price": 22.5})
    assert r.cost_per_query_usd == pytest.approx(1.845)


def test_batch_uses_the_catalogs_batch_price(catalog: Catalog) -> None:
    # gpt-4.1 batch in genai-prices: $1 / $4 per 1M (standard $2 / $8). 750 in + 250 out:
    # standard 750 x 2 + 250 x 8 = $0.0035; batch 750 x 1 + 250 x 4 = $0.00175.
    base = {**ONE_QUERY, "tokens_per_query": 1_000, "model": "gpt-4.1"}
    assert token_cost(base, catalog).cost_per_query_usd == pytest.approx(0.0035)
    batch = token_cost({**base, "service_tier": "batch"}, catalog)
    assert batch.cost_per_query_usd == pytest.approx(0.00175)
    assert any("batch variant" in a for a in batch.assumptions)


def test_priority_uses_the_catalogs_priority_price(catalog: Catalog) -> None:
    # gpt-4.1 priority: $3.50 / $14 per 1M. 750 x 3.5 + 250 x 14 = $0.006125 per query.
    r = token_cost({**ONE_QUERY, "tokens_per_query": 1_000, "model": "gpt-4.1", "service_tier": "priority"}, catalog)
    assert r.cost_per_query_usd == pytest.approx(0.006125)


def test_a_tier_the_catalog_lacks_takes_the_sourced_table_multiplier(catalog: Catalog) -> None:
    # gpt-4.1 has no flex variant in genai-prices; OpenAI's flex rule is 50%: 0.5 x $0.0035 = $0.00175.
    r = token_cost({**ONE_QUERY, "tokens_per_query": 1_000, "model": "gpt-4.1", "service_tier": "flex"}, catalog)
    assert r.cost_per_query_usd == pytest.approx(0.00175)
    assert any(s.model == "flex tier" and s.url for s in r.sources)


def test_a_tier_nobody_prices_is_an_error_that_says_what_to_give(catalog: Catalog) -> None:
    with pytest.raises(InputError, match="no priority price") as err:
        token_cost({**ONE_QUERY, "tokens_per_query": 1_000, "price": 2, "service_tier": "priority"}, catalog)
    assert "input_price and output_price" in err.value.hint


def test_batch_on_a_price_you_give_is_half_and_says_so() -> None:
    # $2 per 1M blended, 1,000 tokens: $0.002 standard, $0.001 batch (the 50% every listed provider gives).
    r = token_cost({**ONE_QUERY, "tokens_per_query": 1_000, "price": 2, "service_tier": "batch"})
    assert r.cost_per_query_usd == pytest.approx(0.001)
    assert any("standard price you gave" in a for a in r.assumptions)


def test_reasoning_tokens_bill_as_output_with_the_thinking_share_stated() -> None:
    # 500 in, 200 visible out at $1 / $4 per 1M; thinking share 75% -> 200 x 0.75 / 0.25 = 600 reasoning tokens.
    # 500 x 1 + (200 + 600) x 4 = $3,700 per 1B -> $0.0037 (vs $0.0013 without reasoning).
    base = {**ONE_QUERY, "input_tokens_per_query": 500, "output_tokens_per_query": 200, "input_price": 1,
            "output_price": 4}
    assert token_cost(base).cost_per_query_usd == pytest.approx(0.0013)
    r = token_cost({**base, "reasoning_share": "75%"})
    assert r.reasoning_tokens_per_query == pytest.approx(600)
    assert r.cost_per_query_usd == pytest.approx(0.0037)
    assert any("Thinking share 75%" in a for a in r.assumptions)
    assert token_cost({**base, "reasoning_tokens_per_query": 600}).cost_per_query_usd == pytest.approx(0.0037)


def test_per_request_fee_from_the_catalog(catalog: Catalog) -> None:
    # perplexity sonar: $1 / $1 per 1M and $12 per 1,000 requests in genai-prices: 1,000 tokens -> $0.001 + $0.012.
    r = token_cost({**ONE_QUERY, "tokens_per_query": 1_000, "model": "sonar on perplexity"}, catalog)
    assert r.cost_per_query_usd == pytest.approx(0.013)
    assert any(c.name == "request fee" for c in r.components)


def test_every_calculator_that_takes_a_price_shares_the_one_pricing_model() -> None:
    takes = {t.name for t in TOOLS if issubclass(t.input_model, Pricing)}
    assert {"token_cost", "pricing_plan", "caching", "self_host", "sweep", "sensitivity", "monte_carlo"} <= takes
    from tools.compare import Option
    from tools.routing import Route
    assert issubclass(Option, Pricing) and issubclass(Route, Pricing)
    for tool in TOOLS:  # the planner reads every pricing field's variable from the calculators themselves
        fields = tool.input_model.model_fields
        if "price" in fields:
            assert fields["price"].json_schema_extra == {"var": "token_price"}
            assert fields["service_tier"].json_schema_extra == {"var": "service_tier"}


def test_old_argument_shapes_still_mean_the_same_price(catalog: Catalog) -> None:
    from tools.registry import get_tool
    # self_host's api_price_per_1m / api_model, routing's baseline_price_per_1m, scenario's price_per_1m.
    host = get_tool("self_host").run({"gpu_hourly_usd": 2, "tokens_per_second": 1_000, "api_price_per_1m": 3}, catalog)
    assert host.api_per_1m_usd == 3  # type: ignore[attr-defined]
    route = get_tool("routing").run({"routes": [{"price_per_1m": 1, "share": 0.5}, {"price_per_1m": 3, "share": 0.5}],
                                     "baseline_price_per_1m": 4}, catalog)
    assert route.blended_per_1m_usd == 2 and route.baseline_per_1m_usd == 4  # type: ignore[attr-defined]
    with pytest.raises(InputError, match="not both"):
        token_cost({**ONE_QUERY, "tokens_per_query": 1_000, "price": 2, "price_per_1m": 3})


def test_batch_reaches_compare_routing_and_scenarios(catalog: Catalog) -> None:
    from tools.registry import get_tool
    # compare per 1M tokens (750k in / 250k out): gpt-4.1 $3.50, its batch $1.75 -> ratio 2.
    cmp = get_tool("compare").run({"options": [{"model": "gpt-4.1"}, {"model": "gpt-4.1", "service_tier": "batch"}]},
                                  catalog)
    assert cmp.max_ratio == pytest.approx(2)  # type: ignore[attr-defined]
    # routing blends 75/25: gpt-4.1 batch 0.75 x 1 + 0.25 x 4 = $1.75 per 1M.
    route = get_tool("routing").run({"routes": [{"model": "gpt-4.1", "service_tier": "batch", "share": 1}]}, catalog)
    assert route.blended_per_1m_usd == pytest.approx(1.75)  # type: ignore[attr-defined]
    # sweep/sensitivity/Monte Carlo scenario: 1,000 users x 10 a day x 30 x 1,000 tokens x $1.75 / 1M = $525.
    mc = get_tool("sensitivity").run({"users": 1_000, "queries_per_user": 10, "model": "gpt-4.1",
                                      "service_tier": "batch", "metric": "monthly_cost"}, catalog)
    assert mc.base_metric == pytest.approx(525)  # type: ignore[attr-defined]


def test_your_prices_file_takes_every_component_tier_and_service_tier(tmp_path) -> None:
    prices = tmp_path / "prices.yaml"
    prices.write_text("models:\n  - model: my-model\n    provider: me\n    input_per_1m: 1\n    output_per_1m: 4\n"
                      "    long_context: [{above_input_tokens: 100000, input_per_1m: 2, output_per_1m: 8}]\n"
                      "    service_tiers: {batch: {input_per_1m: 0.5, output_per_1m: 2}}\n"
                      "    as_of: 2026-11-01\n    origin: my quote\n")
    mine = Catalog(prices, today=TODAY)
    # 200,000 in > 100,000: 0.2 x $2 + 0.001 x $8 = $0.408. Batch, 1,000 in + 1,000 out: 0.001 x 0.5 + 0.001 x 2.
    long = token_cost({**ONE_QUERY, "input_tokens_per_query": 200_000, "output_tokens_per_query": 1_000,
                       "model": "my-model"}, mine)
    batch = token_cost({**ONE_QUERY, "input_tokens_per_query": 1_000, "output_tokens_per_query": 1_000,
                        "model": "my-model", "service_tier": "batch"}, mine)
    assert long.cost_per_query_usd == pytest.approx(0.408) and batch.cost_per_query_usd == pytest.approx(0.0025)
