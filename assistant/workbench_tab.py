"""The app's Scenario tab: the conversation's scenario as fields, every metric and a chart on each edit.

`app.py` opens the tab and calls `workbench_tab`; this module lays out the components and wires
them to `WorkbenchActions` (what each event does). Opening the tab reads the conversation's
scenario (what the chat built or loaded); each edit runs the calculators and is recorded into the
session, so the next chat question builds on it.
"""

from __future__ import annotations

from typing import Any

import gradio as gr

from assistant.web import AssistantPool
from assistant.workbench import FIELDS, PERIODS, Field
from assistant.workbench_actions import EMPTY_NOTE, WorkbenchActions
from assistant.workbench_view import CHECK_HEADERS, METRIC_HEADERS, METRIC_WIDTHS

__all__ = ["workbench_tab"]


def _component(field: Field) -> Any:
    common: dict[str, Any] = {"label": field.label, "elem_id": field.elem_id, "info": field.info or None}
    if field.kind == "period":
        return gr.Dropdown(PERIODS, **common, min_width=90)
    if field.kind in ("text", "lines"):
        return gr.Textbox(**common, lines=3 if field.kind == "lines" else 1, max_lines=12)
    return gr.Number(**common, min_width=120)


# Groups folded in an accordion, so the tab stays readable; each opens on a click.
FOLDED = {"Self-hosting": "Self-hosting: GPUs instead of the API", "Routing": "Routing: traffic split across models",
          "Compliance": "Compliance: its cost against development, per region"}


def _group(fields: list[Field]) -> dict[str, Any]:
    """The group's components by field key: a row per row label, in order of first appearance."""
    made: dict[str, Any] = {}
    for row in dict.fromkeys(f.row for f in fields):
        with gr.Row():
            made |= {f.key: _component(f) for f in fields if f.row == row}
    return made


def _fields() -> list[Any]:
    """One component per field, in the order of `FIELDS`: a heading and rows per group, or an accordion."""
    made: dict[str, Any] = {}
    for group in dict.fromkeys(f.group for f in FIELDS):
        members = [f for f in FIELDS if f.group == group]
        if group in FOLDED:
            with gr.Accordion(FOLDED[group], open=False, elem_id=f"wb-group-{group.lower()}"):
                made |= _group(members)
        else:
            gr.Markdown(f"**{group}**")
            made |= _group(members)
    return [made[f.key] for f in FIELDS]


def workbench_tab(pool: AssistantPool, session: gr.State, web: gr.State, tab: gr.Tab) -> None:
    """Lay out the tab's components (call inside `tab`) and wire its events; every event is private."""
    act = WorkbenchActions(pool)
    current = gr.State(None)  # the scenario the fields show, as JSON: keeps what has no field (routing, ...)
    baseline = gr.State(None)
    with gr.Row():
        with gr.Column(scale=2):
            status = gr.Markdown(EMPTY_NOTE, elem_id="wb-status")
            fields = _fields()
        with gr.Column(scale=3):
            chart = gr.Plot(elem_id="wb-chart", label="Per month")
            checks = gr.Dataframe(headers=CHECK_HEADERS, interactive=False, wrap=True, elem_id="wb-check-table",
                                  label="Checks")
            metrics = gr.Dataframe(headers=METRIC_HEADERS, interactive=False, wrap=True, max_height=520,
                                   column_widths=METRIC_WIDTHS,
                                   elem_id="wb-metric-table", label="Every metric (with the baseline and the change)")
            with gr.Row():
                set_base = gr.Button("Set this as the baseline", elem_id="wb-set-baseline", size="sm")
                clear_base = gr.Button("Clear the baseline", elem_id="wb-clear-baseline", size="sm")
            with gr.Row():
                saved = gr.Dropdown([], label="Saved scenarios", elem_id="wb-saved")
                load = gr.Button("Load", elem_id="wb-load", size="sm")
                use_base = gr.Button("Use as baseline", elem_id="wb-use-baseline", size="sm")
            with gr.Row():
                name = gr.Textbox(label="Save as", placeholder="q3-plan", elem_id="wb-name")
                save = gr.Button("Save", elem_id="wb-save", size="sm")
            prepare = gr.Button("Prepare downloads (YAML, CSV, XLSX)", elem_id="wb-prepare")
            files = gr.File(label="Downloads", file_count="multiple", interactive=False, elem_id="wb-files")
    view = [current, status, metrics, checks, chart]
    private: dict[str, Any] = {"api_visibility": "private"}
    # The fields arrive as the page sends them (numbers, text): preprocessing would hand each of the 46 to a worker
    # thread in turn, a third of an edit's time; `edited` reads the raw values.
    gr.on([f.input for f in fields], act.edit, [*fields, current, baseline, session, web], [*view, session],
          trigger_mode="always_last", preprocess=False, **private)
    tab.select(act.refresh, [session, web, baseline], [*fields, *view, saved], **private)
    set_base.click(act.set_baseline, [current, web], [baseline, *view], **private)
    clear_base.click(act.clear_baseline, [current, web], [baseline, *view], **private)
    load.click(act.load, [saved, session, web, baseline], [*fields, *view, session, name], **private)
    use_base.click(act.use_as_baseline, [saved, current, web], [baseline, *view], **private)
    save.click(act.save, [name, current, web], [status, saved], **private)
    prepare.click(act.downloads, [current, baseline, session, web], [files, status], **private)
