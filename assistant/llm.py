"""The OpenAI-compatible LLM: building the chat model, pricing its usage, classifying failures.

Retries live in the `openai` client (verified in openai 2.x `_base_client.py`): with
`max_retries=n` a call is tried up to n + 1 times when it times out, cannot connect, or gets
HTTP 408, 409, 429 or >= 500 (unless the server sends `x-should-retry: false` or a retry-after
over 120 s). Between tries it waits the server's `retry-after-ms` / `retry-after` when that is
in (0, 120] s, else 0.5 s x 2^tries (capped at 8 s) minus up to 25% jitter. LangChain adds no
retry of its own, so `Settings.llm_max_retries` is the whole retry budget.
"""

from __future__ import annotations

import json
import sys
from typing import Literal

import httpx
import openai
from langchain_core.exceptions import (
    ModelAPIError,
    ModelAuthenticationError,
    ModelConnectionError,
    ModelError,
    ModelNotFoundError,
    ModelPermissionDeniedError,
    ModelRateLimitError,
    ModelTimeoutError,
    OutputParserException,
)
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, AIMessageChunk, ToolMessage

from assistant.config import Settings
from assistant.metering import price_llm_usage
from tools.errors import ConfigError, LLMUnavailableError, MarginalError

__all__ = [
    "LLMBadResponseError",
    "LLMFailure",
    "build_chat_model",
    "chat_model_or_fallback",
    "check_llm_response",
    "classify_llm_error",
    "endpoint",
    "failure_reason",
    "invalid_tool_call_feedback",
    "llm_error",
    "price_llm_usage",
]

LLMFailure = Literal["unreachable", "bad_response", "rejected", "other"]

_UNREACHABLE = (
    openai.APIConnectionError,  # includes APITimeoutError
    openai.RateLimitError,
    openai.InternalServerError,
    openai.ConflictError,  # 409, retried by the client like a lock timeout
    ModelConnectionError,
    ModelTimeoutError,
    ModelRateLimitError,
    ModelAPIError,
    httpx.TransportError,
    ConnectionError,
    TimeoutError,
)
_BAD_RESPONSE = (openai.APIResponseValidationError, OutputParserException, json.JSONDecodeError)
_REJECTED = (openai.APIStatusError, ModelError)  # any other HTTP error: 400, 401, 403, 404, 422


class LLMBadResponseError(MarginalError):
    """The LLM answered, but not usably (e.g. tool-call arguments that are not JSON)."""


def _where(settings: Settings) -> str:
    return settings.openai_base_url or "api.openai.com"


def endpoint(settings: Settings) -> str:
    """The LLM as a user knows it: its model at its server."""
    return f"{settings.llm_name} at {_where(settings)}"


def build_chat_model(settings: Settings) -> BaseChatModel:
    """The chat model for MARGINAL_MODEL=openai:<model> or hybrid:<model>.

    Args:
        settings: model, openai_api_key, openai_base_url, llm_timeout_s, llm_max_retries.

    Raises:
        ConfigError: offline mode, or no API key (the message says how to set one).
    """
    from langchain_openai import ChatOpenAI  # imported here: the offline path never pays for it

    name = settings.llm_name
    if settings.model_kind == "offline" or not name:
        raise ConfigError("MARGINAL_MODEL=offline uses the offline planner, not an LLM.",
                          hint="Set MARGINAL_MODEL=openai:<model>, e.g. openai:gpt-4o-mini.")
    key = settings.openai_api_key
    if key is None or not key.get_secret_value().strip():
        raise ConfigError(f"MARGINAL_MODEL={settings.model} needs an API key, and none is set.",
                          hint="Set OPENAI_API_KEY in the environment or in .env (for a local "
                               "server that checks no key, e.g. Ollama, any non-empty value).")
    return ChatOpenAI(
        model=name,
        api_key=key,  # a SecretStr all the way down: repr() shows '**********'
        base_url=settings.openai_base_url,
        timeout=settings.llm_timeout_s,
        max_retries=settings.llm_max_retries,
        # Metering needs usage on streamed answers too; LangChain turns it off for custom URLs.
        stream_usage=True,
        # OpenAI-compatible servers (vLLM, Ollama, LiteLLM) speak chat completions only.
        use_responses_api=False if settings.openai_base_url else None,
    )


def chat_model_or_fallback(settings: Settings) -> tuple[BaseChatModel | None, str | None]:
    """The configured chat model, or (None, a notice to show) when the offline planner must answer.

    Offline mode gives (None, None); a missing key gives (None, "Answering with the offline
    planner: ... Set OPENAI_API_KEY ...").
    """
    if settings.model_kind == "offline":
        return None, None
    try:
        return build_chat_model(settings), None
    except ConfigError as exc:
        return None, f"Answering with the offline planner: {exc}"




def _httpx_errors() -> tuple[type[BaseException], ...]:
    """The errors of httpx, and of httpx2 when loaded (openai >= 3 is built on httpx2)."""
    other = sys.modules.get("httpx2")
    return (httpx.HTTPError, *([other.HTTPError] if other is not None else []))


