"""`marginal scenario run|diff|export` and `marginal check`: scenario files from the command line and CI.

Exit codes: 0 done (every check passed); 1 `check` found a failed check (the table says which and by
how much); 2 a file to fix (YAML, unknown field, impossible value, unknown model: file, line and
field in the message) or a bad argument.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from assistant.config import Settings
from assistant.scenarios.diff import diff_runs
from assistant.scenarios.errors import Problem, ScenarioError
from assistant.scenarios.export import EXPORT_SUFFIXES, export_runs
from assistant.scenarios.junit import write_junit
from assistant.scenarios.loader import ScenarioFile, load_scenarios
from assistant.scenarios.render import checks_table, diff_markdown, diff_text, run_markdown, run_text
from assistant.scenarios.results import ScenarioRun
from assistant.scenarios.runner import run_scenario
from tools.catalog import Catalog
from tools.errors import MarginalError

__all__ = ["register", "resolve_file"]


def register(subparsers: Any) -> None:
    """Add the `scenario` and `check` subcommands."""
    scenario = subparsers.add_parser("scenario", help="run, compare or export the scenarios of a YAML file",
                                     description="Scenario files hold named scenarios (usage, prices, plan, costs, "
                                                 "checks); see README, Scenarios.")
    sub = scenario.add_subparsers(dest="scenario_command", required=True)
    run = sub.add_parser("run", help="every metric of each scenario, with formulas and price sources")
    _file_args(run)
    fmt = run.add_mutually_exclusive_group()
    fmt.add_argument("--json", action="store_true", help="print the runs as JSON")
    fmt.add_argument("--markdown", action="store_true", help="print markdown")
    run.set_defaults(func=_run)
    diff = sub.add_parser("diff", help="two scenarios side by side, with the change in each metric")
    diff.add_argument("file", help="a scenario YAML file (or a name saved under MARGINAL_DATA_DIR/scenarios)")
    diff.add_argument("a", help="the first scenario")
    diff.add_argument("b", help="the second scenario")
    dfmt = diff.add_mutually_exclusive_group()
    dfmt.add_argument("--json", action="store_true", help="print the diff as JSON")
    dfmt.add_argument("--markdown", action="store_true", help="print markdown")
    diff.set_defaults(func=_diff)
    export = sub.add_parser("export", help="write the metrics as CSV, or an XLSX workbook with live formulas")
    _file_args(export)
    export.add_argument("--out", type=Path, required=True, metavar="PATH.xlsx|PATH.csv", help="the file to write")
    export.set_defaults(func=_export)
    check = subparsers.add_parser("check", help="evaluate the checks of a scenario file (exit 1 when one fails)",
                                  description="Run every scenario and judge its checks, e.g. 'gross_margin >= 70%%'. "
                                              "Exits 1 with a table of the failed checks, 0 when all pass.")
    _file_args(check)
    check.add_argument("--junit", type=Path, metavar="PATH", help="write a JUnit XML report for CI")
    check.set_defaults(func=_check)


def _file_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", help="a scenario YAML file (or a name saved under MARGINAL_DATA_DIR/scenarios)")
    parser.add_argument("--name", help="only this scenario (default: every scenario of the file)")


def resolve_file(arg: str, settings: Settings) -> Path:
    """A path as given when it exists; else a scenario file saved under the data dir (`q3-plan` -> .../q3-plan.yaml)."""
    path = Path(arg)
    if path.exists() or path.parent != Path("."):
        return path
    for candidate in (settings.scenarios_dir / arg, settings.scenarios_dir / f"{arg}.yaml"):
        if candidate.is_file():
            return candidate
    return path


def _load(args: argparse.Namespace) -> tuple[ScenarioFile, Catalog]:
    settings = Settings()
    return load_scenarios(resolve_file(args.file, settings)), Catalog(settings.prices_file, data_dir=settings.data_dir)


def _runs(file: ScenarioFile, catalog: Catalog, name: str | None) -> list[ScenarioRun]:
    runs = []
    for scenario_name, scenario in file.pick(name).items():
        try:
            runs.append(run_scenario(scenario, catalog, name=scenario_name))
        except ScenarioError as exc:
            raise file.locate(exc) from None
    return runs


def _guard(handler: Any) -> Any:
    """Turn a file or input problem into a message and exit 2, never a traceback."""
    def wrapped(args: argparse.Namespace) -> int:
        try:
            return int(handler(args))
        except MarginalError as exc:
            print(f"marginal: {exc}", file=sys.stderr)
            return 2
    wrapped.__doc__ = handler.__doc__
    return wrapped


@_guard
def _run(args: argparse.Namespace) -> int:
    """`marginal scenario run`."""
    file, catalog = _load(args)
    runs = _runs(file, catalog, args.name)
    if args.json:
        print(json.dumps({"file": file.source, "scenarios": [r.model_dump(mode="json") for r in runs]}, indent=1))
    elif args.markdown:
        print("\n".join(run_markdown(r) for r in runs), end="")
    else:
        print("\n\n".join(run_text(r) for r in runs))
    return 0


@_guard
def _diff(args: argparse.Namespace) -> int:
    """`marginal scenario diff`."""
    file, catalog = _load(args)
    a, b = (_runs(file, catalog, n)[0] for n in (args.a, args.b))
    diff = diff_runs(a, b)
    if args.json:
        print(diff.model_dump_json(indent=1))
    else:
        print(diff_markdown(diff) if args.markdown else diff_text(diff), end="" if args.markdown else "\n")
    return 0


@_guard
def _export(args: argparse.Namespace) -> int:
    """`marginal scenario export`."""
    if args.out.suffix.lower() not in EXPORT_SUFFIXES:  # before any work: a typo should not cost a run
        raise ScenarioError([Problem(f"the export file must end in .xlsx or .csv (got {args.out.name!r}). "
                                     "Example: --out scenarios.xlsx")])
    file, catalog = _load(args)
    runs = _runs(file, catalog, args.name)
    path = export_runs(runs, args.out, catalog)
    print(f"Wrote {path} ({len(runs)} scenario{'s' * (len(runs) != 1)}: {', '.join(r.name for r in runs)}).")
    return 0


@_guard
def _check(args: argparse.Namespace) -> int:
    """`marginal check`: 0 when every check passes, 1 when one fails."""
    file, catalog = _load(args)
    runs = _runs(file, catalog, args.name)
    results = [c for r in runs for c in r.checks]
    if args.junit:
        write_junit(runs, args.junit, file.source)
    failed = [c for c in results if not c.passed]
    if not results:
        print(f"{file.source}: no checks to evaluate (add `checks:` to a scenario, e.g. 'gross_margin >= 70%').")
        return 0
    if not failed:
        print(f"All {len(results)} checks of {file.source} passed.")
        return 0
    print(f"{len(failed)} of {len(results)} checks failed in {file.source}:\n")
    print(checks_table(failed))
    return 1
