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
import plotly.graph_objects as go
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
    figure = json.loads(chart.plot)
    go.Figure(figure)  # plotly's own validation: the JSON written without plotly objects is a valid figure
    return {"scenario": shown, "status": status, "metrics": {row[0]: row for row in metrics}, "checks": checks,
            "chart": figure}


@pytest.mark.parametrize("name", ["base", "optimistic", "gpt-4o"])
def test_every_field_of_a_file_s_scenario_reads_back_to_the_same_scenario(name: str) -> None:
    scenario = load_scenarios(EXAMPLE).get(name)
    values = field_values(scenario)
    assert values[KEYS.index("usage.tokens.cached_share")] == 50, "a share shows as a percent"
    assert edited(values, scenario) == scenario, "what has no field (the description, usage spread) is kept"


def test_routing_compliance_and_self_hosting_are_fields_too() -> None:
    scenario = parse_scenarios(HAND).get("hand")
    values = dict(zip(KEYS, field_values(scenario), strict=True))
    assert (values["routing.routes.0.price_per_1m"], values["routing.routes.0.share"]) == (1, 50)
    assert (values["routing.routes.1.price_per_1m"], values["routing.routes.1.share"]) == (3, 50)
    assert values["routing.routes.2.share"] is None and values["routing.input_share"] == 75
    assert (values["compliance.development_cost"], values["compliance.compliance_cost"]) == (100_000, 50_000)
    assert (values["compliance.extra_regions"], values["compliance.region_multiplier"]) == (0, 25)
    assert (values["self_hosting.hours_per_month"], values["self_hosting.fixed_per_month"]) == (720, 0)
    assert edited(list(values.values()), scenario) == scenario


def test_a_field_left_empty_removes_its_section() -> None:
    scenario = parse_scenarios(HAND).get("hand")
    values = _with(field_values(scenario), plan__price=None, investment__upfront=None, self_hosting__gpu_hourly=None,
                   self_hosting__tokens_per_second=None, checks="", compliance__development_cost=None,
                   compliance__compliance_cost=None)
    without = edited(values, scenario)
    assert without.plan is None and without.investment is None and without.self_hosting is None
    assert without.compliance is None and without.routing == scenario.routing
    no_routes = _with(field_values(scenario), routing__routes__0__price_per_1m=None, routing__routes__0__share=None,
                      routing__routes__1__price_per_1m=None, routing__routes__1__share=None)
    assert edited(no_routes, scenario).routing is None


def test_route_slots_are_read_in_order_and_routes_beyond_them_are_kept() -> None:
    values = _with(field_values(STARTER), routing__routes__0__model="gpt-4o-mini", routing__routes__0__share=80,
                   routing__routes__2__model="gpt-4o", routing__routes__2__share=20)
    routing = edited(values, STARTER).routing
    assert routing is not None and [(r.model, r.share) for r in routing.routes] == [("gpt-4o-mini", 0.8), ("gpt-4o", 0.2)]
    many = parse_scenarios(HAND.replace("routes: [{price_per_1m: 1, share: 50%}, {price_per_1m: 3, share: 50%}]",
                                        "routes: [" + ", ".join(f"{{price_per_1m: {n}, share: 20%}}"
                                                                for n in range(1, 6)) + "]")).get("hand")
    assert edited(field_values(many), many) == many, "the fifth route has no slot: kept as it is"


