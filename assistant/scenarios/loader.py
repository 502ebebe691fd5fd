"""Scenario files: several named scenarios in one YAML file, each able to extend another.

```yaml
scenarios:
  base: {usage: ..., pricing: ..., plan: ...}
  optimistic:
    extends: base          # deep merge: mappings merge, lists and values replace, null removes
    usage: {users: 40000}
```
`pricing` is replaced whole (a model or prices, never a mix of the parent's and the child's).
Every problem is reported with its file, line and field (`ScenarioError`), never as a traceback.
"""

from __future__ import annotations

import copy
import difflib
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from assistant.scenarios.errors import Problem, ScenarioError
from assistant.scenarios.messages import describe, field_path
from assistant.scenarios.model import Scenario
from assistant.scenarios.yaml_lines import Lines, read_yaml

__all__ = ["SCENARIO_NAME", "WHOLE", "ScenarioFile", "deep_merge", "load_scenarios", "parse_scenarios"]

SCENARIO_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")
WHOLE = ("pricing",)
"""Sections a scenario that extends another replaces whole instead of merging."""
_EXAMPLE = "A scenario file holds `scenarios:` with one entry per name, e.g.\nscenarios:\n  base:\n    usage: ..."


@dataclass(frozen=True)
class ScenarioFile:
    """The scenarios of one file, resolved (extends applied) and validated, in file order."""

    source: str
    scenarios: dict[str, Scenario]
    written: dict[str, dict[str, Any]]
    """Each scenario as written in the file (with its `extends`), for saving it back."""
    lines: Lines


    @property
    def names(self) -> list[str]:
        """Scenario names in file order."""
        return list(self.scenarios)

    def get(self, name: str) -> Scenario:
        """The scenario called `name`; an unknown name is a `ScenarioError` listing the others."""
        if name not in self.scenarios:
            raise ScenarioError([Problem(_unknown_name(name, self.names))], self.source)
        return self.scenarios[name]

    def pick(self, name: str | None) -> dict[str, Scenario]:
        """Every scenario, or only `name`."""
        return dict(self.scenarios) if name is None else {name: self.get(name)}

    def locate(self, error: ScenarioError) -> ScenarioError:
        """`error` (from running one of these scenarios) with this file's name and the line of each field."""
        problems = []
        for p in error.problems:
            line = p.line
            if line is None and p.scenario in self.written:
                loc = tuple(part for part in p.field.split(".") if part)
                line = _line_of(p.scenario, loc, self.written, self.lines)[0]
            problems.append(replace(p, line=line))
        return ScenarioError(problems, self.source)


