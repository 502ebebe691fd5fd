"""A conversation's scenario: read from its saved session, set by the workbench or a chat command.

The chat planner reads a conversation's scenario from the tool calls of its earlier turns, so setting
a scenario records a turn: the user's words (a command, or what the workbench changed), the calls
that state the scenario to the planner (`chat_steps`) with their results, and a short answer. The
whole scenario (what no call carries: plan details, self-hosting, checks) is kept in the session's
`scenario` channel with the id of the message that set it; reading applies the chat's later calls on
top of it (`chat_scenario`). Consecutive workbench edits replace one another's turn.
"""

from __future__ import annotations

import uuid
from typing import Any

from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, RemoveMessage, ToolMessage

from assistant.planner.model import PLANNED_ARGS
from assistant.planner.refs import ref
from assistant.scenarios.from_chat import ChatScenario, chat_scenario, chat_steps
from assistant.scenarios.model import Scenario
from assistant.sessions import split_turns
from assistant.toolkit import compact
from tools.catalog import Catalog

__all__ = ["COMMAND", "KIND", "WORKBENCH", "read_scenario", "scenario_update", "text_update"]

KIND = "marginal"
"""additional_kwargs key marking a recorded turn's question: WORKBENCH or COMMAND."""
WORKBENCH = "workbench"
COMMAND = "command"


def read_scenario(values: dict[str, Any], catalog: Catalog) -> ChatScenario | None:
    """The scenario of a session (its saved state `values`), None when it has none yet."""
    messages: list[BaseMessage] = list(values.get("messages", []))
    saved = values.get("scenario") or {}
    base = Scenario.model_validate(saved["scenario"]) if saved.get("scenario") else None
    ids = [m.id for m in messages]
    # The message that set the scenario may have left the window: then every kept turn came after it.
    start = ids.index(saved["at"]) + 1 if saved.get("at") in ids else 0
    steps = [(c["name"], dict(c["args"])) for m in messages[start:] if isinstance(m, AIMessage)
             for c in m.tool_calls]
    return chat_scenario(steps, catalog, base)


def _replaced(values: dict[str, Any], kind: str) -> list[BaseMessage]:
    """Removals of the last turn when it and this one are both workbench edits (one edit session, one turn)."""
    turns = split_turns(list(values.get("messages", [])))
    if kind != WORKBENCH or not turns or turns[-1][0].additional_kwargs.get(KIND) != WORKBENCH:
        return []
    return [RemoveMessage(id=m.id) for m in turns[-1] if m.id]


_PER_USER_COST = {"margin": "cost_per_user_usd", "break_even": "variable_cost_per_user_usd"}


def scenario_update(values: dict[str, Any], scenario: Scenario, catalog: Catalog, question: str, answer: str,
                    kind: str = WORKBENCH) -> dict[str, Any]:
    """The session state update that makes `scenario` the conversation's; raises `InputError` if it cannot run."""
    calls, results, planned = [], [], {}
    for tool, args, result in chat_steps(scenario, catalog):
        call_id = f"call_{uuid.uuid4().hex[:12]}"
        calls.append({"name": tool, "args": args, "id": call_id})
        dumped = result.model_dump(mode="json")
        results.append(ToolMessage(content=compact(dumped), tool_call_id=call_id, name=tool, artifact=dumped))
        if (key := _PER_USER_COST.get(tool)) in args:  # the cost per user is token_cost's: a follow-up recomputes it
            planned[call_id] = {**args, key: ref("token_cost", "cost_per_user_per_month_usd")}
    anchor = AIMessage(content="", tool_calls=calls, id=f"scenario-{uuid.uuid4().hex}",
                       additional_kwargs={PLANNED_ARGS: planned} if planned else {})
    turn = [HumanMessage(question, additional_kwargs={KIND: kind}, id=uuid.uuid4().hex), anchor, *results,
            AIMessage(content=answer, id=uuid.uuid4().hex)]
    return {"messages": [*_replaced(values, kind), *turn],
            "scenario": {"scenario": scenario.model_dump(mode="json"), "at": anchor.id}}


def text_update(question: str, answer: str) -> dict[str, Any]:
    """A command's turn that changes no scenario (save, compare): its words only, for the conversation."""
    return {"messages": [HumanMessage(question, additional_kwargs={KIND: COMMAND}, id=uuid.uuid4().hex),
                         AIMessage(content=answer, id=uuid.uuid4().hex)]}
