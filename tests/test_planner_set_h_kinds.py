"""Planner v2, the kinds set_h found at first sight: the head noun of a compound, a count of the options
compared, the pronoun 'one' before punctuation, period asks sharing one noun, a sold unit's price, bare
amounts after a money subject, asides in parentheses, 'a penny', and what a plan price includes. Each
kind is checked in several wordings, and against a wording that must not trigger it.
"""

from __future__ import annotations

import pytest
from planner_reading import given_values

from assistant.planner.asks import asked
from assistant.planner.grammar import parse
from assistant.planner.plan import make_plan
from assistant.planner.roles import read


@pytest.mark.parametrize(("phrase", "var"), [
    ("400 visible answer tokens", "output_tokens"),
    ("300 reply tokens", "output_tokens"),
    ("1,000 question tokens", "input_tokens"),
])
def test_the_last_noun_of_a_compound_is_what_a_number_counts(phrase: str, var: str) -> None:
    got = given_values(f"2,000 students ask 5 problems a day each; per problem {phrase}. $1/M in, $4/M out.")
    assert got["queries_per_user"] == 5 and got[var] in (400, 300, 1_000)


@pytest.mark.parametrize("lead", ["Three quotes for our chatbot:", "We have two vendors to choose from:",
                                  "Comparing 3 options -"])
def test_a_count_of_the_options_compared_is_not_usage(lead: str) -> None:
    got = given_values(f"{lead} X at $0.80 per million, Y at $1.10 per million. 200 stores, each 6,000 requests a month, "
                "700 tokens per request.")
    assert got["queries_per_user"] == 6_000 and got["users"] == 200


@pytest.mark.parametrize("opening", ["quick one - ", "Simple one: ", "another one, "])
def test_the_pronoun_one_before_punctuation_is_not_a_number(opening: str) -> None:
    reading = read(parse(f"{opening}12k users, 8 msgs a day each, 600 tokens per message at $1.50 per 1M tokens."))
    assert [g.value for g in reading.all("users")] == [12_000] and not reading.series


@pytest.mark.parametrize(("ask", "want"), [
    ("monthly and yearly cost?", ["monthly_cost", "yearly_cost"]),
    ("what's the weekly + monthly spend", ["weekly_cost", "monthly_cost"]),
    ("What does this run per week, and per month?", ["monthly_cost", "weekly_cost"]),
    ("daily/monthly bill?", ["daily_cost", "monthly_cost"]),
])
def test_period_asks_sharing_one_noun_are_each_asked(ask: str, want: list[str]) -> None:
    assert sorted(asked(ask)) == sorted(want)


@pytest.mark.parametrize("question", [
    "We carry $600,000 a year in overhead; customers pay $49 a month and cost us $13.50. How many customers do we "
    "need to cover overhead?",
    "Overhead is $600k a year. Customers pay $49/mo, and each costs us $13.50/mo. How many customers must we sign to "
    "cover it?",
])
def test_how_many_customers_are_needed_is_break_even_not_a_goal_seek(question: str) -> None:
    plan = make_plan(question)
    [step] = [s for s in plan.steps if s.tool == "break_even"]
    assert step.args["fixed_costs_period"] == "year" and [a.var for a in plan.asks] == ["break_even_users"]


@pytest.mark.parametrize("price", ["A seat is $25/mo", "Each license goes for $25 a month", "Seats are $25 per month"])
def test_a_sold_unit_with_no_one_paying_it_is_a_price(price: str) -> None:
    got = given_values(f"{price} and our AI spend works out to $6.50 per seat per month. Gross margin?")
    assert got["price_per_user"] == 25 and got["cost_per_user"] == 6.5


def test_a_unit_that_costs_us_to_serve_is_a_cost() -> None:
    got = given_values("What should we charge per user for an 80% gross margin if each user is $4 to serve?")
    assert got.get("cost_per_user") == 4 and "price_per_user" not in got


@pytest.mark.parametrize(("question", "revenue", "cost"), [
    ("revenue last month was 48k but the inference bill was 61k. gross margin?", 48_000, 61_000),
    ("Our revenue came in at 1.2M this quarter and the API bill hit 420k. What's the margin?", 1_200_000, 420_000),
    ("MRR is 90k; the bill ran 30k. margin?", 90_000, 30_000),
])
def test_a_bare_amount_after_a_money_subject_is_money(question: str, revenue: float, cost: float) -> None:
    plan = make_plan(question)
    [step] = [s for s in plan.steps if s.tool == "margin"]
    assert step.args["revenue_usd"] == revenue and step.args["cogs_usd"] == cost


