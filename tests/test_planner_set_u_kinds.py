"""Planner v2, the kinds set_u found at first sight. Each kind is checked in several wordings (synonyms, clause
order, number formats), never in the set's own sentences.
"""

from __future__ import annotations

import pytest
from planner_reading import follow_up

from assistant.agent import Assistant
from assistant.config import Settings
from assistant.planner.plan import make_plan


@pytest.mark.parametrize("sizes", ["prompts are ~3,000 tokens and answers ~600 tokens",
                                   "answers run 600 tokens, prompts run 3,000 tokens",
                                   "the prompt is about 3k tokens and the response about 600 tokens",
                                   "inputs are 3,000 tokens, outputs 600 tokens",
                                   "questions average 3,000 tokens and replies 600 tokens"])
def test_prompt_and_answer_sizes_are_the_input_and_output_split(sizes: str) -> None:
    [step] = make_plan(f"A knowledge tool for 900 staff, 20 queries a week each; {sizes}. On deepseek-chat, what is "
                       "the monthly bill?").steps
    assert step.args["input_tokens_per_query"] == 3000 and step.args["output_tokens_per_query"] == 600
    assert step.args["model"] == "deepseek-chat" and "tokens_per_query" not in step.args


def test_a_count_after_the_token_noun_is_not_said_of_an_earlier_side() -> None:
    [step] = make_plan("300 users, 5 queries a day, input of 2,000 tokens and 400 tokens per query in total on "
                       "gpt-4o-mini. Monthly cost?").steps
    assert step.args.get("output_tokens_per_query") != 400


@pytest.mark.parametrize("days", ["(20 day in month)", "(20 days in the month)", "(20 days a month)",
                                  "- 20 days per month"])
def test_active_days_in_an_aside_are_the_days_usage_happens(days: str) -> None:
    [step] = make_plan(f"4,000 pupils ask 8 questions per day, only on school days {days}. Each question and answer "
                       "is about 450 words at 3 dollars per million tokens. What do we pay per month?").steps
    assert step.args["active_days_per_month"] == 20 and step.args["users"] == 4000


@pytest.mark.parametrize("model", ["on deepseek-chat. Monthly cost?", "on deepseek-chat.", "with deepseek-chat!"])
def test_a_model_name_ends_before_the_sentence_stop(model: str) -> None:
    [step] = make_plan(f"500 users, 10 queries a day, 1,000 tokens each, {model}").steps
    assert step.args["model"] == "deepseek-chat"


@pytest.mark.parametrize("ask", [
    "All of our requests go to claude-sonnet-4 today. If we move 80% of them to claude-haiku-4-5 and leave 20% on "
    "claude-sonnet-4, what is the blended price per 1M tokens?",
    "We'd leave 20% on claude-sonnet-4 and send 80% to claude-haiku-4-5. Blended price per million tokens?",
    "Everything runs on claude-sonnet-4 now. Plan: 80% of calls to claude-haiku-4-5, the other 20% stay on "
    "claude-sonnet-4. What's the blended price per 1M?",
])
def test_each_share_pairs_with_the_model_named_after_it_in_its_clause(ask: str) -> None:
    [step] = make_plan(ask).steps
    routes = {r["model"]: r["share"] for r in step.args["routes"]}
    assert step.tool == "routing" and routes == {"claude-haiku-4-5": "80%", "claude-sonnet-4": "20%"}


def test_a_today_bill_with_no_per_token_price_is_not_the_baseline_price() -> None:
    [step] = make_plan("Today everything goes to one model and we pay $150k/month. If we route 60% of traffic to a "
                       "model that's 8x cheaper, what does the bill become?").steps
    assert "baseline_price_per_1m" not in step.args and step.args["monthly_bill_usd"] == 150_000


