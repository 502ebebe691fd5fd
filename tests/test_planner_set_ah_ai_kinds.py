"""Planner v2, the kinds sets ah and ai found at first sight, each checked in several wordings."""

from __future__ import annotations

import pytest

from assistant.planner.plan import make_plan


@pytest.mark.parametrize("bullet", ["-", "*", "1)"])
@pytest.mark.parametrize("ask", ["Cost per segment and the total per month?", "What do they cost together a month?"])
def test_segments_given_as_bullets_are_costed_apart_and_summed(bullet: str, ask: str) -> None:
    plan = make_plan(f"Two segments on one model at $0.50 per 1M tokens, ~1,000 tokens a query:\n{bullet} free: 200k "
                     f"users, 2 queries/day\n{bullet} pro: 15k users, 30 queries/day\n{ask}")
    [step] = plan.steps
    assert step.tool == "compare" and step.args["segments"] is True
    assert [(s["label"], s["users"], s["queries_per_user"]) for s in step.args["scenarios"]] == [
        ("free", 200_000, 2), ("pro", 15_000, 30)]


def test_a_second_different_count_of_users_is_never_dropped_silently() -> None:
    plan = make_plan("On gpt-4o-mini, ~1,000 tokens a query: the free segment has 200k users at 2 queries a day and "
                     "the pro one 15k users at 30 queries a day. Monthly cost?")
    assert not plan.understood and {"15000", "30"} & set(plan.unused)


@pytest.mark.parametrize("extra", ["plus $6,000/month of MLOps time", "and $6k a month of ops on top"])
@pytest.mark.parametrize("api", ["Compared with staying on gpt-4o", "Versus gpt-4o"])
def test_an_unnamed_own_model_on_gpus_against_one_api_model_with_extra_fixed_costs(extra: str, api: str) -> None:
    plan = make_plan(f"4x L40S at $0.79/hr each. Our fine-tuned model does 6,000 tok/s in total at full load, ~60% "
                     f"utilization, {extra}. {api}, above what monthly token volume does self-hosting win?")
    [step] = plan.steps
    assert step.tool == "self_host" and step.args["model"] == "gpt-4o" and step.args["fixed_monthly_usd"] == 6000
    assert "break_even_tokens" in [a.var for a in plan.asks]


@pytest.mark.parametrize("price", ["Pricing is fixed at $12/user/month", "Our price is set at $12 per user a month"])
def test_the_most_a_user_and_a_query_may_cost_at_a_price_and_a_margin(price: str) -> None:
    first = make_plan(f"{price}. Finance needs a 70% gross margin. What's the max AI cost we can afford per user per "
                      "month?")
    [seek] = first.steps
    assert seek.tool == "solve" and seek.args["unknown"] == "cost_per_user"
    assert seek.args["knowns"] == {"gross_margin": "70%", "price_per_user": 12}
    [per_query] = make_plan("each user averages 150 queries a month: the max we can spend per query?", first.steps).steps
    assert per_query.args["relation"] == "max_queries" and per_query.args["unknown"] == "cost_per_query"
    assert per_query.args["knowns"]["max_queries"] == 150


@pytest.mark.parametrize("cost", ["variable cost per truck (LLM calls + telematics data) is ~$12",
                                  "variable cost per truck is about $12", "the variable cost (API + data) is $12"])
def test_a_variable_cost_said_per_the_unit_sold_and_a_price_dropped_to(cost: str) -> None:
    first = make_plan(f"Fixed costs are about $85k a month. We charge $49 per truck per month; {cost}. How many trucks "
                      "do we need to break even?")
    [step] = first.steps
    assert step.tool == "break_even" and step.args["variable_cost_per_user_usd"] == 12
    [again] = make_plan("And if sales wanted to drop the price to $39?", first.steps).steps
    assert again.args["price_per_user_usd"] == 39 and again.args["variable_cost_per_user_usd"] == 12


@pytest.mark.parametrize("hits", ["it catches 22% of queries", "it would intercept 22% of requests",
                                  "it deflects about 22% of calls"])
def test_a_cache_hit_rate_said_by_what_the_cache_does(hits: str) -> None:
    first = make_plan(f"Our OpenAI bill is running $42,000/month. If we put a semantic cache in front and {hits}, what "
                      "do we save per month and per year?")
    [step] = first.steps
    assert step.tool == "caching" and step.args["hit_rate"] == "22%" and step.args["monthly_bill_usd"] == 42_000
    [again] = make_plan("hits aren't free though, the lookup is about 10% of a normal call. redo it", first.steps).steps
    assert again.args["hit_cost_ratio"] == "10%" and again.args["hit_rate"] == "22%"


