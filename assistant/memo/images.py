"""Static chart images (PNG, matplotlib Agg) from the renderer-neutral chart specs, for documents."""

from __future__ import annotations

import io
import textwrap
from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from assistant.charts import Chart

__all__ = ["chart_png"]


def _labels(values: list[Any]) -> list[str]:
    return [textwrap.fill(str(v), 18) for v in values]


def _draw(ax: Any, chart: Chart) -> None:
    if chart.kind == "barh" and len(chart.series) == 2:  # a tornado: one bar from the low end to the high end
        low, high = chart.series
        ax.barh(_labels(low.x), [h - lo for lo, h in zip(low.y, high.y, strict=True)], left=low.y, color="#4c78a8")
        ax.invert_yaxis()  # the biggest swing on top
        return
    for s in chart.series:
        if chart.kind == "line":
            ax.plot(s.x, s.y, marker="o", label=s.name)
        elif chart.kind == "barh":
            ax.barh(_labels(s.x), s.y, label=s.name, alpha=0.7)
        elif chart.kind == "hist":
            ax.bar(s.x, s.y, width=(s.x[1] - s.x[0]) if len(s.x) > 1 else 1.0, align="edge", label=s.name)
        else:
            ax.bar(_labels(s.x), s.y, label=s.name)


@lru_cache(maxsize=64)
def _png(spec: str) -> bytes:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from assistant.charts import Chart

    chart = Chart.model_validate_json(spec)
    fig, ax = plt.subplots(figsize=(6.4, 3.6), dpi=110)
    try:
        _draw(ax, chart)
        if chart.marker is not None:
            ax.plot([chart.marker[0]], [chart.marker[1]], "D", markersize=8, label="this memo")
        if chart.log_x:
            ax.set_xscale("log")
        horizontal = chart.kind == "barh"
        ax.set_xlabel(chart.y_label if horizontal else chart.x_label)
        ax.set_ylabel(chart.x_label if horizontal else chart.y_label)
        ax.set_title(chart.title)
        if (len(chart.series) > 1 and not horizontal) or chart.marker is not None:
            ax.legend(fontsize=8)
        fig.tight_layout()
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png")
        return buffer.getvalue()
    finally:
        plt.close(fig)


def chart_png(chart: Chart) -> bytes:
    """The chart as PNG bytes (the same chart is drawn once per process)."""
    return _png(chart.model_dump_json())
