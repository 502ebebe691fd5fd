"""What the browser app needs from the assistant: per-session settings and a streamed, stepped answer.

`app.py` only lays out components; this module turns one question into the chat messages the
user sees as they happen: a collapsible step per tool call (inputs, formula, result, duration),
then the answer with its sources, then charts. Nothing here writes an API key anywhere.
"""

from __future__ import annotations

import hashlib
import json
import queue
import shutil
import threading
import time
from collections import OrderedDict
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, Literal

import gradio as gr
from pydantic import BaseModel, SecretStr

from assistant.agent import Assistant
from assistant.answer import Answer, Step, Usage
from assistant.charts import charts_for
from assistant.config import Settings
from assistant.planner.compose import code
from assistant.plotly_json import chart_message
from assistant.toolkit import MEMO_TOOL
from tools import fmt
from tools.catalog import Catalog, parse_overrides

__all__ = ["AssistantPool", "WebSettings", "save_uploads", "stream_answer", "stream_turn", "usage_text"]

_POOL_SIZE = 16
_IDLE_TICK_S = 0.2
_FLUSH_S = 0.1  # how long a step may wait to be shown, so fast answers take one update
ERROR_TEXT = ("Something went wrong on our side ({kind}), and this answer could not be finished. "
              "Your conversation is kept: ask again, or rephrase the question.")


class WebSettings(BaseModel):
    """The settings panel's values, held in one browser session's state (never on disk)."""

    model_kind: Literal["offline", "openai", "hybrid"] = "offline"
    api_key: SecretStr | None = None
    base_url: str = ""
    model_name: str = "gpt-4o-mini"
    price_overrides: str = ""

    def fingerprint(self) -> str:
        """Identifies an assistant configuration without keeping the key readable."""
        raw = json.dumps([self.model_kind, self.api_key.get_secret_value() if self.api_key else "",
                          self.base_url, self.model_name, self.price_overrides])
        return hashlib.sha256(raw.encode()).hexdigest()

    def status(self) -> str:
        """What the user gets with these settings, in one line."""
        if self.model_kind == "offline":
            return "Model: offline planner (no API key needed)."
        name = f"{self.model_kind}:{self.model_name}"
        if self.api_key is None and not self.base_url:
            return (f"Model: {name}, but no API key is set: answers come from the offline planner "
                    "until you enter a key.")
        return f"Model: {name}" + (f" at {self.base_url}" if self.base_url else "") + "."


class AssistantPool:
    """One assistant per distinct settings (most sessions share the default); the store is shared."""

    def __init__(self, default: Assistant | None = None) -> None:
        self.default = default or Assistant()
        self._pool: OrderedDict[str, Assistant] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, web: WebSettings | None) -> Assistant:
        """The assistant for `web`; raises `ConfigError` for unusable price overrides."""
        if web is None or web == WebSettings():
            return self.default
        key = web.fingerprint()
        with self._lock:
            if key in self._pool:
                self._pool.move_to_end(key)
                return self._pool[key]
        assistant = self._build(web)
        with self._lock:
            self._pool[key] = assistant
            while len(self._pool) > _POOL_SIZE:
                self._pool.popitem(last=False)
        return assistant

    def _build(self, web: WebSettings) -> Assistant:
        base = self.default.settings
        model = "offline" if web.model_kind == "offline" else f"{web.model_kind}:{web.model_name.strip()}"
        settings = Settings(**{**base.model_dump(), "model": model,  # validated like the environment's
                               "openai_api_key": web.api_key or base.openai_api_key,
                               "openai_base_url": web.base_url.strip() or base.openai_base_url})
        overrides = parse_overrides(web.price_overrides)
        catalog = self.default.catalog if overrides is None else Catalog(base.prices_file, user_prices=overrides,
                                                                             data_dir=base.data_dir)
        return Assistant(settings, catalog=catalog, search=self.default.search, breaker=self.default.breaker,
                         sessions=self.default.sessions)


def _step_message(step: Step) -> gr.ChatMessage:
    lines = ["**Inputs**", "```json", json.dumps(step.args, indent=1, default=str), "```"]
    result = step.result if isinstance(step.result, dict) else None
    if step.error:
        lines.append(f"**Error:** {step.error}")
    elif result is not None:
        lines += [f"**Formula:** {code(result.get('formula', ''))}", f"**Result:** {result.get('headline', '')}"]
    elif isinstance(step.result, list):
        lines += [f"**Passages:** {', '.join(sorted({p.get('source', '') for p in step.result}))}"]
    metadata: dict[str, Any] = {"title": f"🔧 {step.name}", "id": step.call_id,
                                "status": "pending" if step.status == "running" else "done"}
    if step.duration_ms is not None:
        metadata["duration"] = round(step.duration_ms / 1000, 4)
    return gr.ChatMessage(role="assistant", content="\n".join(lines), metadata=metadata)  # type: ignore[arg-type]


