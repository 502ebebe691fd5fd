"""Kinds found by first-sight sets DJ and DK (and DG's open ones), each with metamorphic variants.

Who the users are when their noun is unlisted (the noun a usage is counted per), a goal-seek or a scenario
tool asked again with a changed input, a bill routed afterwards, a family name beside its versioned model.
"""

from __future__ import annotations

import pytest

from assistant.planner.asks import asked
from assistant.planner.grammar import parse
from assistant.planner.plan import make_plan
from assistant.planner.roles import read
from assistant.planner.steps import Step
from assistant.planner.work_nouns import customer_units
from tools.monte_carlo import monte_carlo
from tools.routing import routing


def _given(question: str) -> dict[str, float]:
    return {g.var: g.value for g in read(parse(question)).givens}


def _follow(first: str, second: str) -> list[Step]:
    before = make_plan(first)
    assert before.steps, before.text
    for step in before.steps:
        step.asks = [a.var for a in before.asks]
    return make_plan(second, before.steps).steps


# -- users named by an unlisted noun: the noun the usage is counted per -------------------------------------------

@pytest.mark.parametrize("question", [
    "Orchard app: 2,800 growers x 9 questions/day, ~1,100 tokens a question, gpt-4o-mini. Monthly bill?",
    "Orchard app, 2,800 growers; they send ~9 questions a day each, about 1,100 tokens per question, "
    "gpt-4o-mini. Monthly bill?",
    "Orchard app with 2,800 growers. Every grower sends around 9 questions per day, 1,100 tokens each, "
    "on gpt-4o-mini. What's the monthly bill?",
    "Orchard app: 2,800 growers, about 9 questions per grower per day at 1,100 tokens, gpt-4o-mini. Monthly bill?",
    "Orchard app, 2,800 growers, the median grower sends 9 questions a day of 1,100 tokens on gpt-4o-mini; "
    "monthly bill?",
])
def test_an_unlisted_noun_the_usage_is_per_counts_users(question: str) -> None:
    given = _given(question)
    assert (given.get("users"), given.get("queries_per_user"), given.get("tokens_per_query")) == (2800, 9, 1100)
    [step] = make_plan(question).steps
    assert step.tool == "token_cost" and step.args["users"] == 2800


@pytest.mark.parametrize("noun", ["vineyards", "apartments", "outlets", "warehouses"])
def test_the_noun_itself_does_not_matter(noun: str) -> None:
    one = noun[:-1]
    question = f"We serve 1,500 {noun}; about 4 chats per {one} per day, 2,000 tokens each, $0.5/M. Monthly cost?"
    assert _given(question)["users"] == 1500


@pytest.mark.parametrize("question,noun", [
    ("Fleet app: 900 depots x 12 requests/day, 700 tokens, $1/M. Cost per depot per month and total per month?",
     "depot"),
    ("900 depots x 12 requests/day, 700 tokens, $1/M. monthly bill? and per depot", "depot"),
])
def test_a_cost_per_that_noun_is_a_cost_per_user(question: str, noun: str) -> None:
    assert noun in customer_units(question)
    assert {"cost_per_user", "monthly_cost"} <= set(asked(question, customer_units(question)))


def test_a_unit_tokens_are_counted_per_stays_work() -> None:
    question = "Captions: 30 clips per seat per month, ~5,000 tokens per clip, 2,000 seats, $1/M. Monthly cost?"
    given = _given(question)
    assert given["users"] == 2000 and given["queries_per_user"] == 30


def test_tokens_said_after_the_rate_size_the_query_not_the_unit() -> None:
    question = ("Lease bot: 1,200 flats, about 3 chats per flat per day, each ~6,000 input tokens and 300 output. "
                "$3/M in, $15/M out. Monthly cost?")
    given = _given(question)
    assert (given["users"], given["queries_per_user"], given["input_tokens"]) == (1200, 3, 6000)


@pytest.mark.parametrize("asks,wanted", [
    ("Cost per seat per month and total per month?", {"cost_per_user", "monthly_cost"}),
    ("How much per seat per month and total?", {"cost_per_user", "monthly_cost"}),
    ("what's the cost per seat per month, and the total?", {"cost_per_user", "monthly_cost"}),
    ("monthly bill? and per seat", {"cost_per_user", "monthly_cost"}),
    ("what's the cost per seat per month?", {"cost_per_user"}),
])
def test_a_total_beside_a_per_seat_cost_is_asked_too(asks: str, wanted: set[str]) -> None:
    assert set(asked(asks)) == wanted


