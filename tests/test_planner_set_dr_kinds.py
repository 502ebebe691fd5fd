"""Kinds found by first-sight sets DR and DS (and the tenth session's open ones), each with metamorphic variants.

A change in the size of prompts or answers ("twice as long") scales their tokens, not their count; a bill asked
per working day or for the whole year.
"""

from __future__ import annotations

import pytest

from assistant.planner.asks import asked
from assistant.planner.plan import make_plan
from assistant.planner.steps import Step


def _follow(first: str, second: str) -> list[Step]:
    before = make_plan(first)
    assert before.steps, before.text
    for step in before.steps:
        step.asks = [a.var for a in before.asks]
    return make_plan(second, before.steps).steps


def _change(steps: list[Step]) -> tuple[str, float]:
    [change] = [s for s in steps if s.tool == "change"]
    return change.args["name"], change.args["factor"]


# -- a change in size: the tokens of what grows, not how many there are -------------------------------------------

_SPLIT_BILL = ("1,200 agents, 15 queries a day each, 2,000 input and 400 output tokens per query on gpt-4o-mini. "
               "Monthly bill?")


@pytest.mark.parametrize("follow_up,target,factor", [
    ("what if the prompts get twice as long?", "input tokens", 2.0),
    ("and if prompts double in length?", "input tokens", 2.0),
    ("suppose the context gets 3x bigger", "input tokens", 3.0),
    ("what if the answers get 3x longer?", "output tokens", 3.0),
    ("and if responses become twice as long?", "output tokens", 2.0),
    ("what if replies triple in size?", "output tokens", 3.0),
])
def test_a_change_in_size_scales_that_side_of_the_query(follow_up: str, target: str, factor: float) -> None:
    steps = _follow(_SPLIT_BILL, follow_up)
    assert _change(steps) == (target, factor)
    [bill] = [s for s in steps if s.tool == "token_cost"]
    assert bill.args["users"] == 1200 and bill.args["queries_per_user"] == 15


@pytest.mark.parametrize("follow_up", [
    "what if the prompts get twice as long?",
    "what if queries get twice as big?",
    "and if each request doubles in length?",
])
def test_a_change_in_size_after_a_goal_seek_scales_tokens_per_query(follow_up: str) -> None:
    first = ("Design copilot: 300 licences, 3,000 tokens per query, $0.40 per million tokens blended. "
             "We can spend $1,200 a month. How many queries per licence per day fit?")
    steps = _follow(first, follow_up)
    assert _change(steps) == ("tokens per query", 2.0)
    [solve] = [s for s in steps if s.tool == "solve"]
    assert solve.args["unknown"] == "queries_per_user_per_day"
    assert solve.args["knowns"]["monthly_cost"] == 1200 and solve.args["knowns"]["users"] == 300


def test_more_prompts_are_still_more_queries() -> None:
    steps = _follow(_SPLIT_BILL, "what if the prompts double?")
    assert _change(steps) == ("queries per user", 2.0)


# -- the bill of a working day and of a whole year ---------------------------------------------------------------

@pytest.mark.parametrize("question,asks", [
    ("What does it cost us per day when they work, and for the whole year?", ["daily_cost", "yearly_cost"]),
    ("and for the full year, plus the cost per working day?", ["daily_cost", "yearly_cost"]),
    ("what's our spend per business day?", ["daily_cost"]),
    ("how much does it cost me each workday", ["daily_cost"]),
    ("over the entire year what do we spend?", ["yearly_cost"]),
])
def test_a_day_when_they_work_and_a_whole_year_are_asked_bills(question: str, asks: list[str]) -> None:
    assert sorted(asked(question)) == asks


def test_a_usage_per_working_day_is_no_ask() -> None:
    assert asked("each crew files 3 notes per working day. monthly bill?") == ["monthly_cost"]


def test_the_working_day_bill_uses_the_days_given() -> None:
    question = ("Diary bot: 150 crews, 4 notes per crew per day, 900 input and 300 output tokens a note on "
                "gpt-4o-mini; crews work 21 days a month. Cost per working day and for the whole year?")
    [step] = make_plan(question).steps
    assert step.tool == "token_cost" and step.args["active_days_per_month"] == 21
    assert {"daily_cost", "yearly_cost"} <= {a.var for a in make_plan(question).asks}


# -- a token goal-seek on a named model: its blended price per 1M from the catalog ------------------------------

