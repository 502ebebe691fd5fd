"""Planner v2, the kinds set_r and set_s found at first sight: a unit cost given in parts ("model API $6.50 per seat
and hosting $1.25 per seat") is their sum, through a `change` step, wherever that cost is used; a sentence that opens
with the unit ("Per query, we pay ...") makes its amounts per that unit. Each kind is checked in several wordings.
"""

from __future__ import annotations

import pytest

from assistant.planner.plan import make_plan
from assistant.planner.steps import Step


def _summed(steps: list[Step], first: float, second: float) -> None:
    """The plan's first step adds the two parts; the next one takes the sum."""
    add, use = steps[0], steps[1]
    assert add.tool == "change" and add.args["value"] == first and add.args["plus"] == second
    assert {"$from": ["change", "value"]} in use.args.values()


@pytest.mark.parametrize("parts", [
    "Model API cost runs $6.50 per seat and hosting about $1.25 per seat.",
    "Each seat costs us $6.50 in API fees and $1.25 in hosting per month.",
    "For every seat we spend $6.50 on tokens and $1.25 on hosting.",
    "Serving a seat costs $6.50 for the model + $1.25 for hosting.",
])
@pytest.mark.parametrize("price", ["Seats are $25 a month.", "We charge $25 per seat per month."])
def test_two_parts_of_the_cost_per_user_are_summed_for_the_margin(parts: str, price: str) -> None:
    for question in (f"{price} {parts} Gross margin?", f"{parts} {price} And the gross margin on it?"):
        steps = make_plan(question).steps
        _summed(steps, 6.5, 1.25)
        assert steps[1].tool == "margin" and steps[1].args["price_per_user_usd"] == 25


def test_two_parts_of_the_cost_per_user_feed_break_even() -> None:
    steps = make_plan("Each user costs us $3 in API fees and $1 in support per month; we charge $20 per user. "
                      "How many users to break even with $40k of fixed costs a month?").steps
    _summed(steps, 3, 1)
    assert steps[1].tool == "break_even" and steps[1].args["fixed_costs_usd"] == 40_000


@pytest.mark.parametrize("parts", ["Per query we pay $0.004 for the model plus $0.001 for retrieval.",
                                   "Per request, the model is $0.004 and retrieval $0.001.",
                                   "Each query costs $0.004 in tokens and $0.001 in search."])
def test_two_parts_of_the_cost_per_query_are_summed_for_the_bill(parts: str) -> None:
    steps = make_plan(f"{parts} 10,000 users, 5 queries a day each. Monthly cost?").steps
    _summed(steps, 0.004, 0.001)
    assert steps[1].tool == "token_cost" and steps[1].args["users"] == 10_000


@pytest.mark.parametrize("options", ["It costs $5 per seat on the big model or $2 per seat on the small one.",
                                     "Seats cost us $5 each on gpt-4o vs $2 each on gpt-4o-mini.",
                                     "Our cost per seat went from $5 to $2."])
def test_alternatives_and_changes_of_a_unit_cost_are_not_added(options: str) -> None:
    steps = make_plan(f"We charge $25 per seat. {options} What's the margin?").steps
    assert not any(s.tool == "change" and "plus" in s.args for s in steps)


def test_an_amount_after_per_user_words_is_not_per_the_opening_unit() -> None:
    steps = make_plan("Tabulate this for 1,000 and 5,000 users: $15 per user per month, 25 queries per user per "
                      "day at 1,000 tokens, $0.80 per 1M tokens, and $20k a month of fixed costs.").steps
    assert all(s.args.get("variable_cost_per_user_usd") != 20_000 for s in steps)


@pytest.mark.parametrize("question", [
    "We have 50,000 users and expect 10% to buy the $12/month plan. Buyers use 300 queries a month; everyone else "
    "gets 20 free queries a month. A query costs $0.004. Monthly gross margin overall?",
    "Free users get 20 queries/month. 10% of our 50,000 users pay $12/month and average 300 queries. A query costs "
    "$0.004. Overall monthly gross margin?",
    "Out of 50k users, 10% will pay $12 a month and use 300 queries a month; the rest keep a free quota of 20 "
    "queries a month. Each query costs us $0.004. What's the blended gross margin?",
])
def test_a_buyer_share_with_a_free_quota_for_the_rest_is_a_plan_with_a_free_tier(question: str) -> None:
    split, plan = make_plan(question).steps
    assert split.tool == "change" and split.args["value"] == 50_000 and split.args["share_percent"] == 10
    assert plan.tool == "pricing_plan" and plan.args["plan_price_usd"] == 12
    assert plan.args["paying_users"] == {"$from": ["change", "value"]}
    assert plan.args["free_users"] == {"$from": ["change", "rest"]} and plan.args["free_quota_queries"] == 20
    assert plan.args["queries_per_user_per_month"] == 300 and plan.args["cost_per_query_usd"] == 0.004


