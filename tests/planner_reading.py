"""What the planner reads from a question, for the planner's kind tests."""

from __future__ import annotations

from assistant.planner.grammar import parse
from assistant.planner.roles import read


def given_values(question: str) -> dict[str, float]:
    """Variable -> value of the givens the planner reads (the last of a repeated variable wins)."""
    return {g.var: g.value for g in read(parse(question)).givens}
