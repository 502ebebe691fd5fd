"""`python -m benchmarks [--json PATH] [--quick]`: measure Marginal and print a table.

Every figure is a median of several runs (p95 where latency matters). The JSON keeps the same keys
from run to run so reports can be compared; targets are listed beside the figures, never asserted.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from benchmarks import latency, sessions, workbench

ROOT = Path(__file__).resolve().parents[1]
TARGETS = {"warm_offline_calculator.p50_ms": 10, "warm_offline_knowledge.p50_ms": 25, "cold_cli_ask.p50_ms": 2500,
           "app_start.p50_ms": 6000, "monte_carlo_1m.p50_ms": 300, "scenario_tab_edit.event.every_section.p50_ms": 100}


def monte_carlo_1m(runs: int) -> dict[str, Any] | None:
    """Time of the monte_carlo calculator with 1,000,000 draws."""
    from tools import registry

    if not any(spec.name == "monte_carlo" for spec in registry.TOOLS):
        return None
    spec = registry.get_tool("monte_carlo")
    args = {"users": 100_000, "queries_per_user": 20, "tokens_per_query": 1_000, "price_per_1m": 2.0,
            "draws": 1_000_000, "fee_per_user_month": 10.0}
    spec.run(args)  # warm: imports and catalog
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        spec.run(args)
        samples.append((time.perf_counter() - started) * 1000)
    return latency.percentiles(samples)


def eval_suite(runs: int) -> dict[str, Any] | None:
    """Wall time of the offline eval suite (`marginal eval`), in a new process each run."""
    if not (ROOT / "evals" / "cases").is_dir():
        return None
    samples, report = [], {}
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / "eval.json"
            started = time.perf_counter()
            subprocess.run([sys.executable, "-m", "assistant", "eval", "--json", str(out), "--gate", "0"],
                           check=True, capture_output=True, cwd=ROOT)
            samples.append(time.perf_counter() - started)
            report = json.loads(out.read_text())
    return {"p50_s": round(statistics.median(samples), 2), "cases": report.get("total"),
            "passed": report.get("passed"), "runs": runs}


def token_economy() -> dict[str, Any]:
    """LLM calls and tokens per question: Marginal's LLM path and hybrid mode vs a naive agent."""
    from benchmarks.tokens import categorize, eval_questions, measure

    questions = eval_questions() or latency.CALCULATOR_QUESTIONS + latency.KNOWLEDGE_QUESTIONS
    return measure([(categorize(q), q) for q in questions])


def _section(name: str, fn: Callable[[], Any]) -> Any:
    print(f"... {name}", file=sys.stderr, flush=True)
    return fn()


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument("--quick", action="store_true", help="fewer rounds and no load or 10k-chunk run")
    args = parser.parse_args()
    rounds, runs = (5, 2) if args.quick else (20, 5)
    with tempfile.TemporaryDirectory() as data_dir:
        os.environ["MARGINAL_DATA_DIR"] = data_dir
        report: dict[str, Any] = {
            "date": datetime.now(UTC).isoformat(timespec="seconds"),
            "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
            "targets": TARGETS,
            "warm_offline_calculator": _section("warm calculator", lambda: latency.warm(
                latency.CALCULATOR_QUESTIONS, rounds)),
            "warm_offline_knowledge": _section("warm knowledge", lambda: latency.warm(
                latency.KNOWLEDGE_QUESTIONS, rounds)),
            "cold_cli_ask": _section("cold CLI", lambda: latency.cold_cli(runs)),
            "app_start": _section("app start", lambda: latency.app_start(runs, data_dir)),
            "monte_carlo_1m": _section("monte carlo", lambda: monte_carlo_1m(runs)),
            "eval_suite": _section("eval suite", lambda: eval_suite(1 if args.quick else 3)),
            "token_economy": _section("token economy", token_economy),
            "long_session": _section("long session", lambda: sessions.long_session(200 if args.quick else 1000)),
            "scenario_tab_edit": _section("scenario tab", lambda: workbench.workbench_edits(20 if args.quick else 100)),
        }
        if not args.quick:
            from benchmarks.knowledge import ingest_and_retrieve
            from benchmarks.load import load_report
            from benchmarks.servers import PostgresMissing

            report["knowledge_10k"] = _section("10k chunks", ingest_and_retrieve)
            report["load_50_users"] = _section("load", lambda: load_report([50])[0])
            try:
                two = _section("load, 2 processes", lambda: load_report([50, 100], processes=2))
                report["load_2_processes_50_users"], report["load_2_processes_100_users"] = two
            except PostgresMissing as exc:
                print(f"... skipped the 2-process load: {exc}", file=sys.stderr)
    for name, figures in report.items():
        print(f"{name:26} {json.dumps(figures)}")
    if args.json:
        args.json.write_text(json.dumps(report, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