# -- counts and tokens next to dashes, multiplications and asks ---------------------------------------------------

@pytest.mark.parametrize("question", [
    "drafting helper on gpt-4.1-mini - 9,000 users, 3 requests a day, 2,000 tokens. monthly cost?",
    "drafting helper on gpt-4.1-mini \u2014 9,000 users, 3 requests a day, 2,000 tokens. monthly cost?",
    "drafting helper on gpt-4.1-mini, 9,000 users, 3 requests a day, 2,000 tokens. monthly cost?",
])
def test_a_dash_after_a_model_name_is_no_context_variant(question: str) -> None:
    assert _given(question)["users"] == 9000


@pytest.mark.parametrize("question", [
    "what would 90k users x 5 queries/day x 800 tokens have cost a month at $0.002 per 1K?",
    "at $0.002 per 1K, what would 90,000 users x 5 queries a day x 800 tokens have cost per month?",
])
def test_the_period_of_the_cost_is_not_the_tokens(question: str) -> None:
    given = _given(question)
    assert given.get("tokens_per_query") == 800 and "monthly_tokens" not in given


@pytest.mark.parametrize("change", ["seats go to 700 - same budget", "seats go up to 700, same budget",
                                    "seats go up to 700; same budget"])
def test_a_count_going_to_a_value_before_a_dash(change: str) -> None:
    assert _given(f"{change}, what's the token ceiling now?")["users"] == 700
    assert asked(f"{change}, what's the token ceiling now?") == ["tokens_per_query"]


def test_a_night_shift_asks_no_daily_cost() -> None:
    assert "daily_cost" not in asked("we add a night shift - what's the max tokens per call now?")


# -- follow-ups: a goal-seek, a Monte Carlo, a sweep and a bill asked again -----------------------------------------

_SEEK = "Budget is $3,000 a month. 250 agents, ~30 calls per agent per day, $0.5/M tokens. How many tokens per call?"


@pytest.mark.parametrize("second", ["agents go to 400 - same budget, what's the token ceiling now?",
                                    "what if agents grow to 400?", "with 400 agents instead?"])
def test_a_goal_seek_asked_again_with_more_users(second: str) -> None:
    [step] = _follow(_SEEK, second)
    assert step.tool == "solve" and step.args["unknown"] == "tokens_per_query"
    assert step.args["knowns"]["users"] == 400 and step.args["knowns"]["monthly_cost"] == 3000


_MC = ("Monte Carlo please: 1,500 clinicians, median 12 notes/day, p95 36 notes/day, 3k tokens per note, "
       "$0.6/M. P50 and P95 monthly cost?")


def test_a_fee_after_a_monte_carlo_runs_it_again_with_the_fee() -> None:
    [step] = _follow(_MC, "and with a $10 per clinician monthly fee, the median margin?")
    assert step.tool == "monte_carlo" and step.args["fee_per_user_month"] == 10
    assert step.args["queries_p95"] == 36 and step.args["users"] == 1500


@pytest.mark.parametrize("second,factor", [("suppose usage doubles?", 2.0), ("and if usage triples?", 3.0)])
def test_usage_scaled_after_a_monte_carlo_scales_the_heavy_user_too(second: str, factor: float) -> None:
    [step] = _follow(_MC, second)
    assert step.tool == "monte_carlo" and step.args["usage_factor"] == factor
    assert step.args["queries_per_user"] == 12 and step.args["queries_p95"] == 36


def test_usage_up_a_percentage_after_a_monte_carlo_is_a_change_of_the_factor() -> None:
    change, step = _follow(_MC, "what if usage goes up 25%?")
    assert change.tool == "change" and change.args == {"name": "usage factor", "value": 1.0, "percent_change": 25.0}
    assert step.args["usage_factor"] == {"$from": ["change", "value"]}


def test_more_users_after_a_monte_carlo() -> None:
    [step] = _follow(_MC, "and at 4,000 clinicians?")
    assert step.tool == "monte_carlo" and step.args["users"] == 4000 and step.args["queries_p95"] == 36


