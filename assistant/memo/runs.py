"""Calculator runs for a memo: typed results for the memo's sections, and every call kept for its audit trail."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from assistant.answer import ToolCall
from assistant.charts import Chart, charts_for
from tools.catalog import Catalog
from tools.result import ToolResult

__all__ = ["Runs"]

R = TypeVar("R", bound=ToolResult)


class Runs:
    """Runs calculators and keeps each call (arguments and result) for the memo's audit trail and charts."""

    def __init__(self, catalog: Catalog, calls: Sequence[ToolCall] = ()) -> None:
        self.catalog = catalog
        self.calls: list[ToolCall] = list(calls)
        self.results: list[ToolResult] = []

    def __call__(self, func: Callable[[dict[str, Any], Catalog], R], args: dict[str, Any]) -> R:
        """Run one calculator; its typed result goes to the memo, its dump to the audit trail."""
        result = func(args, self.catalog)
        self.calls.append(ToolCall(name=result.tool, args=args, result=result.model_dump(mode="json")))
        self.results.append(result)
        return result

    def chart(self, index: int = -1) -> list[Chart]:
        """The chart of the call at `index`, if it has one."""
        return charts_for([self.calls[index]], self.catalog)

    def chart_of(self, tool: str) -> list[Chart]:
        """The chart of the last call of `tool`, if it has one."""
        calls = [c for c in self.calls if c.name == tool]
        return charts_for(calls[-1:], self.catalog)
