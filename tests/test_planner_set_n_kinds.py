"""Planner v2, the confident kinds set_n found at first sight: an input/output price pair written 'A / B per 1M', a
baseline said 'instead of sending everything to' before routed shares, and a bill 'capped at' as a budget. Each kind
is checked in several wordings, and against a wording that must not trigger it.
"""

from __future__ import annotations

import pytest
from planner_reading import given_values

from assistant.planner.grammar import parse
from assistant.planner.plan import make_plan
from assistant.planner.roles import read


@pytest.mark.parametrize("prices", ["$0.40 / $1.60 per 1M", "$0.40/$1.60 per million tokens",
                                    "$0.40 / $1.60 per 1M tokens (in/out)"])
def test_a_price_pair_after_a_token_split_is_input_and_output(prices: str) -> None:
    got = given_values(f"Each seat sends 40 queries a workday; a query is 1,000 input + 250 output tokens at {prices}.")
    assert got["input_price"] == 0.4 and got["output_price"] == 1.6 and "token_price" not in got


def test_two_prices_without_a_token_split_stay_two_options() -> None:
    got = read(parse("Model A is $0.40 per 1M and model B $1.60 per 1M; 2B tokens a month. Which is cheaper?"))
    assert [g.var for g in got.givens].count("token_price") == 2


@pytest.mark.parametrize("baseline", ["Instead of sending everything to a $10/M model,",
                                      "Today everything goes to a $10/M model;",
                                      "Rather than all traffic on a $10/M model,"])
def test_a_baseline_named_before_the_routed_shares_is_no_route(baseline: str) -> None:
    [step] = make_plan(f"{baseline} we'd route 70% of traffic to a $0.60/M model and keep 30% on the $10/M one. "
                       "Blended price per million?").steps
    assert step.args["routes"] == [{"price_per_1m": 0.6, "share": "70%"}, {"price_per_1m": 10.0, "share": "30%"}]
    assert step.args["baseline_price_per_1m"] == 10


@pytest.mark.parametrize("cap", ["the CFO capped the model bill at $7,200/month", "finance caps our spend at $7,200 a "
                                 "month", "the bill is limited to $7,200 a month"])
def test_a_capped_bill_is_a_budget(cap: str) -> None:
    [step] = make_plan(f"20,000 users, 5 queries a day each, $0.60 per 1M tokens, and {cap}. What's the maximum "
                       "tokens per query we can afford?").steps
    assert step.tool == "solve" and step.args["unknown"] == "tokens_per_query"
    assert step.args["knowns"]["monthly_cost"] == 7_200
