"""Planner v2, kinds found by first-sight sets AS, AT and AU, each checked in several wordings."""

from __future__ import annotations

import pytest

from assistant.agent import Assistant
from assistant.config import Settings
from assistant.planner.asks import asked
from assistant.planner.grammar import parse
from assistant.planner.plan import make_plan
from assistant.planner.roles import read


@pytest.mark.parametrize("part", ["6,000 of them are the fixed system prompt + docs", "of which 6,000 are the static "
                                  "instructions", "6,000 of those being our shared preamble"])
def test_a_part_of_the_input_beside_a_cached_share_is_said_once(part: str) -> None:
    plan = make_plan(f"RAG bot on claude-sonnet-4-5. Per call: 7,500 input tokens ({part}) and 500 output tokens. "
                     "80,000 calls a month. Monthly bill without caching, and with 80% of input tokens billed as "
                     "cache reads?")
    [step] = plan.steps
    with_cache, without = step.args["scenarios"]
    assert with_cache["cached_input_share"] == "80%" and "cached_input_tokens_per_query" not in with_cache
    assert (with_cache["users"], with_cache["queries_per_user"]) == (1, 80_000) and "cached_input_share" not in without


@pytest.mark.parametrize("who", ["The desk runs ~40 of these a day", "Our team fires about 40 of those per day",
                                 "the research department sends 40 such requests a day"])
def test_a_team_running_requests_is_the_whole_traffic(who: str) -> None:
    plan = make_plan(f"Each request stuffs a full 10-K into gemini-2.5-pro, about 300,000 input tokens, and gets "
                     f"~2,000 tokens back. {who}. Monthly and quarterly cost?")
    [step] = plan.steps
    assert (step.args["users"], step.args["queries_per_user"], step.args["query_period"]) == (1, 40, "day")


@pytest.mark.parametrize("form", ["10-K", "8-K filing", "10-Q"])
def test_a_form_name_is_no_quantity(form: str) -> None:
    r = read(parse(f"We summarize every {form} with gpt-4o-mini, 20,000 input tokens and 1,000 output, 300 requests a day."))
    assert not r.unused and all(g.value not in (10, 8) for g in r.givens)


@pytest.mark.parametrize("staff", ["4 engineers at $15k/month fully loaded each (so $180k a year per head) plus about "
                                   "$6,000 a month of infra and tools",
                                   "$6,000 a month of infra plus 4 engineers at $15,000 a month each",
                                   "4 FTEs @ $15k/mo each, plus $6k/mo infra"])
def test_headcount_times_a_salary_is_a_fixed_cost(staff: str) -> None:
    plan = make_plan(f"Fixed costs: {staff}. Seat price $29/month, model cost ~$4.50 per seat per month. How many "
                     "seats to break even?")
    assert [s.tool for s in plan.steps] == ["change", "change", "break_even"]
    staff_cost, combined, _ = (s.args for s in plan.steps)
    assert (staff_cost["value"], staff_cost["factor"], combined["plus"]) == (15_000, 4, 6_000)


def test_headcount_times_a_salary_chains_into_the_break_even_figure(tmp_path) -> None:
    answer = Assistant(Settings(data_dir=tmp_path)).ask("Fixed costs: 4 engineers at $15k/month each plus $6,000 a month of infra. "
                                           "Seat price $29/month, model cost $4.50 per seat per month. Break-even "
                                           "seats?")
    assert "2,694" in answer.answer and "$66,000" in answer.answer and answer.verified


@pytest.mark.parametrize("q", ["500 employees at $30 a seat, $4 of model cost each. Margin?",
                               "30 developers at $19/month per seat. What's our monthly bill?"])
def test_people_at_a_seat_price_stay_users(q: str) -> None:
    assert "headcount" not in read(parse(q)).givens_vars()


@pytest.mark.parametrize("lead", ["Trying to figure out how many seats we need to break even.",
                                  "We want to work out how many seats we need to break even.",
                                  "I'm wondering how many seats it takes to break even."])
def test_an_ask_embedded_in_a_statement(lead: str) -> None:
    assert asked(f"{lead} Fixed costs $50k a month. Seat price $29/month.") == ["break_even_users"]


@pytest.mark.parametrize("salary", ["$15k/month fully loaded", "$180k fully loaded cost", "fully loaded $15k a month"])
def test_a_fully_loaded_salary_is_no_utilization(salary: str) -> None:
    assert "utilization" not in read(parse(f"Fixed: 4 engineers at {salary}. Price $20/user.")).givens_vars()


def test_a_busy_gpu_still_reads_fully_loaded() -> None:
    assert read(parse("4 H100s fully loaded serve 9,000 tokens/s at $2.10 an hour.")).get("utilization") is not None