@pytest.mark.parametrize("aside", ["(API bills plus our GPU rental)", "(incl. hosting, rent of GPUs)", ""])
def test_an_aside_in_parentheses_gives_no_cue(aside: str) -> None:
    got = given_values(f"Q3 revenue came in at $1.2M and cost of goods {aside} was $420k for the quarter. Gross margin?")
    assert got["revenue"] == 1_200_000 and got["monthly_cost"] == 420_000 and "fixed_costs" not in got


@pytest.mark.parametrize("cost", ["A query costs us a penny", "each query costs us one cent", "we pay 1 cent a query"])
def test_a_penny_is_one_cent(cost: str) -> None:
    assert given_values(f"{cost}; 1,000 users send 300 queries a month.")["cost_per_query"] == pytest.approx(0.01)


@pytest.mark.parametrize("plan", ["$15 per month includes 200 queries", "$15/mo gets you 200 queries",
                                  "$15 a month covers 200 queries"])
def test_an_amount_that_includes_usage_is_the_plan_price(plan: str) -> None:
    got = given_values(f"{plan}, then $2 per 1,000 extra queries. 1,000 subscribers send 300 queries a month; a query "
                "costs us $0.01.")
    assert got["price_per_user"] == 15 and got["free_quota"] == 200


@pytest.mark.parametrize("ask", ["Which is cheaper per month and by how much?", "Should we self-host or stay on the API?",
                                 "What are the two monthly bills?"])
def test_a_deployment_beside_an_api_price_gives_both_bills_and_the_gap(ask: str) -> None:
    from tools.self_host import self_host

    plan = make_plan(f"We push 3B tokens a month. Rent 4 A100s at $1.80/h each, 6,000 tokens/sec total, 70% utilized; "
                     f"or the API at $0.90 per million. {ask}")
    [step] = plan.steps
    assert "self_host_saving" in [a.var for a in plan.asks]
    result = self_host(step.args)
    assert result.monthly_saving_usd == pytest.approx(0.9 * 3_000 - 1.8 * 4 * 720)  # negative: the API is cheaper
    assert "the API is cheaper by $2,484 a month" in result.headline


@pytest.mark.parametrize("fixed", ["have $10k/month fixed costs", "carry $10,000 a month in fixed costs",
                                   "$10k a month of overhead"])
def test_a_noun_phrase_right_after_an_amount_names_it(fixed: str) -> None:
    plan = make_plan(f"Monthly cost and gross margin at 5k, 20k and 80k users: 15 queries a day, 1,200 tokens each, "
                     f"$0.80 per million, we charge $6 a user a month and {fixed}.")
    [step] = plan.steps
    assert step.tool == "sweep" and step.args["fixed_cost_month"] == 10_000


@pytest.mark.parametrize("ask", ["Total monthly saving? and per year?", "monthly savings, and per year?"])
def test_a_bare_period_after_a_saving_asks_the_same_saving(ask: str) -> None:
    assert asked(f"Bill is $60k/month; we'd cache 25% of requests. {ask}") == ["saving", "yearly_saving"]


@pytest.mark.parametrize("cut", ["input tokens drop 40%", "input tokens fall by 40%", "we cut input tokens 40%"])
def test_a_drop_in_input_tokens_beside_a_bill_and_its_input_share_is_a_prompt_trim(cut: str) -> None:
    plan = make_plan(f"We spend $18,000/mo on the API and input tokens are about 70% of that spend. If {cut}, how "
                     "much do we save each month?")
    [step] = plan.steps
    assert step.tool == "caching" and step.args["prompt_reduction"] == "40%"


def test_a_cache_and_a_trim_with_token_counts_derive_the_input_share_and_are_not_routing() -> None:
    plan = make_plan("Bill is $60k/month. We'd cache 25% of requests and trim prompts by 20% on the rest. A call is "
                     "3,000 input tokens and 500 output at $1/M in and $4/M out. Monthly saving?")
    [step] = plan.steps
    assert step.tool == "caching" and step.args["input_tokens"] == 3_000 and step.args["output_price"] == 4


