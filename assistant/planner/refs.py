"""References between steps: an argument taken from an earlier step's result (the planner never computes)."""

from __future__ import annotations

from typing import Any

__all__ = ["is_ref", "ref"]


def ref(tool: str, field: str) -> dict[str, list[str]]:
    """An argument taken from an earlier step's result (the planner chains, it never computes)."""
    return {"$from": [tool, field]}


def is_ref(value: Any) -> bool:
    """Whether an argument is a `ref` to an earlier step."""
    return isinstance(value, dict) and "$from" in value
