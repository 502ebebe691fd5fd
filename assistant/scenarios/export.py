"""Scenario runs as files: CSV of the metrics, or the XLSX workbook with live formulas, picked by the suffix."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from assistant.scenarios.errors import Problem, ScenarioError
from assistant.scenarios.metrics import METRICS
from assistant.scenarios.results import ScenarioRun
from assistant.scenarios.workbook import write_xlsx
from tools.catalog import Catalog

__all__ = ["EXPORT_SUFFIXES", "csv_text", "export_runs"]

EXPORT_SUFFIXES = (".xlsx", ".csv")


def csv_text(runs: list[ScenarioRun]) -> str:
    """One row per metric: name, label, unit, then each scenario's value ('never' when it never comes)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["metric", "label", "unit", *(r.name for r in runs)])
    for metric in METRICS:
        if not any(metric.name in r.metrics for r in runs):
            continue
        values = []
        for r in runs:
            m = r.metrics.get(metric.name)
            values.append("" if m is None else "never" if m.value is None else repr(m.value))
        writer.writerow([metric.name, metric.label, metric.unit, *values])
    return out.getvalue()


def export_runs(runs: list[ScenarioRun], path: str | Path, catalog: Catalog | None = None) -> Path:
    """Write `runs` to `path`: `.xlsx` (the workbook with formulas) or `.csv` (the metrics)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in EXPORT_SUFFIXES:
        raise ScenarioError([Problem(f"the export file must end in .xlsx or .csv (got {path.name!r}). "
                                     "Example: --out scenarios.xlsx")])
    try:
        if suffix == ".csv":
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(csv_text(runs), encoding="utf-8")
            return path
        return write_xlsx(runs, path, catalog)
    except OSError as exc:
        raise ScenarioError([Problem(f"cannot write {path}: {exc.strerror or exc}.")]) from None
