"""Planner v2, the kinds set_y found at first sight, each checked in several wordings.

A token or word count said by its verb or its noun ("reads 2,000 tokens", "the summary is 750 words") has a side;
two service tiers in one question compare both bills; a bare price in a follow-up after a break-even or a plan is
the price; "drop the free tier" is a follow-up; "$/1M" asks a self-hosted price from a published reference; a total
query count within a budget is one stream's; the 95th-percentile user's usage feeds a Monte Carlo; "keep the bill
at $6,000" is a budget. The eval check no longer counts a clarification's example figure as an answer.
"""

from __future__ import annotations

import pytest
from planner_reading import follow_up, given_values

from assistant.answer import Answer
from assistant.planner.plan import make_plan
from evals.case import Expect
from evals.checks import check


@pytest.mark.parametrize(("sides", "expected"), [
    ("the assistant reads about 3,000 tokens and writes roughly 500 tokens back", ("input_tokens", "output_tokens")),
    ("each contract is about 4,500 words input and the summary is 600 words", ("input_words", "output_words")),
    ("it ingests 3,000 tokens per call and produces 500 tokens", ("input_tokens", "output_tokens"))])
def test_a_count_said_by_its_verb_or_noun_has_a_side(sides: str, expected: tuple[str, str]) -> None:
    values = given_values(f"400 staff, 30 calls a day each; {sides}. On gpt-4o, monthly cost?")
    assert (expected[0] in values, expected[1] in values) == (True, True)


@pytest.mark.parametrize("tiers", ["through the Batch API. Monthly cost, and what would it be at standard (non-batch) "
                                   "prices?", "Standard vs batch: monthly cost each?",
                                   "batch or standard - what's the monthly cost of each?"])
def test_two_service_tiers_in_one_question_compare_both_bills(tiers: str) -> None:
    [step] = make_plan(f"1.5 million support emails a month, 900 tokens in and 60 out each, on gpt-4o-mini {tiers}").steps
    assert step.tool == "compare"
    assert {s["service_tier"] for s in step.args["scenarios"]} == {"standard", "batch"}


def test_non_batch_prices_alone_are_one_bill() -> None:
    [step] = make_plan("1.5 million emails a month, 900 tokens in and 60 out each, on gpt-4o-mini at standard, "
                       "non-batch prices: monthly cost?").steps
    assert step.tool == "token_cost" and step.args["service_tier"] == "standard"


@pytest.mark.parametrize("follow", ["and at $12 a month instead?", "what about at $12?", "and at $12/month?"])
def test_a_bare_price_after_a_break_even_is_the_price(follow: str) -> None:
    [step] = follow_up("Fixed costs of $96,000 a year. We sell at $16/user/month; the variable cost is $4 per user "
                       "per month. Break-even users?", follow)
    assert step.tool == "break_even" and step.args["price_per_user_usd"] == 12
    assert step.args["variable_cost_per_user_usd"] == 4


@pytest.mark.parametrize("follow", ["what about at $15 then?", "and at $15 a month?"])
def test_a_bare_price_after_a_plan_cap_is_the_plan_price(follow: str) -> None:
    [step] = follow_up("For a $10/month plan where each query costs us $0.005, how many queries can we include and "
                       "still keep a 75% gross margin?", follow)
    assert step.tool == "pricing_plan" and step.args["plan_price_usd"] == 15


@pytest.mark.parametrize("follow", ["drop the free tier entirely", "remove the free plan", "scrap the free tier then"])
def test_dropping_the_free_tier_is_a_follow_up(follow: str) -> None:
    [step] = follow_up("10,000 paying users at $9/month averaging 200 queries a month each, plus 40,000 free users "
                       "who each get 30 free queries a month. A query costs us $0.004. Monthly gross margin?", follow)
    assert step.tool == "pricing_plan" and step.args["free_users"] == 0 and step.args["paying_users"] == 10_000


@pytest.mark.parametrize("ask", ["ballpark $/1M tokens for", "rough $/1M for", "$/M estimate for"])
def test_a_self_hosted_price_from_a_published_reference(ask: str) -> None:
    [step] = make_plan(f"{ask} serving a 70B model on one H200 at 50% utilization? use a published reference").steps
    assert step.tool == "self_host" and step.args["model_params_b"] == 70 and step.args["gpu"] == "H200"


@pytest.mark.parametrize("total", ["how many queries a day can we afford in total?",
                                   "how many requests per day can we run altogether?"])
def test_a_total_query_count_within_a_budget_is_one_stream(total: str) -> None:
    [step] = make_plan(f"We have $3,000 a month for inference. At ~2,000 tokens per query and $0.50/M blended, "
                       f"{total}").steps
    assert step.tool == "solve" and step.args["knowns"]["users"] == 1
    assert step.args["unknown"] == "queries_per_user_per_day"


@pytest.mark.parametrize("heavy", ["the 95th-percentile user 30 a day", "the P95 user about 30 a day"])
def test_the_heavy_users_usage_feeds_the_monte_carlo(heavy: str) -> None:
    [step] = make_plan(f"Run a Monte Carlo: 10,000 users, the median user makes 8 queries a day and {heavy}, 1,000 "
                       "tokens per query, $0.50 per 1M tokens. P50 and P95 monthly cost?").steps
    assert step.tool == "monte_carlo" and step.args["queries_p95"] == 30


@pytest.mark.parametrize("cap", ["still keep the bill at $9,000 a month", "stay at $9,000 a month",
                                 "hold the monthly bill to $9,000"])
def test_keeping_the_bill_at_an_amount_is_a_budget(cap: str) -> None:
    [step] = make_plan(f"30,000 users, 12 queries per day each, 1,000 tokens per query. What's the highest price per "
                       f"1M tokens we can pay and {cap}?").steps
    assert step.tool == "solve" and step.args["knowns"]["monthly_cost"] == 9000


@pytest.mark.parametrize("units", ["8k devices", "8,000 kiosks", "8k terminals"])
def test_devices_are_the_population_a_budget_is_shared_by(units: str) -> None:
    [step] = make_plan(f"{units}, 2,000 tokens per query at $0.25 per 1M tokens, and a $3,600 monthly ceiling. How "
                       "many queries per device per day can we allow?").steps
    assert step.tool == "solve" and step.args["knowns"]["users"] == 8000


def test_a_clarifications_example_figure_is_no_answer() -> None:
    answer = Answer(answer="To answer I still need a price (e.g. '$0.50 per 1M tokens'). Tell me and I will compute it.")
    assert check(Expect(numbers=[{"value": 0.5}]), answer) == ["missing number 0.5"]
