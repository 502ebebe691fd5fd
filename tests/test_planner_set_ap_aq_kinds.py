"""Planner v2, kinds found by first-sight sets AN to AQ, each checked in several wordings (money without '$')."""

from __future__ import annotations

import pytest

from assistant.planner.plan import make_plan


@pytest.mark.parametrize("fixed", ["fixed costs are 90k a month (team + infra)", "fixed costs: 90k a month"])
@pytest.mark.parametrize("cost", ["variable AI cost per user 7.50", "AI cost per user is 7.50 a month"])
def test_break_even_amounts_without_a_dollar_sign(fixed: str, cost: str) -> None:
    plan = make_plan(f"{fixed}. plan is 30 a month per user, {cost}. how many paying users to break even?")
    [step] = plan.steps
    assert step.tool == "break_even" and (step.args["fixed_costs_usd"], step.args["price_per_user_usd"],
                                          step.args["variable_cost_per_user_usd"]) == (90000, 30, 7.5)


@pytest.mark.parametrize("costs", ["R&D so far 420k, compliance (audits, legal review) 510k",
                                   "technology 420 thousand dollar, regulatory compliance 510k",
                                   "development 420k and compliance 510k"])
def test_compliance_amounts_without_a_dollar_sign(costs: str) -> None:
    plan = make_plan(f"Our medical-notes product: {costs}. What's the compliance-to-development ratio?")
    [step] = plan.steps
    assert step.tool == "compliance_overhead" and plan.understood
    assert 510000 in step.args.values() and 420000 in step.args.values()


@pytest.mark.parametrize("ask", ["where does that leave us each month?", "what's the monthly result after fixed "
                                 "costs?", "where would that put us?"])
@pytest.mark.parametrize("count", ["we have 3,200 paying today", "3,200 paying users today", "paying: 3,200"])
def test_todays_paying_users_named_by_the_adjective_give_the_monthly_profit(ask: str, count: str) -> None:
    first = make_plan("fixed costs are $90k a month. plan is $30 a month per user, AI cost per user $7.50. how many "
                      "paying users to break even?")
    plan = make_plan(f"{count}. {ask}", first.steps)
    [step] = plan.steps
    assert step.args["paying_users"] == 3200 and [a.var for a in plan.asks] == ["profit"]


def test_a_paying_group_key_with_its_price() -> None:
    plan = make_plan("free students: 50,000 (30 free questions/month each)\npaying: 4,000 at $8/month, averaging 200 "
                     "questions/month\ncost per question: $0.0025\nWhat does the free tier cost, and the overall gross "
                     "margin?")
    [step] = plan.steps
    assert (step.args["paying_users"], step.args["plan_price_usd"], step.args["free_users"]) == (4000, 8, 50000)


@pytest.mark.parametrize("sides", ["avg 1.2k prompt tokens / 300 completion", "1,200 prompt tokens and 300 output",
                                   "1.2k input tokens, 300 out"])
def test_the_second_side_of_a_token_pair_may_leave_its_noun_out(sides: str) -> None:
    plan = make_plan(f"4o-mini, 30k DAU, ~6 req/day each. {sides}. monthly burn?")
    [step] = plan.steps
    assert (step.args["input_tokens_per_query"], step.args["output_tokens_per_query"]) == (1200, 300)


@pytest.mark.parametrize("split", ["1,000 token (700 input and 300 output)", "1,000 tokens (700 in, 300 out)"])
def test_a_total_followed_by_its_split_in_brackets_is_the_whole(split: str) -> None:
    plan = make_plan(f"8 thousand users, every user make 25 question per day, each question is {split}. We use "
                     "deepseek-chat. Cost per month?")
    [step] = plan.steps
    assert (step.args["input_tokens_per_query"], step.args["output_tokens_per_query"]) == (700, 300)
    assert step.args.get("tokens_per_query", 1000) == 1000 and plan.understood


@pytest.mark.parametrize("dupes", ["~35% of incoming questions are near-duplicates, so a semantic cache could answer "
                                   "them", "a semantic cache would catch 35% of requests"])
@pytest.mark.parametrize("ask", ["What's the monthly saving, and how many months to pay back the build?",
                                 "How much do we save a month and when does the build pay for itself?"])
