"""A routing's workload said as usage: users x queries x tokens, whose tokens a month a `token_cost` step gives.

"12k users, 8 queries a day, 1,200 in / 300 out on claude-sonnet-4-5: route 80% to haiku, the monthly bill?" and
the same route asked after that bill ("ok and if we route 80% of that to claude-haiku-4-5?"). The token_cost step
prices the workload on the baseline (today's bill) and gives its tokens a month; the routing blends the routes at
the query's own input/output split. Nothing is computed here.
"""

from __future__ import annotations

from typing import Any

from assistant.planner.graph import input_vars
from assistant.planner.reading import Reading
from assistant.planner.refs import ref

__all__ = ["usage_workload"]

_USAGE = ("users", "queries_per_user", "query_period", "tokens_per_query", "input_tokens", "output_tokens",
          "words_per_query", "input_words", "output_words", "active_days")


def usage_workload(reading: Reading, scenario: dict[str, Any], pricing: dict[str, Any]
                   ) -> tuple[tuple[str, dict[str, Any]], dict[str, Any]] | None:
    """The token_cost step of the usage (question first, then the scenario) and the routing's workload arguments.

    None without users, their queries and a query's size, or without a price for the baseline bill.
    """
    said: dict[str, Any] = {k: v for k, v in scenario.items() if k in _USAGE}
    for g in reading.givens:
        if g.var in _USAGE:
            said[g.var] = g.value
            if g.var == "queries_per_user" and g.period:
                said["query_period"] = g.period
    sized = {"tokens_per_query", "words_per_query"} & set(said) or {"input_tokens", "output_tokens"} <= set(said) \
        or {"input_words", "output_words"} <= set(said)
    if not ({"users", "queries_per_user"} <= set(said) and sized and pricing):
        return None
    fields = {var: fld for fld, var in input_vars("token_cost").items()}
    args = {fields[k]: v for k, v in {**said, **pricing}.items() if k in fields}
    workload: dict[str, Any] = {"monthly_tokens": ref("token_cost", "tokens_per_month")}
    if {"input_tokens", "output_tokens"} <= set(said):  # the query's own split blends the routes' prices
        workload.update(input_tokens_per_query=said["input_tokens"], output_tokens_per_query=said["output_tokens"])
    return ("token_cost", args), workload