@pytest.mark.parametrize(("changes", "message"), [
    ({"usage__users": -5}, "Users: must be positive (got -5)"),
    ({"usage__users": None}, "Users: is required"),
    ({"usage__tokens__cached_share": 150}, "Cached input share: must be at most 100% (got 150%)"),
    ({"pricing__model": ""}, "Pricing: give a catalog model (e.g. 'model: gpt-4o-mini') or both input_per_1m"),
    ({"plan__free_users": 100}, "Plan: give free_users and free_quota together"),
    ({"checks": "gross_margin >= 70%\nmargin is great"}, "Checks, line 2: cannot read the check 'margin is great'"),
    ({"checks": "gross_margn >= 70%"}, "Checks, line 1: unknown metric 'gross_margn'. Did you mean gross_margin"),
    ({"routing__routes__0__price_per_1m": 0.1, "routing__routes__0__share": 50, "routing__routes__2__share": 50},
     "Route 3: give each route a catalog model or a price_per_1m, one of them"),
    ({"routing__routes__0__price_per_1m": 0.1, "routing__routes__0__share": 50, "routing__routes__1__price_per_1m": 0.3,
      "routing__routes__1__share": 40}, "Routing: route shares must add up to 100% (they add up to 90%)"),
    ({"routing__routes__0__price_per_1m": 0.1, "routing__routes__0__share": 100},
     "Routing: give at least 2 routes, or empty every route slot for no routing"),
    ({"compliance__compliance_cost": 5000}, "Development cost $: is required"),
    ({"compliance__development_cost": 1e5, "compliance__compliance_cost": 5e3, "compliance__region_multiplier": 1500},
     "Added per extra region (% of compliance): must be at most 1000% (got 1500%)"),
    ({"compliance__development_cost": 1e5, "compliance__compliance_cost": 5e3, "compliance__extra_regions": 2.5},
     "Extra regions: must be a whole number (got 2.5)"),
    ({"self_hosting__gpu_hourly": 2, "self_hosting__tokens_per_second": 5000, "self_hosting__hours_per_month": 800},
     "GPU hours a month: must be at most 744"),
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
    assert view["chart"]["data"][0]["text"][0] == "$4,725"  # the model cost bar
    assert session.startswith("web-")
    held = actions.pool.default.session_scenario(session)
    assert held is not None and held.scenario.usage.users == 30_000
    follow = actions.pool.default.ask("and if the usage doubles?", session)
    assert "$9,450" in follow.answer  # 30,000 x 40 x 30 x $0.0002625
    again = actions.refresh(session, None, None)
    assert again[KEYS.index("usage.queries_per_user")] == 40, "a chat follow-up updates the fields"


def _edit(actions: WorkbenchActions, session: str, **changes: Any) -> tuple[dict[str, Any], list[Any]]:
    """Open the tab on the session's scenario, edit fields, and return the view and the fields as edited."""
    opened = actions.refresh(session, None, None)
    values = _with(list(opened[:len(FIELDS)]), **changes)
    return _view(actions.edit(*values, opened[len(FIELDS)], None, session, None)), values


def test_compliance_fields_recompute_their_metric_and_are_recorded(actions: WorkbenchActions) -> None:
    view, _ = _edit(actions, "comply", compliance__development_cost=100_000, compliance__compliance_cost=50_000,
                    compliance__extra_regions=2, compliance__region_multiplier=150)
    # by hand: $50,000 x (1 + 2 extra regions x 150%) = $200,000 of compliance, 2x the $100,000 of development
    assert view["metrics"]["compliance cost / development cost"][1] == "2x"
    held = actions.pool.default.session_scenario("comply")
    assert held is not None and held.scenario.compliance is not None
    assert (held.scenario.compliance.extra_regions, held.scenario.compliance.region_multiplier) == (2, 1.5)
    again = actions.refresh("comply", None, None)
    assert again[KEYS.index("compliance.region_multiplier")] == 150, "the tab shows what the session holds"


def test_self_hosting_fields_recompute_the_self_hosting_metrics(actions: WorkbenchActions) -> None:
    # by hand: the starter's 10,000 x 20 x 30 = 6M queries of 1,000 tokens = 6B tokens a month. One GPU at
    # 5,000 tokens/s and 50% serves 5,000 x 3,600 x 0.5 = 9M tokens an hour: 6.48B in 720 hours, so 1 GPU,
    # $2 x 720 + $1,000 = $2,440; in 360 hours 3.24B, so 2 GPUs, 2 x $2 x 360 + $1,000 = $2,440 again.
    view, values = _edit(actions, "host", self_hosting__gpu_hourly=2, self_hosting__tokens_per_second=5000,
                         self_hosting__utilization=50, self_hosting__fixed_per_month=1000)
    assert view["metrics"]["GPUs needed for the traffic"][1] == "1"
    assert view["metrics"]["self-hosting cost per month"][1] == "$2,440"
    shown = actions.pool.default.session_scenario("host")
    assert shown is not None
    half = _view(actions.edit(*_with(values, self_hosting__hours_per_month=360),
                              shown.scenario.model_dump(mode="json"), None, "host", None))
    assert half["metrics"]["GPUs needed for the traffic"][1] == "2"
    assert half["metrics"]["self-hosting cost per month"][1] == "$2,440"
    follow = actions.pool.default.ask("what if we only had 5,000 users?", "host")
    assert "5,000" in follow.answer
    again = actions.refresh("host", None, None)
    assert again[KEYS.index("usage.users")] == 5_000 and again[KEYS.index("self_hosting.hours_per_month")] == 360


def test_route_fields_recompute_the_routing_saving(actions: WorkbenchActions) -> None:
    # by hand: half the traffic at $0.10 and half at $0.30 per 1M = $0.20, against gpt-4o-mini blended 75/25 at
    # 0.75 x $0.15 + 0.25 x $0.60 = $0.2625: 1 - 0.2 / 0.2625 = 23.81% saved, ($0.2625 - $0.20) x 6,000 = $375 a month
    view, _ = _edit(actions, "route", routing__routes__0__price_per_1m=0.1, routing__routes__0__share=50,
                    routing__routes__1__price_per_1m=0.3, routing__routes__1__share=50)
    assert view["metrics"]["routed blended price per 1M tokens"][1] == "$0.2"
    assert view["metrics"]["routing saving"][1] == "23.81%"
    assert view["metrics"]["routing saving per month"][1] == "$375"


def test_a_chat_question_fills_the_compliance_fields(actions: WorkbenchActions) -> None:
    assistant = actions.pool.default
    assistant.ask("What do 10k users at 20 queries a day cost on gpt-4o-mini?", "asked")
    assistant.ask("Development cost $150,000, compliance cost $344,000, 2 extra regions: what is the compliance "
                  "overhead?", "asked")
    opened = dict(zip(KEYS, actions.refresh("asked", None, None)[:len(FIELDS)], strict=True))
    assert (opened["compliance.development_cost"], opened["compliance.compliance_cost"]) == (150_000, 344_000)
    assert opened["compliance.extra_regions"] == 2 and opened["usage.users"] == 10_000


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
    assert [t["name"] for t in view["chart"]["data"]] == [NAME, "baseline"]


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
