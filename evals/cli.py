"""`marginal eval`: run the eval cases, write reports, and gate on the pass rate."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from tools.errors import MarginalError

__all__ = ["register", "run_eval"]


def register(subparsers: Any) -> None:
    """Add the `eval` subcommand."""
    ev = subparsers.add_parser("eval", help="run the eval suite and check every numeric answer",
                               description="Answer every eval case and check numbers, tools, arguments, "
                                           "sources and forbidden behaviour. Exits 1 below the gate.")
    ev.add_argument("--model", default="offline", help="offline (default), openai:MODEL or hybrid:MODEL")
    ev.add_argument("--cases", help="glob of case files (default: every file in evals/cases)")
    ev.add_argument("--json", type=Path, help="write the JSON report here")
    ev.add_argument("--junit", type=Path, help="write a JUnit XML report here")
    ev.add_argument("--markdown", type=Path, help="write a markdown report here")
    ev.add_argument("--gate", type=float, default=0.98, help="minimum pass rate, 0-1 (default 0.98)")
    ev.add_argument("--baseline", type=Path, help="a committed JSON report: list cases that regressed")
    ev.set_defaults(func=run_eval)


def run_eval(args: argparse.Namespace) -> int:
    """Handler for `marginal eval`; returns the exit code (0 pass, 1 below the gate, 2 bad input)."""
    from assistant.config import Settings
    from evals.case import load_cases

    try:
        settings = Settings(MARGINAL_MODEL=args.model)
        if settings.model_kind != "offline" and settings.openai_api_key is None and not settings.openai_base_url:
            print(f"marginal eval: skipped the {args.model} run: no OPENAI_API_KEY is set. Set it (or "
                  "OPENAI_BASE_URL for a local server) to evaluate a live model.")
            return 0
        if not 0 <= args.gate <= 1:
            raise ValueError(f"--gate must be between 0 and 1 (got {args.gate}); e.g. --gate 0.98")
        cases = load_cases(args.cases)
    except (MarginalError, ValidationError, ValueError) as exc:
        print(f"marginal eval: {exc}", file=sys.stderr)
        return 2
    from evals import report as reports
    from evals.runner import run

    result = run(cases, settings)
    regressed = reports.regressions(result, args.baseline) if args.baseline else []
    if args.json:
        reports.write_json(result, args.json)
    if args.junit:
        reports.write_junit(result, args.junit)
    if args.markdown:
        reports.write_markdown(result, args.markdown, regressed)
    _print(result, regressed)
    return 0 if result.pass_rate >= args.gate and not regressed else 1


def _print(result: Any, regressed: list[str]) -> None:
    for c in result.cases:
        if not c.passed:
            print(f"FAIL {c.id} ({c.category}): {c.reason}")
    for name, c in result.categories.items():
        print(f"{name:28} {c['passed']:>4}/{c['total']:<4} {c['pass_rate']:.1%}")
    cost = "unknown" if result.cost_usd is None else f"${result.cost_usd:.6f}"
    print(f"{'total':28} {result.passed:>4}/{result.total:<4} {result.pass_rate:.1%}  verified "
          f"{result.verified_share:.1%}  LLM cost {cost}  {result.seconds} s")
    if regressed:
        print(f"regressions against the baseline: {', '.join(regressed)}")
