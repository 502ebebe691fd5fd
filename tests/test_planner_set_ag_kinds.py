"""Planner v2, the kinds set_ag found at first sight, each checked in several wordings."""

from __future__ import annotations

import pytest

from assistant.planner.grammar import parse
from assistant.planner.plan import make_plan
from assistant.planner.roles import read


@pytest.mark.parametrize("paying", ["paying users: 5,000 at $8/month, averaging 150 queries/month",
                                    "paid users: 5k at $8/month, averaging 150 queries/month"])
@pytest.mark.parametrize("free", ["free users: 50,000 (20 queries/month quota each, assume they use all of it)",
                                  "free users: 50,000, 20 free queries/month each"])
def test_pasted_keys_of_free_and_paying_users(free: str, paying: str) -> None:
    brief = f"{free}\n{paying}\ncost per query: $0.003\nWhat does the free tier cost us per month?"
    [step] = make_plan(brief).steps
    assert step.tool == "pricing_plan"
    assert (step.args["free_users"], step.args["free_quota_queries"], step.args["paying_users"]) == (50_000, 20, 5_000)
    assert step.args["plan_price_usd"] == 8 and not read(parse(brief)).unused


@pytest.mark.parametrize("said", ["reads ~3,000 tokens and writes ~600", "reads 3k tokens and returns about 600",
                                  "ingests 3,000 tokens, generates 600"])
def test_a_side_said_by_its_verb_with_the_noun_left_out(said: str) -> None:
    [step] = make_plan(f"On claude-haiku-4-5, 120,000 subscribers each get one personalized issue per week. Each generation {said}. "
                       "Cost per week?").steps
    assert (step.args["input_tokens_per_query"], step.args["output_tokens_per_query"]) == (3_000, 600)


@pytest.mark.parametrize("cost", ["a hit costs about 5% of what a full model call costs",
                                  "a cache hit costs ~5% of what a normal call does",
                                  "each hit still costs 5% of a regular request"])
def test_a_cache_hits_cost_as_a_share_of_a_full_call(cost: str) -> None:
    [step] = make_plan(f"OpenAI spend last month: $42,000. The pilot says 35% of queries hit the semantic cache, and "
                       f"{cost}. Monthly and yearly savings?").steps
    assert step.args["hit_rate"] == "35%" and step.args["hit_cost_ratio"] == "5%"


@pytest.mark.parametrize("fixed", ["Fixed costs for next year are budgeted at $1.2 million (annual total)",
                                   "Our fixed costs are budgeted at $1.2M a year",
                                   "We have budgeted fixed costs at $1,200,000 for the year"])
def test_fixed_costs_budgeted_at_an_amount_are_fixed_costs(fixed: str) -> None:
    [step] = make_plan(f"{fixed}. Plan price is $49/user/month, variable cost $11/user/month. Break-even users?").steps
    assert step.tool == "break_even" and step.args["fixed_costs_usd"] == 1_200_000
    assert step.args["fixed_costs_period"] == "year"


@pytest.mark.parametrize("cost", ["- LLM + vector DB cost per seat: $6.60/month", "- model + hosting cost per seat: $6.60",
                                  "- API & infra cost per seat: $6.60/mo"])
def test_a_pasted_label_joining_two_costs_with_a_plus(cost: str) -> None:
    first = f"Pricing review:\n- seat price: $24/month\n{cost}\nWhat is the gross margin per seat?"
    [step] = make_plan(first).steps
    assert step.tool == "margin" and (step.args["price_per_user_usd"], step.args["cost_per_user_usd"]) == (24, 6.6)
    [again] = make_plan("and what about at $15 per seat?", [step]).steps
    assert again.args["price_per_user_usd"] == 15


@pytest.mark.parametrize("costs", ["inference (API) 540k, GPU hosting 126k", "API inference 540k and hosting 126k",
                                   "inference 540k, vector DB + hosting 126k"])
