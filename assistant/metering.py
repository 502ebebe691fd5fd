"""Metering: the assistant's own LLM calls, tokens and dollars, per answer and per session."""

from __future__ import annotations

from collections.abc import Sequence

from langchain_core.messages import AIMessage, BaseMessage

from assistant.answer import Usage
from tools.catalog import Catalog
from tools.errors import MarginalError

__all__ = ["llm_usage", "price_usage"]


def price_usage(model_name: str, input_tokens: int, output_tokens: int, catalog: Catalog) -> float | None:
    """Dollar cost of LLM usage at catalog prices; None when the model is not in the catalog."""
    try:
        price = catalog.model(model_name)
    except MarginalError:
        return None
    return (input_tokens * price.input_per_1m + output_tokens * price.output_per_1m) / 1e6


def llm_usage(messages: Sequence[BaseMessage], catalog: Catalog) -> Usage:
    """Usage of the AI messages an LLM produced (the offline planner's count as none)."""
    total = Usage()
    for m in messages:
        if not isinstance(m, AIMessage):
            continue
        name = m.response_metadata.get("model_name") or ""
        if not name or "planner" in m.response_metadata:
            continue
        meta = m.usage_metadata or {}
        tokens_in, tokens_out = int(meta.get("input_tokens", 0)), int(meta.get("output_tokens", 0))
        total = total + Usage(llm_calls=1, input_tokens=tokens_in, output_tokens=tokens_out,
                              cost_usd=price_usage(name, tokens_in, tokens_out, catalog))
    return total
