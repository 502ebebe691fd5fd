"""The offline planner as a LangChain chat model that behaves like a tool-calling LLM."""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable, Sequence
from typing import Any

from langchain_core.language_models import BaseChatModel, LanguageModelInput
from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, ToolMessage
from langchain_core.outputs import ChatGeneration, ChatResult
from langchain_core.runnables import Runnable
from langchain_core.tools import BaseTool
from langchain_core.utils.function_calling import convert_to_openai_tool

from assistant.planner.asks import asked
from assistant.planner.compose import ToolOutcome, answers_question, compose
from assistant.planner.grammar import parse
from assistant.planner.plan import Plan, Step, make_plan
from assistant.planner.refs import is_ref
from assistant.planner.roles import read

__all__ = ["PLANNED_ARGS", "PLANNED_ASKS", "OfflinePlanner", "current_turn", "outcomes", "plan_for"]

PLANNED_ARGS = "marginal_planned_args"  # where an AIMessage keeps its calls' unresolved arguments
PLANNED_ASKS = "marginal_planned_asks"  # and the variables its turn asked, which a follow-up recomputes


def _text(message: BaseMessage) -> str:
    content = message.content
    if isinstance(content, str):
        return content
    return " ".join(b.get("text", "") if isinstance(b, dict) else str(b) for b in content)


def current_turn(messages: Sequence[BaseMessage]) -> tuple[str, list[Step], list[BaseMessage]]:
    """The last question, the tool calls of earlier turns, and this turn's messages."""
    last = max((i for i, m in enumerate(messages) if isinstance(m, HumanMessage)), default=-1)
    question = _text(messages[last]) if last >= 0 else ""
    previous = [Step(c["name"], _as_planned(c["args"], _planned(m).get(c["id"] or "", {})), _asked(m))
                for m in messages[:max(last, 0)] if isinstance(m, AIMessage) for c in m.tool_calls]
    return question, previous, list(messages[last + 1:])


def _planned(message: AIMessage) -> dict[str, dict[str, Any]]:
    """The planned arguments of a message's calls that took another call's result, by call id.

    A call is recorded with its references resolved; the plan is kept beside it, so a follow-up that changes an
    input ("what if usage doubles?") recomputes what was derived from it instead of reusing the old figure.
    """
    planned = message.additional_kwargs.get(PLANNED_ARGS)
    return planned if isinstance(planned, dict) else {}


def _asked(message: AIMessage) -> list[str]:
    """The variables the turn of a message's calls asked (empty when the plan did not say)."""
    asks = message.additional_kwargs.get(PLANNED_ASKS)
    return [str(a) for a in asks] if isinstance(asks, list) else []


def _as_planned(resolved: dict[str, Any], planned: dict[str, Any]) -> dict[str, Any]:
    """A recorded call's arguments with what another calculator derived put back as references.

    A changed input ("usage doubles": the `change` step's value) stays a value, so the next follow-up builds on it.
    """
    return {k: planned[k] if is_ref(planned.get(k)) and planned[k]["$from"][0] != "change" else v
            for k, v in resolved.items()}


def plan_for(messages: Sequence[BaseMessage]) -> Plan:
    """The plan the planner follows for the conversation's last question.

    A reply to a clarification ("sorry - about 4,000 users" after "I still need how many users") is read together
    with the question it answers: when it computes nothing alone, and when it asks nothing of its own ("we measured
    2,200 tokens/s across the four" keeps the first question's four A100s); a reply with an ask of its own that
    computes alone is a new question.
    """
    question, previous, _ = current_turn(messages)
    plan = make_plan(question, previous)
    if not (asked_back := _asked_back(messages)) or (plan.steps and plan.kind not in ("out_of_scope", "knowledge")
                                                     and asked(question)):
        return plan
    if _missing_asked(messages) == ["users"]:
        question = _as_users(question)  # "about 65 case processors" after "I still need how many users"
    ended = [q if q.rstrip().endswith((".", "?", "!", ":")) else q.rstrip() + "." for q in asked_back]
    merged = make_plan("\n".join([*ended, question]), previous)  # each asked-back question its own sentence
    if plan.steps:  # "about 9,000 claims a day" alone reads as no economics; with the question it asks, it computes
        return merged if merged.kind == "calc" else plan
    return merged if merged.steps or merged.kind == "clarify" else plan


