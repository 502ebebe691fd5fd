"""What the Scenario tab shows of a run: metrics beside a baseline, checks, a chart, and the downloads.

Every value shown is a metric of `run_scenario` (each from a calculator) or a change from `diff_runs`
(the change calculator); nothing is computed here.
"""

from __future__ import annotations

from pathlib import Path

from gradio.components.plot import PlotData

from assistant.plotly_json import plot_data
from assistant.scenarios.diff import diff_runs
from assistant.scenarios.dump import dump_scenarios
from assistant.scenarios.export import csv_text
from assistant.scenarios.results import ScenarioRun
from assistant.scenarios.workbook import workbook_bytes
from tools import fmt
from tools.catalog import Catalog

__all__ = ["CHECK_HEADERS", "METRIC_HEADERS", "METRIC_WIDTHS", "check_rows", "metric_rows", "monthly_chart",
           "write_downloads"]

METRIC_HEADERS = ["Metric", "This scenario", "Baseline", "Change", "Calculator: formula"]
METRIC_WIDTHS: list[str | int] = ["20%", "13%", "13%", "14%", "40%"]
CHECK_HEADERS = ["Check", "Result", "Actual", "By how much"]
# The chart's bars: what a month costs and brings, as the run's metrics name them.
_MONTHLY = (("monthly_cost", "model cost"), ("total_cost_month", "total cost"), ("revenue_month", "revenue"),
            ("gross_profit_month", "gross profit"), ("operating_profit_month", "operating profit"),
            ("self_host_cost_month", "self-hosting cost"))


def metric_rows(run: ScenarioRun, baseline: ScenarioRun | None = None) -> list[list[str]]:
    """One row per metric: its value, the baseline's and the change (from the change calculator)."""
    if baseline is None:
        return [[m.label, m.text, "", "", _source(run, m.name)] for m in run.metrics.values()]
    diff = diff_runs(baseline, run)
    return [[d.label, d.b_text, d.a_text, d.change_text, _source(run, d.name)] for d in diff.metrics]


def _source(run: ScenarioRun, name: str) -> str:
    m = run.metrics.get(name)
    return "" if m is None else f"{m.tool}: {m.formula}"


def check_rows(run: ScenarioRun) -> list[list[str]]:
    """One row per check: the check, PASS or FAIL, the actual value and by how much."""
    return [[c.check, "✅ PASS" if c.passed else "❌ FAIL", c.actual_text, c.gap_text] for c in run.checks]


def monthly_chart(run: ScenarioRun, baseline: ScenarioRun | None = None) -> PlotData:
    """A plotly bar chart of the month's cost, revenue and profit, beside the baseline's, values on the bars.

    Written as JSON (`assistant/plotly_json.py`): a `plotly.graph_objects` figure takes 6 ms to build and as much
    again for Gradio to serialise, on every edit.
    """
    bars = [(k, label) for k, label in _MONTHLY if k in run.metrics and run.metrics[k].value is not None]
    data = []
    for r in [run] if baseline is None else [run, baseline]:
        ys = [_value(r, k) for k, _ in bars]
        data.append({"type": "bar", "name": r.name, "x": [label for _, label in bars], "y": ys,
                     "text": [fmt.money(y) for y in ys], "textposition": "outside", "cliponaxis": False})
    return plot_data({"data": data, "layout": {
        "title": {"text": "Per month: cost, revenue and profit"}, "yaxis": {"title": {"text": "USD per month"}},
        "barmode": "group", "height": 360, "margin": {"l": 50, "r": 20, "t": 50, "b": 40}}})


def _value(run: ScenarioRun, name: str) -> float:
    m = run.metrics.get(name)
    return 0.0 if m is None or m.value is None else m.value


def write_downloads(folder: Path, run: ScenarioRun, baseline: ScenarioRun | None, catalog: Catalog) -> list[str]:
    """The scenario YAML, the metrics CSV and the XLSX workbook (with the baseline beside it when set)."""
    folder.mkdir(parents=True, exist_ok=True)
    runs = [run] if baseline is None else [run, baseline]
    stem = folder / run.name
    yaml_path, csv_path, xlsx_path = (stem.with_suffix(s) for s in (".yaml", ".csv", ".xlsx"))
    yaml_path.write_text(dump_scenarios({r.name: r.scenario for r in runs}), encoding="utf-8")
    csv_path.write_text(csv_text(runs), encoding="utf-8")
    xlsx_path.write_bytes(workbook_bytes(runs, catalog))
    return [str(yaml_path), str(csv_path), str(xlsx_path)]