def classify_llm_error(exc: BaseException) -> LLMFailure:
    """What kind of failure an exception from an LLM call is.

    unreachable: timeouts, connection errors, 429 and 5xx after the client's retries (fall back
    or try later); bad_response: the LLM answered unusably (malformed tool-call JSON, an invalid
    body); rejected: the server refused the request (bad key, unknown model, 400): a setting to
    fix; other: not an LLM failure, i.e. a bug in our code.
    """
    if isinstance(exc, (LLMBadResponseError, *_BAD_RESPONSE)):
        return "bad_response"
    if isinstance(exc, (LLMUnavailableError, *_UNREACHABLE, *_httpx_errors())):
        return "unreachable"
    if isinstance(exc, _REJECTED):
        return "rejected"
    return "other"


_BAD_RESPONSE_HINT = ("Ask again; if it keeps happening, use a model with reliable tool calling "
                      "(e.g. MARGINAL_MODEL=openai:gpt-4o-mini) or MARGINAL_MODEL=offline.")


def _strict_json(raw: str | None) -> bool:
    try:
        return isinstance(json.loads(raw or "{}"), dict)
    except ValueError:
        return False


def check_llm_response(message: AIMessage) -> AIMessage:
    """The message, if every tool call in it is complete, valid JSON; else LLMBadResponseError.

    langchain-openai puts a tool call whose arguments are not valid JSON in `invalid_tool_calls`
    (name, raw args string, id, error). When streaming, LangChain parses the merged arguments
    leniently and silently completes truncated ones ('{"users": 10' becomes {"users": 10}), so
    a streamed chunk's raw arguments are re-parsed strictly here, and tool calls cut off by the
    token limit (finish_reason "length") are refused too.
    """
    bad = [call.get("name") for call in message.invalid_tool_calls]
    if isinstance(message, AIMessageChunk):
        bad += [c.get("name") for c in message.tool_call_chunks if not _strict_json(c.get("args"))]
    if bad:
        raise LLMBadResponseError(
            f"the LLM called tool '{bad[0]}' with arguments that are not valid JSON "
            f"({len(bad)} bad tool call(s)).", hint=_BAD_RESPONSE_HINT)
    if message.tool_calls and message.response_metadata.get("finish_reason") == "length":
        raise LLMBadResponseError(
            f"the LLM's call to tool '{message.tool_calls[-1]['name']}' was cut off by the "
            "output token limit, so its arguments may be incomplete.", hint=_BAD_RESPONSE_HINT)
    return message


def invalid_tool_call_feedback(message: AIMessage) -> list[ToolMessage]:
    """One error ToolMessage per invalid tool call, so the LLM can correct itself.

    langchain-openai sends invalid tool calls back as assistant tool calls, and the API then
    requires a tool message answering each id.
    """
    return [ToolMessage(content=f"Error: the arguments of {bad.get('name')} are not valid JSON "
                                f"({bad.get('error') or 'parse error'}). Call it again with a "
                                "JSON object matching its schema.",
                        tool_call_id=bad.get("id") or "", name=bad.get("name") or "",
                        status="error")
            for bad in message.invalid_tool_calls]


def failure_reason(exc: BaseException, settings: Settings) -> str:
    """What went wrong, in a few words: no answer within N s, HTTP 503, connection failed."""
    if isinstance(exc, openai.APITimeoutError | ModelTimeoutError | httpx.TimeoutException):
        return f"no answer within {settings.llm_timeout_s:g} s"
    if isinstance(exc, openai.APIStatusError):
        return f"HTTP {exc.status_code}"
    return "connection failed"


def llm_error(exc: BaseException, settings: Settings) -> MarginalError | None:
    """A readable MarginalError (what went wrong, how to fix it) for an LLM failure; None if a bug.

    Never includes the API key or the prompt.
    """
    kind = classify_llm_error(exc)
    model, where = settings.llm_name, _where(settings)
    if kind == "bad_response":
        return exc if isinstance(exc, MarginalError) else LLMBadResponseError(
            f"the LLM {model} at {where} sent a response Marginal cannot read.",
            hint=_BAD_RESPONSE_HINT)
    if kind == "unreachable":
        if isinstance(exc, MarginalError):
            return exc
        tries = settings.llm_max_retries + 1
        return LLMUnavailableError(
            f"the LLM {model} at {where} could not be reached ({failure_reason(exc, settings)}, "
            f"{tries} attempt(s)).",
            hint="Check OPENAI_BASE_URL and the network, or raise MARGINAL_LLM_TIMEOUT / "
                 "MARGINAL_LLM_RETRIES; MARGINAL_MODEL=offline answers without an LLM.")
    if kind == "rejected":
        if isinstance(exc, openai.AuthenticationError | openai.PermissionDeniedError
                      | ModelAuthenticationError | ModelPermissionDeniedError):
            return ConfigError(f"the LLM server at {where} rejected the API key.",
                               hint="Check OPENAI_API_KEY (and OPENAI_BASE_URL).")
        if isinstance(exc, openai.NotFoundError | ModelNotFoundError):
            return ConfigError(f"the LLM server at {where} has no model '{model}'.",
                               hint="Set MARGINAL_MODEL=openai:<a model the server lists>.")
        return LLMUnavailableError(f"the LLM server at {where} refused the request "
                                   f"({failure_reason(exc, settings)}).",
                                   hint="Shorten the conversation, or check MARGINAL_MODEL.")
    return None
