"""Planner v2, the kinds set_aa found at first sight, each checked in several wordings.

One call named by its model ("a single gpt-4o call"); a bare verb after a bill ("annualize that"); a second
service tier said by an adverb ("if we ran it synchronously"); paying users' price beside an investment; a
reference throughput with the GPU rent asked; an overage price after "beyond that,"; a numbered list of asks;
a bill asked of a model and a query size alone.
"""

from __future__ import annotations

import pytest
from planner_reading import follow_up, given_values

from assistant.planner.asks import asked
from assistant.planner.plan import make_plan

_BILL = "2,500 seats, 40 queries a day each, 800 tokens per query at $0.0006 per 1K tokens. What's the monthly cost?"


@pytest.mark.parametrize("question", [
    "what would a single gpt-4o call cost with a 3k-token prompt and a 500-token reply?",
    "what does one gpt-4o request cost, 3,000 tokens in and 500 out?",
    "How much would each gpt-4o call run us with 3000 input tokens and 500 output tokens?",
    "cost of a single gpt-4o call: prompt 3k tokens, answer 500 tokens"])
def test_one_call_named_by_its_model_costs_one_query(question: str) -> None:
    plan = make_plan(question)
    [step] = plan.steps
    assert step.tool == "token_cost" and step.args["users"] == 1
    assert (step.args["input_tokens_per_query"], step.args["output_tokens_per_query"]) == (3000, 500)
    assert [a.var for a in plan.asks] == ["cost_per_query"]


@pytest.mark.parametrize(("follow", "ask"), [("annualize that, please", "yearly_cost"),
                                             ("break that down per seat", "cost_per_user"),
                                             ("give me the weekly number for it", "weekly_cost"),
                                             ("and the daily figure?", "daily_cost")])
def test_a_bare_verb_with_that_reasks_the_last_bill(follow: str, ask: str) -> None:
    plan = make_plan(follow, make_plan(_BILL).steps)
    assert plan.steps[-1].tool == "token_cost" and plan.steps[-1].args["users"] == 2500
    assert [a.var for a in plan.asks] == [ask]


@pytest.mark.parametrize("other", ["if we ran it synchronously", "if we ran the job in real time",
                                   "if we processed it interactively"])
def test_a_second_tier_said_by_an_adverb_compares_both_bills(other: str) -> None:
    [step] = make_plan("Our nightly job moves to the Batch API: gpt-4.1-mini, 200,000 docs a month, 3,000 input "
                       f"and 200 output tokens each. Monthly cost, and what would it cost {other}?").steps
    assert step.tool == "compare"
    assert sorted(s["service_tier"] for s in step.args["scenarios"]) == ["batch", "standard"]


@pytest.mark.parametrize("bring", ["bring in 1,500 new paying users at $20/month",
                                   "add 1,500 subscribers at $20 a month",
                                   "win 1,500 paying customers at $20 per month"])
def test_payers_price_beside_an_investment_is_their_price(bring: str) -> None:
    [step] = make_plan(f"We're investing $90k in an AI feature we expect to {bring}, each costing $5/month to "
                       "serve. How many months to recoup the spend?").steps
    assert step.tool == "break_even" and step.args["mode"] == "payback"
    assert (step.args["upfront_investment_usd"], step.args["price_per_user_usd"]) == (90_000, 20)


@pytest.mark.parametrize("rent", ["monthly GPU rent", "the rent for the GPUs", "H100 rental per month"])
def test_a_reference_deployment_answers_its_gpu_rent(rent: str) -> None:
    plan = make_plan(f"Llama 3.3 70B on two H100s, 50% utilization, published throughput. Cost per million "
                     f"tokens and {rent}?")
    [step] = plan.steps
    assert step.tool == "self_host" and step.args["model_params_b"] == 70
    assert [a.var for a in plan.asks] == ["self_host_per_1m", "gpu_rent"]


@pytest.mark.parametrize("overage", ["beyond that, $2 per 1,000 queries", "after that, $2 per 1,000 queries",
                                     "over the quota: $2 per 1,000 queries"])
def test_an_overage_word_opening_the_sentence_prices_the_overage(overage: str) -> None:
    values = given_values(f"$15/month includes 500 queries; {overage}. 10,000 subscribers averaging 600 queries a "
                          "month, each query costs us $0.004. Overage revenue and gross margin?")
    assert values["overage_price"] == 2


@pytest.mark.parametrize("marker", ["1)", "2.", "-", "*"])
def test_each_item_of_a_list_of_asks_is_asked(marker: str) -> None:
    lines = ["monthly model cost for 25k users, 8 queries/day, 1,000 input + 250 output tokens on gpt-4.1-mini",
             "gross margin if we charge $6/user/month", "break-even users given $20k/month fixed costs"]
    text = "Three things for the board deck:\n" + "\n".join(f"{marker} {line}" for line in lines)
    assert asked(text) == ["monthly_cost", "margin", "break_even_users"]
    assert not make_plan(text).unused  # "Three things" counts the list, not a quantity


@pytest.mark.parametrize("question", [
    "What would the monthly bill look like on gpt-4o-mini if each query is around 1,500 tokens?",
    "On claude-3-5-haiku with 2,000-token prompts, what's the monthly cost?"])
def test_a_model_and_a_query_size_alone_ask_for_the_usage(question: str) -> None:
    plan = make_plan(question)
    assert plan.kind == "clarify" and not plan.steps
    assert "how many users" in (plan.text or "") and "model = " in (plan.text or "")


def test_a_follow_up_without_that_or_a_figure_is_still_a_new_question() -> None:
    steps = follow_up(_BILL, "what drives AI inference costs?")
    assert all(s.tool != "token_cost" for s in steps)