@pytest.mark.parametrize("whole", ["10% of our 50,000 users", "10% of the 50k users", "10% of 50,000 seats",
                                   "10% of all our 50,000 customers"])
def test_a_share_of_a_user_count_is_the_part_that_takes_it(whole: str) -> None:
    steps = make_plan(f"{whole} would pay for the add-on and use it 40 times a month at $0.01 a query. "
                      "What does it cost us per month?").steps
    assert steps[0].tool == "change" and steps[0].args["share_percent"] == 10 and steps[0].args["value"] == 50_000


_CACHED = "Input $3/M, output $15/M, cached input $0.30/M. 10k users send 5 queries a day, each with 6,000 input tokens"


@pytest.mark.parametrize("share", ["70% of them served from the prompt cache", "70% of which hit the cache",
                                   "with a 70% cache hit rate"])
@pytest.mark.parametrize("ask", ["Monthly bill?", "What's the monthly spend?", "What do we pay per month?"])
def test_a_cached_share_of_each_request_is_not_a_hit_rate_on_a_bill_when_the_bill_is_only_asked(
        share: str, ask: str) -> None:
    [step] = make_plan(f"{_CACHED}, {share}, and 500 output tokens. {ask}").steps
    assert step.tool == "token_cost" and step.args["cached_input_share"] == "70%"


@pytest.mark.parametrize("bill", ["The bot costs $18k a month.", "We spend $18,000 a month on the API.",
                                  "Our model bill is $18k/month."])
def test_a_hit_rate_beside_a_given_bill_cuts_that_bill(bill: str) -> None:
    steps = make_plan(f"{bill} A prompt cache would serve 20% of the input tokens. Monthly saving?").steps
    assert steps[-1].tool == "caching" and steps[-1].args["monthly_bill_usd"] == 18_000


@pytest.mark.parametrize("followup", ["and if just 30% of the input is cached?", "what about a 30% hit rate?",
                                      "And with 30% cache hits?"])
def test_a_follow_up_hit_rate_moves_the_cached_share_of_each_request(followup: str) -> None:
    first = make_plan(f"{_CACHED}, 70% of them cached, and 500 output tokens. Monthly bill?").steps
    [step] = make_plan(followup, first).steps
    assert step.tool == "token_cost" and step.args["cached_input_share"] == "30%"
    assert step.args["input_tokens_per_query"] == 6000 and step.args["users"] == 10_000


@pytest.mark.parametrize("named", ["claude sonnet 4", "Claude Sonnet 4", "claude-sonnet-4", "sonnet 4"])
def test_a_model_name_keeps_its_version_number(named: str) -> None:
    [step] = make_plan(f"What does one request on {named} cost with 2,000 input and 800 output tokens?").steps
    assert step.args["model"].lower().replace("-", " ").endswith("sonnet 4")


@pytest.mark.parametrize("trail", ["on claude haiku 3 times a day", "with claude haiku, 3 queries a day"])
def test_a_count_after_a_model_name_is_not_its_version(trail: str) -> None:
    steps = make_plan(f"2,000 users ask {trail} at 1,000 tokens each. Monthly cost?").steps
    assert steps[0].args["queries_per_user"] == 3 and "3" not in steps[0].args["model"]


@pytest.mark.parametrize("cost_ask", ["How much cost one request", "What does one request cost",
                                      "What's one request", "How much is a single request"])
@pytest.mark.parametrize("volume", ["And for 1 million of such request in one month?",
                                    "And for 1,000,000 such requests in a month?",
                                    "And for 1M requests per month?"])
def test_one_request_then_a_monthly_volume_asks_both_costs(cost_ask: str, volume: str) -> None:
    plan = make_plan(f"{cost_ask} on gpt-4o with 2000 tokens input and 800 tokens output? {volume}")
    [step] = plan.steps
    assert step.tool == "token_cost" and step.args["queries_per_user"] == 1_000_000
    assert step.args["query_period"] == "month" and step.args["users"] == 1
    assert step.args["input_tokens_per_query"] == 2000 and step.args["output_tokens_per_query"] == 800
    assert [a.var for a in plan.asks] == ["cost_per_query", "monthly_cost"]


def test_tokens_in_and_out_beside_a_named_model_are_the_split() -> None:
    [step] = make_plan("What's one call on gpt-4o with 2k in and 500 out?").steps
    assert step.args["input_tokens_per_query"] == 2000 and step.args["output_tokens_per_query"] == 500


_ROUTED = ("Routing: 2B tokens a month; the cheap model at $0.40 per 1M takes 60% of traffic, the premium model at $6 "
           "per 1M takes 40%. Monthly bill?")


