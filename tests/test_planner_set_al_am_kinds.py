"""Planner v2, kinds found by first-sight sets AL and AM, each checked in several wordings."""

from __future__ import annotations

import pytest

from assistant.planner.plan import make_plan
from tools.compare import compare
from tools.token_cost import token_cost

_MODELS = "gpt-5-mini, claude-haiku-4-5 and gemini-2.5-flash"


@pytest.mark.parametrize("mix", ["an 80/20 in/out split", "80/20 input/output", "an input/output split of 80/20",
                                 "a 80/20 prompt/completion mix", "80 / 20 in/out"])
@pytest.mark.parametrize("ask", [f"Which is cheapest per 1M tokens out of {_MODELS}, at {{mix}}?",
                                 f"At {{mix}}, compare {_MODELS} per million tokens.",
                                 f"cheapest of {_MODELS}? {{mix}}"])
def test_a_token_mix_beside_models_blends_their_prices_and_is_no_traffic_split(mix: str, ask: str) -> None:
    plan = make_plan(ask.format(mix=mix))
    [step] = plan.steps
    assert step.tool == "compare" and step.args["input_share"] == "80%" and len(step.args["options"]) == 3
    assert plan.understood


@pytest.mark.parametrize("split", ["a 70/30 split between gpt-4o-mini and gpt-4o", "route 70/30 to gpt-4o-mini and "
                                   "gpt-4o"])
def test_a_pair_of_shares_without_token_words_stays_a_traffic_split(split: str) -> None:
    plan = make_plan(f"We push 2B tokens a month with {split}. What's the blended price?")
    assert plan.steps[0].tool == "routing"
    assert [r["share"] for r in plan.steps[0].args["routes"]] == ["70%", "30%"]


@pytest.mark.parametrize(("mix", "share"), [("(75/25)", "75%"), ("(80/20 blend)", "80%"),
                                            ("at a 70/30 in/out mix", "70%")])
def test_a_mix_after_the_api_model_beside_gpus_blends_the_api_price(mix: str, share: str) -> None:
    plan = make_plan("We'd self-host llama 3.3 70b on H200s for ~25B tokens/mo at 60% utilization with the published "
                     f"throughput. How many GPUs, the monthly cost, and vs running it all on claude-haiku-4-5 {mix}?")
    [step] = plan.steps
    assert step.tool == "self_host" and step.args["model"] == "claude-haiku-4-5"
    assert step.args["api_input_share"] == share and step.args["gpu"] == "H200"


@pytest.mark.parametrize("words", ["1,500 words going in and 300 words coming out",
                                   "1500 words of input and 300 words of output", "1.5k words in, 300 words out"])
def test_words_in_and_out_are_the_usage_of_a_comparison(words: str) -> None:
    plan = make_plan(f"We have 2,000 users making 50 questions a month each, {words} per question. Compare the monthly "
                     "price of deepseek-chat and gpt-4o-mini.")
    [step] = plan.steps
    assert step.tool == "compare"
    assert (step.args["input_words_per_query"], step.args["output_words_per_query"]) == (1500, 300)


def test_the_input_share_splits_a_total_of_tokens_in_the_calculators() -> None:
    res = token_cost({"users": 1, "queries_per_user": 1, "query_period": "month", "tokens_per_query": 1_000_000,
                      "price_unit": "per_1m", "input_price": 1, "output_price": 5, "input_share": "80%"})
    assert res.cost_per_query_usd == pytest.approx(0.8 * 1 + 0.2 * 5)
    assert any("80% are taken as input" in a for a in res.assumptions)
    per_1m = compare({"options": [{"model": "claude-haiku-4-5"}, {"model": "gpt-4o-mini"}], "input_share": "80%"})
    haiku = next(r for r in per_1m.rows if r.label == "claude-haiku-4-5")
    assert haiku.monthly_cost_usd == pytest.approx(0.8 * 1 + 0.2 * 5)


@pytest.mark.parametrize("ask", ["What does that save per month?", "How much would that save us a month, and the new "
                                 "monthly bill?", "Monthly savings?"])
@pytest.mark.parametrize("hit", ["would answer 22% of requests", "should catch 22% of queries",
                                 "answers about 22% of calls"])
def test_a_bill_given_is_the_base_of_a_saving_asked_per_month(ask: str, hit: str) -> None:
    plan = make_plan(f"Our OpenAI invoice is about $84,000 a month. A semantic cache {hit}, and a hit still costs ~5% "
                     f"of a normal request. {ask}")
    [step] = plan.steps
    assert step.args == {"monthly_bill_usd": 84000, "hit_rate": "22%", "hit_cost_ratio": "5%"}
    assert "saving" in [a.var for a in plan.asks]