def test_a_cache_saving_pays_back_the_cost_of_building_it(dupes: str, ask: str) -> None:
    plan = make_plan(f"Our OpenAI bill is $48k/month. {dupes} (hits are free). Building it is about $60k of eng time, "
                     f"one-off. {ask}")
    cache, payback = plan.steps
    assert cache.tool == "caching" and cache.args["hit_rate"] == "35%"
    assert payback.args["monthly_saving_usd"] == {"$from": ["caching", "monthly_saving_usd"]}
    assert payback.args["upfront_investment_usd"] == 60000


@pytest.mark.parametrize("ops", ["plus $8,000 a month for ops", "and $8k/month of MLOps"])
def test_a_self_hosting_saving_pays_back_a_migration(ops: str) -> None:
    plan = make_plan("We'll be at ~30B tokens a month. The API is $1.25 per 1M tokens blended. Alternative: rent 6 "
                     f"H100s at $2.69 per GPU-hour (4,200 tokens/s per GPU at full load, 60% utilisation) {ops}. The "
                     "migration is a one-off $120,000. What's the monthly saving, and how many months until the "
                     "migration pays back?")
    host, payback = plan.steps
    assert host.tool == "self_host" and host.args["tokens_per_second_per_gpu"] == 4200
    assert host.args["fixed_monthly_usd"] == 8000 and host.args["gpus"] == 6
    assert payback.args["monthly_saving_usd"] == {"$from": ["self_host", "monthly_saving_usd"]}


@pytest.mark.parametrize("ask", ["what's our fixed monthly cost?", "and the total fixed\nmonthly cost?"])
def test_a_deployments_fixed_monthly_cost_includes_its_other_fixed_costs(ask: str) -> None:
    plan = make_plan("gpus: 8x A100\nrate: $1.39 per GPU-hour\nthroughput: 2,500 tokens/s per GPU\nutilization: 70%\n"
                     f"mlops: $6,000/month\nAPI: $0.90 per 1M tokens\nWhat is the break-even volume against the API, and "
                     f"{ask}")
    assert [a.var for a in plan.asks] == ["break_even_tokens", "self_host_fixed"]
    assert plan.steps[0].args["fixed_monthly_usd"] == 6000


@pytest.mark.parametrize("off", ["and if we turned reasoning off entirely?", "what about with thinking disabled?",
                                 "and without reasoning?"])
def test_turning_reasoning_off_removes_the_thinking_share(off: str) -> None:
    first = make_plan("o4-mini, ~5,000 reviews a day. per review: 800 input tokens, 300 visible output tokens, and "
                      "reasoning tokens are ~75% of all output tokens billed. monthly cost?")
    plan = make_plan(off, first.steps)
    assert plan.steps[0].args["reasoning_share"] == "0%"


@pytest.mark.parametrize("days", ["only used on business days (call it 22 a month)", "used on workdays, say 22 a "
                                  "month", "used on working days (about 22 a month)"])
def test_working_days_said_before_their_count(days: str) -> None:
    plan = make_plan(f"Internal tool, {days}. 800 employees x 15 queries per workday, 3,000 input tokens + 500 output "
                     "each, on gpt-4.1-mini. Monthly cost?")
    [step] = plan.steps
    assert step.args["active_days_per_month"] == 22 and step.args["users"] == 800 and plan.understood


@pytest.mark.parametrize("staff", ["There are 1,200 employees", "we are 1,200 employees"])
def test_a_large_headcount_alone_is_whom_an_internal_tool_serves(staff: str) -> None:
    plan = make_plan(f"Internal assistant for the whole company. {staff}; people ask about 15 questions a day, 2,000 "
                     "input and 500 output tokens each on gpt-4.1-mini. Monthly cost?")
    assert plan.steps[0].args["users"] == 1200


def test_a_small_team_is_still_who_we_are() -> None:
    plan = make_plan("We're 14 people. 5,000 users ask 10 questions a day, 1,000 tokens each on gpt-4o-mini. Monthly "
                     "cost?")
    assert plan.steps[0].args["users"] == 5000


@pytest.mark.parametrize("reply", ["about 9,000 claims a day, I think", "~9k claims/day", "roughly 9,000 claims per day"])
def test_a_reply_to_a_clarification_is_read_with_the_question_it_answers(reply: str) -> None:
    from langchain_core.messages import AIMessage, HumanMessage

    from assistant.planner.model import plan_for

    first = "what would our claims assistant cost per month on gpt-4o-mini? each claim is ~2,500 input tokens and 500 out"
    asked = make_plan(first)
    assert asked.kind == "clarify"
    plan = plan_for([HumanMessage(first), AIMessage(asked.text, response_metadata={"planner": "clarify"}),
                     HumanMessage(reply)])
    [step] = plan.steps
    assert step.tool == "token_cost" and step.args["queries_per_user"] == 9000 and step.args["query_period"] == "day"


