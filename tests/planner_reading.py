"""What the planner reads from a question, for the planner's kind tests."""

from __future__ import annotations

from assistant.planner.grammar import parse
from assistant.planner.plan import make_plan
from assistant.planner.roles import read
from assistant.planner.steps import Step


def given_values(question: str) -> dict[str, float]:
    """Variable -> value of the givens the planner reads (the last of a repeated variable wins)."""
    return {g.var: g.value for g in read(parse(question)).givens}


def follow_up(first: str, follow: str) -> list[Step]:
    """The steps planned for `follow` asked right after `first` (the conversation's only earlier turn)."""
    return make_plan(follow, make_plan(first).steps).steps
