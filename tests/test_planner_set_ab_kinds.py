"""Planner v2, the kinds set_ab found at first sight, each checked in several wordings.

A document's size as the input; OpenAI's shorthand model names ("4o-mini") and "N of those an hour"; a request
said with "please"; singular nouns and "dollar for 1K token"; cost lines listed beside revenue, with the period
said once; a cost rate above $1 keeps four digits; "make it 50/50"; the saving of moving to a tier; a margin and
the price for a target margin beside the bill; "halve the prompt"; a reasoning share said of all output; the
reply to a clarification read with the question it answers.
"""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from planner_reading import follow_up, given_values

from assistant.agent import Assistant
from assistant.config import Settings
from assistant.planner.asks import asked
from assistant.planner.plan import make_plan
from tools import fmt


@pytest.mark.parametrize("doc", ["The input is a 30,000-word contract and the summary we get back is about 1,500 words",
                                 "we feed in a 30,000 word contract; the summary is about 1,500 words"])
def test_a_documents_size_is_the_input(doc: str) -> None:
    values = given_values(f"Cost of a single summarization request on GPT-4.1? {doc}.")
    assert (values["input_words"], values["output_words"]) == (30_000, 1_500)


@pytest.mark.parametrize(("shorthand", "model"), [("4o-mini", "gpt-4o-mini"), ("4o", "gpt-4o"),
                                                  ("4.1 nano", "gpt-4.1-nano")])
def test_openai_shorthand_names_a_model(shorthand: str, model: str) -> None:
    plan = make_plan(f"single call, 12k in / 800 out on {shorthand} - cost?")
    [step] = plan.steps
    assert step.tool == "token_cost" and step.args["users"] == 1 and [a.var for a in plan.asks] == ["cost_per_query"]
    [compared] = make_plan(f"{model} vs claude-3-5-haiku for 5k users, 10 queries a day, 1k tokens each. How many "
                           f"times pricier is {shorthand}?").steps
    assert len(compared.args["options"]) == 2  # the model named again by its shorthand is no third option


@pytest.mark.parametrize("rate", ["1,000 of those an hour around the clock", "1,000 of these every hour, 24/7"])
def test_n_of_those_at_a_rate_counts_the_calls(rate: str) -> None:
    steps = follow_up("single call, 12k in / 800 out on 4o-mini - cost?", f"and if we fire {rate}, what's that a month?")
    assert steps[-1].args["queries_per_user"] == 1000 and steps[-1].args["query_period"] == "hour"


@pytest.mark.parametrize("lead", ["Please give me", "Please send me", "Kindly provide"])
def test_a_please_request_asks(lead: str) -> None:
    text = (f"We have 240,000 subscribers at 45 queries a month, 1,800 tokens each, $1.20 per million tokens.\n\n"
            f"{lead} the monthly spend, the annualized figure, and the cost per subscriber per month.\n\nThanks")
    assert asked(text) == ["monthly_cost", "yearly_cost", "cost_per_user"]


@pytest.mark.parametrize("price", ["0.0005 dollar for 1K token", "$0.0005 for every 1K tokens",
                                   "0.0005 usd for 1,000 tokens"])
def test_a_price_for_1k_tokens_and_how_much_for_one_user(price: str) -> None:
    plan = make_plan(f"we are have 8 thousand user, each one make 25 question in a day, one question is approx 600 "
                     f"token. Price is {price}. How much is cost in month and how much for one user?")
    [step] = plan.steps
    assert (step.args["price"], step.args["price_unit"], step.args["users"]) == (0.0005, "per_1k", 8000)
    assert [a.var for a in plan.asks] == ["monthly_cost", "cost_per_user"] and not plan.unused


@pytest.mark.parametrize("head", ["Q3 numbers:", "Last quarter:", "Figures below are quarterly."])
def test_cost_lines_beside_revenue_add_up_to_cogs(head: str) -> None:
    plan = make_plan(f"{head} revenue $1.8M, inference bill $540k, GPU hosting $90k. Gross margin?")
    change, margin = plan.steps
    assert (change.args["value"], change.args["plus"]) == (540_000, 90_000)
    assert margin.args["period"] == "quarter" and margin.args["revenue_usd"] == 1_800_000


def test_a_cost_rate_above_a_dollar_keeps_four_digits() -> None:
    assert [fmt.cost_rate(v) for v in (0.7716049, 1.5432098, 12.3456)] == ["$0.7716", "$1.543", "$12.35"]


_ROUTED = ("If we route 70% of our traffic to gpt-4.1-nano and keep 30% on gpt-4.1, what do we save versus running "
           "everything on gpt-4.1? About 3B tokens a month.")