@pytest.mark.parametrize("plan_price", ["pro is 49 a month", "pro is $49/month", "the premium tier is 49 a month"])
def test_a_plan_named_by_its_tier_is_a_price(plan_price: str) -> None:
    plan = make_plan(f"{plan_price}, each pro user burns about $11.30 in tokens. Our margin?")
    [step] = plan.steps
    assert step.tool == "margin" and step.args["price_per_user_usd"] == 49


@pytest.mark.parametrize("fixed", ["fixed is now ~45k/month (3 engineers + infra)", "burn is 45k a month (3 engineers "
                                   "and infra)", "fixed costs $45k/month (3 engineers + infra)"])
def test_the_people_a_fixed_cost_pays_for_are_not_users(fixed: str) -> None:
    plan = make_plan(f"{fixed}. Pricing at $29/seat, AI cost per seat is about $6.50 a month. How many seats until we "
                     "break even?")
    [step] = plan.steps
    assert step.args["fixed_costs_usd"] == 45000 and plan.understood


_SETUP = ("Setup: 50,000 users, 8 queries per user per day, 2,000 tokens per query, $1.20 per 1M tokens blended,\n"
          "$9 per user per month, no fixed costs in this view. ")


@pytest.mark.parametrize("ask", ["Move each input +/-20% and tell me which moves gross margin the most, plus the base\n"
                                 "margin.", "Swing each input +/-20%: which one moves gross\nmargin (after the fixed "
                                 "cost) the most?", "Show me which input moves the margin most at +/-20%."])
def test_a_margin_sensitivity_asked_in_a_wrapped_or_request_sentence(ask: str) -> None:
    plan = make_plan(_SETUP + ask)
    [step] = plan.steps
    assert step.tool == "sensitivity" and step.args["metric"] == "gross_margin" and step.args["swing"] == "20%"


@pytest.mark.parametrize("context", ["Context: we're a 45-person company, founded 2019, $3.2M ARR, 120 enterprise "
                                     "customers.", "We have 120 enterprise customers."])
def test_the_user_count_said_with_the_usage_wins_over_context(context: str) -> None:
    plan = make_plan(f"{context} New summariser runs on gpt-5-mini: 6,000 users, 8 summaries a day each, 2,000 input + "
                     "400 output tokens per summary. What does it cost per month?")
    [step] = plan.steps
    assert step.args["users"] == 6000 and "120" in plan.unused


def test_segments_with_their_own_usage_are_kept() -> None:
    plan = make_plan("free: 200k users, 2 queries/day; pro: 15k users, 30 queries/day; 1,000 tokens each on "
                     "gpt-4o-mini. Monthly cost?")
    assert plan.steps and "200000" not in plan.unused and "15000" not in plan.unused


@pytest.mark.parametrize("deal", ["We negotiated 18% off list on claude-sonnet-4-5.", "claude-sonnet-4-5, with an 18% "
                                  "discount.", "We get 18% off the list price of claude-sonnet-4-5."])
def test_a_negotiated_discount_changes_every_price(deal: str) -> None:
    plan = make_plan(f"{deal} 1,500 analysts, 30 queries a day, ~3,000 input and 800 output tokens per query. Monthly "
                     "spend after the discount?")
    [step] = plan.steps
    assert step.args["price_change"] == "-18%" and plan.understood


@pytest.mark.parametrize("cost", ["We're weighing a fine-tune: $240,000 all-in", "A fine-tune costs $240,000"])
@pytest.mark.parametrize("build", ["3 months to build", "three months of work before it's live"])
def test_a_fine_tunes_build_months_and_cost(cost: str, build: str) -> None:
    plan = make_plan(f"{cost}, {build}, then it should cut our API spend by $18k a month. How many months until it "
                     "pays back, counted from the start of the project?")
    [step] = plan.steps
    assert (step.args["upfront_investment_usd"], step.args["build_months"], step.args["monthly_saving_usd"]) == (
        240000, 3, 18000)
