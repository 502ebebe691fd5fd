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


# -- the whole stream of work, and the people beside it ---------------------------------------------------------

@pytest.mark.parametrize("question,count,period", [
    ("Every night we generate 30k personalised training plans on gpt-4o-mini, 1,800 tokens in / 1,200 out each. "
     "Monthly cost?", 30000, "day"),
    ("Each week our pipeline drafts 12k lesson outlines on gpt-4o-mini, 3,000 tokens each. Weekly cost?", 12000,
     "week"),
    ("Volumes:\nbills explained per day: 85,000\navg tokens per explanation: 2,400\nblended price: $0.6/M\n"
     "daily and monthly spend?", 85000, "day"),
    ("Stats:\nchats closed by the bot: ~38k/day\navg prompt: 2,600 tokens\navg answer: 350 tokens\nmodel: "
     "gpt-4.1-mini\nmonthly cost?", 38000, "day"),
])
def test_items_a_model_works_on_are_one_stream(question: str, count: float, period: str) -> None:
    [step] = [s for s in make_plan(question).steps if s.tool == "token_cost"]
    assert (step.args["users"], step.args["queries_per_user"], step.args["query_period"]) == (1, count, period)


@pytest.mark.parametrize("question,stream", [
    ("We open around 6,500 trouble tickets per day. gpt-4.1-mini writes a summary of each, ~3,200 tokens in and "
     "~350 out. Monthly cost? (we run 3 shifts with 40 engineers, if it matters)", 6500),
    ("we're a 12-person legal-tech shop. nightly job does ~400k docs a month, each ~3k tokens in and 400 out, "
     "gpt-4o-mini. monthly cost?", 400000),
    ("Our support desk (6 analysts, Tier 1) gets about 1,800 reported emails a day in total, ~2,400 tokens each, "
     "$0.6/M blended. Monthly cost?", 1800),
])
def test_a_headcount_beside_our_whole_stream_is_context(question: str, stream: float) -> None:
    [step] = [s for s in make_plan(question).steps if s.tool == "token_cost"]
    assert step.args["users"] == 1 and step.args["queries_per_user"] == stream
    assert "active_days_per_month" not in step.args  # "3 shifts" is a day's, not the days of a month


@pytest.mark.parametrize("question", [
    "What will the intake copilot cost us a month on gpt-4o? Each intake is ~2,200 tokens and a processor does "
    "about 30 intakes a day.",
    "call summaries on gpt-4o-mini, ~5k tokens in and 600 out each; people push about 4 calls a day through it. "
    "monthly bill?",
    "monthly cost of a field copilot on gpt-4o-mini? 12 jobs per fitter per day, ~1,000 tokens each.",
])
def test_usage_said_of_one_person_asks_for_the_headcount(question: str) -> None:
    plan = make_plan(question)
    assert plan.kind == "clarify" and not plan.steps and "users" in plan.missing


@pytest.mark.parametrize("reply", ["roughly 65 claim processors", "we have 65 of them", "65", "~65 processors"])
def test_a_bare_count_answering_how_many_users_is_the_users(reply: str) -> None:
    from langchain_core.messages import AIMessage, HumanMessage

    from assistant.planner.model import plan_for
    first = ("What will the intake copilot cost us a month on gpt-4o? Each intake is ~2,200 tokens and a processor "
             "does about 30 intakes a day.")
    asked_back = AIMessage(content="I still need how many users.",
                           response_metadata={"planner": "clarify", "missing": ["users"]})
    [step] = plan_for([HumanMessage(first), asked_back, HumanMessage(reply)]).steps
    assert (step.args["users"], step.args["queries_per_user"]) == (65, 30)


def test_the_active_users_of_two_counts() -> None:
    question = ("Broadband side: 2.1M households passed, 640k active subscribers with the app. AI budget is "
                "$20k/month and one query costs us $0.0011. How many queries per day can each subscriber make?")
    [step] = make_plan(question).steps
    assert step.args["knowns"]["users"] == 640000


# -- token sides said by the noun or the verb ---------------------------------------------------------------------

@pytest.mark.parametrize("question", [
    "400 reports a day. Each one gets a ~3,000-token prompt and comes back as roughly 900 words. gpt-4o-mini. "
    "Cost per day?",
    "400 reports a day; each report receives a 3,000-token prompt, and the answer is about 900 words. gpt-4o-mini. "
    "Cost per day?",
])
def test_a_token_count_before_prompt_is_input(question: str) -> None:
    [step] = make_plan(question).steps
    assert step.args["input_tokens_per_query"] == 3000 and step.args["output_words_per_query"] == 900


