"""Planner v2, kinds found by first-sight sets BT and BU, each in several wordings."""

from __future__ import annotations

import pytest

from assistant.planner.asks import asked
from assistant.planner.plan import make_plan
from tools.compare import compare
from tools.token_cost import token_cost


@pytest.mark.parametrize("calls", ["every task = 6 LLM calls", "each task makes about 6 model calls",
                                   "6 calls per task", "an agent loop of 6 steps per task",
                                   "a task goes through 6 LLM calls"])
@pytest.mark.parametrize("order", ["usage first", "calls first"])
def test_the_model_calls_of_each_task_multiply_its_cost(calls: str, order: str) -> None:
    usage = "900 analysts run ~10 tasks/day each"
    tokens = "each call ~1,500 input + 200 output tokens on gpt-4.1-mini"
    text = f"{usage}; {calls}; {tokens}. Monthly bill?" if order == "usage first" else \
        f"Our agent: {calls}. {usage}, {tokens}. Monthly bill?"
    [step] = make_plan(text).steps
    assert step.tool == "token_cost" and step.args["calls_per_query"] == 6
    assert step.args["users"] == 900 and step.args["queries_per_user"] == 10


def test_a_follow_up_changes_the_calls_per_task() -> None:
    first = make_plan("300 support agents, 20 tickets a day each, every ticket = 3 LLM calls of 2,000 tokens on "
                      "gpt-4o-mini. Monthly cost?")
    [again] = make_plan("and if the loop grows to 5 steps per ticket?", first.steps).steps
    assert again.args["calls_per_query"] == 5 and again.args["users"] == 300


def test_the_calculators_bill_every_call_of_a_task() -> None:
    one = token_cost({"model": "gpt-4o-mini", "users": 10, "queries_per_user": 2, "tokens_per_query": 1_000})
    five = token_cost({"model": "gpt-4o-mini", "users": 10, "queries_per_user": 2, "tokens_per_query": 1_000,
                       "calls_per_query": 5})
    assert five.cost_per_month_usd == pytest.approx(5 * one.cost_per_month_usd)
    assert five.tokens_per_month == pytest.approx(5 * (one.tokens_per_month or 0))
    assert "5 calls x" in five.formula and "cost per call =" in five.formula
    table = compare({"options": [{"model": "gpt-4o-mini"}, {"model": "gpt-4.1-mini"}], "users": 10,
                     "queries_per_user": 2, "tokens_per_query": 1_000, "calls_per_query": 5})
    assert table.rows[0].monthly_cost_usd == pytest.approx(five.cost_per_month_usd)


def test_a_comparison_carries_the_calls_per_task() -> None:
    [step] = make_plan("200 users, 5 tasks/day each, each task = 4 calls of ~1,000 in + 300 out tokens. Monthly "
                       "cost on gpt-4o-mini vs claude-haiku-4-5?").steps
    assert step.tool == "compare" and step.args["calls_per_query"] == 4


@pytest.mark.parametrize(("ask", "wanted"), [("What does it cost per week, and per request?", "cost_per_query"),
                                             ("the monthly bill, and per seat?", "cost_per_user"),
                                             ("cost per ticket and per year?", "yearly_cost")])
def test_a_cost_asked_again_per_another_unit(ask: str, wanted: str) -> None:
    assert wanted in asked(ask)


@pytest.mark.parametrize("plan", ["a $19/user/month plan", "a $19 per seat per month plan", "a $19/month plan"])
def test_a_plan_price_per_user_per_month_is_the_price(plan: str) -> None:
    steps = make_plan(f"We bundle agent runs into {plan} and keep a 75% margin. A run costs us $0.004. How many runs "
                      "can it include?").steps
    assert steps[-1].tool == "pricing_plan" and steps[-1].args["plan_price_usd"] == 19


@pytest.mark.parametrize("hits", ["~30% of queries get answered from it", "30% of questions could be answered from "
                                  "the cache", "30% of requests would come from the cache"])
@pytest.mark.parametrize("cost", ["each hit costing about 8% of a normal call", "a hit still costs ~8% of a full call"])
def test_a_semantic_cache_hit_rate_beside_the_hits_cost(hits: str, cost: str) -> None:
    [step] = make_plan(f"Our bill is $30,000 a month. With a semantic cache in front, {hits}, {cost}. What do we "
                       "save a month?").steps
    assert step.tool == "caching" and step.args["hit_rate"] == "30%" and step.args["hit_cost_ratio"] == "8%"


def test_a_quoted_example_in_parentheses_does_not_cut_the_share_from_its_words() -> None:
    [step] = make_plan('We spend $9,000 a month. About 25% of questions ("opening hours", "refund policy" etc) could '
                       "be answered from a semantic cache. Monthly saving?").steps
    assert step.args["hit_rate"] == "25%"


@pytest.mark.parametrize("ask", ["rough monthly for it?", "ballpark monthly?", "estimated monthly for this setup?"])
def test_a_rough_monthly_asks_the_bill(ask: str) -> None:
    assert asked(f"400 users, 6 queries a day on gpt-4o-mini. {ask}") == ["monthly_cost"]
