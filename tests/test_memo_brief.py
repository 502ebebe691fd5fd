"""Memo briefs read by the planner's v2 roles into a scenario, stated defaults, and memos asked for in chat."""

from __future__ import annotations

from pathlib import Path

import gradio as gr
import pytest

from assistant.agent import Assistant
from assistant.memo import MemoBrief, build_memo, parse_brief
from assistant.memo.reading import read_brief
from assistant.planner.grammar import parse
from assistant.planner.plan import Step, make_plan
from assistant.planner.roles import read
from assistant.web import stream_answer
from tools.catalog import Catalog
from tools.errors import InputError


def passages(query: str, k: int) -> list[dict]:
    return [{"source": "knowledge/docs/flat-rate-pricing-risk.md", "title": "Flat-rate risk", "section": "",
             "text": "Heavy users cost more than a flat fee brings in."}]


def _change(b: MemoBrief, name: str) -> dict:
    """The `change` run that made `name` (its args and value): the memo reads figures through the calculator."""
    call = next(c for c in b.calls if c.name == "change" and c.args["name"] == name)
    return {**call.args, "result": call.result["value"]}


def test_a_brief_without_a_price_gets_stated_defaults() -> None:
    b = parse_brief("a pricing memo for our AI feature")
    assert b.fee == 10 and b.origin["fee"].startswith("default: ") and b.model == "gpt-4o-mini"
    assert b.queries_p95 is None and b.origin["queries_p95"].startswith("default: the 95th-percentile user makes 3x")
    assert b.not_understood == []
    # The default 1,000 tokens are split as token_cost splits a total (75% input), by the change calculator.
    assert _change(b, "input tokens per query") == {"name": "input tokens per query", "value": 1_000,
                                                    "factor": 0.75, "result": 750}
    assert (b.scenario.usage.tokens.input, b.scenario.usage.tokens.output) == (750, 250)


@pytest.mark.parametrize("text", ["  12 ", "", "asdf qwer zxcv", "the weather in Paris tomorrow"])
def test_a_brief_that_is_not_about_pricing_is_a_clear_error(text: str) -> None:
    with pytest.raises(InputError, match="does not describe an AI product or its pricing") as err:
        parse_brief(text)
    assert "e.g." in str(err.value)  # and how to write one


def test_an_impossible_figure_is_refused_with_the_reason() -> None:
    with pytest.raises(InputError, match="impossible value: users must be positive"):
        parse_brief("a $10/month AI add-on for -500 users")


def test_usage_periods_overage_prices_and_token_prices_are_read() -> None:
    b = parse_brief("AI writing assistant at $15 per seat, 2,000 seats, 40 queries per user per week, on gpt-4o")
    assert (b.fee, b.users, b.queries_per_user, b.query_period.value, b.model) == (15, 2000, 40, "week", "gpt-4o")
    b = parse_brief("add-on $12/month, overage $0.01 per query beyond 500 free queries")
    assert _change(b, "overage per 1,000 queries")["result"] == pytest.approx(10)  # $0.01 x 1,000
    assert b.overage_per_1k == pytest.approx(10) and b.notes["overage_per_1k"] == "$0.01 per query"
    assert (b.plan.included_queries, b.plan.overage_per_1k, b.fee) == (500, pytest.approx(10), 12)  # the allowance
    b = parse_brief("free tier of 50 queries for 100,000 free users, $20 pro plan for 5,000 users, "
                    "$8 per 1,000 extra queries")
    assert (b.plan.free_quota, b.plan.free_users, b.fee, b.users) == (50, 100_000, 20, 5_000)
    assert b.options.overage_per_1k == 8 and b.plan.included_queries is None
    b = parse_brief("a $120 a year AI plan for 3,000 users at $0.002 per 1K tokens, 10 queries a day, "
                    "heavy users send 30 queries a day")
    assert b.fee == 10 and b.notes["fee"] == "$120 a year"
    assert b.scenario.pricing.input_per_1m == pytest.approx(2) and b.model is None and "model" not in b.origin
    assert b.pricing() == {"price": pytest.approx(2), "price_unit": "per_1m"}
    assert (b.queries_per_user, b.queries_p95) == (10, 30) and b.origin["queries_p95"] == "from the brief"
    # 10 a day is the mean user's: no lognormal with that mean has a 95th percentile of 100 (at most 3.87x the mean)
    b = parse_brief("a $10 AI plan for 3,000 users, 10 queries a day, heavy users send 100 queries a day")
    assert b.queries_p95 is None and any("100" in said for said in b.not_understood)


def test_an_allowance_with_overage_is_the_plan_s_not_a_free_tier() -> None:
    b = parse_brief("a $10 AI plan for 5,000 users with 500 included queries, then $4 per 1,000 extra queries")
    assert (b.plan.included_queries, b.plan.overage_per_1k, b.overage_per_1k) == (500, 4, 4)
    assert b.origin["free_users"].startswith("default: ") and b.origin["included_queries"] == "from the brief"
    assert b.origin["overage_per_1k"] == "from the brief"
    memo = build_memo(b, Catalog())
    metered = [c for c in memo.tool_calls if c.name == "pricing_plan"][2]
    assert (metered.args["free_quota_queries"], metered.args["overage_price_per_1k_queries"]) == (500, 4)
    assert "includes 500 queries (the plan's allowance); beyond that $4 per 1,000 queries" in memo.sections[3].paragraphs[2]


