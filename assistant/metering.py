"""Metering: the assistant's own LLM calls, tokens and dollars, per answer and per session."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from langchain_core.messages import AIMessage, BaseMessage

from assistant.answer import Usage
from tools.catalog import Catalog, default_catalog
from tools.errors import MarginalError

__all__ = ["llm_usage", "price_llm_usage"]


def price_llm_usage(model_name: str, input_tokens: int, output_tokens: int,
                    catalog: Catalog | None = None, *,
                    cached_input_tokens: int = 0) -> float | None:
    """USD cost of one LLM call's tokens at the catalog price; None if the model is not priced.

    cost = (uncached input x input price + cached input x cached price + output x output price)
    / 1,000,000, prices per 1M tokens. Cached tokens are part of input_tokens (OpenAI's usage).

    Args:
        model_name: the model as configured (settings.llm_name). Prefer it to the name the
            server reports: OpenAI answers with dated names (gpt-4o-mini-2024-07-18) that the
            loose catalog lookup can match to another entry.
        input_tokens: prompt tokens, cached ones included.
        output_tokens: completion tokens.
        catalog: the price catalog (default: the shared one).
        cached_input_tokens: prompt tokens served from the provider's cache.
    """
    if min(input_tokens, output_tokens, cached_input_tokens) < 0:
        return None
    if cached_input_tokens > input_tokens:
        return None
    try:
        price = (catalog or default_catalog()).model(model_name)
    except MarginalError:
        return None
    cached_price = price.cached_input_per_1m
    if cached_price is None:
        cached_price = price.input_per_1m
    micro_usd = ((input_tokens - cached_input_tokens) * price.input_per_1m
                 + cached_input_tokens * cached_price + output_tokens * price.output_per_1m)
    return micro_usd / 1_000_000


def llm_usage(messages: Sequence[BaseMessage], catalog: Catalog, model_name: str | None = None) -> Usage:
    """Usage of the AI messages an LLM produced (the offline planner's count as none).

    Priced as `model_name` (the configured model) when given: servers report dated names.
    """
    total = Usage()
    for m in messages:
        if not isinstance(m, AIMessage):
            continue
        name = m.response_metadata.get("model_name") or ""
        if not name or "planner" in m.response_metadata:
            continue
        meta: dict[str, Any] = dict(m.usage_metadata or {})
        tokens_in, tokens_out = int(meta.get("input_tokens", 0)), int(meta.get("output_tokens", 0))
        total = total + Usage(llm_calls=1, input_tokens=tokens_in, output_tokens=tokens_out,
                              cost_usd=price_llm_usage(model_name or name, tokens_in, tokens_out, catalog))
    return total