def test_a_new_question_after_a_monte_carlo_stands_alone() -> None:
    steps = _follow(_MC, "What is the monthly bill for 200 users at 5 queries a day, 1,000 tokens, $2/M?")
    assert [s.tool for s in steps] == ["token_cost"]


def test_the_usage_factor_scales_median_and_tail() -> None:
    base = {"users": 1000, "queries_per_user": 10, "query_period": "day", "tokens_per_query": 1000,
            "price_per_1m": 1.0, "queries_p95": 30}
    once, twice = monte_carlo(base), monte_carlo({**base, "usage_factor": 2})
    assert twice.cost_p50_usd == pytest.approx(2 * once.cost_p50_usd)
    assert twice.cost_p95_usd == pytest.approx(2 * once.cost_p95_usd)
    assert twice.usage_sigma == pytest.approx(once.usage_sigma)
    assert any("scaled by 2x" in a for a in twice.assumptions)


# -- routing a bill's usage, and a family name beside its versioned model -----------------------------------------

_BILL = "Bill check: 10k users, 6 queries/day each, 1,000 in / 250 out, claude-sonnet-4-5. monthly?"


@pytest.mark.parametrize("second", ["ok and if we route 75% of that to claude-haiku-4-5?",
                                    "what if 75% of it goes to claude-haiku-4-5 instead?"])
def test_routing_after_a_bill_keeps_its_usage_and_model(second: str) -> None:
    bill, route = _follow(_BILL, second)
    assert bill.tool == "token_cost" and bill.args["model"] == "claude-sonnet-4-5" and bill.args["users"] == 10000
    assert route.tool == "routing" and route.args["baseline_model"] == "claude-sonnet-4-5"
    assert route.args["routes"][0] == {"model": "claude-haiku-4-5", "share": "75%"}
    assert route.args["monthly_tokens"] == {"$from": ["token_cost", "tokens_per_month"]}
    assert (route.args["input_tokens_per_query"], route.args["output_tokens_per_query"]) == (1000, 250)


def test_a_routing_question_with_usage_prices_the_workload() -> None:
    steps = make_plan("10k users, 6 queries/day, 1,000 in / 250 out, all on claude-sonnet-4-5 today. Route 75% "
                      "to claude-haiku-4-5: new monthly bill?").steps
    assert [s.tool for s in steps] == ["token_cost", "routing"]


def test_a_query_split_sets_the_routing_blend() -> None:
    r = routing({"routes": [{"price_per_1m": 1, "share": "50%"}, {"input_price": 3, "output_price": 15}],
                 "monthly_tokens": 1e9, "input_tokens_per_query": 800, "output_tokens_per_query": 200})
    assert r.blended_per_1m_usd == pytest.approx(0.5 * 1 + 0.5 * (0.8 * 3 + 0.2 * 15))


@pytest.mark.parametrize("question", [
    "Sonnet check: 5k users, 4 queries/day, 900 in / 200 out on claude-sonnet-4-5. monthly?",
    "sonnet numbers pls - claude-sonnet-4-5, 5k users, 4 queries/day, 900 in / 200 out. monthly?",
])
def test_a_family_name_before_its_versioned_model_is_that_model(question: str) -> None:
    [step] = make_plan(question).steps
    assert step.tool == "token_cost" and step.args["model"] == "claude-sonnet-4-5"


# -- sizes, shares and bills said another way ------------------------------------------------------------------------

@pytest.mark.parametrize("question", [
    "Heavy users run about 300 queries a month, 1,000 tokens in and 250 out on gpt-4.1. Price for a 75% margin?",
    "our power users do ~300 queries/month (1,000 in, 250 out, gpt-4.1): what should we charge them for 75% margin?",
])
def test_heavy_users_alone_are_the_users_priced(question: str) -> None:
    cost, price = make_plan(question).steps
    assert cost.tool == "token_cost" and cost.args["queries_per_user"] == 300 and cost.args["query_period"] == "month"
    assert price.tool == "break_even" and price.args["target_margin"] == "75%"


@pytest.mark.parametrize("question", [
    "What's the highest per-1M-token price we can pay and stay under $6,000/month? 5,000 users, 20 queries a day, "
    "1,000 tokens per query.",
    "Staying below $6,000 a month, what is the most we can pay per 1M tokens? 5k users, 20 queries/day, 1k tokens.",
])
def test_a_monthly_bill_beside_a_per_1m_price_asked_is_the_budget(question: str) -> None:
    [step] = make_plan(question).steps
    assert step.tool == "solve" and step.args["unknown"] == "price_per_1m"
    assert step.args["knowns"]["monthly_cost"] == 6000


