"""sensitivity: move each input of a scenario by +/- a swing and rank the effect (a tornado)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from tools import fmt
from tools.catalog import Catalog
from tools.result import ToolResult, parse_input, q
from tools.scenario import Scenario, base_values, evaluate_values, priced, require_fee
from tools.units import Fraction

__all__ = ["SensitivityInput", "SensitivityResult", "SensitivityRow", "sensitivity"]

Metric = Literal["monthly_cost", "gross_margin", "profit"]


class SensitivityInput(Scenario):
    """A scenario, the swing and the metric to watch."""

    swing: Fraction = Field(0.2, gt=0, lt=1, description="How far each input moves each way (0.2 = +/-20%).")
    metric: Metric | None = Field(None, description="monthly_cost, gross_margin or profit (default: gross "
                                                     "margin with a fee, else monthly cost).")


class SensitivityRow(BaseModel):
    """One input moved down and up, and the metric at each end."""

    input: str
    low_value: float
    high_value: float
    metric_at_low: float
    metric_at_high: float
    swing: float = Field(description="|metric at high - metric at low|, the bar's length.")


class SensitivityResult(ToolResult):
    """Inputs ranked by how much they move the metric."""

    metric: str
    base_metric: float
    rows: list[SensitivityRow]


def _metric(values: dict, s: Scenario, metric: str) -> float:
    e = evaluate_values(values, s)
    return float({"monthly_cost": e.cost, "gross_margin": e.margin, "profit": e.profit}[metric])


def sensitivity(data: SensitivityInput | dict, catalog: Catalog | None = None) -> SensitivityResult:
    """Which inputs move monthly cost, gross margin or profit most: each input at -swing and +swing.

    Each input is multiplied by (1 - swing) and (1 + swing) with the others held; the rows are
    ranked by |metric at high - metric at low|.

    Args:
        data: the scenario (users, queries_per_user and query_period, tokens_per_query, price_per_1m
            or model, optionally fee_per_user_month and fixed_cost_month), swing (default 0.2 for
            +/-20%) and metric (monthly_cost, gross_margin or profit).
        catalog: price catalog for model names (defaults to the bundled one).
    """
    inp = parse_input(SensitivityInput, data)
    p = priced(inp, catalog)
    metric = inp.metric or ("gross_margin" if inp.fee_per_user_month is not None else "monthly_cost")
    if metric != "monthly_cost":
        require_fee(inp, f"the {metric.replace('_', ' ')} metric")
    base = base_values(inp, p)
    rows = []
    for name, value in base.items():
        if not value:  # absent or zero: moving it by a percentage changes nothing
            continue
        low, high = value * (1 - inp.swing), value * (1 + inp.swing)
        at_low, at_high = _metric({**base, name: low}, inp, metric), _metric({**base, name: high}, inp, metric)
        rows.append(SensitivityRow(input=name, low_value=low, high_value=high, metric_at_low=at_low,
                                   metric_at_high=at_high, swing=abs(at_high - at_low)))
    rows.sort(key=lambda r: -r.swing)
    shown = fmt.pct if metric == "gross_margin" else fmt.money
    top = rows[0]
    head = (f"{top.input.replace('_', ' ').capitalize()} moves {metric.replace('_', ' ')} most: from "
            f"{shown(top.metric_at_low)} to {shown(top.metric_at_high)} for a +/-{fmt.pct(inp.swing)} swing "
            f"(base {shown(_metric(base, inp, metric))}).")
    return SensitivityResult(
        tool="sensitivity", headline=head,
        formula=(f"each input x (1 - {fmt.pct(inp.swing)}) and x (1 + {fmt.pct(inp.swing)}), others held; "
                 "monthly cost = users x queries per month x tokens x $ per 1M / 1M + fixed; margin = "
                 "(revenue - cost) / revenue; ranked by the metric's swing"),
        inputs={**p.inputs, "swing": q(inp.swing * 100, "%")}, assumptions=p.assumptions, sources=p.sources,
        metric=metric, base_metric=_metric(base, inp, metric), rows=rows,
    )
