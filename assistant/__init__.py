"""The agent: models (offline planner, OpenAI-compatible LLMs), sessions, verification, metering."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from assistant.agent import Assistant
    from assistant.answer import Answer
    from assistant.config import Settings

__all__ = ["Answer", "Assistant", "Settings"]


def __getattr__(name: str) -> Any:
    # Lazy, so `marginal --help` does not import LangChain.
    if name == "Assistant":
        from assistant.agent import Assistant

        return Assistant
    if name == "Answer":
        from assistant.answer import Answer

        return Answer
    if name == "Settings":
        from assistant.config import Settings

        return Settings
    raise AttributeError(f"module 'assistant' has no attribute {name!r}")
