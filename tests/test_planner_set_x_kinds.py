"""Planner v2, the kinds set_x found at first sight, each checked in several wordings.

A pronoun 'one' before a place is no input-token count; a list item 'per account per month' asks the cost per
user, and a follow-up recomputes everything the last turn asked; 'every day of a 30-day month' replaces the
workdays; a saving against another model or service tier compares the two bills; an amount 'runs us' without a
dollar sign is money; 'only 1,500 buy' changes the buyers; 'util' is utilization; an input share said in its own
sentence; a provider's price rise on a stated bill; a margin with no price asks for it; an unnamed per-user amount
beside a named cost is the price.
"""

from __future__ import annotations

import pytest
from planner_reading import follow_up, given_values

from assistant.agent import Assistant
from assistant.config import Settings
from assistant.planner.asks import asked
from assistant.planner.plan import make_plan
from tools import fmt

_SUPPORT = ("We have 1,200 agents, each closing about 50 tickets per workday, 21 workdays a month. A summary is "
            "1,800 tokens in total at $0.001 per 1K tokens. {place} Monthly bill?")


@pytest.mark.parametrize("place", ["Our desks sit in two cities, one in Lisbon and one in Porto.",
                                   "There are three offices: one in Austin, one in Denver and one in Boston.",
                                   "Only 1 in 5 agents works nights."])
def test_a_pronoun_one_before_a_place_or_a_ratio_is_no_token_count(place: str) -> None:
    [step] = make_plan(_SUPPORT.format(place=place)).steps
    assert step.args["tokens_per_query"] == 1800 and "input_tokens_per_query" not in step.args
    assert (step.args["users"], step.args["queries_per_user"], step.args["active_days_per_month"]) == (1200, 50, 21)


@pytest.mark.parametrize("split", ["6k in / 1k out", "6000 in 1000 out per call", "6k tokens in and 1k out"])
def test_a_terse_token_split_reads_both_sides(split: str) -> None:
    values = given_values(f"{split} on gpt-4o, 500 users 8 a day each - monthly?")
    assert (values["input_tokens"], values["output_tokens"]) == (6000, 1000)
    assert (values["users"], values["queries_per_user"]) == (500, 8)


@pytest.mark.parametrize("ask", ["What is it per month, per account per month, and per year?",
                                 "Monthly total, per tenant per month, and yearly?",
                                 "what's the bill a month, per customer, and a year?"])
def test_a_per_unit_list_item_asks_the_cost_per_user(ask: str) -> None:
    assert set(asked(ask)) == {"monthly_cost", "cost_per_user", "yearly_cost"}


@pytest.mark.parametrize("switch", ["the same thing on gpt-4.1-mini", "and on gpt-4.1-mini?", "try gpt-4.1-mini instead"])
def test_a_model_switch_recomputes_every_ask_of_the_last_turn(switch: str) -> None:
    first = "25k MAU, ~10 msgs/day each, ~2k input + 400 output tokens per msg on gpt-4o-mini. monthly $? and per user?"
    plan = make_plan(switch, make_plan(first).steps)
    assert plan.steps[-1].args["model"] == "gpt-4.1-mini"
    assert {a.var for a in plan.asks} == {"monthly_cost", "cost_per_user"}


@pytest.mark.parametrize("every", ["What if the desks run 24/7, 40 tickets per agent per day?",
                                   "and if they work every day of a 30-day month?",
                                   "what if we staff it 7 days a week?"])
def test_every_day_of_the_month_replaces_the_workdays(every: str) -> None:
    [step] = follow_up(_SUPPORT.format(place=""), every)
    assert step.args["active_days_per_month"] == 30


@pytest.mark.parametrize(("follow", "other"), [
    ("how much cheaper is that than sending the same files through the regular synchronous API?", "standard"),
    ("what do we save vs the standard tier?", "standard"),
    ("how much cheaper is that than running it on gpt-4o?", "gpt-4o")])
def test_a_saving_against_another_tier_or_model_compares_both_bills(follow: str, other: str) -> None:
    first = ("Every night 40,000 files go through gpt-4.1-mini on the Batch API, 2,500 input and 400 output tokens "
             "each. What is the monthly bill?")
    [step] = follow_up(first, follow)
    before, after = step.args["scenarios"]
    assert step.tool == "compare" and before["service_tier"] == "batch"
    assert other in (after.get("service_tier"), after.get("model"))


