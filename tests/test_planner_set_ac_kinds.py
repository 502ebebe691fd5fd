"""Planner v2, the kinds set_ac found at first sight, each checked in several wordings.

A document's length as an adjective ("a 60-page contract"); Slack shorthand ("1.6k prompt + 400 completion tok",
"$/user/mo"); cost lines on consecutive rows beside revenue; "we're 4 people"; "util"; a price range swept in N
steps; the queries a model allows within a budget; "what about per year?" after a comparison; lettered parts with
"3,000 tokens, 2,500 of them input".
"""

from __future__ import annotations

import pytest
from planner_reading import follow_up, given_values

from assistant.planner.asks import asked
from assistant.planner.plan import make_plan
from tools.compare import compare
from tools.solve import solve


@pytest.mark.parametrize("doc", ["one 60-page supplier contract (roughly 30,000 words)",
                                 "a single 45-minute call transcript of about 30,000 words"])
def test_a_length_said_as_an_adjective_is_no_count(doc: str) -> None:
    plan = make_plan(f"How much does it cost to run {doc} through Claude Sonnet 4 and get back a 1,500-word summary?")
    [step] = plan.steps
    assert step.args["input_words_per_query"] == 30_000 and step.args["users"] == 1 and not plan.unused


@pytest.mark.parametrize("split", ["1.6k prompt + 400 completion tok per convo", "1600 input + 400 output tokens each"])
def test_slack_shorthand_for_a_token_split_and_dollar_rates(split: str) -> None:
    text = f"napkin math pls: 1.2M MAU, 3 convos/user/day, {split}, gpt-4.1-mini. need $/user/mo and total $/mo"
    values = given_values(text)
    assert (values["queries_per_user"], values["input_tokens"], values["output_tokens"]) == (3, 1600, 400)
    assert asked(text) == ["cost_per_user", "monthly_cost"]


@pytest.mark.parametrize("rows", ["| Revenue | $1,840,000 |\n| OpenAI API spend | $512,000 |\n| GPU hosting | $96,000 |",
                                  "Revenue: $1,840,000\nAPI spend: $512,000\nGPU hosting: $96,000"])
def test_cost_lines_on_consecutive_rows_add_up(rows: str) -> None:
    change, margin = make_plan(f"Figures below (all for the quarter):\n\n{rows}\n\nGross margin and gross profit?").steps
    assert (change.args["value"], change.args["plus"]) == (512_000, 96_000)
    assert margin.args["period"] == "quarter"


@pytest.mark.parametrize("team", ["we're 4 people", "we are 12 engineers"])
def test_our_headcount_is_no_user_count(team: str) -> None:
    plan = make_plan(f"{team}, fixed costs are $60k a month. Our product is a $12/month writing assistant; a user "
                     "sends ~10 requests a day of 700 input and 300 output tokens on gpt-4o-mini. How many "
                     "subscribers to cover the fixed costs?")
    assert [s.tool for s in plan.steps] == ["token_cost", "break_even"]
    assert plan.steps[1].args["price_per_user_usd"] == 12


@pytest.mark.parametrize("util", ["at 60% util", "at 60% utilization", "running 60% utilized"])
def test_utilization_abbreviated(util: str) -> None:
    [step] = make_plan(f"4x H100 @ $2.50/h each, 9k tok/s aggregate; {util} what's our $/M tok?").steps
    assert step.args["utilization"] == "60%"


@pytest.mark.parametrize("rng", ["from $0.25/M up to $2/M in 8 even steps", "from $0.25 to $2 per million in 8 steps"])
def test_a_price_range_swept_in_steps(rng: str) -> None:
    [step] = make_plan(f"Sweep the token price {rng} for 50k users x 10 queries/day x 1,500 tokens per query. "
                       "Monthly cost at each step?").steps
    assert step.tool == "sweep" and step.args["variable"] == "price_per_1m"
    assert (step.args["start"], step.args["stop"], step.args["steps"]) == (0.25, 2, 8) and "price" not in step.args


@pytest.mark.parametrize("ceiling", ["a $9,000/month ceiling", "a budget of $9k a month", "at most $9,000 a month"])
def test_queries_a_model_allows_within_a_budget(ceiling: str) -> None:
    plan = make_plan(f"12k users on Claude Haiku 4.5, each query ~900 input + 250 output tokens, {ceiling}. How many "
                     "queries per user per day can we allow?")
    one, seek = plan.steps
    assert one.tool == "token_cost" and (one.args["users"], one.args["queries_per_user"]) == (1, 1)
    assert seek.args["relation"] == "monthly_cost_per_query" and seek.args["unknown"] == "queries_per_user_per_day"
    # 9,000 / (12,000 x 30 x $0.00215)
    assert solve({"relation": "monthly_cost_per_query", "unknown": "queries_per_user_per_day",
                  "knowns": {"monthly_cost": 9000, "users": 12000, "cost_per_query": 0.00215}}).value \
        == pytest.approx(11.6279, rel=1e-4)


@pytest.mark.parametrize("follow", ["and what about per year?", "and yearly?", "annualize that"])
def test_a_period_after_a_comparison_keeps_the_options(follow: str) -> None:
    [step] = follow_up("30k users x 8 requests/day, 2,000 in / 500 out tokens, on gpt-4o vs Claude Sonnet 4. Monthly "
                       "cost of each?", follow)
    assert step.tool == "compare" and len(step.args["options"]) == 2


def test_each_compared_option_has_its_year() -> None:
    rows = compare({"options": [{"model": "gpt-4o"}, {"model": "gpt-4o-mini"}], "users": 1000, "queries_per_user": 10,
                    "tokens_per_query": 1000}).rows
    assert all(r.yearly_cost_usd == pytest.approx(12 * r.monthly_cost_usd) for r in rows)


@pytest.mark.parametrize("marker", ["(a)", "a)", "1."])
def test_lettered_parts_after_a_request_are_each_asked(marker: str) -> None:
    second, third = ("(b)", "(c)") if marker == "(a)" else ("b)", "c)") if marker == "a)" else ("2.", "3.")
    text = (f"Please provide the following:\n{marker} the monthly model cost for 5,000 subscribers who each make 50 "
            f"requests per month of 3,000 tokens, 2,500 of them input, priced at $3 in / $15 out per 1M tokens;\n"
            f"{second} the gross margin at a $19 monthly subscription;\n{third} the subscribers needed to break even "
            "with fixed costs of $22,000 per month.")
    plan = make_plan(text)
    assert [s.tool for s in plan.steps] == ["token_cost", "margin", "break_even"]
    assert plan.steps[0].args["input_tokens_per_query"] == 2500 and plan.steps[0].args["tokens_per_query"] == 3000
