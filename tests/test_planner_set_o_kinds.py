"""Planner v2, the kinds set_o found at first sight: a cost named by what it pays for ("salaries are $1.2M a year") is
not a price even when its noun resembles a customer; a singular customer noun heads its phrase ("serving a customer
costs $15"); a compound subject's last noun is what a cost is per ("every agent run costs 4 cents"); an hourly rent
is not a token price because "per 1M tokens" comes later; and break-even and self-hosting ask for the input their
answer turns on (a cost per user, a throughput) instead of assuming one. Each kind is checked in several wordings.
"""

from __future__ import annotations

import pytest
from planner_reading import given_values

from assistant.planner.grammar import parse
from assistant.planner.plan import make_plan
from assistant.planner.roles import read


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


@pytest.mark.parametrize(("question", "needed"), [
    ("What would self-hosting on two H100s at $2.69 an hour cost per 1M tokens?", "throughput"),
    ("Cost per million tokens if we rent 4 A100s at $1.50/hr each?", "throughput"),
    ("Our fixed costs run $40k a month and a seat sells for $25. How many seats until we break even?",
     "cost to serve one user"),
    ("We burn $40,000 a month in fixed costs; the plan is $25 a user. How many users to break even?",
     "cost to serve one user"),
    ("How many queries fit in our plan at a 75% margin if each one costs us $0.004?", "plan's price"),  # set_q
    ("At an 80% margin, how many requests can the plan include when a request costs us half a cent?", "plan's price"),
    ("Seats sell for $19 and each seat costs us $4 in inference. How many seats to break even?", "fixed costs"),
    ("We charge $30 a user and serving a user costs $8. What's our break-even user count?", "fixed costs")])
def test_a_missing_input_the_answer_turns_on_is_asked_for(question: str, needed: str) -> None:
    # a throughput, a cost per user, a plan's price, fixed costs: asked for, never a placeholder or a made-up price
    plan = make_plan(question)
    assert plan.kind == "clarify" and not plan.steps and needed in plan.text


def test_break_even_with_a_stated_zero_cost_per_user_computes() -> None:
    [step] = make_plan("Fixed costs are $40k a month, we charge $25 per seat and serving a seat costs $0. "
                       "Break-even seats?").steps
    assert step.args["variable_cost_per_user_usd"] == 0 and step.args["fixed_costs_usd"] == 40_000


def _followup(first: str, then: str) -> list[tuple[str, dict[str, object]]]:
    steps = make_plan(first).steps
    return [(s.tool, s.args) for s in make_plan(then, steps).steps]


@pytest.mark.parametrize("then", ["what would we need to charge to push that to 80%?",
                                  "what should we charge for 80% instead?",
                                  "and how much would we have to charge to reach 80%?"])
def test_a_price_for_a_new_margin_after_a_margin(then: str) -> None:
    [(tool, args)] = _followup("We charge $18 per seat a month and a seat costs us $7.20 to serve. Gross margin?", then)
    assert tool == "break_even" and args["mode"] == "price"
    assert args["variable_cost_per_user_usd"] == 7.2 and args["target_margin"] == "80%"


@pytest.mark.parametrize("then", ["and if engineering brings a run down to 2.5 cents?",
                                  "what if we cut each run to $0.025?", "and if a run drops to 2.5 cents?"])
def test_a_cost_per_run_moved_in_a_followup(then: str) -> None:
    [(tool, args)] = _followup("Each workflow run costs us $0.04. 2,000 customers each start 15 runs a day. "
                               "Monthly spend?", then)
    assert tool == "token_cost" and args["cost_per_query_usd"] == 0.025 and args["users"] == 2000


@pytest.mark.parametrize("lead", ["Every night we classify", "Each day, we label", "Nightly we score"])
def test_a_period_that_opens_the_clause_is_the_counts(lead: str) -> None:
    [step] = make_plan(f"{lead} 250,000 records; each is 800 input and 50 output tokens at $0.50 per 1M input and "
                       "$2 per 1M output. Cost per month?").steps
    assert step.args["queries_per_user"] == 250_000 and step.args["query_period"] == "day"
    assert step.args["users"] == 1  # the whole pipeline's volume, one stream


@pytest.mark.parametrize("tier", ["(half the standard price)", "at 50% of the standard rate",
                                  "at a 50% discount off the list price"])
