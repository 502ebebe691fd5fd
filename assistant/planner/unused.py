"""What a plan says back: the figures no step used, and what the planner understood when it asks."""

from __future__ import annotations

import re

from assistant.planner.reading import Given
from assistant.planner.roles import Reading
from assistant.planner.steps import Chain, Plan, Step
from tools import fmt
from tools.rates import tier_rules

__all__ = ["as_plan", "not_used", "understood", "unused_givens"]


def as_plan(result: Chain, reading: Reading | None = None) -> Plan | None:
    """The plan of a chain; figures of the `reading` that got no role are said and mark it not understood."""
    if not result.steps:
        return None
    unused = list(reading.unused) if reading is not None else []
    notes = [*result.notes, *([not_used(unused)] if unused else [])]
    return Plan(steps=[Step(t, a) for t, a in result.steps], notes=notes, asks=result.asks, understood=not unused,
                unused=unused)


def not_used(unused: list[str]) -> str:
    """The note naming figures no step took, and how to make them count."""
    return f"Not used in this calculation: {', '.join(unused)}. If it should change the result, say what it measures."


_MONEYISH = ("cost", "price", "revenue", "budget", "saving", "investment", "margin", "share", "rate", "funding")


def unused_givens(reading: Reading, used: set[str]) -> list[str]:
    """Figures the question gave that no step took (money and percentages: they change answers)."""
    skip = {"factor", "percent_change", "adoption", "cost_part", "monthly_cost_before", "monthly_cost_after", "gpus"}
    return [g.text for g in reading.givens if g.var not in used and g.var not in skip
            and any(w in g.var for w in _MONEYISH) and not (g.var == "tier_share" and _tier_as_stated(reading, g))]


def _tier_as_stated(reading: Reading, share: Given) -> bool:
    """'Through the batch API (half the standard price)': the share the question states is the tier's own rule."""
    rule = next((r for r in tier_rules() if r.provider == "any" and r.tier == reading.tier), None)
    return rule is not None and abs(rule.multiplier * 100 - share.value) < 1e-9


def understood(reading: Reading) -> str:
    """'I understood model = ..., users = 50,000. ': the first figures read, said back before asking."""
    parts = [*(f"model = {m}" for m in reading.models[:2]), *([f"GPU = {reading.gpu}"] if reading.gpu else []),
             *(f"{_name(g)} = {_said(g)}" for g in reading.givens)][:6]
    return f"I understood {', '.join(parts)}. " if parts else ""


def _name(g: Given) -> str:
    """'monthly cost', or 'cost per day' for a bill said of another period ("$2,000 a day to run")."""
    name = g.var.replace("_", " ")
    if g.period not in (None, "month") and name.startswith("monthly "):
        return f"{name.removeprefix('monthly ')} per {g.period}"
    return name


def _said(g: Given) -> str:
    """A given as the question meant it, written the one way answers write figures ('50k' -> '50,000')."""
    if re.fullmatch(r"\$\d+(?:\.\d+)?", g.text):
        return fmt.money(g.value)
    return fmt.number(g.value) if re.fullmatch(r"\d+(?:\.\d+)?", g.text) else g.text
