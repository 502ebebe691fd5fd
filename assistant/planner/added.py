"""Counts said as an addition to another: '40 more agents', 'another 2,000 users', 'add 500 seats'.

A count said so is added to the count of the same kind before it, in the question ("85 agents ... and 40 more") or in
the conversation's scenario ("what if we hire 40 more agents?"), through a `change` step; with no such count ("the
build would add 2,000 paying customers") it is the count itself.
"""

from __future__ import annotations

from typing import Any

from assistant.planner.grammar import Parsed
from assistant.planner.reading import Reading

__all__ = ["add_to_scenario", "added_counts"]

_ADDED_TO = ("users", "paying_users", "free_users", "gpus", "queries_per_user", "tokens_per_query")
_MORE_AFTER = {"more", "extra", "additional"}
_MORE_BEFORE = {"another", "extra", "additional", "add", "adding", "adds"}  # not "plus": "plus 50,000 free users"
# is a second group
ADDED = "added"  # the target of a count said as added, until it is known what it is added to


def added_counts(p: Parsed, r: Reading) -> None:
    """Mark each count said as added ('N more', 'another N', 'add N'); after a count of its kind, it is a part of it."""
    for g in r.givens:
        n = next((m for m in p.nums if m.start == g.start), None)
        if g.var not in _ADDED_TO or n is None or n.money or n.percent:
            continue
        if (n.after[:1] and n.after[0] in _MORE_AFTER) or (n.before[-1:] and n.before[-1] in _MORE_BEFORE):
            g.target = ADDED
            if any(h.var == g.var and h.target != ADDED and 0 <= h.start < g.start for h in r.givens):
                g.var, g.target = "cost_part", g.var  # "85 agents today, and 40 more next quarter"


def add_to_scenario(r: Reading, scenario: dict[str, Any]) -> None:
    """'what if we hire 40 more agents?': a count said as added, after a scenario that holds that count."""
    for g in r.givens:
        if g.target == ADDED and g.var in scenario:
            g.var, g.target = "cost_part", g.var