@pytest.mark.parametrize("line", ["input tokens ~ 55% of the bill", "input tokens: 55% of the bill",
                                  "input tokens are 55% of the bill"])
def test_an_input_share_of_the_bill_on_a_key_line(line: str) -> None:
    [step] = make_plan(f"bill: $30k/month\ncache hit rate: 25%\nprompt trim: 20% fewer input tokens\n{line}\n"
                       "-> saving with both?").steps
    assert step.tool == "caching" and step.args["input_share_of_bill"] == "55%"


@pytest.mark.parametrize("row", ["users 8k | queries/day 12 | tokens/query 1,500 | $2/M blended",
                                 "| users 8k | queries/day 12 | tokens/query 1,500 | $2/M blended |",
                                 "users: 8k | queries/day: 12 | tokens/query: 1,500 | $2/M blended"])
def test_a_one_line_pipe_row_of_labelled_values(row: str) -> None:
    given = _given(f"{row}\nmonthly cost?")
    assert (given["users"], given["queries_per_user"], given["tokens_per_query"]) == (8000, 12, 1500)


@pytest.mark.parametrize("question,asked_var,field", [
    ("We spend $1,500 a day on the API. What's that per month?", "monthly_cost", "value"),
    ("the model bill runs $1,500 a day - monthly and yearly?", "yearly_cost", "value_per_year"),
])
def test_a_days_bill_asked_per_month(question: str, asked_var: str, field: str) -> None:
    plan = make_plan(question)
    [step] = plan.steps
    assert step.tool == "change" and step.args["factor"] == 30 and step.args["value"] == 1500
    assert any(a.var == asked_var and a.field == field for a in plan.asks)


@pytest.mark.parametrize("question", [
    "One estimate put a chatbot at ~$500,000 a day and ~$0.25 per conversation. How many conversations a day is "
    "that, and the monthly burn?",
    "At $500,000/day and $0.25 per chat, how many chats a day is that, and the monthly spend?",
])
def test_a_days_bill_and_a_cost_per_query_give_the_work_and_the_month(question: str) -> None:
    steps = make_plan(question).steps
    assert [s.tool for s in steps] == ["solve", "change"]
    assert steps[0].args["knowns"]["monthly_cost"] == 500000 and steps[0].args["monthly_cost_period"] == "day"


# -- the first fixes' second round: bills, shares, build months, words, asks in a heading --------------------------

@pytest.mark.parametrize("question", [
    "the order-summary bill is $5,600/month. If 30% of summaries can come from a response cache, the saving?",
    "Our ticket-reply spend: $5,600 a month. 30% of replies could be served from a cache: monthly saving?",
])
def test_a_bill_named_by_its_work_is_no_verification_cost(question: str) -> None:
    [step] = make_plan(question).steps
    assert step.tool == "caching" and step.args["monthly_bill_usd"] == 5600 and step.args["hit_rate"] == "30%"


def test_a_star_rating_is_no_count() -> None:
    assert "queries_per_user" not in _given("templated replies for 4-star reviews: the bill is $900/month")


@pytest.mark.parametrize("question", [
    "we're sending ~30% of our app revenue straight to the LLM vendor. gross margin?",
    "About 30% of our revenue goes to the model provider. What's our gross margin?",
])
def test_a_share_of_revenue_sent_to_the_vendor(question: str) -> None:
    [step] = make_plan(question).steps
    assert step.tool == "margin" and step.args["provider_share"] == "30%"


@pytest.mark.parametrize("aside", ["(our COGS)", "(i.e. COGS)", "(cost of goods sold)"])
def test_cogs_named_in_an_aside(aside: str) -> None:
    [step] = make_plan(f"Q2 revenue came in at $900k, and model + hosting infra {aside} was $270k for the same "
                       "quarter. Gross margin?").steps
    assert step.tool == "margin" and step.args["cogs_usd"] == 270000 and step.args["revenue_usd"] == 900000


@pytest.mark.parametrize("setup", ["about 2 months to stand up", "2 months to set it up", "2 months to deploy"])
def test_months_to_stand_it_up_are_build_months(setup: str) -> None:
    [step] = make_plan(f"On-prem box, $120,000 upfront, {setup}, then it saves ~$10k/month. Payback?").steps
    assert step.tool == "break_even" and step.args["build_months"] == 2


