"""Scenarios back to YAML (for saving a scenario the app or a chat built): the file `load_scenarios` reads."""

from __future__ import annotations

from typing import Any

import yaml

from assistant.scenarios.model import Scenario

__all__ = ["dump_scenarios"]


def _tidy(value: Any) -> Any:
    """20000.0 -> 20000, as a person writes it."""
    if isinstance(value, dict):
        return {k: _tidy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_tidy(v) for v in value]
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return int(value)
    return value


def _plain(scenario: Scenario) -> dict[str, Any]:
    data: dict[str, Any] = _tidy(scenario.model_dump(mode="json", exclude_defaults=True, exclude={"checks"}))
    if scenario.checks:
        data["checks"] = [c.text for c in scenario.checks]
    return data


def dump_scenarios(scenarios: dict[str, Scenario]) -> str:
    """A scenario file holding `scenarios` in full (no `extends`), fields left at their defaults left out."""
    return yaml.safe_dump({"scenarios": {name: _plain(s) for name, s in scenarios.items()}}, sort_keys=False,
                          allow_unicode=True)