@pytest.mark.parametrize("routes", [
    "80% of calls to a small model ($0.10 in / $0.40 out per M tokens) and 20% to the big one ($2.50 in / $10 out "
    "per M)",
    "80% to a model at $0.10/M input and $0.40/M output, the other 20% to one at $2.50/M input and $10/M output",
])
def test_routes_priced_in_and_out_are_routes(routes: str) -> None:
    from tools.routing import routing

    plan = make_plan(f"We send {routes}. Our tokens are 75% input. Blended price per 1M?")
    [step] = plan.steps
    assert step.tool == "routing" and len(step.args["routes"]) == 2 and step.args["input_share"] == "75%"
    assert routing(step.args).blended_per_1m_usd == pytest.approx(0.8 * 0.175 + 0.2 * 4.375)
    assert not plan.unused


@pytest.mark.parametrize("question", [
    "Which monthly plan price lets us include 1,000 queries per user and still keep an 80% margin when one query "
    "costs us $0.003?",
    "Each user makes 1,000 queries a month and a query costs us $0.003. What price per user gives an 80% margin?",
])
def test_the_price_for_a_margin_from_queries_and_a_cost_per_query(question: str) -> None:
    from tools.break_even import break_even
    from tools.token_cost import token_cost

    plan = make_plan(question)
    (t1, a1), (t2, a2) = [(s.tool, s.args) for s in plan.steps]
    assert t1 == "token_cost" and a1["cost_per_query_usd"] == 0.003 and a1["queries_per_user"] == 1_000
    cost = token_cost(a1).cost_per_user_per_month_usd
    assert cost == pytest.approx(3.0)
    assert t2 == "break_even" and break_even({**a2, "variable_cost_per_user_usd": cost}).price_for_target_margin_usd \
        == pytest.approx(15)


# -- set_i's kinds (first run recorded in benchmarks/first_sight/README.md) -------------------------------------


@pytest.mark.parametrize(("ask", "want"), [
    ("Monthly spend? and per user per month?", ["monthly_cost", "cost_per_user"]),
    ("What's that costing us per day, and per month?", ["monthly_cost", "daily_cost"]),
    ("the monthly bill, and per seat per month?", ["monthly_cost", "cost_per_user"]),
])
def test_a_bare_per_unit_ask_after_a_cost_ask(ask: str, want: list[str]) -> None:
    assert sorted(asked(ask)) == sorted(want)


@pytest.mark.parametrize("head", ["Rates per 1M tokens:", "Prices per 1M tokens (list):", "Pricing per 1M tokens:"])
def test_a_unit_said_once_before_a_list_of_prices(head: str) -> None:
    got = given_values(f"8,000 employees ask 15 questions a day, 6,000 input and 400 output tokens each. {head} input $2.00, "
                "cached input $0.50, output $8.00.")
    assert (got["input_price"], got["cached_price"], got["output_price"]) == (2.0, 0.5, 8.0)


@pytest.mark.parametrize("cost", ["AI COGS per seat is $13/month", "our inference spend per seat is $13 a month",
                                  "each seat is $13/month to serve"])
def test_a_cost_per_unit_stays_a_cost_beside_a_sold_unit(cost: str) -> None:
    plan = make_plan(f"Our fixed costs run $1.2M a year. Seats sell at $49/month and {cost}. Break-even seat count?")
    [step] = plan.steps
    assert step.args["variable_cost_per_user_usd"] == 13 and step.args["fixed_costs_period"] == "year"


@pytest.mark.parametrize("share", ["80% of tickets to a cheap model", "80% of requests go to a cheap model",
                                   "80% of calls routed to a cheap model"])
def test_a_share_of_query_nouns_sent_somewhere_is_a_traffic_share(share: str) -> None:
    plan = make_plan(f"{share} ($0.15 in / $0.60 out per M tokens), 20% to a premium one ($3 in / $15 out per M). "
                     "Tokens are 80% input, 500M tokens a month. Monthly saving vs all on the premium model?")
    [step] = plan.steps
    assert step.tool == "routing" and [r["share"] for r in step.args["routes"]] == ["80%", "20%"]


@pytest.mark.parametrize("ask", ["What's the highest blended price per million tokens we can pay?",
                                 "What is the max price per 1M tokens that stays inside budget?"])
def test_a_goal_sought_price_without_routes_or_gpus_is_a_token_price_in_the_asked_unit(ask: str) -> None:
    plan = make_plan(f"Budget ceiling $18,000/month. 40,000 users, 12 queries a day each, 1,500 tokens per query. {ask}")
    [step] = plan.steps
    assert step.tool == "solve" and step.args["unknown"] == "price_per_1m"


