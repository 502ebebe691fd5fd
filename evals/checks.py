"""Deterministic checks of one answer against its expectations; each failure says what was wrong."""

from __future__ import annotations

import math
from typing import Any

from assistant.answer import Answer
from evals.case import Expect, Number
from evals.numbers import claimed_figures, figures, figures_in_results
from tools import TOOLS

__all__ = ["check"]

CALCULATORS = {spec.name for spec in TOOLS}


def _close(a: float, b: float, n: Number) -> bool:
    return abs(a - b) <= n.abs if n.abs is not None else math.isclose(a, b, rel_tol=n.rel, abs_tol=1e-12)


def _has_number(answer: Answer, n: Number) -> bool:
    shown = claimed_figures(answer.answer)  # a clarification's example ("e.g. '$0.50 per 1M tokens'") is no answer
    if n.in_results:
        shown += figures_in_results(c.result for c in answer.tool_calls)
    wanted = [n.value, n.value * 100, n.value / 100] if n.percent else [n.value]
    return any(_close(v, w, n) for v in shown for w in wanted)


def _arg_matches(actual: Any, expected: Any) -> bool:
    if isinstance(expected, int | float) and isinstance(actual, int | float) and not isinstance(actual, bool):
        return math.isclose(float(actual), float(expected), rel_tol=1e-6)
    if isinstance(expected, str) and isinstance(actual, str):
        return actual.lower() == expected.lower()
    return bool(actual == expected)


def _tools(expect: Expect, called: list[str]) -> list[str]:
    problems = []
    if expect.tools is not None:
        if expect.tools_in_order:
            if [t for t in called if t in expect.tools] != expect.tools:
                problems.append(f"tools called {called}, expected in order {expect.tools}")
        elif missing := [t for t in expect.tools if t not in called]:
            problems.append(f"expected tool(s) {missing} not called (called {called or 'none'})")
        if expect.only_tools and (extra := sorted(set(called) - set(expect.tools))):
            problems.append(f"unexpected tool(s) {extra}")
    return problems


def _args(expect: Expect, answer: Answer) -> list[str]:
    problems = []
    for tool, wanted in expect.args.items():
        calls = [c.args for c in answer.tool_calls if c.name == tool]
        if not calls:
            continue  # reported by the tool check
        for key, value in wanted.items():
            if not any(_arg_matches(args.get(key), value) for args in calls):
                seen = [args.get(key) for args in calls]
                problems.append(f"{tool}.{key} was {seen[0] if len(seen) == 1 else seen}, expected {value!r}")
    return problems


def _forbidden(expect: Expect, answer: Answer, called: list[str], question: str) -> list[str]:
    problems = []
    # a refusal may repeat what the user wrote ("got -500") and what a calculator's validation said about it
    # ("70% + 40% = 110%"): neither is a figure computed on substitutes
    quoted = set(figures(question)) | {v for c in answer.tool_calls if c.error for v in figures(c.error)}
    rules = {
        "calculator": lambda: [t for t in called if t in CALCULATORS],
        "any_tool": lambda: called,
        "number": lambda: [f"{v:g}" for v in claimed_figures(answer.answer) if v not in (0.0, 1.0) and v not in quoted],
        "error": lambda: [answer.error] if answer.error else [],
        "unverified": lambda: answer.unverified_numbers,
    }
    for rule in expect.forbid:
        if found := rules[rule]():
            problems.append(f"forbidden {rule}: {', '.join(map(str, found[:4]))}")
    shown = claimed_figures(answer.answer)
    problems += [f"forbidden number {v:g}" for v in expect.forbid_numbers
                 if any(math.isclose(v, s, rel_tol=0.005) for s in shown)]
    return problems


def check(expect: Expect, answer: Answer, question: str = "") -> list[str]:
    """Every way `answer` falls short of `expect` (empty when it passes)."""
    called = [c.name for c in answer.tool_calls]
    problems = [f"missing number {n.label + ' ' if n.label else ''}{n.value:g}"
                for n in expect.numbers if not _has_number(answer, n)]
    problems += _tools(expect, called) + _args(expect, answer)
    cited = [c.source for c in answer.citations]
    problems += [f"source {s} not cited (cited {sorted(set(cited)) or 'none'})"
                 for s in expect.sources if not any(c.endswith(s) for c in cited)]
    low = answer.answer.lower()
    problems += [f"text {t!r} missing" for t in expect.text if t.lower() not in low]
    problems += _forbidden(expect, answer, called, question)
    if expect.verified is not None and answer.verified != expect.verified:
        problems.append(f"verified is {answer.verified} (unverified: {answer.unverified_numbers})")
    if expect.error is not None and bool(answer.error) != expect.error:
        problems.append("expected an error message" if expect.error else f"unexpected error: {answer.error}")
    return problems