@pytest.mark.parametrize("volume, field, value", [
    ("We spend $90k a month on claude-sonnet-4 right now. What would the routed bill be?", "monthly_bill_usd", 90e3),
    ("our bill today is $90,000 per month - what does routing make it?", "monthly_bill_usd", 90e3),
    ("and at 500M tokens a month?", "monthly_tokens", 5e8),
])
def test_a_routing_followup_with_todays_volume_gives_the_routed_bill(volume: str, field: str, value: float) -> None:
    first = make_plan("If we route 80% of traffic to claude-haiku-4-5 and keep 20% on claude-sonnet-4, what's the "
                      "blended price per 1M tokens?")
    [step] = make_plan(volume, first.steps).steps
    assert step.tool == "routing" and step.args[field] == value
    assert step.args["routes"] == first.steps[0].args["routes"]


@pytest.mark.parametrize("usage", ["the median user makes 150 queries a month and the 95th-percentile user 600",
                                   "median usage is 150 queries a month, P95 users 600",
                                   "typical users send 150 queries a month, heavy users 600"])
def test_a_heavy_users_usage_before_a_comma_is_not_a_list_with_the_next_figure(usage: str) -> None:
    [step] = make_plan(f"Simulate it: 8,000 users, {usage}, 2,000 tokens per query at $1 per 1M tokens, each paying "
                       "$4 a month. Median and P95 monthly cost?").steps
    assert step.tool == "monte_carlo" and step.args["queries_p95"] == 600 and step.args["queries_per_user"] == 150
    assert step.args["tokens_per_query"] == 2000 and "tokens_low" not in step.args


@pytest.mark.parametrize("lead", ["Allowance pricing: $12/month includes", "Our allowance plan is $12 a month and covers",
                                  "With the allowance model, $12/mo includes"])
def test_an_allowance_plan_price_is_a_price_not_a_budget(lead: str) -> None:
    [step] = make_plan(f"{lead} 400 queries, then $3 per 1,000 extra queries. 5,000 paying users averaging 500 "
                       "queries a month; each query costs us $0.004. Expected overage revenue a month?").steps
    assert step.tool == "pricing_plan" and step.args["plan_price_usd"] == 12
    assert step.args["free_quota_queries"] == 400 and step.args["overage_price_per_1k_queries"] == 3


@pytest.mark.parametrize("ceiling", ["we allow $9,000 a month for the model bill",
                                     "finance allows up to $9,000 a month"])
def test_allowing_an_amount_is_still_a_budget(ceiling: str) -> None:
    plan = make_plan(f"3,000 users, 1,000 tokens per query at $0.5 per 1M tokens; {ceiling}. How many queries a day "
                     "can each user make?")
    assert any(s.tool == "solve" and s.args["knowns"].get("monthly_cost") == 9000 for s in plan.steps)


_BATCH = ("We classify 3,000 tickets a day, each ~5,000 input tokens and ~500 output tokens, on gpt-4o-mini via the "
          "Batch API. Monthly cost?")


@pytest.mark.parametrize("follow", ["and without the Batch API, at the standard prices?", "what about at regular prices?",
                                    "and if we don't batch, on the standard tier?", "and with no batch discount?",
                                    "what if we paid real-time pricing instead?"])
def test_a_followup_dropping_the_batch_tier_prices_at_the_standard_tier(follow: str) -> None:
    first = make_plan(_BATCH)
    assert first.steps[0].args["service_tier"] == "batch"
    [step] = make_plan(follow, first.steps).steps
    assert step.tool == "token_cost" and step.args["service_tier"] == "standard"
    assert step.args["input_tokens_per_query"] == 5000 and step.args["queries_per_user"] == 3000


_CACHED = ("On claude-sonnet-4-5 each call sends 6,000 input tokens, 5,000 of which are a cached system prompt, and "
           "gets 400 output tokens back. We make 100,000 calls a month. Monthly cost?")


@pytest.mark.parametrize("follow", ["and what would it come to without prompt caching?", "and if nothing is cached?",
                                    "what if we turn off caching?", "and with the cache disabled?",
                                    "how about if we couldn't cache?"])
def test_a_followup_without_caching_bills_every_input_token_in_full(follow: str) -> None:
    first = make_plan(_CACHED)
    assert first.steps[0].args["cached_input_tokens_per_query"] == 5000
    [step] = make_plan(follow, first.steps).steps
    assert step.tool == "token_cost" and step.args["cached_input_tokens_per_query"] == 0
    assert step.args["input_tokens_per_query"] == 6000


