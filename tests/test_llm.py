"""The OpenAI path over real HTTP: the real openai client and langchain-openai against the stub."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import openai
import pytest
from langchain_core.messages import AIMessage, HumanMessage, SystemMessage, ToolMessage
from langchain_core.tools import tool
from openai_stub import OpenAIStub, error, fault, text, tool_call

from assistant.config import Settings
from assistant.llm import (
    LLMBadResponseError,
    build_chat_model,
    chat_model_or_fallback,
    check_llm_response,
    classify_llm_error,
    invalid_tool_call_feedback,
    llm_error,
    price_llm_usage,
)
from tools.catalog import Catalog
from tools.errors import ConfigError, LLMUnavailableError

pytest_plugins = ["openai_stub"]  # the `openai_stub` fixture

KEY = "sk-test-do-not-echo-0123456789"
CATALOG = Catalog(today=date(2026, 11, 24))


def settings_for(stub: OpenAIStub, **overrides: Any) -> Settings:
    values: dict[str, Any] = {"model": "openai:gpt-4o-mini", "openai_api_key": KEY,
                              "openai_base_url": stub.base_url, "llm_timeout_s": 5.0,
                              "llm_max_retries": 2}
    return Settings(**{**values, **overrides})


@tool
def token_cost(model: str, users: int) -> str:
    """Monthly token cost of a model for a number of users.

    Args:
        model: catalog model name.
        users: monthly active users.
    """
    return f"{model} for {users} users"


# -- answers ---------------------------------------------------------------------------------
def test_text_answer_carries_usage_and_model_name(openai_stub: OpenAIStub) -> None:
    openai_stub.script(text("Hello from the stub.", prompt_tokens=1_000, completion_tokens=500))
    model = build_chat_model(settings_for(openai_stub))

    reply = model.invoke([SystemMessage("Be exact."), HumanMessage("Hi")])

    assert reply.content == "Hello from the stub."
    assert reply.usage_metadata is not None
    assert reply.usage_metadata["input_tokens"] == 1_000
    assert reply.usage_metadata["output_tokens"] == 500
    assert reply.response_metadata["model_name"] == "gpt-4o-mini"
    body = openai_stub.requests[0]
    assert body["model"] == "gpt-4o-mini"
    assert [(m["role"], m["content"]) for m in body["messages"]] == [
        ("system", "Be exact."), ("user", "Hi")]
    assert "tools" not in body
    assert openai_stub.headers[0]["authorization"] == f"Bearer {KEY}"
    # 1,000 x $0.15 + 500 x $0.60 per 1M = $0.00015 + $0.00030 = $0.00045
    cost = price_llm_usage(reply.response_metadata["model_name"],
                           reply.usage_metadata["input_tokens"],
                           reply.usage_metadata["output_tokens"], CATALOG)
    assert cost == pytest.approx(0.00045)


def test_tool_call_comes_back_parsed_and_tools_were_sent(openai_stub: OpenAIStub) -> None:
    openai_stub.script(tool_call("token_cost", {"model": "gpt-4o-mini", "users": 1000}),
                       text("It costs $12.", prompt_tokens=30, completion_tokens=5))
    model = build_chat_model(settings_for(openai_stub)).bind_tools([token_cost],
                                                                   tool_choice="auto")

    first = model.invoke([HumanMessage("Cost for 1000 users on gpt-4o-mini?")])

    assert isinstance(first, AIMessage)
    assert first.invalid_tool_calls == []
    [call] = first.tool_calls
    assert call["name"] == "token_cost"
    assert call["args"] == {"model": "gpt-4o-mini", "users": 1000}
    body = openai_stub.requests[0]
    assert body["tool_choice"] == "auto"
    [sent] = body["tools"]
    assert sent["type"] == "function"
    assert sent["function"]["name"] == "token_cost"
    assert set(sent["function"]["parameters"]["properties"]) == {"model", "users"}

    # The tool result goes back as a tool message answering the call's id.
    result = ToolMessage(content=token_cost.invoke(call["args"]), tool_call_id=call["id"])
    second = model.invoke([HumanMessage("Cost?"), first, result])
    assert second.content == "It costs $12."
    messages = openai_stub.requests[1]["messages"]
    assert messages[1]["tool_calls"][0]["id"] == call["id"]
    assert json.loads(messages[1]["tool_calls"][0]["function"]["arguments"]) == call["args"]
    assert messages[2] == {"role": "tool", "content": "gpt-4o-mini for 1000 users",
                           "tool_call_id": call["id"]}


def test_streamed_tool_call_and_usage(openai_stub: OpenAIStub) -> None:
    openai_stub.script(tool_call("token_cost", {"model": "gpt-4o", "users": 7},
                                 prompt_tokens=40, completion_tokens=12))
    model = build_chat_model(settings_for(openai_stub)).bind_tools([token_cost])

    chunks = list(model.stream("Cost for 7 users on gpt-4o?"))
    merged = chunks[0]
    for chunk in chunks[1:]:
        merged += chunk

    assert len(chunks) > 3  # really streamed, argument deltas included
    assert merged.tool_calls[0]["name"] == "token_cost"
    assert merged.tool_calls[0]["args"] == {"model": "gpt-4o", "users": 7}
    assert check_llm_response(merged) is merged  # complete arguments pass the strict check
    assert merged.usage_metadata is not None
    usage = merged.usage_metadata
    assert (usage["input_tokens"], usage["output_tokens"]) == (40, 12)
    body = openai_stub.requests[0]
    assert body["stream"] is True
    assert body["stream_options"] == {"include_usage": True}


# -- retries (the openai client's, set by llm_max_retries) -----------------------------------
@pytest.mark.parametrize("kind", ["429", "500"])
def test_error_then_success_is_retried(openai_stub: OpenAIStub, kind: str) -> None:
    openai_stub.script(fault(kind), text("Recovered."))
    model = build_chat_model(settings_for(openai_stub, llm_max_retries=2))

    assert model.invoke("Hi").content == "Recovered."
    assert openai_stub.calls == 2
    assert [h["x-stainless-retry-count"] for h in openai_stub.headers] == ["0", "1"]
    assert openai_stub.requests[0] == openai_stub.requests[1]  # the same request, resent


def test_timeout_then_success_is_retried(openai_stub: OpenAIStub) -> None:
    openai_stub.script(fault("timeout"), text("On time now."))
    model = build_chat_model(settings_for(openai_stub, llm_timeout_s=0.5, llm_max_retries=1))

    assert model.invoke("Hi").content == "On time now."
    assert openai_stub.calls == 2


@pytest.mark.parametrize("kind", ["500", "429"])
def test_persistent_server_error_is_unreachable_after_all_retries(openai_stub: OpenAIStub,
                                                                  kind: str) -> None:
    openai_stub.script(*[fault(kind)] * 3)
    settings = settings_for(openai_stub, llm_max_retries=2)
    model = build_chat_model(settings)

    with pytest.raises(openai.APIStatusError) as caught:
        model.invoke("Hi")

    assert openai_stub.calls == 3  # max_retries + 1
    assert caught.value.status_code == int(kind)
    assert classify_llm_error(caught.value) == "unreachable"
    readable = llm_error(caught.value, settings)
    assert isinstance(readable, LLMUnavailableError)
    assert f"HTTP {kind}, 3 attempt(s)" in str(readable)
    assert "MARGINAL_MODEL=offline" in str(readable)
    assert KEY not in str(readable)


def test_persistent_timeout_is_unreachable(openai_stub: OpenAIStub) -> None:
    openai_stub.script(fault("timeout"))
    settings = settings_for(openai_stub, llm_timeout_s=0.3, llm_max_retries=0)

    with pytest.raises(openai.APITimeoutError) as caught:
        build_chat_model(settings).invoke("Hi")

    assert openai_stub.calls == 1
    assert classify_llm_error(caught.value) == "unreachable"
    assert "no answer within 0.3 s" in str(llm_error(caught.value, settings))


def test_server_down_is_unreachable() -> None:
    with OpenAIStub() as stub:
        settings = settings_for(stub, llm_max_retries=0)
    # stopped: nothing listens on the port any more
    with pytest.raises(openai.APIConnectionError) as caught:
        build_chat_model(settings).invoke("Hi")
    assert classify_llm_error(caught.value) == "unreachable"
    assert "connection failed" in str(llm_error(caught.value, settings))


# -- bad responses -----------------------------------------------------------------------------
@pytest.mark.parametrize("streaming", [False, True])
def test_malformed_tool_args_are_a_bad_response(openai_stub: OpenAIStub, streaming: bool) -> None:
    openai_stub.script(fault("malformed_tool_args"), text("Fixed."))
    model = build_chat_model(settings_for(openai_stub)).bind_tools([token_cost])

    if streaming:
        chunks = list(model.stream("Cost?"))
        reply = chunks[0]
        for chunk in chunks[1:]:
            reply += chunk
    else:
        reply = model.invoke("Cost?")

    assert reply.tool_calls == []
    [bad] = reply.invalid_tool_calls
    assert bad["name"] == "token_cost"  # the stub used the request's first tool
    assert bad["args"] == '{"model": gpt-4o-mini, "users": 1000}'
    with pytest.raises(LLMBadResponseError, match="not valid JSON") as caught:
        check_llm_response(reply)
    assert classify_llm_error(caught.value) == "bad_response"
    assert llm_error(caught.value, settings_for(openai_stub)) is caught.value

    # The model can be told and asked again: every call id gets an answer.
    [feedback] = invalid_tool_call_feedback(reply)
    assert model.invoke([HumanMessage("Cost?"), reply, feedback]).content == "Fixed."
    sent = openai_stub.requests[1]["messages"]
    assert sent[1]["tool_calls"][0]["function"]["arguments"] == bad["args"]
    assert sent[2]["role"] == "tool" and sent[2]["tool_call_id"] == bad["id"]
    assert "not valid JSON" in sent[2]["content"]


def test_truncated_streamed_args_are_caught_although_langchain_completes_them(
        openai_stub: OpenAIStub) -> None:
    openai_stub.script(fault("malformed_tool_args", args='{"model": "gpt-4o-mini", "users": 10'))
    model = build_chat_model(settings_for(openai_stub)).bind_tools([token_cost])

    chunks = list(model.stream("Cost for 1000 users?"))
    merged = chunks[0]
    for chunk in chunks[1:]:
        merged += chunk

    # LangChain's lenient parser closes the object: a cut-off 1000 would pass as 10.
    assert merged.tool_calls[0]["args"] == {"model": "gpt-4o-mini", "users": 10}
    assert merged.invalid_tool_calls == []
    with pytest.raises(LLMBadResponseError, match="not valid JSON"):
        check_llm_response(merged)


def test_tool_call_cut_off_by_the_token_limit_is_refused(openai_stub: OpenAIStub) -> None:
    openai_stub.script(tool_call("token_cost", {"model": "gpt-4o-mini", "users": 10},
                                 finish_reason="length"))
    reply = build_chat_model(settings_for(openai_stub)).bind_tools([token_cost]).invoke("Cost?")

    assert reply.response_metadata["finish_reason"] == "length"
    with pytest.raises(LLMBadResponseError, match="cut off by the output token limit"):
        check_llm_response(reply)


def test_check_llm_response_passes_good_messages() -> None:
    message = AIMessage(content="", tool_calls=[{"name": "token_cost", "args": {}, "id": "c1"}])
    assert check_llm_response(message) is message


# -- rejected requests and configuration -----------------------------------------------------
def test_wrong_key_is_rejected_without_retry_or_echo() -> None:
    with OpenAIStub(api_key="sk-the-right-one") as stub:
        stub.script(text("never sent"))
        settings = settings_for(stub)
        with pytest.raises(openai.AuthenticationError) as caught:
            build_chat_model(settings).invoke("Hi")
        assert stub.calls == 1
        assert stub.pending == 1
    assert classify_llm_error(caught.value) == "rejected"
    readable = llm_error(caught.value, settings)
    assert isinstance(readable, ConfigError)
    assert "OPENAI_API_KEY" in str(readable)
    assert KEY not in str(readable)


def test_unknown_errors_are_not_llm_failures() -> None:
    settings = Settings(model="openai:gpt-4o-mini", openai_api_key=KEY)
    assert classify_llm_error(ZeroDivisionError()) == "other"
    assert llm_error(KeyError("x"), settings) is None


def test_missing_key_says_how_to_set_it() -> None:
    settings = Settings(model="hybrid:gpt-4o-mini")
    with pytest.raises(ConfigError, match="OPENAI_API_KEY"):
        build_chat_model(settings)
    model, notice = chat_model_or_fallback(settings)
    assert model is None
    assert notice is not None and "offline planner" in notice and "OPENAI_API_KEY" in notice


def test_blank_key_counts_as_missing() -> None:
    with pytest.raises(ConfigError, match="needs an API key"):
        build_chat_model(Settings(model="openai:gpt-4o-mini", openai_api_key="  "))


def test_offline_has_no_chat_model() -> None:
    assert chat_model_or_fallback(Settings()) == (None, None)
    with pytest.raises(ConfigError, match="offline planner"):
        build_chat_model(Settings())


def test_key_never_shows_in_the_model_repr(openai_stub: OpenAIStub) -> None:
    settings = settings_for(openai_stub, llm_timeout_s=7.5, llm_max_retries=4)
    model, notice = chat_model_or_fallback(settings)
    assert model is not None and notice is None
    assert KEY not in repr(model) and KEY not in str(model.model_dump())
    assert (model.model_name, model.request_timeout, model.max_retries) == ("gpt-4o-mini", 7.5, 4)
    assert model.openai_api_base == openai_stub.base_url


# -- pricing ---------------------------------------------------------------------------------
def test_price_gpt4o_mini_by_hand() -> None:
    # 1,000 x $0.15 + 500 x $0.60 per 1M tokens = $0.00045
    assert price_llm_usage("gpt-4o-mini", 1_000, 500, CATALOG) == pytest.approx(0.00045)
    # cached input at $0.075: 600 x 0.15 + 400 x 0.075 + 500 x 0.60 = 420 per 1M = $0.00042
    assert price_llm_usage("gpt-4o-mini", 1_000, 500, CATALOG,
                           cached_input_tokens=400) == pytest.approx(0.00042)
    assert price_llm_usage("gpt-4o-mini", 0, 0, CATALOG) == 0.0


def test_price_unknown_model_or_nonsense_counts_is_none() -> None:
    assert price_llm_usage("no-such-model-xyz", 1_000, 500, CATALOG) is None
    assert price_llm_usage("", 1_000, 500, CATALOG) is None
    assert price_llm_usage("gpt-4o-mini", -1, 500, CATALOG) is None
    assert price_llm_usage("gpt-4o-mini", 10, 5, CATALOG, cached_input_tokens=11) is None


# -- the stub's own scripted behaviours ------------------------------------------------------
def test_loop_calls_a_tool_on_every_request(openai_stub: OpenAIStub) -> None:
    openai_stub.script(fault("loop", name="token_cost", args={"model": "x", "users": 1}))
    model = build_chat_model(settings_for(openai_stub)).bind_tools([token_cost])
    replies = [model.invoke("again") for _ in range(3)]
    assert [r.tool_calls[0]["args"] for r in replies] == [{"model": "x", "users": 1}] * 3
    assert len({r.tool_calls[0]["id"] for r in replies}) == 3


def test_invent_number_and_exhausted_script(openai_stub: OpenAIStub) -> None:
    openai_stub.script(fault("invent_number"))
    model = build_chat_model(settings_for(openai_stub))
    assert "$48,213.57" in str(model.invoke("Cost?").content)
    with pytest.raises(openai.BadRequestError, match="script exhausted"):
        model.invoke("More?")
    assert openai_stub.calls == 2  # a 400 is not retried


def test_models_endpoint_and_custom_error(openai_stub: OpenAIStub) -> None:
    client = openai.OpenAI(api_key=KEY, base_url=openai_stub.base_url, max_retries=0)
    assert [m.id for m in client.models.list()] == ["gpt-4o-mini"]
    assert openai_stub.model_list_calls == 1
    openai_stub.script(error(404, "model 'gpt-9' does not exist"))
    with pytest.raises(openai.NotFoundError) as caught:
        build_chat_model(settings_for(openai_stub, model="openai:gpt-9")).invoke("Hi")
    readable = llm_error(caught.value, settings_for(openai_stub, model="openai:gpt-9"))
    assert isinstance(readable, ConfigError) and "no model 'gpt-9'" in str(readable)


def test_lean_schema_keeps_what_an_llm_needs_and_drops_the_rest() -> None:
    from assistant.toolkit import lean_schema
    from tools import get_tool

    full = get_tool("token_cost").input_model.model_json_schema()
    lean = lean_schema(full)
    props = lean["properties"]
    assert lean["required"] == full["required"] == ["users", "queries_per_user"]
    assert props["query_period"]["enum"] == ["second", "minute", "hour", "day", "week", "month", "quarter", "year"]  # $ref inlined
    assert props["tokens_per_query"]["type"] == "number"  # the null alternative is gone
    assert props["users"]["description"] == full["properties"]["users"]["description"]
    text = str(lean)
    assert "examples" not in text and "title" not in text and "var" not in lean["properties"]["users"] and "$defs" not in text and "anyOf" not in text
    assert len(str(lean)) < 0.7 * len(str(full))
