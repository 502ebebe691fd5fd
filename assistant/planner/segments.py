"""Segments in a table ("| segment | users | queries/day |") or in bullets: each costed, side by side, and summed.

The rows are parts of one workload (free, pro and team users), not alternatives; what the text around the table
says (the model, the tokens per query) every row shares. Nothing is computed here.
"""

from __future__ import annotations

import re
from typing import Any

from assistant.planner.grammar import parse
from assistant.planner.layout import table_segments
from assistant.planner.options import options_chain, shared_usage
from assistant.planner.roles import read
from assistant.planner.steps import Ask, Chain

__all__ = ["segments_chain"]

# what says the rows are parts of one workload: a total asked, or segments named
_PARTS_OF_ONE = re.compile(r"\b(?:segments?|in total|the total|total (?:per|a|monthly|cost|bill)|together|combined|"
                           r"altogether|in all|overall|all of them|sum)\b", re.I)
_PRICES = ("token_price", "input_price", "output_price")


def segments_chain(question: str) -> Chain | None:
    """One compare step over the table's rows, with their total; None when the question holds no segment table."""
    found = table_segments(question)
    if found is None or not _PARTS_OF_ONE.search(question):
        return None  # rows that are alternatives ("compare option A and option B") are options.py's
    parts, rest = found
    around = read(parse(rest))
    shared: dict[str, Any] = {**shared_usage(around), **{g.var: g.value for g in around.givens if g.var in _PRICES}}
    if around.models:
        shared["model"] = around.models[0]
    if (price := around.get("token_price")) is not None and price.unit:
        shared["price_unit"] = price.unit
    out = options_chain(parts, shared)
    if not out.steps:
        return out
    tool, args = out.steps[0]
    out.steps[0] = (tool, {**args, "segments": True})
    out.asks = [Ask("compare_table", "compare", "rows"), Ask("total", "compare", "total_monthly_usd")]
    return out