def load_scenarios(path: str | Path) -> ScenarioFile:
    """Read and validate a scenario file; raises `ScenarioError` (file, line, field, fix) on any problem."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ScenarioError([Problem(f"no such file: {path}.")]) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ScenarioError([Problem(f"cannot read {path}: {exc}.")]) from None
    return parse_scenarios(text, str(path))


def parse_scenarios(text: str, source: str = "<scenarios>") -> ScenarioFile:
    """Validate scenario YAML given as text (`source` names it in messages)."""
    data, lines = read_yaml(text, source)
    written = _scenarios_of(data, lines, source)
    problems: list[Problem] = []
    resolved: dict[str, Scenario] = {}
    for name in written:
        try:
            merged = _resolve(name, written, lines, source)
            resolved[name] = Scenario.model_validate(merged)
        except ValidationError as exc:
            problems += [_problem(name, err, written, lines) for err in exc.errors()]
        except ScenarioError as exc:
            problems += exc.problems
    if problems:
        raise ScenarioError(list(dict.fromkeys(problems)), source)
    return ScenarioFile(source=source, scenarios=resolved, written=written, lines=lines)


def deep_merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    """`override` on top of `base`: mappings merge key by key, anything else replaces, None removes the key."""
    out = copy.deepcopy(base)
    for key, value in override.items():
        if value is None:
            out.pop(key, None)
        elif isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = deep_merge(out[key], value)
        else:
            out[key] = copy.deepcopy(value)
    return out


def _scenarios_of(data: Any, lines: Lines, source: str) -> dict[str, dict[str, Any]]:
    if not isinstance(data, dict) or "scenarios" not in data:
        raise ScenarioError([Problem(f"no `scenarios:` found. {_EXAMPLE}", line=1)], source)
    extra = [k for k in data if k != "scenarios"]
    if extra:
        raise ScenarioError([Problem(f"unknown top-level key {extra[0]!r}: only `scenarios:` belongs here.",
                                     line=lines.get((extra[0],)))], source)
    scenarios = data["scenarios"]
    if not isinstance(scenarios, dict) or not scenarios:
        raise ScenarioError([Problem(f"`scenarios:` must map each scenario name to its fields. {_EXAMPLE}",
                                     line=lines.get(("scenarios",)))], source)
    problems = []
    for name, body in scenarios.items():
        line = lines.get(("scenarios", name))
        if not isinstance(name, str) or not SCENARIO_NAME.match(name):
            problems.append(Problem(f"scenario names are 1-64 letters, digits, '.', '_' or '-' (got {name!r}).",
                                    line=line))
        elif not isinstance(body, dict):
            problems.append(Problem("must be a mapping of fields (usage, pricing, plan, ...).", line=line,
                                    scenario=name))
    if problems:
        raise ScenarioError(problems, source)
    return scenarios


def _resolve(name: str, written: dict[str, dict[str, Any]], lines: Lines, source: str) -> dict[str, Any]:
    """The scenario with its `extends` chain merged in, base first."""
    chain = [name]
    while (parent := written[chain[-1]].get("extends")) is not None:
        child = chain[-1]
        line = lines.get(("scenarios", child, "extends"))
        if not isinstance(parent, str) or parent not in written:
            hint = _unknown_name(parent, list(written)) if isinstance(parent, str) else "give a scenario name."
            raise ScenarioError([Problem(f"extends {parent!r}: {hint}",
                                         line=line, field="extends", scenario=child)], source)
        if parent in chain:
            loop = " -> ".join([*chain[chain.index(parent):], parent])
            raise ScenarioError([Problem(f"extends form a cycle ({loop}); one of them must not extend another.",
                                         line=line, field="extends", scenario=child)], source)
        chain.append(parent)
    merged: dict[str, Any] = {}
    for link in reversed(chain):
        own = {k: v for k, v in written[link].items() if k != "extends"}
        merged = deep_merge({k: v for k, v in merged.items() if k not in own or k not in WHOLE}, own)
    return merged


def _problem(name: str, err: Any, written: dict[str, dict[str, Any]], lines: Lines) -> Problem:
    loc = tuple(err["loc"])
    line, owner = _line_of(name, loc, written, lines)
    message = describe(Scenario, err)
    if owner != name:
        message += f" (set in scenario {owner!r}, which {name!r} extends)"
    if not message.endswith((".", "?", "!")):
        message += "."
    return Problem(message, line=line, field=field_path(loc), scenario=name)


def _line_of(name: str, loc: tuple[Any, ...], written: dict[str, dict[str, Any]],
             lines: Lines) -> tuple[int | None, str]:
    """The line that set `loc` (in this scenario or one it extends): the longest part of `loc` any of them wrote."""
    chain = [name]
    while isinstance(parent := written[chain[-1]].get("extends"), str) and parent in written and parent not in chain:
        chain.append(parent)
    for end in range(len(loc), 0, -1):
        for link in chain:
            if (line := lines.get(("scenarios", link, *loc[:end]))) is not None:
                return line, link
    return lines.get(("scenarios", name)), name


def _unknown_name(name: str, names: list[str]) -> str:
    near = difflib.get_close_matches(name, names, n=1)
    return (f"no scenario {name!r} in this file" + (f"; did you mean {near[0]!r}?" if near else ".")
            + f" Scenarios: {', '.join(names)}.")
