"""The published JSON schema of scenario files, generated from the models (`python -m assistant.scenarios.schema`).

Editors validate a file against it (`# yaml-language-server: $schema=.../scenario.schema.json`). A scenario with
`extends` may give any subset of the fields; shares accept 45, 0.45 or '45%'; checks are 'METRIC OP VALUE'.
A test keeps the committed file equal to what this module generates.
"""

from __future__ import annotations

import copy
import json
import sys
import typing
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from pydantic.functional_validators import BeforeValidator

from assistant.scenarios.loader import SCENARIO_NAME
from assistant.scenarios.messages import model_in
from assistant.scenarios.metrics import BY_NAME
from assistant.scenarios.model import Scenario
from tools.units import to_fraction

__all__ = ["SCHEMA_FILE", "scenario_file_schema", "schema_text"]

SCHEMA_FILE = Path(__file__).with_name("scenario.schema.json")
_PERCENT = {"type": "string", "pattern": r"^\s*-?[0-9][0-9,]*(\.[0-9]+)?\s*%\s*$"}
_CHECK = {"type": "string", "pattern": r"^\s*[A-Za-z_][A-Za-z0-9_]*\s*(>=|<=|==|>|<)\s*\S.*$",
          "examples": ["gross_margin >= 70%", "cost_per_user_month <= 2", "break_even_users <= 5000"]}


def _models(model: type[BaseModel], seen: dict[str, type[BaseModel]]) -> dict[str, type[BaseModel]]:
    seen[model.__name__] = model
    for field in model.model_fields.values():
        inner = model_in(field.annotation)
        if inner is not None and inner.__name__ not in seen:
            _models(inner, seen)
    return seen


def _accept_percent(prop: dict[str, Any]) -> dict[str, Any]:
    """A share's schema: the number as before, or a string like '45%'."""
    keep: dict[str, Any] = {k: prop.pop(k) for k in ("title", "description", "default", "examples") if k in prop}
    options = prop.pop("anyOf", None) or [prop]
    return {"anyOf": [*options, _PERCENT], **keep}


def _reads_percent(metadata: Any) -> bool:
    return any(isinstance(m, BeforeValidator) and m.func is to_fraction for m in metadata)


def _is_share(field: Any) -> bool:
    """A `Fraction` field, or an optional one (then the validator sits inside the union)."""
    inner = [getattr(a, "__metadata__", ()) for a in typing.get_args(field.annotation)]
    return _reads_percent(field.metadata) or any(_reads_percent(m) for m in inner)


_KEYWORDS = {"ge": "minimum", "gt": "exclusiveMinimum", "le": "maximum", "lt": "exclusiveMaximum"}


def _standard(schema: Any) -> Any:
    """Pydantic leaves some bounds of optional shares as ge/lt: write them as JSON schema keywords."""
    if isinstance(schema, dict):
        return {_KEYWORDS.get(k, k) if k in _KEYWORDS and isinstance(v, int | float) else k: _standard(v)
                for k, v in schema.items()}
    if isinstance(schema, list):
        return [_standard(v) for v in schema]
    return schema


def _override(defs: dict[str, Any]) -> dict[str, Any]:
    """`<Name>Override` copies of every definition with nothing required (a scenario that extends another)."""
    text = json.dumps(defs)
    for name in defs:
        text = text.replace(f'"#/$defs/{name}"', f'"#/$defs/{name}Override"')
    out = {}
    for name, schema in json.loads(text).items():
        schema.pop("required", None)
        out[f"{name}Override"] = schema
    return out


def scenario_file_schema() -> dict[str, Any]:
    """The JSON schema (draft 2020-12) of a scenario file."""
    root = Scenario.model_json_schema()
    defs: dict[str, Any] = root.pop("$defs", {})
    defs["Scenario"] = root
    for name, model in _models(Scenario, {}).items():
        props = defs[name]["properties"]
        for field_name, field in model.model_fields.items():
            if _is_share(field):
                props[field_name] = _accept_percent(props[field_name])
    defs["Check"]["properties"]["metric"]["enum"] = list(BY_NAME)
    defs["Scenario"]["properties"]["checks"]["items"] = {"anyOf": [_CHECK, {"$ref": "#/$defs/Check"}]}
    overrides = _override({k: v for k, v in defs.items() if k != "Check"})
    overrides["ScenarioOverride"]["properties"]["checks"]["items"]["anyOf"][1] = {"$ref": "#/$defs/Check"}
    overrides["ScenarioOverride"]["properties"]["extends"] = {
        "type": "string", "description": "The scenario this one starts from; its fields override the parent's "
                                         "(mappings merge, lists and values replace, null removes)."}
    entry = {"if": {"required": ["extends"]}, "then": {"$ref": "#/$defs/ScenarioOverride"},
             "else": {"$ref": "#/$defs/Scenario"}}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Marginal scenario file",
        "description": "Named scenarios of an AI product's economics; run them with `marginal scenario run FILE`.",
        "type": "object",
        "required": ["scenarios"],
        "additionalProperties": False,
        "properties": {"scenarios": {"type": "object", "minProperties": 1, "additionalProperties": entry,
                                     "propertyNames": {"pattern": SCENARIO_NAME.pattern}}},
        "$defs": _standard(copy.deepcopy({**defs, **overrides})),
    }


def schema_text() -> str:
    """The schema as it is committed: indented JSON with a final newline."""
    return json.dumps(scenario_file_schema(), indent=1) + "\n"


if __name__ == "__main__":
    SCHEMA_FILE.write_text(schema_text(), encoding="utf-8")
    print(f"Wrote {SCHEMA_FILE}", file=sys.stderr)
