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


@pytest.mark.parametrize("usage", ["Our median user makes about 200 queries a month",
                                   "the median subscriber sends ~200 queries/month"])
def test_a_median_users_usage_for_a_flat_plans_loss_share(usage: str) -> None:
    plan = make_plan(f"Flat $10/month plan. Each query costs us 2 cents. {usage} but usage is very skewed. What share "
                     "of paying users cost us more than they pay?")
    [step] = plan.steps
    assert step.tool == "pricing_plan" and step.args["median_queries_per_user_per_month"] == 200
    assert "queries_per_user_per_month" not in step.args and [a.var for a in plan.asks] == ["loss_share"]


def test_a_typical_users_usage_is_that_users() -> None:
    [*steps] = make_plan("The Pro plan is $30 a month. A typical Pro user sends about 600 queries a month at $0.015 "
                         "each. What margin do we make on that user?").steps
    assert steps[0].args["queries_per_user_per_month"] == 600


def test_simulate_asks_a_monte_carlo() -> None:
    plan = make_plan("Simulate it: 5,000 subscribers on an $8/month flat plan. Median usage is 200 queries a month, "
                     "p95 usage 1,000 queries a month, 2,500 tokens per query at $2 per 1M tokens. What fraction cost "
                     "us more than the $8?")
    assert [s.tool for s in plan.steps] == ["monte_carlo"]


@pytest.mark.parametrize("ask", ["how many users can we support for $6,000 a month?",
                                 "how many users could we serve for $6k a month?"])
def test_the_users_an_amount_supports(ask: str) -> None:
    [step] = make_plan(f"At $0.0008 per 1K tokens, 2,000 tokens per query and 12 queries a day per user, {ask}").steps
    assert step.tool == "solve" and step.args["unknown"] == "users" and step.args["knowns"]["monthly_cost"] == 6000


@pytest.mark.parametrize("cost", ["An average query costs us $0.004", "the average query costs $0.004",
                                  "a typical query costs us $0.004"])
def test_an_average_querys_cost_is_a_cost_per_query(cost: str) -> None:
    [step] = make_plan(f"Pro plan is $20/month. {cost}. We want to keep an 80% gross margin on the plan. How many "
                       "queries per month can we include?").steps
    assert step.tool == "pricing_plan" and step.args["cost_per_query_usd"] == 0.004


@pytest.mark.parametrize("ask", ["What should we charge per month?", "what monthly price should we set?"])
def test_a_price_for_a_margin_with_no_cost_asks_for_the_cost(ask: str) -> None:
    plan = make_plan(f"We want a 75% gross margin on our AI writing add-on. {ask}")
    assert plan.kind == "clarify" and "cost to serve one user" in plan.text and not plan.steps


def test_a_monthly_bill_and_a_price_asked_apart_are_both_asked() -> None:
    from assistant.planner.asks import asked

    assert asked("What's our monthly bill? And what should we charge per seat for a 75% margin?")[:2] == [
        "monthly_cost", "price_per_user"]


@pytest.mark.parametrize("trim", ["input tokens drop by 20% on the remaining calls", "prompts shrink 20% across the "
                                  "rest of the requests"])
def test_a_prompt_trim_said_on_the_calls_it_applies_to(trim: str) -> None:
    [step] = make_plan(f"monthly LLM spend: $50k. we expect a response cache hit rate of 15%, and separately {trim}. "
                       "input is ~70% of the bill. total monthly saving?").steps
    assert step.tool == "caching" and step.args["prompt_reduction"] == "20%"
    assert step.args["input_share_of_bill"] == "70%" and step.args["hit_rate"] == "15%"