def test_a_tier_discount_the_question_states_is_the_tiers_own(tier: str) -> None:
    plan = make_plan(f"We push 90,000 documents a day through the batch API {tier}; each is 2,000 input and 200 "
                     "output tokens at $2 per 1M input and $8 per 1M output. What's that per day?")
    [step] = plan.steps
    assert step.args["service_tier"] == "batch" and plan.understood and not plan.unused


def test_a_tier_discount_that_differs_from_the_rule_is_said_unused() -> None:
    plan = make_plan("We push 90,000 documents a day through the batch API at 40% of the standard price; each is "
                     "2,000 input and 200 output tokens at $2 per 1M input and $8 per 1M output. Daily cost?")
    assert plan.unused == ["40%"] and not plan.understood


@pytest.mark.parametrize("ask", ["How many tokens per second does one GPU have to sustain",
                                 "What throughput does each GPU need", "What per-GPU throughput do we need"])
def test_the_throughput_to_match_an_api_is_goal_sought(ask: str) -> None:
    [step] = make_plan(f"An L4 rents for $0.80 an hour and runs at 60% utilization. {ask} to match an API "
                       "charging $0.60 per 1M tokens?").steps
    assert step.tool == "solve" and step.args["unknown"] == "tokens_per_second"
    assert step.args["knowns"]["self_host_per_1m"] == 0.6


@pytest.mark.parametrize("ships", ["once it ships", "once it is live", "once we launch it"])
def test_once_opening_a_clause_is_a_time_not_a_one_off(ships: str) -> None:
    [step] = make_plan(f"A distillation project costs $240k upfront and should lower our API spend by $20k a month "
                       f"{ships}, after 2 months of build. Payback, and months from kickoff?").steps
    assert step.args["upfront_investment_usd"] == 240_000 and step.args["monthly_saving_usd"] == 20_000
    assert step.args["build_months"] == 2


@pytest.mark.parametrize("spent", ["We'd spend $240,000 once on a new cache layer.",
                                   "A one-time $240k goes into a new cache layer."])
def test_an_amount_spent_once_is_an_investment(spent: str) -> None:
    got = given_values(f"{spent} It brings the bill down from $50,000 to $30,000 a month. Payback in months?")
    assert got["investment"] == 240_000


@pytest.mark.parametrize("cached", ["6,000 of which are a fixed preamble we can prompt-cache",
                                    "6,000 of which are served from the prompt cache",
                                    "6,000 of them hit the cache"])
def test_a_cached_part_said_after_the_input(cached: str) -> None:
    got = given_values(f"Each call sends 9,000 input tokens, {cached}, and gets 400 output tokens back at $3/M input, "
                       "$0.30/M cached input and $15/M output.")
    assert got["cached_tokens"] == 6000 and got["input_tokens"] == 9000


@pytest.mark.parametrize("ask", ["What's the cost per call with prompt caching versus without?",
                                 "Cost per call with the cache vs without it?",
                                 "How much does a call cost with and without caching?"])
def test_a_call_with_and_without_caching_is_compared(ask: str) -> None:
    [step] = make_plan("Each call sends 9,000 input tokens, 6,000 of which are served from the prompt cache, and 400 "
                       f"output tokens; $3/M input, $0.30/M cached input, $15/M output. {ask}").steps
    assert step.tool == "compare"
    with_cache, without = step.args["scenarios"]
    assert with_cache["cached_input_tokens_per_query"] == 6000 and "cached_input_tokens_per_query" not in without


@pytest.mark.parametrize("ask", ["What's the new monthly bill?", "What would the new bill be each month?"])
def test_a_routed_mixs_new_monthly_bill_is_asked(ask: str) -> None:
    plan = make_plan(f"We run 2B tokens a month on a $4/M model. A router would send 75% to a $0.40/M model and keep "
                     f"25% on the $4/M one. {ask}")
    assert plan.steps[0].tool == "routing" and any(a.var == "new_monthly_cost" for a in plan.asks)


# set_n's kinds left open, fixed with set_o's


@pytest.mark.parametrize("ask", ["What's the monthly and the quarterly bill?", "Monthly and quarterly cost?",
                                 "What does it cost a month, and per quarter?"])
def test_a_quarterly_bill_is_asked_beside_the_monthly(ask: str) -> None:
    plan = make_plan(f"900 analysts run about 28 queries a week each, ~1,500 tokens per query at $0.40 per 1M. {ask}")
    assert [a.var for a in plan.asks] == ["monthly_cost", "quarterly_cost"]
    assert any("quarter is 3 months" in n for n in plan.notes)


@pytest.mark.parametrize("costs", ["model API + GPU hosting costs $540k for the quarter",
                                   "inference and GPU hosting cost us $540,000 over the quarter"])
