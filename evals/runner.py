"""Run eval cases through the real assistant and collect per-case results."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field

from assistant.agent import Assistant
from assistant.config import Settings
from evals.case import Case
from evals.checks import check

__all__ = ["CaseResult", "Report", "run"]


class CaseResult(BaseModel):
    """One case's outcome, cost and speed."""

    id: str
    category: str
    passed: bool
    reason: str = ""
    latency_ms: float
    llm_calls: int = 0
    input_tokens: int = 0
    output_tokens: int = 0
    cost_usd: float | None = 0.0
    verified: bool = True
    answers: list[str] = Field(default_factory=list)


class Report(BaseModel):
    """The whole run: totals, per-category summary and every case."""

    model: str
    total: int
    passed: int
    failed: int
    pass_rate: float
    verified_share: float
    cost_usd: float | None
    seconds: float
    categories: dict[str, dict[str, Any]]
    cases: list[CaseResult]


def _run_case(assistant: Assistant, case: Case) -> CaseResult:
    session = f"eval-{case.id}-{time.monotonic_ns()}"
    problems, answers, verified = [], [], True
    calls = tokens_in = tokens_out = 0
    cost: float | None = 0.0
    started = time.perf_counter()
    for n, turn in enumerate(case.turns, 1):
        answer = assistant.ask(turn.ask, session_id=session)
        answers.append(answer.answer)
        verified &= answer.verified
        u = answer.usage
        calls, tokens_in, tokens_out = calls + u.llm_calls, tokens_in + u.input_tokens, tokens_out + u.output_tokens
        cost = None if cost is None or u.cost_usd is None else cost + u.cost_usd
        prefix = f"turn {n}: " if len(case.turns) > 1 else ""
        problems += [prefix + p for p in check(turn.expect, answer, turn.ask)]
    return CaseResult(id=case.id, category=case.category, passed=not problems, reason="; ".join(problems),
                      latency_ms=round((time.perf_counter() - started) * 1000, 2), llm_calls=calls,
                      input_tokens=tokens_in, output_tokens=tokens_out, cost_usd=cost, verified=verified,
                      answers=answers)


def _categories(results: list[CaseResult]) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for r in results:
        c = out.setdefault(r.category, {"total": 0, "passed": 0})
        c["total"] += 1
        c["passed"] += r.passed
    for c in out.values():
        c["pass_rate"] = round(c["passed"] / c["total"], 4)
    return dict(sorted(out.items()))


def run(cases: list[Case], settings: Settings | None = None) -> Report:
    """Answer every case with one assistant (each case in its own session, in a fresh data dir)."""
    started = time.perf_counter()
    settings = settings or Settings()
    model = settings.model
    with tempfile.TemporaryDirectory(prefix="marginal-eval-") as tmp:
        assistant = Assistant(settings.model_copy(update={"data_dir": Path(tmp)}))
        results = [_run_case(assistant, case) for case in cases]
    passed = sum(r.passed for r in results)
    costs = [r.cost_usd for r in results]
    return Report(model=model, total=len(results), passed=passed, failed=len(results) - passed,
                  pass_rate=round(passed / len(results), 4) if results else 0.0,
                  verified_share=round(sum(r.verified for r in results) / len(results), 4) if results else 0.0,
                  cost_usd=None if any(c is None for c in costs) else round(sum(c or 0.0 for c in costs), 6),
                  seconds=round(time.perf_counter() - started, 2), categories=_categories(results),
                  cases=results)
