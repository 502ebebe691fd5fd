"""Planner v2, the kinds set_m found at first sight: a model's size beside a GPU (the published reference
throughput), a long-context tier the question prices itself, the most one can pay per GPU-hour for a $ per 1M
target, and a cached part said as 'of them served from the cache'. Each kind is checked in several wordings, and
against a wording that must not trigger it.
"""

from __future__ import annotations

import pytest
from planner_reading import given_values

from assistant.agent import Assistant
from assistant.config import Settings
from assistant.planner.plan import make_plan


@pytest.mark.parametrize("model", ["a 70B Llama", "Llama 70B", "a 70-billion-parameter model", "a 70B model"])
def test_a_model_size_beside_a_gpu_uses_the_reference_throughput(model: str, _isolated_env: object) -> None:
    answer = Assistant(Settings()).ask(f"Self-host {model} on 2 H100s at $3.00/hr each, 50% utilization. Cost per "
                                       "million tokens?")
    [call] = answer.tool_calls
    assert call.args["model_params_b"] == 70 and call.args["gpu"] == "H100" and call.args["gpu_hourly_usd"] == 3
    assert call.result["throughput_is_reference"] and "reference" in answer.answer and answer.understood


@pytest.mark.parametrize(("text", "var"), [("We serve 3B tokens a month on 4 GPUs", "monthly_tokens"),
                                           ("1B users", "users")])
def test_a_billion_of_something_else_is_no_model_size(text: str, var: str) -> None:
    got = given_values(text)
    assert "model_size" not in got and got[var] >= 1e9


def test_a_measured_throughput_wins_over_the_reference() -> None:
    [step] = make_plan("A 70B model on 2 H100s at $3/hr each doing 5,000 tokens/s in total, 50% busy. Per 1M "
                       "tokens?").steps
    assert step.args["tokens_per_second"] == 5_000 and "model_params_b" not in step.args


@pytest.mark.parametrize("tier", [
    "past 200k input tokens the whole request bills at $2.50/M input and $15/M output",
    "above 200,000 input tokens, the whole request is billed at $2.50/M input and $15/M output",
    "over 200k input tokens it's $2.50/M input and $15/M output for the whole request",
])
def test_a_long_context_tier_the_question_prices(tier: str, _isolated_env: object) -> None:
    answer = Assistant(Settings()).ask(f"Each request is 250,000 input tokens and 2,000 output tokens, 40 requests a "
                                       f"day. $1.25/M input and $10/M output up to 200k input tokens; {tier}. Cost "
                                       "per request and per month?")
    [call] = answer.tool_calls
    assert call.args["long_context_threshold"] == 200_000 and call.args["long_context_input_price"] == 2.5
    assert call.result["cost_per_query_usd"] == pytest.approx(0.655)
    assert call.result["cost_per_month_usd"] == pytest.approx(786)


def test_a_request_under_no_threshold_keeps_its_prices() -> None:
    got = given_values("Each request is 3,000 input tokens at $1.25/M input and $10/M output. Monthly cost for 10 users?")
    assert not {"long_context_threshold", "long_context_input_price"} & set(got)


@pytest.mark.parametrize("ask", ["What's the most we can pay per GPU-hour to get to $0.50 per million tokens?",
                                 "What hourly rate per GPU gets us down to $0.50 per 1M tokens?",
                                 "Max we can pay per GPU-hour for $0.50 per million tokens?"])
def test_the_most_to_pay_per_gpu_hour_for_a_target_is_a_goal_seek(ask: str) -> None:
    [step] = make_plan(f"2 GPUs, 3,000 tokens/s in total at full load, 60% utilization. {ask}").steps
    assert step.tool == "solve" and step.args["unknown"] == "gpu_hourly_usd"
    assert step.args["knowns"]["self_host_per_1m"] == 0.5 and "gpu_hourly_usd" not in step.args["knowns"]


@pytest.mark.parametrize("cached", ["4,000 of them served from the prompt cache", "4,000 of them hit the cache",
                                    "of which 4,000 are cached"])
def test_a_cached_part_of_the_input(cached: str) -> None:
    got = given_values(f"Each request: 6,000 input tokens, {cached}, plus 400 output tokens; $3/M input, $0.30/M cached "
                "input, $15/M output.")
    assert got["cached_tokens"] == 4_000 and got["input_tokens"] == 6_000


@pytest.mark.parametrize("asks", [
    "Do we ever break even? If not, what price per user would make us break even at exactly 5,000 users?",
    "What price breaks even at 5,000 users? And do we break even at all at today's price?",
])
def test_break_even_at_the_given_price_and_the_price_for_a_target_count_are_both_answered(asks: str) -> None:
    plan = make_plan(f"Users pay $9 and each costs us $9.40 a month; fixed costs are $30k a month. {asks}")
    assert [s.tool for s in plan.steps] == ["break_even", "solve"] or [s.tool for s in plan.steps] == [
        "solve", "break_even"]
    [seek] = [s for s in plan.steps if s.tool == "solve"]
    assert seek.args["unknown"] == "price_per_user" and seek.args["knowns"]["break_even_users"] == 5_000


def test_a_price_for_a_target_count_with_no_price_given_is_one_ask() -> None:
    plan = make_plan("Each user costs us $9.40 a month; fixed costs are $30k a month. What price breaks even with "
                     "5,000 users?")
    assert [s.tool for s in plan.steps] == ["solve"]


@pytest.mark.parametrize("cut", ["input tokens drop by 30%", "we trim input tokens by 30%",
                                 "prompts get 30% shorter"])
def test_a_prompt_trim_with_the_input_share_from_a_token_split(cut: str, _isolated_env: object) -> None:
    answer = Assistant(Settings()).ask(f"Our bill is $15,000 a month. A request is 3,000 input and 500 output tokens "
                                       f"at $2.50/M input and $10/M output. If {cut}, what is the monthly saving?")
    [call] = answer.tool_calls
    assert call.name == "caching" and call.result["monthly_saving_usd"] == pytest.approx(2_700)


def test_a_token_split_with_users_is_still_a_usage() -> None:
    plan = make_plan("2,000 users send 10 requests a day of 3,000 input and 500 output tokens at $2.50/M input and "
                     "$10/M output. What if input tokens drop by 30%?")
    assert "caching" not in [s.tool for s in plan.steps]


@pytest.mark.parametrize("brings", ["It should bring 1,500 new subscribers at $19/month each, with $4.20/month of "
                                    "model cost per subscriber",
                                    "It brings in 1,500 customers paying $19 a month; each costs us $4.20 a month"])
def test_payback_from_the_users_an_investment_brings(brings: str) -> None:
    [step] = make_plan(f"We invest $240,000 in the feature. {brings}. Months to pay back?").steps
    assert step.tool == "break_even" and step.args["users_brought"] == 1_500
    assert step.args["price_per_user_usd"] == 19 and step.args["variable_cost_per_user_usd"] == 4.2
