"""Planner v2, the kinds set_z found at first sight, each checked in several wordings.

Counts "going in" and "coming out"; pasted "key: value" lines under a heading; named models compared with no other
figure (and a restated 75/25 token mix); a total token count beside one side; multiples below 1.
"""

from __future__ import annotations

import pytest
from planner_reading import given_values

from assistant.planner.plan import make_plan
from tools import fmt
from tools.catalog import default_catalog
from tools.token_cost import token_cost


@pytest.mark.parametrize("sides", ["a thread is about 900 words going in and the reply coming out about 150 words",
                                   "roughly 1,200 tokens going in and 200 tokens coming out per chat"])
def test_counts_going_in_and_coming_out(sides: str) -> None:
    values = given_values(f"600 agents, 40 chats a day each; {sides}. On gpt-4.1-mini, monthly cost?")
    assert {k for k in values if k.startswith(("input_", "output_"))} in (
        {"input_words", "output_words"}, {"input_tokens", "output_tokens"})


@pytest.mark.parametrize("heading", ["FY26 H1 for the assistant:", "Numbers for the AI line (Q2):", "Summary:"])
def test_key_value_lines_under_a_heading(heading: str) -> None:
    [step] = make_plan(f"{heading}\nrevenue: $2.4M\nCOGS (API + hosting): $600k\nGross margin and gross profit?").steps
    assert step.tool == "margin" and (step.args["revenue_usd"], step.args["cogs_usd"]) == (2_400_000, 600_000)


@pytest.mark.parametrize("question", [
    "which is cheaper per million tokens, gpt-4o-mini or gpt-4.1-nano? assume a 75/25 input/output mix",
    "gpt-4o-mini or gpt-4.1-nano - which costs less per 1M tokens?",
    "per 1M tokens, is gpt-4o-mini or gpt-4.1-nano cheaper?"])
def test_named_models_alone_are_compared_per_million_tokens(question: str) -> None:
    plan = make_plan(question)
    [step] = plan.steps
    assert step.tool == "compare" and [o["model"] for o in step.args["options"]] == ["gpt-4o-mini", "gpt-4.1-nano"]
    assert not plan.unused


def test_a_different_token_mix_is_passed_to_the_calculator_not_taken_for_its_default() -> None:
    plan = make_plan("which is cheaper per million tokens, gpt-4o-mini or gpt-4.1-nano? assume a 60/40 "
                     "input/output mix")
    assert plan.steps[0].args["input_share"] == "60%" and not plan.unused


def test_a_total_token_count_beside_one_side_gives_the_other_side() -> None:
    # 2,000 tokens in all, 500 of them output: 1,500 input x $2.50/1M + 500 x $10/1M = $0.00875
    r = token_cost({"users": 1, "queries_per_user": 1, "tokens_per_query": 2000, "output_tokens_per_query": 500,
                    "model": "gpt-4o"}, default_catalog())
    assert r.cost_per_query_usd == pytest.approx(0.00875)
    assert any("the other 1,500 are input" in a for a in r.assumptions)


def test_multiples_keep_three_significant_digits_below_ten() -> None:
    assert [fmt.ratio(v) for v in (0.625, 2.2857, 13.889)] == ["0.625x", "2.29x", "13.89x"]


@pytest.mark.parametrize("cogs", ["what if COGS climbs to $800k next quarter?", "and if cost of goods rises to $800k?",
                                  "say COGS goes to 800k on the same revenue"])
def test_a_new_cogs_after_a_key_value_margin_keeps_the_revenue_and_period(cogs: str) -> None:
    first = make_plan("Numbers for the AI line:\nrevenue: $2.4M\nCOGS (API + hosting): $600k\nperiod: quarter\n"
                      "Gross margin?")
    assert first.steps[0].args["period"] == "quarter"
    [step] = make_plan(cogs, first.steps).steps
    assert step.tool == "margin"
    assert (step.args["revenue_usd"], step.args["cogs_usd"], step.args["period"]) == (2_400_000, 800_000, "quarter")


@pytest.mark.parametrize("said", ["period: year", "all figures are annual", "Timeframe: a year"])
def test_a_period_said_once_covers_the_amounts(said: str) -> None:
    [step] = make_plan(f"revenue $4M, COGS $1M; {said}. What's the gross margin?").steps
    assert step.args["period"] == "year"


@pytest.mark.parametrize("baseline", ["instead of 100% GPT-4o", "versus 100% on GPT-4o", "rather than 100% GPT-4o"])
@pytest.mark.parametrize("order", [True, False])
def test_all_traffic_on_one_model_is_the_baseline_not_a_route(baseline: str, order: bool) -> None:
    split = "send 80% of traffic to gpt-4o-mini and 20% to GPT-4o"
    text = f"{split}, {baseline}." if order else f"{baseline.capitalize()}: {split}."
    plan = make_plan(f"{text} 1.5 billion tokens a month. Blended price per 1M and the saving?")
    [step] = plan.steps
    assert step.tool == "routing" and [r["share"] for r in step.args["routes"]] == ["80%", "20%"]
    assert step.args["baseline_model"].lower() == "gpt-4o" and not plan.unused


@pytest.mark.parametrize("ask", ["what throughput per GPU would we need to beat a $0.90/M API?",
                                 "how many tokens per second per GPU to match an API at 90 cents per million?",
                                 "break-even throughput against a $0.90/M API?"])
def test_the_break_even_throughput_is_the_calculators_own_figure(ask: str) -> None:
    plan = make_plan(f"3 H100s serving a 70B model from the published reference at 60% utilization. {ask}")
    [step] = plan.steps
    assert step.tool == "self_host" and step.args["price"] == 0.9
    assert [a.field for a in plan.asks if a.var == "break_even_throughput"] == ["break_even_tokens_per_second_per_gpu"]


@pytest.mark.parametrize("heading", ["Pricing proposal:", "Plan proposal -", "Our pricing doc says"])
def test_a_document_named_but_figures_asked_is_answered_not_drafted(heading: str) -> None:
    plan = make_plan(f"{heading} $12/mo includes 300 queries, then $5 per 1,000 extra queries. 5,000 subscribers, mean "
                     "usage 400 queries/month; each query costs us $0.002. Expected overage revenue and the margin?")
    assert [s.tool for s in plan.steps] == ["pricing_plan"]
    assert plan.steps[0].args["paying_users"] == 5000 and plan.steps[0].args["overage_price_per_1k_queries"] == 5


def test_a_document_asked_for_is_still_drafted() -> None:
    plan = make_plan("Draft a pricing proposal: $12/mo includes 300 queries, then $5 per 1,000 extra queries, 5,000 "
                     "subscribers at 400 queries a month, $0.002 a query.")
    assert [s.tool for s in plan.steps] == ["draft_memo"]
