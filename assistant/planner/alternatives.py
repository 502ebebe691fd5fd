"""Alternatives: two or three values of one input weighed against each other, each planned on its own.

"At $25/mo vs $35/mo, how many users to break even?", "the seat price for an 80% margin, vs a 70% one",
"$8 or $12 per seat: the margin for each?": the same calculation once per value, in the order given. Lists
long enough to chart (three or more users, queries, tokens or prices) are a sweep's job, not this one's.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from assistant.planner.roles import Reading
from assistant.planner.steps import Chain
from tools import fmt

__all__ = ["alternatives"]

# Inputs a sweep charts when three or more values are given; two of them are still alternatives here.
_SWEPT = {"users", "queries_per_user", "tokens_per_query", "token_price"}
_LABELS = {"margin": "target margin", "price_per_user": "price per user", "cost_per_user": "cost per user",
           "fixed_costs": "fixed costs", "budget": "budget"}


def alternatives(reading: Reading, plan: Callable[[Reading], Chain]) -> Chain | None:
    """Each alternative value's chain, one after another, or None when the question weighs no alternatives."""
    found = [(var, values) for var, values in reading.series.items()
             if 2 <= len(values) <= 3 and not reading.ranged.get(var) and not (var in _SWEPT and len(values) > 2)
             and len([g for g in reading.givens if g.var == var]) == len(values)]
    if len(found) != 1:
        return None
    var, values = found[0]
    parts = [plan(_with(reading, var, value)) for value in values]
    if not all(part.steps and not part.missing and not part.unanswered for part in parts) \
            or any(part.steps == parts[0].steps for part in parts[1:]):
        return None  # a value no step takes weighs nothing
    out = Chain(asks=parts[-1].asks, used={v for part in parts for v in part.used})
    for part in parts:
        out.steps += part.steps
        out.notes += [n for n in part.notes if n not in out.notes]
    shown = ", ".join(_shown(var, reading, v) for v in values)
    out.notes.insert(0, f"Worked out once for each {_LABELS.get(var, var.replace('_', ' '))} given: {shown}.")
    return out


def _with(reading: Reading, var: str, value: float) -> Reading:
    """The reading with only one of the alternatives of `var`."""
    givens = [g for g in reading.givens if g.var != var or g.value == value]
    series = {k: v for k, v in reading.series.items() if k != var}
    return dataclasses.replace(reading, givens=givens, series=series)


def _shown(var: str, reading: Reading, value: float) -> str:
    given = next((g for g in reading.givens if g.var == var and g.value == value), None)
    return given.text if given is not None and given.text.strip() else fmt.number(value)  # a value the series scaled