def test_regions_margins_and_fixed_costs_are_read() -> None:
    b = parse_brief("pricing our AI feature at $15 a seat with 2,000 tokens per query and $50k monthly fixed "
                    "costs, 70% target margin, in the US, UK and Japan")
    assert (b.tokens_total, b.scenario.fixed_costs_per_month, b.target_margin) == (2000, 50_000, 0.7)
    assert (b.scenario.usage.tokens.input, b.scenario.usage.tokens.output) == (1_500, 500)
    assert b.options.regions == ["US", "UK", "Japan"]
    assert parse_brief("can you write a pricing memo for us on our AI add-on").options.regions == []  # not the US
    assert parse_brief("an AI add-on sold in Europe only").options.regions == ["EU"]


def test_a_brief_priced_per_token_runs_without_a_model() -> None:
    memo = build_memo("a $12/month add-on for 10,000 users at 10 queries a day, 2,000 tokens each, at $1 per 1M "
                      "tokens", Catalog())
    assert memo.verified
    cost = next(c for c in memo.tool_calls if c.name == "token_cost")
    assert cost.result["cost_per_query_usd"] == pytest.approx(0.002)
    assert "API: $1 per 1M tokens" in [r[0] for r in memo.sections[6].table.rows]


# -- the memo kinds: the brief's figures, read by role, never replaced by defaults -----------------------

SEATS = ("Draft a pricing memo for our AI meeting-summaries add-on at $12 a month: 120,000 seats, we expect 15% to buy "
         "the add-on; each buyer summarizes about 60 meetings a month, each summary ~6,000 input and 800 output "
         "tokens, on gpt-4o-mini.")


def test_a_share_of_the_seats_buys_and_the_rest_are_the_free_users() -> None:
    b = parse_brief(SEATS)
    assert _change(b, "paying users") == {"name": "paying users", "value": 120_000, "share_percent": 15,
                                          "result": 18_000}
    assert _change(b, "free users") == {"name": "free users", "value": 120_000, "minus": 18_000, "result": 102_000}
    assert (b.users, b.plan.free_users) == (18_000, 102_000)  # not 120,000 paying users, not a default 50,000
    assert b.origin["users"] == "from the brief: 15% of 120,000"
    assert b.origin["free_users"] == "from the brief: 120,000 less the 18,000 who buy"


def test_a_part_of_the_customers_pays_and_the_rest_are_the_free_users() -> None:
    b = parse_brief("memo for an AI copilot: 12,000 of our 90,000 customers would turn it on at $9 a seat")
    assert _change(b, "free users") == {"name": "free users", "value": 90_000, "minus": 12_000, "result": 78_000}
    assert (b.users, b.plan.free_users, b.origin["free_users"]) == (12_000, 78_000,
                                                                     "from the brief: 90,000 less the 12,000 who pay")


def test_usage_per_buyer_and_a_token_split_replace_the_defaults() -> None:
    b = parse_brief(SEATS)
    assert (b.queries_per_user, b.query_period.value) == (60, "month")  # not 20 a day
    assert (b.scenario.usage.tokens.input, b.scenario.usage.tokens.output) == (6_000, 800)  # not 1,000 tokens
    assert b.fee == 12 and b.model == "gpt-4o-mini" and b.not_understood == []
    core = ("fee", "users", "queries_per_user", "tokens_per_query", "model", "free_users")
    assert all(b.origin[name].startswith("from the brief") for name in core)


def test_the_memo_of_the_seats_brief_rests_on_its_figures() -> None:
    memo = build_memo(SEATS, Catalog())
    assert memo.verified and memo.not_understood == []
    cost = next(c for c in memo.tool_calls if c.name == "token_cost")
    assert {k: cost.args[k] for k in ("users", "queries_per_user", "query_period", "input_tokens_per_query",
                                      "output_tokens_per_query", "model")} == {
        "users": 18_000, "queries_per_user": 60, "query_period": "month", "input_tokens_per_query": 6_000,
        "output_tokens_per_query": 800, "model": "gpt-4o-mini"}
    # gpt-4o-mini: 6,000 x $0.15/1M + 800 x $0.60/1M = $0.00138 a summary; 60 a month = $0.0828 a buyer.
    assert cost.result["cost_per_query_usd"] == pytest.approx(0.00138)
    assert cost.result["cost_per_user_per_month_usd"] == pytest.approx(0.0828)
    summary = memo.sections[0].paragraphs[0]
    assert "for 18,000 paying users" in summary and "(60 queries a month) costs $0.0828 a month" in summary
    free = [c for c in memo.tool_calls if c.name == "pricing_plan"][1]
    assert free.args["free_users"] == 102_000
    # The simulation prices the same split: 6,000 of 6,800 tokens at the input price.
    mc = next(c for c in memo.tool_calls if c.name == "monte_carlo")
    assert (mc.args["input_tokens_per_query"], mc.args["output_tokens_per_query"]) == (6_000, 800)


