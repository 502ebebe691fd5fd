"""Scenario exports: the XLSX formulas, evaluated independently (the `formulas` package), give the calculators'
metrics and move when an input cell changes; CSV holds the same numbers."""

import csv
import io
import math
from pathlib import Path

import formulas
import openpyxl
import pytest
from openpyxl.utils import get_column_letter

from assistant.scenarios import load_scenarios, parse_scenarios, run_scenario
from assistant.scenarios.export import csv_text, export_runs
from assistant.scenarios.workbook import FIRST_COLUMN, write_xlsx
from tests.scenario_fixtures import HAND
from tools.catalog import default_catalog

EXAMPLE = Path(__file__).parent.parent / "examples" / "scenarios.yaml"


def _runs(file):
    return [run_scenario(file.get(n), name=n) for n in file.names]


class Sheet:
    """The workbook evaluated by the `formulas` package (not by our code), cell by cell."""

    def __init__(self, path: Path) -> None:
        self.book = f"[{path.name}]"
        self.model = formulas.ExcelModel().loads(str(path)).finish()
        self.rows = {sheet: {ws.cell(r, 1).value: r for r in range(2, ws.max_row + 1)}
                     for sheet, ws in ((s, openpyxl.load_workbook(path)[s]) for s in ("Inputs", "Metrics"))}
        self.values = self.evaluate()

    def evaluate(self, inputs: dict[str, float] | None = None) -> dict[str, object]:
        """Every cell's value, with `inputs` ({'Inputs!D2': 5000}) set first."""
        solution = self.model.calculate(inputs={self.ref(k): v for k, v in (inputs or {}).items()})
        self.values = {k.upper(): v.value[0][0] if hasattr(v, "value") else v for k, v in solution.items()}
        return self.values

    def ref(self, cell: str) -> str:
        sheet, at = cell.split("!")
        return f"'{self.book}{sheet.upper()}'!{at}"

    def at(self, cell: str) -> object:
        return self.values[self.ref(cell).upper()]

    def cell(self, sheet: str, key: str, column: int) -> object:
        return self.at(f"{sheet}!{get_column_letter(FIRST_COLUMN + column)}{self.rows[sheet][key]}")

    def input_ref(self, key: str, column: int = 0) -> str:
        return f"Inputs!{get_column_letter(FIRST_COLUMN + column)}{self.rows['Inputs'][key]}"


def _same(got: object, expected: float | None) -> bool:
    if expected is None:
        return got == "never"
    return isinstance(got, int | float) and math.isclose(got, expected, rel_tol=1e-9, abs_tol=1e-9)


@pytest.fixture(scope="module")
def books(tmp_path_factory):
    """The example's and the hand scenarios' workbooks, each compiled once by `formulas`."""
    out = {}
    for name, file in (("example", load_scenarios(EXAMPLE)), ("hand", parse_scenarios(HAND))):
        runs = _runs(file)
        out[name] = (file, runs, Sheet(write_xlsx(runs, tmp_path_factory.mktemp(name) / "s.xlsx")))
    return out


@pytest.mark.parametrize("source", ["example", "hand"])
def test_workbook_formulas_give_the_calculators_metrics(books, source: str) -> None:
    _, runs, sheet = books[source]
    compared = 0
    for j, run in enumerate(runs):
        for metric in run.metrics.values():
            got = sheet.cell("Metrics", metric.name, j)
            assert _same(got, metric.value), (run.name, metric.name, got, metric.value)
            compared += 1
    assert compared == sum(len(r.metrics) for r in runs) > 60


def test_changing_an_input_cell_moves_the_margin(books) -> None:
    file, _, sheet = books["example"]
    margin_before = sheet.cell("Metrics", "gross_margin", 0)
    try:
        sheet.evaluate({sheet.input_ref("users"): 5_000})
        margin_after = sheet.cell("Metrics", "gross_margin", 0)
        assert margin_after != margin_before
        base = file.get("base")
        fewer = base.model_copy(update={"usage": base.usage.model_copy(update={"users": 5_000})})
        assert _same(margin_after, run_scenario(fewer, name="base").value("gross_margin"))
        assert _same(sheet.cell("Metrics", "break_even_users", 0), run_scenario(fewer).value("break_even_users"))
        sheet.evaluate({sheet.input_ref("plan_price"): 4})  # a price finance tries: the margin follows it
        cheaper = base.model_copy(update={"plan": base.plan.model_copy(update={"price": 4})})
        assert _same(sheet.cell("Metrics", "gross_margin", 0), run_scenario(cheaper).value("gross_margin"))
    finally:
        sheet.evaluate()


def test_prices_sheet_holds_sources_and_inputs_refer_to_it(tmp_path: Path) -> None:
    runs = _runs(load_scenarios(EXAMPLE))
    path = write_xlsx(runs, tmp_path / "s.xlsx")
    book = openpyxl.load_workbook(path)
    prices = list(book["Prices"].iter_rows(values_only=True))
    header, rows = prices[0], {r[2]: dict(zip(prices[0], r, strict=True)) for r in prices[1:]}
    assert header[:3] == ("kind", "provider", "model")
    mini = default_catalog().model("gpt-4o-mini")
    assert rows[mini.model]["provider"] == mini.provider and rows[mini.model]["input per 1M"] == mini.input_per_1m
    assert rows[mini.model]["as of"].date() == mini.as_of and rows[mini.model]["origin"] == mini.origin
    assert any(r["kind"] == "GPU" and r["USD per GPU-hour"] for r in rows.values())
    inputs = book["Inputs"]
    price_row = next(r for r in inputs.iter_rows() if r[0].value == "input_price")
    assert str(price_row[FIRST_COLUMN - 1].value).startswith("=Prices!D")


def test_checks_sheet_judges_like_the_runner(books) -> None:
    _, runs, sheet = books["hand"]
    count = sum(len(r.checks) for r in runs)
    verdicts = [sheet.at(f"Checks!D{r}") for r in range(2, count + 2)]
    assert verdicts == ["PASS" if c.passed else "FAIL" for r in runs for c in r.checks]
    assert "FAIL" in verdicts and "PASS" in verdicts


def test_csv_has_every_metric_of_every_scenario(tmp_path: Path) -> None:
    runs = _runs(parse_scenarios(HAND))
    path = export_runs(runs, tmp_path / "m.csv")
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
    assert path.read_text(encoding="utf-8") == csv_text(runs)
    by_name = {r["metric"]: r for r in rows}
    assert float(by_name["gross_margin"]["hand"]) == pytest.approx(0.88)
    assert by_name["break_even_users"]["losing"] == "never"
    assert by_name["routed_price_per_1m"]["metered"] == ""  # not in that scenario
    assert {r["metric"] for r in rows} == {m for r in runs for m in r.metrics}
