"""The Scenario tab's fields: a scenario as editable values, and edited values back to a scenario.

`FIELDS` lists the fields once (path in the scenario, label, kind, group and row); the tab builds one
component per field. `field_values(scenario)` fills them; `edited(values, current)` reads them back into a
`Scenario`, keeping what has no field (description, usage spread, the memo's options, routes beyond the
`ROUTES` slots) from `current`. Routing has a slot per route (a model or a price, and a share); the filled
slots, in order, are the routes. A value the scenario refuses comes back as `WorkbenchError`, one line per
field with its label, never a traceback.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import ValidationError

from assistant.scenarios.messages import describe, field_path
from assistant.scenarios.model import Scenario
from tools.errors import InputError
from tools.units import Period, to_fraction

__all__ = ["FIELDS", "PERIODS", "ROUTES", "STARTER", "Field", "WorkbenchError", "edited", "field_values"]

Kind = Literal["number", "percent", "text", "period", "lines"]
PERIODS = [p.value for p in Period]


@dataclass(frozen=True)
class Field:
    """One editable value: where it sits in the scenario, its label and how it is typed."""

    path: tuple[str, ...]
    label: str
    kind: Kind = "number"
    group: str = "Usage"
    info: str = ""
    row: str = ""
    """Fields of a group sharing a row label sit on one row (a route's model, price and share)."""

    @property
    def key(self) -> str:
        """The dotted path, e.g. usage.tokens.input."""
        return ".".join(self.path)

    @property
    def elem_id(self) -> str:
        """The component's HTML id, e.g. wb-usage-tokens-input."""
        return "wb-" + "-".join(self.path).replace("_", "-")


def _f(path: str, label: str, group: str, kind: Kind = "number", info: str = "", row: str = "") -> Field:
    return Field(tuple(path.split(".")), label, kind, group, info, row)


ROUTES = 4
"""Route slots in the Routing group (a scenario may hold up to 20 routes; the rest are kept as they are)."""


def _route(i: int) -> tuple[Field, ...]:
    at, row = f"routing.routes.{i}", f"route {i + 1}"
    return (_f(f"{at}.model", f"Route {i + 1}: catalog model", "Routing", "text",
               "empty slot: no route", row),
            _f(f"{at}.price_per_1m", f"Route {i + 1}: $ per 1M tokens", "Routing", info="instead of a model", row=row),
            _f(f"{at}.share", f"Route {i + 1}: share of traffic (%)", "Routing", "percent", row=row))


FIELDS: tuple[Field, ...] = (
    _f("usage.users", "Users", "Usage"),
    _f("usage.queries_per_user", "Queries per user", "Usage"),
    _f("usage.period", "per", "Usage", "period"),
    _f("usage.tokens.input", "Input tokens per query", "Usage"),
    _f("usage.tokens.output", "Output tokens per query", "Usage"),
    _f("usage.tokens.cached_share", "Cached input share (%)", "Usage", "percent"),
    _f("pricing.model", "Catalog model", "Pricing", "text", "empty: the prices below"),
    _f("pricing.input_per_1m", "Input $ per 1M tokens", "Pricing"),
    _f("pricing.output_per_1m", "Output $ per 1M tokens", "Pricing"),
    _f("pricing.cached_input_per_1m", "Cached input $ per 1M tokens", "Pricing"),
    _f("plan.price", "Plan price $ per user per month", "Plan", info="empty: no plan"),
    _f("plan.included_queries", "Included queries a month", "Plan"),
    _f("plan.overage_per_1k", "Overage $ per 1,000 queries", "Plan"),
    _f("plan.free_users", "Free users", "Plan"),
    _f("plan.free_quota", "Queries per free user a month", "Plan"),
    _f("plan.target_margin", "Target gross margin (%)", "Plan", "percent"),
    _f("fixed_costs_per_month", "Fixed costs $ per month", "Costs"),
    _f("investment.upfront", "Upfront investment $", "Costs", info="empty: no investment"),
    _f("investment.build_months", "Build months", "Costs"),
    _f("investment.monthly_saving", "Monthly saving $", "Costs", info="empty: the operating profit pays it back"),
    _f("self_hosting.gpu", "GPU (catalog name)", "Self-hosting", "text", "empty: no self-hosting"),
    _f("self_hosting.gpu_hourly", "$ per GPU-hour", "Self-hosting", info="instead of the catalog's price"),
    _f("self_hosting.gpus", "GPUs", "Self-hosting"),
    _f("self_hosting.tokens_per_second", "Tokens per second (full load)", "Self-hosting"),
    _f("self_hosting.utilization", "Utilization (%)", "Self-hosting", "percent"),
    _f("self_hosting.hours_per_month", "GPU hours a month", "Self-hosting", info="720: around the clock"),
    _f("self_hosting.fixed_per_month", "Other fixed $ a month", "Self-hosting", info="MLOps, on-call"),
    *(f for i in range(ROUTES) for f in _route(i)),
    _f("routing.input_share", "Input share of tokens (%)", "Routing", "percent", "to blend catalog prices", "blend"),
    _f("routing.baseline_model", "Compared with (catalog model)", "Routing", "text",
       "empty: the scenario's model, else the dearest route", "blend"),
    _f("compliance.development_cost", "Development cost $", "Compliance", info="empty: no compliance"),
    _f("compliance.compliance_cost", "Compliance cost $", "Compliance"),
    _f("compliance.extra_regions", "Extra regions", "Compliance", info="each with its own model version"),
    _f("compliance.region_multiplier", "Added per extra region (% of compliance)", "Compliance", "percent"),
    _f("checks", "Checks", "Checks", "lines", "one a line, e.g. gross_margin >= 70%"),
)
_BY_PATH = {f.path: f for f in FIELDS}
_ROUTES_AT = ("routing", "routes")
# A section is in the scenario when one of these fields has a value (its other fields alone say nothing).
_SECTIONS = {"plan": ("price",), "investment": ("upfront",), "self_hosting": ("gpu", "gpu_hourly", "tokens_per_second"),
             "routing": ("routes",), "compliance": ("development_cost", "compliance_cost")}
_SECTION_LABELS = {"usage": "Usage", "pricing": "Pricing", "plan": "Plan", "investment": "Investment",
                   "self_hosting": "Self-hosting", "routing": "Routing", "compliance": "Compliance", "checks": "Checks"}
_BOUNDS = {"less_than_equal": ("must be at most", "le"), "less_than": ("must be below", "lt"),
           "greater_than_equal": ("must be at least", "ge"), "greater_than": ("must be above", "gt")}

STARTER = Scenario.model_validate({
    "description": "A starting point: edit any field.",
    "usage": {"users": 10_000, "queries_per_user": 20, "period": "day", "tokens": {"input": 750, "output": 250}},
    "pricing": {"model": "gpt-4o-mini"}, "plan": {"price": 10}, "fixed_costs_per_month": 20_000})
"""What the tab shows before the conversation has a scenario."""


class WorkbenchError(InputError):
    """Field values the scenario refuses: one line per problem, named by the field's label."""


def _get(data: dict[str, Any], path: tuple[str, ...]) -> Any:
    value: Any = data
    for part in path:
        if isinstance(value, list):
            value = value[int(part)] if part.isdigit() and int(part) < len(value) else None
        else:
            value = value.get(part) if isinstance(value, dict) else None
    return value


def _shown(field: Field, value: Any) -> Any:
    if field.kind == "percent":
        return None if value is None else float(f"{to_fraction(value) * 100:.10g}")  # '50%' (0.5) reads 50 (%)
    if field.kind == "lines":
        return "\n".join(c["text"] for c in value or [])
    if field.kind == "text":
        return value or ""
    return value


def field_values(scenario: Scenario) -> list[Any]:
    """The value of each field of `FIELDS` for `scenario` (None where it has none)."""
    data = scenario.model_dump(mode="json")
    return [_shown(f, _get(data, f.path)) for f in FIELDS]


def _given(field: Field, value: Any) -> Any:
    """A field's value as the scenario reads it; None when left empty."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if field.kind == "percent":
        return f"{value}%"  # the model reads '50%' as 0.5, never 50 as a fraction
    if field.kind == "lines":
        return [line.strip() for line in str(value).splitlines() if line.strip()]
    return value.strip() if isinstance(value, str) else value


def _put(data: dict[str, Any], path: tuple[str, ...], value: Any) -> None:
    node = data
    for part in path[:-1]:
        node = node.setdefault(part, {})
    if value is None:
        node.pop(path[-1], None)
    else:
        node[path[-1]] = value


def edited(values: Sequence[Any], current: Scenario | None) -> Scenario:
    """The scenario the fields hold, on top of `current`; raises `WorkbenchError` naming each bad field."""
    data = copy.deepcopy(current.model_dump(mode="json", exclude_defaults=True)) if current is not None else {}
    data.setdefault("pricing", {}).clear()  # a model or prices: the fields say which
    data.pop("checks", None)
    slots: dict[int, dict[str, Any]] = {}
    for field, value in zip(FIELDS, values, strict=True):
        if field.path[:2] == _ROUTES_AT:  # routing.routes.<slot>.<field>
            slots.setdefault(int(field.path[2]), {})[field.path[3]] = _given(field, value)
        else:
            _put(data, field.path, _given(field, value))
    filled = [i for i, route in sorted(slots.items()) if any(v is not None for v in route.values())]
    beyond = _get(data, _ROUTES_AT)[ROUTES:] if _get(data, _ROUTES_AT) else []  # routes without a slot: kept
    routes = [{k: v for k, v in slots[i].items() if v is not None} for i in filled] + beyond
    _put(data, _ROUTES_AT, routes or None)
    for section, keys in _SECTIONS.items():
        if not any(k in (data.get(section) or {}) for k in keys):
            data.pop(section, None)
    try:
        return Scenario.model_validate(data)
    except ValidationError as exc:
        raise WorkbenchError("\n".join(_problem(err, filled) for err in exc.errors())) from None


def _percent(err: Any) -> str | None:
    """A bound of a percent field in percent (the model's bounds are fractions: 'at most 1' is 100%)."""
    said, key = _BOUNDS.get(err["type"], ("", ""))
    bound, given = (err.get("ctx") or {}).get(key), err.get("input")
    if not said or not isinstance(bound, int | float) or not isinstance(given, int | float):
        return None
    return f"{said} {bound * 100:g}% (got {given * 100:g}%)"


def _slot(loc: tuple[str, ...], filled: list[int]) -> tuple[str, ...]:
    """A route's place in the scenario's list as its slot in the fields (empty slots are no routes)."""
    if loc[:2] != _ROUTES_AT or len(loc) < 3 or not loc[2].isdigit():
        return loc
    k = int(loc[2])
    return (*_ROUTES_AT, str(filled[k] if k < len(filled) else ROUTES + k - len(filled)), *loc[3:])


def _problem(err: Any, filled: list[int]) -> str:
    loc = _slot(tuple(str(p) for p in err["loc"]), filled)
    message = describe(Scenario, err)
    line = f", line {int(loc[1]) + 1}" if loc[:1] == ("checks",) and len(loc) > 1 else ""
    for end in range(len(loc), 0, -1):
        if (field := _BY_PATH.get(loc[:end])) is not None:
            if field.kind == "percent":
                message = _percent(err) or message
            return f"{field.label.removesuffix(' (%)')}{line}: {message}"
    if loc == _ROUTES_AT and err["type"] == "too_short":
        message = "give at least 2 routes, or empty every route slot for no routing"
    if loc[:2] == _ROUTES_AT and len(loc) > 2:
        return f"Route {int(loc[2]) + 1}: {message}"
    section = _SECTION_LABELS.get(str(loc[0])) if loc else None
    return f"{section or field_path(loc) or 'Scenario'}: {message}"
