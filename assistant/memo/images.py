"""Static chart images (PNG, matplotlib) from the renderer-neutral chart specs, for documents."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from assistant.charts import Chart

__all__ = ["chart_png"]


def chart_png(chart: Chart) -> bytes:
    """The chart as PNG bytes."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(6.4, 3.4), dpi=110)
    try:
        for s in chart.series:
            if chart.kind == "line":
                ax.plot(s.x, s.y, marker="o", label=s.name)
            elif chart.kind == "barh":
                ax.barh([str(x) for x in s.x], s.y, label=s.name, alpha=0.7)
            elif chart.kind == "hist":
                ax.bar(s.x, s.y, width=(s.x[1] - s.x[0]) if len(s.x) > 1 else 1.0, align="edge", label=s.name)
            else:
                ax.bar([str(x) for x in s.x], s.y, label=s.name)
        if chart.marker is not None:
            ax.plot([chart.marker[0]], [chart.marker[1]], "D", markersize=8, label="asked")
        if chart.log_x:
            ax.set_xscale("log")
        horizontal = chart.kind == "barh"
        ax.set_xlabel(chart.y_label if horizontal else chart.x_label)
        ax.set_ylabel(chart.x_label if horizontal else chart.y_label)
        ax.set_title(chart.title)
        if len(chart.series) > 1 or chart.marker is not None:
            ax.legend(fontsize=8)
        fig.tight_layout()
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png")
        return buffer.getvalue()
    finally:
        plt.close(fig)