def _asked_back(messages: Sequence[BaseMessage]) -> list[str]:
    """The questions the answers right before the last question asked back about (clarifications), oldest first."""
    last = max((i for i, m in enumerate(messages) if isinstance(m, HumanMessage)), default=-1)
    out: list[str] = []
    i = last - 1
    while i >= 1 and len(out) < 3:
        answer, human = messages[i], messages[i - 1]
        kind = answer.response_metadata.get("planner") if isinstance(answer, AIMessage) else None
        if not isinstance(answer, AIMessage) or answer.tool_calls or not isinstance(human, HumanMessage) \
                or kind not in ("clarify", "invalid"):
            break
        out.insert(0, _without_refused(_text(human)) if kind == "invalid" else _text(human))
        i -= 2
    return out


def _missing_asked(messages: Sequence[BaseMessage]) -> list[str]:
    """The primary inputs the answer right before the last question asked for (empty when it asked none)."""
    last = max((i for i, m in enumerate(messages) if isinstance(m, HumanMessage)), default=-1)
    answer = messages[last - 1] if last >= 1 else None
    missing = answer.response_metadata.get("missing") if isinstance(answer, AIMessage) else None
    return [str(m) for m in missing] if isinstance(missing, list) else []


_COUNT_AND_NOUN = re.compile(r"(\d[\d,.]*\s*[km]?)\b(?:\s+(?!(?:a|an|per|each|every|in|on|at|for|with|and|or|who|"
                             r"that|which|but)\b)[a-z-]+){0,3}", re.I)


def _as_users(reply: str) -> str:
    """A reply of one bare count to 'how many users?', said as users whatever its noun ("about 65 case processors").

    Any other reply (a figure with a currency or a percent, two figures, users already named) is left as it is.
    """
    parsed = parse(reply)
    nums = parsed.nums
    if len(nums) != 1 or nums[0].money or nums[0].percent or nums[0].value <= 0 or read(parsed).has("users"):
        return reply
    return _COUNT_AND_NOUN.sub(lambda m: f"{m.group(1)} users", reply, count=1)


def _without_refused(question: str) -> str:
    """A refused question without the figures it was refused for, so that a correction takes their place.

    "cost for -2,000 users at 10 queries/day ..." then "typo, 2,000 users": read with the corrected count.
    """
    refused = read(parse(question)).bad
    for text in {n.text for n in parse(question).nums if any(n.text in why for why in refused)}:
        question = question.replace(text, "", 1)
    return question


def outcomes(turn: list[BaseMessage]) -> list[ToolOutcome]:
    """The tool calls of a turn that have results: (tool, args, result, error)."""
    results = {m.tool_call_id: m for m in turn if isinstance(m, ToolMessage)}
    out: list[ToolOutcome] = []
    for m in turn:
        if not isinstance(m, AIMessage):
            continue
        for call in m.tool_calls:
            tm = results.get(call["id"] or "")
            if tm is None:
                continue
            art = tm.artifact
            error = art.get("error") if isinstance(art, dict) else None
            out.append((call["name"], call["args"], None if error else art, error))
    return out


_MISSING = object()


def _resolve(args: dict[str, Any], done: list[ToolOutcome]) -> dict[str, Any] | None:
    """Replace {"$from": [tool, field]} with that tool's result, also inside nested knowns; None if not available."""
    def value_of(value: Any) -> Any:
        if is_ref(value):
            tool, field = value["$from"]
            found = [r for t, _, r, e in done if t == tool and e is None and isinstance(r, dict)]
            return _MISSING if not found or found[-1].get(field) is None else found[-1][field]
        if isinstance(value, dict):
            inner = {k: value_of(v) for k, v in value.items()}
            return _MISSING if _MISSING in inner.values() else inner
        if isinstance(value, list):  # a comparison's scenarios: "after the change" holds the change's value
            items = [value_of(v) for v in value]
            return _MISSING if any(v is _MISSING for v in items) else items
        return value

    resolved = {key: value_of(value) for key, value in args.items()}
    return None if _MISSING in resolved.values() else resolved


