"""The agent: models (offline planner, OpenAI-compatible LLMs), sessions, verification, metering."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from assistant.agent import Assistant
    from assistant.answer import Answer
    from assistant.config import Settings

__all__ = ["Answer", "Assistant", "Settings"]


_LAZY = {"Assistant": "assistant.agent", "Answer": "assistant.answer", "Settings": "assistant.config"}


def __getattr__(name: str) -> Any:
    # Lazy, so `marginal --help` does not import LangChain.
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'assistant' has no attribute {name!r}")
