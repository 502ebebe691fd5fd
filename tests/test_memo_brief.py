"""Memo briefs read with the planner's grammar, stated defaults, and memos asked for in chat."""

from __future__ import annotations

from pathlib import Path

import gradio as gr
import pytest

from assistant.agent import Assistant
from assistant.memo import build_memo, parse_brief
from assistant.planner.plan import Step, make_plan
from assistant.web import stream_answer
from tools.catalog import Catalog
from tools.errors import InputError


def passages(query: str, k: int) -> list[dict]:
    return [{"source": "knowledge/docs/flat-rate-pricing-risk.md", "title": "Flat-rate risk", "section": "",
             "text": "Heavy users cost more than a flat fee brings in."}]


def test_a_brief_without_a_price_gets_stated_defaults() -> None:
    b = parse_brief("a pricing memo for our AI feature")
    assert b.fee == 10 and b.given["fee"].startswith("default: ") and b.model == "gpt-4o-mini"
    assert b.queries_p95 == 3 * b.queries_per_user and b.given["queries_p95"].startswith("default: ")


@pytest.mark.parametrize("text", ["  12 ", "", "asdf qwer zxcv", "the weather in Paris tomorrow"])
def test_a_brief_that_is_not_about_pricing_is_a_clear_error(text: str) -> None:
    with pytest.raises(InputError, match="does not describe an AI product or its pricing") as err:
        parse_brief(text)
    assert "e.g." in str(err.value)  # and how to write one


def test_usage_periods_overage_prices_and_token_prices_are_read() -> None:
    b = parse_brief("AI writing assistant at $15 per seat, 2,000 seats, 40 queries per user per week, on gpt-4o")
    assert (b.fee, b.users, b.queries_per_user, b.query_period.value, b.model) == (15, 2000, 40, "week", "gpt-4o")
    b = parse_brief("add-on $12/month, overage $0.01 per query beyond 500 free queries")
    assert b.overage_per_1k == pytest.approx(10) and b.notes["overage_per_1k"] == "$0.01 per query"
    assert b.free_queries == 500 and b.fee == 12
    b = parse_brief("free tier of 50 queries for 100,000 free users, $20 pro plan for 5,000 users, "
                    "$8 per 1,000 extra queries")
    assert (b.free_queries, b.free_users, b.fee, b.users, b.overage_per_1k) == (50, 100_000, 20, 5_000, 8)
    b = parse_brief("a $120 a year AI plan for 3,000 users at $0.002 per 1K tokens, 10 queries a day, "
                    "heavy users send 100 queries a day")
    assert b.fee == 10 and b.notes["fee"] == "$120 a year"
    assert b.price_per_1m == pytest.approx(2) and b.model is None and "model" not in b.given
    assert (b.queries_per_user, b.queries_p95) == (10, 100) and b.given["queries_p95"] == "from the brief"


def test_regions_margins_and_fixed_costs_are_read() -> None:
    b = parse_brief("pricing our AI feature at $15 a seat with 2,000 tokens per query and $50k monthly fixed "
                    "costs, 70% target margin, in the US, UK and Japan")
    assert (b.tokens_per_query, b.fixed_cost_month, b.target_margin) == (2000, 50_000, 0.7)
    assert b.regions == ["US", "UK", "Japan"]
    assert parse_brief("can you write a pricing memo for us on our AI add-on").regions == []  # "us" is not the US
    assert parse_brief("an AI add-on sold in Europe only").regions == ["EU"]


def test_a_brief_priced_per_token_runs_without_a_model() -> None:
    memo = build_memo("a $12/month add-on for 10,000 users at 10 queries a day, 2,000 tokens each, at $1 per 1M "
                      "tokens", Catalog())
    assert memo.verified
    cost = memo.tool_calls[0]
    assert cost.name == "token_cost" and cost.result["cost_per_query_usd"] == pytest.approx(0.002)
    assert "API: $1 per 1M tokens" in [r[0] for r in memo.sections[6].table.rows]


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
    plan = make_plan("what about at $15?", [first])
    assert plan.steps[0].tool == "draft_memo" and plan.steps[0].args["changes"] == ["what about at $15?"]
    b = parse_brief(first.args["brief"], plan.steps[0].args["changes"])
    assert (b.fee, b.users) == (15, 3_000)
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
    assert sorted(Path(f["orig_name"]).suffix for f in files[0].value) == [".docx", ".md"]
