"""Planner v2, kinds left open by earlier first-sight sets (AB to AD), each checked in several wordings."""

from __future__ import annotations

import pytest

from assistant.planner.plan import make_plan


@pytest.mark.parametrize("rate", ["3,000 calls a day", "3k requests/day", "90,000 calls a month", "21,000 calls a week"])
@pytest.mark.parametrize("lead", ["Support bot on claude-sonnet-4-5: {rate}.", "claude-sonnet-4-5 with {rate}."])
def test_a_rate_no_person_sends_is_the_whole_traffic(lead: str, rate: str) -> None:
    plan = make_plan(lead.format(rate=rate) + " Each call sends 6,000 input tokens and gets 400 tokens back. "
                     "Monthly cost?")
    [step] = plan.steps
    assert step.tool == "token_cost" and step.args["users"] == 1
    assert any("total rate" in n for n in plan.notes)


@pytest.mark.parametrize("rate", ["20 queries a day", "600 queries a month"])
def test_a_rate_one_person_could_send_still_asks_who_sends_it(rate: str) -> None:
    plan = make_plan(f"On claude-sonnet-4-5 with {rate}, 6,000 input and 400 output tokens each. Monthly cost?")
    assert plan.kind == "clarify" and "users" in plan.text
