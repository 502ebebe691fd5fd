"""The whole agent on the OpenAI path, over real HTTP to a loopback chat-completions server."""

from pathlib import Path

import pytest
from openai_stub import OpenAIStub, error, fault, text, tool_call

from assistant.agent import Assistant
from assistant.config import Settings

pytest_plugins = ["openai_stub"]

QUESTION = ("What does 100k users at 20 queries a day cost per month at $0.002 per 1K tokens "
            "with 1,000 tokens per query?")
ARGS = {"users": 100_000, "queries_per_user": 20, "tokens_per_query": 1_000, "price": 0.002,
        "price_unit": "per_1k"}


def fake_search(query: str, k: int) -> list[dict]:
    return [{"source": "knowledge/docs/open-vs-closed-models.md", "title": "Open vs closed",
             "section": "Utilization", "text": "Small teams rarely keep rented GPUs busy."}]


def _assistant(stub: OpenAIStub, model: str = "openai:gpt-4o-mini", **extra: object) -> Assistant:
    # Most tests here exercise the LLM's own prose, so the LLM writes every final answer unless a
    # test turns the token economy's deterministic composition back on.
    extra.setdefault("MARGINAL_LLM_WRITES_ANSWERS", True)
    settings = Settings(MARGINAL_MODEL=model, OPENAI_API_KEY="sk-test-not-a-real-key",
                        OPENAI_BASE_URL=stub.base_url, MARGINAL_LLM_TIMEOUT=0.5,
                        MARGINAL_LLM_RETRIES=1, **extra)
    return Assistant(settings, search=fake_search)


def test_llm_calls_a_calculator_and_is_verified_and_metered(openai_stub: OpenAIStub) -> None:
    openai_stub.script(tool_call("token_cost", ARGS), text("It costs $120,000 per month.", prompt_tokens=1_000,
                                                           completion_tokens=500))
    answer = _assistant(openai_stub).ask(QUESTION)
    assert answer.answer == "It costs $120,000 per month." and answer.verified
    assert answer.model == "gpt-4o-mini" and answer.tool_calls[0].result["cost_per_month_usd"] == 120_000
    assert answer.usage.llm_calls == 2
    sent = {t["function"]["name"] for t in openai_stub.requests[0]["tools"]}
    assert {"token_cost", "search_knowledge"} <= sent and "break_even" not in sent  # only what it needs
    assert "Never do arithmetic" in openai_stub.requests[0]["messages"][0]["content"]


def test_a_finished_calculation_is_composed_without_a_second_llm_call(openai_stub: OpenAIStub) -> None:
    openai_stub.script(tool_call("token_cost", ARGS), text("never sent"))
    answer = _assistant(openai_stub, MARGINAL_LLM_WRITES_ANSWERS=False).ask(QUESTION)
    assert openai_stub.calls == 1 and answer.usage.llm_calls == 1
    assert answer.verified and "$120,000 per month" in answer.answer and "Formula:" in answer.answer
    sent = {t["function"]["name"] for t in openai_stub.requests[0]["tools"]}
    assert "token_cost" in sent and "search_knowledge" in sent
    assert len(sent) < 6, f"only the tools the question needs are sent, not all: {sorted(sent)}"


def test_a_knowledge_question_still_gets_the_llms_words(openai_stub: OpenAIStub) -> None:
    openai_stub.script(tool_call("search_knowledge", {"query": "self-hosting cost"}),
                       text("Small teams rarely keep rented GPUs busy [1]."))
    answer = _assistant(openai_stub, MARGINAL_LLM_WRITES_ANSWERS=False).ask(
        "Why can self-hosting Llama cost more than an API?")
    assert answer.answer == "Small teams rarely keep rented GPUs busy [1]." and openai_stub.calls == 2
    sent = {t["function"]["name"] for t in openai_stub.requests[0]["tools"]}
    assert "search_knowledge" in sent and "margin" not in sent


def test_429_and_500_are_retried(openai_stub: OpenAIStub) -> None:
    openai_stub.script(fault("429"), tool_call("token_cost", ARGS), fault("500"),
                       text("It costs $120,000 per month."))
    answer = _assistant(openai_stub).ask(QUESTION)
    assert answer.verified and answer.model == "gpt-4o-mini"
    assert openai_stub.calls == 4


