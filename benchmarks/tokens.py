"""Token economy of the LLM path, measured offline: what the agent would send an LLM per question.

A recording chat model stands in for the LLM: it decides like a competent tool-calling model (the
offline planner's choices) and counts the prompt it is sent (system prompt, messages, tool schemas)
and the completion it returns with a local counter (about 4 characters a token, OpenAI's rule of
thumb; no tokenizer download). The same questions run through three set-ups:

- `llm`: Marginal on the LLM path (`openai:<model>`), with its token economy;
- `hybrid`: the planner answers complete calculator questions, the LLM the rest;
- `naive`: `create_agent` with the same calculators as a plain adapter exposes them (full schemas
  and docstrings), a generic prompt and the top 5 passages stuffed into every turn.
"""

from __future__ import annotations

import json
import math
import tempfile
from pathlib import Path
from typing import Any

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage, SystemMessage
from langchain_core.outputs import ChatGeneration, ChatResult
from langchain_core.utils.function_calling import convert_to_openai_tool
from pydantic import PrivateAttr

ROOT = Path(__file__).resolve().parents[1]
GENERIC_PROMPT = ("You are a helpful assistant for questions about the costs and pricing of AI products. "
                  "Use the tools when useful and answer clearly.\n\nContext:\n{passages}")
PRICED_AS = ("gpt-4o-mini", "gpt-4o")


def count_tokens(text: str) -> int:
    """Tokens by the 4-characters rule of thumb."""
    return math.ceil(len(text) / 4)


def _message_tokens(m: BaseMessage) -> int:
    content = m.content if isinstance(m.content, str) else json.dumps(m.content)
    calls = json.dumps(m.tool_calls) if isinstance(m, AIMessage) and m.tool_calls else ""
    return 4 + count_tokens(content) + count_tokens(calls)  # 4: the per-message framing


class RecordingLLM(BaseChatModel):
    """Decides like the offline planner, reports usage like an LLM, and records every request."""

    model_name: str = "gpt-4o-mini"
    _calls: list[dict[str, int]] = PrivateAttr(default_factory=list)

    @property
    def _llm_type(self) -> str:
        return "recording"

    @property
    def calls(self) -> list[dict[str, int]]:
        """One record per model call: prompt and completion tokens, tools sent."""
        return self._calls

    def bind_tools(self, tools: Any, *, tool_choice: Any = None, **kwargs: Any) -> Any:
        """Bind tools like an OpenAI chat model."""
        return self.bind(tools=[convert_to_openai_tool(t) for t in tools], tool_choice=tool_choice, **kwargs)

    def _generate(self, messages: list[BaseMessage], stop: Any = None, run_manager: Any = None,
                  **kwargs: Any) -> ChatResult:
        from assistant.planner.model import OfflinePlanner

        tools = kwargs.get("tools") or []
        decided = OfflinePlanner()._generate(messages, tools=tools).generations[0].message
        message = AIMessage(content=decided.content, tool_calls=getattr(decided, "tool_calls", []))
        prompt = sum(_message_tokens(m) for m in messages) + count_tokens(json.dumps(tools))
        completion = _message_tokens(message)
        message.response_metadata["model_name"] = self.model_name
        message.usage_metadata = {"input_tokens": prompt, "output_tokens": completion,
                                  "total_tokens": prompt + completion}
        self._calls.append({"prompt": prompt, "completion": completion, "tools": len(tools)})
        return ChatResult(generations=[ChatGeneration(message=message)])


