"""Planner v2, the kinds set_o found at first sight: a cost named by what it pays for ("salaries are $1.2M a year") is
not a price even when its noun resembles a customer; a singular customer noun heads its phrase ("serving a customer
costs $15"); a compound subject's last noun is what a cost is per ("every agent run costs 4 cents"); an hourly rent
is not a token price because "per 1M tokens" comes later; and break-even and self-hosting ask for the input their
answer turns on (a cost per user, a throughput) instead of assuming one. Each kind is checked in several wordings.
"""

from __future__ import annotations

import pytest
from planner_reading import given_values

from assistant.planner.plan import make_plan


@pytest.mark.parametrize("fixed", ["Salaries are $1.2M a year.", "Payroll is $1,200,000 per year;",
                                   "Our staff costs come to $1.2 million a year,", "Rent and salaries run $1.2M/yr."])
def test_a_yearly_fixed_cost_named_by_what_it_pays_for_is_fixed_and_yearly(fixed: str) -> None:
    [step] = make_plan(f"{fixed} Customers pay $45 a month and each customer costs us $15 a month to serve. "
                       "How many customers to break even?").steps
    assert step.tool == "break_even"
    assert step.args["fixed_costs_usd"] == 1_200_000 and step.args["fixed_costs_period"] == "year"
    assert step.args["price_per_user_usd"] == 45 and step.args["variable_cost_per_user_usd"] == 15


@pytest.mark.parametrize("cost", ["serving a customer costs $15 a month", "each customer costs us $15 a month",
                                  "every subscriber costs $15 a month to serve", "a customer costs us $15 monthly"])
def test_a_singular_customer_before_its_cost_makes_a_cost_per_user(cost: str) -> None:
    got = given_values(f"We sell it for $45 a month and {cost}.")
    assert got["cost_per_user"] == 15 and got["price_per_user"] == 45


@pytest.mark.parametrize("ask", ["What do we have to charge to land a 75% gross margin?",
                                 "What price gives us a 75% gross margin?",
                                 "For a 75% margin, what should the monthly price be?"])
def test_a_price_for_a_target_margin_from_what_a_customer_costs(ask: str) -> None:
    [step] = make_plan(f"Each customer costs us $6 a month in model calls. {ask}").steps
    assert step.tool == "break_even" and step.args["mode"] == "price"
    assert step.args["variable_cost_per_user_usd"] == 6 and step.args["target_margin"] == "75%"


@pytest.mark.parametrize("run", ["Every agent run costs us about 4 cents all-in.", "Each agent run costs $0.04.",
                                 "Each workflow run costs us 4 cents.", "A user query costs us $0.04."])
def test_a_compound_subject_is_per_its_last_noun(run: str) -> None:
    [step] = make_plan(f"{run} 3,000 customers each trigger 12 runs a day. What are we spending per month?").steps
    assert step.tool == "token_cost" and step.args["cost_per_query_usd"] == 0.04
    assert step.args["users"] == 3000 and step.args["queries_per_user"] == 12


def test_a_hyphenated_count_still_counts_its_own_noun() -> None:
    got = given_values("Our 600-agent call center handles 120 calls a day per agent at 2,000 tokens a call.")
    assert got["users"] == 600 and got["queries_per_user"] == 120


@pytest.mark.parametrize("rent", ["$2.69 an hour", "$2.69/hr", "$2.69 per hour"])
def test_an_hourly_rent_before_per_1m_is_no_token_price(rent: str) -> None:
    got = given_values(f"What does self-hosting on two H100s at {rent} cost us per 1M tokens at 3,000 tokens/s?")
    assert got["gpu_hourly"] == 2.69 and "token_price" not in got


@pytest.mark.parametrize("question", [
    "What does self-hosting on two H100s at $2.69 an hour cost us per 1M tokens?",
    "Cost per million tokens if we rent 4 A100s at $1.50/hr each?"])
def test_self_hosting_without_a_throughput_asks_for_it(question: str) -> None:
    plan = make_plan(question)
    assert plan.kind == "clarify" and not plan.steps and "throughput" in plan.text


@pytest.mark.parametrize("question", [
    "Our fixed costs run $40k a month and a seat sells for $25. How many seats until we break even?",
    "We burn $40,000 a month in fixed costs; the plan is $25 a user. How many users to break even?"])
def test_break_even_without_a_cost_per_user_asks_for_it(question: str) -> None:
    plan = make_plan(question)
    assert plan.kind == "clarify" and not plan.steps and "cost to serve one user" in plan.text


def test_break_even_with_a_stated_zero_cost_per_user_computes() -> None:
    [step] = make_plan("Fixed costs are $40k a month, we charge $25 per seat and serving a seat costs $0. "
                       "Break-even seats?").steps
    assert step.args["variable_cost_per_user_usd"] == 0 and step.args["fixed_costs_usd"] == 40_000
