"""Two scenario runs side by side: what changed in the inputs, and the change in each metric."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from assistant.scenarios.metrics import BY_NAME, METRICS, Metric, show
from assistant.scenarios.model import Scenario
from assistant.scenarios.results import ScenarioRun
from tools import fmt
from tools.change import change

__all__ = ["InputChange", "MetricChange", "ScenarioDiff", "diff_runs", "scenario_changes"]


class InputChange(BaseModel):
    """A scenario field that differs between the two."""

    field: str
    a: Any
    b: Any


class MetricChange(BaseModel):
    """One metric in both runs and the change from the first to the second (from the change calculator)."""

    name: str
    label: str
    unit: str
    a: float | None
    b: float | None
    a_text: str
    b_text: str
    change: float | None = Field(description="b - a in the metric's unit; None when either is missing or 'never'.")
    change_text: str
    formula: str = ""


class ScenarioDiff(BaseModel):
    """Scenario `a` against scenario `b`."""

    a: str
    b: str
    inputs: list[InputChange]
    metrics: list[MetricChange]


def diff_runs(a: ScenarioRun, b: ScenarioRun) -> ScenarioDiff:
    """Every metric of either run, side by side, with the change from `a` to `b`."""
    rows = [_row(m, a, b) for m in METRICS if m.name in a.metrics or m.name in b.metrics]
    return ScenarioDiff(a=a.name, b=b.name, inputs=_inputs(a, b), metrics=rows)


def _row(metric: Metric, a: ScenarioRun, b: ScenarioRun) -> MetricChange:
    va = a.metrics[metric.name].value if metric.name in a.metrics else None
    vb = b.metrics[metric.name].value if metric.name in b.metrics else None
    texts = {"a_text": _text(metric, a, va), "b_text": _text(metric, b, vb)}
    if va is None or vb is None:
        if metric.name not in a.metrics or metric.name not in b.metrics:
            said = f"only in {a.name if metric.name in a.metrics else b.name}"
        else:
            said = "no change" if texts["a_text"] == texts["b_text"] else f"{texts['a_text']} -> {texts['b_text']}"
        return MetricChange(name=metric.name, label=metric.label, unit=metric.unit, a=va, b=vb, change=None,
                            change_text=said, **texts)
    delta = change({"name": f"change in {metric.label}", "value": vb, "minus": va})
    return MetricChange(name=metric.name, label=metric.label, unit=metric.unit, a=va, b=vb, change=delta.value,
                        change_text=_signed(metric, delta.value), formula=delta.formula, **texts)


def _text(metric: Metric, run: ScenarioRun, value: float | None) -> str:
    return show(metric, value) if metric.name in run.metrics else "-"


def _signed(metric: Metric, delta: float) -> str:
    if delta == 0:
        return "no change"
    sign = "+" if delta > 0 else "-"
    if metric.unit == "fraction":
        return f"{sign}{fmt.number(round(abs(delta) * 100, 2))} points"
    return sign + show(BY_NAME[metric.name], abs(delta))


def _flat(data: Any, prefix: str = "") -> dict[str, Any]:
    if isinstance(data, dict):
        out: dict[str, Any] = {}
        for key, value in data.items():
            out |= _flat(value, f"{prefix}.{key}" if prefix else str(key))
        return out
    return {prefix: data}


def _inputs(a: ScenarioRun, b: ScenarioRun) -> list[InputChange]:
    return scenario_changes(a.scenario, b.scenario)


def scenario_changes(a: Scenario, b: Scenario) -> list[InputChange]:
    """The input fields (dotted paths) that differ from `a` to `b`, checks and description left out."""
    fa = _flat(a.model_dump(mode="json", exclude={"checks", "description"}))
    fb = _flat(b.model_dump(mode="json", exclude={"checks", "description"}))
    return [InputChange(field=k, a=fa.get(k), b=fb.get(k)) for k in dict.fromkeys([*fa, *fb])
            if fa.get(k) != fb.get(k)]
