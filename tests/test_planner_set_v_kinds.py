"""Planner v2, the kinds set_v found at first sight: follow-ups that take a feature away (caching given as a share,
the free tier), move a share to a new level ("the model share down to 25%", "only 10% buy"), a hit rate beside a bill
said after it ("$30k/mo LLM bill ... cache 20% of queries"), a year's revenue and COGS with a comma aside, and a
benchmark margin. Each kind is checked in several wordings.
"""

from __future__ import annotations

import pytest
from planner_reading import follow_up

from assistant.agent import Assistant
from assistant.config import Settings
from assistant.planner.plan import make_plan


@pytest.mark.parametrize("follow", ["and with no prompt caching whatsoever?", "what if nothing is cached?",
                                    "and without any cache?"])
def test_without_caching_after_a_cached_share_sets_the_share_to_zero(follow: str) -> None:
    [step] = follow_up("gpt-4.1, 20k users, 5 queries/day, 5,000 input tokens per query of which 60% are read from "
                       "the prompt cache, 300 output tokens. Monthly cost?", follow)
    assert step.args["cached_input_share"] == "0%" and step.args["input_tokens_per_query"] == 5000


_PLAN = ("A $12/month AI add-on: 40,000 free users get 25 queries a month, 4,000 paying users average 300 queries a "
         "month, and each query costs us 0.2 cents. Free tier cost and overall gross margin?")


@pytest.mark.parametrize("follow", ["And without any free tier?", "what if we drop the free plan?",
                                    "and with no free users?", "if we scrap the free tier, what's the margin?"])
def test_without_the_free_tier_the_plan_keeps_everything_else(follow: str) -> None:
    [step] = follow_up(_PLAN, follow)
    assert step.tool == "pricing_plan" and step.args["free_users"] == 0
    assert (step.args["plan_price_usd"], step.args["queries_per_user_per_month"], step.args["paying_users"]) == \
        (12, 300, 4000)


def test_cutting_the_free_quota_to_a_figure_is_a_new_quota_not_no_free_tier() -> None:
    [step] = follow_up(_PLAN, "What if we cut the free quota to 10 queries a month?")
    assert step.args["free_quota_queries"] == 10 and step.args["free_users"] == 40_000


@pytest.mark.parametrize("follow", ["If we renegotiate the model share down to 25%, where does the margin land?",
                                    "what if the provider share goes down to 25%?", "and if Anthropic's share drops "
                                    "to 25%?"])
def test_a_share_moved_to_a_level_is_the_new_share(follow: str) -> None:
    [step] = follow_up("We pay 35% of revenue to Anthropic, and hosting plus support add another 8% of revenue. "
                       "Gross margin?", follow)
    assert step.args["provider_share"] == "25%" and step.args["other_cogs_share"] == "8%"


def test_prices_rising_up_to_a_percentage_stay_a_change() -> None:
    [step] = make_plan("Worst case spend for 50k users at 10 queries a day, 1,000 tokens each, $2 per 1M, if token "
                       "prices rise up to 40%?").steps
    assert step.tool == "monte_carlo" and step.args["price_change_high"] == "40%"


@pytest.mark.parametrize("follow", ["what if only 10% end up buying?", "and if 10% buy instead?", "what if just 10% sign up?"])
def test_a_new_buyer_share_recuts_the_seats(follow: str) -> None:
    steps = follow_up("90,000 seats, we expect 20% to buy the $15/mo AI add-on; everyone else gets 25 free queries a "
                      "month. Buyers average 300 queries a month and a query costs $0.002. Blended gross margin?",
                      follow)
    assert [s.tool for s in steps] == ["change", "pricing_plan"]
    assert steps[0].args == {"name": "users who use it", "value": 90_000, "share_percent": 10}
    assert steps[1].args["paying_users"] == {"$from": ["change", "value"]}


@pytest.mark.parametrize("bill", ["$30k/mo LLM bill.", "Our LLM bill is $30k a month.", "$30,000 a month of model "
                                  "spend."])
def test_a_hit_rate_beside_a_bill_said_after_its_amount_is_the_cache_hit_rate(bill: str) -> None:
    [step] = make_plan(f"{bill} Plan: cache 20% of queries (a hit costs ~10% of a miss) and trim prompts by 30%. "
                       "Input tokens are 60% of the bill. Monthly saving and new bill?").steps
    assert step.tool == "caching" and step.args["hit_rate"] == "20%" and step.args["monthly_bill_usd"] == 30_000


