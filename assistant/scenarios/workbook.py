"""The scenario workbook (XLSX): inputs on one sheet, metrics as live formulas over them, prices with sources.

Sheets: Inputs (one column per scenario; catalog prices refer to the Prices sheet), Metrics (spreadsheet
formulas, so changing an input moves every metric), Prices (provider, model id, price, as-of date,
origin, link) and Checks (each check as a PASS/FAIL formula on its metric's cell).
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from assistant.scenarios.metrics import BY_NAME
from assistant.scenarios.model import Scenario
from assistant.scenarios.results import ScenarioRun
from assistant.scenarios.sheet_formulas import FORMULAS
from assistant.scenarios.sheet_inputs import INPUTS, InputRow, route_rows
from tools.catalog import Catalog, default_catalog

__all__ = ["FIRST_COLUMN", "workbook_bytes", "write_xlsx"]

FIRST_COLUMN = 4
"""Column of the first scenario (A: key, B: label, C: unit)."""

_FORMATS = {"USD": "#,##0.00##", "usd": "#,##0.00##", "usd_per_1m": "#,##0.00##", "USD per 1M tokens": "#,##0.00##",
            "%": "0.00%", "fraction": "0.00%", "ratio": '0.00"x"', "months": "0.0"}
_PRICE_COLUMNS = ["kind", "provider", "model", "input per 1M", "output per 1M", "cached input per 1M",
                  "USD per GPU-hour", "as of", "checked", "origin", "url", "note"]
_BOLD = Font(bold=True)


@dataclass
class _Prices:
    """The Prices sheet's rows: each catalog model or GPU a scenario uses, once."""

    catalog: Catalog
    rows: list[list[object]] = field(default_factory=list)
    index: dict[tuple[str, str], int] = field(default_factory=dict)

    def model(self, name: str) -> int:
        key = ("model", name)
        if key not in self.index:
            p = self.catalog.model(name)
            src = p.source(self.catalog.today)
            cached = p.cached_input_per_1m if p.cached_input_per_1m is not None else p.input_per_1m
            self._add(key, ["model", p.provider, p.model, p.input_per_1m, p.output_per_1m, cached, None, p.as_of,
                            p.checked, p.origin, p.url, src.stale_note or p.warning])
        return self.index[key]

    def gpu(self, name: str) -> int:
        key = ("gpu", name)
        if key not in self.index:
            g = self.catalog.gpu(name)
            self._add(key, ["GPU", g.provider, g.gpu, None, None, None, g.usd_per_hour, g.as_of, None, g.origin,
                            g.url, None])
        return self.index[key]

    def _add(self, key: tuple[str, str], row: list[object]) -> None:
        self.rows.append(row)
        self.index[key] = len(self.rows) + 1  # row 1 is the header


def _catalog_cell(row: InputRow, s: Scenario, prices: _Prices) -> str | None:
    """`=Prices!D3` for an input a catalog price fills, else None."""
    kind = row.price
    if kind in ("input", "output", "cached") and s.pricing.model is not None:
        col = {"input": "D", "output": "E", "cached": "F"}[kind]
        return f"=Prices!{col}{prices.model(s.pricing.model)}"
    if kind == "gpu" and s.self_hosting is not None and s.self_hosting.gpu_hourly is None and s.self_hosting.gpu:
        return f"=Prices!G{prices.gpu(s.self_hosting.gpu)}"
    col = "D" if row.key.endswith("input_price") else "E"
    if kind == "baseline" and s.routing is not None and (name := s.routing.baseline_model or s.pricing.model):
        return f"=Prices!{col}{prices.model(name)}"
    if kind and kind.startswith("route_") and s.routing is not None:
        i = int(kind.removeprefix("route_"))
        route = s.routing.routes[i] if i < len(s.routing.routes) else None
        if route is not None and route.model is not None:
            return f"=Prices!{col}{prices.model(route.model)}"
    return None


class _Refs:
    def __init__(self, column: str, inputs: dict[str, int], metrics: dict[str, int]) -> None:
        self.column, self._inputs, self._metrics = column, inputs, metrics

    def i(self, key: str) -> str:
        return f"Inputs!{self.column}{self._inputs[key]}"

    def m(self, key: str) -> str:
        return f"{self.column}{self._metrics[key]}"


