"""The agent loop: offline planner end to end, a scripted LLM, sessions, verification, metering."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from langchain_core.messages import AIMessage
from scripted_model import ScriptedChatModel

from assistant.agent import Assistant
from assistant.config import Settings

QUESTION = ("What does 100k users at 20 queries a day cost per month at $0.002 per 1K tokens "
            "with 1,000 tokens per query?")
PASSAGE = {"source": "knowledge/docs/open-vs-closed-models.md", "title": "Open vs closed models",
           "section": "Utilization", "text": "Cypher reported $1,200 on Llama 2 against $5 on GPT-3.5 Turbo."}


def fake_search(query: str, k: int) -> list[dict]:
    return [PASSAGE][:k]


@pytest.fixture
def assistant(_isolated_env: Path) -> Assistant:
    return Assistant(Settings(), search=fake_search)


def test_offline_answer_is_exact_and_verified(assistant: Assistant) -> None:
    answer = assistant.ask(QUESTION)
    assert answer.answer.startswith("**Monthly cost:** $120,000\n")  # the asked figure first
    assert "100,000 users at 20 queries per day cost $120,000 per month" in answer.answer
    assert answer.understood and answer.unused == []
    assert [c.name for c in answer.tool_calls] == ["token_cost"]
    assert answer.tool_calls[0].result["cost_per_month_usd"] == pytest.approx(120_000)
    assert answer.verified and answer.unverified_numbers == []
    assert answer.model == "offline" and answer.usage.llm_calls == 0 and answer.error is None
    assert "Formula" in answer.answer and "A month is 30 days." in answer.answer


def test_knowledge_answer_cites_its_passage(assistant: Assistant) -> None:
    answer = assistant.ask("Why can self-hosting Llama cost more than an API?")
    assert answer.citations[0].source == PASSAGE["source"]
    assert "[1]" in answer.answer and answer.verified


def test_sessions_keep_the_scenario_and_stay_isolated(_isolated_env: Path) -> None:
    first = Assistant(Settings(), search=fake_search)
    first.ask("What do 100k users at 20 queries a day cost on gpt-4o-mini?", session_id="q3")
    # A new Assistant (a new CLI run) continues the same conversation from disk.
    again = Assistant(Settings(), search=fake_search).ask("and with 30,000 users?", session_id="q3")
    assert again.tool_calls[0].args["users"] == 30_000
    assert again.tool_calls[0].args["model"] == "gpt-4o-mini"
    other = Assistant(Settings(), search=fake_search).ask("and with 30,000 users?", session_id="other")
    assert not other.tool_calls or other.tool_calls[0].name != "token_cost" or \
        other.tool_calls[0].args.get("model") != "gpt-4o-mini"


def test_a_figure_from_the_sessions_scenario_is_verified(assistant: Assistant) -> None:
    assistant.ask("Budget ceiling: $8,000/month for 12k users x 25 queries/day x 2,000 tokens per query. What is the "
                  "highest blended price per million tokens we can afford?", session_id="fit")
    answer = assistant.ask("do gpt-4o-mini or gemini-2.5-flash fit in that budget?", session_id="fit")
    assert "$8,000" in answer.answer and answer.verified, answer.unverified_numbers
    fresh = assistant.ask("do gpt-4o-mini or gemini-2.5-flash fit in that budget?", session_id="new")
    assert "$8,000" not in fresh.answer  # another session has no such budget to state


def test_a_clarification_repeating_the_users_earlier_figures_is_verified(assistant: Assistant) -> None:
    assistant.ask("Our institutional seat sells for $37 a month. What's the gross margin?", session_id="echo")
    answer = assistant.ask("and at $44 a seat?", session_id="echo")  # still no cost: asked again, with both prices
    assert "$37" in answer.answer and answer.verified, (answer.answer, answer.unverified_numbers)


@pytest.mark.parametrize("question", ["", "   ", "x" * 10_000, "a trillion percent"])
def test_bad_input_never_raises(assistant: Assistant, question: str) -> None:
    answer = assistant.ask(question)
    assert answer.answer
    assert "Traceback" not in answer.answer


def test_invalid_values_name_the_field(assistant: Assistant) -> None:
    answer = assistant.ask("What do -500 users at 20 queries a day cost at $2 per 1M tokens?")
    assert answer.error and "users" in answer.error


def test_scripted_llm_drives_the_same_agent_and_is_metered(_isolated_env: Path) -> None:
    model = ScriptedChatModel(script=[
        AIMessage(content="", tool_calls=[{"name": "token_cost", "id": "c1", "args": {
            "users": 100_000, "queries_per_user": 20, "tokens_per_query": 1_000,
            "price": 0.002, "price_unit": "per_1k"}}]),
        AIMessage(content="It costs $120,000 per month."),
    ])
    settings = Settings(MARGINAL_LLM_WRITES_ANSWERS=True)  # the scripted LLM writes the final answer
    answer = Assistant(settings, chat_model=model, search=fake_search).ask(QUESTION)
    assert answer.verified and answer.answer == "It costs $120,000 per month."
    assert answer.usage.llm_calls == 2
    assert answer.usage.input_tokens == 2_000 and answer.usage.output_tokens == 1_000
    # gpt-4o-mini: 2,000 x $0.15/M + 1,000 x $0.60/M = $0.0009
    assert answer.usage.cost_usd == pytest.approx(0.0009)
    tools_sent = {m.type for m in model.seen[1]}
    assert "tool" in tools_sent


def test_invented_number_is_caught_repaired_once_then_flagged(_isolated_env: Path) -> None:
    call = AIMessage(content="", tool_calls=[{"name": "token_cost", "id": "c1", "args": {
        "users": 100_000, "queries_per_user": 20, "tokens_per_query": 1_000, "price": 2}}])
    model = ScriptedChatModel(script=[call, AIMessage(content="About $133,000 a month."),
                                      AIMessage(content="Still $133,000 a month.")])
    answer = Assistant(Settings(MARGINAL_LLM_WRITES_ANSWERS=True), chat_model=model, search=fake_search).ask(QUESTION)
    assert not answer.verified and "$133,000" in answer.unverified_numbers
    assert answer.answer.startswith("**Warning:**")
    assert len(model.seen) == 3  # the one repair attempt was made


def test_cli_ask_json_prints_the_answer_contract(_isolated_env: Path) -> None:
    root = Path(__file__).resolve().parents[1]
    out = subprocess.run([sys.executable, "-m", "assistant", "ask", QUESTION, "--json"],
                         capture_output=True, text=True, cwd=root, timeout=120, check=True)
    data = json.loads(out.stdout)
    assert set(data) == {"answer", "tool_calls", "citations", "verified", "unverified_numbers", "understood", "unused",
                         "model", "usage", "error"}
    assert data["tool_calls"][0]["result"]["cost_per_month_usd"] == pytest.approx(120_000)