def test_a_quarters_revenue_and_costs_give_a_quarterly_margin(costs: str) -> None:
    plan = make_plan(f"Last quarter: revenue $1.5M, {costs}. Gross margin and gross profit?")
    [step] = plan.steps
    assert step.tool == "margin" and step.args["period"] == "quarter"
    assert step.args["revenue_usd"] == 1_500_000 and step.args["cogs_usd"] == 540_000 and not plan.unused


@pytest.mark.parametrize("ask", ["what's the most we can spend upfront on the migration?",
                                 "how much can we invest at most?", "what's the maximum upfront investment?"])
def test_the_most_to_invest_for_a_payback_target_is_goal_sought(ask: str) -> None:
    [step] = make_plan(f"Distilling our model would save $32,000 a month. For payback within 15 months, {ask}").steps
    assert step.tool == "solve" and step.args["relation"] == "payback_months" and step.args["unknown"] == "investment"
    assert step.args["knowns"] == {"payback_months": 15, "monthly_saving": 32_000}


@pytest.mark.parametrize("dated", ["At 2023 launch prices", "Using 2024 list rates", "At FY 2025 prices"])
def test_a_year_that_dates_prices_is_no_quantity(dated: str) -> None:
    reading = read(parse(f"{dated}, 4,000 users send 10 queries a day of 1,000 tokens at $2 per 1M. Monthly cost?"))
    assert {g.var: g.value for g in reading.givens}["users"] == 4000 and not reading.unused


@pytest.mark.parametrize("variant", ["GPT-4 8K", "gpt-4-32k", "GPT-4 32K"])
def test_a_context_window_after_a_model_name_is_part_of_the_name(variant: str) -> None:
    reading = read(parse(f"What does {variant} cost for 2,000 users at 5 queries a day of 800 tokens?"))
    assert "8000" not in reading.unused and "32000" not in reading.unused and reading.get("users") is not None


@pytest.mark.parametrize("ask", ["What's the monthly bill with the cache, and what would it be without caching?",
                                 "Monthly cost with prompt caching? And with no cache at all?"])
def test_a_bill_with_the_cache_and_without_it(ask: str) -> None:
    plan = make_plan("4,000 users send 20 requests a day; each has 6,000 input tokens, 75% of which are served from the "
                     f"prompt cache, and 300 output tokens, at $3/M input, $0.30/M cache reads and $15/M output. {ask}")
    [step] = plan.steps
    assert step.tool == "compare" and [s["label"] for s in step.args["scenarios"]] == ["with caching", "without caching"]
    assert [a.var for a in plan.asks] == ["compare_table", "difference"]


def test_a_clarification_writes_what_it_understood_as_answers_write_figures() -> None:
    plan = make_plan("We're putting the assistant in front of 50k seats at $0.002 per 1K tokens. Monthly cost?")
    assert plan.kind == "clarify" and "users = 50,000" in plan.text and "$0.002" in plan.text


@pytest.mark.parametrize("split", ["a 80% Haiku / 20% Sonnet split", "an 80% Haiku, 20% Sonnet mix",
                                   "80% Haiku and 20% Sonnet"])
def test_shares_before_named_models_pair_with_the_names_and_their_given_prices(split: str) -> None:
    [step] = make_plan(f"With Sonnet at $3 per 1M input / $15 per 1M output and Haiku at $1 per 1M for both, what "
                       f"blended price per 1M does {split} give, versus all Sonnet? Assume 75% of tokens are input.").steps
    assert step.tool == "routing" and step.args["input_share"] == "75%"
    haiku, sonnet = step.args["routes"]
    assert (haiku["share"], haiku["price_per_1m"]) == ("80%", 1.0)
    assert (sonnet["share"], sonnet["input_price"], sonnet["output_price"]) == ("20%", 3.0, 15.0)
    assert step.args["baseline"]["input_price"] == 3.0


# set_q's kinds


@pytest.mark.parametrize("then", ["What if the API price falls 40%?", "and if the model price falls by 40%?",
                                  "what if inference pricing drops 40%?"])
def test_a_change_to_what_we_pay_moves_the_cost_not_the_price(then: str) -> None:
    steps = _followup("We charge $25 per seat and the AI costs us $9 a seat each month. Gross margin?", then)
    assert steps[0] == ("change", {"name": "cost per user", "value": 9.0, "percent_change": -40.0})


@pytest.mark.parametrize("bill", ["Inference spend is $240k a month today.", "We pay $240,000 a month for the model.",
                                  "Our model bill runs $240k/month."])
