"""Planner v2, kinds found by first-sight sets BR and BS, each in several wordings."""

from __future__ import annotations

import pytest

from assistant.planner.grammar import parse
from assistant.planner.plan import make_plan
from assistant.planner.roles import read
from tools.routing import routing
from tools.self_host import self_host


@pytest.mark.parametrize("ask", ["How much will the AI helpdesk cost us per month on gpt-4o-mini?",
                                 "what's the yearly bill going to be if we build the bot on claude-haiku-4-5?",
                                 "Our tutoring assistant will run on gemini-2.5-flash: monthly cost?"])
def test_a_model_with_no_traffic_asks_for_users_and_usage(ask: str) -> None:
    plan = make_plan(ask)
    assert plan.kind == "clarify" and not plan.steps and not plan.understood
    assert "how many users" in plan.text and "queries each user makes" in plan.text


@pytest.mark.parametrize("ask", ["What did analysts estimate ChatGPT cost OpenAI to run per day?",
                                 "What was ChatGPT's estimated running cost per day?"])
def test_a_cost_on_record_is_not_asked_back(ask: str) -> None:
    assert make_plan(ask).kind != "clarify"


@pytest.mark.parametrize("price", ["sub is $6.99/mo", "the sub costs $6.99 a month", "sub price $6.99/month"])
@pytest.mark.parametrize("cost", ["AI cost per subscriber ~$1.50/mo", "AI cost per sub about $1.50 a month"])
def test_a_sub_is_the_subscription_price_and_per_sub_is_per_subscriber(price: str, cost: str) -> None:
    for ask in (f"Fixed costs $12k/month. {price}, {cost}. Subscribers to break even?",
                f"{cost}; {price}; we carry $12k a month of fixed costs. how many subs to break even?"):
        [step] = make_plan(ask).steps
        assert step.tool == "break_even" and step.args["price_per_user_usd"] == 6.99
        assert step.args["variable_cost_per_user_usd"] == 1.5 and step.args["fixed_costs_usd"] == 12_000


@pytest.mark.parametrize("usage", ["one report per user per week", "1 digest per customer a week",
                                   "two summaries per member per day"])
def test_a_unit_of_work_per_user_per_period_is_the_usage(usage: str) -> None:
    [step] = make_plan(f"30,000 users on gpt-4o-mini, {usage}, each 1,800 input + 600 output tokens. "
                       "Monthly cost?").steps
    count = 2 if usage.startswith("two") else 1
    period = "day" if usage.endswith("day") else "week"
    assert step.args["queries_per_user"] == count and step.args["query_period"] == period


@pytest.mark.parametrize("traffic", ["800,000 player sessions a week, each session ~40 NPC lines",
                                     "0.8M sessions per week; each session has about 40 lines",
                                     "each week 800k sessions, each with 40 lines"])
def test_lines_in_each_session_of_a_week_are_a_weeks_usage(traffic: str) -> None:
    [step] = make_plan(f"{traffic}, each line 250 tokens in / 80 out at $0.20/M input, $0.80/M output. "
                       "Weekly cost?").steps
    assert step.args["users"] == 800_000 and step.args["queries_per_user"] == 40
    assert step.args["query_period"] == "week"


@pytest.mark.parametrize("volume", ["1.2B tokens a day", "1,200,000,000 tokens per day", "8.4B tokens a week"])
def test_a_token_workload_per_day_or_week_sizes_the_gpus(volume: str) -> None:
    [step] = make_plan(f"We push {volume} through gpt-4o-mini. Self-hosting an 8B on H100s at ~8,000 tokens/s "
                       "per GPU and 50% utilization: how many GPUs, and what would we save?").steps
    assert step.tool == "self_host" and step.args["monthly_tokens_period"] in ("day", "week")
    result = self_host(step.args)
    assert result.gpus_needed == 4  # 36B tokens a month over 8,000 x 3,600 x 0.5 x 720 = 10.368B each: 3.47
    assert any("tokens a month" in a for a in result.assumptions)


def test_the_tools_turn_a_daily_workload_into_a_month() -> None:
    daily = self_host({"gpu": "H100", "tokens_per_second": 5_000, "monthly_tokens": 1e9,
                       "monthly_tokens_period": "day", "api_price_per_1m": 1.0})
    assert daily.api_monthly_usd == pytest.approx(30_000)
    routed = routing({"cheap_share": "50%", "cheap_price_ratio": 10, "baseline_price_per_1m": 2.0,
                      "monthly_tokens": 7e8, "monthly_tokens_period": "week"})
    assert routed.baseline_monthly_usd == pytest.approx(2.0 * 3e9 / 1e6)


@pytest.mark.parametrize("today", ["Our bill is $40k a month on claude-sonnet-4-5.",
                                   "We spend $40,000 monthly on claude-sonnet-4-5 today."])
@pytest.mark.parametrize("move", ["What if we route 75% of traffic to claude-haiku-4-5?",
                                  "If 75% of requests went to claude-haiku-4-5 instead, what would we save?"])
def test_one_share_to_a_second_model_leaves_the_rest_where_it_runs(today: str, move: str) -> None:
    for ask in (f"{today} {move}", f"{move} {today}"):
        [step] = make_plan(ask).steps
        assert step.tool == "routing" and step.args["baseline_model"] == "claude-sonnet-4-5"
        assert step.args["routes"] == [{"model": "claude-haiku-4-5", "share": "75%"}, {"model": "claude-sonnet-4-5"}]
        assert step.args["monthly_bill_usd"] == 40_000 and "saving" in step.asks


def test_a_daily_token_workload_keeps_its_day_in_a_routing() -> None:
    [step] = make_plan("About 300M tokens a day go through gpt-4o. If 60% moved to gpt-4o-mini, what's the monthly "
                       "saving?").steps
    assert step.args["monthly_tokens"] == 3e8 and step.args["monthly_tokens_period"] == "day"
    assert read(parse("About 300M tokens a day go through gpt-4o.")).get("monthly_tokens").period == "day"
