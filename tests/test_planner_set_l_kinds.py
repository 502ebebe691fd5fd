"""Planner v2, the kinds set_l found at first sight: a one-off spend said as 'once' beside a bill going from one
amount to another (payback), a scale word followed by its own new value, one GPU's throughput said with 'each'
before it, a parenthesis ending a number's phrase, and the hours of a month restated in parentheses. Each kind is
checked in several wordings, and against a wording that must not trigger it.
"""

from __future__ import annotations

import pytest
from planner_reading import given_values

from assistant.agent import Assistant
from assistant.config import Settings
from assistant.planner.grammar import parse
from assistant.planner.plan import make_plan
from assistant.planner.roles import read


@pytest.mark.parametrize("spend", ["We'd spend $120,000 once on it", "It is a one time $120k project",
                                   "A lump sum of $120,000 buys the rewrite"])
def test_a_one_off_spend_beside_a_bill_going_down_pays_back_from_the_gap(spend: str, _isolated_env: object) -> None:
    answer = Assistant(Settings()).ask(f"{spend}; it takes our API bill from $40,000 to $30,000 a month. Monthly "
                                       "saving and payback in months?")
    results = {c.name: c.result for c in answer.tool_calls}
    assert results["change"]["value"] == 10_000 and results["break_even"]["payback_months"] == pytest.approx(12)
    assert answer.verified and answer.understood


@pytest.mark.parametrize(("followup", "var", "value"), [
    ("what if our usage doubles to 40 queries a day?", "queries_per_user", 40),
    ("and if the users triple to 90,000?", "users", 90_000),
    ("suppose usage doubles to 40 queries per day", "queries_per_user", 40),
])
def test_a_scale_word_with_its_own_new_value_takes_the_value(followup: str, var: str, value: float,
                                                            _isolated_env: object) -> None:
    assistant = Assistant(Settings())
    assistant.ask("30,000 users, 20 queries a day each, 1,000 tokens per query at $0.002 per 1K tokens. Monthly "
                  "cost?", session_id="s")
    answer = assistant.ask(followup, session_id="s")
    [call] = [c for c in answer.tool_calls if c.name == "token_cost"]
    assert call.args[var] == value and "change" not in [c.name for c in answer.tool_calls]


def test_a_scale_word_alone_still_changes_the_scenario(_isolated_env: object) -> None:
    assistant = Assistant(Settings())
    assistant.ask("30,000 users, 20 queries a day each, 1,000 tokens per query at $0.002 per 1K tokens. Monthly "
                  "cost?", session_id="s")
    answer = assistant.ask("and if the usage doubles?", session_id="s")
    assert [c.name for c in answer.tool_calls] == ["change", "token_cost"]
    assert answer.tool_calls[1].args["queries_per_user"] == 40


@pytest.mark.parametrize(("phrase", "var"), [
    ("each doing 2,000 tokens/s", "tokens_per_second_per_gpu"),
    ("each one pushing 2,000 tokens per second", "tokens_per_second_per_gpu"),
    ("2,000 tokens/s each", "tokens_per_second_per_gpu"),
    ("2,000 tokens/s combined", "tokens_per_second"),
    ("2,000 tokens/s in total", "tokens_per_second"),
])
def test_one_gpus_throughput_is_told_from_the_whole_deployments(phrase: str, var: str) -> None:
    got = given_values(f"Rent 4 L40S GPUs at $0.86/hour each, {phrase} at full load, 40% utilization.")
    assert got[var] == 2_000 and got["gpus"] == 4


@pytest.mark.parametrize("aside", ["(input tokens are 60% of our bill)", "(input is 60% of the bill, roughly)",
                                   "(60% of our bill is input)"])
def test_a_parenthesis_ends_a_numbers_phrase(aside: str) -> None:
    got = given_values(f"Bill is $80k/month; a cache with a 40% hit rate, plus trimming prompts by 30% {aside}. Saving?")
    assert got["prompt_reduction"] == 30 and got["input_share"] == 60 and got["hit_rate"] == 40


def test_the_hours_of_a_month_restated_in_parentheses_are_a_convention() -> None:
    plan = make_plan("We serve 3 billion tokens a month. Rent 4 L40S GPUs at $0.86/hour each for the whole month "
                     "(720 h), each doing 2,000 tokens/s at full load, 40% utilization. Monthly GPU rent?")
    assert plan.understood and plan.unused == []


_SEEK = ("With a $6,000 monthly budget, each user making 10 queries a day of 1,000 tokens at $0.002 per 1K tokens, how "
         "many users can we serve?")


@pytest.mark.parametrize(("followup", "price"), [
    ("and if the per-1K price falls to $0.0015?", 0.0015), ("what if the price drops to $0.0015 per 1K tokens?", 0.0015),
    ("and at 20 queries a day?", 0.002),
])
def test_a_follow_up_to_a_goal_seek_keeps_the_price_unit(followup: str, price: float) -> None:
    first = make_plan(_SEEK)
    [step] = make_plan(followup, first.steps).steps
    assert step.args["relation"] == "monthly_cost" and step.args["knowns"]["price_per_1k"] == price


@pytest.mark.parametrize(("text", "unit"), [("the per-1K price drops to $0.0015", "per_1k"),
                                            ("our per-million rate falls to $0.40", "per_1m"),
                                            ("the per-token price is $0.000002", "per_token")])
def test_a_price_unit_said_before_the_amount_makes_a_token_price(text: str, unit: str) -> None:
    [g] = read(parse(f"What if {text}?")).givens
    assert g.var == "token_price" and g.unit == unit


def test_a_per_seat_price_is_no_token_price() -> None:
    assert given_values("the per-seat price is $20; margin?").get("price_per_user") == 20


@pytest.mark.parametrize("ask", ["How much per day and per month?", "how much a day, and a month?",
                                 "What do we spend per day and per month?"])
def test_a_day_and_a_month_asked_together_are_both_answered(ask: str) -> None:
    plan = make_plan(f"150 bots run 24/7, each making 120 calls an hour at 3,200 tokens per call, $0.50 per 1M. {ask}")
    assert {a.var for a in plan.asks} >= {"daily_cost", "monthly_cost"}


@pytest.mark.parametrize("spend", ["each seat burns $3 of model spend", "each seat costs us $3 in model spend",
                                   "every seat eats $3 of API cost"])
def test_a_seats_spend_is_a_cost_per_user(spend: str) -> None:
    got = given_values(f"Infra and the platform team cost $1.2M a year. Seats are $15/month and {spend}. Break-even seats?")
    assert got["cost_per_user"] == 3 and got["fixed_costs"] == 1_200_000 and got["price_per_user"] == 15


@pytest.mark.parametrize("keep", ["and keep 30% on the current one", "with the other 30% staying put", ""])
def test_a_share_moved_to_a_model_n_times_cheaper_beside_its_complement(keep: str, _isolated_env: object) -> None:
    answer = Assistant(Settings()).ask(f"All traffic is on a $5 per million model. Shift 70% of it to a model "
                                       f"that's 10x cheaper {keep}. Blended price per million and % saved?")
    [call] = answer.tool_calls
    assert call.args["cheap_share"] == "70%" and call.args["baseline_price_per_1m"] == 5
    assert call.result["blended_per_1m_usd"] == pytest.approx(1.85)
