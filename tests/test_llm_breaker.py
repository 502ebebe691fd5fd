"""The LLM circuit breaker, over real HTTP on loopback: a dead endpoint is skipped, then tried again."""

from __future__ import annotations

from pathlib import Path

import pytest
from openai_stub import OpenAIStub, error, text, tool_call
from servers import free_port

from assistant.agent import Assistant
from assistant.breaker import CircuitBreaker
from assistant.config import Settings

pytest_plugins = ["openai_stub"]

QUESTION = ("What does 100k users at 20 queries a day cost per month at $0.002 per 1K tokens "
            "with 1,000 tokens per query?")
ARGS = {"users": 100_000, "queries_per_user": 20, "tokens_per_query": 1_000, "price": 0.002,
        "price_unit": "per_1k"}
OFFLINE = "100,000 users at 20 queries per day cost $120,000 per month"


class Clock:
    """A clock the test moves by hand (the cool-down is never waited for)."""

    def __init__(self) -> None:
        self.now = 1_000.0

    def __call__(self) -> float:
        return self.now


def _assistant(base_url: str, clock: Clock | None = None, **extra: object) -> Assistant:
    settings = Settings(MARGINAL_MODEL="openai:gpt-4o-mini", OPENAI_API_KEY="sk-test-not-a-real-key",
                        OPENAI_BASE_URL=base_url, MARGINAL_LLM_TIMEOUT=0.5, MARGINAL_LLM_RETRIES=1,
                        MARGINAL_LLM_WRITES_ANSWERS=True, **extra)
    breaker = None if clock is None else CircuitBreaker(settings.llm_cooldown_s, settings.llm_breaker_failures,
                                                        clock=clock)
    return Assistant(settings, breaker=breaker, search=lambda query, k: [])


def test_a_dead_endpoint_is_skipped_until_its_cool_down(openai_stub: OpenAIStub) -> None:
    clock = Clock()
    assistant = _assistant(openai_stub.base_url, clock, MARGINAL_LLM_COOLDOWN=60)
    openai_stub.script(error(503), error(503))
    first = assistant.ask(QUESTION)
    assert first.model == "offline" and "could not be reached (HTTP 503, 2 attempt(s))" in first.answer
    assert openai_stub.calls == 2
    clock.now += 20
    second = assistant.ask(QUESTION)
    assert openai_stub.calls == 2, "the dead endpoint is not called again during the cool-down"
    assert second.model == "offline" and OFFLINE in second.answer
    assert f"The LLM gpt-4o-mini at {openai_stub.base_url} could not be reached 20 s ago (HTTP 503)" in second.answer
    assert "skipped for 40 s more" in second.answer and "MARGINAL_LLM_COOLDOWN" in second.answer
    clock.now += 41
    openai_stub.script(tool_call("token_cost", ARGS), text("It costs $120,000 per month."),
                       text("Nothing has changed since."))
    third = assistant.ask(QUESTION)
    assert third.model == "gpt-4o-mini" and third.answer == "It costs $120,000 per month."
    assert assistant.ask("and again?").model == "gpt-4o-mini", "a success closes the breaker"
    assert openai_stub.calls == 5


def test_an_unreachable_port_opens_it_and_a_failed_retry_opens_it_again(_isolated_env: Path) -> None:
    clock = Clock()
    assistant = _assistant(f"http://127.0.0.1:{free_port()}/v1", clock)  # nothing listens there
    assert "could not be reached (connection failed" in assistant.ask(QUESTION).answer
    skipped = assistant.ask(QUESTION)
    assert skipped.model == "offline" and "skipped for 60 s more" in skipped.answer  # the default cool-down
    clock.now += 60
    retried = assistant.ask(QUESTION)  # after the cool-down one question tries again, and fails
    assert "could not be reached (connection failed" in retried.answer and "skipped" not in retried.answer
    clock.now += 1
    assert "skipped for 59 s more" in assistant.ask(QUESTION).answer


def test_the_breaker_follows_its_settings(openai_stub: OpenAIStub) -> None:
    never = _assistant(openai_stub.base_url, Clock(), MARGINAL_LLM_COOLDOWN=0)
    openai_stub.script(*[error(503)] * 4)
    assert "skipped" not in never.ask(QUESTION).answer + never.ask(QUESTION).answer
    assert openai_stub.calls == 4, "a cool-down of 0 tries the LLM on every question"
    patient = _assistant(openai_stub.base_url, Clock(), MARGINAL_LLM_BREAKER_FAILURES=2)
    openai_stub.script(*[error(503)] * 4)
    patient.ask(QUESTION)
    patient.ask(QUESTION)
    assert "skipped for 60 s more" in patient.ask(QUESTION).answer and openai_stub.calls == 8


def test_a_rejected_key_does_not_open_it(openai_stub: OpenAIStub) -> None:
    assistant = _assistant(openai_stub.base_url, Clock())
    openai_stub.script(error(401, "bad key"), error(401, "bad key"))
    assert "rejected the API key" in assistant.ask(QUESTION).answer
    assert "rejected the API key" in assistant.ask(QUESTION).answer and openai_stub.calls == 2


def test_one_question_tries_after_the_cool_down_while_others_skip() -> None:
    clock = Clock()
    breaker = CircuitBreaker(30, clock=clock)
    breaker.failed("m at u", "HTTP 503")
    assert breaker.check("m at u") is not None
    clock.now += 30
    assert breaker.check("m at u") is None, "the first question after the cool-down tries"
    waiting = breaker.check("m at u")
    assert waiting is not None and waiting.retry_in_s == pytest.approx(0), "others skip while it tries"
    breaker.reached("m at u")
    assert breaker.check("m at u") is None and breaker.check("m at u") is None
