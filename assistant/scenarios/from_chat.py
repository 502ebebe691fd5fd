"""A conversation's scenario as a `Scenario`, and a scenario as the tool calls the chat planner reads.

The offline planner keeps a conversation's scenario as the tool calls of its earlier turns (each
argument declares the economics variable it is, `assistant.planner.graph.var_values`). Here those
calls become a `Scenario` on top of a base (`chat_scenario`), and a `Scenario` becomes the calls that
state it to the planner (`chat_steps`: what the workbench records into a session), so chat and
workbench share one scenario. Every figure read back comes from a calculator's own input or result.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from assistant.planner.graph import var_values
from assistant.scenarios.model import Scenario
from tools import get_tool
from tools.catalog import Catalog
from tools.errors import InputError
from tools.result import ToolResult
from tools.token_cost import TokenCostResult, token_cost
from tools.units import Period, PriceUnit, from_day, per_day, percent_text, price_in_unit, price_per_token

__all__ = ["ChatScenario", "ChatStep", "chat_scenario", "chat_steps"]

ChatStep = tuple[str, dict[str, Any], ToolResult]
"""A tool call that states (part of) a scenario: tool, arguments and the calculator's result for them."""

# Variables of a chat's token_cost call that a scenario has no field for, by what a note calls them.
_NOT_CARRIED = {"service_tier": "the service tier", "cache_write_price": "cache-write prices",
                "cache_write_share": "cache writes", "cache_write_1h_share": "1-hour cache writes",
                "reasoning_share": "reasoning tokens", "reasoning_tokens": "reasoning tokens",
                "request_price": "the per-request fee", "long_context_threshold": "the long-context tier",
                "active_days": "active days per month", "cached_tokens": "cached tokens per query"}


@dataclass
class ChatScenario:
    """The scenario a conversation holds, and what of the chat it could not carry."""

    scenario: Scenario
    notes: list[str] = field(default_factory=list)


def _tidy(value: float) -> float:
    """Unit conversions leave float noise (1.9999999999999998): keep 12 significant digits."""
    return float(f"{value:.12g}")


def _per_1m(price: float, unit: str) -> float:
    return _tidy(price_in_unit(price_per_token(price, unit), PriceUnit.per_1m))


def _given(args: dict[str, Any], key: str) -> float:
    """An input or output price, else the blended price."""
    return float(args[key] if args.get(key) is not None else args["price"])


def _pricing(args: dict[str, Any]) -> dict[str, Any]:
    """A token_cost call's pricing as the scenario's: a catalog model, or prices per 1M tokens."""
    unit = str(args.get("price_unit") or PriceUnit.per_1m)
    blended = args.get("price")
    if blended is None and args.get("input_price") is None:
        return {"model": args["model"]}
    out = {"input_per_1m": _per_1m(_given(args, "input_price"), unit),
           "output_per_1m": _per_1m(_given(args, "output_price"), unit)}
    if args.get("cached_input_price") is not None:
        out["cached_input_per_1m"] = _per_1m(args["cached_input_price"], unit)
    return out


def _usage(args: dict[str, Any], result: TokenCostResult) -> dict[str, Any]:
    """Users, queries and the token split the calculator billed (a total is split by token_cost itself)."""
    tokens: dict[str, Any] = {"input": result.inputs["input_tokens_per_query"].value,
                              "output": result.inputs["output_tokens_per_query"].value}
    if args.get("cached_input_share"):
        tokens["cached_share"] = args["cached_input_share"]
    return {"users": args["users"], "queries_per_user": args["queries_per_user"],
            "period": str(args.get("query_period") or Period.day), "tokens": tokens}


def _monthly(amount: float, period: Any) -> float:
    return amount if not period or period == Period.month else _tidy(from_day(per_day(amount, period), Period.month))


def _plan(data: dict[str, Any], tool: str, v: dict[str, Any]) -> None:
    plan = dict(data.get("plan") or {})
    if v.get("price_per_user"):
        plan["price"] = v["price_per_user"]
    if tool == "pricing_plan":
        if v.get("overage_price") is not None:
            plan |= {"included_queries": v.get("free_quota", 0.0), "overage_per_1k": v["overage_price"]}
        elif v.get("free_users") and v.get("free_quota"):
            plan |= {"free_users": v["free_users"], "free_quota": v["free_quota"]}
        if v.get("margin") is not None:
            plan["target_margin"] = v["margin"]
        if v.get("usage_sigma") and "usage" in data:
            data["usage"]["usage_sigma"] = v["usage_sigma"]
    if plan:
        data["plan"] = plan


def _costs(data: dict[str, Any], tool: str, v: dict[str, Any]) -> None:
    if v.get("fixed_costs") is not None:
        data["fixed_costs_per_month"] = _monthly(v["fixed_costs"], v.get("fixed_costs_period"))
    if v.get("investment"):
        data["investment"] = {"upfront": v["investment"], "build_months": v.get("build_months", 0.0)} | (
            {"monthly_saving": v["saving"]} if v.get("saving") is not None else {})
    _plan(data, tool, v)


