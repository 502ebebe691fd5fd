"""Planner v2, kinds left open by earlier first-sight sets (AB to AD), each checked in several wordings."""

from __future__ import annotations

import pytest

from assistant.planner.plan import make_plan


@pytest.mark.parametrize("rate", ["3,000 calls a day", "3k requests/day", "90,000 calls a month", "21,000 calls a week"])
@pytest.mark.parametrize("lead", ["Support bot on claude-sonnet-4-5: {rate}.", "claude-sonnet-4-5 with {rate}."])
def test_a_rate_no_person_sends_is_the_whole_traffic(lead: str, rate: str) -> None:
    plan = make_plan(lead.format(rate=rate) + " Each call sends 6,000 input tokens and gets 400 tokens back. "
                     "Monthly cost?")
    [step] = plan.steps
    assert step.tool == "token_cost" and step.args["users"] == 1
    assert any("total rate" in n for n in plan.notes)


@pytest.mark.parametrize("rate", ["20 queries a day", "600 queries a month"])
def test_a_rate_one_person_could_send_still_asks_who_sends_it(rate: str) -> None:
    plan = make_plan(f"On claude-sonnet-4-5 with {rate}, 6,000 input and 400 output tokens each. Monthly cost?")
    assert plan.kind == "clarify" and "users" in plan.text


@pytest.mark.parametrize("lead", ["Two ideas:", "Two proposals -", "We have two approaches:"])
@pytest.mark.parametrize("ask", ["What are the monthly and annual savings, and the new monthly bill?",
                                 "Monthly & annual savings? New monthly bill?"])
def test_a_cache_and_a_trim_named_as_ideas_with_monthly_and_annual_savings(lead: str, ask: str) -> None:
    plan = make_plan(f"Our OpenAI bill is $30,000/month. {lead} a semantic cache that should answer 25% of queries (a "
                     "hit costs ~10% of a miss), and trimming prompts by 20% - input tokens are 60% of the bill. "
                     f"{ask}")
    [step] = plan.steps
    assert step.tool == "caching" and step.args["hit_cost_ratio"] == "10%" and step.args["input_share_of_bill"] == "60%"
    assert [a.var for a in plan.asks] == ["saving", "yearly_saving", "new_monthly_cost"]
    assert plan.understood


@pytest.mark.parametrize("floor", ["before we drop below 70%", "without going under 70%", "and stay above 70%"])
def test_a_plans_cap_after_a_price_for_a_margin(floor: str) -> None:
    first = "What should we charge per seat to hit a 70% gross margin if each seat costs us $3.60 a month?"
    plan = make_plan(f"At that price, if one query costs us $0.0024, how many queries a month can a seat make {floor}?",
                     make_plan(first).steps)
    assert [s.tool for s in plan.steps] == ["break_even", "pricing_plan"]
    assert plan.steps[1].args["plan_price_usd"] == {"$from": ["break_even", "price_for_target_margin_usd"]}
    assert [a.var for a in plan.asks] == ["max_queries"]


@pytest.mark.parametrize("price", ["lowest monthly price", "minimum subscription price", "cheapest plan price",
                                   "lowest price"])
@pytest.mark.parametrize("order", ["current first", "users first"])
def test_the_lowest_price_that_breaks_even_beside_the_current_price(price: str, order: str) -> None:
    facts = "We charge $15 a seat today; serving a seat costs $11 and the team costs $36,000 a month."
    ask = f"What is the {price} that breaks even with 6,000 paying seats?"
    plan = make_plan(f"{facts} {ask}" if order == "current first" else f"{ask} {facts}")
    [step] = plan.steps
    assert step.tool == "solve" and step.args["unknown"] == "price_per_user"
    assert step.args["knowns"] == {"break_even_users": 6000, "fixed_costs": 36000, "cost_per_user": 11}


@pytest.mark.parametrize("median", ["the median user does about 600 queries a month",
                                    "our median customer sends ~600 queries/month"])
@pytest.mark.parametrize("followup", ["and what about at $25 per seat?", "and if we charge $25?", "and at $25 per user?"])
def test_a_median_users_usage_stays_the_median_in_a_price_follow_up(median: str, followup: str) -> None:
    first = make_plan(f"Flat $15/month plan, each query costs us $0.01, {median}. What share of users lose us money?")
    assert first.steps[0].args["median_queries_per_user_per_month"] == 600
    plan = make_plan(followup, first.steps)
    step = plan.steps[0]
    assert step.tool == "pricing_plan" and step.args["plan_price_usd"] == 25
    assert step.args["median_queries_per_user_per_month"] == 600 and "queries_per_user_per_month" not in step.args


@pytest.mark.parametrize(("given", "needed"), [("we charge $30 per seat", "cost to serve one user"),
                                               ("we charge $30 per seat per month", "cost to serve one user"),
                                               ("AI costs us $3.10 per user per month", "price users pay"),
                                               ("AI costs us $3.10 per user", "price users pay")])
def test_a_per_unit_figure_at_the_end_of_a_margin_question_asks_for_the_other_side(given: str, needed: str) -> None:
    plan = make_plan(f"What gross margin do we make if {given}?")
    assert plan.kind == "clarify" and needed in plan.text and plan.text.startswith("I understood")