@pytest.mark.parametrize(("follow", "shares"), [("ok, make it 50/50", ["50%", "50%"]), ("what about 60/40?", ["60%", "40%"])])
def test_a_bare_split_moves_the_routes(follow: str, shares: list[str]) -> None:
    [step] = follow_up(_ROUTED, follow)
    assert step.tool == "routing" and [r["share"] for r in step.args["routes"]] == shares


@pytest.mark.parametrize("ask", ["How much would moving it to the Batch API save per month and per year?",
                                 "What would we save a month, and a year, by running it through the batch API?"])
def test_the_saving_of_moving_to_a_tier_compares_both_bills(ask: str) -> None:
    plan = make_plan(f"Nightly job: 2 million documents a month, each ~4k tokens in and 250 out, on gpt-4o-mini. {ask}")
    [step] = plan.steps
    assert step.tool == "compare" and [s["service_tier"] for s in step.args["scenarios"]] == ["standard", "batch"]
    assert [a.var for a in plan.asks] == ["compare_table", "difference", "difference_yearly"]


@pytest.mark.parametrize("price_ask", ["the lowest price that would still give an 85% margin",
                                       "the minimum price for an 85% margin", "the price that keeps an 85% margin"])
def test_a_margin_and_a_price_for_a_target_beside_the_bill(price_ask: str) -> None:
    plan = make_plan("3,000 customers, each ~200 tickets a month, every ticket 2,500 input + 500 output tokens on "
                     f"claude haiku 4.5. We charge $49/customer/month. The monthly bill, our gross margin, and "
                     f"{price_ask}?")
    assert [s.tool for s in plan.steps] == ["token_cost", "margin", "break_even"]
    assert [a.var for a in plan.asks] == ["monthly_cost", "margin", "price_per_user"]


_SPEC = "25k MAU, ~40 chats per user per month, avg prompt 2,000 tokens, avg answer 600 tokens, on gpt-4o. Monthly cost?"


@pytest.mark.parametrize(("follow", "how"), [("ok, halve the prompt", {"factor": 0.5}),
                                             ("what if the prompt doubles?", {"factor": 2.0}),
                                             ("trim the prompt by 30%", {"percent_change": -30.0})])
def test_the_prompt_in_a_follow_up_is_its_input_tokens(follow: str, how: dict[str, float]) -> None:
    change, cost = follow_up(_SPEC, follow)
    assert change.tool == "change" and change.args["value"] == 2000 and {**change.args, **how} == change.args
    assert cost.args["input_tokens_per_query"] == {"$from": ["change", "value"]}
    assert cost.args["queries_per_user"] == 40


@pytest.mark.parametrize("said", ["reasoning is about 75% of all output tokens billed",
                                  "reasoning makes up 75% of the output", "thinking takes 75% of the output tokens"])
def test_a_reasoning_share_of_all_output(said: str) -> None:
    assert given_values(f"o4-mini: 5,000 reviews a day, 1,500 input and 400 visible output tokens each; {said}. "
                        "Monthly cost?")["reasoning_share"] == 75


@pytest.mark.parametrize("reply", ["sorry - about 4,000 users", "4,000 users", "we have roughly 4k users"])
def test_a_reply_to_a_clarification_is_read_with_its_question(tmp_path: Path, reply: str) -> None:
    assistant = Assistant(Settings(MARGINAL_DATA_DIR=tmp_path))
    session = uuid.uuid4().hex
    first = assistant.ask("What would gpt-4o cost us a month at 30 queries per user per day and 1,500 tokens per "
                          "query?", session_id=session)
    assert not first.tool_calls and "how many users" in first.answer
    second = assistant.ask(reply, session_id=session)
    [call] = second.tool_calls
    assert call.name == "token_cost" and call.args["users"] == 4000 and call.args["queries_per_user"] == 30
    assert "$23,625" in second.answer


@pytest.mark.parametrize(("question", "split"), [
    ("What does a million tokens cost on gpt-4.1-mini?", None),
    ("how much would 1M tokens cost on gpt-4o, 80% of them input?", 80.0),
    ("What do 1,000,000 tokens cost on claude sonnet 4 if 60% are input?", 60.0)])
def test_the_price_of_a_million_tokens_on_one_model(question: str, split: float | None) -> None:
    plan = make_plan(question)
    [cost] = plan.steps  # a month of 1,000 queries of 1,000 tokens: no long-context tier
    assert cost.tool == "token_cost" and (cost.args["users"], cost.args["queries_per_user"]) == (1, 1_000)
    assert cost.args["tokens_per_query"] == 1_000 and cost.args["query_period"] == "month"
    assert [a.var for a in plan.asks] == ["million_tokens"] and not plan.unused
    assert cost.args.get("input_share") == (None if split is None else f"{split:g}%")