def _answer_messages(answer: Answer, catalog: Catalog) -> list[gr.ChatMessage]:
    text = answer.answer
    missing = [c for c in answer.citations if c.source and c.source not in text]
    if missing:  # an LLM may cite [n] without naming sources: add them as footnotes
        text += "\n\n**Sources**\n" + "\n".join(f"[{i}] {c.title} (`{c.source}`)" for i, c in enumerate(missing, 1))
    if not answer.verified:
        text = f"⚠️ Unverified numbers: {', '.join(answer.unverified_numbers)}\n\n{text}"
    messages = [gr.ChatMessage(role="assistant", content=text)]
    for call in answer.tool_calls:  # a drafted memo: both files, downloadable from the chat
        if call.name == MEMO_TOOL and isinstance(call.result, dict):
            files = [call.result[k] for k in ("markdown_path", "docx_path", "scenario_path") if k in call.result]
            messages.append(gr.ChatMessage(role="assistant", content=gr.File(value=files, label="Pricing memo")))
    messages += [chart_message(chart) for chart in charts_for(answer.tool_calls, catalog)]
    return messages


def _frames(assistant: Assistant, question: str, session: str
            ) -> Iterator[tuple[list[gr.ChatMessage], Answer | BaseException | None]]:
    """The turn's growing message list, and with the last its end (the answer, or what went wrong).

    Steps are gathered for up to `_FLUSH_S` before an update is sent, so a step that runs for a
    while shows as running, and an answer faster than that arrives as one update: each update
    costs the server a render of the whole turn, and most answers take milliseconds.
    """
    events: queue.Queue[Step | Answer | BaseException] = queue.Queue()

    def work() -> None:
        try:
            events.put(assistant.ask(question, session_id=session, on_step=events.put))
        except BaseException as exc:  # reported in the chat below; the UI must never hang
            events.put(exc)

    threading.Thread(target=work, daemon=True, name="marginal-answer").start()
    steps: dict[str, gr.ChatMessage] = {}
    flush_at: float | None = None  # when the steps gathered since the last update are sent
    while True:
        wait = _IDLE_TICK_S if flush_at is None else max(0.0, flush_at - time.monotonic())
        try:
            event = events.get(timeout=wait)
        except queue.Empty:
            if flush_at is not None:
                flush_at = None
                yield list(steps.values()), None
            continue
        if isinstance(event, Step):
            steps[event.call_id] = _step_message(event)
            flush_at = flush_at or time.monotonic() + _FLUSH_S
        elif isinstance(event, Answer):
            yield [*steps.values(), *_answer_messages(event, assistant.catalog)], event
            return
        else:
            yield [*steps.values(), gr.ChatMessage(role="assistant",
                                                    content=ERROR_TEXT.format(kind=type(event).__name__))], event
            return


def stream_answer(assistant: Assistant, question: str, session: str) -> Iterator[list[gr.ChatMessage]]:
    """Yield the growing list of messages for one turn: steps as they run, then the answer and charts."""
    for messages, _ in _frames(assistant, question, session):
        yield messages


def stream_turn(assistant: Assistant, question: str, session: str) -> Iterator[tuple[list[gr.ChatMessage], str | None]]:
    """`stream_answer`, with the session meter (`usage_text`) beside the last update and None before it."""
    for messages, end in _frames(assistant, question, session):
        known = end.session_usage if isinstance(end, Answer) else None
        yield messages, None if end is None else usage_text(assistant, session, known)


def usage_text(assistant: Assistant, session: str, usage: Usage | None = None) -> str:
    """The session meter: the assistant's own LLM calls, tokens and cost in this conversation.

    `usage` is the conversation's usage when the caller knows it (a turn's answer carries it); else it
    is read from the saved conversation.
    """
    u = usage if usage is not None else assistant.session_usage(session)
    cost = "price unknown" if u.cost_usd is None else fmt.money(u.cost_usd)
    model = assistant.settings.model
    calls = f"{u.llm_calls} LLM call" + ("" if u.llm_calls == 1 else "s")
    return (f"**This conversation** ({model}): {calls}, {u.input_tokens:,} input + "
            f"{u.output_tokens:,} output tokens, {cost}.")


def save_uploads(files: Sequence[str], assistant: Assistant) -> Any:
    """Keep uploaded files under the data dir (named as the user named them) and ingest them."""
    import knowledge

    folder = Path(assistant.settings.data_dir) / "uploads"
    folder.mkdir(parents=True, exist_ok=True)
    kept = []
    for upload in files:
        target = folder / Path(upload).name
        shutil.copyfile(upload, target)
        kept.append(target)
    return knowledge.ingest(kept, assistant.store)