@pytest.mark.parametrize("said", ["users paste a brief of ~400 words and we generate a draft of ~900 words",
                                  "we generate a report of ~900 words from a transcript of ~400 words"])
def test_words_of_a_thing_pasted_or_generated(said: str) -> None:
    given = _given(f"{said}; 2,000 of those a week on gpt-4.1-mini. Weekly cost?")
    assert (given["input_words"], given["output_words"]) == (400, 900)


@pytest.mark.parametrize("heading,wanted", [("weekly cost per option pls", "weekly_cost"),
                                            ("monthly bill for each", "monthly_cost")])
def test_a_heading_before_a_colon_asks(heading: str, wanted: str) -> None:
    assert wanted in asked(f"{heading}: 500 stores, 4 notes a day each, 1,500 tokens per note. gpt-4o vs gpt-4o-mini")


def test_a_heading_that_names_no_figure_asks_nothing() -> None:
    assert "yearly_cost" not in asked("For our annual planning review: the model takes 30% of revenue. Please state "
                                      "the gross margin.")


# -- sets DL and DM ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("question", [
    "The CFO gave me $12k/mo for the model. 20,000 MAU, 1.5k tokens per query, $0.40 per 1M tokens. How many "
    "queries per user per day can we allow?",
    "our grant gives $12,000 a month for the AI helpdesk; 20,000 users, 1,500 tokens per query, $0.40/M. queries "
    "per user per day we can afford?",
])
def test_a_budget_given_to_us(question: str) -> None:
    [step] = make_plan(question).steps
    assert step.tool == "solve" and step.args["unknown"] == "queries_per_user_per_day"
    assert step.args["knowns"]["monthly_cost"] == 12000


@pytest.mark.parametrize("said", ["claude haiku 4.5", "Claude Haiku 4.5", "claude-haiku-4-5"])
def test_a_version_said_with_spaces_before_and(said: str) -> None:
    [step] = make_plan(f"We burn ~30M tokens a month: 70% on {said} and 30% on claude sonnet 4.5. "
                       "Monthly cost?").steps
    assert step.tool == "routing" and step.args["routes"][0]["model"].lower().replace(" ", "-").replace(".", "-") \
        == "claude-haiku-4-5"


@pytest.mark.parametrize("question", [
    "AI cost per member of our club's coaching assistant is $0.90 a month. What monthly price gives a 75% margin?",
    "Model spend per subscriber for the museum's guide app runs about $0.90 a month; price for a 75% margin?",
])
def test_a_cost_per_user_keyed_past_the_product(question: str) -> None:
    [step] = make_plan(question).steps
    assert step.tool == "break_even" and step.args["variable_cost_per_user_usd"] == 0.9


@pytest.mark.parametrize("task", ["Each task in our agent = 4 LLM calls", "every job in the pipeline = 4 LLM calls"])
def test_calls_per_task_with_a_phrase_after_the_task(task: str) -> None:
    [step] = make_plan(f"{task}, each call ~1,000 tokens in / 300 out, $0.40/$1.60 per M. 2,000 users run 3 a day. "
                       "Monthly cost?").steps
    assert step.args["calls_per_query"] == 4


def test_workdays_only_on_a_key_line() -> None:
    [step] = make_plan("seats: 500\nreviews per seat per day: 10\nprompt: ~2,000 tokens\nmodel: gpt-4.1-mini\n"
                       "usage: workdays only, 21 a month\nmonthly cost?").steps
    assert step.args["active_days_per_month"] == 21


def test_a_share_got_down_to_a_new_level_after_a_margin() -> None:
    [step] = _follow("We send about 35% of revenue to OpenAI. Gross margin vs an 80% benchmark?",
                     "and if we got that down to 20%?")
    assert step.tool == "margin" and step.args["provider_share"] == "20%"


def test_a_correction_after_a_refusal_is_read_with_the_refused_question() -> None:
    from langchain_core.messages import AIMessage, HumanMessage

    from assistant.planner.model import plan_for
    refused = AIMessage(content="I can't compute that: users must be positive.",
                        response_metadata={"planner": "invalid"})
    plan = plan_for([HumanMessage("monthly cost for -3,000 users at 8 queries/day, 1k tokens on gpt-4o-mini?"),
                     refused, HumanMessage("sorry, 3,000 users")])
    [step] = plan.steps
    assert step.tool == "token_cost" and step.args["users"] == 3000 and step.args["queries_per_user"] == 8