@pytest.mark.parametrize("failure", [error(500), fault("timeout")])
def test_an_unreachable_llm_falls_back_to_the_offline_planner(openai_stub: OpenAIStub, failure) -> None:
    openai_stub.script(failure, failure)
    answer = _assistant(openai_stub).ask(QUESTION)
    assert answer.model == "offline"
    assert answer.answer.startswith("**Monthly cost:** $120,000")
    assert "100,000 users at 20 queries per day cost $120,000 per month" in answer.answer
    assert "offline planner answered" in answer.answer and "2 attempt(s)" in answer.answer
    assert openai_stub.calls == 2


def test_malformed_tool_json_gets_one_correction(openai_stub: OpenAIStub) -> None:
    openai_stub.script(fault("malformed_tool_args", name="token_cost"), tool_call("token_cost", ARGS),
                       text("It costs $120,000 per month."))
    answer = _assistant(openai_stub).ask(QUESTION)
    assert answer.verified and answer.model == "gpt-4o-mini"
    corrected = openai_stub.requests[1]["messages"]
    assert any(m["role"] == "tool" and "not valid JSON" in m["content"] for m in corrected)


def test_malformed_tool_json_twice_falls_back(openai_stub: OpenAIStub) -> None:
    bad = fault("malformed_tool_args", name="token_cost")
    openai_stub.script(bad, bad)
    answer = _assistant(openai_stub).ask(QUESTION)
    assert answer.model == "offline" and "not valid JSON" in answer.answer
    assert "$120,000" in answer.answer


def test_a_model_that_keeps_calling_tools_is_stopped(openai_stub: OpenAIStub) -> None:
    openai_stub.script(fault("loop", name="token_cost", args=ARGS))
    answer = _assistant(openai_stub, MARGINAL_MAX_TOOL_ROUNDS=3).ask(QUESTION)
    assert answer.error and "MARGINAL_MAX_TOOL_ROUNDS" in answer.error
    assert openai_stub.calls <= 5


def test_an_invented_number_is_repaired_once_then_flagged(openai_stub: OpenAIStub) -> None:
    openai_stub.script(tool_call("token_cost", ARGS), fault("invent_number"), fault("invent_number"))
    answer = _assistant(openai_stub).ask(QUESTION)
    assert not answer.verified and "$48,213.57" in answer.unverified_numbers
    assert answer.answer.startswith("**Warning:**")
    assert "numbers that no tool result" in openai_stub.requests[-1]["messages"][-1]["content"]


def test_no_key_answers_offline_and_says_how_to_set_one(_isolated_env: Path) -> None:
    answer = Assistant(Settings(MARGINAL_MODEL="openai:gpt-4o-mini"), search=fake_search).ask(QUESTION)
    assert answer.model == "offline" and "$120,000" in answer.answer
    assert "OPENAI_API_KEY" in answer.answer


def test_hybrid_uses_the_llm_only_where_the_planner_cannot(openai_stub: OpenAIStub) -> None:
    assistant = _assistant(openai_stub, model="hybrid:gpt-4o-mini")
    simple = assistant.ask(QUESTION)
    assert simple.model == "offline" and openai_stub.calls == 0
    openai_stub.script(text("It depends on how busy you keep the GPUs [1]."))
    vague = assistant.ask("Why can self-hosting Llama cost more than an API?")
    assert vague.model == "gpt-4o-mini" and openai_stub.calls == 1


def test_session_usage_adds_up_across_answers(openai_stub: OpenAIStub) -> None:
    openai_stub.script(text("Hello.", prompt_tokens=100, completion_tokens=10),
                       text("Again.", prompt_tokens=200, completion_tokens=20))
    assistant = _assistant(openai_stub)
    assistant.ask("hi there", session_id="m")
    assistant.ask("and again", session_id="m")
    total = assistant.session_usage("m")
    assert (total.llm_calls, total.input_tokens, total.output_tokens) == (2, 300, 30)
    assert total.cost_usd == pytest.approx((300 * 0.15 + 30 * 0.6) / 1e6)