def test_todays_bill_beside_a_cheaper_model_share_gives_the_new_bill(bill: str) -> None:
    plan = make_plan(f"{bill} If 85% of tickets go to a model that's 20x cheaper, what's the new monthly bill?")
    [step] = plan.steps
    assert step.tool == "routing" and step.args["monthly_bill_usd"] == 240_000
    assert [a.var for a in plan.asks] == ["blended_price", "new_monthly_cost"]


@pytest.mark.parametrize("terse", ["seat = $30/mo, AI COGS/seat = $7.50. GM%?", "price=$30/mo; cost/seat = $7.50; gross margin?",
                                   "seat = $30 a month, inference cost per seat = $7.50. GM?"])
def test_terse_notes_with_equals_signs(terse: str) -> None:
    [step] = make_plan(terse).steps
    assert step.tool == "margin" and step.args == {"price_per_user_usd": 30.0, "cost_per_user_usd": 7.5}


@pytest.mark.parametrize("share", ["three quarters of our tokens are prompt", "75% of tokens are prompt",
                                   "our tokens are 75% input"])
def test_a_prompt_share_beside_routes_priced_in_and_out(share: str) -> None:
    [step] = make_plan(f"Route 70% of calls to a small model ($0.20 in / $0.80 out per million) and 30% to a big one ($2 "
                       f"in / $8 out per million); {share}. Blended price per million?").steps
    assert step.args["input_share"] == "75%" and len(step.args["routes"]) == 2


@pytest.mark.parametrize("ask", ["At 500M tokens a month what's the bill vs sending everything to the flagship?",
                                 "What's our monthly bill at 500M tokens, versus everything on the flagship?"])
def test_a_routed_bill_against_the_baselines(ask: str) -> None:
    plan = make_plan(f"Router: 70% of requests to a $0.20/M model and 30% to the $10/M flagship. {ask}")
    assert [a.var for a in plan.asks] == ["blended_price", "monthly_cost", "baseline_monthly_cost"]


@pytest.mark.parametrize("request_", ["For the board pack I need model COGS for the quarter.",
                                      "We need the quarterly bill for finance."])
def test_a_request_without_a_question_mark_asks(request_: str) -> None:
    plan = make_plan(f"{request_} We have 400k MAU, each with 10 chats a month of about 1,000 tokens, at $0.50 per 1M.")
    assert [a.var for a in plan.asks] == ["quarterly_cost"]


def test_a_sentence_opening_with_model_as_a_noun_asks_nothing() -> None:
    plan = make_plan("Revenue was $900k for the quarter. Model API spend for the quarter was $300k. Gross margin?")
    assert [a.var for a in plan.asks] == ["margin"] and plan.steps[0].args["period"] == "quarter"


# set_r's kinds


@pytest.mark.parametrize("notes", ["Fixed costs: $90k/month. AI cost per user: $3/month.",
                                   "Fixed costs: $90,000 a month; cost per user: $3 a month.",
                                   "fixed costs = $90k/mo, cost per user = $3/mo."])
def test_labelled_figures_read_as_sentences(notes: str) -> None:
    [step] = make_plan(f"{notes} What monthly price breaks even at exactly 6,000 users?").steps
    assert step.tool == "solve" and step.args["unknown"] == "price_per_user"
    assert step.args["knowns"] == {"break_even_users": 6000, "fixed_costs": 90_000, "cost_per_user": 3}


@pytest.mark.parametrize("brings", ["bring 2,000 paying users at $15/month, each costing us $5/month to serve",
                                    "add 2,000 paying customers at $15 a month who cost $5 a month each"])
def test_payback_from_the_paying_users_a_build_brings(brings: str) -> None:
    [step] = make_plan(f"A new tier costs $200k up front to build. We expect it to {brings}. Payback in months?").steps
    assert step.tool == "break_even" and step.args["mode"] == "payback"
    assert step.args["users_brought"] == 2000 and step.args["upfront_investment_usd"] == 200_000


@pytest.mark.parametrize("then", ["what's that per year then?", "how much is that a year?", "and per year, then?"])
def test_a_bare_follow_up_on_the_same_figure_keeps_the_scenario(then: str) -> None:
    steps = make_plan("What do 20k users at 10 queries a day cost a month at $0.50 per 1M with 1,000 tokens a query?").steps
    plan = make_plan(then, steps)
    assert [s.tool for s in plan.steps] == ["token_cost"] and [a.var for a in plan.asks] == ["yearly_cost"]
