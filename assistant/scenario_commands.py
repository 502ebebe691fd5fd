"""Chat commands on the conversation's scenario, recognised before the planner.

"save this as q3-plan" writes the scenario to `MARGINAL_DATA_DIR/scenarios/q3-plan.yaml`, "load q3-plan"
(or "load base from q3-plan") makes a saved scenario the conversation's, "compare with q3-plan" shows
both side by side with each change. An unknown name is said, with the saved names; a name that is not a
plain file name is refused. "compare with gpt-4o" is left to the planner when no scenario has that
name and the catalog knows the model.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol

from assistant.answer import Answer, ToolCall
from assistant.config import Settings
from assistant.scenario_session import COMMAND, scenario_update, text_update
from assistant.scenarios.diff import ScenarioDiff, diff_runs
from assistant.scenarios.from_chat import ChatScenario
from assistant.scenarios.model import Scenario
from assistant.scenarios.render import diff_markdown
from assistant.scenarios.results import ScenarioRun
from assistant.scenarios.runner import run_scenario
from assistant.scenarios.saved import SavedScenarios
from assistant.verify import trace_numbers, unverified
from tools.catalog import Catalog
from tools.errors import MarginalError

__all__ = ["Command", "answer_command", "metrics_markdown", "recognise"]

_NAME = r"[\"'`]?(?P<name>[^\s\"'`]+?)[\"'`]?"
_END = r"\s*[.!?]?\s*$"
_SAVE = re.compile(r"^\s*(?:please\s+)?save\s+(?:this|it|that|(?:this|the)\s+(?:current\s+)?scenario)"
                   rf"(?:\s+scenario)?\s+as\s+{_NAME}{_END}", re.I)
_LOAD = re.compile(rf"^\s*(?:please\s+)?load\s+(?:the\s+)?(?:saved\s+)?(?:scenario\s+)?{_NAME}"
                   r"(?:\s+from\s+[\"'`]?(?P<file>[^\s\"'`]+?)[\"'`]?)?" + _END, re.I)
_COMPARE = re.compile(r"^\s*compare\s+(?:this\s+|it\s+|(?:this|the)\s+scenario\s+)?(?:with|to|against)\s+"
                      rf"(?:the\s+)?(?:saved\s+)?(?:scenario\s+)?{_NAME}{_END}", re.I)
NO_SCENARIO = ("This conversation has no scenario yet: ask a cost question first (e.g. 'What do 20,000 users "
               "at 15 queries a day cost on gpt-4o-mini?'), or load a saved one with 'load NAME'.")


@dataclass(frozen=True)
class Command:
    """A recognised command: what to do, the saved name, and the file's scenario to load (if named)."""

    verb: Literal["save", "load", "compare"]
    name: str
    scenario: str | None = None


def recognise(text: str, saved: SavedScenarios, catalog: Catalog) -> Command | None:
    """The command `text` is, or None to let the planner answer it."""
    if m := _SAVE.match(text):
        return Command("save", m["name"])
    if m := _LOAD.match(text):
        return Command("load", m["file"], m["name"]) if m["file"] else Command("load", m["name"])
    if (m := _COMPARE.match(text)) and (saved.exists(m["name"]) or not _is_model(m["name"], catalog)):
        return Command("compare", m["name"])
    return None


def _is_model(name: str, catalog: Catalog) -> bool:
    try:
        catalog.model(name)
    except MarginalError:
        return False
    return True


class Desk(Protocol):
    """What a command needs of the assistant: its settings, catalog and the session's scenario."""

    settings: Settings
    catalog: Catalog

    def session_scenario(self, session_id: str) -> ChatScenario | None:
        """The conversation's scenario, None when it has none."""

    def record(self, session_id: str, update: dict[str, Any]) -> None:
        """Apply `update` to the saved session."""

    def session_values(self, session_id: str) -> dict[str, Any]:
        """The saved session state."""


@dataclass
class _Outcome:
    text: str
    runs: list[ScenarioRun] = field(default_factory=list)
    diff: ScenarioDiff | None = None
    scenario: Scenario | None = None
    error: str | None = None
    names: list[str] = field(default_factory=list)  # file paths and names the text quotes (digits, not figures)


