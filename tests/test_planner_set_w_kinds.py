"""Planner v2, the kinds set_w found at first sight: a bare period after a dash asks that period's bill, the
standard tier said as 'non-batch', a payback from new paying users beside team context ("We're 14 people") and a
cost said after its amount ("with $4/month variable cost each"), and today's bill beside the one after ("... would
run $20k/month"). Each kind is checked in several wordings.
"""

from __future__ import annotations

import pytest
from planner_reading import follow_up

from assistant.planner.plan import make_plan


@pytest.mark.parametrize("tail", ["— monthly?", "- monthly?", ": monthly?", "— per month?"])
def test_a_terse_question_ending_in_a_period_asks_that_periods_bill(tail: str) -> None:
    plan = make_plan(f"8k DAU, 15 msgs/day, 700 tok each, $0.5/M {tail}")
    [step] = plan.steps
    assert [a.var for a in plan.asks] == ["monthly_cost"]
    assert (step.args["users"], step.args["queries_per_user"], step.args["tokens_per_query"]) == (8000, 15, 700)


@pytest.mark.parametrize("follow", ["And the same job at standard, non-batch prices?", "what about non-batch?",
                                    "and on the standard API instead?"])
def test_the_standard_tier_said_another_way_after_a_batch_bill(follow: str) -> None:
    [step] = follow_up("We summarize 20,000 documents a day through the Batch API on gpt-4o, 2,000 input and 400 "
                       "output tokens per document. Monthly cost?", follow)
    assert step.args["service_tier"] == "standard" and step.args["queries_per_user"] == 20_000


@pytest.mark.parametrize("team", ["We're 14 people, currently on v2.3 of the product.", "We are just 14 staff.",
                                  "We're a team of 14."])
def test_a_payback_from_new_users_beside_a_headcount(team: str) -> None:
    [step] = make_plan(f"{team} Building the AI feature costs $120,000 upfront; we expect it to bring 1,500 new "
                       "paying users at $20/month with $4/month variable cost each. Months to pay it back?").steps
    assert step.tool == "break_even" and step.args["users_brought"] == 1500
    assert (step.args["price_per_user_usd"], step.args["variable_cost_per_user_usd"]) == (20, 4)


@pytest.mark.parametrize("bills", ["Today's API bill is $32k/month, self-hosting would run $20k/month.",
                                   "Currently we pay $32k a month; after the move it will be $20k a month.",
                                   "Our bill today is $32,000 per month and the new setup would cost $20,000 per "
                                   "month."])
def test_todays_bill_beside_the_one_after_gives_the_saving(bills: str) -> None:
    steps = make_plan(f"Migrating to our own GPUs costs $84k one-off. {bills} Payback in months?").steps
    assert steps[0].tool == "change" and (steps[0].args["value"], steps[0].args["minus"]) == (32_000, 20_000)
    assert steps[1].args["monthly_saving_usd"] == {"$from": ["change", "value"]}