def _refs(value: Any) -> list[str]:
    """The tools a step's arguments wait for, at any depth ("knowns": {"users": <the change's value>})."""
    if is_ref(value):
        return [value["$from"][0]]
    if isinstance(value, list):
        return [t for v in value for t in _refs(v)]
    return [t for v in value.values() for t in _refs(v)] if isinstance(value, dict) else []


def _next_calls(plan: Plan, done: list[ToolOutcome], planned: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """The plan's calls whose inputs are ready; `planned` gets the unresolved arguments of those with references."""
    counts: dict[str, int] = {}
    for tool, *_ in done:
        counts[tool] = counts.get(tool, 0) + 1
    finished = dict(counts)
    calls = []
    for j, step in enumerate(plan.steps):
        if counts.get(step.tool, 0) > 0:
            counts[step.tool] -= 1
            continue
        refs = _refs(step.args)
        if any(finished.get(r, 0) < max(1, sum(1 for s in plan.steps[:j] if s.tool == r)) for r in refs):
            continue  # waits for the steps it needs, every earlier one of a chain (or such a step failed)
        args = _resolve(step.args, done)
        if args is not None:
            call_id = f"call_{uuid.uuid4().hex[:12]}"
            calls.append({"name": step.tool, "args": args, "id": call_id})
            if refs:
                planned[call_id] = step.args
    return calls


class OfflinePlanner(BaseChatModel):
    """Deterministic planner: plans tool calls from the question, composes from their results."""

    model_name: str = "offline"

    @property
    def _llm_type(self) -> str:
        return "marginal-offline-planner"

    def bind_tools(
        self,
        tools: Sequence[dict[str, Any] | type | Callable[..., Any] | BaseTool],
        *,
        tool_choice: str | None = None,
        **kwargs: Any,
    ) -> Runnable[LanguageModelInput, AIMessage]:
        """Accept tools like an LLM would (the plan only calls tools it was given, so names suffice)."""
        named = [{"type": "function", "function": {"name": t.name}} if isinstance(t, BaseTool)
                 else convert_to_openai_tool(t) for t in tools]
        return self.bind(tools=named, tool_choice=tool_choice, **kwargs)

    def _generate(self, messages: list[BaseMessage], stop: list[str] | None = None,
                  run_manager: Any = None, **kwargs: Any) -> ChatResult:
        plan = plan_for(messages)
        _, _, turn = current_turn(messages)
        done = outcomes(turn)
        available = {t["function"]["name"] for t in kwargs.get("tools") or []}
        planned: dict[str, dict[str, Any]] = {}
        calls = [c for c in _next_calls(plan, done, planned) if not available or c["name"] in available]
        already = sum(len(m.tool_calls) for m in turn if isinstance(m, AIMessage))
        kind = plan.kind
        if calls and already < 3 * max(len(plan.steps), 1):
            message = AIMessage(content="", tool_calls=calls)
            if kept := {c["id"]: planned[c["id"]] for c in calls if c["id"] in planned}:
                message.additional_kwargs[PLANNED_ARGS] = kept
            if asks := list(dict.fromkeys(a.var for a in plan.asks)):
                message.additional_kwargs[PLANNED_ASKS] = asks
        else:
            if kind == "out_of_scope" and answers_question(current_turn(messages)[0], done):
                kind = "knowledge"
            text = plan.text if plan.text and kind == plan.kind else compose(done, plan.notes, plan.asks)
            message = AIMessage(content=text)
        message.response_metadata["planner"] = kind
        message.response_metadata["understood"] = plan.understood
        message.response_metadata["unused"] = list(plan.unused)
        if plan.missing:
            message.response_metadata["missing"] = list(plan.missing)
        return ChatResult(generations=[ChatGeneration(message=message)])
