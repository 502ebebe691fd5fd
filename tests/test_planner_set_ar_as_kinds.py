"""Planner v2, kinds found by first-sight sets AR and AS, each checked in several wordings."""

from __future__ import annotations

import pytest

from assistant.planner.plan import make_plan


@pytest.mark.parametrize("ask", ["minimum list price?", "what's the lowest sticker price?", "so what price do we list "
                                 "it at?"])
def test_a_list_price_for_a_target_margin(ask: str) -> None:
    plan = make_plan(f"AI cost per active user is $3.40/mo and finance wants a 75% gross margin on the add-on. {ask}")
    [step] = plan.steps
    assert step.tool == "break_even" and step.args["target_margin"] == "75%"


@pytest.mark.parametrize("ask", ["What's that worth per month and per year?", "what would that be worth a month, and a "
                                 "year?"])
def test_a_cache_asked_as_what_it_is_worth(ask: str) -> None:
    plan = make_plan(f"Our monthly LLM invoice is around $42k. A semantic cache would catch ~35% of queries. {ask}")
    assert [a.var for a in plan.asks] == ["saving", "yearly_saving"]


@pytest.mark.parametrize("ask", ["is this gonna be more than $5/month??", "will it cost more than $5 a month?"])
def test_a_bill_asked_against_an_amount(ask: str) -> None:
    plan = make_plan(f"discord bot on claude-haiku-4-5 for ~15 ppl, maybe 10 msgs a day each, 600 tokens in and 200 "
                     f"out. {ask}")
    [step] = plan.steps
    assert step.args["users"] == 15 and [a.var for a in plan.asks] == ["monthly_cost"]


@pytest.mark.parametrize("ask", ["what's the monthly bill before and after?", "monthly bill with and without it?"])
def test_prompt_caching_before_and_after(ask: str) -> None:
    plan = make_plan("claude-sonnet-4-5, 8,000 input tokens per request, of which 6,000 are the same system prompt, "
                     "and ~600 output tokens; 5,000 requests a day. If they turn on prompt caching and the 6k prefix is "
                     f"read from cache every time, {ask}")
    [step] = plan.steps
    assert step.tool == "compare" and len(step.args["scenarios"]) == 2


@pytest.mark.parametrize("who", ["Legal-tech customer feeds", "Our client sends", "One customer pushes"])
def test_work_items_a_day_from_one_unnamed_sender_are_the_whole_traffic(who: str) -> None:
    plan = make_plan(f"{who} whole contracts into gemini-2.5-pro: ~250,000 input tokens per contract, ~2,000 tokens of "
                     "output, 400 contracts a day. Monthly cost?")
    [step] = plan.steps
    assert (step.args["users"], step.args["queries_per_user"]) == (1, 400)


def test_work_items_said_per_person_still_ask_for_the_headcount() -> None:
    plan = make_plan("Each paralegal reviews about 12 documents a day, 5,000 tokens per document, at $3 per million "
                     "tokens. Monthly cost?")
    assert plan.kind == "clarify"


@pytest.mark.parametrize("ask", ["What's the max per-1K-token price we can accept?", "highest per-1k price we could "
                                 "pay?"])
def test_the_most_per_1k_within_a_budget_keeps_the_query_size(ask: str) -> None:
    plan = make_plan(f"{ask} Budget $9,000/mo, 12k users, 15 queries/day, 800 tokens per query.")
    [step] = plan.steps
    assert step.args["unknown"] == "price_per_1k" and step.args["knowns"]["tokens_per_query"] == 800


@pytest.mark.parametrize("today", ["We're at 2,100 today", "we have 2,100 now"])
def test_todays_count_beside_a_break_even_gives_the_profit(today: str) -> None:
    plan = make_plan("Our fixed costs are $540k per year (3 FTEs + tooling). Plan is $19/month, model cost about $3.40 "
                     f"per subscriber per month. How many subscribers to break even? {today} - what's our monthly "
                     "profit or loss?")
    [step] = plan.steps
    assert step.args["paying_users"] == 2100 and step.args["fixed_costs_period"] == "year"


@pytest.mark.parametrize("ask", ["what would Llama 3.3 70B on 2x H100 cost per million tokens at\n40% utilization?",
                                 "tell me the cost per 1 million tokens of Llama 3.3 70B on 2 H100 if utilization\nis "
                                 "40%?"])
def test_a_reference_throughput_question_wrapped_before_a_figure(ask: str) -> None:
    plan = make_plan(f"Using the published throughput figures, {ask} Rent at the catalog H100 rate.")
    [step] = plan.steps
    assert step.tool == "self_host" and step.args["model_params_b"] == 70 and step.args["utilization"] == "40%"
    assert [a.var for a in plan.asks] == ["self_host_per_1m"]


def test_a_numbered_list_is_not_joined_across_its_items() -> None:
    from assistant.planner.asks import asking_text

    text = ("For the board deck I need three numbers for our support bot on gpt-4o-mini at 10k users\n"
            "2. the monthly cost\n3. the cost per user?")
    assert "users 2. the monthly" not in asking_text(text)