def test_a_figure_the_memo_cannot_use_is_listed_not_dropped() -> None:
    brief = "pricing memo: a $10/month AI add-on for 5,000 users; we raised $3M last year"
    memo = build_memo(brief, Catalog())
    assert memo.not_understood == ["$3000000"]
    assert "**Not understood, so not used in this memo:** $3000000." in memo.sections[0].paragraphs[-1]
    assert any("$3000000" in bullet for bullet in memo.sections[1].bullets)
    answer = Assistant(search=passages).ask(f"Draft a {brief}", "unread")  # the chat answer says so too
    assert not answer.understood and answer.unused == ["$3000000"]
    assert "Not understood, so not used in this memo: $3000000" in answer.answer
    assert Assistant(search=passages).ask("Draft a pricing memo for a $10/month AI add-on", "read").understood


@pytest.mark.parametrize("brief", [SEATS, "a $10 AI plan for 5,000 users with 500 included queries, then $4 per "
                                          "1,000 extra queries; we raised $3M and pay 2 engineers",
                                   "a $120 a year AI plan for 3,000 users at $0.002 per 1K tokens, 10 queries a day, "
                                   "heavy users send 100 queries a day, 70% target margin, $8k fixed costs a month",
                                   "memo for an AI copilot: 12,000 of our 90,000 customers would turn it on at $9 a "
                                   "seat, 30 requests a day each, 8 H100s, 2,500 tokens/s"])
def test_every_figure_of_a_brief_is_used_or_listed(brief: str) -> None:
    reading = read(parse(brief))
    said = {g.text for g in reading.givens} | set(reading.unused)
    used = {g.text for g in read_brief(brief).figures.values()}
    b = parse_brief(brief)
    assert said <= used | set(b.not_understood), said - used - set(b.not_understood)
    assert set(b.not_understood) <= said  # only the brief's own figures are listed


@pytest.mark.parametrize("question", [
    "Draft a pricing memo for a $10/month AI add-on with a free quota",
    "write me a pricing memo for our AI summaries at $8 per seat",
    "Can you put together a memo on pricing our AI feature at $15 a seat",
    "I need a write-up on pricing our AI assistant at $20 per seat",
    "prepare a brief on how we should price the AI add-on",
    "write a one pager on our AI pricing for 5k users at 30 queries a day",
])
def test_chat_questions_for_a_memo_route_to_draft_memo(question: str) -> None:
    plan = make_plan(question)
    assert [s.tool for s in plan.steps] == ["draft_memo"] and plan.steps[0].args["brief"] == question


@pytest.mark.parametrize("question", [
    "what is a memo?", "summarize the memo on vendor lock-in", "give me a brief overview of flat-rate pricing risks",
    "What margin does a $10 plan leave if a user costs $2?",
])
def test_other_questions_do_not_draft_a_memo(question: str) -> None:
    assert "draft_memo" not in [s.tool for s in make_plan(question).steps]


def test_a_follow_up_changes_the_memo_and_a_new_question_does_not() -> None:
    first = Step("draft_memo", {"brief": "Draft a pricing memo for a $10/month AI add-on for 3,000 users"})
    plan = make_plan("what about at $15 instead?", [first])
    assert plan.steps[0].tool == "draft_memo" and plan.steps[0].args["changes"] == ["what about at $15 instead?"]
    b = parse_brief(first.args["brief"], plan.steps[0].args["changes"])
    assert (b.fee, b.users) == (15, 3_000) and b.notes["fee"] == "$15 read as the add-on's price"
    other = make_plan("How much does gpt-4o-mini cost for 1000 users at 10 queries a day?", [first])
    assert [s.tool for s in other.steps] == ["token_cost"]


def test_a_memo_from_chat_is_verified_and_downloadable_in_the_app() -> None:
    assistant = Assistant(search=passages)
    question = "Draft a pricing memo for a $12/month AI add-on for 3,000 users"
    answer = assistant.ask(question, "m1")
    assert answer.verified and [c.name for c in answer.tool_calls] == ["draft_memo"]
    assert "**Recommendation:" in answer.answer and ".docx" in answer.answer and "$12/month" in answer.answer
    result = answer.tool_calls[0].result
    assert result["verified"] and result["figures"]["recommended_option"].lower() in answer.answer
    for key in ("markdown_path", "docx_path"):
        assert Path(result[key]).exists()
        assert Path(assistant.settings.data_dir) / "memos" in Path(result[key]).parents
    frames = list(stream_answer(assistant, question, "m2"))
    files = [m.content for m in frames[-1] if isinstance(m.content, gr.File)]
    assert files, "the memo files are offered for download in the chat"
    assert sorted(Path(f["orig_name"]).suffix for f in files[0].value) == [".docx", ".md", ".yaml"]
