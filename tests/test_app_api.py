"""The running app through its public API (gradio_client) and its MCP server (the `mcp` client)."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import pytest
from gradio_client import Client

from tools import TOOLS

pytestmark = pytest.mark.server
pytest_plugins = ["app_server"]


def _text(result: Any) -> str:
    """The chat messages of a /chat result, as one string."""
    messages = result[0] if isinstance(result, tuple | list) and isinstance(result[0], list) else result
    return "\n".join(str(m.get("content", "")) if isinstance(m, dict) else str(m) for m in messages)


def test_a_question_gets_the_number_and_a_tool_step(app_url: str) -> None:
    client = Client(app_url, verbose=False)
    result = client.predict("How much would 100,000 users cost us on gpt-4o-mini at 20 queries each per day?",
                            api_name="/chat")
    messages = result[0]
    steps = [m for m in messages if (m.get("metadata") or {}).get("title")]
    assert steps and "token_cost" in steps[0]["metadata"]["title"]
    assert steps[0]["metadata"]["status"] == "done"
    assert "$15,750" in _text(result)
    assert "LLM calls" in result[1], "the session meter is updated"


def test_a_follow_up_continues_the_same_session(app_url: str) -> None:
    client = Client(app_url, verbose=False)
    client.predict("What does 100k users at 20 queries a day cost on gpt-4o-mini?", api_name="/chat")
    follow_up = _text(client.predict("and with 30,000 users?", api_name="/chat"))
    assert "$4,725" in follow_up


def test_two_sessions_do_not_see_each_other(app_url: str) -> None:
    first, second = Client(app_url, verbose=False), Client(app_url, verbose=False)
    first.predict("What does 100k users at 20 queries a day cost on gpt-4o-mini?", api_name="/chat")
    second.predict("What does 2,000 users at 5 queries a day cost on gpt-4o?", api_name="/chat")
    assert "$4,725" in _text(first.predict("and with 30,000 users?", api_name="/chat"))
    other = _text(second.predict("and with 30,000 users?", api_name="/chat"))
    assert "$4,725" not in other and "30,000" in other, "the second session follows up on its own question"


def test_bad_input_is_a_readable_message(app_url: str) -> None:
    text = _text(Client(app_url, verbose=False).predict(
        "What do -500 users at 20 queries a day cost on gpt-4o-mini?", api_name="/chat"))
    assert "Traceback" not in text
    assert "users" in text.lower() and ("positive" in text.lower() or "must" in text.lower())


def test_each_calculator_is_an_api_endpoint(app_url: str) -> None:
    result = json.loads(Client(app_url, verbose=False).predict(
        users=1000, queries_per_user=10, tokens_per_query=1000, price=2.0, api_name="/token_cost"))
    assert result["cost_per_month_usd"] == pytest.approx(600.0)  # 1,000 x 10 x 30 x 1,000 x $2/1M


def test_ask_answers_as_json_and_follows_up_by_session_id(app_url: str) -> None:
    client = Client(app_url, verbose=False)
    first = json.loads(client.predict(question="What does 100k users at 20 queries a day cost on gpt-4o-mini?",
                                      session_id="plan-a", api_name="/ask"))
    assert "$15,750" in first["answer"] and first["verified"] and first["tool_calls"][0]["name"] == "token_cost"
    follow = json.loads(client.predict(question="and with 30,000 users?", session_id="plan-a", api_name="/ask"))
    assert "$4,725" in follow["answer"]
    alone = json.loads(client.predict(question="and with 30,000 users?", api_name="/ask"))
    assert "$4,725" not in alone["answer"], "without a session id a question stands alone"


async def _mcp(url: str) -> tuple[list[Any], Any, list[Any]]:
    from mcp import ClientSession
    from mcp.client.streamable_http import streamable_http_client

    async with streamable_http_client(url) as (read, write, _), ClientSession(read, write) as session:
        await session.initialize()
        listed = await session.list_tools()
        called = await session.call_tool("margin", {"revenue_usd": 100.0, "cogs_usd": 40.0})
        asked = [await session.call_tool("ask", {"question": question, "session_id": "mcp-test"})
                 for question in ("What does 100k users at 20 queries a day cost on gpt-4o-mini?",
                                  "and with 30,000 users?")]
        return listed.tools, called, asked


def test_mcp_lists_described_tools_and_calls_a_calculator_and_ask(app_url: str) -> None:
    tools, called, asked = asyncio.run(_mcp(app_url + "gradio_api/mcp/"))
    by_name = {t.name: t for t in tools}
    assert set(by_name) == {"ask", *(spec.name for spec in TOOLS)}, "the registry and ask, nothing internal"
    for tool in tools:
        assert len(tool.description or "") > 40, f"{tool.name} has no description"
        props = tool.inputSchema.get("properties", {})
        assert props, f"{tool.name} takes no arguments"
        assert all(p.get("description") for p in props.values()), f"{tool.name} has undescribed arguments"
    assert by_name["ask"].inputSchema.get("required") == ["question"]
    first, follow = (json.loads(a.content[0].text) for a in asked)
    assert not any(a.isError for a in asked)
    assert "$15,750" in first["answer"] and "$4,725" in follow["answer"], "ask follows up within its session id"
    for spec in TOOLS:
        assert spec.name in by_name, f"{spec.name} is missing from the MCP server"
        assert spec.summary.split(":")[0][:30] in by_name[spec.name].description
    props = by_name["token_cost"].inputSchema["properties"]
    assert {"users", "queries_per_user", "model", "price"} <= set(props)
    assert props["users"].get("description"), "argument descriptions come from the input model"
    payload = json.loads(called.content[0].text)
    assert payload["gross_margin"] == pytest.approx(0.6)  # (100 - 40) / 100


def test_the_load_benchmark_client_chats_like_the_page_and_asks_through_the_api(app_url: str) -> None:
    from benchmarks.load import run_load

    report = run_load(app_url, users=4)  # two /chat users and two `ask` users, three turns each
    assert (report["answers"], report["errors"], report["session_leaks"], report["wrong_answers"]) == (12, 0, 0, 0)
    assert {"answers_per_s", "p50_ms", "p95_ms", "client_cpu_ms_per_answer", "load_average"} <= set(report)
