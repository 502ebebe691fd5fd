"""Planner v2, the kinds set_e found at first sight: calendars a question defines, parts of a token
count, amounts named by an 'of' phrase, plan caps and overage, goal-seeks on a stated bill, routing
after a baseline, and follow-ups after every goal-seek. Each kind is checked in several wordings.
"""

from __future__ import annotations

import pytest

from assistant.agent import Assistant
from assistant.config import Settings
from assistant.planner.plan import Plan, make_plan
from tools.break_even import break_even
from tools.errors import InputError
from tools.token_cost import token_cost


def _steps(plan: Plan) -> list[tuple[str, dict]]:
    return [(s.tool, s.args) for s in plan.steps if s.tool != "search_knowledge"]


def _asks(plan: Plan) -> list[str]:
    return [a.var for a in plan.asks]


@pytest.mark.parametrize("question", [
    "800 staff send 10 requests per working day; we count 21 working days a month. Each request is 2,000 tokens at "
    "$0.50 per million tokens. Monthly bill?",
    "We count 21 business days per month. 800 staff send 10 requests a day, 2,000 tokens each, at $0.50/M tokens. "
    "What's the monthly cost?",
    "There are 21 workdays a month; 800 employees make 10 requests per workday of 2,000 tokens, priced at 50 cents "
    "per million tokens. What do we pay per month?",
])
def test_days_a_month_the_question_defines_replace_the_thirty_day_month(question: str) -> None:
    [(tool, args)] = _steps(make_plan(question))
    assert tool == "token_cost" and args["active_days_per_month"] == 21 and args["users"] == 800
    result = token_cost(args)
    assert result.cost_per_month_usd == pytest.approx(800 * 10 * 21 * 2_000 * 0.5 / 1e6)
    assert "21 days" in result.formula


def test_active_days_only_apply_to_daily_usage() -> None:
    with pytest.raises(InputError, match=r"(?i)active_days_per_month applies to queries per day"):
        token_cost({"users": 10, "queries_per_user": 100, "query_period": "month", "tokens_per_query": 1_000,
                    "price": 1, "active_days_per_month": 20})


@pytest.mark.parametrize("part", ["3,000 input tokens, of which 2,000 are cached", "3,000 input tokens (2,000 of them "
                                  "cached)", "3,000 input tokens with 2,000 cached tokens"])
def test_a_cached_part_of_the_input_is_priced_at_the_cached_rate(part: str) -> None:
    plan = make_plan(f"Each request has {part} and 500 output tokens; $3/M input, $0.30/M cached input, $15/M "
                     "output. What does one request cost?")
    [(tool, args)] = _steps(plan)
    assert tool == "token_cost" and args["cached_input_tokens_per_query"] == 2_000
    assert token_cost(args).cost_per_query_usd == pytest.approx(1_000 * 3e-6 + 2_000 * 0.3e-6 + 500 * 15e-6)
    assert _asks(plan) == ["cost_per_query"]


@pytest.mark.parametrize("question", [
    "We carry $240k a year in fixed costs. Users pay $8 per month and cost us $3 each. Break-even users?",
    "Annual fixed costs are $240,000. Users pay $8 per month and each one costs us $3 a month. Break-even users?",
    "Fixed costs of $240,000 per year; each user pays $8 a month and costs $3 a month. How many users to break even?",
])
def test_fixed_costs_keep_the_period_they_are_given_in(question: str) -> None:
    [(tool, args)] = _steps(make_plan(question))
    assert tool == "break_even" and args["fixed_costs_period"] == "year"
    assert (args["price_per_user_usd"], args["variable_cost_per_user_usd"]) == (8, 3)
    assert break_even(args).break_even_users == 4_000


@pytest.mark.parametrize(("question", "var", "value"), [
    ("We have $25k of fixed costs a month; seats pay $20 and cost us $5. Break-even seats?", "fixed_costs_usd",
     25_000),
    ("2 GPUs at $3.50/h each, 2,400 tok/s at full load, 50% utilization, plus $6,000/mo of MLOps. What's our "
     "per-million GPU cost?", "fixed_monthly_usd", 6_000),
    ("35% of revenue goes to Anthropic and another 12% is hosting. On $400k/month of revenue, what's our gross "
     "profit?", "revenue_usd", 400_000),
])
def test_an_amount_named_by_its_of_phrase_takes_that_role(question: str, var: str, value: float) -> None:
    steps = _steps(make_plan(question))
    assert any(args.get(var) == value for _, args in steps), steps