def metrics_markdown(run: ScenarioRun) -> str:
    """A run's metrics and checks as markdown tables (the chat's view of a scenario)."""
    rows = "\n".join(f"| {m.label} | {m.text} |" for m in run.metrics.values())
    out = f"| metric | value |\n|---|---|\n{rows}"
    if run.checks:
        out += "\n\n| check | result | actual | by how much |\n|---|---|---|---|\n" + "\n".join(
            f"| `{c.check}` | {'PASS' if c.passed else 'FAIL'} | {c.actual_text} | {c.gap_text} |" for c in run.checks)
    return out


def _save(command: Command, current: ChatScenario | None, saved: SavedScenarios, catalog: Catalog) -> _Outcome:
    if current is None:
        return _Outcome(NO_SCENARIO, error=NO_SCENARIO)
    path = saved.path(command.name)
    run = run_scenario(current.scenario, catalog, name=path.stem)
    path, replaced = saved.save(command.name, current.scenario)
    said = "Replaced" if replaced else "Saved"
    notes = "".join(f"\n\n_{n}_" for n in current.notes)
    return _Outcome(f"{said} this conversation's scenario as **{path.stem}** (`{path}`). Run it with "
                    f"`marginal scenario run {path.stem}`, or say 'load {path.stem}' in another conversation."
                    f"{notes}\n\n{metrics_markdown(run)}", runs=[run], names=[str(path)])


def _load(command: Command, saved: SavedScenarios, catalog: Catalog) -> _Outcome:
    if not saved.exists(command.name):
        saved.path(command.name)  # a name that is not a file name says so first
        message = saved.missing(command.name)
        return _Outcome(message, error=message)
    pick, scenario, names = saved.load(command.name, command.scenario)
    run = run_scenario(scenario, catalog, name=pick)
    others = [n for n in names if n != pick]
    where = f"scenario **{pick}** of {command.name}" if pick != command.name else f"**{pick}**"
    also = f" The file also holds {', '.join(others)} ('load {others[0]} from {command.name}')." if others else ""
    return _Outcome(f"Loaded {where}: it is now this conversation's scenario, so follow-up questions build on "
                    f"it and the Scenario tab shows it.{also}\n\n{metrics_markdown(run)}", runs=[run],
                    scenario=scenario)


def _compare(command: Command, current: ChatScenario | None, saved: SavedScenarios, catalog: Catalog) -> _Outcome:
    if not saved.exists(command.name):
        saved.path(command.name)
        message = saved.missing(command.name)
        return _Outcome(message, error=message)
    if current is None:
        return _Outcome(NO_SCENARIO, error=NO_SCENARIO)
    pick, scenario, _ = saved.load(command.name)
    ours = run_scenario(current.scenario, catalog, name="this conversation")
    theirs = run_scenario(scenario, catalog, name=pick)
    diff = diff_runs(ours, theirs)
    return _Outcome(diff_markdown(diff), runs=[ours, theirs], diff=diff)


def _answer(outcome: _Outcome, question: str) -> Answer:
    calls = [ToolCall(name=s.tool, args=s.args, result=s.result.model_dump(mode="json"))
             for run in outcome.runs for s in run.steps]
    rows = outcome.diff.model_dump(mode="json") if outcome.diff is not None else {}
    checks = [c.model_dump(mode="json") for run in outcome.runs for c in run.checks]
    known = trace_numbers([c.args for c in calls], [c.result for c in calls], rows, checks, outcome.names,
                          [m.value for run in outcome.runs for m in run.metrics.values()], question=question)
    bad = [] if outcome.error else unverified(outcome.text, known)  # a refusal states rules, not results
    return Answer(answer=outcome.text, tool_calls=calls, verified=not bad, unverified_numbers=bad,
                  error=outcome.error)


def answer_command(desk: Desk, question: str, session_id: str) -> Answer | None:
    """Answer `question` when it is a scenario command (and record its turn), else None."""
    saved = SavedScenarios(desk.settings.scenarios_dir)
    command = recognise(question, saved, desk.catalog)
    if command is None:
        return None
    try:
        if command.verb == "load":
            outcome = _load(command, saved, desk.catalog)
        elif command.verb == "save":
            outcome = _save(command, desk.session_scenario(session_id), saved, desk.catalog)
        else:
            outcome = _compare(command, desk.session_scenario(session_id), saved, desk.catalog)
    except MarginalError as exc:
        outcome = _Outcome(str(exc), error=str(exc))
    if outcome.scenario is not None:
        update = scenario_update(desk.session_values(session_id), outcome.scenario, desk.catalog, question,
                                 outcome.text, COMMAND)
    else:
        update = text_update(question, outcome.text)
    desk.record(session_id, update)
    return _answer(outcome, question)
