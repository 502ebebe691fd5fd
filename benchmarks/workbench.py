"""The Scenario tab: what one edit costs (`python -m benchmarks.workbench [--edits 100] [--json PATH]`).

Each edit changes one field (users, the plan's price, the input tokens, in turn) and is timed two ways:

- `callback`: the tab's edit callback (`WorkbenchActions.edit`): the fields read back into a scenario, every
  metric from the calculators, the tables and the chart, and the edit recorded into the session (SQLite);
- `event`: the whole Gradio event, in process (`Blocks.process_api` on the app's own edit event): the page's
  field values preprocessed, the callback, every output postprocessed. This is what the server spends on a
  change; the network and the browser's drawing come on top.

On two scenarios: the tab's starting point (usage, pricing, plan, fixed costs) and examples/scenarios.yaml's
`gpt-4o` (every section: investment, self-hosting, routing, compliance, checks). The issue's target is well
under 100 ms a change. Timings are reported, never asserted.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from benchmarks import print_report
from benchmarks.latency import percentiles

ROOT = Path(__file__).resolve().parents[1]
_EDITS = (("usage.users", (10_000, 30_000, 20_000)), ("plan.price", (10, 12, 15)), ("usage.tokens.input", (750, 1800)))


def _edits() -> Iterator[tuple[str, float]]:
    """Single-field changes, cycling through the fields and their values."""
    i = 0
    while True:
        key, values = _EDITS[i % len(_EDITS)]
        yield key, values[(i // len(_EDITS)) % len(values)]
        i += 1


def _timed(step: Callable[[], Any], count: int) -> dict[str, float]:
    """p50 and p95 of `count` steps (wall time), and the p50 of the process's CPU time a step (less moved by other
    processes on a shared machine), after three steps to warm up (imports, catalog, the session's first checkpoint).
    """
    samples, cpu = [], []
    for n in range(count + 3):
        started, started_cpu = time.perf_counter(), time.process_time()
        step()
        if n >= 3:
            samples.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - started_cpu) * 1000)
    return {**percentiles(samples), "cpu_p50_ms": round(statistics.median(cpu), 2)}


def _scenarios() -> dict[str, Any]:
    from assistant.scenarios import load_scenarios
    from assistant.workbench import STARTER

    return {"starter": STARTER, "every_section": load_scenarios(ROOT / "examples" / "scenarios.yaml").get("gpt-4o")}


def _callback_step(actions: Any, scenario: Any, session: str) -> Callable[[], None]:
    """One edit through the tab's callback, the fields and the shown scenario carried to the next."""
    from assistant.workbench import FIELDS, field_values

    keys, values, edits = [f.key for f in FIELDS], field_values(scenario), _edits()
    shown = [scenario.model_dump(mode="json")]

    def step() -> None:
        key, value = next(edits)
        values[keys.index(key)] = value
        shown[0] = actions.edit(*values, shown[0], None, session, None)[0]

    return step


def _event_step(demo: Any, event: Any, scenario: Any, session: str, loop: asyncio.AbstractEventLoop
                ) -> Callable[[], None]:
    """One edit as the app's event: the page sends the fields; the states live in the session."""
    from gradio.state_holder import SessionState

    from assistant.workbench import FIELDS, field_values

    state = SessionState(demo)
    state[event.inputs[len(FIELDS)]._id] = scenario.model_dump(mode="json")  # what opening the tab shows
    keys, values, edits = [f.key for f in FIELDS], field_values(scenario), _edits()
    states = [None] * (len(event.inputs) - len(FIELDS))

    def step() -> None:
        key, value = next(edits)
        values[keys.index(key)] = value
        loop.run_until_complete(demo.process_api(event, [*values, *states], state=state, session_hash=session))

    return step


def _callback(edits: int) -> dict[str, Any]:
    from assistant.agent import Assistant
    from assistant.web import AssistantPool
    from assistant.workbench_actions import WorkbenchActions

    actions = WorkbenchActions(AssistantPool(Assistant()))
    return {name: _timed(_callback_step(actions, scenario, f"bench-{name}"), edits)
            for name, scenario in _scenarios().items()}


def _event(edits: int) -> dict[str, Any]:
    """The app's edit event through Gradio's processing, one browser session per scenario."""
    import app
    from assistant.agent import Assistant
    from assistant.workbench import FIELDS

    demo = app.build(Assistant())
    event = next(fn for fn in demo.fns.values() if getattr(fn.fn, "__name__", "") == "edit")
    loop = asyncio.new_event_loop()
    try:
        out: dict[str, Any] = {name: _timed(_event_step(demo, event, scenario, name, loop), edits)
                               for name, scenario in _scenarios().items()}
    finally:
        loop.close()
    return {**out, "components": len(demo.blocks), "fields": len(FIELDS)}


def workbench_edits(edits: int = 100) -> dict[str, Any]:
    """p50 and p95 of one Scenario-tab edit, as the callback and as the whole Gradio event, per scenario."""
    import os

    before = os.environ.get("MARGINAL_DATA_DIR")
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["MARGINAL_DATA_DIR"] = tmp  # sessions of their own, removed after
        try:
            return {"edits": edits, "callback": _callback(edits), "event": _event(edits)}
        finally:
            if before is None:
                os.environ.pop("MARGINAL_DATA_DIR", None)
            else:
                os.environ["MARGINAL_DATA_DIR"] = before


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.workbench")
    parser.add_argument("--edits", type=int, default=100)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    return print_report(workbench_edits(args.edits), args.json)


if __name__ == "__main__":
    raise SystemExit(main())