def test_break_even_revenue_is_asked_beside_the_users() -> None:
    plan = make_plan("Fixed costs are $85k/mo. Seats sell for $49/mo and variable cost per seat is $14. How many seats "
                     "do we need to break even, and what's monthly revenue at that point?")
    assert _asks(plan) == ["break_even_users", "break_even_revenue"]
    assert break_even(_steps(plan)[0][1]).break_even_revenue_usd == 2_429 * 49


@pytest.mark.parametrize("prices", ["priced at $1.25/M in and $10/M out", "at $1.25 per 1M input tokens and $10 per "
                                    "1M output tokens"])
def test_a_plans_usage_caps_take_the_cost_per_query_from_split_prices(prices: str) -> None:
    plan = make_plan(f"Our $9.99/mo plan: a query is 1,800 input tokens + 400 output tokens, {prices}. How many "
                     "queries a month can a subscriber make before we lose money, and what's the cap for a 60% "
                     "margin?")
    (t1, _), (t2, a2) = _steps(plan)
    assert t1 == "token_cost" and t2 == "pricing_plan"
    assert a2 == {"plan_price_usd": 9.99, "cost_per_query_usd": {"$from": ["token_cost", "cost_per_query_usd"]},
                  "target_margin": "60%"}
    assert _asks(plan) == ["break_even_queries", "max_queries"]


def test_an_overage_price_per_thousand_queries_and_a_usage_spread_reach_the_plan() -> None:
    plan = make_plan("Our plan costs $25/mo and includes 1,000 queries, then $4 per 1,000 additional queries. 3,000 "
                     "paying users average 900 queries a month (lognormal, sigma 1.0) and each query costs us half a "
                     "cent. What's the expected overage revenue per month, and the monthly gross margin?")
    [(tool, args)] = _steps(plan)
    assert tool == "pricing_plan" and args["overage_price_per_1k_queries"] == 4 and args["usage_sigma"] == 1
    assert args["free_quota_queries"] == 1_000 and args["paying_users"] == 3_000
    assert _asks(plan) == ["overage_revenue", "margin"]


@pytest.mark.parametrize("budget", ["We spend $4,500 a month on the model.", "We can spend $4,500 a month on the "
                                    "model.", "Our budget is $4,500 a month."])
def test_a_stated_monthly_bill_beside_an_asked_input_is_a_goal_seek(budget: str) -> None:
    plan = make_plan(f"{budget} 3,000 seats, 2,500 tokens per request, $0.40 per million tokens. How many requests "
                     "per seat per day can we afford?")
    [(tool, args)] = _steps(plan)
    assert tool == "solve" and args["unknown"] == "queries_per_user_per_day"
    assert args["knowns"]["monthly_cost"] == 4_500


@pytest.mark.parametrize("question", [
    "We process 2B tokens a month, all on a $5 per million model today. Plan: 60% to a $0.50/M model, 30% to a $2/M "
    "one, and 10% stays on the $5 model. Blended price and monthly saving?",
    "Today all 2B tokens a month go to a $5/M model. We'd route 60% to a $0.50/M model, 30% to a $2/M model and "
    "10% stays on the $5/M one. What's the monthly saving?",
])
def test_a_baseline_before_the_routes_is_not_paired_with_a_share(question: str) -> None:
    [(tool, args)] = _steps(make_plan(question))
    assert tool == "routing" and args["baseline_price_per_1m"] == 5
    assert [(r["price_per_1m"], r["share"]) for r in args["routes"]] == [(0.5, "60%"), (2, "30%"), (5, "10%")]


@pytest.mark.parametrize("pronoun", ["each one sends", "every one of them sends"])
def test_each_one_is_a_pronoun_not_the_number_one(pronoun: str) -> None:
    [(tool, args)] = _steps(make_plan(f"We have 5,000 employees and {pronoun} 8 requests a day of 1,000 tokens at "
                                      "$0.50 per 1M tokens. Monthly cost?"))
    assert tool == "token_cost" and args["users"] == 5_000 and args["queries_per_user"] == 8


