"""Planner v2, the kinds set_ad found at first sight, each checked in several wordings.

A memo named only as what figures are for; "per quarter" in a follow-up; the most users within a budget; routes
written with arrows.
"""

from __future__ import annotations

import pytest
from planner_reading import follow_up

from assistant.planner.asks import asked
from assistant.planner.plan import make_plan


@pytest.mark.parametrize("lead", ["for the FY budget memo I need the annual spend on our copilot",
                                  "this goes into a board memo: what's the annual spend on our copilot"])
def test_a_memo_the_figures_are_for_is_not_drafted(lead: str) -> None:
    plan = make_plan(f"{lead}. 40,000 employees, 15 queries per working day, 22 working days a month, 2,000 tokens "
                     "per query at $0.0015 per 1K tokens. Monthly and annual figure?")
    assert [s.tool for s in plan.steps] == ["token_cost"]


@pytest.mark.parametrize("ask", ["Draft a pricing memo", "I need a one-pager", "Write me a short pricing proposal"])
def test_a_memo_asked_for_is_drafted(ask: str) -> None:
    plan = make_plan(f"{ask} for a $10/month AI add-on: 120,000 seats, 15% buy, 60 queries a month each at $0.002.")
    assert [s.tool for s in plan.steps] == ["draft_memo"]


@pytest.mark.parametrize("follow", ["and what about per quarter?", "and quarterly?", "per quarter please"])
def test_a_quarter_after_a_bill(follow: str) -> None:
    first = "2,000 users, 10 queries a day, 1,000 tokens per query on gpt-4o-mini. Monthly cost?"
    plan = make_plan(follow, make_plan(first).steps)
    assert plan.steps[-1].tool == "token_cost" and [a.var for a in plan.asks] == ["quarterly_cost"]
    assert follow_up(first, follow)[-1].args["users"] == 2000


@pytest.mark.parametrize("ask", ["What's the max number of users we can support?", "What's the most users we can "
                                 "serve?", "maximum users within that?"])
def test_the_most_users_within_a_budget_is_sought(ask: str) -> None:
    [step] = make_plan(f"Budget cap: $15,000 a month. Each user does 25 queries a day at 1,200 tokens a query, and we "
                       f"pay $0.50 per million tokens. {ask}").steps
    assert step.tool == "solve" and step.args["unknown"] == "users"
    assert asked(ask) == ["users"]


@pytest.mark.parametrize("arrow", ["->", "=>", "\u2192"])
def test_routes_written_with_arrows(arrow: str) -> None:
    [step] = make_plan(f"Router plan: 60% {arrow} gpt-4.1-nano, 30% {arrow} gpt-4.1-mini, 10% {arrow} gpt-4.1. Blended "
                       "$/M, and what do we save on 2B tokens a month vs sending everything to gpt-4.1?").steps
    assert step.tool == "routing" and [r["share"] for r in step.args["routes"]] == ["60%", "30%", "10%"]


@pytest.mark.parametrize("share", ["about a third of its revenue to the model vendor", "a third of our revenue to "
                                   "the model provider", "33% of revenue to the vendor"])
def test_a_revenue_share_to_the_vendor_said_in_words(share: str) -> None:
    [step] = make_plan(f"Our AI writing product sends {share}, and hosting plus support eat another 7%. What is "
                       "our gross margin?").steps
    assert step.tool == "margin" and step.args["other_cogs_share"] == "7%"
    assert step.args["provider_share"] in ("33.33%", "33%")


@pytest.mark.parametrize("verb", ["We're pushing", "We're serving", "Our pipeline handles"])
def test_a_total_rate_with_split_prices_is_one_stream(verb: str) -> None:
    [step] = make_plan(f"{verb} ~120k requests/day through Claude Sonnet 4.5 ($3 in / $15 out per M). avg prompt "
                       "2.5k tok, completion 500. daily burn + monthly?").steps
    assert step.tool == "token_cost" and step.args["users"] == 1 and step.args["output_tokens_per_query"] == 500


@pytest.mark.parametrize("split", ["40/40/20", "50/30/20"])
def test_a_three_way_split_in_a_follow_up(split: str) -> None:
    [step] = follow_up("Router plan: 60% -> gpt-4.1-nano, 30% -> gpt-4.1-mini, 10% -> gpt-4.1. Blended $/M on 2B "
                       "tokens a month?", f"what if the split is {split} instead?")
    assert [r["share"] for r in step.args["routes"]] == [f"{x}%" for x in split.split("/")]


@pytest.mark.parametrize("put", ["We're putting $240,000 into", "We're investing $240,000 in", "We'll sink $240k into"])
def test_payback_from_the_paying_users_an_investment_brings(put: str) -> None:
    [step] = make_plan(f"{put} a new AI feature. We expect it to bring in 2,000 new paying users at $20 a month, with "
                       "$8 a month of variable cost each. How long until it pays back?").steps
    assert step.tool == "break_even" and step.args["mode"] == "payback"
    assert (step.args["upfront_investment_usd"], step.args["variable_cost_per_user_usd"]) == (240_000, 8)


@pytest.mark.parametrize("label", ["Inference (API) spend", "Model (OpenAI) bill"])
def test_a_label_with_a_parenthesis_inside_is_a_row(label: str) -> None:
    change, margin = make_plan(f"| Q3 line item | Amount |\n|---|---|\n| AI product revenue | $1.2M |\n| {label} | "
                               "$420k |\n| GPU hosting | $90k |\n\nGross margin and gross profit?").steps
    assert (change.args["value"], change.args["plus"]) == (420_000, 90_000) and margin.args["period"] == "quarter"


@pytest.mark.parametrize(("sheet", "users"), [("users: 2,000; queries/day: 10; tokens/query: 1,000", 2000),
                                              ("MAU: 2k, queries per day: 10, tokens per query: 1,000", 2000)])
def test_pasted_keys_that_name_a_counted_unit(sheet: str, users: int) -> None:
    [step] = make_plan(f"From our planning sheet - {sheet}; model: gpt-4o-mini. Monthly cost?").steps
    assert (step.args["users"], step.args["queries_per_user"], step.args["tokens_per_query"]) == (users, 10, 1000)


def test_a_negative_count_in_pasted_keys_is_refused() -> None:
    plan = make_plan("From our planning sheet: users: -2,000; queries/day: 10; tokens/query: 1,000; model: gpt-4o-mini. "
                     "Monthly cost?")
    assert plan.kind == "invalid" and not plan.steps and "users must be positive" in (plan.text or "")
