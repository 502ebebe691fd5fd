"""solve: goal-seek one unknown of a fixed cost, margin or break-even relation, exactly (sympy).

Relations are built here from whitelisted symbols; user text is never parsed as math.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

import sympy as sp
from pydantic import Field, ValidationInfo, field_validator

from tools import fmt
from tools.catalog import Catalog
from tools.result import CalcInput, ToolResult, parse_input, q
from tools.units import CONVENTION_MONTH, DAYS_PER_MONTH, Period, from_day, per_day, to_fraction

__all__ = ["RELATIONS", "Relation", "SolveInput", "SolveResult", "solve"]

UNITS = {
    "monthly_cost": "USD per month", "users": "users", "tokens_per_query": "tokens",
    "queries_per_user_per_day": "queries per user per day", "price_per_1k": "USD per 1K tokens",
    "price_per_1m": "USD per 1M tokens", "price_per_token": "USD per token",
    "gross_margin": "fraction", "price_per_user": "USD per user", "cost_per_user": "USD per user",
    "break_even_users": "users", "fixed_costs": "USD", "max_queries": "queries per plan",
    "plan_price": "USD per plan", "target_margin": "fraction", "cost_per_query": "USD per query",
    "payback_months": "months", "investment": "USD", "monthly_saving": "USD per month",
    "self_host_per_1m": "USD per 1M tokens", "gpu_hourly_usd": "USD per GPU-hour",
    "gpus": "GPUs", "tokens_per_second": "tokens per second", "utilization": "fraction",
}
SIGNED = {"gross_margin"}  # a margin may be negative; every other symbol must be positive
S = {name: sp.Symbol(name, real=True) for name in UNITS}


@dataclass(frozen=True)
class _Rel:
    lhs: sp.Symbol
    rhs: sp.Expr
    text: str
    hint: str


RELATIONS: dict[str, _Rel] = {
    "monthly_cost": _Rel(
        S["monthly_cost"], S["users"] * S["queries_per_user_per_day"] * DAYS_PER_MONTH
        * S["tokens_per_query"] * S["price_per_1k"] / 1000,
        "monthly_cost = users x queries_per_user_per_day x 30 x tokens_per_query x price_per_1k"
        " / 1000", "every known must be positive"),
    "monthly_cost_per_1m": _Rel(
        S["monthly_cost"], S["users"] * S["queries_per_user_per_day"] * DAYS_PER_MONTH
        * S["tokens_per_query"] * S["price_per_1m"] / 1_000_000,
        "monthly_cost = users x queries_per_user_per_day x 30 x tokens_per_query x price_per_1m"
        " / 1000000", "every known must be positive"),
    "monthly_cost_per_token": _Rel(
        S["monthly_cost"], S["users"] * S["queries_per_user_per_day"] * DAYS_PER_MONTH
        * S["tokens_per_query"] * S["price_per_token"],
        "monthly_cost = users x queries_per_user_per_day x 30 x tokens_per_query x price_per_token",
        "every known must be positive"),
    "monthly_cost_per_query": _Rel(
        S["monthly_cost"], S["users"] * S["queries_per_user_per_day"] * DAYS_PER_MONTH * S["cost_per_query"],
        "monthly_cost = users x queries_per_user_per_day x 30 x cost_per_query", "every known must be positive"),
    "gross_margin": _Rel(
        S["gross_margin"], (S["price_per_user"] - S["cost_per_user"]) / S["price_per_user"],
        "gross_margin = (price_per_user - cost_per_user) / price_per_user",
        "a gross margin must be below 100%"),
    "break_even_users": _Rel(
        S["break_even_users"], S["fixed_costs"] / (S["price_per_user"] - S["cost_per_user"]),
        "break_even_users = fixed_costs / (price_per_user - cost_per_user)",
        "price_per_user must exceed cost_per_user, else break-even never comes"),
    "max_queries": _Rel(
        S["max_queries"], S["plan_price"] * (1 - S["target_margin"]) / S["cost_per_query"],
        "max_queries = plan_price x (1 - target_margin) / cost_per_query",
        "target_margin must be below 100%"),
    "payback_months": _Rel(
        S["payback_months"], S["investment"] / S["monthly_saving"],
        "payback_months = investment / monthly_saving",
        "monthly_saving must be positive, else the investment never pays back"),
    "self_host_per_1m": _Rel(
        S["self_host_per_1m"], S["gpu_hourly_usd"] * S["gpus"]
        / (S["tokens_per_second"] * 3600 * S["utilization"]) * 10**6,
        "self_host_per_1m = gpu_hourly_usd x gpus / (tokens_per_second x 3600 x utilization)"
        " x 1e6", "utilization must be at most 100%"),
}
Relation = Enum("Relation", {name: name for name in RELATIONS}, type=str)  # type: ignore[misc]


def _symbols(relation: str) -> list[str]:
    rel = RELATIONS[relation]
    return [rel.lhs.name, *sorted(s.name for s in rel.rhs.free_symbols)]


def _percent_text(value: object) -> object:
    """'45%' -> 0.45; anything else unchanged (a plain 45 is read per symbol, see UNITS)."""
    if isinstance(value, str) and value.strip().endswith("%"):
        return to_fraction(value)
    return value


class SolveInput(CalcInput):
    """A relation, the symbol to solve for, and the values of every other symbol."""

    relation: Relation = Field(description=f"One of: {', '.join(RELATIONS)}.")
    unknown: str = Field(examples=["price_per_1k"], description="The symbol to solve for.")
    target: float | None = Field(None, examples=[60_000],
                                 description="Value of the relation's left-hand side (or put it "
                                             "in `knowns`).")
    monthly_cost_period: Period = Field(Period.month, description="The period monthly_cost is given for (a budget "
                                        "of $360,000 a year: year); it is turned into a month before solving.")
    queries_period: Period = Field(Period.day, description="The period a known queries_per_user_per_day is given for "
                                   "(400 queries a month: month); it is turned into a day before solving.")
    knowns: dict[str, float] = Field(default_factory=dict, validate_default=True,
                                     examples=[{"users": 100_000, "monthly_cost": 60_000}],
                                     description="Symbol name -> value for every other symbol.")

    @field_validator("target", mode="before")
    @classmethod
    def _target_percent(cls, value: object) -> object:
        return _percent_text(value)

    @field_validator("knowns", mode="before")
    @classmethod
    def _knowns_percent(cls, value: object) -> object:
        if isinstance(value, dict):
            return {k: _percent_text(v) for k, v in value.items()}
        return value

    @field_validator("unknown")
    @classmethod
    def _known_symbol(cls, unknown: str, info: ValidationInfo) -> str:
        relation = info.data.get("relation")
        if relation is not None and unknown not in _symbols(relation.value):
            raise ValueError(f"is not a symbol of {relation.value}; valid: "
                             f"{', '.join(_symbols(relation.value))}")
        return unknown

    @field_validator("knowns")
    @classmethod
    def _complete(cls, knowns: dict[str, float], info: ValidationInfo) -> dict[str, float]:
        relation, unknown = info.data.get("relation"), info.data.get("unknown")
        if relation is None or unknown is None:
            return knowns
        names, lhs = _symbols(relation.value), RELATIONS[relation.value].lhs.name
        if stray := [k for k in knowns if k not in names]:
            raise ValueError(f"has unknown name(s) {', '.join(stray)} for {relation.value}; "
                             f"valid: {', '.join(names)}")
        has_target = info.data.get("target") is not None
        if unknown in knowns:
            raise ValueError(f"gives {unknown}, the unknown: drop it or solve for another symbol")
        if has_target and unknown == lhs:
            raise ValueError(f"cannot be used with target: target is the value of {lhs}, the "
                             f"unknown; drop target, or solve for another symbol")
        if has_target and lhs in knowns:
            raise ValueError(f"gives {lhs} and target, the same value: give it once")
        given = set(knowns) | ({lhs} if has_target else set())
        if missing := [n for n in names if n != unknown and n not in given]:
            raise ValueError(f"needs values for {', '.join(missing)} too (every symbol of "
                             f"{relation.value} except {unknown})")
        return {k: to_fraction(v) if UNITS[k] == "fraction" else v for k, v in knowns.items()}


class SolveResult(ToolResult):
    """The solved value with its unit, the equation and a check by substitution."""

    relation: str
    unknown: str
    value: float | None = Field(description="The solved value, in `unit`; None if none exists.")
    unit: str
    solutions: list[float] = Field(description="Every admissible (real, positive) solution.")
    equation: str
    solved_expression: str | None
    target_value: float | None = Field(description="The left-hand side the solution must give.")
    check_value: float | None = Field(description="Left-hand side recomputed with the solution.")
    reason: str | None = None


def _show(name: str, value: float) -> str:
    unit = UNITS[name]
    if unit == "fraction":
        return fmt.pct(value)
    return fmt.money(value) if unit.startswith("USD") else fmt.number(value)


def _admissible(name: str, sol: sp.Expr) -> bool:
    if not (sol.is_real and sol.is_finite and (name in SIGNED or sol.is_positive)):
        return False
    return UNITS[name] != "fraction" or bool(sol <= 1)  # a share or margin is at most 100%


def _no_solution(name: str, rel: _Rel, raw: list[sp.Expr]) -> str:
    """Why no admissible value exists, with what the equation does give."""
    got = ", ".join(_show(name, float(s)) if s.is_real else str(s) for s in raw)
    kind = "real" if name in SIGNED else "real, positive"
    bound = " (at most 100%)" if UNITS[name] == "fraction" else ""
    return (f"No {kind} {name}{bound} satisfies {rel.text} with these values "
            f"({f'the equation gives {got}' if got else 'it has no solution'}): {rel.hint}.")


def solve(data: SolveInput | dict, catalog: Catalog | None = None) -> SolveResult:
    """Goal-seek: solve one unknown of a fixed cost / margin / break-even relation exactly.

    Relations: monthly_cost = users x queries_per_user_per_day x 30 x tokens_per_query x
    price_per_1k / 1000; gross_margin = (price_per_user - cost_per_user) / price_per_user;
    break_even_users = fixed_costs / (price_per_user - cost_per_user); max_queries =
    plan_price x (1 - target_margin) / cost_per_query; payback_months = investment /
    monthly_saving; self_host_per_1m = gpu_hourly_usd x gpus / (tokens_per_second x 3600 x
    utilization) x 1e6.

    Args:
        data: relation (a name above), unknown (the symbol to solve for), knowns (symbol ->
            value for every other symbol; margins and utilization as 45% or 0.45) and target,
            the value of the relation's left-hand side (or give it in knowns); monthly_cost_period
            when the budget is a year's, a quarter's or a week's; queries_period when the known
            queries per user are a month's, a week's or a year's.
        catalog: unused; accepted so every calculator has the same signature.
    """
    inp = parse_input(SolveInput, data)
    rel = RELATIONS[inp.relation.value]
    knowns = dict(inp.knowns)
    if inp.target is not None:
        lhs_unit = UNITS[rel.lhs.name]
        knowns[rel.lhs.name] = to_fraction(inp.target) if lhs_unit == "fraction" else inp.target
    assumptions: list[str] = []
    if inp.monthly_cost_period is not Period.month and "monthly_cost" in knowns:
        given_budget = knowns["monthly_cost"]
        knowns["monthly_cost"] = from_day(per_day(given_budget, inp.monthly_cost_period), Period.month)
        assumptions.append(f"The {fmt.money(given_budget)} a {inp.monthly_cost_period.value} is "
                           f"{fmt.money(knowns['monthly_cost'])} a month (a year is 12 months of 30 days).")
    queries = "queries_per_user_per_day"
    if inp.queries_period is not Period.day and queries in knowns:
        given_queries = knowns[queries]
        knowns[queries] = per_day(given_queries, inp.queries_period)
        assumptions.append(f"{fmt.number(given_queries)} queries a {inp.queries_period.value} are "
                           f"{fmt.number(knowns[queries])} a day (a month is 30 days, a year 12 months).")
    x = S[inp.unknown]
    equation = sp.Eq(rel.lhs, rel.rhs)
    exact = {S[k]: sp.Rational(repr(float(v))) for k, v in knowns.items()}
    symbolic = sp.solve(equation, x)
    raw = sp.solve(equation.subs(exact), x)
    found = [s for s in raw if _admissible(inp.unknown, s)]
    solutions = [float(s) for s in found]
    value = solutions[0] if solutions else None
    reason = check = target = None
    if value is None:
        reason = _no_solution(inp.unknown, rel, raw)
    else:
        full = {**exact, x: found[0]}
        target, check = float(rel.lhs.subs(full)), float(rel.rhs.subs(full))
    solved = f"{inp.unknown} = {sp.sstr(symbolic[0])}" if symbolic else None
    given = ", ".join(f"{k} = {_show(k, v)}" for k, v in knowns.items())
    result = "no solution" if value is None else _show(inp.unknown, value)
    assumptions.append("Solved exactly with sympy over the relation's fixed symbols; only real, "
                       "positive solutions are kept" + (" (a margin may be negative)."
                                                        if inp.unknown in SIGNED else "."))
    if inp.relation.value == "monthly_cost":
        assumptions.insert(0, CONVENTION_MONTH)
    if any(UNITS[k] == "fraction" for k in knowns):
        assumptions.append("Margins and utilization are read as fractions (45 or 45% = 0.45).")
    unit = "" if UNITS[inp.unknown] == "fraction" else f" ({UNITS[inp.unknown]})"
    headline = f"{inp.unknown} = {result}{unit} with {given}." if reason is None else reason
    return SolveResult(
        tool="solve", headline=headline,
        formula=f"{rel.text}; solved: {solved or 'no closed form'}; with {given}: "
                f"{inp.unknown} = {result}",
        inputs={k: q(v, UNITS[k]) for k, v in knowns.items()} | {
            "relation": q(inp.relation.value, "relation"), "unknown": q(inp.unknown, "symbol")},
        assumptions=assumptions, relation=inp.relation.value, unknown=inp.unknown, value=value,
        unit=UNITS[inp.unknown], solutions=solutions, equation=rel.text,
        solved_expression=solved, target_value=target, check_value=check, reason=reason,
    )