@pytest.mark.parametrize(("first", "then", "changed", "value"), [
    ("Our budget is $12,000 a month. Each user sends 20 queries/day at 1,000 tokens and we pay $0.80 per million "
     "tokens. How many users can we afford?", "and if the price falls to $0.50 per million?", "price_per_1m", 0.5),
    ("A100s at $2 an hour, 1,500 tokens/s each. What utilization gets us to $0.80 per million tokens?",
     "what if the GPU costs $1.50 an hour?", "gpu_hourly_usd", 1.5),
    ("We charge $20 per user. What can a user cost us at a 75% margin?", "and at $30 per user?", "price_per_user",
     30),
])
def test_a_follow_up_after_a_goal_seek_keeps_its_other_knowns(first: str, then: str, changed: str, value: float,
                                                              tmp_path) -> None:
    assistant = Assistant(Settings(data_dir=tmp_path))
    before = assistant.ask(first, session_id="s")
    after = assistant.ask(then, session_id="s")
    [call1], [call2] = before.tool_calls, after.tool_calls
    assert call1.name == call2.name == "solve" and call2.error is None
    assert call2.args["knowns"][changed] == value
    assert set(call2.args["knowns"]) == set(call1.args["knowns"])


@pytest.mark.parametrize("change", ["what if we cut our price to $20?", "what if we drop the price to $20?",
                                    "and if the price is cut to $20?"])
def test_a_price_cut_to_a_new_value_after_break_even_is_the_new_price(change: str, tmp_path) -> None:
    assistant = Assistant(Settings(data_dir=tmp_path))
    assistant.ask("We charge $25 per user, variable cost is $10 per user and fixed costs are $60k a month. How many "
                  "users to break even?", session_id="s")
    answer = assistant.ask(change, session_id="s")
    [call] = answer.tool_calls
    assert call.name == "break_even" and call.args["price_per_user_usd"] == 20
    assert call.result["break_even_users"] == 6_000


@pytest.mark.parametrize("parts", ["Model API invoices were $512k and GPU hosting another $177k",
                                   "API invoices came to $512k, plus $177k for hosting",
                                   "We paid $512k for the model API and an additional $177k to host it"])
def test_two_parts_of_a_cost_are_summed_by_a_change_step(parts: str) -> None:
    plan = make_plan(f"Last quarter we booked $1.84M in revenue. {parts}. What gross margin does that give us, and "
                     "the gross profit?")
    (t1, a1), (t2, a2) = _steps(plan)
    assert t1 == "change" and (a1["value"], a1["plus"]) == (512_000, 177_000)
    assert t2 == "margin" and a2 == {"revenue_usd": 1_840_000, "cogs_usd": {"$from": ["change", "value"]}}
    assert _asks(plan) == ["margin", "gross_profit"] and plan.understood


@pytest.mark.parametrize("share", ["35 cents of every dollar we bill goes to Anthropic",
                                   "35% of revenue goes to Anthropic", "Anthropic takes 35 cents of each dollar"])
def test_cents_of_every_dollar_are_a_share_of_revenue(share: str) -> None:
    [(tool, args)] = _steps(make_plan(f"{share}, and another 8% of revenue goes to hosting. We're at $2.4M in annual "
                                      "revenue. Gross margin, and gross profit per year?"))
    assert tool == "margin" and (args["provider_share"], args["other_cogs_share"]) == ("35%", "8%")
    assert (args["revenue_usd"], args["period"]) == (2_400_000, "year")


@pytest.mark.parametrize("ask", ["what's that per day and per month?", "daily and monthly cost?",
                                 "how much is it a day, and a month?"])
def test_several_periods_asked_are_all_answered(ask: str) -> None:
    plan = make_plan(f"40 agents run 24/7, each making 90 calls an hour of 1,800 input and 200 output tokens at $0.15/M "
                     f"input and $0.60/M output. {ask}")
    assert _asks(plan) == ["daily_cost", "monthly_cost"]


@pytest.mark.parametrize("cached", ["70% of which are served from the prompt cache", "of which 70% come from the "
                                    "cache"])
def test_a_cached_share_in_a_relative_clause_is_the_cached_share(cached: str) -> None:
    [(tool, args)] = _steps(make_plan(f"600 engineers make 40 calls a day. Each call sends 12,000 input tokens, {cached}, "
                                      "and returns 800 output tokens at $3/M input, $0.30/M cached input, $15/M "
                                      "output. What's our monthly spend?"))
    assert tool == "token_cost" and args["cached_input_share"] == "70%"


@pytest.mark.parametrize("reasoning", ["2,000 reasoning tokens on top", "about 2,000 thinking tokens (billed as "
                                       "output)"])
