"""Middleware that keeps an LLM honest: one retry for malformed tool calls, then a clear error."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from langchain.agents.middleware import AgentMiddleware, ModelRequest, ModelResponse
from langchain_core.messages import AIMessage

from assistant.llm import check_llm_response, invalid_tool_call_feedback

__all__ = ["ToolCallGuard"]


class ToolCallGuard(AgentMiddleware):
    """Give the LLM one chance to fix tool calls whose arguments are not JSON; then refuse."""

    def wrap_model_call(self, request: ModelRequest[Any],
                        handler: Callable[[ModelRequest[Any]], ModelResponse[Any]]) -> ModelResponse[Any]:
        """Call the model; on invalid tool calls, send the errors back once and call it again."""
        response = handler(request)
        message = response.result[0] if response.result else None
        if isinstance(message, AIMessage) and message.invalid_tool_calls:
            retry = request.override(messages=[*request.messages, message,
                                               *invalid_tool_call_feedback(message)])
            response = handler(retry)
            message = response.result[0] if response.result else None
        if isinstance(message, AIMessage):
            check_llm_response(message)  # still malformed, or cut off: LLMBadResponseError
        return response