@pytest.mark.parametrize("volume", ["how many tokens a month do we need before it's cheaper than claude-haiku-4-5?",
                                    "above what monthly token volume does it beat claude-haiku-4-5?"])
def test_a_reference_throughput_and_the_volume_that_beats_an_api_model(volume: str) -> None:
    plan = make_plan("If we self-host Llama 3.3 70B on a single H200 using whatever published throughput you have, at "
                     f"about 50% utilization, what's the cost per million tokens, and {volume}")
    [step] = plan.steps
    assert step.tool == "self_host" and step.args["model"] == "claude-haiku-4-5" and step.args["model_params_b"] == 70
    assert [a.var for a in plan.asks] == ["self_host_per_1m", "break_even_tokens"]


@pytest.mark.parametrize("rule", ["", "---|---|---\n"])
@pytest.mark.parametrize("price_head", ["$/1M tokens", "$/1M"])
def test_a_routing_table_without_outer_pipes(rule: str, price_head: str) -> None:
    table = f"tier | share | {price_head}\n{rule}small | 60% | 0.20\nmid | 30% | 1.50\nlarge | 10% | 12.00"
    plan = make_plan(f"Our router:\n{table}\nBlended $/1M, and savings vs sending everything to the large model?")
    [step] = plan.steps
    assert step.tool == "routing"
    assert [(r["share"], r["price_per_1m"]) for r in step.args["routes"]] == [("60%", 0.2), ("30%", 1.5), ("10%", 12)]


@pytest.mark.parametrize("follow", ["and if our users grow to 60k with the same budget?",
                                    "what if seats go to 60,000 at the same cap?"])
def test_a_count_said_as_its_subjects_new_level_beside_more_words(follow: str) -> None:
    first = make_plan("Our budget is capped at $25,000 a month. 40,000 users, 8 queries a day each, about 1,200 tokens "
                      "per query. What's the most we can pay per 1K tokens and stay within budget?")
    [step] = make_plan(follow, first.steps).steps
    assert step.args["unknown"] == "price_per_1k" and step.args["knowns"]["users"] == 60_000


@pytest.mark.parametrize("ask", ["What's the monthly bill with caching, and how much does caching save vs not caching "
                                 "at all?", "Monthly bill with the cache, and what does caching save us versus no "
                                 "cache?"])
def test_a_cached_bill_and_the_saving_of_its_cache_in_one_question(ask: str) -> None:
    plan = make_plan("Our helpdesk copilot runs on claude-sonnet-4-5. ~150 client companies, each sends ~20 tickets/day. "
                     "Per ticket: 8,000 input tokens, of which 6,000 are the same system prompt read from the prompt "
                     f"cache (cache reads), plus 500 output tokens. {ask}")
    [step] = plan.steps
    assert step.tool == "compare" and [s["label"] for s in step.args["scenarios"]] == ["with caching",
                                                                                         "without caching"]
    assert step.args["scenarios"][0]["cached_input_tokens_per_query"] == 6000


@pytest.mark.parametrize("chat", ["one AI chat costs us $0.0012", "each AI chat costs $0.0012"])
def test_a_freemium_brief_whose_free_tier_line_gives_its_usage(chat: str) -> None:
    plan = make_plan(f"Language app, freemium:\n- free tier: 200,000 users, 30 AI chats/month each\n- paid: 12,000 "
                     f"subscribers at $6.99/mo, averaging 150 AI chats/month\n- {chat}\nWhat does the free tier cost "
                     "us a month, and what's the overall monthly gross margin including the free tier?")
    [step] = plan.steps
    assert step.tool == "pricing_plan" and step.args["cost_per_query_usd"] == 0.0012
    assert (step.args["free_quota_queries"], step.args["queries_per_user_per_month"]) == (30, 150)
    assert [a.var for a in plan.asks] == ["free_tier_cost", "margin"]


@pytest.mark.parametrize("follow", ["our volume is about 2B tokens a month and the hosted API for the same model is $0.88 "
                                    "per 1M. which is cheaper for us?",
                                    "at 2 billion tokens a month, how does that compare with an API at $0.88 per 1M?"])
def test_a_deployment_weighed_against_an_api_price_in_a_follow_up(follow: str) -> None:
    first = make_plan("We benchmarked Llama 3.3 70B on 2x H100 ($2.69/hr each): ~3,000 tokens/s total at full load, "
                      "60% utilization. Cost per 1M tokens and the monthly GPU rent?")
    plan = make_plan(follow, first.steps)
    [step] = plan.steps
    assert step.tool == "self_host" and step.args["price"] == 0.88 and step.args["monthly_tokens"] == 2e9
    assert {"self_host_monthly", "api_monthly"} <= {a.var for a in plan.asks}