def test_arrivals_a_month_asking_each_once_in_a_comparison() -> None:
    [step] = make_plan("Gallery guide: 6,000 visitors a month, 5 questions each, ~500 tokens in / 150 out. "
                       "gpt-4o-mini vs claude-haiku-4-5: monthly cost of each?").steps
    assert step.tool == "compare" and step.args["query_period"] == "month"


# -- sets DN and DO --------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("count", ["30,000 daily active riders", "30,000 active riders", "30,000 riders"])
def test_modifiers_before_a_trades_noun(count: str) -> None:
    given = _given(f"Budget is $6,000/month. We have {count}, about 0.4 chats per rider per day, $0.50 per 1M "
                   "tokens. Max tokens per chat?")
    assert given["users"] == 30000 and given["queries_per_user"] == 0.4


@pytest.mark.parametrize("fleet", ["2,000 trucks", "2,000 vans", "2,000 buses"])
def test_vehicles_of_a_fleet_are_users(fleet: str) -> None:
    assert _given(f"telematics digests: {fleet}, 3 summaries a day each, ~2,000 tokens per summary")["users"] == 2000


@pytest.mark.parametrize("ask", ["what's the monthly on gpt-4o-mini?", "what's the monthly?", "how much is the monthly?"])
def test_the_monthly_alone_is_the_bill(ask: str) -> None:
    assert asked(f"800 stores, 2 notes a day each, 1,000 tokens per note. {ask}") == ["monthly_cost"]


@pytest.mark.parametrize("counts", ["50 / 100 / 200 / 400 rooftops", "50/100/200/400 rooftops"])
def test_a_slash_list_of_counts_is_swept(counts: str) -> None:
    [step] = make_plan(f"table monthly cost and margin at {counts}. each rooftop: 200 chats a day, 1,500 tokens per "
                       "chat, $0.45 per 1M. we charge $400 per rooftop per month, fixed $30k a month.").steps
    assert step.tool == "sweep" and step.args["values"] == [50, 100, 200, 400]


def test_a_list_named_by_its_subject_is_swept() -> None:
    [step] = make_plan("Sweep seat counts 300 / 1,200 / 6,000: 8 summaries per seat per day, 2k tokens each, $0.80 "
                       "per 1M tokens, $20 per seat per month, $25k/month fixed. Margin at each?").steps
    assert step.tool == "sweep" and step.args["values"] == [300, 1200, 6000]


def test_two_slashed_counts_are_no_list() -> None:
    assert read(parse("5,000 users, 10 queries a day, 1,500/500 tokens in/out on gpt-4o-mini. Monthly?")).series == {}


@pytest.mark.parametrize("cut", ["cut the system prompt by 25%", "trim the system prompt by 25%",
                                 "cut system prompts by 25%"])
def test_a_system_prompt_cut(cut: str) -> None:
    [step] = make_plan(f"our bill is $20k/mo; a cache could answer 30% of messages. we'd also {cut}. input is "
                       "about half the bill. monthly saving?").steps
    assert step.args["prompt_reduction"] == "25%" and step.args["input_share_of_bill"] == "50%"


@pytest.mark.parametrize("second", ["and if procurement pushes us down to $300 a seat?",
                                    "what if we discount it to $300 a seat?"])
def test_a_new_price_after_a_per_seat_margin(second: str) -> None:
    [step] = _follow("We bill each seat $400/month and our COGS are about $90 per seat per month. Gross margin?",
                     second)
    assert step.tool == "margin" and step.args["price_per_user_usd"] == 300 and step.args["cost_per_user_usd"] == 90


@pytest.mark.parametrize("line", ["typical call: 4,000 input / 300 output tokens",
                                  "typical request: 4,000 input / 300 output tokens"])
def test_a_key_line_of_a_calls_split_is_no_count(line: str) -> None:
    [step] = make_plan(f"current spend: $18,000/mo, all claude-sonnet-4-5\n{line}\nprompt compression cuts input "
                       "tokens by ~40%\nwhat's the monthly saving?").steps
    assert step.tool == "caching" and (step.args["input_tokens"], step.args["output_tokens"]) == (4000, 300)


