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
