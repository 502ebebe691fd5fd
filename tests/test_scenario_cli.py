"""`marginal scenario run|diff|export` and `marginal check`: outputs, exit codes, JUnit, and bad files (exit 2)."""

import json
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from assistant.cli import build_parser, main
from tests.scenario_fixtures import HAND

ROOT = Path(__file__).parent.parent
EXAMPLE = ROOT / "examples" / "scenarios.yaml"


@pytest.fixture
def hand(tmp_path: Path) -> Path:
    path = tmp_path / "hand.yaml"
    path.write_text(HAND, encoding="utf-8")
    return path


def test_run_prints_metrics_formulas_checks_and_sources(capsys) -> None:
    assert main(["scenario", "run", str(EXAMPLE), "--name", "base"]) == 0
    out = capsys.readouterr().out
    assert "Scenario base: AI writing add-on" in out
    assert "gross margin" in out and "token_cost" in out and "PASS  gross_margin >= 80%" in out
    assert "Formulas:\n  1. token_cost (model cost of the users): monthly cost = users x" in out
    assert "Prices:\n  openai gpt-4o-mini:" in out and "as of" in out
    assert "Scenario optimistic" not in out


def test_run_json_is_the_runs(capsys, hand: Path) -> None:
    assert main(["scenario", "run", str(hand), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [s["name"] for s in data["scenarios"]] == ["hand", "metered", "losing"]
    hand_run = data["scenarios"][0]
    assert hand_run["metrics"]["gross_margin"]["value"] == pytest.approx(0.88)
    assert hand_run["metrics"]["gross_margin"]["tool"] == "margin"
    assert hand_run["steps"][0]["result"]["cost_per_query_usd"] == pytest.approx(0.002)  # full calculator results
    assert data["scenarios"][2]["metrics"]["break_even_users"]["value"] is None


def test_run_markdown(capsys, hand: Path) -> None:
    assert main(["scenario", "run", str(hand), "--name", "hand", "--markdown"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("## Scenario `hand`\n")
    assert "| gross margin | 88% | margin | `gross margin = (revenue - COGS) / revenue" in out
    assert "| `break_even_users <= 400` | FAIL | 500 | 100 above 400 |" in out


def test_diff_side_by_side(capsys, hand: Path) -> None:
    assert main(["scenario", "diff", str(hand), "hand", "losing"]) == 0
    out = capsys.readouterr().out
    assert "plan.price: 5.0 -> 0.5" in out
    line = next(x for x in out.splitlines() if x.startswith("revenue per month"))
    assert line.split() == ["revenue", "per", "month", "$5,000", "$500", "-$4,500"]
    assert "500 -> never" in out
    assert main(["scenario", "diff", str(hand), "hand", "metered", "--json"]) == 0
    rows = {r["name"]: r for r in json.loads(capsys.readouterr().out)["metrics"]}
    assert rows["free_tier_cost_month"]["change_text"] == "only in metered"


def test_export_xlsx_and_csv(tmp_path: Path, capsys, hand: Path) -> None:
    assert main(["scenario", "export", str(hand), "--out", str(tmp_path / "out" / "s.xlsx")]) == 0
    assert "Wrote" in capsys.readouterr().out and (tmp_path / "out" / "s.xlsx").stat().st_size > 5000
    assert main(["scenario", "export", str(hand), "--name", "metered", "--out", str(tmp_path / "m.csv")]) == 0
    lines = (tmp_path / "m.csv").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "metric,label,unit,metered" and any(x.startswith("free_tier_cost_month,") for x in lines)


def test_check_passes_with_exit_0_and_junit(tmp_path: Path, capsys) -> None:
    junit = tmp_path / "reports" / "checks.xml"
    assert main(["check", str(EXAMPLE), "--junit", str(junit)]) == 0
    assert "All 13 checks of" in capsys.readouterr().out
    root = ET.parse(junit).getroot()
    assert (root.get("tests"), root.get("failures")) == ("13", "0")
    assert [s.get("name").split(":")[-1] for s in root] == ["base", "optimistic", "gpt-4o"]


def test_check_fails_with_exit_1_a_table_and_junit_failures(tmp_path: Path, capsys, hand: Path) -> None:
    junit = tmp_path / "checks.xml"
    assert main(["check", str(hand), "--junit", str(junit)]) == 1
    out = capsys.readouterr().out
    assert "4 of 8 checks failed" in out
    row = next(x for x in out.splitlines() if x.startswith("losing") and "payback_months" in x)
    assert row.split() == ["losing", "payback_months", "<=", "24", "never", "FAIL", "payback", "of", "the",
                           "investment", "is", "never", "reached"]
    failures = [c for c in ET.parse(junit).getroot().iter("testcase") if c.find("failure") is not None]
    assert [(f.get("classname"), f.get("name")) for f in failures] == [
        ("scenarios.hand", "break_even_users <= 400"), ("scenarios.metered", "break_even_users <= 400"),
        ("scenarios.losing", "break_even_users <= 100000"), ("scenarios.losing", "payback_months <= 24")]
    assert "break_even_users is 500, 100 above 400" in failures[0].find("failure").get("message")


def test_switching_the_model_breaks_the_margin_check(tmp_path: Path, capsys) -> None:
    changed = tmp_path / "scenarios.yaml"
    changed.write_text(EXAMPLE.read_text(encoding="utf-8").replace("model: gpt-4o-mini           #",
                                                                   "model: gpt-4o           #"), encoding="utf-8")
    assert main(["check", str(changed), "--name", "base"]) == 1
    out = capsys.readouterr().out
    assert "gross_margin >= 80%" in out and "71.89%" in out and "8.11 percentage points below 80%" in out


@pytest.mark.parametrize(("argv_tail", "text", "expected"), [
    (["scenario", "run"], "scenarios:\n  a: [1\n", "a.yaml:3: not valid YAML"),
    (["check"], HAND.replace("users: 1000", "users: 1000\n      userz: 3"),
     "a.yaml:5: scenario 'hand', usage.userz: unknown field 'userz': did you mean 'users'?"),
    (["scenario", "export", "--out", "x.csv"], HAND.replace("queries_per_user: 10", "queries_per_user: -10"),
     "a.yaml:5: scenario 'hand', usage.queries_per_user: must be positive (got -10)"),
    (["scenario", "run"], HAND.replace("{input_per_1m: 1, output_per_1m: 2}", "{model: gpt-9o-ultra}", 1),
     "a.yaml:8: scenario 'hand', pricing.model: unknown model 'gpt-9o-ultra'"),
    (["scenario", "run", "--name", "hnd"], HAND, "no scenario 'hnd' in this file; did you mean 'hand'?"),
    (["scenario", "export", "--out", "x.pdf"], HAND, "the export file must end in .xlsx or .csv (got 'x.pdf')"),
])
def test_bad_files_exit_2_with_line_and_field(tmp_path: Path, capsys, argv_tail: list, text: str,
                                              expected: str) -> None:
    """The file goes after the command (`scenario run FILE ...`, `check FILE ...`)."""
    (tmp_path / "a.yaml").write_text(text, encoding="utf-8")
    position = 2 if argv_tail[0] == "scenario" else 1
    argv = [*argv_tail[:position], "a.yaml", *argv_tail[position:]]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert expected in err and "Traceback" not in err


def test_a_name_saved_under_the_data_dir(_isolated_env: Path, capsys) -> None:
    saved = _isolated_env / "scenarios"
    saved.mkdir(parents=True)
    shutil.copy(EXAMPLE, saved / "q3-plan.yaml")
    assert main(["scenario", "run", "q3-plan", "--name", "optimistic"]) == 0
    assert "Scenario optimistic" in capsys.readouterr().out


def test_the_installed_command_never_shows_a_traceback(tmp_path: Path) -> None:
    (tmp_path / "bad.yaml").write_text("scenarios:\n  base: {usage: {users: many}}\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "assistant", "check", "bad.yaml"], cwd=tmp_path, text=True,
                          capture_output=True, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}, timeout=120)
    assert done.returncode == 2
    assert "bad.yaml:2: scenario 'base', usage.users: must be a number (got 'many')" in done.stderr
    assert "Traceback" not in done.stderr


def _readme_section() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return readme[readme.index("## Scenarios"):readme.index("## Configuration")]


def test_the_readme_scenario_file_runs_and_passes_its_checks(capsys) -> None:
    from assistant.scenarios import parse_scenarios, run_scenario

    block = _readme_section().split("```yaml\n")[1].split("```")[0]
    file = parse_scenarios(block, "README.md")
    runs = [run_scenario(file.get(n), name=n) for n in file.names]
    assert [r.name for r in runs] == ["base", "gpt-4o"]
    assert all(r.passed for r in runs) and sum(len(r.checks) for r in runs) == 5
    assert runs[1].scenario.plan == runs[0].scenario.plan and runs[1].scenario.pricing.model == "gpt-4o"


def test_the_readme_scenario_commands_run(tmp_path: Path, capsys) -> None:
    lines = [x.split("#")[0].split() for x in _readme_section().splitlines()
             if x.startswith(".venv/bin/marginal ")]
    assert len(lines) == 5
    for argv in lines:
        argv = [str(EXAMPLE) if a == "examples/scenarios.yaml" else a for a in argv[1:]]
        assert main(argv) == 0, argv
        out, err = capsys.readouterr()
        assert out and not err
    assert (tmp_path / "scenarios.xlsx").is_file() and (tmp_path / "reports" / "scenario-checks.xml").is_file()


def test_the_readme_ci_job_runs_marginal_check() -> None:
    import yaml

    job = yaml.safe_load(_readme_section().split("```yaml\n")[2].split("```")[0])
    runs = [s["run"] for s in job["jobs"]["check"]["steps"] if "run" in s]
    check = next(r for r in runs if r.startswith("marginal check"))
    args = build_parser().parse_args(check.split()[1:])
    assert args.command == "check" and Path(ROOT / args.file).is_file() and args.junit is not None
