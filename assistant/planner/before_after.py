"""The same usage side by side: with and without a cache, before and after a provider's price change.

"The bill with prompt caching versus without", "if OpenAI raised prices 20% ... also show today's cost": one token
cost becomes a comparison of two scenarios, so the difference comes from the calculator too.
"""

from __future__ import annotations

import re
from typing import Any

from assistant.planner.lexicon import cue
from assistant.planner.refs import is_ref
from assistant.planner.steps import Ask, Chain

__all__ = ["CACHE_ARGS", "before_and_after_a_change", "with_and_without", "with_and_without_cache",
           "with_and_without_change"]

CACHE_ARGS = ("cached_input_tokens_per_query", "cached_input_share", "cache_write_share", "cache_write_1h_share")


# "without caching", "with no cache", "with prompt caching versus without", "with and without the cache"
_WITHOUT_CACHE = re.compile(r"\bwith(?:out| no)\b[^?.]{0,20}\bcach|\bcach\w*\b[^?.]{0,40}\b"
                            r"(?:versus|vs\.?|or|and|than) (?:without|no|not|w/o)\b|\bw/ ?cach\w*\s+(?:vs\.?|or) w/o\b|"
                            r"\bwith (?:and|or|vs\.?|versus) without\b[^?.]{0,20}\bcach|"
                            r"\b(?:vs\.?|versus|compared (?:to|with)|against|than|over)\s+(?:no|not|without)\s+"
                            r"(?:any\s+|\w+\s+)?cach|"  # "how much do we save vs no caching?"
                            r"\bcach[^?]{0,160}\b(?:before and after|with and without)\b|"  # "... before and after?"
                            r"\b(?:vs\.?|versus|compared (?:to|with)|against|or)\s+(?:if\s+)?nothing\s+"
                            r"(?:(?:were|was|is|gets?)\s+)?cached\b", re.I)  # "vs if nothing were cached?"


def with_and_without(question: str) -> bool:
    """'With prompt caching versus without', 'what does caching save vs not caching at all?'."""
    return _WITHOUT_CACHE.search(question) is not None


def with_and_without_cache(question: str, result: Chain) -> None:
    """'The cost per call with prompt caching versus without': the same usage side by side, cached and not."""
    if len(result.steps) != 1 or result.steps[0][0] != "token_cost" or not _WITHOUT_CACHE.search(question):
        return
    args = result.steps[0][1]
    if not any(args.get(k) for k in CACHE_ARGS):
        return
    plain = {k: v for k, v in args.items() if k not in CACHE_ARGS and k != "cached_input_price"}
    _side_by_side(result, ("with caching", args), ("without caching", plain))





def with_and_without_change(question: str, result: Chain) -> None:
    """'If OpenAI raised gpt-4o prices by 20%, what would it cost? Also show today's cost': both bills, side by side."""
    if len(result.steps) != 1 or result.steps[0][0] != "token_cost" or not cue("today_too").search(question):
        return
    args = result.steps[0][1]
    if not args.get("price_change"):
        return
    today = {k: v for k, v in args.items() if k != "price_change"}
    _side_by_side(result, (f"prices {args['price_change']} changed", args), ("today's prices", today))


def before_and_after_a_change(asks: list[str], result: Chain) -> None:
    """'A 25% price increase: the new monthly bill, and how much extra per year?': the changed bill beside today's.

    The `change` step stays first; the token cost after it becomes a comparison of the changed usage and today's.
    """
    steps = result.steps
    if "compare" not in asks or [t for t, _ in steps] != ["change", "token_cost"] or is_ref(steps[0][1].get("value")):
        return
    change, args = steps[0][1], steps[1][1]
    changed = [k for k, v in args.items() if is_ref(v) and v["$from"][0] == "change"]
    if len(changed) != 1:
        return
    today = {**args, changed[0]: change["value"]}
    steps[1] = ("compare", {"scenarios": [{"label": f"{change['name']} changed", **args},
                                          {"label": "today", **today}]})
    result.asks = [Ask("compare_table", "compare", "rows"), Ask("difference", "compare", "difference_usd"),
                   *([Ask("difference_yearly", "compare", "difference_per_year_usd")] if "yearly_cost" in asks else [])]


def _side_by_side(result: Chain, *scenarios: tuple[str, dict[str, Any]]) -> None:
    """The plan's one token cost becomes a comparison of the labelled scenarios, asked for its table and difference."""
    result.steps[0] = ("compare", {"scenarios": [{"label": label, **args} for label, args in scenarios]})
    per_query = any(a.var == "cost_per_query" for a in result.asks)  # one call: no monthly difference to lead with
    result.asks = [Ask("compare_per_query", "compare", "rows")] if per_query else [
        Ask("compare_table", "compare", "rows"), Ask("difference", "compare", "difference_usd")]