def test_one_side_of_a_query_alone_is_refused_by_the_caching_calculator() -> None:
    from tools.caching import caching
    from tools.errors import InputError
    with pytest.raises(InputError, match="together"):
        caching({"monthly_bill_usd": 18000, "prompt_reduction": "40%", "model": "gpt-4o", "output_tokens": 300})


@pytest.mark.parametrize("ask", ["which blended $/1M would keep us there?", "what's the highest $/M we can pay?",
                                 "what $/1M can we afford?"])
def test_a_per_1m_price_asked_with_a_slash(ask: str) -> None:
    assert asked(ask) == ["token_price"]


def test_a_self_hosted_price_asked_with_a_slash_is_no_goal_seek() -> None:
    assert "token_price" not in asked("what's our $/1M tokens?")


@pytest.mark.parametrize("budget", ["$60k budget for whole year", "$60k budget for the whole year",
                                    "a budget of $60k for the year"])
def test_a_budget_for_the_year(budget: str) -> None:
    [step] = make_plan(f"We have {budget} for the tutoring bot. 2,000 students, 1,500 tokens per question, $1 per "
                       "million tokens. How many questions per student per day can we allow?").steps
    assert step.tool == "solve" and step.args["monthly_cost_period"] == "year"


def test_an_api_named_after_a_gpu_deployment_compares_both_bills() -> None:
    [step] = _follow("We rent 2 H100s for Llama 3.3 70B, ~5,000 tok/s total at full load, 60% utilization. Cost per "
                     "1M tokens?", "vs just paying gpt-4o for our 1B tokens a month - which is cheaper?")
    assert step.tool == "self_host" and step.args["model"] == "gpt-4o" and step.args["monthly_tokens"] == 1e9


def test_gens_are_generations() -> None:
    [step] = make_plan("- free: 20k users, 10 free gens/mo each\n- paid: 2k users at $10/mo, avg 200 gens/mo\n- each "
                       "gen costs us ~$0.01\nmonthly gross margin incl. the free tier?").steps
    assert step.tool == "pricing_plan" and step.args["free_quota_queries"] == 10


@pytest.mark.parametrize("budget", ["Our yearly AI budget for the helpdesk assistant is $48k",
                                    "The annual model budget is about $48k", "our annual spend cap is $48k"])
def test_a_yearly_budget_said_by_its_adjective(budget: str) -> None:
    [step] = make_plan(f"{budget}. 1,000 techs, ~2,000 tokens per query at $0.80 per 1M. How many queries per "
                       "tech per day can we afford?").steps
    assert step.tool == "solve" and step.args["monthly_cost_period"] == "year"


def test_a_counted_noun_with_a_word_before_it_and_a_rate_per_one() -> None:
    assert "scheduler" in customer_units("1,100 crew schedulers; each scheduler ~60 requests per day")


@pytest.mark.parametrize("work", ["re-plans", "re-plan runs"])
def test_hyphened_work_counted_per_day(work: str) -> None:
    one = work.split()[0][:-1] if work.endswith("s") and " " not in work else work.split()[0]
    given = _given(f"Each {one} is 6k tokens in and ~1k out at $1/$4 per 1M. ~1,500 {work} a day. Monthly cost?")
    assert given.get("queries_per_user") == 1500


# -- sets DP and DQ --------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("word,one", [("foremen", "foreman"), ("salespeople", "salesperson")])
def test_irregular_plurals_of_trades(word: str, one: str) -> None:
    from assistant.planner.lexicon import plural, singular
    assert singular(word) == one and plural(one) == word and singular("specimen") == "specimen"


def test_an_agent_noun_is_no_cue() -> None:
    [step] = make_plan("our drawing reviewer costs us $9k a month; compressing the prompts by 30% would save how "
                       "much?").steps
    assert step.tool == "caching" and step.args["monthly_bill_usd"] == 9000


def test_a_gpu_used_a_share_of_the_time() -> None:
    [step] = make_plan("we'd rent 2 H100s; load test 3,000 tokens/s for the pair; we'd use them 40% of the time. "
                       "$ per 1M tokens?").steps
    assert step.args["utilization"] == "40%"


