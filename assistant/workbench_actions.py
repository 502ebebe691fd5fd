"""What the Scenario tab's events do; each returns the values of its outputs (the tab wires them).

A view is (scenario JSON, status, metric rows, check rows, chart). Every figure comes from
`run_scenario` (the calculators; no LLM); an edit is recorded into the session, so the next chat
question builds on it. A problem is said in the status line, never as a traceback.
"""

from __future__ import annotations

import hashlib
import uuid
from pathlib import Path
from typing import Any

import gradio as gr
from pydantic import ValidationError

from assistant.agent import Assistant
from assistant.scenarios.diff import scenario_changes
from assistant.scenarios.model import Scenario
from assistant.scenarios.results import ScenarioRun
from assistant.scenarios.runner import run_scenario
from assistant.scenarios.saved import SavedScenarios
from assistant.web import AssistantPool, WebSettings
from assistant.workbench import FIELDS, STARTER, edited, field_values
from assistant.workbench_view import check_rows, metric_rows, monthly_chart, write_downloads
from tools.errors import MarginalError

__all__ = ["BASELINE", "EMPTY_NOTE", "NAME", "WorkbenchActions"]

NAME = "this-conversation"
BASELINE = "baseline"
EMPTY_NOTE = ("This conversation has no scenario yet, so this is a starting point: edit any field, load a saved "
              "scenario, or ask a cost question in the chat.")
Baseline = dict[str, Any] | None  # {"name": ..., "scenario": scenario JSON}
_ERRORS = (MarginalError, ValidationError)  # a scenario kept in the page is validated again: said, never raised
_KEYS = ("monthly_cost", "gross_margin", "break_even_users", "operating_profit_month")


def _status(run: ScenarioRun, note: str = "") -> str:
    passed = sum(c.passed for c in run.checks)
    checks = f" Checks: {passed} of {len(run.checks)} pass." if run.checks else ""
    return (f"{note}\n\n" if note else "") + (f"**{len(run.metrics)} metrics** from {len(run.steps)} calculator "
                                            f"calls.{checks} Chat questions in this conversation build on this "
                                            "scenario.")


def _problem(exc: Exception, what: str = "Not recomputed") -> str:
    lines = "\n".join(f"- {line}" for line in str(exc).splitlines() if line.strip())
    return f"⚠️ {what}:\n\n{lines}"


def _said(run: ScenarioRun) -> str:
    """What the session's answer says the scenario gives (the chat's history reads it)."""
    return "; ".join(f"{run.metrics[k].label} {run.metrics[k].text}" for k in _KEYS if k in run.metrics)


