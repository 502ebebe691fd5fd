"""Planner v2, kinds found by first-sight sets BZ and CA, each in several wordings."""

from __future__ import annotations

import pytest

from assistant.planner.asks import asked
from assistant.planner.grammar import parse
from assistant.planner.plan import make_plan
from assistant.planner.roles import read


@pytest.mark.parametrize(("move", "price"), [("what if we raise the pro plan to $39?", 39), ("and if we bump the plan to $39?", 39),
                                            ("what if we drop it to $25?", 25)])
def test_a_follow_up_setting_a_plan_to_a_new_price(move: str, price: float) -> None:
    first = make_plan("Fixed costs are $84k a month. We sell the pro plan at $29/mo and each subscriber costs us $6.50. "
                      "How many subscribers to break even?")
    [step] = make_plan(move, first.steps).steps
    assert step.args["price_per_user_usd"] == price and step.args["fixed_costs_usd"] == 84_000


@pytest.mark.parametrize("more", ["+$9,500 a month fixed", "another $9,500 a month of fixed costs"])
def test_a_follow_up_adding_to_the_fixed_costs(more: str) -> None:
    first = make_plan("Fixed costs are $38,000 a month. We charge $299 per clinic per month and each clinic costs us "
                      "$47 a month. How many clinics to break even?")
    steps = make_plan(f"What if we hire a compliance officer, {more}?", first.steps).steps
    assert [s.tool for s in steps] == ["change", "break_even"]
    assert steps[0].args["value"] == 38_000 and steps[0].args["plus"] == 9_500


@pytest.mark.parametrize("upfront", ["Upfront: $240,000 (GPUs, data labeling, two contractors)",
                                     "One-off cost: $240,000 (hardware and labeling)"])
def test_an_aside_in_parentheses_lists_what_an_amount_buys_not_its_role(upfront: str) -> None:
    [step] = make_plan(f"{upfront}\nBuild time: 3 months\nAfter launch: API bill drops by $32k per month\nHow long "
                       "until it pays for itself?").steps
    assert step.args["upfront_investment_usd"] == 240_000 and step.args["monthly_saving_usd"] == 32_000


@pytest.mark.parametrize("ask", ["before they're unprofitable?", "before it's not profitable anymore?",
                                 "before they are no longer profitable?"])
def test_break_even_usage_asked_as_turning_unprofitable(ask: str) -> None:
    assert "break_even_queries" in asked(f"how many queries a month can a paid user make {ask}")


def test_a_plan_with_a_free_tier_answers_its_monthly_revenue() -> None:
    [step] = make_plan("plan_price: $20/month\npaying_users: 3,000\navg_queries_per_paying_user: 200/month\n"
                       "free_users: 10,000 (30 free queries/month each)\ncost_per_query: $0.01\n"
                       "monthly revenue, model cost and gross margin?").steps
    assert step.tool == "pricing_plan" and {"monthly_revenue", "plan_model_cost", "margin"} <= set(step.asks)


@pytest.mark.parametrize("bill", ["Our underwriting assistant costs $52,000 a month",
                                  "The underwriting bot runs us $52,000 a month"])
def test_a_word_that_begins_like_a_cue_is_no_cue(bill: str) -> None:
    r = read(parse(f"{bill}. Input tokens are about 60% of that bill. If we trim the prompts by 30%, what do we save?"))
    assert r.givens[0].var == "monthly_cost"


@pytest.mark.parametrize("out", ["the summary comes back at roughly 750 words", "we get about 750 words back"])
def test_a_second_word_count_after_the_input_is_the_output(out: str) -> None:
    r = read(parse(f"A document averages 4,500 words and {out}. 85 associates, 40 documents a week each."))
    assert {g.var: g.value for g in r.givens if g.var.endswith("words")} == {"input_words": 4_500,
                                                                              "output_words": 750}


@pytest.mark.parametrize("seat", ["Legal research seat is $120/month", "A compliance review seat is $120 a month"])
def test_a_seat_named_by_its_product_is_sold(seat: str) -> None:
    [step] = make_plan(f"{seat}. Each query costs us 1.8 cents. How many queries can a seat include at a 70% margin?"
                       ).steps
    assert step.tool == "pricing_plan" and step.args["plan_price_usd"] == 120


@pytest.mark.parametrize("opening", ["Quick one for the analyst tool budget.", "Just one question on the budget:",
                                     "Another quick one:"])
def test_a_one_of_speech_is_no_user_count(opening: str) -> None:
    r = read(parse(f"{opening} 40 analysts each run about 20 summaries per workday on gpt-4o-mini. Monthly cost?"))
    assert [g.value for g in r.givens if g.var == "users"] == [40]


@pytest.mark.parametrize("incl", ["incl. 1,000 queries", "approx. 1,000 queries included"])
def test_an_abbreviation_ends_no_sentence(incl: str) -> None:
    r = read(parse(f"Pro plan: $20/mo {incl}, then $5 per 1,000 extra. A query costs us 0.6 cents."))
    assert [g.value for g in r.givens if g.var == "free_quota"] == [1_000]


@pytest.mark.parametrize("paid", ["we paid $96,000 to our voice vendor", "we paid our voice vendor $96,000"])
def test_a_quarters_revenue_against_two_vendor_bills(paid: str) -> None:
    steps = make_plan(f"In Q3 the product booked $412,000 in revenue. Against that {paid} and $31,000 for GPU hosting. "
                      "Gross margin for the quarter?").steps
    assert steps[-1].tool == "margin" and steps[-1].args.get("period") == "quarter"
    assert steps[0].tool == "change" and steps[0].args["plus"] == 31_000


@pytest.mark.parametrize("wrap", ["1,800 input tokens and 250\noutput tokens per call. models: gpt-4o-mini, gpt-4.1-mini",
                                  "1,800 input tokens and\n250 output tokens per call. models: gpt-4o-mini, gpt-4.1-mini"])
def test_a_hard_wrapped_line_is_one_sentence(wrap: str) -> None:
    [step] = make_plan(f"compare monthly cost for call summaries: 8,000 calls/day, {wrap}").steps
    assert step.args["input_tokens_per_query"] == 1_800 and step.args["output_tokens_per_query"] == 250