def test_a_cache_hit_a_share_of_the_time_stays_a_hit_rate() -> None:
    [step] = make_plan("We spend $10,000 a month. A response cache would hit 30% of the time, and each hit still "
                       "costs about 10% of a normal call. Monthly saving?").steps
    assert step.args["hit_rate"] == "30%" and step.args["hit_cost_ratio"] == "10%"


@pytest.mark.parametrize("units", ["12 jurisdictions, each around 50 letters a week",
                                   "60 live projects and each one gets roughly 50 questions a week"])
def test_each_of_a_counted_group_sends_the_work(units: str) -> None:
    given = _given(f"{units}. each one costs us 0.9 cents all-in. annual cost?")
    assert given["users"] in (12, 60) and given["queries_per_user"] == 50


def test_a_cached_share_of_which_read_from_the_cache() -> None:
    given = _given("every check sends 8,000 input tokens, of which 75% is the same boilerplate read from the prompt "
                   "cache, and gets ~400 tokens back; 2,000 checks a day on claude-sonnet-4-5. Monthly bill?")
    assert given["cached_share"] == 75


def test_everything_for_a_product_runs_on_a_baseline() -> None:
    [step] = make_plan("Everything for ticket triage runs on gpt-4o today, $4,000 a month. If we send 60% of it to "
                       "gpt-4o-mini and keep the rest on gpt-4o, the new monthly bill?").steps
    assert step.args["routes"][0] == {"model": "gpt-4o-mini", "share": "60%"} and step.args["baseline_model"] == "gpt-4o"


@pytest.mark.parametrize("one", ["One tender = about 10 model calls", "each tender takes about 10 model calls"])
def test_calls_counted_per_an_unlisted_unit_of_work(one: str) -> None:
    [step] = make_plan(f"{one}, each call ~5k tokens in and 1k out, on gpt-4.1. We answer ~40 tenders a month. "
                       "Monthly cost?").steps
    assert (step.args["calls_per_query"], step.args["queries_per_user"], step.args["users"]) == (10, 40, 1)


def test_a_lone_count_beside_what_each_does_after_a_clarification() -> None:
    from langchain_core.messages import AIMessage, HumanMessage

    from assistant.planner.model import plan_for
    asked_back = AIMessage(content="I still need how many queries each user makes.",
                           response_metadata={"planner": "clarify"})
    plan = plan_for([HumanMessage("150 surveyors on gpt-4o-mini, ~3k tokens per query. monthly cost?"), asked_back,
                     HumanMessage("about 12 queries a day each")])
    [step] = plan.steps
    assert step.args["users"] == 150 and step.args["queries_per_user"] == 12


def test_how_many_people_can_a_budget_cover() -> None:
    [step] = make_plan("We have $4k a month for the bot. Each surveyor sends 6 notes a day, ~1,000 tokens per note, "
                       "at $0.002 per 1K tokens. How many surveyors can we put on it?").steps
    assert step.tool == "solve" and step.args["unknown"] == "users"


@pytest.mark.parametrize("second,field,factor", [("suppose usage doubles?", "queries_per_user", 2.0),
                                                 ("and if users triple?", "users", 3.0)])
def test_a_comparison_scaled_by_a_follow_up(second: str, field: str, factor: float) -> None:
    change, compared = _follow("compare gpt-4o and gpt-4o-mini for 20k users, 3 requests a day each, 1,000 tokens "
                               "per request. monthly cost of each?", second)
    assert change.tool == "change" and change.args["factor"] == factor
    assert compared.tool == "compare" and compared.args[field] == {"$from": ["change", "value"]}
    assert len(compared.args["options"]) == 2


@pytest.mark.parametrize("key", ["meetings summarized per seat per week: 12", "notes written per seat per week: 12"])
def test_a_key_line_of_work_per_seat_per_week(key: str) -> None:
    given = _given(f"seats: 2,000\n{key}\ntokens per summary: 5,000 in, 600 out\nmodel: gpt-4.1-mini\ncost per seat?")
    assert given["queries_per_user"] == 12 and given["users"] == 2000


@pytest.mark.parametrize("hedge", ["maybe", "probably", "likely"])
def test_a_hedge_after_a_key(hedge: str) -> None:
    assert _given(f"GPUs: 2x H100 at $2.69/hr each\nthroughput: ~2,000 tokens/s total\nutilization: {hedge} 55%\n"
                  "cost per 1M tokens?")["utilization"] == 55