def _header(ws: Worksheet, names: list[str], first: list[str]) -> None:
    ws.append([*first, *names])
    for cell in ws[1]:
        cell.font = _BOLD


def _build(runs: list[ScenarioRun], catalog: Catalog) -> Workbook:
    scenarios = [r.scenario for r in runs]
    names = [r.name for r in runs]
    wb = Workbook()
    inputs_ws = wb.active
    inputs_ws.title = "Inputs"
    metrics_ws, prices_ws, checks_ws = (wb.create_sheet(t) for t in ("Metrics", "Prices", "Checks"))
    prices = _Prices(catalog)
    routes = max((len(s.routing.routes) for s in scenarios if s.routing is not None), default=0)
    _header(inputs_ws, names, ["key", "input", "unit"])
    input_rows: dict[str, int] = {}
    for row in [*INPUTS, *route_rows(routes)]:
        cells = [v if (v := _catalog_cell(row, s, prices)) is not None else row.get(s) for s in scenarios]
        if all(c is None for c in cells):
            continue
        inputs_ws.append([row.key, row.label, row.unit, *cells])
        input_rows[row.key] = inputs_ws.max_row
        _format(inputs_ws, inputs_ws.max_row, len(names), row.unit)
    _header(metrics_ws, names, ["key", "metric", "unit"])
    formulas = [f for f in FORMULAS if any(f.applies(s) for s in scenarios)]
    metric_rows = {f.key: i + 2 for i, f in enumerate(formulas)}
    for f in formulas:
        meta = BY_NAME.get(f.key)
        unit = meta.unit if meta is not None else f.unit
        cells = [f.build(_Refs(get_column_letter(FIRST_COLUMN + j), input_rows, metric_rows), s) if f.applies(s)
                 else None for j, s in enumerate(scenarios)]
        label = meta.label if meta is not None else f"({f.label})"
        metrics_ws.append([f.key, label, meta.unit_label if meta is not None else unit, *cells])
        _format(metrics_ws, metrics_ws.max_row, len(names), unit)
    prices_ws.append(_PRICE_COLUMNS)
    for cell in prices_ws[1]:
        cell.font = _BOLD
    for price_row in prices.rows:
        prices_ws.append(price_row)
    _checks(checks_ws, runs, metric_rows)
    for ws in (inputs_ws, metrics_ws, prices_ws, checks_ws):
        ws.column_dimensions["B"].width = 44
        ws.freeze_panes = "D2" if ws in (inputs_ws, metrics_ws) else "A2"
    return wb


def _format(ws: Worksheet, row: int, count: int, unit: str) -> None:
    number_format = _FORMATS.get(unit)
    if number_format is None:
        return
    for j in range(count):
        ws.cell(row=row, column=FIRST_COLUMN + j).number_format = number_format


def _checks(ws: Worksheet, runs: list[ScenarioRun], metric_rows: dict[str, int]) -> None:
    ws.append(["scenario", "check", "metric cell", "result"])
    for j, run in enumerate(runs):
        column = get_column_letter(FIRST_COLUMN + j)
        for c in run.scenario.checks:
            ref = f"Metrics!{column}{metric_rows[c.metric]}"
            op = "=" if c.op == "==" else c.op
            never = "PASS" if c.op in (">=", ">") else "FAIL"  # 'never' is beyond any threshold
            formula = f'=IF(ISNUMBER({ref}),IF({ref}{op}{c.value!r},"PASS","FAIL"),"{never}")'
            ws.append([run.name, c.text, ref, formula])


def write_xlsx(runs: list[ScenarioRun], path: str | Path, catalog: Catalog | None = None) -> Path:
    """Write the workbook of `runs` (one column per scenario) to `path`."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    _build(runs, catalog or default_catalog()).save(path)
    return path


def workbook_bytes(runs: list[ScenarioRun], catalog: Catalog | None = None) -> bytes:
    """The workbook as bytes (for a download button)."""
    buffer = io.BytesIO()
    _build(runs, catalog or default_catalog()).save(buffer)
    return buffer.getvalue()