@pytest.mark.parametrize("question", [
    "Budget is $6k/month. 30k members x 4 chats/day on gpt-4o-mini. How many tokens per chat can we afford?",
    "30,000 members, 4 chats a day each, gpt-4o-mini, and $6,000 a month to spend: max tokens per chat?",
    "With a $6000 monthly budget on gpt-4o-mini and 30k members asking 4 times a day, how long can a chat be "
    "in tokens?",
])
def test_tokens_within_a_budget_on_a_model_price_a_million_tokens_first(question: str) -> None:
    steps = make_plan(question).steps
    assert [s.tool for s in steps] == ["token_cost", "solve"]
    assert steps[0].args["tokens_per_query"] == 1_000_000 and steps[0].args["model"] == "gpt-4o-mini"
    assert steps[1].args["unknown"] == "tokens_per_query"
    assert steps[1].args["knowns"]["monthly_cost"] == 6000 and steps[1].args["knowns"]["users"] == 30000


def test_the_token_seek_follows_a_model_change() -> None:
    first = "Budget is $6k/month. 30k members x 4 chats/day on gpt-4o-mini. How many tokens per chat can we afford?"
    steps = _follow(first, "and on gpt-4.1-mini instead?")
    assert [s.tool for s in steps] == ["token_cost", "solve"] and steps[0].args["model"] == "gpt-4.1-mini"


# -- fixed costs listed under their heading: the parts of one cost ------------------------------------------------

@pytest.mark.parametrize("question", [
    "fixed costs per month:\n- two engineers: $28k total\n- infra: $4k\nprice: $29/mo per user\n"
    "API cost per user: ~$5/mo\nbreak-even users?",
    "Monthly fixed costs:\n* infra - $4,000\n* engineers (2): $28,000\nWe charge $29 a user and each user costs "
    "$5 in API. When do we break even?",
    "Our overheads:\n\u2022 payroll $28k/mo\n\u2022 infra $4k/mo\nprice $29 per user per month, API cost $5 per user "
    "per month. break-even users?",
])
def test_fixed_cost_bullets_under_a_heading_are_summed(question: str) -> None:
    steps = make_plan(question).steps
    assert [s.tool for s in steps] == ["change", "break_even"]
    assert sorted([steps[0].args["value"], steps[0].args["plus"]]) == [4000, 28000]
    assert steps[1].args["price_per_user_usd"] == 29 and steps[1].args["variable_cost_per_user_usd"] == 5


def test_three_fixed_cost_bullets_are_all_added() -> None:
    question = ("Monthly overhead:\n* salaries: $40,000\n* office - $6,000\n* tooling: $2,500 a month\n"
                "We charge $49 per seat per month and each seat costs us $9 in API usage. Break-even seats?")
    steps = make_plan(question).steps
    assert [s.tool for s in steps] == ["change", "change", "break_even"]
    assert [s.args["plus"] for s in steps[:2]] == [6000, 2500]


def test_a_cost_heading_over_per_unit_amounts_is_not_summed() -> None:
    question = ("Running costs:\n- API: $5 per user\n- hosting: $1 per user\nprice $29 per user, fixed $30k a "
                "month. break-even users?")
    assert all(s.tool != "change" for s in make_plan(question).steps)


def test_a_cost_in_the_next_sentence_is_not_a_third_part() -> None:
    question = ("Q2: revenue $2.4M. We paid OpenAI $700k and spent $150k on hosting. Opex was another $1.1M but "
                "leave that out. Gross margin for the quarter?")
    changes = [s for s in make_plan(question).steps if s.tool == "change"]
    assert [c.args["plus"] for c in changes] == [150000]


# -- a period said before the count or after it with a qualifier -------------------------------------------------

@pytest.mark.parametrize("question", [
    "90k homes, in a bad storm month each one logs about 2 outage reports through the bot, ~1,200 tokens per "
    "report, gpt-4o-mini. monthly cost?",
    "90k homes; during a busy month every home logs 2 outage reports, 1,200 tokens each, gpt-4o-mini. monthly cost?",
    "Monthly cost on gpt-4o-mini: 1,200 tokens a report, 2 reports per home in a storm month, 90,000 homes.",
    "Monthly cost on gpt-4o-mini: 1,200 tokens a report, 2 reports per home during a peak month, 90,000 homes.",
])
def test_a_month_named_around_the_count_is_its_period(question: str) -> None:
    [step] = make_plan(question).steps
    assert step.args["queries_per_user"] == 2 and step.args["query_period"] == "month"
    assert step.args["users"] == 90000
