"""Hostile numbers: magnitudes are read exactly or refused, never rewritten; other currencies are asked about.

The whole ask path never raises: any text returns an Answer, and a figure the question states is the
figure the calculator gets.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assistant import Assistant
from assistant.planner.plan import make_plan
from tools.errors import InputError
from tools.token_cost import token_cost


@pytest.mark.parametrize("figure", ["1e308", "1e18", "2e20", "1e309", "1e4400", "10^40", "10**30",
                                    "1000000000000000000000"])
def test_absurd_magnitudes_are_refused_not_rewritten(figure: str) -> None:
    plan = make_plan(f"What do {figure} users cost at 5 queries a day on gpt-4o-mini?")
    assert plan.kind == "invalid" and not plan.steps and "too large" in (plan.text or "")


@pytest.mark.timeout(10)
def test_a_huge_exponent_is_bounded_before_any_arithmetic() -> None:
    assert make_plan("What does 1e100000000 users cost on gpt-4o-mini?").kind == "invalid"


@pytest.mark.parametrize(("figure", "users"), [("10^6", 1e6), ("10**6", 1e6), ("1.5e6", 1.5e6), ("3x10^4", 3e4),
                                              ("2.5 million", 2.5e6), ("1,200,000", 1.2e6), ("1.2M", 1.2e6)])
def test_powers_of_ten_and_scientific_notation_are_read_exactly(figure: str, users: float) -> None:
    [step] = make_plan(f"{figure} users, 5 queries a day, 1,000 tokens each at $1 per 1M tokens: monthly cost?").steps
    assert step.tool == "token_cost" and step.args["users"] == users


@pytest.mark.parametrize("question", ["We charge EUR 30 per seat and inference costs EUR 12 per seat. Margin?",
                                      "Seats are £12 a month and serving one costs £4: gross margin?",
                                      "At €0.002 per 1K tokens, what do 1,000 users at 5 queries a day cost?"])
def test_another_currency_is_asked_about_never_computed_as_dollars(question: str) -> None:
    plan = make_plan(question)
    assert plan.kind == "clarify" and not plan.steps and "US dollars" in (plan.text or "")


def test_bounds_in_error_messages_read_as_people_write_them() -> None:
    with pytest.raises(InputError) as caught:
        token_cost({"users": 1e12, "queries_per_user": 1, "tokens_per_query": 1, "price": 1})
    assert "must be at most 10,000,000,000 (got 1,000,000,000,000)" in str(caught.value)


_FORMS = st.sampled_from(["{:,}", "{}", "{:.0f}"])


@settings(max_examples=40, deadline=None)
@given(users=st.integers(min_value=1, max_value=9_000_000_000), form=_FORMS)
def test_a_user_count_reaches_the_calculator_as_written(users: int, form: str) -> None:
    text = form.format(users)
    steps = make_plan(f"{text} users at 4 queries a day, 800 tokens each, $2 per 1M tokens. Monthly cost?").steps
    assert [s.tool for s in steps] == ["token_cost"] and steps[0].args["users"] == users


_NOISE = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=200)
_PIECES = st.lists(st.sampled_from(["1e309", "-500", "10^6", "$", "%", "per 1M", "users", "queries a day", "0",
                                    "from 0 to 1,000", "120%", "EUR", "x", "?", "and", "gpt-4o-mini", "H100",
                                    "1e18", "9" * 40, "sweep", "break-even", "margin", "what if it doubles"]),
                   max_size=14)


@settings(max_examples=60, deadline=None)
@given(noise=_NOISE)
def test_any_text_plans_without_raising(noise: str) -> None:
    plan = make_plan(noise)
    assert plan.kind in {"calc", "knowledge", "clarify", "out_of_scope", "invalid"}


@pytest.fixture(scope="module")
def assistant() -> Assistant:
    return Assistant()


@settings(max_examples=40, deadline=None)
@given(pieces=_PIECES)
def test_the_ask_path_never_raises_on_hostile_pieces(assistant: Assistant, pieces: list[str]) -> None:
    answer = assistant.ask(" ".join(pieces))
    assert isinstance(answer.answer, str) and answer.answer
