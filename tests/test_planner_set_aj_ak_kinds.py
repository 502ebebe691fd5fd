"""Planner v2, the kinds sets aj and ak found at first sight, each checked in several wordings."""

from __future__ import annotations

import pytest

from assistant.planner.plan import make_plan


@pytest.mark.parametrize(("upfront", "saved"), [("360 000 USD", "45 000 USD"), ("$360 000", "$45 000"),
                                                 ("360\u202f000 USD", "45\u202f000 USD")])
def test_thousands_grouped_by_spaces(upfront: str, saved: str) -> None:
    [step] = make_plan(f"A fine-tuned model costs us {upfront} upfront and 3 months to build; after that it saves "
                       f"around {saved} each month in API fees. Payback in months?").steps
    assert step.tool == "break_even" and step.args["upfront_investment_usd"] == 360_000
    assert step.args["monthly_saving_usd"] == 45_000 and step.args["build_months"] == 3
