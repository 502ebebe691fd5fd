"""What a scenario run returns: every metric with the calculator step it came from, checks and sources."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field, SerializeAsAny

from assistant.scenarios.checks import CheckResult
from assistant.scenarios.model import Scenario
from tools.result import Source, ToolResult

__all__ = ["MetricValue", "ScenarioRun", "Step"]


class Step(BaseModel):
    """One calculator call of a run: why, with which arguments, and its full result."""

    tool: str
    purpose: str = Field(description="What the run needed it for.")
    args: dict[str, Any]
    result: SerializeAsAny[ToolResult] = Field(description="The calculator's result (values, formula, inputs, "
                                                           "sources).")


class MetricValue(BaseModel):
    """One metric: its value (None = never), how it reads, and the calculator step it came from."""

    name: str
    label: str
    unit: str
    value: float | None
    text: str
    tool: str
    step: int = Field(description="Index of the step in `ScenarioRun.steps`.")
    formula: str
    note: str | None = Field(None, description="Why the value is 'never', when it is.")


class ScenarioRun(BaseModel):
    """Every metric of one scenario, the calculator steps behind them, the checks and the price sources."""

    name: str
    description: str = ""
    scenario: Scenario
    metrics: dict[str, MetricValue]
    steps: list[Step]
    checks: list[CheckResult] = Field(default_factory=list)
    sources: list[Source] = Field(default_factory=list)
    assumptions: list[str] = Field(default_factory=list)

    @property
    def passed(self) -> bool:
        """Whether every check passed (True when there are none)."""
        return all(c.passed for c in self.checks)

    def value(self, name: str) -> float | None:
        """A metric's value; a `KeyError` names the metrics this run has."""
        if name not in self.metrics:
            raise KeyError(f"{name!r} is not a metric of this run; it has {', '.join(self.metrics)}")
        return self.metrics[name].value
