"""The Scenario tab's logic without a browser: fields, readable errors, the view, recording, downloads.

The browser tests (tests/test_browser.py) drive the same tab in Debian chromium.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from scenario_fixtures import HAND

from assistant.agent import Assistant
from assistant.config import Settings
from assistant.scenarios import load_scenarios, parse_scenarios
from assistant.web import AssistantPool
from assistant.workbench import FIELDS, STARTER, WorkbenchError, edited, field_values
from assistant.workbench_actions import NAME, WorkbenchActions
from assistant.workbench_view import METRIC_HEADERS
from tools.catalog import Catalog

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "scenarios.yaml"
KEYS = [f.key for f in FIELDS]


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return Catalog()


@pytest.fixture
def actions(catalog: Catalog) -> WorkbenchActions:
    return WorkbenchActions(AssistantPool(Assistant(catalog=catalog, search=lambda query, k: [])))


def _with(values: list[Any], **changes: Any) -> list[Any]:
    out = list(values)
    for key, value in changes.items():
        out[KEYS.index(key.replace("__", "."))] = value
    return out


def _view(result: tuple[Any, ...]) -> dict[str, Any]:
    shown, status, metrics, checks, chart = result[:5]
    return {"scenario": shown, "status": status, "metrics": {row[0]: row for row in metrics}, "checks": checks,
            "chart": chart}


@pytest.mark.parametrize("name", ["base", "optimistic", "gpt-4o"])
def test_every_field_of_a_file_s_scenario_reads_back_to_the_same_scenario(name: str) -> None:
    scenario = load_scenarios(EXAMPLE).get(name)
    values = field_values(scenario)
    assert values[KEYS.index("usage.tokens.cached_share")] == 50, "a share shows as a percent"
    assert edited(values, scenario) == scenario, "routing and what has no field are kept from the current"


def test_a_field_left_empty_removes_its_section() -> None:
    scenario = parse_scenarios(HAND).get("hand")
    values = _with(field_values(scenario), plan__price=None, investment__upfront=None, self_hosting__gpu_hourly=None,
                   self_hosting__tokens_per_second=None, checks="")
    without = edited(values, scenario)
    assert without.plan is None and without.investment is None and without.self_hosting is None
    assert without.routing == scenario.routing


@pytest.mark.parametrize(("changes", "message"), [
    ({"usage__users": -5}, "Users: must be positive (got -5)"),
    ({"usage__users": None}, "Users: is required"),
    ({"usage__tokens__cached_share": 150}, "Cached input share: must be at most 100% (got 150%)"),
    ({"pricing__model": ""}, "Pricing: give a catalog model (e.g. 'model: gpt-4o-mini') or both input_per_1m"),
    ({"plan__free_users": 100}, "Plan: give free_users and free_quota together"),
    ({"checks": "gross_margin >= 70%\nmargin is great"}, "Checks, line 2: cannot read the check 'margin is great'"),
    ({"checks": "gross_margn >= 70%"}, "Checks, line 1: unknown metric 'gross_margn'. Did you mean gross_margin"),
])
def test_bad_values_are_said_by_field_label(changes: dict[str, Any], message: str) -> None:
    with pytest.raises(WorkbenchError) as raised:
        edited(_with(field_values(STARTER), **changes), STARTER)
    assert message in str(raised.value)


def test_an_edit_recomputes_every_metric_and_the_chart_and_records_the_session(actions: WorkbenchActions) -> None:
    first = actions.refresh(None, None, None)
    values, shown = list(first[:len(FIELDS)]), first[len(FIELDS)]
    assert "no scenario yet" in first[len(FIELDS) + 1]
    result = actions.edit(*_with(values, usage__users=30_000), shown, None, None, None)
    view, session = _view(result), result[-1]
    # by hand: 30,000 users x 20 a day x 30 days x $0.0002625 (750 in x $0.15/1M + 250 out x $0.60/1M) = $4,725
    assert view["metrics"]["model cost per month"][1] == "$4,725"
    assert view["chart"].data[0].text[0] == "$4,725"  # the model cost bar
    assert session.startswith("web-")
    held = actions.pool.default.session_scenario(session)
    assert held is not None and held.scenario.usage.users == 30_000
    follow = actions.pool.default.ask("and if usage doubles?", session)
    assert "$9,450" in follow.answer  # 30,000 x 40 x 30 x $0.0002625
    again = actions.refresh(session, None, None)
    assert again[KEYS.index("usage.queries_per_user")] == 40, "a chat follow-up updates the fields"


def test_a_bad_value_is_a_message_and_keeps_the_last_good_view(actions: WorkbenchActions) -> None:
    first = actions.refresh(None, None, None)
    values, shown = list(first[:len(FIELDS)]), first[len(FIELDS)]
    result = actions.edit(*_with(values, usage__users=-5), shown, None, None, None)
    assert "Not recomputed" in result[1] and "Users: must be positive (got -5)" in result[1]
    assert "Traceback" not in result[1]
    unknown = actions.edit(*_with(values, pricing__model="zorblax-9000"), shown, None, None, None)
    assert "unknown model 'zorblax-9000'" in unknown[1]


def test_a_baseline_sits_beside_with_the_change_in_each_metric(actions: WorkbenchActions) -> None:
    first = actions.refresh(None, None, None)
    values, shown = list(first[:len(FIELDS)]), first[len(FIELDS)]
    base = actions.set_baseline(shown, None)[0]
    view = _view(actions.edit(*_with(values, pricing__model="gpt-4o"), shown, base, None, None))
    row = dict(zip(METRIC_HEADERS, view["metrics"]["model cost per month"], strict=True))
    # by hand: 10,000 x 20 x 30 = 6M queries at $0.004375 (gpt-4o) = $26,250; at $0.0002625 (gpt-4o-mini) = $1,575
    assert (row["This scenario"], row["Baseline"], row["Change"]) == ("$26,250", "$1,575", "+$24,675")
    assert [t.name for t in view["chart"].data] == [NAME, "baseline"]


def test_a_file_loaded_in_the_app_shows_the_numbers_of_scenario_run(actions: WorkbenchActions,
                                                                      _isolated_env: Path) -> None:
    folder = Settings().scenarios_dir
    folder.mkdir(parents=True)
    (folder / "q3-plan.yaml").write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "assistant", "scenario", "run", "q3-plan", "--name", "base",
                           "--json"], capture_output=True, text=True, timeout=240, cwd=_isolated_env.parent,
                          env={"MARGINAL_DATA_DIR": str(_isolated_env), "PYTHONPATH": str(ROOT),
                               "PATH": "/usr/bin:/bin"}, check=False)
    assert done.returncode == 0, done.stderr
    cli = json.loads(done.stdout)["scenarios"][0]
    loaded = actions.load("q3-plan", None, None, None)
    view = _view(loaded[len(FIELDS):])
    assert {label: row[1] for label, row in view["metrics"].items()} == \
        {m["label"]: m["text"] for m in cli["metrics"].values()}
    assert [(c[0], c[2]) for c in view["checks"]] == [(c["check"], c["actual_text"]) for c in cli["checks"]]
    assert loaded[KEYS.index("usage.users")] == 20_000 and loaded[-1] == "q3-plan"


def test_downloads_are_the_yaml_the_csv_and_a_workbook_that_opens(actions: WorkbenchActions) -> None:
    first = actions.refresh(None, None, None)
    values, shown = list(first[:len(FIELDS)]), first[len(FIELDS)]
    shown = actions.edit(*_with(values, usage__users=30_000), shown, None, "dl", None)[0]
    base = {"name": "baseline", "scenario": STARTER.model_dump(mode="json")}
    paths, status = actions.downloads(shown, base, "dl", None)
    yaml_path, csv_path, xlsx_path = (Path(p) for p in paths)
    file = load_scenarios(yaml_path)
    assert file.names == [NAME, "baseline"] and file.get(NAME).usage.users == 30_000
    assert csv_path.read_text(encoding="utf-8").splitlines()[0] == f"metric,label,unit,{NAME},baseline"
    sheet = openpyxl.load_workbook(xlsx_path)["Inputs"]
    users = next(row for row in sheet.iter_rows(values_only=True) if row[0] == "users")
    assert users[3:5] == (30_000, 10_000) and "ready" in status
    assert Path(Settings().data_dir) in xlsx_path.parents


def test_save_then_load_in_the_tab_and_a_bad_name_is_refused(actions: WorkbenchActions) -> None:
    first = actions.refresh(None, None, None)
    shown = first[len(FIELDS)]
    status, names = actions.save("q3-plan", shown, None)
    assert "Saved **q3-plan**" in status and names.choices == [("q3-plan", "q3-plan")]
    refused, _ = actions.save("../escape", shown, None)
    assert "Not saved" in refused and "cannot name a saved scenario" in refused
    assert not (Path(Settings().data_dir) / "escape.yaml").exists()
    missing = actions.load("nope", None, None, None)
    assert "no saved scenario 'nope'" in missing[len(FIELDS) + 1] and "q3-plan" in missing[len(FIELDS) + 1]
