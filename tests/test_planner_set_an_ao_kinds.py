"""Planner v2, kinds found by first-sight sets AN and AO, each checked in several wordings."""

from __future__ import annotations

import pytest

from assistant.planner.plan import make_plan


@pytest.mark.parametrize(("said", "value"), [("two and a half million", 2_500_000), ("2 and a half million", 2_500_000),
                                             ("one and a half million", 1_500_000),
                                             ("three and a half thousand", 3_500)])
def test_and_a_half_with_a_magnitude_is_one_number(said: str, value: int) -> None:
    plan = make_plan(f"We summarize {said} articles a month on claude-haiku-4-5, 2,000 tokens in and 200 out each. "
                     "Monthly cost?")
    [step] = plan.steps
    assert step.args["queries_per_user"] == value and plan.understood


@pytest.mark.parametrize("ask", ["What per-seat price gets us a 75% gross margin?", "what per-user fee hits a 75% "
                                 "margin?", "What monthly per-seat price keeps a 75% gross margin?"])
def test_a_hyphenated_unit_before_price_still_asks_the_price(ask: str) -> None:
    plan = make_plan(f"Each seat costs us about $3.40 a month in model spend. {ask}")
    [step] = plan.steps
    assert step.tool == "break_even" and step.args["target_margin"] == "75%"
    assert step.args["variable_cost_per_user_usd"] == 3.4


@pytest.mark.parametrize("ask", ["When do we get the money back?", "When will we earn it back?",
                                 "What's the payback period?"])
@pytest.mark.parametrize("cost", ["spend $420,000 fine-tuning a smaller model", "the vendor quote is $420,000",
                                  "a $420k one-off migration"])
def test_an_investment_beside_a_bill_that_drops_pays_back_from_the_difference(ask: str, cost: str) -> None:
    plan = make_plan(f"Proposal: {cost}, with 3 months of build. Afterwards our API bill should drop from $95k to $60k "
                     f"a month. {ask}")
    change, payback = plan.steps
    assert change.tool == "change" and (change.args["value"], change.args["minus"]) == (95000, 60000)
    assert payback.args["upfront_investment_usd"] == 420000 and payback.args["build_months"] == 3
    assert payback.args["monthly_saving_usd"] == {"$from": ["change", "value"]}


@pytest.mark.parametrize("model", ["claude-sonnet-4-5", "gemini-2.5-pro"])
def test_a_price_per_million_tokens_is_never_billed_at_a_long_context_tier(model: str) -> None:
    from tools.compare import compare
    from tools.token_cost import token_cost

    plan = make_plan(f"what does a million tokens cost on {model}?")
    [step] = plan.steps
    res = token_cost(step.args)
    per_1m = compare({"options": [{"model": model}, {"model": "gpt-4o"}]})
    row = next(r for r in per_1m.rows if r.label == model)
    rates = {"claude-sonnet-4-5": (3, 15), "gemini-2.5-pro": (1.25, 10)}[model]
    assert res.cost_per_month_usd == pytest.approx(0.75 * rates[0] + 0.25 * rates[1])
    assert row.monthly_cost_usd == pytest.approx(0.75 * rates[0] + 0.25 * rates[1])


@pytest.mark.parametrize("when", ["when the API launched", "when the model first came out", "when the API was "
                                  "released"])
def test_a_launch_price_asked_as_history_is_answered_from_the_record(when: str) -> None:
    plan = make_plan(f"Remind me: what did GPT-3.5 Turbo cost per 1K tokens {when}?")
    assert plan.kind == "knowledge"


@pytest.mark.parametrize("versus", ["vs if nothing were cached?", "or if nothing is cached?", "compared with nothing "
                                    "cached?"])
def test_a_bill_with_a_cached_part_against_nothing_cached_compares_both(versus: str) -> None:
    plan = make_plan("claude-sonnet-4-5, ~400k requests a month. Each request: 6,000 input tokens, 5,000 of which are "
                     f"read from the prompt cache, plus ~700 output tokens. Monthly bill with the caching, {versus}")
    [step] = plan.steps
    assert step.tool == "compare" and len(step.args["scenarios"]) == 2


@pytest.mark.parametrize("price", ["0.90$ per million tokens", "0.90 $ per million tokens", "$0.90 per million tokens"])
def test_a_dollar_sign_after_the_amount_is_a_price(price: str) -> None:
    plan = make_plan("We self host a 70B model on one H100 at 2.69 USD per hour doing 2400 tokens per second at 60% "
                     f"utilisation for 40 billion tokens a month. The API we use now costs {price}. Which is cheaper?")
    [step] = plan.steps
    assert step.tool == "self_host" and plan.understood
    assert step.args.get("api_price_per_1m", step.args.get("price")) == 0.9


@pytest.mark.parametrize("rise", ["and if OpenAI raises prices 30%?", "what if the provider puts its prices up by 30%?",
                                  "on top of that, OpenAI raises its prices 30%?"])
def test_a_providers_price_change_after_a_model_bill_changes_the_models_prices(rise: str) -> None:
    first = make_plan("25,000 paying users at $10/month, 300 queries per user per month, 1,500 tokens per query on "
                      "gpt-4o (default 75/25 split). What's the monthly model cost and the gross margin?")
    assert first.steps[0].args["input_share"] == "75%" and first.understood
    plan = make_plan(rise, first.steps)
    cost = plan.steps[0]
    assert cost.tool == "token_cost" and cost.args["price_change"] == "30%" and cost.args["model"] == "gpt-4o"