@pytest.mark.parametrize(("follow", "solved"), [("And if the number of users doubles?", 1000),
                                                ("what if we halve the price per million?", 4000),
                                                ("and with 45,000 users?", 1333.33)])
def test_a_goal_seek_followup_feeds_the_changed_input_to_the_seek(follow: str, solved: float,
                                                                   _isolated_env: object) -> None:
    # $18,000 = 30,000 x 4 x 30 x T x $2.5 / 1M = 9 T -> T = 2,000 tokens
    assistant = Assistant(Settings())
    first = assistant.ask("30,000 users make 4 queries a day; we pay $2.50 per million tokens and cap the bill at "
                          "$18,000 a month. What is the longest average query, in tokens, we can afford?",
                          session_id="s")
    assert first.tool_calls[-1].result["value"] == pytest.approx(2000)
    answer = assistant.ask(follow, session_id="s")
    assert answer.tool_calls[-1].name == "solve" and answer.tool_calls[-1].result["value"] == pytest.approx(solved, rel=1e-4)
    assert answer.verified


@pytest.mark.parametrize("follow", ["And for 2,000 users at 50 queries a day, 1,200 tokens in and 300 out per query?",
                                    "what about 2k users making 50 requests per day, 1,200 input and 300 output tokens "
                                    "each?",
                                    "ok now at 2,000 users x 50 queries/day with prompts of 1,200 tokens and answers "
                                    "of 300 tokens"])
def test_a_comparison_followup_with_usage_keeps_the_options(follow: str) -> None:
    first = make_plan("How much more expensive per million tokens is claude-sonnet-4 than gpt-4.1-mini?")
    [step] = make_plan(follow, first.steps).steps
    assert step.tool == "compare" and step.args["options"] == first.steps[0].args["options"]
    assert (step.args["users"], step.args["queries_per_user"], step.args["query_period"]) == (2000, 50, "day")
    assert (step.args["input_tokens_per_query"], step.args["output_tokens_per_query"]) == (1200, 300)


def test_a_new_size_after_a_comparison_replaces_the_old_split() -> None:
    first = make_plan("Compare gpt-4o and gpt-4o-mini for 5,000 users at 10 queries a day, 800 input and 200 output "
                      "tokens per query.")
    [step] = make_plan("and at 2,000 tokens per query?", first.steps).steps
    assert step.args["tokens_per_query"] == 2000 and "input_tokens_per_query" not in step.args
    assert step.args["users"] == 5000


@pytest.mark.parametrize("work", ["compliance work (audits, documentation, output monitoring, red-teaming) cost",
                                  "regulatory compliance (external audits, model cards and documentation) came to",
                                  "compliance, meaning audits, documentation and monitoring, cost"])
def test_a_long_aside_does_not_hide_the_cue_before_it(work: str) -> None:
    [step] = make_plan(f"For our clinical assistant, R&D cost $500,000 and {work} $700,000. What's the compliance "
                       "overhead as a multiple of development?").steps
    assert step.tool == "compliance_overhead"
    assert (step.args["development_cost_usd"], step.args["compliance_cost_usd"]) == (500_000, 700_000)


@pytest.mark.parametrize("said", ["Q2 revenue came in at $2M and COGS for the quarter (API invoices) was $700k",
                                  "revenue for the quarter was $2M; quarterly COGS came to $700k"])
def test_a_quarters_figures_keep_their_period(said: str) -> None:
    [step] = make_plan(f"{said}. Gross margin and gross profit for the quarter?").steps
    assert step.tool == "margin" and step.args["period"] == "quarter"
    assert (step.args["revenue_usd"], step.args["cogs_usd"]) == (2_000_000, 700_000)


@pytest.mark.parametrize("follow", ["what if batching cuts the per-call cost in half?", "and if the cost per request drops "
                                    "by half?", "what if each call cost us half as much?"])