@pytest.mark.parametrize("aside", ["meaning the OpenAI bill plus GPU hosting", "i.e. API invoices and hosting",
                                   "which is mostly the model API"])
def test_a_comma_aside_does_not_hide_the_cogs_subject(aside: str) -> None:
    [step] = make_plan(f"Last fiscal year we booked $3 million of revenue, and our cost of goods sold, {aside}, was "
                       "$1.2 million. Gross margin and gross profit?").steps
    assert step.tool == "margin" and (step.args["revenue_usd"], step.args["cogs_usd"]) == (3e6, 1.2e6)
    assert step.args["period"] == "year"


@pytest.mark.parametrize("bench", ["a typical 85% SaaS margin", "the 85% industry benchmark", "an 85% benchmark"])
def test_a_benchmark_margin_is_what_the_margin_is_compared_with(bench: str) -> None:
    plan = make_plan(f"Revenue $2M, COGS $900k this quarter. Gross margin, and how far are we from {bench}?")
    [step] = plan.steps
    assert step.args["benchmark_margin"] == "85%" and plan.understood


@pytest.mark.parametrize("ask", [
    "We're spending $200,000 building a Salesforce connector. Sales expects it to bring 1,000 new paying users at "
    "$25/month, each costing $5/month to serve. How many months to earn it back?",
    "A $200k integration build should bring 1,000 new paying customers paying $25 a month; serving each costs $5 a "
    "month. Payback in months?",
    "Building the connector costs $200,000. It brings 1,000 paying users at $25/mo who cost us $5/mo each. When does "
    "it pay for itself?",
])
def test_a_payback_from_the_users_an_investment_brings(ask: str) -> None:
    plan = make_plan(ask)
    [step] = plan.steps
    assert step.tool == "break_even" and step.args["mode"] == "payback"
    assert (step.args["upfront_investment_usd"], step.args["users_brought"]) == (200_000, 1000)
    assert (step.args["price_per_user_usd"], step.args["variable_cost_per_user_usd"]) == (25, 5)
    [follow] = make_plan("and if it only brings in 600 users?", plan.steps).steps
    assert follow.args["users_brought"] == 600 and follow.args["upfront_investment_usd"] == 200_000


def test_a_new_buyer_share_in_a_chat_recuts_the_seats_it_split_before(_isolated_env: object) -> None:
    # 15% of 90,000 = 13,500 paying, 76,500 free; then 10%: 9,000 paying, 81,000 free (the change tool's figures)
    assistant = Assistant(Settings())
    assistant.ask("90,000 seats, we expect 15% to buy the $15/mo AI add-on; everyone else gets 25 free queries a "
                  "month. Buyers average 300 queries a month and a query costs $0.002. Blended gross margin?",
                  session_id="s")
    answer = assistant.ask("what if only 10% end up buying?", session_id="s")
    plan = next(c for c in answer.tool_calls if c.name == "pricing_plan")
    assert (plan.args["paying_users"], plan.args["free_users"]) == (9000, 81000) and answer.verified


@pytest.mark.parametrize(("follow", "margin"), [("and if the usage were to double?", 0.84), ("and with 40 queries a day?", 0.84),
                                                ("what if the price per 1K tokens doubles?", 0.84)])
def test_a_chat_followup_recomputes_what_was_derived_from_a_changed_input(follow: str, margin: float,
                                                                          _isolated_env: object) -> None:
    # cost per user = 20 x 30 x 1,000 / 1,000 x $0.002 = $1.20 -> margin (15 - 1.2) / 15 = 92%; doubled: $2.40 -> 84%
    assistant = Assistant(Settings())
    assistant.ask("30,000 users, 20 queries a day, 1,000 tokens per query at $0.002 per 1K tokens; we charge $15 a "
                  "month. Monthly cost and gross margin?", session_id="s")
    answer = assistant.ask(follow, session_id="s")
    results = {c.name: c.result for c in answer.tool_calls}
    assert results["token_cost"]["cost_per_month_usd"] == pytest.approx(72_000)
    assert results["margin"]["gross_margin"] == pytest.approx(margin) and answer.verified
