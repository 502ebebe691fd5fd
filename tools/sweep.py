"""sweep: vary one input of a scenario over a range and tabulate monthly cost, revenue and margin."""

from __future__ import annotations

from typing import Annotated, Any, Literal

import numpy as np
from pydantic import BaseModel, Field, model_validator

from tools import fmt
from tools.catalog import Catalog
from tools.result import ToolResult, parse_input, q
from tools.scenario import Scenario, base_values, evaluate_values, priced

__all__ = ["SweepInput", "SweepResult", "SweepRow", "sweep"]

Variable = Literal["users", "queries_per_user", "tokens_per_query", "price_per_1m", "fee_per_user_month"]


class SweepInput(Scenario):
    """A scenario and the input to vary."""

    variable: Variable = Field("users", description="The input to vary.")
    start: float | None = Field(None, gt=0, le=1e12, examples=[10_000], description="First value of the range.")
    stop: float | None = Field(None, gt=0, le=1e12, examples=[1_000_000], description="Last value of the range.")
    steps: int = Field(10, ge=2, le=200, description="Number of values, ends included.")
    scale: Literal["linear", "log"] = Field("linear", description="Even steps (linear) or even ratios (log).")
    values: list[Annotated[float, Field(gt=0, le=1e12)]] | None = Field(
        None, min_length=2, max_length=200, description="Exact values to evaluate instead of start/stop/steps "
                                                        "(e.g. 5k, 20k and 80k seats).")

    @model_validator(mode="before")
    @classmethod
    def _swept_price(cls, data: Any) -> Any:
        """A swept per-1M price replaces a single price given beside it."""
        if isinstance(data, dict) and data.get("variable") == "price_per_1m" and data.get("price_per_1m") is not None:
            data = {k: v for k, v in data.items() if k not in ("price", "price_unit")}
        return data

    @model_validator(mode="after")
    def _range(self) -> SweepInput:
        if self.values is not None:
            self.values = sorted(set(self.values))
            self.start, self.stop = self.values[0], self.values[-1]
            if len(self.values) < 2:
                raise ValueError("give at least two different values to compare (e.g. 5000, 20000 and 80000)")
            return self
        if self.start is None or self.stop is None:
            raise ValueError("give start and stop (e.g. start 10000, stop 1000000) or a list of values")
        if self.stop <= self.start:
            raise ValueError(f"stop must be above start (got {self.start:g} to {self.stop:g}); e.g. start 10000, "
                             "stop 1000000")
        return self


class SweepRow(BaseModel):
    """The scenario's monthly figures at one value of the variable."""

    value: float
    monthly_cost_usd: float
    monthly_revenue_usd: float | None
    gross_margin: float | None
    profit_usd: float | None


class SweepResult(ToolResult):
    """The table, and where profit crosses zero inside the range."""

    variable: str
    rows: list[SweepRow]
    break_even_value: float | None = Field(None, description="Where profit is 0 within the range, if it is.")


def _break_even(values: np.ndarray, profit: np.ndarray | None) -> float | None:
    """Profit is linear in every single input, so two points give the exact root."""
    if profit is None or len(values) < 2 or profit[0] == profit[-1]:
        return None
    root = values[0] - profit[0] * (values[-1] - values[0]) / (profit[-1] - profit[0])
    return float(root) if values[0] <= root <= values[-1] else None


def sweep(data: SweepInput | dict, catalog: Catalog | None = None) -> SweepResult:
    """Monthly cost, revenue, margin and profit as one input moves over a range (linear or log steps).

    Monthly cost = users x queries per user per month x tokens per query x $ per 1M / 1M + fixed
    costs; revenue = users x fee; gross margin = (revenue - cost) / revenue.

    Args:
        data: the scenario (users, queries_per_user and query_period, tokens_per_query, price_per_1m
            or model, optionally fee_per_user_month and fixed_cost_month) and the sweep: variable
            (users, queries_per_user, tokens_per_query, price_per_1m or fee_per_user_month), start,
            stop, steps (2-200) and scale (linear or log).
        catalog: price catalog for model names (defaults to the bundled one).
    """
    inp = parse_input(SweepInput, data)
    p = priced(inp, catalog)
    start, stop = inp.start or 0.0, inp.stop or 0.0
    grid = np.asarray(inp.values) if inp.values is not None else \
        (np.geomspace if inp.scale == "log" else np.linspace)(start, stop, inp.steps)
    values = base_values(inp, p)
    if inp.variable == "fee_per_user_month" and values["fee_per_user_month"] is None:
        values["fee_per_user_month"] = 0.0
    values[inp.variable] = grid
    e = evaluate_values(values, inp)
    cost = np.broadcast_to(e.cost, grid.shape)
    revenue, profit, margin = (None if a is None else np.broadcast_to(a, grid.shape)
                               for a in (e.revenue, e.profit, e.margin))
    rows = [SweepRow(value=float(v), monthly_cost_usd=float(cost[i]),
                     monthly_revenue_usd=None if revenue is None else float(revenue[i]),
                     gross_margin=None if margin is None or np.isnan(margin[i]) else float(margin[i]),
                     profit_usd=None if profit is None else float(profit[i]))
            for i, v in enumerate(grid)]
    crossing = _break_even(grid, profit)
    name = inp.variable.replace("_", " ")
    head = (f"As {name} goes from {fmt.number(start)} to {fmt.number(stop)}, monthly cost goes from "
            f"{fmt.money(rows[0].monthly_cost_usd)} to {fmt.money(rows[-1].monthly_cost_usd)}")
    if rows[0].gross_margin is not None and rows[-1].gross_margin is not None:
        head += f" and gross margin from {fmt.pct(rows[0].gross_margin)} to {fmt.pct(rows[-1].gross_margin)}"
    head += "." if crossing is None else f"; profit crosses zero at {name} = {fmt.number(round(crossing, 2))}."
    inputs = {**p.inputs, "start": q(start, name), "stop": q(stop, name), "steps": q(len(grid), "values")}
    spacing = "the values given" if inp.values is not None else \
        f"{inp.steps} {'logarithmic' if inp.scale == 'log' else 'even'} steps, ends included"
    assumptions = [*p.assumptions, f"{spacing}; every other input held at its value."]
    return SweepResult(
        tool="sweep", headline=head,
        formula=("monthly cost = users x queries per user per month x tokens per query x $ per 1M / 1M + fixed; "
                 "revenue = users x fee; margin = (revenue - cost) / revenue; evaluated at each value of "
                 f"{name}"),
        inputs=inputs, assumptions=assumptions, sources=p.sources, variable=inp.variable, rows=rows,
        break_even_value=crossing,
    )
