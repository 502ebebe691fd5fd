"""Planner v2 reads what real bills have (#13 §2): a service tier named in words, cache writes (price and
share, 5-minute or 1-hour), a fee per request beside token prices, and a share whose own predicate says
what it is a share of. Each kind is checked in several wordings, and against a question that must not
trigger it.
"""

from __future__ import annotations

import pytest

from assistant.planner.lexicon import service_tier
from assistant.planner.plan import Plan, make_plan
from tools.token_cost import token_cost


def _token_cost_args(plan: Plan) -> dict:
    [args] = [s.args for s in plan.steps if s.tool == "token_cost"]
    return args


@pytest.mark.parametrize(("text", "tier"), [
    ("we send these through the batch API overnight", "batch"),
    ("run as batch jobs", "batch"),
    ("using OpenAI's batch endpoint", "batch"),
    ("with batch pricing", "batch"),
    ("submitted in batches", "batch"),
    ("on flex processing", "flex"),
    ("service_tier=flex", "flex"),
    ("we pay for priority processing", "priority"),
    ("at batch size 32 on an H100", None),
    ("we process documents in batches of 50", None),
    ("a batch of new customers signed up", None),
    ("priority support customers", None),
])
def test_a_service_tier_is_read_from_its_own_words(text: str, tier: str | None) -> None:
    assert service_tier(text) == tier


@pytest.mark.parametrize("question", [
    "10,000 users, 5 queries a day, 1,000 input and 300 output tokens on gpt-4.1 via the Batch API: monthly cost?",
    "Monthly cost on gpt-4.1 with batch pricing for 10k users making 5 queries per day of 1,000 input and 300 "
    "output tokens?",
    "What would gpt-4.1 run us per month as batch jobs: 1,000 in / 300 out tokens, 5 requests a day, 10,000 users?",
])
def test_the_batch_tier_halves_a_catalog_price_and_says_so(question: str) -> None:
    args = _token_cost_args(make_plan(question))
    assert args["service_tier"] == "batch" and args["users"] == 10_000
    standard = token_cost({**args, "service_tier": "standard"})
    batch = token_cost(args)
    assert batch.cost_per_month_usd == pytest.approx(standard.cost_per_month_usd / 2)
    assert any("batch" in a.lower() for a in batch.assumptions)


@pytest.mark.parametrize("prices", [
    "$3/M input, $15/M output, cache reads $0.30/M, cache writes $3.75/M",
    "input $3 per million, output $15 per million, $0.30 per million for cached reads and $3.75 per million for "
    "cache writes",
])
@pytest.mark.parametrize("shares", [
    "80% of input tokens are read from the cache and 10% are written to the cache",
    "80% of the input is served from the cache; cache writes are 10% of input",
])
def test_cache_writes_are_priced_apart_from_reads(prices: str, shares: str) -> None:
    question = (f"2,000 agents, 40 requests a day each, 12,000 input and 400 output tokens per request. Prices "
                f"{prices}. {shares}. Monthly cost?")
    args = _token_cost_args(make_plan(question))
    assert args["cache_write_price"] == 3.75 and args["cached_input_price"] == 0.3
    assert args["cached_input_share"] == "80%" and args["cache_write_share"] == "10%"
    per_query = 1_200 * 3e-6 + 9_600 * 0.3e-6 + 1_200 * 3.75e-6 + 400 * 15e-6
    assert token_cost(args).cost_per_month_usd == pytest.approx(2_000 * 40 * 30 * per_query)


def test_a_one_hour_cache_write_is_its_own_price_and_share() -> None:
    args = _token_cost_args(make_plan(
        "500 users, 20 queries a day, 8,000 input and 200 output tokens; $3/M input, $15/M output, 1-hour cache "
        "writes $6/M, and 25% of input is written to the 1-hour cache. Monthly cost?"))
    assert args["cache_write_1h_price"] == 6 and args["cache_write_1h_share"] == "25%"
    assert "cache_write_price" not in args


@pytest.mark.parametrize("fee", [
    "a web search on every query costs a flat $0.005 per request on top of tokens",
    "there is a $0.005 search fee per query",
    "plus $0.005 per request for the tool call",
])
def test_a_fee_per_request_beside_token_prices_is_added_to_every_request(fee: str) -> None:
    args = _token_cost_args(make_plan(
        f"10,000 users, 3 queries a day, each 1,500 input + 500 output tokens at $0.15/M input and $0.60/M output; "
        f"{fee}. Cost per query and per month?"))
    assert args["request_price_usd"] == 0.005
    assert token_cost(args).cost_per_query_usd == pytest.approx(1_500 * 0.15e-6 + 500 * 0.6e-6 + 0.005)


def test_an_amount_per_query_without_token_prices_is_still_the_cost_per_query() -> None:
    plan = make_plan("Each query costs us $0.004 and 2,000 users make 10 queries a day. Monthly cost?")
    assert any(s.args.get("cost_per_query_usd") == 0.004 or s.args.get("cost_per_query") == 0.004
               for s in plan.steps), [s.args for s in plan.steps]


@pytest.mark.parametrize(("share", "var"), [
    ("70% of our tokens are input", "input_share"),
    ("70% of the bill is input", "input_share"),
    ("60% of requests are routed to the small model", "traffic_share"),
])
def test_a_share_whose_predicate_names_its_kind_keeps_that_kind(share: str, var: str) -> None:
    from assistant.planner.grammar import parse
    from assistant.planner.roles import read

    reading = read(parse(f"We spend $10,000 a month; {share}."))
    assert reading.get(var) is not None and reading.get(var).value in (70, 60)  # type: ignore[union-attr]


@pytest.mark.parametrize("thinking", [
    "the thinking share is 80% of output",
    "80% of output tokens are reasoning",
    "reasoning tokens are 80% of the output",
])
def test_a_thinking_share_bills_reasoning_tokens_as_output(thinking: str) -> None:
    args = _token_cost_args(make_plan(
        f"1,000 users ask 10 questions a day; 2,000 input and 500 visible output tokens per question, and {thinking}. "
        "$1.10/M input, $4.40/M output. What is the monthly cost?"))
    assert args["reasoning_share"] == "80%"
    result = token_cost(args)
    assert result.reasoning_tokens_per_query == pytest.approx(2_000)
    assert result.cost_per_month_usd == pytest.approx(1_000 * 10 * 30 * (2_000 * 1.1e-6 + 2_500 * 4.4e-6))


@pytest.mark.parametrize("question", [
    "Overnight enrichment: 300,000 product records a month, 1,200 input and 300 output tokens each, $1/M in and $4/M "
    "out. Monthly cost?",
    "Monthly cost to classify 10,000 tickets a day at 1,500 tokens per ticket and $0.50 per million tokens?",
    "A nightly job summarises 40k documents per week; each is 3,000 input and 200 output tokens at $0.20/$0.80 per "
    "1M. What does it cost a month?",
])
def test_usage_with_no_one_named_is_the_whole_traffic(question: str) -> None:
    plan = make_plan(question)
    args = _token_cost_args(plan)
    assert args["users"] == 1 and any("total rate" in n for n in plan.notes)


def test_usage_beside_a_named_population_still_asks_how_many() -> None:
    plan = make_plan("Every customer sends 25 queries a day of 1,500 tokens at $0.40 per million. What is the "
                     "total monthly bill across our customer base?")
    assert not plan.steps or all(s.tool != "token_cost" for s in plan.steps)