def test_amounts_without_a_currency_sign_after_money_nouns(costs: str) -> None:
    plan = make_plan(f"Q3 numbers: revenue 1.8M, {costs}. Gross margin for the quarter?")
    assert [s.tool for s in plan.steps] == ["change", "margin"]
    assert plan.steps[0].args["value"] + plan.steps[0].args["plus"] == 666_000
    assert plan.steps[1].args["revenue_usd"] == 1_800_000


@pytest.mark.parametrize("heavy", ["the top 5% send 450 or more", "the heaviest 5% send 450 and up",
                                   "but the 95th-percentile subscriber sends 450"])
def test_the_heavy_users_usage_beside_the_median(heavy: str) -> None:
    question = (f"8,000 subscribers paying $2/month; the median subscriber sends 90 queries a month, {heavy}. About "
                "2,500 tokens per query at $1.20 per million. Run a Monte Carlo: what share cost us more than they pay?")
    [step] = make_plan(question).steps
    assert step.tool == "monte_carlo" and step.args["queries_p95"] == 450 and step.args["queries_per_user"] == 90
    assert not read(parse(question)).unused


_SEEK = ("Budget ceiling: $8,000 a month. Volume: 12k users x 25 queries/day x 2,000 tokens per query. What is "
         "the highest blended price per million tokens we can afford?")


@pytest.mark.parametrize("follow", ["would gpt-4o-mini or gemini-2.5-flash fit that budget?",
                                    "and do gpt-4o-mini and gemini-2.5-flash fit?"])
def test_models_named_after_a_budget_seek_are_costed_on_its_usage(follow: str) -> None:
    plan = make_plan(follow, make_plan(_SEEK).steps)
    [step] = plan.steps
    assert step.tool == "compare" and [o["model"] for o in step.args["options"]] == ["gpt-4o-mini", "gemini-2.5-flash"]
    assert (step.args["users"], step.args["queries_per_user"], step.args["tokens_per_query"]) == (12_000, 25, 2_000)
    assert any("$8,000" in n for n in plan.notes)


def test_one_model_named_after_a_budget_seek_gets_its_bill() -> None:
    plan = make_plan("would gpt-4o-mini fit in that budget?", make_plan(_SEEK).steps)
    assert [s.tool for s in plan.steps] == ["token_cost"] and [a.field for a in plan.asks] == ["cost_per_month_usd"]


@pytest.mark.parametrize("head", ["| segment | users | queries/day |", "| tier | seats | queries/day |"])
def test_a_table_of_segments_is_costed_row_by_row_with_the_total(head: str) -> None:
    table = "\n".join([head, "|---|---|---|", "| Free | 50,000 | 3 |", "| Pro | 8,000 | 25 |", "| Team | 1,500 | 60 |"])
    plan = make_plan(f"Usage by segment, all on gpt-4o-mini with ~1,000 input and 200 output tokens per query:\n\n"
                     f"{table}\n\nMonthly cost per segment and in total?")
    [step] = plan.steps
    assert step.tool == "compare" and step.args["segments"] is True
    assert [(s["label"], s["users"], s["queries_per_user"]) for s in step.args["scenarios"]] == [
        ("Free", 50_000, 3), ("Pro", 8_000, 25), ("Team", 1_500, 60)]
    assert all(s["model"] == "gpt-4o-mini" and s["output_tokens_per_query"] == 200 for s in step.args["scenarios"])
    assert [a.var for a in plan.asks] == ["compare_table", "total"]


@pytest.mark.parametrize("share", ["share", "traffic", "mix"])
def test_a_routing_table_with_a_share_column(share: str) -> None:
    table = "\n".join([f"| tier | {share} | price |", "|---|---|---|", "| small | 60% | $0.20 / 1M |",
                       "| mid | 30% | $1.50 / 1M |", "| frontier | 10% | $12 / 1M |"])
    plan = make_plan(f"Planned routing mix:\n{table}\nWe push ~3B tokens a month. Blended price per 1M and monthly "
                     "cost?")
    [step] = plan.steps
    assert step.tool == "routing" and [r["share"] for r in step.args["routes"]] == ["60%", "30%", "10%"]
    assert "monthly_cost" in [a.var for a in plan.asks]