def _self_host(data: dict[str, Any], tool: str, v: dict[str, Any]) -> None:
    if not v.get("tokens_per_second") or not (v.get("gpu") or v.get("gpu_hourly")):
        return
    hosting = {k: x for k, x in (data.get("self_hosting") or {}).items() if k not in ("gpu", "gpu_hourly")}
    hosting |= {"gpu_hourly": v["gpu_hourly"]} if v.get("gpu_hourly") else {"gpu": v["gpu"]}
    data["self_hosting"] = hosting | {k: v[k] for k in ("gpus", "tokens_per_second", "utilization") if k in v}


def _compliance(data: dict[str, Any], tool: str, v: dict[str, Any]) -> None:
    if v.get("development_cost") and v.get("compliance_cost") is not None:
        data["compliance"] = {k: v[k] for k in ("development_cost", "compliance_cost", "extra_regions",
                                                "region_multiplier") if v.get(k) is not None}


# What each calculator's call says about the scenario (token_cost is read whole, from its last call).
_READERS = {"margin": _plan, "pricing_plan": _plan, "break_even": _costs, "self_host": _self_host,
            "compliance_overhead": _compliance}
_DROPPABLE = ("investment", "self_hosting", "compliance", "plan")


def _validated(data: dict[str, Any], notes: list[str]) -> Scenario | None:
    """The scenario; a part the chat gave that cannot stand as it is (payback with no plan) is left out, said."""
    for drop in range(len(_DROPPABLE) + 1):
        for part in _DROPPABLE[:drop]:
            data.pop(part, None)
        try:
            scenario = Scenario.model_validate(data)
        except ValidationError:
            continue
        if drop:
            notes.append(f"Incomplete in the chat, so left out: {', '.join(_DROPPABLE[:drop])}.")
        return scenario
    return None


def chat_scenario(steps: Iterable[tuple[str, dict[str, Any]]], catalog: Catalog,
                  base: Scenario | None = None) -> ChatScenario | None:
    """`base` with what the chat's tool calls (in order) say; None when neither gives usage and a price."""
    steps = list(steps)
    data: dict[str, Any] = base.model_dump(mode="json", exclude_defaults=True) if base is not None else {}
    notes: list[str] = []
    last_cost = next((args for tool, args in reversed(steps) if tool == "token_cost"), None)
    if last_cost is not None:
        try:
            result = token_cost(last_cost, catalog)
        except InputError as exc:
            notes.append(f"The chat's last cost question could not be carried over: {exc}")
        else:
            data["usage"] = {**(data.get("usage") or {}), **_usage(last_cost, result)}
            data["pricing"] = _pricing(last_cost)
            said = var_values("token_cost", last_cost)
            dropped = sorted({label for var, label in _NOT_CARRIED.items()
                              if said.get(var) not in (None, 0, 0.0, "0%", "standard")})
            if dropped:
                notes.append(f"The scenario has no field for {', '.join(dropped)} of the chat: left out.")
    if "usage" not in data or "pricing" not in data:
        return None
    for tool, args in steps:
        if (read := _READERS.get(tool)) is not None:
            read(data, tool, {k: x for k, x in var_values(tool, args).items() if not isinstance(x, dict)})
    scenario = _validated(data, notes)
    return None if scenario is None else ChatScenario(scenario, notes)


def chat_steps(scenario: Scenario, catalog: Catalog) -> list[ChatStep]:
    """The calls that state `scenario` to the chat planner: with a plan its break-even and margin, then its cost.

    Arguments resolved, as the chat records them (the cost per user is token_cost's result). The cost
    comes last because a bare follow-up ("and with 40,000 users?") asks again what the last call
    answered: the cost, recomputed from the changed inputs, which also keeps the session's scenario
    current. Raises `InputError` for a scenario a calculator refuses (e.g. an unknown model).
    """
    s = scenario
    t = s.usage.tokens
    cost: dict[str, Any] = {"users": s.usage.users, "queries_per_user": s.usage.queries_per_user,
                            "query_period": s.usage.period.value, "input_tokens_per_query": t.input,
                            "output_tokens_per_query": t.output}
    if t.cached_share:
        cost["cached_input_share"] = percent_text(t.cached_share)
    p = s.pricing
    if p.model is not None:
        cost["model"] = p.model
    else:
        cost |= {"input_price": p.input_per_1m, "output_price": p.output_per_1m, "price_unit": "per_1m"}
        if p.cached_input_per_1m is not None:
            cost["cached_input_price"] = p.cached_input_per_1m
    result = token_cost(cost, catalog)
    plan: list[tuple[str, dict[str, Any]]] = []
    if s.plan is not None:
        per_user = result.cost_per_user_per_month_usd
        if s.fixed_costs_per_month:
            plan.append(("break_even", {"mode": "users", "fixed_costs_usd": s.fixed_costs_per_month,
                                        "price_per_user_usd": s.plan.price, "variable_cost_per_user_usd": per_user}))
        plan.append(("margin", {"price_per_user_usd": s.plan.price, "cost_per_user_usd": per_user}))
    return [*((tool, args, get_tool(tool).run(args, catalog)) for tool, args in plan), ("token_cost", cost, result)]