def test_a_followup_scales_a_given_all_in_cost_per_query(follow: str) -> None:
    steps = follow_up("Helpdesk bot: 9,000 customers, each makes about 80 calls a month, and every call costs us 0.4 "
                      "cents all-in. Monthly bill?", follow)
    assert [s.tool for s in steps] == ["change", "token_cost"]
    assert steps[0].args["value"] == 0.004 and steps[0].args["factor"] == 0.5
    assert steps[1].args["cost_per_query_usd"] == {"$from": ["change", "value"]} and steps[1].args["users"] == 9000


@pytest.mark.parametrize("follow", ["And how does that stack up against just calling gpt-4o at 300M tokens a month?",
                                    "compare it with gpt-4o if we serve 300M tokens a month",
                                    "vs calling gpt-4o, at 300 million tokens a month?"])
def test_a_self_host_followup_naming_an_api_compares_with_that_api(follow: str) -> None:
    first = make_plan("What would it cost per 1M tokens to self-host a 70B Llama on 4 H100s at 60% utilization?")
    assert first.steps[0].args["model"] == "Llama 70b"
    [step] = make_plan(follow, first.steps).steps
    api = step.args.get("api_model", step.args.get("model"))  # self_host's pricing (model) is the API's
    assert step.tool == "self_host" and api == "gpt-4o" and not {"api_model", "model"} <= set(step.args)
    assert step.args["monthly_tokens"] == 3e8 and step.args["gpus"] == 4 and step.args["model_params_b"] == 70


@pytest.mark.parametrize("said", ["a 70B Llama", "a 70B-parameter Llama", "a 70 billion parameter Llama"])
def test_a_family_named_after_its_size_is_priced_at_that_size(said: str) -> None:
    [step] = make_plan(f"Self-hosting {said} on 2 H100s at 50% utilization: cost per 1M tokens?").steps
    assert step.args["model"].lower() == "llama 70b"


@pytest.mark.parametrize(("work", "each"), [("analyses", "analysis"), ("audits", "audit"), ("diagnoses", "diagnosis"),
                                            ("extractions", "extraction")])
def test_work_nouns_count_queries_and_one_of_them_asks_its_cost(work: str, each: str) -> None:
    plan = make_plan(f"200 reviewers, 5 {work} a day each. Every {each} sends 20,000 input tokens to gpt-4o and gets "
                     f"about 1,000 tokens back. What does one {each} cost, and the month?")
    [step] = plan.steps
    assert step.args["queries_per_user"] == 5 and step.args["users"] == 200
    assert (step.args["input_tokens_per_query"], step.args["output_tokens_per_query"]) == (20_000, 1000)
    assert [a.var for a in plan.asks] == ["cost_per_query", "monthly_cost"]


@pytest.mark.parametrize("back", ["gets about 300 tokens back", "returns about 300 tokens", "and the model generates "
                                  "300 tokens"])
def test_what_comes_back_is_the_output(back: str) -> None:
    [step] = make_plan(f"500 users, 10 queries a day; each query sends 2,000 input tokens and {back}, on gpt-4o-mini. "
                       "Monthly?").steps
    assert (step.args["input_tokens_per_query"], step.args["output_tokens_per_query"]) == (2000, 300)


@pytest.mark.parametrize(("tail", "asks"), [("Monthly?", ["monthly_cost"]), ("monthly?", ["monthly_cost"]),
                                            ("Weekly?", ["weekly_cost"]), ("per month?", ["monthly_cost"])])
def test_a_bare_period_question_asks_that_periods_bill(tail: str, asks: list[str]) -> None:
    plan = make_plan(f"40k MAU, 15 req/day, ~2k tok/req, gpt-4o-mini, {tail}")
    assert [a.var for a in plan.asks] == asks


def test_a_large_stream_is_written_in_digits_in_the_note() -> None:
    plan = make_plan("On gpt-4o-mini we'd run 1M requests a day, each 2,000 input and 300 output tokens. Daily cost?")
    assert any("1,000,000 queries per day" in n for n in plan.notes)
