"""Charts for answers that involve a comparison or a range, drawn from tool results only.

`charts_for(calls, catalog)` returns renderer-neutral `Chart` specs; `assistant/plotly_json.py` draws
one for the app. Where a chart needs more points than the answer computed (cost vs users, API vs self-host),
the same calculator is run again over a range: every plotted value is a tool's output.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from pydantic import BaseModel, Field

from assistant.answer import ToolCall
from tools import get_tool
from tools.catalog import Catalog
from tools.errors import MarginalError

__all__ = ["Chart", "Series", "charts_for"]

_SPAN = (0.1, 0.2, 0.5, 1.0, 2.0, 5.0, 10.0)  # multiples of the asked value, for range charts


class Series(BaseModel):
    """One line, set of bars or histogram."""

    name: str
    x: list[Any]
    y: list[float]


class Chart(BaseModel):
    """A chart spec any renderer can draw (plotly in the app, images in documents)."""

    title: str
    kind: str = Field(description="line, bar, barh or hist")
    x_label: str = Field(description="The axis of `Series.x` (vertical for barh).")
    y_label: str = Field(description="The axis of `Series.y` (horizontal for barh).")
    series: list[Series]
    log_x: bool = False
    marker: tuple[float, float] | None = Field(None, description="The asked point, highlighted.")


def _rerun(call: ToolCall, field: str, catalog: Catalog, pick: Sequence[str]) -> tuple[list[float], list[list[float]]]:
    """Run `call`'s calculator again with `field` scaled over `_SPAN`; returns x and each picked output."""
    base = float(call.args[field])
    spec = get_tool(call.name)
    xs: list[float] = []
    ys: list[list[float]] = [[] for _ in pick]
    for factor in _SPAN:
        try:
            result = spec.run({**call.args, field: base * factor}, catalog).model_dump()
        except MarginalError:
            continue
        if any(result.get(key) is None for key in pick):
            continue
        xs.append(base * factor)
        for column, key in zip(ys, pick, strict=True):
            column.append(float(result[key]))
    return xs, ys


def _token_cost(call: ToolCall, catalog: Catalog) -> Chart | None:
    xs, (ys,) = _rerun(call, "users", catalog, ["cost_per_month_usd"])
    result = call.result or {}
    return Chart(title="Monthly cost vs users", kind="line", x_label="users", y_label="USD per month",
                 series=[Series(name="monthly cost", x=xs, y=ys)], log_x=True,
                 marker=(float(call.args["users"]), float(result["cost_per_month_usd"]))) if len(xs) > 1 else None


def _self_host(call: ToolCall, catalog: Catalog) -> Chart | None:
    if not call.args.get("monthly_tokens"):
        return None
    xs, (api, own) = _rerun(call, "monthly_tokens", catalog, ["api_monthly_usd", "self_host_monthly_usd"])
    if len(xs) < 2:
        return None
    return Chart(title="API vs self-hosting, monthly cost", kind="line", x_label="tokens per month",
                 y_label="USD per month", log_x=True,
                 series=[Series(name="API", x=xs, y=api), Series(name="self-hosted", x=xs, y=own)])


def _break_even(call: ToolCall, catalog: Catalog) -> Chart | None:
    r, a = call.result or {}, call.args
    users = r.get("break_even_users")
    price, variable = a.get("price_per_user_usd"), a.get("variable_cost_per_user_usd") or 0.0
    if not users or price is None:
        return None
    xs = [round(users * f) for f in (0, 0.5, 1, 1.5, 2)]
    fixed = float(a.get("fixed_costs_usd") or 0.0)
    # Straight lines of the calculator's own formula: revenue = users x price; cost = fixed + users x variable.
    return Chart(title="Break-even point", kind="line", x_label="users", y_label="USD per month",
                 series=[Series(name="revenue", x=xs, y=[x * price for x in xs]),
                         Series(name="total cost", x=xs, y=[fixed + x * variable for x in xs])],
                 marker=(float(users), float(r["break_even_revenue_usd"])) if r.get("break_even_revenue_usd") else None)