def test_a_volume_where_self_hosting_breaks_even_counts_its_fixed_costs() -> None:
    plan = make_plan("Self-hosting: 2 A100s at $1.80/hr each, 3,000 tokens/s total, 50% utilization, plus $6,000/mo "
                     "for MLOps people. The API is $1.20 per 1M tokens. At what monthly token volume does "
                     "self-hosting break even?")
    [step] = plan.steps
    assert step.tool == "self_host" and step.args["fixed_monthly_usd"] == 6_000
    assert [a.var for a in plan.asks] == ["break_even_tokens"]


@pytest.mark.parametrize("ask", ["What's our gross margin, and gross profit per month?",
                                 "Gross margin and monthly gross profit?"])
def test_gross_profit_per_month_from_revenue_and_cost_shares(ask: str) -> None:
    from tools.margin import margin

    plan = make_plan(f"About 35% of revenue goes to the model vendor and another 7% to GPU hosting. MRR is $240k. {ask}")
    [step] = plan.steps
    assert step.args["revenue_usd"] == 240_000 and "monthly_cost" not in [a.var for a in plan.asks]
    assert margin(step.args).gross_profit_usd == pytest.approx(240_000 * 0.58)


@pytest.mark.parametrize("ask", ["What does the plan price have to be?", "What must the fee be?",
                                 "The price needs to be what?"])
def test_a_price_that_has_to_be_is_an_asked_price(ask: str) -> None:
    plan = make_plan(f"The plan includes 1,000 queries a month, a query costs us $0.008 and we keep a 75% margin. {ask}")
    assert [a.var for a in plan.asks] == ["price_per_user"]


@pytest.mark.parametrize("ask", ["What's the max number of queries per user per day?",
                                 "What is the most requests per user a day we can allow?"])
def test_the_most_queries_per_user_within_a_ceiling_is_a_goal_seek(ask: str) -> None:
    plan = make_plan(f"3,000 users, 4,000 tokens per request, $0.002 per 1K tokens, a monthly ceiling of $10,800. {ask}")
    [step] = plan.steps
    assert step.tool == "solve" and step.args["unknown"] == "queries_per_user_per_day"


@pytest.mark.parametrize("change", ["so if seats go to 7,500?", "what if users grow to 7,500?",
                                    "and when the seat count hits 7,500?"])
def test_a_count_after_its_subject_and_a_verb_is_that_count(change: str) -> None:
    assert given_values(change).get("users") == 7_500


def test_a_figures_own_noun_phrase_asks_nothing() -> None:
    assert asked("Given $90k of fixed costs a month, how many users must we have to break even?") == ["break_even_users"]
    assert asked("What do 100k users cost a month?") == ["monthly_cost"]


@pytest.mark.parametrize("bill", ["Our bill goes from $80k down to $55k a month after the switch",
                                  "Spend drops from $80,000 to $55,000 per month once we migrate"])
def test_a_saving_from_a_bill_before_and_after_is_the_asked_change(bill: str) -> None:
    plan = make_plan(f"{bill}. Monthly savings?")
    [step] = plan.steps
    assert step.tool == "change" and (step.args["value"], step.args["minus"]) == (80_000, 55_000)
    assert [a.var for a in plan.asks] == ["saving"]


@pytest.mark.parametrize("throughput", ["1,500 tokens/s each", "1,500 tokens/s per GPU", "1,500 tok/s apiece"])
def test_one_gpus_throughput_beside_several_gpus_is_multiplied_by_the_calculator(throughput: str) -> None:
    from tools.self_host import self_host

    plan = make_plan(f"4 H100s at $2.50 an hour, {throughput} at full load, 60% utilization: cost per 1M tokens?")
    [step] = plan.steps
    assert step.args["tokens_per_second_per_gpu"] == 1_500 and "tokens_per_second" not in step.args
    result = self_host(step.args)
    assert result.self_host_per_1m_usd == pytest.approx(2.5 * 4 / (6_000 * 3_600 * 0.6) * 1e6)
    assert any("4 GPUs x 1,500 tokens/s = 6,000 tokens/s" in a for a in result.assumptions)


def test_a_total_throughput_stays_the_deployments() -> None:
    [step] = make_plan("2 A100s at $1.80/hr each, 3,000 tokens/s total, 50% utilization: cost per 1M?").steps
    assert step.args["tokens_per_second"] == 3_000 and "tokens_per_second_per_gpu" not in step.args
