"""Scenarios as files: the scenario model, YAML files with `extends`, a runner over the calculators, and exports.

Checks, diffs and spreadsheet exports build on the same runs.

The app and the CLI use this API:

- `load_scenarios(path)` / `parse_scenarios(text)` -> `ScenarioFile` (`.names`, `.get(name)`), raising
  `ScenarioError` with file, line and field;
- `run_scenario(scenario, catalog, name=...)` -> `ScenarioRun` (metrics with formulas and sources, judged
  checks, every calculator step); a warm run takes milliseconds, so it can run on every edit;
- `diff_runs(a, b)` -> `ScenarioDiff` (assistant.scenarios.diff); `workbook_bytes(runs)` / `csv_text(runs)` for
  downloads, `export_runs(runs, path)` for files (assistant.scenarios.workbook, .export);
- `dump_scenarios({name: scenario})` -> the YAML of a scenario file, for saving.
"""

from assistant.scenarios.checks import Check, CheckResult
from assistant.scenarios.dump import dump_scenarios
from assistant.scenarios.errors import Problem, ScenarioError
from assistant.scenarios.loader import ScenarioFile, load_scenarios, parse_scenarios
from assistant.scenarios.metrics import METRICS, Metric
from assistant.scenarios.model import Scenario
from assistant.scenarios.results import MetricValue, ScenarioRun, Step
from assistant.scenarios.runner import run_scenario

__all__ = ["METRICS", "Check", "CheckResult", "Metric", "MetricValue", "Problem", "Scenario", "ScenarioError",
           "ScenarioFile", "ScenarioRun", "Step", "dump_scenarios", "load_scenarios", "parse_scenarios", "run_scenario"]
