"""Deterministic calculators and the price catalog: the one registry of tools.

Every calculator is a pure function `f(data, catalog=None) -> Result` taking a pydantic input
model (or a dict of its fields) and returning a `ToolResult` subclass with the values, formula,
echoed inputs, assumptions and sources. The agent and the MCP server expose exactly `TOOLS`.
This package never imports assistant/, app.py or knowledge/.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tools.registry import TOOLS, ToolSpec, get_tool

__all__ = ["TOOLS", "ToolSpec", "get_tool"]


def __getattr__(name: str) -> Any:
    # Lazy, so `import tools.catalog` does not pay for sympy and every calculator.
    if name in __all__:
        from tools import registry

        return getattr(registry, name)
    raise AttributeError(f"module 'tools' has no attribute {name!r}")
