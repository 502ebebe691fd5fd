"""The token economy of the LLM path: send an LLM only what a question needs, and skip calls it doesn't.

Marginal tells its users to watch the marginal cost of every query, so its own LLM path is frugal:

- **Tool selection**: each model call carries only the calculators the offline planner's plan for
  the question calls (its reading of quantities, roles and asks; the v1 intent scores only when it
  has no calculator plan), plus those of the conversation's earlier turns and `search_knowledge`.
- **Deterministic composition**: once every tool call of a turn has succeeded and they were all
  calculators, the answer is composed from the results (as the offline planner does) instead of a
  second LLM call: the results already say everything, with formula, assumptions and sources.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from langchain.agents.middleware import AgentMiddleware, ModelRequest, ModelResponse
from langchain_core.messages import AIMessage, BaseMessage
from langchain_core.tools import BaseTool

from assistant.planner import intents
from assistant.planner.compose import ToolOutcome, compose
from assistant.planner.grammar import parse
from assistant.planner.model import current_turn, outcomes
from assistant.planner.plan import Step, make_plan

__all__ = ["MAX_SELECTED", "TokenEconomy", "select_tools"]

MAX_SELECTED = 3
"""Calculators sent per model call, at most (plus earlier turns' tools and search_knowledge)."""


def select_tools(question: str, previous: list[Step], available: list[str]) -> list[str]:
    """The tool names one model call needs, in registry order."""
    earlier = {s.tool for s in previous} & set(available)
    plan = make_plan(question, previous)
    if plan.kind == "calc" and plan.understood and {s.tool for s in plan.steps} <= set(available):
        chosen = {s.tool for s in plan.steps} | earlier | ({intents.KNOWLEDGE} & set(available))
        return [t for t in available if t in chosen]
    p = parse(question)
    scores = intents.score(p)
    calc = {t: s for t, s in scores.items() if t in available and t != intents.KNOWLEDGE}
    ranked = sorted((t for t in calc if calc[t] > 0), key=lambda t: -calc[t])
    if not ranked and p.nums:  # figures the scorer can't place: let the model choose among all
        return list(available)
    top = calc[ranked[0]] if ranked else 0.0
    chosen = {t for t in ranked[:MAX_SELECTED] if calc[t] >= top / 3} | earlier
    chosen |= {intents.KNOWLEDGE} & set(available)
    return [t for t in available if t in chosen]


def _name(tool: BaseTool | dict[str, Any]) -> str:
    return tool.name if isinstance(tool, BaseTool) else str(tool.get("name") or tool["function"]["name"])


def _finished(question: str, previous: list[Step], done: list[ToolOutcome]) -> bool:
    """Every call succeeded, all were calculators, and they cover what the question needs."""
    if not done or any(error is not None or not isinstance(result, dict) for _, _, result, error in done):
        return False
    plan = make_plan(question, previous)
    return plan.kind == "calc" and {s.tool for s in plan.steps} <= {tool for tool, *_ in done}


class TokenEconomy(AgentMiddleware):
    """Trim each model call's tools to the question's needs; compose finished calculations without an LLM."""

    def __init__(self, compose: bool = True) -> None:
        super().__init__()
        self.compose = compose

    def wrap_model_call(self, request: ModelRequest[Any],
                        handler: Callable[[ModelRequest[Any]], ModelResponse[Any]]) -> ModelResponse[Any]:
        """Answer from the tool results when they say everything; otherwise call the model with fewer tools."""
        messages: list[BaseMessage] = list(request.messages)
        question, previous, turn = current_turn(messages)
        done = outcomes(turn)
        if self.compose and _finished(question, previous, done):
            text = compose(done, [])
            message = AIMessage(content=text, response_metadata={"composer": "deterministic"})
            return ModelResponse(result=[message])
        names = [_name(t) for t in request.tools]
        keep = set(select_tools(question, previous, names))
        return handler(request.override(tools=[t for t in request.tools if _name(t) in keep]))
