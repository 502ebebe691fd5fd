"""The one registry of calculators: `TOOLS` lists every calculator once."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from tools.break_even import BreakEvenInput, BreakEvenResult, break_even
from tools.caching import CachingInput, CachingResult, caching
from tools.catalog import Catalog, default_catalog
from tools.change import ChangeInput, ChangeResult, change
from tools.compare import CompareInput, CompareResult, compare
from tools.compliance import ComplianceInput, ComplianceResult, compliance_overhead
from tools.errors import InputError
from tools.margin import MarginInput, MarginResult, margin
from tools.monte_carlo import MonteCarloInput, MonteCarloResult, monte_carlo
from tools.pricing_plan import PricingPlanInput, PricingPlanResult, pricing_plan
from tools.result import CalcInput, ToolResult
from tools.routing import RoutingInput, RoutingResult, routing
from tools.self_host import SelfHostInput, SelfHostResult, self_host
from tools.sensitivity import SensitivityInput, SensitivityResult, sensitivity
from tools.solve import SolveInput, SolveResult, solve
from tools.sweep import SweepInput, SweepResult, sweep
from tools.token_cost import TokenCostInput, TokenCostResult, token_cost

__all__ = ["TOOLS", "ToolSpec", "get_tool"]


@dataclass(frozen=True)
class ToolSpec:
    """One calculator as the agent, the MCP server and the tests see it."""

    name: str
    func: Callable[..., ToolResult]
    input_model: type[CalcInput]
    result_model: type[ToolResult]

    @property
    def description(self) -> str:
        """The calculator's docstring: what it computes, its formula and its arguments."""
        return inspect.cleandoc(self.func.__doc__ or self.name)

    @property
    def summary(self) -> str:
        """The first line of the description."""
        return self.description.splitlines()[0]

    def run(self, args: dict[str, Any], catalog: Catalog | None = None) -> ToolResult:
        """Validate `args` and compute; raises `InputError` for input a user can fix."""
        return self.func(args, catalog or default_catalog())


TOOLS: tuple[ToolSpec, ...] = (
    ToolSpec("token_cost", token_cost, TokenCostInput, TokenCostResult),
    ToolSpec("margin", margin, MarginInput, MarginResult),
    ToolSpec("break_even", break_even, BreakEvenInput, BreakEvenResult),
    ToolSpec("compliance_overhead", compliance_overhead, ComplianceInput, ComplianceResult),
    ToolSpec("self_host", self_host, SelfHostInput, SelfHostResult),
    ToolSpec("routing", routing, RoutingInput, RoutingResult),
    ToolSpec("pricing_plan", pricing_plan, PricingPlanInput, PricingPlanResult),
    ToolSpec("caching", caching, CachingInput, CachingResult),
    ToolSpec("solve", solve, SolveInput, SolveResult),
    ToolSpec("compare", compare, CompareInput, CompareResult),
    ToolSpec("sweep", sweep, SweepInput, SweepResult),
    ToolSpec("sensitivity", sensitivity, SensitivityInput, SensitivityResult),
    ToolSpec("monte_carlo", monte_carlo, MonteCarloInput, MonteCarloResult),
    ToolSpec("change", change, ChangeInput, ChangeResult),
)

_BY_NAME = {spec.name: spec for spec in TOOLS}


def get_tool(name: str) -> ToolSpec:
    """The calculator called `name`; an unknown name is an `InputError` listing the valid ones."""
    try:
        return _BY_NAME[name]
    except KeyError:
        raise InputError(f"unknown tool '{name}'.", field="tool", value=name,
                         hint=f"Valid tools: {', '.join(_BY_NAME)}.") from None