@pytest.mark.parametrize("parts", ["an 8k token system prompt + ~500 tok user msg", "8,000 tokens of system prompt plus "
                                   "a 500-token user message"])
@pytest.mark.parametrize("cached", ["the 8k system prompt is a cache read basically every time",
                                    "the 8,000 prompt tokens are read from the cache every time"])
def test_input_in_parts_is_added_by_the_calculator_and_a_part_named_again_as_cached_is_the_cached_part(
        parts: str, cached: str) -> None:
    plan = make_plan(f"claude-sonnet-4-5, 50k calls/day, each call = {parts}, ~400 tok out. With prompt caching "
                     f"{cached} (ignore cache writes). Monthly cost?")
    [step] = plan.steps
    assert step.args["input_token_parts"] == [8000, 500] and "input_tokens_per_query" not in step.args
    assert step.args["cached_input_tokens_per_query"] == 8000 and plan.understood


@pytest.mark.parametrize("versus", ["how much do we save vs no caching?", "what's the saving compared with not "
                                    "caching?", "and the saving versus no prompt caching?"])
def test_a_cached_part_said_twice_is_one_figure_and_a_saving_against_no_cache_compares_both_bills(versus: str) -> None:
    plan = make_plan("We send 50,000 requests a day to claude-sonnet-4-5. Each request has 6,000 input tokens, of which "
                     "5,000 are the same system prompt, and ~400 output tokens. If those 5,000 tokens are read from the "
                     f"cache every time, what's the monthly bill, and {versus}")
    [step] = plan.steps
    assert step.tool == "compare" and [s["label"] for s in step.args["scenarios"]] == ["with caching",
                                                                                     "without caching"]
    assert step.args["scenarios"][0]["cached_input_tokens_per_query"] == 5000 and plan.understood


def test_the_calculator_adds_input_parts_and_says_so() -> None:
    res = token_cost({"users": 1, "queries_per_user": 1, "query_period": "month", "input_token_parts": [8000, 500],
                      "output_tokens_per_query": 400, "model": "claude-sonnet-4-5"})
    assert res.cost_per_query_usd == pytest.approx(8500 * 3e-6 + 400 * 15e-6)
    assert any("8,000 + 500 = 8,500" in a for a in res.assumptions)
    with pytest.raises(Exception, match="not both"):
        token_cost({"users": 1, "queries_per_user": 1, "input_token_parts": [1, 2], "input_tokens_per_query": 3,
                    "output_tokens_per_query": 1, "model": "claude-sonnet-4-5"})


@pytest.mark.parametrize(("usage", "days"), [("25 queries per workday, 22 workdays", 22),
                                             ("25 queries a working day over 21 working days", 21),
                                             ("25 queries per shift, 20 shifts", 20),
                                             ("25 questions per school day and 18 school days", 18)])
def test_a_count_of_working_days_without_a_period_is_the_working_days_of_a_month(usage: str, days: int) -> None:
    plan = make_plan(f"300 seats on claude-haiku-4-5: {usage}, 3,000 input and 600 output tokens each. Monthly bill?")
    [step] = plan.steps
    assert step.args["active_days_per_month"] == days and plan.understood


@pytest.mark.parametrize("change", ["if req/day doubles to 12", "if requests per day go to 12", "and if queries a day "
                                    "rise to 12"])
def test_a_per_day_count_that_changes_to_a_level_is_the_new_daily_usage(change: str) -> None:
    first = make_plan("4o-mini, 30k DAU, ~6 req/day each, ~1.2k tok in and ~300 tok out. monthly bill?")
    plan = make_plan(f"ok {change}, still on 4o-mini?", first.steps)
    [step] = plan.steps
    assert step.args["queries_per_user"] == 12 and step.args["query_period"] == "day" and plan.understood


@pytest.mark.parametrize("again", ["and the same doubled traffic, on gemini 2.5 flash?", "that doubled usage on gemini 2.5 "
                                   "flash?", "the doubled volume, but on gemini 2.5 flash?"])
def test_a_doubled_scenario_named_again_is_not_doubled_twice(again: str) -> None:
    first = make_plan("4o-mini, 30k DAU, ~6 req/day, ~1.2k tokens per req. monthly bill?")
    second = make_plan("suppose usage doubles?", first.steps)
    plan = make_plan(again, [*first.steps, *second.steps])
    assert [s.tool for s in plan.steps] == ["token_cost"] and plan.steps[0].args["users"] == 30000


