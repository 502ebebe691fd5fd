"""`marginal check --junit`: each check of each scenario as a JUnit testcase, for CI reports."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from assistant.scenarios.results import ScenarioRun

__all__ = ["write_junit"]


def write_junit(runs: list[ScenarioRun], path: Path, source: str) -> Path:
    """One testsuite per scenario, one testcase per check; a failed check says its value and by how much."""
    results = [c for r in runs for c in r.checks]
    failed = sum(not c.passed for c in results)
    suites = ET.Element("testsuites", name="marginal-check", tests=str(len(results)), failures=str(failed))
    for run in runs:
        suite = ET.SubElement(suites, "testsuite", name=f"{source}:{run.name}", tests=str(len(run.checks)),
                              failures=str(sum(not c.passed for c in run.checks)))
        for c in run.checks:
            case = ET.SubElement(suite, "testcase", classname=f"scenarios.{run.name}", name=c.check)
            if not c.passed:
                message = f"{c.metric} is {c.actual_text}, {c.gap_text} (check: {c.check})"
                ET.SubElement(case, "failure", message=message).text = message
    path.parent.mkdir(parents=True, exist_ok=True)
    ET.ElementTree(suites).write(path, encoding="utf-8", xml_declaration=True)
    return path
