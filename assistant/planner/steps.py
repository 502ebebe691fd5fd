"""The planner's output types: a step (one tool call), an ask and a chain of steps, a plan (one question's)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

__all__ = ["Ask", "Chain", "Plan", "Step"]


@dataclass
class Ask:
    """An asked variable and where its answer will be: a tool's result field."""

    var: str
    tool: str
    field: str


@dataclass
class Chain:
    """The steps for a question, the asks they answer, notes, and what is missing."""

    steps: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    asks: list[Ask] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    unanswered: list[str] = field(default_factory=list)
    used: set[str] = field(default_factory=set)
    repeated: list[str] = field(default_factory=list)  # a second, different figure of a variable no step took


@dataclass
class Step:
    """One tool call; args may reference an earlier step's result as {"$from": [tool, field]}.

    `asks` are the variables the question of its turn asked (on a v2 plan's steps): a follow-up recomputes
    all of them ("same thing on gpt-4.1-mini" after "monthly bill, and per user?"), not only the tool's main one.
    """

    tool: str
    args: dict[str, Any]
    asks: list[str] = field(default_factory=list)


@dataclass
class Plan:
    """What the planner will do for one question."""

    steps: list[Step] = field(default_factory=list)
    text: str | None = None  # a direct reply: clarification, out of scope, bad input
    notes: list[str] = field(default_factory=list)  # planner defaults, stated in the answer
    kind: str = "calc"  # calc | knowledge | clarify | out_of_scope | invalid
    followup: str | None = None
    asks: list[Ask] = field(default_factory=list)  # what the question asked, and which result holds each
    understood: bool = True  # every number of the question got a role and every ask an answer
    unused: list[str] = field(default_factory=list)  # the figures or asks that were not understood
    missing: list[str] = field(default_factory=list)  # the primary inputs a clarification asks for (variables)