@pytest.mark.parametrize(("followup", "shares"), [
    ("what if we push the cheap share to 85% instead?", ["85%", None]),
    ("And if the small model takes 85%?", ["85%", None]),
    ("what about 30% on the $6 one?", [None, "30%"]),
    ("what if only 20% goes to the premium model?", [None, "20%"]),
    ("and a 50/50 split?", ["50%", "50%"]),
    ("What about 70% / 30%?", ["70%", "30%"]),
])
def test_a_routing_follow_up_moves_the_shares_and_the_other_route_takes_the_rest(
        followup: str, shares: list[str | None]) -> None:
    [step] = make_plan(followup, make_plan(_ROUTED).steps).steps
    assert step.tool == "routing" and step.args["monthly_tokens"] == 2e9
    assert [r.get("share") for r in step.args["routes"]] == shares
    assert [r["price_per_1m"] for r in step.args["routes"]] == [0.4, 6]


@pytest.mark.parametrize("rest", ["the rest", "the remainder", "everything else", "the remaining traffic"])
def test_the_rest_of_the_traffic_goes_to_the_last_route(rest: str) -> None:
    [step] = make_plan(f"Send 80% of traffic to a $0.40/M model and {rest} to a $6/M one. Blended price?").steps
    assert step.tool == "routing"
    assert step.args["routes"] == [{"price_per_1m": 0.4, "share": "80%"}, {"price_per_1m": 6.0}]


@pytest.mark.parametrize("invest", ["Capex of $90,000 for a caching layer", "A $90k one-off build of a caching layer",
                                    "We'd invest $90,000 upfront in a caching layer"])
@pytest.mark.parametrize("cut", ["that reduces opex by $7,500 per month", "that cuts our API bill by $7.5k a month",
                                 "which would lower hosting costs by $7,500/month"])
def test_an_amount_something_is_cut_by_is_a_saving(invest: str, cut: str) -> None:
    [step] = make_plan(f"{invest} {cut}. Payback period?").steps
    assert step.tool == "break_even" and step.args["mode"] == "payback"
    assert step.args["upfront_investment_usd"] == 90_000 and step.args["monthly_saving_usd"] == 7_500


@pytest.mark.parametrize("followup", ["and if the saving is just $5k a month?", "What if it only saves $5,000 a month?",
                                      "and with $5k/month of savings?"])
def test_a_payback_follow_up_moves_the_saving(followup: str) -> None:
    first = make_plan("Capex of $90,000 for a caching layer that reduces opex by $7,500 per month. Payback?").steps
    [step] = make_plan(followup, first).steps
    assert step.args["upfront_investment_usd"] == 90_000 and step.args["monthly_saving_usd"] == 5_000


@pytest.mark.parametrize("question", ["We charge $29 per seat per month for the AI tier. Gross margin?",
                                      "The AI tier sells at $29 a seat monthly; gross margin?",
                                      "What gross margin do we make on a $29/month seat?"])
def test_a_margin_with_a_price_and_no_cost_asks_for_the_cost(question: str) -> None:
    plan = make_plan(question)
    assert plan.kind == "clarify" and not plan.steps and "cost" in (plan.text or "")


@pytest.mark.parametrize("cost", ["with 6 per user in API costs", "and $6 per user in API fees",
                                  "and each user costs $6 in inference", "and the average user burns $6 of inference"])
def test_an_amount_spent_in_api_costs_is_a_cost_per_user(cost: str) -> None:
    [step] = make_plan(f"Our plan is $25 per user a month, {cost}. Gross margin please?").steps
    assert step.tool == "margin" and step.args == {"price_per_user_usd": 25, "cost_per_user_usd": 6}


@pytest.mark.parametrize("followup", ["If the plan drops to $9, same margin target?",
                                      "And at $9 a month with the same target?", "what about a $9 plan, same margin?"])
def test_same_target_in_a_follow_up_keeps_it_and_asks_the_last_thing_again(followup: str) -> None:
    first = make_plan("Each chat costs us $0.012. On a $15/month plan with a 70% target gross margin, how many chats "
                      "a month can a subscriber have?").steps
    [step] = make_plan(followup, first).steps
    assert step.tool == "pricing_plan" and step.args["plan_price_usd"] == 9 and step.args["target_margin"] == "70%"


@pytest.mark.parametrize("ask", ["Would self-hosting Llama 3.3 70B on 2 H100s beat an API at $3 per million tokens?",
                                 "Is self-hosting a 70B Llama on 2 H100s cheaper than the API at $3/M?",
                                 "Could self-hosted Llama 3.3 70B on two H100s undercut a $3 per 1M tokens API?"])
def test_self_hosting_a_named_open_model_against_an_api_price_gives_both_bills(ask: str) -> None:
    plan = make_plan(f"{ask} We run 3bn tokens a month at 60% utilization; use the published throughput.")
    [step] = plan.steps
    assert step.tool == "self_host" and step.args["model_params_b"] == 70 and step.args["gpus"] == 2
    assert step.args["price"] == 3 and step.args["monthly_tokens"] == 3e9
    assert {"self_host_monthly", "api_monthly", "self_host_saving"} <= {a.var for a in plan.asks}
