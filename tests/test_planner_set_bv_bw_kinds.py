"""Planner v2, kinds found by first-sight sets BV and BW (flat plans above all), each in several wordings."""

from __future__ import annotations

import pytest

from assistant.planner.asks import asked
from assistant.planner.grammar import parse
from assistant.planner.plan import make_plan
from assistant.planner.roles import read
from assistant.planner.work_nouns import name_units_of_work


def _plan_step(text: str) -> dict:
    steps = make_plan(text).steps
    assert steps and steps[-1].tool == "pricing_plan", steps
    return steps[-1].args


@pytest.mark.parametrize("key", ["avg queries per paying user: 350/month", "mean requests per paying customer: 350/mo",
                                 "queries per paid user: 350 per month"])
def test_a_key_line_of_queries_per_user_is_the_paying_usage(key: str) -> None:
    args = _plan_step(f"free users: 40,000 (25 free queries/month each)\npaying users: 5,000 at $12/month\n{key}\n"
                      "cost per query: $0.002\nMonthly model cost with the free tier, and the gross margin?")
    assert args["queries_per_user_per_month"] == 350 and args["paying_users"] == 5_000
    assert args["free_users"] == 40_000 and args["free_quota_queries"] == 25


@pytest.mark.parametrize("noun", ["agent tasks", "proposal drafts", "AI actions"])
def test_a_singular_noun_before_a_plural_query_noun_modifies_it(noun: str) -> None:
    r = read(parse(f"A seat is $30/month and includes 250 {noun}, then $20 per 1,000 extra. Usage: 400 {noun} a month "
                   "per seat."))
    assert [g.value for g in r.givens if g.var == "free_quota"] == [250]
    assert [g.value for g in r.givens if g.var == "queries_per_user"] == [400]


@pytest.mark.parametrize("heavy", ["a power user runs 1,800 tasks in a month: what do they pay us, and our margin on "
                                   "them?", "one heavy customer did 1,800 tasks last month. What did they pay, and "
                                   "what is the margin on them?"])
def test_a_heavy_users_bill_beside_the_plans_own_price_and_target_margin(heavy: str) -> None:
    args = _plan_step(f"Seat = $20/month, includes 300 tasks; overage is $30 per 1,000 tasks. A task costs us $0.015. "
                      f"Max tasks we can include at a 75% margin? Also: {heavy}")
    assert args["heavy_user_queries_per_month"] == 1_800 and args["overage_price_per_1k_queries"] == 30
    plan = make_plan(f"Seat = $20/month, includes 300 tasks; overage is $30 per 1,000 tasks. A task costs us $0.015. "
                     f"{heavy}")
    assert {"heavy_user_bill", "heavy_user_margin"} <= {a for s in plan.steps for a in s.asks}


@pytest.mark.parametrize("ask", ["how many actions can a paid workspace run before it stops being profitable?",
                                 "how many exports can a customer make before the $49 is eaten?",
                                 "how many requests before the plan turns unprofitable?"])
def test_break_even_usage_said_as_profit_running_out(ask: str) -> None:
    assert "break_even_queries" in asked(ask)


@pytest.mark.parametrize("cost", ["An action costs us 0.6 cents.", "Each action costs us $0.006.",
                                  "Actions: 3,000 a month each, each ~$0.006."])
def test_a_cost_said_of_one_unit_of_work_is_per_query(cost: str) -> None:
    r = read(parse(f"2,000 workspaces pay $49/month. {cost}"))
    assert [g.value for g in r.givens if g.var == "cost_per_query"] == [0.006]


def test_an_unlisted_noun_the_question_prices_and_meters_is_a_request() -> None:
    text = "included rewrites: 300/month. overage: $8 per 1,000 rewrites. cost per rewrite: $0.004."
    assert name_units_of_work(text) == ("included rewrite requests: 300/month. overage: $8 per 1,000 rewrite requests. "
                                        "cost per rewrite request: $0.004.")
    assert name_units_of_work("We have 30 engineers; cost per engineer is $50.") == \
        "We have 30 engineers; cost per engineer is $50."  # a listed noun, and said once: unchanged