def _routing(call: ToolCall, catalog: Catalog) -> Chart | None:
    r = call.result or {}
    rows = [row for row in r.get("rows", []) if row.get("price_per_1m_usd") is not None]
    if not rows or r.get("blended_per_1m_usd") is None:
        return None
    labels = [row["label"] for row in rows] + ["blended"]
    values = [row["price_per_1m_usd"] for row in rows] + [r["blended_per_1m_usd"]]
    return Chart(title="Blended routing price", kind="bar", x_label="route", y_label="USD per 1M tokens",
                 series=[Series(name="price per 1M tokens", x=labels, y=values)])


def _compare(call: ToolCall, catalog: Catalog) -> Chart | None:
    r = call.result or {}
    rows = r.get("rows", [])
    basis = r.get("basis", "per month")
    return Chart(title=f"Cost compared ({basis})", kind="bar", x_label="option", y_label=f"USD {basis}",
                 series=[Series(name="cost", x=[row["label"] for row in rows],
                                y=[row["monthly_cost_usd"] for row in rows])]) if len(rows) > 1 else None


def _sweep(call: ToolCall, catalog: Catalog) -> Chart | None:
    r = call.result or {}
    rows = r.get("rows") or []
    if len(rows) < 2:
        return None
    variable = str(r.get("variable") or call.args.get("variable") or "value")
    xs = [row["value"] for row in rows]
    series = [Series(name=label, x=xs, y=[row[key] for row in rows])
              for key, label in (("monthly_cost_usd", "monthly cost"), ("monthly_revenue_usd", "monthly revenue"))
              if all(row.get(key) is not None for row in rows)]
    return Chart(title=f"Monthly cost and revenue vs {variable.replace('_', ' ')}", kind="line",
                 x_label=variable.replace("_", " "), y_label="USD per month", series=series,
                 log_x=call.args.get("scale") == "log")


def _sensitivity(call: ToolCall, catalog: Catalog) -> Chart | None:
    r = call.result or {}
    rows = r.get("rows") or []
    if not rows:
        return None
    labels = [str(row["input"]).replace("_", " ") for row in rows]
    metric = str(r.get("metric") or call.args.get("metric") or "metric").replace("_", " ")
    return Chart(title=f"Sensitivity of {metric} (tornado)", kind="barh", x_label="input", y_label=metric,
                 series=[Series(name="low", x=labels, y=[row["metric_at_low"] for row in rows]),
                         Series(name="high", x=labels, y=[row["metric_at_high"] for row in rows])])


def _monte_carlo(call: ToolCall, catalog: Catalog) -> Chart | None:
    hist = (call.result or {}).get("histogram") or {}
    edges, counts = hist.get("edges") or [], hist.get("counts") or []
    if len(edges) != len(counts) + 1 or not counts:
        return None
    return Chart(title="Monthly cost, simulated", kind="hist", x_label="USD per month", y_label="draws",
                 series=[Series(name="draws", x=edges[:-1], y=[float(c) for c in counts])])


_CHARTS: dict[str, Callable[[ToolCall, Catalog], Chart | None]] = {
    "token_cost": _token_cost, "self_host": _self_host, "break_even": _break_even, "routing": _routing,
    "compare": _compare, "sweep": _sweep, "sensitivity": _sensitivity, "monte_carlo": _monte_carlo,
}


def charts_for(calls: Sequence[ToolCall], catalog: Catalog) -> list[Chart]:
    """One chart per charted tool call that succeeded (token costs only when no comparison is charted)."""
    charts = []
    for call in calls:
        draw = _CHARTS.get(call.name)
        if draw is None or call.error or not isinstance(call.result, dict):
            continue
        try:
            chart = draw(call, catalog)
        except (KeyError, TypeError, ValueError):  # a result without the fields this chart needs
            chart = None
        if chart is not None:
            charts.append((call.name, chart))
    if any(name != "token_cost" for name, _ in charts):
        charts = [(n, c) for n, c in charts if n != "token_cost"]
    return [c for _, c in charts]