def test_the_calculator_changes_every_price_in_force() -> None:
    from tools.token_cost import token_cost

    base = {"users": 1, "queries_per_user": 1, "tokens_per_query": 1000, "model": "gpt-4o"}
    assert token_cost({**base, "price_change": "30%"}).cost_per_query_usd == pytest.approx(
        1.3 * token_cost(base).cost_per_query_usd)
    assert token_cost({**base, "price_change": "-20%"}).cost_per_query_usd == pytest.approx(
        0.8 * token_cost(base).cost_per_query_usd)


@pytest.mark.parametrize("more", ["and if finance approves $40k instead?", "what if the budget goes to $40k?",
                                  "and with $40,000?"])
def test_a_new_budget_after_a_seek_within_a_budget_is_the_budget(more: str) -> None:
    first = make_plan("The budget is capped at $25,000/month. 80,000 users, 1,200 tokens per query, $0.60 per million "
                      "tokens. How many queries per user per day can we afford?")
    plan = make_plan(more, first.steps)
    [step] = plan.steps
    assert step.tool == "solve" and step.args["knowns"]["monthly_cost"] == 40000


@pytest.mark.parametrize(("change", "var"), [("and what if the free base doubles to 400k?", "free_users"),
                                             ("and if the paying base grows to 400k?", "paying_users"),
                                             ("what if the user base goes to 400k?", "users")])
def test_a_user_base_changed_to_a_level(change: str, var: str) -> None:
    from assistant.planner.grammar import parse
    from assistant.planner.roles import read

    [given] = read(parse(change)).givens
    assert (given.var, given.value) == (var, 400000)


@pytest.mark.parametrize("overage", ["then $5 per 1,000 extra", "then $5 per 1k additional", "and $5 per 1,000 extra "
                                     "generations"])
def test_an_overage_per_thousand_without_its_noun_is_the_plans_overage(overage: str) -> None:
    plan = make_plan(f"the $49/mo plan includes 2,000 generations, {overage}. 600 paying customers, mean usage 1,800 "
                     "generations a month. Each generation costs us $0.003. Expected monthly overage revenue?")
    [step] = plan.steps
    assert step.tool == "pricing_plan" and step.args["overage_price_per_1k_queries"] == 5


def test_a_price_per_thousand_tokens_is_still_a_token_price() -> None:
    plan = make_plan("10k users, 20 queries a day, 1,000 tokens each, then $0.002 per 1,000 tokens. Monthly cost?")
    assert plan.steps[0].args["price_unit"] == "per_1k"


@pytest.mark.parametrize("ask", ["For the pricing memo background section: what gross margin do typical SaaS companies "
                                 "run at?", "Background for our pricing memo - what margins did Jasper run at?"])
def test_facts_for_a_memo_are_a_knowledge_question_not_a_memo(ask: str) -> None:
    assert make_plan(ask).kind == "knowledge"


def test_a_memo_asked_for_is_still_drafted() -> None:
    plan = make_plan("Draft a pricing memo for a $10/month AI add-on for 20,000 users on gpt-4o-mini.")
    assert [s.tool for s in plan.steps] == ["draft_memo"]


@pytest.mark.parametrize("heavy", ["the 95th-percentile one 300", "the 95th percentile one about 300", "and the "
                                   "heaviest one 300"])
def test_one_after_a_percentile_word_is_a_pronoun(heavy: str) -> None:
    plan = make_plan(f"Monte Carlo please: 20,000 subscribers at $2.50/month. The median subscriber runs 60 queries a "
                     f"month, {heavy}. 2,000 tokens per query at $5 per 1M blended. P50 and P95 monthly cost?")
    [step] = plan.steps
    assert step.tool == "monte_carlo" and step.args["queries_p95"] == 300


@pytest.mark.parametrize("items", ["1.2 million SKUs, one call per SKU", "1,200,000 products, one request each",
                                   "1.2M catalog rows"])
def test_a_one_off_run_over_items_is_costed_once(items: str) -> None:
    plan = make_plan(f"Regenerating descriptions for our whole catalog: {items}. 400 input and 200 output tokens each, "
                     "on gpt-4o-mini via the Batch API. What does the whole run cost?")
    [step] = plan.steps
    assert (step.args["users"], step.args["queries_per_user"], step.args["query_period"]) == (1, 1_200_000, "month")
    assert any("one run" in n for n in plan.notes)


@pytest.mark.parametrize("tiers", ["Standard API vs Batch API: monthly cost of each?", "standard pricing or batch: "
                                   "monthly cost of each?"])
def test_a_nightly_job_on_both_tiers(tiers: str) -> None:
    plan = make_plan(f"Nightly enrichment: 200k products every night, 1,000 input / 250 output tokens each, "
                     f"gpt-4.1-mini. {tiers}")
    [step] = plan.steps
    assert step.tool == "compare" and {s["service_tier"] for s in step.args["scenarios"]} == {"standard", "batch"}
    assert step.args["scenarios"][0]["queries_per_user"] == 200_000


@pytest.mark.parametrize("back", ["vs just hitting the normal sync endpoint then?", "and if we skip batch and run it on the "
                                  "normal synchronous API instead?"])
def test_the_standard_tier_after_a_batch_bill(back: str) -> None:
    first = make_plan("nightly classifier: 2M docs/month, ~800 tok in and 50 out per doc, gpt-4.1-mini via the "
                      "Batch API. what does it cost per month?")
    plan = make_plan(back, first.steps)
    assert any(s.args.get("service_tier") == "standard" or any(
        sc.get("service_tier") == "standard" for sc in s.args.get("scenarios", [])) for s in plan.steps)