def test_reasoning_tokens_are_their_own_role_and_per_day_patients_are_a_rate(reasoning: str) -> None:
    [(tool, args)] = _steps(make_plan(f"450 clinicians each see 18 patients a day; each note is 4,000 input tokens, "
                                      f"500 output tokens and {reasoning}, at $1.10 per M input and $4.40 per M "
                                      "output. Cost per note?"))
    assert tool == "token_cost" and args["reasoning_tokens_per_query"] == 2_000
    assert (args["users"], args["queries_per_user"]) == (450, 18)


@pytest.mark.parametrize("cost", ["0.4¢", "0.4 cents", "$0.004"])
def test_a_cent_sign_is_cents_and_a_user_who_costs_more_than_they_pay_is_break_even(cost: str) -> None:
    plan = make_plan(f"A $15/month add-on should keep a 75% gross margin; each query costs us {cost}. How many queries "
                     "can it include, and at how many queries does a user start costing more than they pay?")
    [(tool, args)] = _steps(plan)
    assert tool == "pricing_plan" and args["cost_per_query_usd"] == pytest.approx(0.004)
    assert set(_asks(plan)) == {"max_queries", "break_even_queries"}


@pytest.mark.parametrize("period", ["$90,000 per quarter", "$90k a quarter", "$90,000 quarterly"])
def test_fixed_costs_per_quarter_are_converted_by_the_calculator(period: str) -> None:
    [(tool, args)] = _steps(make_plan(f"Our fixed costs are {period}. We charge $15 a month per user and our variable "
                                      "AI cost is $5 a month per user. Break-even users?"))
    assert tool == "break_even" and args["fixed_costs_period"] == "quarter"
    assert break_even(args).break_even_users == 3_000


def test_a_workload_asks_how_many_gpus_and_both_monthly_bills() -> None:
    plan = make_plan("We must serve 10 billion tokens a month on GPUs at $1.10/hour doing 2,500 tokens/s each at full "
                     "load, kept at 70% utilization. How many GPUs do we need, what's the monthly GPU bill, and what "
                     "would the same volume cost on an API at $0.90 per million?")
    assert _asks(plan) == ["gpus_needed", "self_host_monthly", "api_monthly", "self_host_saving"]


@pytest.mark.parametrize("plan_price", ["Our plan costs $25/mo", "The plan is $25/mo", "We charge $25/mo for the plan"])
def test_what_a_plan_costs_is_its_price(plan_price: str) -> None:
    (tool, args), *_ = _steps(make_plan(f"{plan_price} and includes 1,000 queries. Users average 600 queries a month "
                                        "and a query costs us $0.01. Gross margin?"))
    assert tool == "pricing_plan" and args["plan_price_usd"] == 25 and args["free_quota_queries"] == 1_000


@pytest.mark.parametrize("price", ["a dollar fifty per million tokens", "$1.50 per million tokens",
                                   "1.5 dollars per 1M tokens"])
def test_a_usage_a_budget_allows_is_goal_sought_however_the_price_is_written(price: str) -> None:
    [(tool, args)] = _steps(make_plan(f"With 20,000 sales reps, 2,000 tokens per query and {price}, how many queries a "
                                      "day can each rep run if we have to stay at or under $18,000 a month?"))
    assert tool == "solve" and args["unknown"] == "queries_per_user_per_day"
    assert args["knowns"]["price_per_1m"] == 1.5


@pytest.mark.parametrize("usage", ["about 10 times a day each", "10 times per day each"])
def test_times_a_day_is_usage_and_the_largest_query_a_budget_allows_is_sought(usage: str) -> None:
    [(tool, args)] = _steps(make_plan(f"8,000 employees use our assistant {usage}. The spend is capped at $6,000 a "
                                      "month at 50 cents per million tokens. What's the biggest average query in "
                                      "tokens we can afford?"))
    assert tool == "solve" and args["unknown"] == "tokens_per_query"
    assert args["knowns"]["queries_per_user_per_day"] == 10


def test_a_changed_variable_is_not_an_ask_and_usage_a_margin_allows_is_the_cap(tmp_path) -> None:
    assistant = Assistant(Settings(data_dir=tmp_path))
    assistant.ask("We charge $20 per user per month and each user costs us $6. Gross margin?", session_id="s")
    after = assistant.ask("and if the cost per user rises 50%?", session_id="s")
    assert [c.name for c in after.tool_calls] == ["change", "margin"]
    plan = make_plan("Our plan is $25 per user per month. A query costs $0.0125. At a 60% target margin, how many "
                     "queries can a paid user make per month?")
    assert _asks(plan) == ["max_queries"]
