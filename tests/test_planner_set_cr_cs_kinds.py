"""Planner v2, kinds found by first-sight sets CR and CS, each in several wordings."""

from __future__ import annotations

import pytest

from assistant.planner.plan import make_plan


@pytest.mark.parametrize("volume", ["25,000 candidates a month", "25k candidates per month",
                                    "about 25 000 candidates / month"])
@pytest.mark.parametrize("ask", ["Cost per candidate and per month?", "What is the monthly cost, and per candidate?"])
def test_a_noun_listed_as_options_but_counted_per_period_is_work(volume: str, ask: str) -> None:
    [step] = make_plan(f"Fit scoring on gpt-4.1-mini, 2,000 input and 300 output tokens. {volume}. {ask}").steps
    assert step.tool == "token_cost" and step.args["users"] == 1 and step.args["queries_per_user"] == 25_000
    assert step.args["query_period"] == "month"


@pytest.mark.parametrize("night", ["every night", "each night", "nightly", "a night"])
def test_a_count_done_every_night_is_done_daily(night: str) -> None:
    [step] = make_plan(f"We re-score 180,000 candidate profiles {night} on gpt-4o-mini, ~1,200 input and ~150 output "
                       "tokens per profile. Cost per month?").steps
    assert step.args["queries_per_user"] == 180_000 and step.args["query_period"] == "day"


@pytest.mark.parametrize("adjective", ["personalised", "personalized", "tailored"])
def test_a_guessed_adjective_before_a_listed_noun_does_not_head_it(adjective: str) -> None:
    [step] = make_plan(f"Our team sends about 12,000 {adjective} outreach emails per week on gpt-4o-mini, 800 input and "
                       "200 output tokens each. Monthly cost?").steps
    assert step.args["users"] == 1 and step.args["queries_per_user"] == 12_000 and step.args["query_period"] == "week"


@pytest.mark.parametrize(("said", "side"), [("the generated email is ~150 words", "output"),
                                            ("the produced summary is ~150 words", "output"),
                                            ("the retrieved context is ~150 words", "input")])
def test_a_side_said_by_the_participle_before_the_noun(said: str, side: str) -> None:
    other = "output" if side == "input" else "input"
    [step] = make_plan(f"500 users, 4 queries a day each. The {other} is ~600 words and {said}. $2 per million input "
                       "tokens and $8 per million output tokens. Monthly cost?").steps
    assert step.args[f"{side}_words_per_query"] == 150 and step.args[f"{other}_words_per_query"] == 600


@pytest.mark.parametrize(("arrive", "period"), [("1.2 million applicants per year", "year"),
                                                ("100,000 applicants a month", "month"),
                                                ("about 3,000 new sign-ups a week", "week")])
@pytest.mark.parametrize("each", ["(one call each)", ", each screened with one call,"])
def test_users_who_arrive_per_period_use_it_once_per_arrival(arrive: str, period: str, each: str) -> None:
    [step] = make_plan(f"Each screening call costs us about 0.6 cents all-in, and we expect {arrive} {each}. "
                       "What's that per month?").steps
    assert step.args["queries_per_user"] == 1 and step.args["query_period"] == period
