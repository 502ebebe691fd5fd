"""Planner v2, kinds found by first-sight sets CD and CE, each in several wordings."""

from __future__ import annotations

import pytest

from assistant.planner.asks import asked
from assistant.planner.plan import make_plan


@pytest.mark.parametrize("lines", ["model API spend: $612k\ninference hosting: $148k\nvector DB: $40k",
                                   "COGS lines: OpenAI $612k, Anthropic $148k, inference hosting on AWS $40k"])
def test_cogs_in_several_lines_are_added(lines: str) -> None:
    steps = make_plan(f"Numbers for the quarter:\nrevenue: $1.84M\n{lines}\nGross margin for the quarter?").steps
    assert [s.tool for s in steps] == ["change", "change", "margin"]
    assert [s.args["plus"] for s in steps[:2]] == [148_000, 40_000]


@pytest.mark.parametrize("other", ["plus ~7% other COGS (hosting, support tooling)", "and another 7% on hosting"])
def test_a_second_share_of_revenue_is_other_cogs(other: str) -> None:
    [step] = make_plan(f"Roughly 28% of revenue goes to model providers, {other}. What's our gross margin?").steps
    assert step.args["provider_share"] == "28%" and step.args["other_cogs_share"] == "7%"


@pytest.mark.parametrize("fixed", ["The AI unit's fixed budget is $1.8M per year", "Our fixed budget: $1.8M a year"])
def test_a_fixed_budget_is_the_fixed_costs(fixed: str) -> None:
    [step] = make_plan(f"{fixed}. Seats go for $25/month and cost us $5/month each. How many seats to break even?"
                       ).steps
    assert step.args["fixed_costs_usd"] == 1_800_000 and step.args["fixed_costs_period"] == "year"


@pytest.mark.parametrize("each", ["each query ~$0.0025 of model cost", "every query about $0.0025 in model spend"])
def test_an_amount_after_each_unit_is_per_that_unit(each: str) -> None:
    [step] = make_plan(f"40,000 free users, 25 free queries each per month, {each}. What does the free tier cost us "
                       "monthly?").steps
    assert step.args.get("cost_per_query_usd") == 0.0025


@pytest.mark.parametrize("share", ["what % of the total spend", "and its share of total spend"])
def test_a_compliance_ratio_and_share_ask_no_bill(share: str) -> None:
    asks = asked(f"compliance came to $600k against $250k of R&D. how many times the R&D is that, {share}?")
    assert "compliance_ratio" in asks and not {"monthly_cost", "compare"} & set(asks)


@pytest.mark.parametrize("heavy", ["One of our power users does 4,500 queries a month.",
                                   "One heavy customer runs 4,500 queries a month."])
def test_a_plan_line_opening_with_its_price_beside_one_heavy_user(heavy: str) -> None:
    [step] = make_plan(f"Plan design check:\n- $20/mo, 1,000 queries included\n- overage: $8 per 1,000 queries\n"
                       f"- our cost: 0.6 cents per query\n{heavy} What do they pay, and our margin on them?").steps
    assert step.args["plan_price_usd"] == 20 and step.args["heavy_user_queries_per_month"] == 4_500
    assert step.args["free_quota_queries"] == 1_000 and {"heavy_user_bill", "heavy_user_margin"} <= set(step.asks)