@pytest.mark.parametrize("said", ["900 prompt tokens + 120 generated", "900 prompt tokens and 120 returned"])
def test_the_generated_side(said: str) -> None:
    [step] = make_plan(f"450 seats, 60 completions per seat per day. A completion is about {said}. gpt-4.1-mini. "
                       "monthly cost?").steps
    assert (step.args["input_tokens_per_query"], step.args["output_tokens_per_query"]) == (900, 120)


def test_token_cost_refuses_words_and_tokens_for_one_side() -> None:
    from tools.errors import InputError
    from tools.token_cost import token_cost
    with pytest.raises(InputError, match="not both"):
        token_cost({"users": 1, "queries_per_user": 1, "model": "gpt-4o-mini", "input_tokens_per_query": 100,
                    "output_tokens_per_query": 3000, "output_words_per_query": 900})


@pytest.mark.parametrize("question", [
    "Refund desk: ~9,500 refund disputes per week. Each dispute is an agent run of 4 model calls on gpt-5-mini, "
    "every call ~2,500 tokens in and 400 out. What's the cost per dispute and per year?",
    "~9,500 disputes a week; every dispute is a workflow of 4 model calls on gpt-5-mini (2,500 tokens in, 400 out "
    "per call). What's the cost per dispute and per year?",
])
def test_calls_per_item_and_the_cost_of_an_item(question: str) -> None:
    plan = make_plan(question)
    [step] = plan.steps
    assert step.args["calls_per_query"] == 4 and step.args["users"] == 1
    assert {"cost_per_query", "yearly_cost"} <= {a.var for a in plan.asks}


# -- plans: tiers on their own lines, a heavy customer's bill -----------------------------------------------------

_TIERS = {
    "bullets": "Portal plan draft:\n- free accounts: 2,000 suppliers, 20 drafts/month each\n- paid: 300 suppliers at "
               "$49/month, average 150 drafts/month\n- cost per draft: $0.03\n",
    "key lines": "free tier: 2,000 suppliers, 20 drafts/month each\npaid tier: 300 suppliers at $49/month, average 150 "
                 "drafts/month\ncost per draft: $0.03\n",
    "table": "| tier | suppliers | drafts/month | price |\n|---|---|---|---|\n| free | 2,000 | 20 (cap) | $0 |\n"
             "| paid | 300 | ~150 avg | $49/mo |\ncost per draft: $0.03\n",
}


@pytest.mark.parametrize("layout", list(_TIERS))
def test_a_tier_line_gives_its_figures_to_its_tier(layout: str) -> None:
    plan = make_plan(_TIERS[layout] + "What does the free tier cost us a month, and the overall gross margin?")
    [step] = plan.steps
    assert step.tool == "pricing_plan"
    assert (step.args["free_users"], step.args["free_quota_queries"], step.args["paying_users"],
            step.args["plan_price_usd"], step.args["queries_per_user_per_month"]) == (2000, 20, 300, 49, 150)


def test_segments_without_a_price_stay_segments() -> None:
    plan = make_plan("Two segments at $0.50 per 1M tokens, ~1,000 tokens a query:\n- free: 200k users, 2 queries/day"
                     "\n- pro: 15k users, 30 queries/day\nCost per segment and the total per month?")
    assert all(s.tool != "pricing_plan" for s in plan.steps)


@pytest.mark.parametrize("who", ["One customer does", "Our busiest site ran", "One tenant (a big account) pushed",
                                 "One power user did"])
def test_one_heavy_customer_under_an_overage_plan(who: str) -> None:
    [step] = make_plan(f"Our $25/month plan includes 1,000 queries, overage is $5 per 1k after that. {who} 6,000 "
                       "queries last month and each query costs us ~$0.006. What did they pay, what did they cost us, "
                       "and our margin on them?").steps
    assert step.tool == "pricing_plan" and step.args["heavy_user_queries_per_month"] == 6000
    assert step.args["overage_price_per_1k_queries"] == 5


def test_a_unit_of_work_that_begins_like_a_cue() -> None:
    [step] = make_plan("Creator plan: $15/mo, includes 200 captions, then $30 per 1,000 extra. A caption costs us "
                       "$0.01. One creator did 3,500 captions last month: what did they pay, and our margin?").steps
    assert step.args["cost_per_query_usd"] == 0.01


