"""Planner v2, the kinds set_k found at first sight: conventions restated as figures, hyphenated modifiers and
unlisted nouns of work, a monthly contribution paying back an investment, the most one can spend per seat for
a margin, a margin beside a usage break-even, and the rent of the GPUs a workload needs. Each kind is checked
in several wordings, and against a wording that must not trigger it.
"""

from __future__ import annotations

import pytest
from planner_reading import given_values

from assistant.agent import Assistant
from assistant.config import Settings
from assistant.planner.asks import asked
from assistant.planner.conventions import convention
from assistant.planner.grammar import parse
from assistant.planner.plan import make_plan

USAGE = "9,000 members each send 4 queries a day, 1,200 tokens per query, at $0.60 per 1M tokens."



def _conventions(text: str) -> list[str | None]:
    p = parse(text)
    return [convention(p.norm, n) for n in p.nums]


@pytest.mark.parametrize("said", [
    "Treat a month as 30 days.", "Assume a 30-day month.", "Count 30 days in a month.", "Use 30 days per month.",
    "Take a week as 7 days and a year as 12 months.", "Figure 720 hours a month.", "Use 24 hours a day.",
    "Assume 750 words per 1,000 tokens.", "1K tokens = 750 words.", "A token is about 0.75 words.",
])
def test_a_restated_convention_is_no_input_and_changes_nothing(said: str) -> None:
    plain, restated = make_plan(f"{USAGE} Monthly cost?"), make_plan(f"{USAGE} {said} Monthly cost?")
    assert [(s.tool, s.args) for s in restated.steps] == [(s.tool, s.args) for s in plain.steps]
    assert restated.understood and restated.unused == []
    assert any(n.startswith("As the question says") for n in restated.notes)


@pytest.mark.parametrize("text", ["we work 22 days a month", "365 days a year", "a month as 31 days",
                                  "1,000 tokens = 700 words", "users send 30 queries a day", "a 30-day trial"])
def test_a_ratio_unlike_the_calculators_is_not_taken_for_a_convention(text: str) -> None:
    assert all(c is None for c in _conventions(text))


@pytest.mark.parametrize("noun", ["web-grounded searches", "AI-assisted lookups", "long-form drafts"])
def test_a_hyphenated_modifier_before_the_noun_of_work_keeps_the_usage(noun: str) -> None:
    got = given_values(f"3,000 analysts run 6 {noun} a day; each is 900 tokens at $0.40 per 1M tokens. Monthly cost?")
    assert got["users"] == 3_000 and got["queries_per_user"] == 6


@pytest.mark.parametrize(("usage", "per"), [
    ("each writes 5 pieces a week", "about 1,500 words per piece"),
    ("each files 5 briefs a week", "each brief is roughly 2,000 tokens"),
    ("they generate 5 clips a week", "every clip uses 2,000 tokens"),
])
def test_an_unlisted_noun_that_tokens_are_counted_per_is_the_unit_of_work(usage: str, per: str) -> None:
    got = given_values(f"6,000 customers, {usage}, {per}, billed at $0.002 per 1K tokens. What is the yearly cost?")
    assert got["queries_per_user"] == 5


def test_an_unlisted_noun_with_nothing_counted_per_it_is_not_usage() -> None:
    assert "queries_per_user" not in given_values("6,000 customers across 5 regions; $0.002 per 1K tokens. Yearly cost?")


@pytest.mark.parametrize("benefit", ["brings in $12,000 of monthly contribution", "makes a profit of $12k a month",
                                     "adds $12,000 per month in net cash flow", "contributes $12k/month of profit"])
def test_a_monthly_contribution_pays_back_an_investment(benefit: str) -> None:
    plan = make_plan(f"The new tier costs $180k up front and {benefit}. How many months to pay it back?")
    [step] = plan.steps
    assert step.tool == "break_even" and step.args["mode"] == "payback"
    assert step.args["upfront_investment_usd"] == 180_000 and step.args["monthly_contribution_usd"] == 12_000


@pytest.mark.parametrize("ask", [
    "What's the most we can spend on AI per seat per month?", "How much AI cost per seat a month can we afford?",
    "Max model spend per user, monthly?", "What can we spend per seat per month on inference?",
])
def test_the_most_to_spend_per_seat_for_a_margin_is_a_goal_seek(ask: str) -> None:
    plan = make_plan(f"Seats sell for $40 a month and we want 85% gross margin. {ask}")
    [step] = plan.steps
    assert step.tool == "solve" and step.args["unknown"] == "cost_per_user"
    assert asked(ask) == ["cost_per_user"]


def test_a_monthly_total_asked_beside_a_per_seat_cost_is_still_asked() -> None:
    assert sorted(asked("What's the monthly bill, and what is that per seat?")) == ["cost_per_user", "monthly_cost"]


_PLAN = ("A $12/month plan; users average 400 queries a month; each query is 2,000 input and 500 output tokens at "
         "$0.50/M input and $1.50/M output.")