@pytest.mark.parametrize("unit", ["rewrites", "renders", "edits"])
def test_a_plan_block_over_an_unlisted_unit_of_work(unit: str) -> None:
    args = _plan_step(f"plan: Pro\nprice: $15/month\nincluded {unit}: 300/month\noverage: $8 per 1,000 {unit}\n"
                      f"free tier: 20,000 free users, 25 {unit}/month each\ncost per {unit[:-1]}: $0.004\n"
                      f"What does the free tier cost us, and how many {unit} before the $15 is eaten?")
    assert args["included_queries"] == 300 and args["free_quota_queries"] == 25
    assert args["overage_price_per_1k_queries"] == 8 and args["cost_per_query_usd"] == 0.004


@pytest.mark.parametrize("tier", ["Plus: $7.99/mo", "Pro: $7.99 per month"])
def test_a_tier_name_keys_its_monthly_price(tier: str) -> None:
    args = _plan_step(f"- Free: 20 generations / month, 50,000 free users\n- {tier}, 300 generations included, then "
                      "$2 per 1,000 extra\n- each generation costs us $0.004\nWhat does the free tier cost per month?")
    assert args["plan_price_usd"] == 7.99 and args["included_queries"] == 300 and args["free_quota_queries"] == 20


@pytest.mark.parametrize("against", ["compared with keeping all on gpt-4o", "vs sending everything to gpt-4o"])
def test_a_routed_bill_beside_the_bill_with_all_traffic_on_the_baseline(against: str) -> None:
    [step] = make_plan(f"We push 2B tokens a month. Plan: 70% on gpt-4o-mini, 30% on gpt-4o. Monthly cost, {against}?"
                       ).steps
    assert step.tool == "routing" and "baseline_monthly_cost" in step.asks


@pytest.mark.parametrize(("cost", "unit"), [("the model cost per dev is around $7", "devs"),
                                            ("variable AI cost $7/seller", "sellers"),
                                            ("AI spend per developer is about $7", "developers")])
def test_a_cost_per_customer_unit_is_no_price_whatever_the_unit_resembles(cost: str, unit: str) -> None:
    [step] = make_plan(f"Fixed costs are $40k a month. We charge $25 per seat per month and {cost}. How many paying "
                       f"{unit} to break even?").steps
    assert step.args["price_per_user_usd"] == 25 and step.args["variable_cost_per_user_usd"] == 7


@pytest.mark.parametrize("plan", ["Team plan is $12/seat/month", "The team plan costs $12 per seat per month"])
def test_a_plan_named_by_a_cost_word_keys_its_price(plan: str) -> None:
    args = _plan_step(f"{plan}. A review costs us about 3 cents. How many reviews per seat can we include at a 70% "
                      "margin, and past how many reviews does a seat lose us money?")
    assert args["plan_price_usd"] == 12 and args["cost_per_query_usd"] == 0.03


@pytest.mark.parametrize("ask", ["And where is break-even?", "Where do we break even?"])
def test_break_even_beside_a_plans_price_and_cost_per_query_is_usage(ask: str) -> None:
    [step] = make_plan(f"We sell a $15/month plan and each query costs us about 1 cent. {ask}").steps
    assert step.tool == "pricing_plan" and "break_even_queries" in step.asks


def test_a_follow_up_changes_the_cogs_of_a_margin() -> None:
    first = make_plan("Revenue this month was $900k and COGS (API invoices plus hosting) $270k. Gross margin?")
    steps = make_plan("and if COGS come in 25% higher on the same revenue?", first.steps).steps
    assert [s.tool for s in steps] == ["change", "margin"] and steps[0].args["percent_change"] == 25


@pytest.mark.parametrize("follow", ["what if the free user base doubles to 60k?", "and if free users grow to 60,000?"])
def test_a_follow_up_sets_the_free_users_of_a_plan(follow: str) -> None:
    first = make_plan("- 30,000 free users, each gets 10 AI queries a month\n- 2,000 paid users at $10/month, averaging "
                      "100 queries a month\n- cost per query is $0.005\nMonthly model cost in total, and the margin?")
    [step] = make_plan(follow, first.steps).steps
    assert step.args["free_users"] == 60_000 and step.args["paying_users"] == 2_000


@pytest.mark.parametrize("span", ["for the whole year", "for the full year", "for the year"])
def test_a_budget_for_the_whole_year_keeps_its_year(span: str) -> None:
    r = read(parse(f"finance gives us $90k {span} instead"))
    assert [(g.var, g.period) for g in r.givens] == [("budget", "year")]
