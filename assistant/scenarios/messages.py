"""Pydantic validation errors of a scenario as sentences a user can act on."""

from __future__ import annotations

import difflib
import math
import types
import typing
from typing import Any

from pydantic import BaseModel
from pydantic_core import ErrorDetails

from tools import fmt

__all__ = ["describe", "field_path", "model_in"]

_FIXES = {
    "greater_than": "must be greater than {gt}",
    "greater_than_equal": "must be at least {ge}",
    "less_than": "must be less than {lt}",
    "less_than_equal": "must be at most {le}",
    "finite_number": "must be a finite number",
    "float_parsing": "must be a number",
    "float_type": "must be a number",
    "int_parsing": "must be a whole number",
    "int_type": "must be a whole number",
    "int_from_float": "must be a whole number",
    "string_type": "must be text",
    "model_type": "must be a mapping of fields",
    "model_attributes_type": "must be a mapping of fields",
    "list_type": "must be a list",
    "too_short": "needs at least {min_length} items",
    "too_long": "takes at most {max_length} items",
    "string_too_short": "must not be empty",
    "string_too_long": "is too long (at most {max_length} characters)",
}


def field_path(loc: tuple[int | str, ...]) -> str:
    """('usage', 'tokens', 'input') -> 'usage.tokens.input'; ('checks', 0) -> 'checks[1]'."""
    out = ""
    for part in loc:
        out += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _shown(value: Any) -> str:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        return repr(value)
    return fmt.number(value)


def describe(model: type[BaseModel], err: ErrorDetails) -> str:
    """The problem of one error at its field, with the value given and the fix."""
    kind, ctx = err["type"], err.get("ctx") or {}
    if kind == "extra_forbidden":
        return _unknown_field(model, err["loc"])
    if kind == "missing":
        return "is required" + _example(model, err["loc"])
    if kind in ("value_error", "assertion_error"):
        return str(ctx.get("error", err["msg"])).removeprefix("Value error, ")
    if kind == "enum":
        return f"must be one of {ctx.get('expected', '')} (got {_shown(err.get('input'))})"
    if kind == "greater_than" and ctx.get("gt") == 0:
        problem = "must be positive"
    elif kind in _FIXES:
        problem = _FIXES[kind].format(**{k: _shown(v) if isinstance(v, int | float) else v for k, v in ctx.items()})
    else:
        problem = err["msg"][:1].lower() + err["msg"][1:]
    return f"{problem} (got {_shown(err.get('input'))})"


def _section(model: type[BaseModel], loc: tuple[int | str, ...]) -> type[BaseModel] | None:
    """The model that holds the field at `loc` (the last part of `loc` is the field)."""
    current: type[BaseModel] | None = model
    for part in loc[:-1]:
        if isinstance(part, int) or current is None:
            continue
        field = current.model_fields.get(str(part))
        current = model_in(field.annotation) if field is not None else None
    return current


def model_in(annotation: Any) -> type[BaseModel] | None:
    """The pydantic model in an annotation (`Plan | None` -> Plan, `list[Route]` -> Route), if any."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is not None:
        for arg in typing.get_args(annotation):
            if (found := model_in(arg)) is not None:
                return found
    return None


def _unknown_field(model: type[BaseModel], loc: tuple[int | str, ...]) -> str:
    section = _section(model, loc)
    name = str(loc[-1])
    if section is None:
        return f"unknown field {name!r}"
    fields = list(section.model_fields)
    near = difflib.get_close_matches(name, fields, n=1)
    hint = f"did you mean {near[0]!r}? " if near else ""
    return f"unknown field {name!r}: {hint}The fields here are {', '.join(fields)}"


def _example(model: type[BaseModel], loc: tuple[int | str, ...]) -> str:
    section = _section(model, loc)
    field = section.model_fields.get(str(loc[-1])) if section is not None else None
    if field is None:
        return ""
    said = f" ({field.description.rstrip('.')})" if field.description else ""
    example = f", e.g. {loc[-1]}: {field.examples[0]}" if field.examples else ""
    return f"{said}{example}"
