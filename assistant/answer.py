"""The Answer contract (DESIGN.md): what `ask`, `marginal ask --json` and the evals return."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field, PrivateAttr

__all__ = ["Answer", "Citation", "Step", "ToolCall", "Usage"]


class ToolCall(BaseModel):
    """One tool call of the answer, with its result or error."""

    name: str
    args: dict[str, Any] = Field(default_factory=dict)
    result: Any = None
    error: str | None = None
    duration_ms: float | None = Field(None, description="Wall time of the tool call.")


class Step(BaseModel):
    """A tool call as it happens: sent when it starts (`running`) and when it ends (`done`/`error`)."""

    call_id: str
    name: str
    args: dict[str, Any] = Field(default_factory=dict)
    status: str = "running"
    result: Any = None
    error: str | None = None
    duration_ms: float | None = None


class Citation(BaseModel):
    """A knowledge-base passage the answer cites."""

    source: str
    title: str = ""
    snippet: str = ""


class Usage(BaseModel):
    """The assistant's own LLM usage for one answer (or a session)."""

    llm_calls: int = 0
    input_tokens: int = 0
    output_tokens: int = 0
    cost_usd: float | None = 0.0

    def __add__(self, other: Usage) -> Usage:
        cost = None if self.cost_usd is None or other.cost_usd is None else self.cost_usd + other.cost_usd
        return Usage(llm_calls=self.llm_calls + other.llm_calls,
                     input_tokens=self.input_tokens + other.input_tokens,
                     output_tokens=self.output_tokens + other.output_tokens, cost_usd=cost)


class Answer(BaseModel):
    """A complete answer: the text, its audit trail, verification and metering."""

    answer: str
    tool_calls: list[ToolCall] = Field(default_factory=list)
    citations: list[Citation] = Field(default_factory=list)
    verified: bool = True
    unverified_numbers: list[str] = Field(default_factory=list)
    model: str = "offline"
    usage: Usage = Field(default_factory=Usage)
    understood: bool = Field(True, description="False when a figure of the question got no role or an ask "
                                               "went unanswered.")
    unused: list[str] = Field(default_factory=list, description="The spans of the question not understood.")
    error: str | None = None
    _session_usage: Usage | None = PrivateAttr(default=None)

    @property
    def session_usage(self) -> Usage | None:
        """The conversation's LLM usage after this answer (the session meter) when the turn ran; not serialised."""
        return self._session_usage

    def metered(self, session_usage: Usage) -> Answer:
        """This answer, knowing its conversation's LLM usage after it."""
        self._session_usage = session_usage
        return self