@pytest.mark.parametrize("fixed", ["Salaries and hosting run us 960 thousand a year.",
                                   "Salaries and hosting set us back 960k a year.",
                                   "Salaries and hosting cost us 0.96 million a year."])
def test_a_yearly_fixed_cost_without_a_dollar_sign(fixed: str) -> None:
    [step] = make_plan(f"{fixed} Seats are $25/mo; the AI inference per seat is $5/mo. Break-even seat count?").steps
    assert step.tool == "break_even" and step.args["fixed_costs_usd"] == 960_000
    assert (step.args["price_per_user_usd"], step.args["variable_cost_per_user_usd"]) == (25, 5)


@pytest.mark.parametrize("follow", ["what if only 900 buy?", "and if just 900 sign up?", "suppose 900 subscribe"])
def test_a_count_of_buyers_in_a_follow_up_changes_the_buyers(follow: str) -> None:
    first = ("Building the add-on costs $180,000. We think 1,200 customers will buy it at $20/month, and each "
             "costs us $5/month in tokens. Months to pay back?")
    [step] = follow_up(first, follow)
    assert step.tool == "break_even" and step.args["users_brought"] == 900


@pytest.mark.parametrize("util", ["65% util", "65% utilisation", "a 65% utilization"])
def test_utilization_abbreviated(util: str) -> None:
    assert given_values(f"4x L40S at $0.80/h each, each card ~1,000 tok/s, {util}. $ per 1M tokens?")[
        "utilization"] == 65


@pytest.mark.parametrize("share", ["Input tokens are 60% of our spend.", "Input is 60% of the bill.",
                                   "60% of the spend is input tokens."])
def test_an_input_share_in_its_own_sentence_beside_a_prompt_trim(share: str) -> None:
    plan = make_plan(f"If we cut input tokens by 30% with a shorter system prompt, what do we save on a $20k/month "
                     f"bill? {share} Also the new monthly bill.")
    [step] = plan.steps
    assert step.args == {"monthly_bill_usd": 20_000, "prompt_reduction": "30%", "input_share_of_bill": "60%"}
    assert {a.var for a in plan.asks} == {"saving", "new_monthly_cost"}


@pytest.mark.parametrize("rise", ["our vendor is hiking prices by 20%", "OpenAI is raising its prices 20%",
                                  "the API provider bumps prices 20%"])
def test_a_provider_price_rise_on_a_stated_bill(rise: str) -> None:
    plan = make_plan(f"Bad news: {rise}. Our bill is $25,000 a month today. New monthly and yearly cost?")
    [step] = plan.steps
    assert step.tool == "change" and step.args["value"] == 25_000 and step.args["percent_change"] == 20
    assert {(a.var, a.field) for a in plan.asks} == {("new_monthly_cost", "value"), ("yearly_cost", "value_per_year")}


@pytest.mark.parametrize("question", ["Serving a user costs us $2.40 a month. What's our gross margin?",
                                      "Our AI cost per seat is $2.40/month. Gross margin?"])
def test_a_margin_without_a_price_asks_for_the_price(question: str) -> None:
    plan = make_plan(question)
    assert plan.kind == "clarify" and "price users pay" in (plan.text or "") and not plan.steps


@pytest.mark.parametrize("price", ["$30 per seat per month", "subscriptions at $30", "a plan of $30 a month"])
def test_an_unnamed_per_user_amount_beside_a_named_cost_is_the_price(price: str) -> None:
    [step] = make_plan(f"Fixed costs of $60k a month, {price}, variable cost $12 per seat. Break-even seats?").steps
    assert step.tool == "break_even"
    assert (step.args["price_per_user_usd"], step.args["variable_cost_per_user_usd"]) == (30, 12)


@pytest.mark.parametrize("cover", ["How many users can a $3,000 monthly budget cover",
                                   "How many users fit under a $3,000 monthly cap"])
