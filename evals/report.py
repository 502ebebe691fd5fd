"""Reports of an eval run: JSON for machines, JUnit XML for CI systems, markdown for people."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

from evals.runner import Report

__all__ = ["regressions", "write_json", "write_junit", "write_markdown"]


def write_json(report: Report, path: Path) -> None:
    """The whole report (`total`, `passed`, `failed`, `cases`, ...) as JSON."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(report.model_dump_json(indent=1) + "\n", encoding="utf-8")


def write_junit(report: Report, path: Path) -> None:
    """One testcase per eval case, grouped by category; failures carry their reason."""
    suites = ET.Element("testsuites", name="marginal-eval", tests=str(report.total), failures=str(report.failed))
    for category in report.categories:
        cases = [c for c in report.cases if c.category == category]
        suite = ET.SubElement(suites, "testsuite", name=category, tests=str(len(cases)),
                              failures=str(sum(not c.passed for c in cases)))
        for c in cases:
            case = ET.SubElement(suite, "testcase", classname=f"evals.{category}", name=c.id,
                                 time=f"{c.latency_ms / 1000:.4f}")
            if not c.passed:
                ET.SubElement(case, "failure", message=c.reason[:500]).text = c.reason
    path.parent.mkdir(parents=True, exist_ok=True)
    ET.ElementTree(suites).write(path, encoding="utf-8", xml_declaration=True)


def write_markdown(report: Report, path: Path, regressed: list[str] | None = None) -> None:
    """A summary table per category, then every failure with its reason."""
    cost = "unknown" if report.cost_usd is None else f"${report.cost_usd:.6f}"
    lines = [f"# Marginal eval: {report.passed}/{report.total} passed ({report.pass_rate:.1%})", "",
             f"Model `{report.model}`; answers fully verified: {report.verified_share:.1%}; LLM cost of the run: "
             f"{cost}; {report.seconds} s.", "", _usage_line(report), "", "| category | passed | total | pass rate |",
             "| --- | --- | --- | --- |"]
    lines += [f"| {name} | {c['passed']} | {c['total']} | {c['pass_rate']:.1%} |"
              for name, c in report.categories.items()]
    failures = [c for c in report.cases if not c.passed]
    if failures:
        lines += ["", "## Failures", ""] + [f"- `{c.id}` ({c.category}): {c.reason}" for c in failures]
    if regressed:
        lines += ["", "## Regressions against the baseline", ""] + [f"- `{i}`" for i in regressed]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _usage_line(report: Report) -> str:
    calls = sum(c.llm_calls for c in report.cases)
    tokens_in, tokens_out = sum(c.input_tokens for c in report.cases), sum(c.output_tokens for c in report.cases)
    if not report.cases:
        return "No cases ran."
    latencies = sorted(c.latency_ms for c in report.cases)
    slowest = max(report.cases, key=lambda c: c.latency_ms)
    return (f"LLM calls: {calls} ({tokens_in:,} input and {tokens_out:,} output tokens). Latency per case: median "
            f"{latencies[len(latencies) // 2]:,.0f} ms, slowest `{slowest.id}` {slowest.latency_ms:,.0f} ms.")


def regressions(report: Report, baseline: Path) -> list[str]:
    """Cases that passed in the baseline report and fail (or are gone) now."""
    before = json.loads(baseline.read_text(encoding="utf-8"))
    now = {c.id: c.passed for c in report.cases}
    return [c["id"] for c in before.get("cases", []) if c.get("passed") and not now.get(c["id"], False)]