@pytest.mark.parametrize("ask", ["how big can a query get (tokens) before we blow the margin?",
                                 "how many tokens per query can we afford?",
                                 "what's the longest prompt, in tokens, that keeps the margin?"])
@pytest.mark.parametrize("price", ["$0.70 per 1M tokens", "$0.0007 per 1K tokens"])
def test_the_largest_query_at_a_price_and_a_target_margin_is_sought_within_a_users_allowed_cost(
        ask: str, price: str) -> None:
    plan = make_plan(f"We charge $10 per user a month and want to keep a 70% gross margin. Users average 20 queries a "
                     f"day; the model is {price} blended. {ask}")
    first, second = plan.steps
    assert first.tool == second.tool == "solve" and first.args["unknown"] == "cost_per_user"
    assert second.args["unknown"] == "tokens_per_query" and second.args["knowns"]["users"] == 1
    assert second.args["knowns"]["monthly_cost"] == {"$from": ["solve", "value"]}


@pytest.mark.parametrize("gpus", ["L40S x 4 @ $0.79/hr", "4x L40S at $0.79/hr", "L40S x4, $0.79 an hour each"])
@pytest.mark.parametrize("ask", ["the monthly volume where self-hosting starts to beat the API?",
                                 "above what volume does it beat the API?",
                                 "the token volume at which self-hosting wins over the API?"])
def test_a_gpu_count_after_its_name_and_the_volume_where_self_hosting_wins(gpus: str, ask: str) -> None:
    plan = make_plan(f"gpu: {gpus}\nthroughput: 2,400 tokens/s total\nutilization: 65%\nMLOps: $6,000 per month\n"
                     f"API alternative: $0.90 per 1M tokens blended\nWhat's our cost per 1M tokens, and {ask}")
    [step] = plan.steps
    assert step.tool == "self_host" and step.args["gpus"] == 4 and step.args["fixed_monthly_usd"] == 6000
    assert [a.var for a in plan.asks] == ["self_host_per_1m", "break_even_tokens"] and plan.understood


@pytest.mark.parametrize("ask", ["What's the monthly result after fixed costs?", "what's our net after fixed costs "
                                 "each month?", "Are we profitable today?", "So what's the P&L after fixed?"])
def test_the_result_after_fixed_costs_at_todays_users_is_the_monthly_profit(ask: str) -> None:
    first = make_plan("Fixed costs: $62,000 a month. Price: $29 per seat per month. Variable cost: $6.50 per seat per "
                      "month. How many seats do we need to break even?")
    plan = make_plan(f"We have 2,100 paying seats today. {ask}", first.steps)
    [step] = plan.steps
    assert step.tool == "break_even" and step.args["paying_users"] == 2100
    assert [a.var for a in plan.asks] == ["profit"]


@pytest.mark.parametrize("rate", ["15 q/day", "15 q a day", "15 queries/day"])
def test_q_is_a_query(rate: str) -> None:
    plan = make_plan(f"compare gpt-4o vs gemini-2.5-pro for: 5k users, {rate}, 1,500 tok in / 500 out. monthly cost "
                     "each?")
    [step] = plan.steps
    assert step.args["queries_per_user"] == 15 and step.args["query_period"] == "day" and plan.understood


@pytest.mark.parametrize("team", ["12 copywriters", "12 co-founders", "12 sub-editors", "12 UX writers"])
def test_a_compound_of_a_listed_user_noun_counts_users(team: str) -> None:
    plan = make_plan(f"Our {team} each write about 250 descriptions a week on gpt-4o, 300 words in and 450 words "
                     "out. Monthly spend?")
    [step] = plan.steps
    assert step.args["users"] == 12 and step.args["queries_per_user"] == 250 and step.args["query_period"] == "week"


@pytest.mark.parametrize("key", ["avg queries / user / day: 4", "average requests per user per day: 4",
                                 "mean queries/user/day: 4", "avg. calls per user per day: 4"])
def test_a_pasted_usage_key_with_an_average_adjective_is_read(key: str) -> None:
    plan = make_plan(f"cost this out per month:\nMAU: 85,000\n{key}\ntokens / query: 1,200\nblended price: $0.0015 per "
                     "1K tokens")
    [step] = plan.steps
    assert step.args["queries_per_user"] == 4 and step.args["users"] == 85000 and plan.understood
