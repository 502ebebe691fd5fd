"""Planner v2, the kinds set_h found at first sight: the head noun of a compound, a count of the options
compared, the pronoun 'one' before punctuation, period asks sharing one noun, a sold unit's price, bare
amounts after a money subject, asides in parentheses, 'a penny', and what a plan price includes. Each
kind is checked in several wordings, and against a wording that must not trigger it.
"""

from __future__ import annotations

import pytest

from assistant.planner.asks import asked
from assistant.planner.grammar import parse
from assistant.planner.plan import make_plan
from assistant.planner.roles import read


def _vars(question: str) -> dict[str, float]:
    return {g.var: g.value for g in read(parse(question)).givens}


@pytest.mark.parametrize(("phrase", "var"), [
    ("400 visible answer tokens", "output_tokens"),
    ("300 reply tokens", "output_tokens"),
    ("1,000 question tokens", "input_tokens"),
])
def test_the_last_noun_of_a_compound_is_what_a_number_counts(phrase: str, var: str) -> None:
    got = _vars(f"2,000 students ask 5 problems a day each; per problem {phrase}. $1/M in, $4/M out.")
    assert got["queries_per_user"] == 5 and got[var] in (400, 300, 1_000)


@pytest.mark.parametrize("lead", ["Three quotes for our chatbot:", "We have two vendors to choose from:",
                                  "Comparing 3 options -"])
def test_a_count_of_the_options_compared_is_not_usage(lead: str) -> None:
    got = _vars(f"{lead} X at $0.80 per million, Y at $1.10 per million. 200 stores, each 6,000 requests a month, "
                "700 tokens per request.")
    assert got["queries_per_user"] == 6_000 and got["users"] == 200


@pytest.mark.parametrize("opening", ["quick one - ", "Simple one: ", "another one, "])
def test_the_pronoun_one_before_punctuation_is_not_a_number(opening: str) -> None:
    reading = read(parse(f"{opening}12k users, 8 msgs a day each, 600 tokens per message at $1.50 per 1M tokens."))
    assert [g.value for g in reading.all("users")] == [12_000] and not reading.series


@pytest.mark.parametrize(("ask", "want"), [
    ("monthly and yearly cost?", ["monthly_cost", "yearly_cost"]),
    ("what's the weekly + monthly spend", ["weekly_cost", "monthly_cost"]),
    ("What does this run per week, and per month?", ["monthly_cost", "weekly_cost"]),
    ("daily/monthly bill?", ["daily_cost", "monthly_cost"]),
])
def test_period_asks_sharing_one_noun_are_each_asked(ask: str, want: list[str]) -> None:
    assert sorted(asked(ask)) == sorted(want)


@pytest.mark.parametrize("question", [
    "We carry $600,000 a year in overhead; customers pay $49 a month and cost us $13.50. How many customers do we "
    "need to cover overhead?",
    "Overhead is $600k a year. Customers pay $49/mo, and each costs us $13.50/mo. How many customers must we sign to "
    "cover it?",
])
def test_how_many_customers_are_needed_is_break_even_not_a_goal_seek(question: str) -> None:
    plan = make_plan(question)
    [step] = [s for s in plan.steps if s.tool == "break_even"]
    assert step.args["fixed_costs_period"] == "year" and [a.var for a in plan.asks] == ["break_even_users"]


@pytest.mark.parametrize("price", ["A seat is $25/mo", "Each license goes for $25 a month", "Seats are $25 per month"])
def test_a_sold_unit_with_no_one_paying_it_is_a_price(price: str) -> None:
    got = _vars(f"{price} and our AI spend works out to $6.50 per seat per month. Gross margin?")
    assert got["price_per_user"] == 25 and got["cost_per_user"] == 6.5


def test_a_unit_that_costs_us_to_serve_is_a_cost() -> None:
    got = _vars("What should we charge per user for an 80% gross margin if each user is $4 to serve?")
    assert got.get("cost_per_user") == 4 and "price_per_user" not in got


@pytest.mark.parametrize(("question", "revenue", "cost"), [
    ("revenue last month was 48k but the inference bill was 61k. gross margin?", 48_000, 61_000),
    ("Our revenue came in at 1.2M this quarter and the API bill hit 420k. What's the margin?", 1_200_000, 420_000),
    ("MRR is 90k; the bill ran 30k. margin?", 90_000, 30_000),
])
def test_a_bare_amount_after_a_money_subject_is_money(question: str, revenue: float, cost: float) -> None:
    plan = make_plan(question)
    [step] = [s for s in plan.steps if s.tool == "margin"]
    assert step.args["revenue_usd"] == revenue and step.args["cogs_usd"] == cost


@pytest.mark.parametrize("aside", ["(API bills plus our GPU rental)", "(incl. hosting, rent of GPUs)", ""])
def test_an_aside_in_parentheses_gives_no_cue(aside: str) -> None:
    got = _vars(f"Q3 revenue came in at $1.2M and cost of goods {aside} was $420k for the quarter. Gross margin?")
    assert got["revenue"] == 1_200_000 and got["monthly_cost"] == 420_000 and "fixed_costs" not in got


@pytest.mark.parametrize("cost", ["A query costs us a penny", "each query costs us one cent", "we pay 1 cent a query"])
def test_a_penny_is_one_cent(cost: str) -> None:
    assert _vars(f"{cost}; 1,000 users send 300 queries a month.")["cost_per_query"] == pytest.approx(0.01)


@pytest.mark.parametrize("plan", ["$15 per month includes 200 queries", "$15/mo gets you 200 queries",
                                  "$15 a month covers 200 queries"])
def test_an_amount_that_includes_usage_is_the_plan_price(plan: str) -> None:
    got = _vars(f"{plan}, then $2 per 1,000 extra queries. 1,000 subscribers send 300 queries a month; a query "
                "costs us $0.01.")
    assert got["price_per_user"] == 15 and got["free_quota"] == 200