class WorkbenchActions:
    """The tab's events over the app's assistants (the one for each browser session's settings)."""

    def __init__(self, pool: AssistantPool) -> None:
        self.pool = pool

    def _run(self, assistant: Assistant, scenario: Scenario, name: str = NAME) -> ScenarioRun:
        return run_scenario(scenario, assistant.catalog, name=name)

    def _view(self, assistant: Assistant, scenario: Scenario, base: Baseline, note: str = "",
              run: ScenarioRun | None = None) -> tuple[Any, ...]:
        run = run or self._run(assistant, scenario)
        other = self._run(assistant, Scenario.model_validate(base["scenario"]), base["name"]) if base else None
        return (scenario.model_dump(mode="json"), _status(run, note), metric_rows(run, other), check_rows(run),
                monthly_chart(run, other))

    @staticmethod
    def _failed(exc: Exception, what: str = "Not recomputed") -> tuple[Any, ...]:
        return gr.skip(), _problem(exc, what), gr.skip(), gr.skip(), gr.skip()

    def _names(self, assistant: Assistant) -> Any:
        return gr.Dropdown(choices=SavedScenarios(assistant.settings.scenarios_dir).names())

    def refresh(self, session: str | None, web: WebSettings | None, base: Baseline) -> tuple[Any, ...]:
        """The conversation's scenario in the fields (a starting point when it has none), and its view."""
        try:
            assistant = self.pool.get(web)
            found = assistant.session_scenario(session) if session else None
            scenario = found.scenario if found is not None else STARTER
            note = EMPTY_NOTE if found is None else " ".join(f"_{n}_" for n in found.notes)
            return *field_values(scenario), *self._view(assistant, scenario, base, note), self._names(assistant)
        except _ERRORS as exc:
            return *(gr.skip(),) * len(FIELDS), *self._failed(exc, "Cannot show the scenario"), gr.skip()

    def edit(self, *args: Any) -> tuple[Any, ...]:
        """The fields' scenario, run and recorded into the session: (view, session id)."""
        *values, shown, base, session, web = args
        session = session or f"web-{uuid.uuid4().hex}"
        try:
            assistant = self.pool.get(web)
            before = Scenario.model_validate(shown) if shown else None
            scenario = edited(values, before)
            run = self._run(assistant, scenario)
            view = self._view(assistant, scenario, base, run=run)
            if before != scenario:
                self._record(assistant, session, before, run)
        except _ERRORS as exc:
            return *self._failed(exc), session
        return *view, session

    def _record(self, assistant: Assistant, session: str, before: Scenario | None, run: ScenarioRun) -> None:
        scenario = run.scenario
        changes = scenario_changes(before, scenario) if before is not None else []
        said = "; ".join(f"{c.field} {c.a} -> {c.b}" for c in changes[:8])
        question = f"(Scenario tab) I changed the scenario: {said}." if said else "(Scenario tab) Use this scenario."
        assistant.set_scenario(session, scenario, question, f"Scenario set in the Scenario tab: {_said(run)}.")

    def set_baseline(self, shown: dict[str, Any] | None, web: WebSettings | None) -> tuple[Any, ...]:
        """Keep the scenario as it is now as the baseline: (baseline, view)."""
        if not shown:
            return gr.skip(), *self._failed(ValueError("Nothing to keep as the baseline yet."), "No baseline")
        base = {"name": BASELINE, "scenario": shown}
        try:
            return base, *self._view(self.pool.get(web), Scenario.model_validate(shown), base,
                                     "The baseline is this scenario as it is now.")
        except _ERRORS as exc:
            return gr.skip(), *self._failed(exc)

    def clear_baseline(self, shown: dict[str, Any] | None, web: WebSettings | None) -> tuple[Any, ...]:
        """No baseline: (None, view)."""
        try:
            scenario = Scenario.model_validate(shown) if shown else STARTER
            return None, *self._view(self.pool.get(web), scenario, None, "No baseline.")
        except _ERRORS as exc:
            return None, *self._failed(exc)

    def load(self, name: str | None, session: str | None, web: WebSettings | None, base: Baseline
             ) -> tuple[Any, ...]:
        """A saved scenario into the fields and the conversation: (fields, view, session id, name)."""
        session = session or f"web-{uuid.uuid4().hex}"
        try:
            assistant = self.pool.get(web)
            _, scenario, _ = SavedScenarios(assistant.settings.scenarios_dir).load(str(name or ""))
            run = self._run(assistant, scenario)
            view = self._view(assistant, scenario, base, f"Loaded **{name}**.", run=run)
            assistant.set_scenario(session, scenario, f"(Scenario tab) load {name}", f"Loaded {name}: {_said(run)}.")
        except _ERRORS as exc:
            return *(gr.skip(),) * len(FIELDS), *self._failed(exc, "Not loaded"), session, gr.skip()
        return *field_values(scenario), *view, session, name

    def use_as_baseline(self, name: str | None, shown: dict[str, Any] | None, web: WebSettings | None
                        ) -> tuple[Any, ...]:
        """A saved scenario as the baseline: (baseline, view)."""
        try:
            assistant = self.pool.get(web)
            pick, scenario, _ = SavedScenarios(assistant.settings.scenarios_dir).load(str(name or ""))
            base = {"name": pick if pick != NAME else BASELINE, "scenario": scenario.model_dump(mode="json")}
            current = Scenario.model_validate(shown) if shown else STARTER
            return base, *self._view(assistant, current, base, f"The baseline is **{name}**.")
        except _ERRORS as exc:
            return gr.skip(), *self._failed(exc, "No baseline")

    def save(self, name: str | None, shown: dict[str, Any] | None, web: WebSettings | None) -> tuple[Any, Any]:
        """Write the scenario under the data dir: (status, saved names)."""
        if not shown:
            return "⚠️ Nothing to save yet: edit a field first.", gr.skip()
        try:
            assistant = self.pool.get(web)
            store = SavedScenarios(assistant.settings.scenarios_dir)
            path, replaced = store.save(str(name or ""), Scenario.model_validate(shown))
        except _ERRORS as exc:
            return _problem(exc, "Not saved"), gr.skip()
        said = "Replaced" if replaced else "Saved"
        return (f"{said} **{path.stem}** (`{path}`): `marginal scenario run {path.stem}` runs it; 'load {path.stem}' "
                "in the chat loads it."), gr.Dropdown(choices=store.names(), value=path.stem)

    def downloads(self, shown: dict[str, Any] | None, base: Baseline, session: str | None,
                  web: WebSettings | None) -> tuple[Any, str]:
        """The YAML, CSV and XLSX files of the scenario (and the baseline): (files, status)."""
        try:
            assistant = self.pool.get(web)
            scenario = Scenario.model_validate(shown) if shown else STARTER
            run = self._run(assistant, scenario)
            other = self._run(assistant, Scenario.model_validate(base["scenario"]), base["name"]) if base else None
            owner = hashlib.sha256((session or "anonymous").encode()).hexdigest()[:16]  # no path from a session id
            folder = Path(assistant.settings.data_dir) / "workbench" / owner / uuid.uuid4().hex[:8]
            paths = write_downloads(folder, run, other, assistant.catalog)
        except (*_ERRORS, OSError) as exc:
            return gr.skip(), _problem(exc, "No downloads")
        return paths, "The scenario's YAML, its metrics as CSV and the XLSX workbook (live formulas) are ready below."