@pytest.mark.parametrize("asks", [
    "What's the gross margin, and how many queries a month can a user make before they cost us more than the $12?",
    "How many queries a month can a user make before they cost us more than the $12, and what's the gross margin?",
    "Margin at average usage? And how many queries before a user costs more than the plan?",
])
def test_a_margin_beside_a_usage_break_even_uses_the_stated_usage(asks: str, _isolated_env: object) -> None:
    answer = Assistant(Settings()).ask(f"{_PLAN} {asks}")
    results = {c.name: c.result for c in answer.tool_calls}
    margin = results["margin"]["gross_margin"] if "margin" in results else None
    assert margin == pytest.approx((12 - 0.70) / 12)
    assert results["pricing_plan"]["break_even_queries_per_user"] == pytest.approx(12 / 0.00175)
    assert answer.verified and answer.understood


@pytest.mark.parametrize("ask", ["How many GPUs, and what's the monthly rent?",
                                 "What's the monthly GPU rent and how many GPUs do we need?"])
def test_the_rent_of_a_workload_is_for_the_gpus_it_needs(ask: str, _isolated_env: object) -> None:
    answer = Assistant(Settings()).ask(
        f"We push 20B tokens a month; one GPU serves 2,500 tokens/s at full load, at 65% utilization, rented at "
        f"$1.90 an hour. {ask}")
    [call] = answer.tool_calls
    assert call.result["gpus_needed"] == 5 and call.result["self_host_monthly_usd"] == pytest.approx(6_840)
    assert "$6,840" in answer.answer and "$1.90 x 5 GPUs x 720 h" in answer.answer


# Set J's three misses (left unread until this session): the senders of a usage, an overage past a quota, and a
# yearly saving asked beside a monthly one.
@pytest.mark.parametrize("fleet", ["300 self-service kiosks in airports, each making ~20 requests an hour",
                                   "300 ATMs across the region, 20 calls an hour each",
                                   "300 robots on the floor, each sending 20 queries an hour"])
def test_the_things_that_each_send_the_queries_are_the_users(fleet: str) -> None:
    plan = make_plan(f"{fleet}, around the clock. Each request costs us 0.4 cents. Daily spend?")
    [step] = plan.steps
    assert step.args["users"] == 300 and step.args["queries_per_user"] == 20 and step.args["query_period"] == "hour"


@pytest.mark.parametrize("overage", ["past that we bill $4 per 1,000 queries",
                                     "beyond the quota it's $4 per 1,000 queries",
                                     "in excess of that, $4 per 1,000 more queries"])
def test_a_price_per_1000_queries_past_a_quota_is_the_overage_price(overage: str) -> None:
    got = given_values(f"A $10/mo plan with 200 queries included; {overage}. 5,000 paying users average 250 queries a "
                "month; a query costs us one cent. Overage revenue?")
    assert got["overage_price"] == 4 and got["free_quota"] == 200 and got["price_per_user"] == 10


@pytest.mark.parametrize("ask", ["what do we save monthly and annually?", "savings per month and per annum?",
                                 "and annually, what would we save? and monthly?"])
def test_a_yearly_saving_beside_a_monthly_one_is_asked_as_a_saving(ask: str) -> None:
    assert sorted(asked(ask)) == ["saving", "yearly_saving"]


@pytest.mark.parametrize(("question", "monthly", "yearly"), [
    ("Switching vendors took our API bill from $80k down to $55k a month. The saving per month and per year?",
     25_000, 300_000),
    ("Our LLM spend went from 12,000 to 9,500 per month after caching; annual savings?", 2_500, 30_000),
    ("Bill dropped from 80k to 55k monthly. How much do we save a year?", 25_000, 300_000),
    ("After the migration our bill fell from $80,000 to $55,000 a month. Yearly saving?", 25_000, 300_000),
])
def test_a_bill_going_from_one_amount_to_another_saves_the_gap_a_month_and_a_year(
        question: str, monthly: float, yearly: float, _isolated_env: object) -> None:
    answer = Assistant(Settings()).ask(question)
    [call] = answer.tool_calls
    assert call.name == "change" and call.result["value"] == monthly and call.result["value_per_year"] == yearly
    assert "**Yearly saving:**" in answer.answer and answer.verified and answer.understood


def test_a_count_going_from_one_number_to_another_is_not_a_bill() -> None:
    plan = make_plan("We grew from 8k to 12k users. What does that cost at 10 queries a day on gpt-4o-mini?")
    assert all(s.tool != "change" for s in plan.steps)


@pytest.mark.parametrize("ask", [
    "What's that per 1M tokens, and the monthly GPU rent?", "What does that come to per million tokens? Monthly rent?",
    "Monthly rent, and per 1M tokens?", "how much per 1M tokens is that; and the monthly rent for the GPUs?",
])
def test_a_gpu_deployment_asks_its_price_per_million_and_its_rent(ask: str) -> None:
    plan = make_plan(f"We rent 3 L4s at $0.80/hr each; together they push 2,400 tokens/s at full load, ~55% busy. {ask}")
    assert sorted(a.var for a in plan.asks) == ["gpu_rent", "self_host_per_1m"]
    [step] = plan.steps
    assert step.tool == "self_host" and step.args["gpus"] == 3 and step.args["gpu_hourly_usd"] == 0.8


def test_a_price_per_million_in_a_follow_up_is_a_figure_not_an_ask() -> None:
    assert "self_host_per_1m" not in asked("what if the price falls to $0.50 per million?")
