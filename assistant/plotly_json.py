"""A `Chart` as a plotly figure in plain JSON, and as a chat message the page renders with plotly.js.

The app used to build `plotly.graph_objects` figures: validating each property, then deep-copying
the whole default template to serialise it, took 10-20 ms a chart, twice per streamed update (the
chatbot re-created the component), on the request path. The figure is plain data (a few traces and
a layout), so it is written as JSON directly; `tests/test_web.py` checks every chart kind against
plotly's own validation, and the default template keeps the look unchanged.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

import gradio as gr
from gradio.components.chatbot import ComponentMessage
from gradio.components.plot import PlotData

from assistant.charts import Chart

__all__ = ["chart_message", "plot_data", "plotly_figure"]

# The props the chatbot would compute for a chat plot; they do not depend on the chart. Read at import:
# a component made inside an event handler is only an update, without a config.
_PLOT_PROPS = dict(gr.Plot(render=False).get_config())


def _trace(chart: Chart, name: str, x: list[Any], y: list[float]) -> dict[str, Any]:
    if chart.kind == "line":
        return {"type": "scatter", "x": x, "y": y, "name": name, "mode": "lines+markers"}
    if chart.kind == "hist":
        return {"type": "bar", "x": x, "y": y, "name": name}
    if chart.kind == "barh":
        return {"type": "bar", "x": y, "y": x, "name": name, "orientation": "h"}
    return {"type": "bar", "x": x, "y": y, "name": name, "orientation": "v"}


@cache
def _template() -> dict[str, Any]:
    """Plotly's default template (what `go.Figure()` embeds), read once: it is a constant."""
    import plotly.io as pio

    return dict(pio.templates["plotly"].to_plotly_json())


def plotly_figure(chart: Chart) -> dict[str, Any]:
    """The plotly figure of `chart` as JSON-ready data (`{"data": [...], "layout": {...}}`)."""
    data = [_trace(chart, s.name, s.x, s.y) for s in chart.series]
    if chart.marker is not None:
        data.append({"type": "scatter", "x": [chart.marker[0]], "y": [chart.marker[1]], "name": "asked",
                     "mode": "markers", "marker": {"size": 12, "symbol": "diamond"}})
    horizontal = chart.kind == "barh"
    xaxis: dict[str, Any] = {"title": {"text": chart.y_label if horizontal else chart.x_label}}
    if chart.log_x:
        xaxis["type"] = "log"
    layout = {"title": {"text": chart.title}, "xaxis": xaxis,
              "yaxis": {"title": {"text": chart.x_label if horizontal else chart.y_label}},
              "height": 360, "margin": {"l": 40, "r": 20, "t": 50, "b": 40}, "barmode": "group",
              "template": _template()}
    return {"data": data, "layout": layout}


def plot_data(figure: dict[str, Any]) -> PlotData:
    """A figure (plain data) as `gr.Plot` sends it to the page, in plotly's default look: no plotly objects built."""
    layout = {"template": _template(), **figure.get("layout", {})}
    return PlotData(type="plotly", plot=json.dumps({**figure, "layout": layout}))


def chart_message(chart: Chart) -> gr.ChatMessage:
    """A chat message holding the chart, already in the form the chatbot sends to the page.

    The chatbot passes a `ComponentMessage` through as it is; a `gr.Plot` would be re-created
    (and its figure serialised again) on every streamed update.
    """
    value = plot_data(plotly_figure(chart)).model_dump()
    props = {**_PLOT_PROPS, "label": chart.title, "value": value}
    content = ComponentMessage(component="plot", value=value, constructor_args={"label": chart.title}, props=props)
    return gr.ChatMessage(role="assistant", content=content)  # type: ignore[arg-type]
