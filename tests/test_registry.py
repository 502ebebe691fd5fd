"""The registry: every calculator once, documented, and its JSON schema snapshotted for review."""

import json
import os
from pathlib import Path

import pytest

from tools import TOOLS, get_tool
from tools.errors import InputError

SNAPSHOT = Path(__file__).parent / "snapshots" / "tool_schemas.json"


def _schemas() -> dict:
    return {spec.name: spec.input_model.model_json_schema() for spec in TOOLS}


def test_every_calculator_is_registered_once_with_a_documented_input() -> None:
    names = [spec.name for spec in TOOLS]
    assert len(names) == len(set(names)) == 14
    for spec in TOOLS:
        assert "Args:" in spec.description, spec.name
        for field_name, field in spec.input_model.model_fields.items():
            assert field.description, f"{spec.name}.{field_name} has no description"


def test_schema_snapshot() -> None:
    current = _schemas()
    if os.environ.get("UPDATE_SNAPSHOTS") == "1" or not SNAPSHOT.exists():
        SNAPSHOT.write_text(json.dumps(current, indent=1, sort_keys=True) + "\n")
    assert json.loads(SNAPSHOT.read_text()) == json.loads(json.dumps(current)), (
        "A tool schema changed: review it, then run UPDATE_SNAPSHOTS=1 pytest tests/test_registry.py")


def test_unknown_tool_lists_valid_names() -> None:
    with pytest.raises(InputError, match="Valid tools: token_cost"):
        get_tool("token_costs")
