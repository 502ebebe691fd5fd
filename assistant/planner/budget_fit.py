"""Models named right after a goal-seek within a budget: their bills on the same usage, beside the budget.

"With $8,000 a month, what is the most we can pay per 1M tokens?" then "would gpt-4o-mini or gemini-2.5-flash fit in
that budget?": each model's monthly cost at the usage the seek held, and the budget said, so the reader sees which
fit. Nothing is computed here.
"""

from __future__ import annotations

from typing import Any

from assistant.planner.reading import Reading
from assistant.planner.seek import SYMBOL_VARS
from assistant.planner.steps import Ask, Chain
from tools import fmt

__all__ = ["models_within_budget"]

_USAGE = ("users", "queries_per_user_per_day", "tokens_per_query")  # the seek's symbols for the usage


def models_within_budget(reading: Reading, previous: list[tuple[str, dict[str, Any]]]) -> Chain | None:
    """The models a follow-up names, costed on the usage of the budget seek before it; None when it is no such turn."""
    if not previous or previous[-1][0] != "solve" or not reading.models \
            or any(g.var != "api_input_share" for g in reading.givens):  # only a token mix may be said beside them
        return None
    seek = previous[-1][1]
    knowns = seek.get("knowns") or {}
    if not str(seek.get("relation", "")).startswith("monthly_cost") or "monthly_cost" not in knowns \
            or not all(isinstance(knowns.get(k), int | float) for k in _USAGE):
        return None
    usage: dict[str, Any] = {SYMBOL_VARS.get(k, k): knowns[k] for k in _USAGE}
    usage["query_period"] = "day"
    if (mix := reading.get("api_input_share")) is not None:  # "does gpt-4.1-mini fit at a 75/25 split?"
        usage["input_share"] = f"{mix.value:g}%"
    out = Chain()
    out.notes.append(f"The budget is {fmt.money(knowns['monthly_cost'])} a month: a model fits it when its monthly "
                     "cost is at most that.")
    models = list(dict.fromkeys(reading.models))
    if len(models) == 1:
        out.steps.append(("token_cost", {"model": models[0], **usage}))
        out.asks = [Ask("monthly_cost", "token_cost", "cost_per_month_usd")]
    else:
        out.steps.append(("compare", {"options": [{"model": m} for m in models], **usage}))
        out.asks = [Ask("compare_table", "compare", "rows"), Ask("difference", "compare", "difference_usd")]
    return out