def _naive_answer(question: str, search: Any, catalog: Any, session: str, model: RecordingLLM) -> None:
    from langchain.agents import create_agent
    from langchain_core.messages import HumanMessage
    from langchain_core.tools import StructuredTool

    from tools import TOOLS

    def adapter(spec: Any) -> StructuredTool:
        def run(**kwargs: Any) -> str:
            try:
                return spec.run(kwargs, catalog).model_dump_json()
            except Exception as exc:  # the naive adapter returns errors as text too
                return f"Error: {exc}"
        return StructuredTool.from_function(func=run, name=spec.name, description=spec.description,
                                            args_schema=spec.input_model.model_json_schema())

    passages = "\n\n".join(f"[{i}] {p['title']}: {p['text']}" for i, p in enumerate(search(question, 5), 1))
    agent = create_agent(model, tools=[adapter(s) for s in TOOLS],
                         system_prompt=SystemMessage(GENERIC_PROMPT.format(passages=passages)))
    agent.invoke({"messages": [HumanMessage(question)]}, {"recursion_limit": 20})


def measure(questions: list[tuple[str, str]], data_dir: str | None = None) -> dict[str, Any]:
    """Per set-up: LLM calls and tokens per question (by category), and $ per 1,000 questions."""
    from assistant import Assistant, Settings
    from assistant.metering import price_llm_usage

    with tempfile.TemporaryDirectory() as tmp:
        base = Assistant(Settings(MARGINAL_DATA_DIR=data_dir or tmp))
        report: dict[str, Any] = {"questions": len(questions), "token_counter": "4 characters per token"}
        for setup in ("llm", "hybrid", "naive"):
            rows = []
            for i, (category, question) in enumerate(questions):
                model = RecordingLLM()
                if setup == "naive":
                    _naive_answer(question, base.search, base.catalog, f"n{i}", model)
                else:
                    kind = "openai" if setup == "llm" else "hybrid"
                    settings = Settings(MARGINAL_DATA_DIR=data_dir or tmp, MARGINAL_MODEL=f"{kind}:gpt-4o-mini")
                    Assistant(settings, chat_model=model, catalog=base.catalog, search=base.search).ask(
                        question, session_id=f"{setup}-{i}")
                rows.append({"category": category, "calls": len(model.calls),
                             "prompt": sum(c["prompt"] for c in model.calls),
                             "completion": sum(c["completion"] for c in model.calls)})
            report[setup] = _summary(rows, price_llm_usage, base.catalog)
    report["prompt_ratio_llm_to_naive"] = round(report["llm"]["prompt_per_question"]
                                                / report["naive"]["prompt_per_question"], 3)
    return report


def _summary(rows: list[dict[str, Any]], price: Any, catalog: Any) -> dict[str, Any]:
    n = len(rows)
    calc = [r for r in rows if r["category"] == "calculator"]
    prompt, completion = sum(r["prompt"] for r in rows), sum(r["completion"] for r in rows)
    out = {"calls_per_question": round(sum(r["calls"] for r in rows) / n, 3),
           "max_calls_calculator": max((r["calls"] for r in calc), default=0),
           "calls_per_calculator_question": round(sum(r["calls"] for r in calc) / len(calc), 3) if calc else None,
           "prompt_per_question": round(prompt / n, 1), "completion_per_question": round(completion / n, 1)}
    for model in PRICED_AS:
        cost = price(model, prompt, completion, catalog)
        out[f"usd_per_1000_questions_{model}"] = round(cost / n * 1000, 4) if cost is not None else None
    return out


def categorize(question: str) -> str:
    """calculator, knowledge or other, by the offline planner's plan."""
    from assistant.planner.plan import make_plan

    kind = make_plan(question).kind
    return {"calc": "calculator", "knowledge": "knowledge"}.get(kind, "other")


def eval_questions() -> list[str]:
    """The single-turn questions of the eval cases (their first turn's text)."""
    import yaml

    out = []
    for path in sorted((ROOT / "evals" / "cases").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or []
        for case in data.get("cases", []) if isinstance(data, dict) else data:
            turns = case.get("turns") or []
            if len(turns) == 1:
                turn = turns[0]
                out.append(str(turn if isinstance(turn, str) else turn.get("ask") or turn.get("question") or ""))
    return [q for q in out if q]