def test_users_within_a_budget_are_a_goal_seek_not_a_break_even(cover: str) -> None:
    [step] = make_plan(f"{cover} at 5 queries a day of 2,000 tokens and $0.002 per 1K tokens?").steps
    assert step.tool == "solve" and step.args["unknown"] == "users"


def test_a_multiple_keeps_two_decimals() -> None:
    assert [fmt.ratio(v) for v in (19.047, 7.0588, 2.0, 137.5)] == ["19.05x", "7.06x", "2x", "137.5x"]


# Kinds found in older sets (f, g) the same session, after set_x's fixes.

@pytest.mark.parametrize("words", ["A report going in runs about 1,500 words and the summary coming out about 150 words.",
                                   "Each input document is ~1,500 words; each answer returned is ~150 words."])
def test_word_counts_said_of_each_side(words: str) -> None:
    [step] = make_plan(f"90 analysts each run 12 summaries a day. {words} Pricing is $1 per 1M input tokens and $4 "
                       "per 1M output tokens. Monthly cost?").steps
    assert (step.args["input_words_per_query"], step.args["output_words_per_query"]) == (1500, 150)


@pytest.mark.parametrize("switch", ["Move to the larger model at $2 in / $8 out per million - new monthly cost?",
                                    "what's the new monthly bill at $2 input and $8 output per 1M?"])
def test_a_price_switch_asks_the_changed_bill(switch: str) -> None:
    first = ("3,000 staff, each sends about 10 prompts per workday, 20 workdays a month, 800 input and 200 output "
             "tokens per prompt, $0.10 in / $0.40 out per million. Monthly cost?")
    [step] = follow_up(first, switch)
    assert (step.args["input_price"], step.args["output_price"]) == (2, 8) and step.args["users"] == 3000


@pytest.mark.parametrize("question", [
    "A seat costs us $5 a month in tokens. What price gives an 80% gross margin? And what margin if we priced at $20?",
    "Our cost per seat is $5/month. What should we charge for an 80% margin, and what margin would we make at $20?"])
def test_a_price_for_a_margin_and_the_margin_at_another_price(question: str) -> None:
    plan = make_plan(question)
    assert [s.tool for s in plan.steps] == ["break_even", "margin"]
    assert plan.steps[1].args == {"price_per_user_usd": 20, "cost_per_user_usd": 5}


def test_a_chat_follow_up_answers_every_ask_of_the_last_turn(_isolated_env: object) -> None:
    # 30k x 8 x 30 = 7.2M queries; gpt-4o-mini 1,000 x $0.15/1M + 250 x $0.60/1M = $0.0003 -> $2,160, $0.072 a user;
    # gpt-4.1-mini 1,000 x $0.40/1M + 250 x $1.60/1M = $0.0008 -> $5,760, $0.192 a user
    assistant = Assistant(Settings())
    first = assistant.ask("30k MAU, 8 msgs/day each, 1k input + 250 output tokens per msg on gpt-4o-mini. "
                          "monthly $? and per user?", session_id="s")
    assert "$2,160" in first.answer and "$0.072" in first.answer
    answer = assistant.ask("the same on gpt-4.1-mini", session_id="s")
    assert "$5,760" in answer.answer and "$0.192" in answer.answer and answer.verified


@pytest.mark.parametrize("change", ["double the messages per user", "triple the requests per seat",
                                    "halve the chats per customer"])
def test_a_counts_unit_asks_no_cost_per_user(change: str) -> None:
    assert "cost_per_user" not in asked(change)


@pytest.mark.parametrize("ask", ["monthly + annual?", "monthly and annual?", "monthly/yearly?"])
def test_two_periods_side_by_side_ask_both_bills(ask: str) -> None:
    assert asked(f"30k MAU, 10 req/day each, ~1k tokens/req, blended $0.60/M. {ask}") == ["monthly_cost",
                                                                                        "yearly_cost"]


@pytest.mark.parametrize("ask", ["and at how many queries does it break even?", "and where's break-even on queries?",
                                 "at what usage do we break even?"])
def test_break_even_usage_is_asked_in_queries(ask: str) -> None:
    assert "break_even_queries" in asked(f"A $15/month plan, each query costs us 0.5 cents. {ask}")
    assert "break_even_users" not in asked(f"A $15/month plan, each query costs us 0.5 cents. {ask}")