@pytest.mark.parametrize("follow", ["so what if volume doubles?", "and if the usage doubles then?"])
def test_a_token_workloads_volume_doubled_after_gpus_needed(follow: str) -> None:
    first = make_plan("We must serve 6 billion tokens a month on L40S cards. Each card does about 900 tok/s and we "
                      "plan for 70% utilization. How many GPUs and what's the monthly rental?")
    plan = make_plan(follow, first.steps)
    assert [s.tool for s in plan.steps] == ["change", "self_host"]
    assert plan.steps[0].args == {"name": "monthly tokens", "value": 6e9, "factor": 2.0}


@pytest.mark.parametrize("split", ["25% of traffic needs premium, the rest goes to the small model",
                                   "25% of requests go to premium and the rest to the small one"])
def test_two_priced_tiers_with_one_share_and_the_rest(split: str) -> None:
    plan = make_plan(f"Two tiers: premium model at $3 per million tokens and a small one at 40 cents per million. "
                     f"{split}. With 500M tokens/month what's the blended rate and monthly bill?")
    [step] = plan.steps
    assert step.tool == "routing" and step.args["routes"] == [{"price_per_1m": 3.0, "share": "25%"},
                                                              {"price_per_1m": 0.4}]
    assert plan.understood


@pytest.mark.parametrize("follow", ["compared with gpt-4o-mini on the API, at what monthly volume does self-hosting "
                                    "break even?", "and against gpt-4o-mini, where's the break-even volume?"])
def test_the_api_named_after_a_self_hosting_answer(follow: str) -> None:
    first = make_plan("We'd self-host Llama 3.3 70B on 2 H100s. Our load test shows 3,000 tokens/s total at full load, "
                      "~60% utilization. Cost per 1M tokens and monthly GPU rent?")
    plan = make_plan(follow, first.steps)
    [step] = plan.steps
    assert step.tool == "self_host" and step.args["model"] == "gpt-4o-mini"
    assert [a.var for a in plan.asks] == ["break_even_tokens"]


@pytest.mark.parametrize("ask", ["Is self-hosting worth it for us?", "Would self-hosting be worth it?"])
def test_a_self_hosting_brief_asked_whether_it_is_worth_it(ask: str) -> None:
    plan = make_plan(f"{ask}\ngpus: 8x H100 @ $2.69/hr\nthroughput: 20,000 tokens/s total at full load\nutilization: 40%\n"
                     "mlops/on-call: $15k/month\nAPI alternative: $3 per 1M tokens blended\nworkload: 20B tokens/month\n")
    [step] = plan.steps
    assert step.tool == "self_host" and step.args["fixed_monthly_usd"] == 15_000 and step.args["price"] == 3
    assert {"self_host_monthly", "api_monthly", "self_host_saving"} <= {a.var for a in plan.asks}


def test_a_routing_saving_on_a_monthly_volume_shows_the_routed_bill_too() -> None:
    plan = make_plan("If we route 70% of requests to gpt-4o-mini and 30% to gpt-4o, what's the blended price per 1M "
                     "tokens and how much do we save vs sending everything to gpt-4o? We push ~2 billion tokens a month.")
    assert [a.var for a in plan.asks] == ["blended_price", "monthly_cost", "saving", "baseline_monthly_cost"]


@pytest.mark.parametrize("size", ["Each summary is roughly 1,500 tokens", "One summary is around 1,500 tokens",
                                  "a summary runs ~1,500 tokens"])
def test_the_size_of_each_summary_call_is_the_whole_call(size: str) -> None:
    [step] = make_plan(f"An AI summary button in our CRM on gpt-4o. {size}. About 12,000 users, each clicking it 4 "
                       "times a day. Monthly bill?").steps
    assert step.args["tokens_per_query"] == 1500 and "output_tokens_per_query" not in step.args


def test_a_summary_beside_the_text_it_summarizes_is_still_the_output() -> None:
    [step] = make_plan("We summarize tickets on claude-haiku-4-5: a ticket is ~1,500 words and the summary we write "
                       "is about 150 words; 8,000 tickets a week. Weekly cost?").steps
    assert (step.args["input_words_per_query"], step.args["output_words_per_query"]) == (1500, 150)
