"""What every calculator returns, and the one way calculators validate their input."""

from __future__ import annotations

import math
from datetime import date
from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from tools import fmt
from tools.errors import InputError

__all__ = ["PROBLEMS", "STALE_AFTER_DAYS", "CalcInput", "Quantity", "Source", "ToolResult", "parse_input", "q",
           "stale_note"]

STALE_AFTER_DAYS = 180


class CalcInput(BaseModel):
    """Base of calculator inputs: strict about unknown fields and non-finite numbers."""

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)


class Quantity(BaseModel):
    """A number with its unit, as echoed in `inputs`."""

    value: float | str
    unit: str


def q(value: float | str, unit: str) -> Quantity:
    """Shorthand for an echoed input."""
    return Quantity(value=value, unit=unit)


class Source(BaseModel):
    """Where a catalog price came from."""

    provider: str
    model: str
    price: str = Field(description="The price as quoted, with its unit.")
    as_of: date
    origin: str = Field(description="The catalog or document the price came from.")
    stale_note: str | None = None
    checked: date | None = Field(default=None, description="When we last checked the catalog the price came from.")
    url: str | None = Field(default=None, description="The provider's price page or announcement.")
    notes: list[str] = Field(default_factory=list, description="Which model or host was picked and why, "
                             "time-of-day and long-context prices, scheduled price changes.")
    warning: str | None = Field(default=None, description="The model is deprecated or shut down.")


def stale_note(as_of: date, today: date) -> str | None:
    """A note when a price is older than `STALE_AFTER_DAYS`, else None."""
    age = (today - as_of).days
    if age <= STALE_AFTER_DAYS:
        return None
    return (f"This price is dated {as_of.isoformat()}, {age:,} days ago (older than "
            f"{STALE_AFTER_DAYS} days): check the provider's current price.")


class ToolResult(BaseModel):
    """Common audit trail carried by every calculator result."""

    tool: str
    headline: str = Field(description="The main result as one sentence.")
    formula: str
    inputs: dict[str, Quantity]
    assumptions: list[str] = Field(default_factory=list)
    sources: list[Source] = Field(default_factory=list)


M = TypeVar("M", bound=BaseModel)

PROBLEMS = {
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
    "extra_forbidden": "is not an input of this calculator",
    "missing": "is required",
}
"""What a pydantic error type means, as a fix people can act on (calculators and scenario files share it)."""


def _readable(value: Any) -> Any:
    """A bound or value as people write it: 10,000,000,000 rather than 10000000000.0 or 1e+10."""
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        return value
    return fmt.number(value)


def _describe(model: type[BaseModel], err: Any) -> str:
    loc = ".".join(str(p) for p in err["loc"])
    ctx = err.get("ctx") or {}
    shown_ctx = {k: _readable(v) for k, v in ctx.items()}
    problem = PROBLEMS.get(err["type"], "").format(**shown_ctx) if err["type"] in PROBLEMS else err["msg"]
    if err["type"] == "greater_than" and ctx.get("gt") == 0:
        problem = "must be positive"
    if err["type"] == "value_error":
        problem = str(ctx.get("error", err["msg"]))
    if not loc:  # a whole-model check: its message already says what to give
        return f"{problem[:1].upper()}{problem[1:]}."
    value = err.get("input")
    shown = _readable(value) if isinstance(value, int | float) and not isinstance(value, bool) else repr(value)
    got = "" if err["type"] == "missing" else f" (got {shown})"
    field = model.model_fields.get(str(err["loc"][0])) if err["loc"] else None
    example = ""
    if field is not None and field.examples:
        example = f" Example: {field.examples[0]!r}."
    return f"{loc} {problem}{got}.{example}"


def parse_input(model: type[M], data: M | dict[str, Any]) -> M:
    """Validate calculator input; raise `InputError` naming field, value and fix."""
    if isinstance(data, model):
        return data
    if isinstance(data, BaseModel):
        data = data.model_dump(exclude_unset=True)
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        errors = exc.errors()
        first = errors[0]
        message = " ".join(_describe(model, e) for e in errors[:3])
        loc = str(first["loc"][0]) if first["loc"] else ""
        raise InputError(message, field=loc, value=first.get("input")) from None


def finite(value: float, name: str) -> float:
    """Guard a computed value: an overflow to inf or nan is reported, not returned."""
    if not math.isfinite(value):
        raise InputError(
            f"{name} is too large to compute (the inputs overflow).",
            field=name,
            hint="Check the magnitudes: users, queries and prices are probably off by a lot.",
        )
    return value