# -- goal-seeks: what to afford within, and usage counted per month ------------------------------------------------

def test_a_seek_with_no_budget_asks_for_it() -> None:
    plan = make_plan("With 40k users at 3 queries a day and $0.30 per 1M tokens, how many tokens per query can we "
                     "afford?")
    assert plan.kind == "clarify" and "budget" in plan.missing


@pytest.mark.parametrize("question,knowns", [
    ("We handle ~1.5M requests/month at ~1,800 tokens each. To keep under $8k a month, what is the most we can pay "
     "per million tokens?", {"users": 1, "queries_per_user_per_day": 1500000}),
    ("25 kitchens x 400 invoices a month, ~3,000 tokens per invoice. Under $90/month total: max blended price per "
     "1M tokens?", {"users": 25, "queries_per_user_per_day": 400}),
])
def test_a_price_ceiling_on_monthly_usage(question: str, knowns: dict[str, float]) -> None:
    [step] = make_plan(question).steps
    assert step.tool == "solve" and step.args["unknown"] == "price_per_1m" and step.args["queries_period"] == "month"
    assert knowns.items() <= step.args["knowns"].items()


def test_solve_turns_monthly_queries_into_a_day() -> None:
    from tools.solve import solve
    res = solve({"relation": "monthly_cost_per_1m", "unknown": "price_per_1m", "queries_period": "month",
                 "knowns": {"monthly_cost": 90, "users": 25, "queries_per_user_per_day": 400, "tokens_per_query": 3000}})
    assert res.value == pytest.approx(3.0)
    assert any("a day" in a for a in res.assumptions)


# -- money said per a trade's customer -----------------------------------------------------------------------------

@pytest.mark.parametrize("question,cost", [
    ("We charge $95 per investigator per month and the model cost per investigator is about $18. Fixed costs are "
     "$42k a month. How many paying investigators to break even?", 18),
    ("We charge $4,500 per study per month, model + review costs run ~$1,100 per study, fixed is $96k a month. "
     "How many studies to break even?", 1100),
    ("priced at $1,800 per utility per month; fixed $50k a month; model + API cost per utility runs about $420 a "
     "month. Break-even utilities?", 420),
])
def test_a_cost_per_customer(question: str, cost: float) -> None:
    [step] = make_plan(question).steps
    assert step.tool == "break_even" and step.args["variable_cost_per_user_usd"] == cost


def test_a_bill_is_not_read_off_one_query() -> None:
    plan = make_plan("Desk stats:\navg prompt: 2,600 tokens\navg answer: 350 tokens\nmodel: gpt-4.1-mini\nWhat does "
                     "this cost us per chat, per month and per year?")
    assert [a.var for a in plan.asks] == ["cost_per_query"]
    assert any("need the traffic" in n for n in plan.notes)


@pytest.mark.parametrize("question", [
    "quick one, bot is moving to gpt-4o-mini. ~180k SIMs talk to it, avg 3 chats per SIM per month, each chat "
    "~1.8k tokens in / 600 out. monthly bill pls",
    "we push about 40k requests a day, 2k tokens in and 300 out on claude haiku 4.5, so also the daily and monthly "
    "spend pls",
])
def test_a_closing_request_asks(question: str) -> None:
    plan = make_plan(question)
    assert "monthly_cost" in {a.var for a in plan.asks}
    [step] = plan.steps
    assert step.args.get("output_tokens_per_query") in (600, 300)


@pytest.mark.parametrize("name", ["CVE-2024-3400", "ISO-27001", "RFC-9110"])
def test_a_dash_inside_an_identifier_is_no_minus_sign(name: str) -> None:
    plan = make_plan(f"Our chatbot bill is $12,000 a month; about 30% of questions repeat (\"what is {name}\"). "
                     "What would a semantic cache save per month?")
    assert plan.kind != "invalid"
    [step] = plan.steps
    assert step.tool == "caching" and step.args["monthly_bill_usd"] == 12000


@pytest.mark.parametrize("said", ["-3,000 users", "-3000 users"])
def test_a_minus_sign_before_a_count_is_still_refused(said: str) -> None:
    assert make_plan(f"monthly cost for {said} at 5 queries/day, 1k tokens on gpt-4o-mini?").kind == "invalid"
