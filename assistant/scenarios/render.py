"""Scenario runs, diffs and checks as plain-text tables (a terminal) and markdown (a PR comment, a doc)."""

from __future__ import annotations

from assistant.scenarios.checks import CheckResult
from assistant.scenarios.diff import ScenarioDiff
from assistant.scenarios.results import ScenarioRun
from tools.result import Source

__all__ = ["checks_table", "diff_markdown", "diff_text", "run_markdown", "run_text"]


def _table(header: list[str], rows: list[list[str]], right: set[int] | frozenset[int] = frozenset()) -> str:
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]

    def line(cells: list[str]) -> str:
        cols = zip(cells, widths, strict=True)
        return "  ".join(c.rjust(w) if i in right else c.ljust(w) for i, (c, w) in enumerate(cols)).rstrip()
    return "\n".join([line(header), line(["-" * w for w in widths]), *map(line, rows)])


def _md(header: list[str], rows: list[list[str]]) -> str:
    def esc(cell: str) -> str:
        return cell.replace("|", "\\|").replace("\n", " ")
    out = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    out += ["| " + " | ".join(esc(c) for c in row) + " |" for row in rows]
    return "\n".join(out)


def _source(src: Source) -> str:
    stale = f" {src.stale_note}" if src.stale_note else ""
    return f"{src.provider} {src.model}: {src.price}, as of {src.as_of.isoformat()} ({src.origin}).{stale}"


def _verdict(c: CheckResult) -> str:
    return "PASS" if c.passed else "FAIL"


def run_text(run: ScenarioRun) -> str:
    """A run for the terminal: metrics, checks, the calculator steps with their formulas, and price sources."""
    title = f"Scenario {run.name}" + (f": {run.description}" if run.description else "")
    rows = [[m.label, m.text, m.tool] for m in run.metrics.values()]
    parts = [title, _table(["metric", "value", "calculator"], rows, right={1})]
    if run.checks:
        parts.append("Checks:\n" + "\n".join(f"  {_verdict(c)}  {c.check}: {c.actual_text} ({c.gap_text})"
                                             for c in run.checks))
    parts.append("Formulas:\n" + "\n".join(f"  {i + 1}. {s.tool} ({s.purpose}): {s.result.formula}"
                                           for i, s in enumerate(run.steps)))
    if run.sources:
        parts.append("Prices:\n" + "\n".join(f"  {_source(s)}" for s in run.sources))
    return "\n\n".join(parts)


def run_markdown(run: ScenarioRun) -> str:
    """A run as markdown: a metric table with formulas, checks, assumptions and sources."""
    parts = [f"## Scenario `{run.name}`"]
    if run.description:
        parts.append(run.description)
    parts.append(_md(["metric", "value", "calculator", "formula"],
                     [[m.label, m.text, m.tool, f"`{m.formula}`"] for m in run.metrics.values()]))
    if run.checks:
        parts.append("### Checks\n\n" + _md(["check", "result", "actual", "by how much"],
                                           [[f"`{c.check}`", _verdict(c), c.actual_text, c.gap_text]
                                            for c in run.checks]))
    if run.assumptions:
        parts.append("### Assumptions\n\n" + "\n".join(f"- {a}" for a in run.assumptions))
    if run.sources:
        parts.append("### Prices\n\n" + "\n".join(f"- {_source(s)}" for s in run.sources))
    return "\n\n".join(parts) + "\n"


def diff_text(diff: ScenarioDiff) -> str:
    """Two runs side by side for the terminal."""
    parts = [f"Scenario {diff.a} -> {diff.b}"]
    if diff.inputs:
        parts.append("Inputs that differ:\n" + "\n".join(f"  {c.field}: {c.a} -> {c.b}" for c in diff.inputs))
    rows = [[m.label, m.a_text, m.b_text, m.change_text] for m in diff.metrics]
    parts.append(_table(["metric", diff.a, diff.b, "change"], rows, right={1, 2, 3}))
    return "\n\n".join(parts)


def diff_markdown(diff: ScenarioDiff) -> str:
    """Two runs side by side as markdown."""
    parts = [f"## Scenario `{diff.a}` vs `{diff.b}`"]
    if diff.inputs:
        parts.append(_md(["input", diff.a, diff.b], [[f"`{c.field}`", str(c.a), str(c.b)] for c in diff.inputs]))
    parts.append(_md(["metric", diff.a, diff.b, "change"],
                     [[m.label, m.a_text, m.b_text, m.change_text] for m in diff.metrics]))
    return "\n\n".join(parts) + "\n"


def checks_table(results: list[CheckResult]) -> str:
    """Checks as a table: scenario, check, actual value, verdict and by how much."""
    rows = [[c.scenario, c.check, c.actual_text, _verdict(c), c.gap_text] for c in results]
    return _table(["scenario", "check", "actual", "result", "by how much"], rows)
