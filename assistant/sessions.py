"""Conversation sessions, bounded: one checkpoint per conversation and a window of turns.

LangGraph saves a checkpoint per agent step and each holds the whole conversation, so a long
session grew quadratically (400 turns: 2.5 GB, and every turn slower). A session keeps what
follow-ups need instead:

- the messages of the last `MARGINAL_SESSION_TURNS` turns, plus the last two turns that called a
  calculator wherever they are (the planner's follow-ups edit the last scenario, or compare the
  last two; an LLM sees the same window). A turn is a question and every message answering it,
  so a tool call is never kept without its result.
- the LLM usage of the turns dropped from the window (the session meter still counts them);
- the scenario the workbench or a chat command set last (what no tool call of the chat carries);
- one checkpoint per conversation: a turn saves once, when it ends, and older checkpoints and
  their writes are deleted (`assistant/session_store.py`, SQLite or PostgreSQL).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Annotated, Any, NotRequired

from langchain.agents.middleware import AgentMiddleware, AgentState
from langchain.agents.middleware.types import PrivateStateAttr
from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, RemoveMessage
from langgraph.runtime import Runtime

from assistant.answer import Usage

__all__ = ["SCENARIO_TURNS", "SessionState", "SessionWindow", "earlier_usage", "split_turns"]

SCENARIO_TURNS = 2  # turns with calculator calls always kept: "the difference?" compares the last two
Meter = Callable[[Sequence[BaseMessage]], Usage]


class SessionState(AgentState):
    """The agent state, plus the LLM usage of turns that left the window."""

    earlier_usage: NotRequired[Annotated[dict[str, Any], PrivateStateAttr]]
    scenario: NotRequired[Annotated[dict[str, Any], PrivateStateAttr]]
    """The scenario the workbench or a chat command last set, with the id of the message that set it
    (`assistant/scenario_session.py`); it outlives the window, the chat's later calls apply on top."""


def split_turns(messages: Sequence[BaseMessage]) -> list[list[BaseMessage]]:
    """The conversation as turns: each starts at a question (anything before the first is one turn)."""
    turns: list[list[BaseMessage]] = []
    for m in messages:
        if isinstance(m, HumanMessage) or not turns:
            turns.append([])
        turns[-1].append(m)
    return turns


def _calls_a_calculator(turn: list[BaseMessage], knowledge_tool: str) -> bool:
    return any(c["name"] != knowledge_tool for m in turn if isinstance(m, AIMessage) for c in m.tool_calls)


def _dropped(turns: list[list[BaseMessage]], window: int, knowledge_tool: str) -> list[BaseMessage]:
    """The messages of turns outside the window that are not among the last scenario turns."""
    scenarios = [i for i, t in enumerate(turns) if _calls_a_calculator(t, knowledge_tool)][-SCENARIO_TURNS:]
    keep = set(range(len(turns) - window, len(turns))) | set(scenarios)
    return [m for i, turn in enumerate(turns) if i not in keep for m in turn]


def earlier_usage(values: dict[str, Any]) -> Usage:
    """The LLM usage of the turns a conversation's window has dropped."""
    return Usage.model_validate(values.get("earlier_usage") or {})


class SessionWindow(AgentMiddleware[SessionState, Any, Any]):
    """Before each turn, drop the messages of turns outside the window (their usage is kept)."""

    state_schema = SessionState

    def __init__(self, turns: int, meter: Meter, knowledge_tool: str) -> None:
        """Keep `turns` turns (the new question's included); `meter` prices dropped messages."""
        super().__init__()
        self.turns = turns
        self.meter = meter
        self.knowledge_tool = knowledge_tool

    def before_agent(self, state: SessionState, runtime: Runtime[Any]) -> dict[str, Any] | None:
        """Remove old turns' messages from the state, adding their LLM usage to `earlier_usage`."""
        dropped = _dropped(split_turns(state["messages"]), self.turns, self.knowledge_tool)
        if not dropped:
            return None
        usage = earlier_usage(dict(state)) + self.meter(dropped)
        return {"messages": [RemoveMessage(id=m.id or "") for m in dropped],
                "earlier_usage": usage.model_dump()}
