"""Checks a scenario declares (`gross_margin >= 70%`): parsed into a typed `Check`, judged into a `CheckResult`."""

from __future__ import annotations

import difflib
import operator
import re
from collections.abc import Callable
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from assistant.scenarios.metrics import BY_NAME, Metric, show
from tools import fmt
from tools.change import change
from tools.units import to_fraction

__all__ = ["Check", "CheckResult", "judge"]

Op = Literal[">=", "<=", ">", "<", "=="]
_OPS: dict[str, Callable[[float, float], bool]] = {
    ">=": operator.ge, "<=": operator.le, ">": operator.gt, "<": operator.lt, "==": operator.eq}
_CHECK = re.compile(r"^\s*([A-Za-z_][A-Za-z0-9_]*)\s*(>=|<=|==|>|<)\s*(.+?)\s*$")
_NUMBER = re.compile(r"^(-?)\$?(-?[0-9][0-9,_]*(?:\.[0-9]+)?|-?\.[0-9]+)\s*([kKmMbB%]?)$")
_SCALE = {"": 1.0, "k": 1e3, "m": 1e6, "b": 1e9}
_EXAMPLE = "Write a check as 'METRIC OP VALUE', e.g. 'gross_margin >= 70%' or 'cost_per_user_month <= 2'."


def _threshold(text: str, metric: Metric) -> float:
    """A threshold as written ($2, 5,000, 70%, 1.5k) in the metric's own unit (70% -> 0.7 for a share)."""
    match = _NUMBER.match(text.strip().replace(" ", ""))
    if match is None:
        raise ValueError(f"{text!r} is not a number (e.g. 70%, 2, $60,000, 5k)")
    sign, digits, suffix = match.groups()
    number = float(sign + digits.replace(",", "").replace("_", ""))
    if suffix == "%":
        if metric.unit != "fraction":
            raise ValueError(f"{metric.name} is a {metric.unit_label or 'count'} figure, not a share: drop the '%'")
        return number / 100
    number *= _SCALE[suffix.lower()]
    return float(to_fraction(number)) if metric.unit == "fraction" else number


class Check(BaseModel):
    """A condition on one metric, e.g. `gross_margin >= 70%` (metric, operator, threshold in the metric's unit)."""

    model_config = ConfigDict(extra="forbid")

    metric: str = Field(description="A metric name, e.g. gross_margin, cost_per_user_month, break_even_users.")
    op: Op = Field(description="One of >=, <=, >, <, ==.")
    value: float = Field(allow_inf_nan=False, description="The threshold in the metric's unit (a share as 0.7).")
    text: str = Field("", description="The check as written.")

    @model_validator(mode="before")
    @classmethod
    def _parse(cls, data: Any) -> Any:
        if not isinstance(data, str):
            return data
        match = _CHECK.match(data)
        if match is None:
            raise ValueError(f"cannot read the check {data!r}. {_EXAMPLE}")
        name, op, raw = match.groups()
        metric = BY_NAME.get(name)
        if metric is None:
            raise ValueError(_unknown(name))
        return {"metric": name, "op": op, "value": _threshold(raw, metric), "text": data.strip()}

    @field_validator("metric")
    @classmethod
    def _known(cls, name: str) -> str:
        if name not in BY_NAME:
            raise ValueError(_unknown(name))
        return name

    @model_validator(mode="after")
    def _text(self) -> Check:
        if not self.text:
            self.text = f"{self.metric} {self.op} {show(BY_NAME[self.metric], self.value)}"
        return self


def _unknown(name: str) -> str:
    near = difflib.get_close_matches(name, list(BY_NAME), n=3)
    hint = f" Did you mean {', '.join(near)}?" if near else f" Metrics: {', '.join(BY_NAME)}."
    return f"unknown metric {name!r}.{hint}"


class CheckResult(BaseModel):
    """A check judged against a run: the actual value, pass or fail, and by how much."""

    scenario: str
    check: str
    metric: str
    op: str
    threshold: float
    actual: float | None = Field(description="None when the metric is 'never' (never breaks even or pays back).")
    passed: bool
    actual_text: str
    threshold_text: str
    gap: float | None = Field(description="actual - threshold, in the metric's unit; None for 'never'.")
    gap_text: str = Field(description="How far the actual value is from the threshold, in words.")
    formula: str = Field("", description="The gap's formula (the change calculator's).")


def judge(scenario: str, check: Check, actual: float | None) -> CheckResult:
    """Judge `check` on the metric's `actual` value; 'never' (None) counts as beyond any finite threshold."""
    metric = BY_NAME[check.metric]
    threshold_text = show(metric, check.value)
    actual_text = show(metric, actual)
    common = {"scenario": scenario, "check": check.text, "metric": check.metric, "op": check.op,
              "threshold": check.value, "actual": actual, "actual_text": actual_text,
              "threshold_text": threshold_text}
    if actual is None:
        passed = check.op in (">=", ">")
        return CheckResult(**common, passed=passed, gap=None, gap_text=f"{metric.label} is never reached")
    gap = change({"name": f"{check.metric} - threshold", "value": actual, "minus": check.value})
    side = "above" if gap.value > 0 else "below" if gap.value < 0 else "at"
    return CheckResult(**common, passed=_OPS[check.op](actual, check.value), gap=gap.value,
                       gap_text=_distance(metric, abs(gap.value), side, threshold_text), formula=gap.formula)


def _distance(metric: Metric, size: float, side: str, threshold: str) -> str:
    if side == "at":
        return f"exactly at {threshold}"
    if metric.unit == "fraction":
        amount = f"{fmt.number(round(size * 100, 2))} percentage points"
    else:
        amount = show(metric, size)
    return f"{amount} {side} {threshold}"
