"""Goal-seek: an asked input of a relation whose output the question gives as a target, solved with `solve`.

"With $5k a month, how many requests per user per day?", "what per-1K price keeps us within $25k?",
"what utilization gets us to $0.80 per 1M tokens?", "what can a user cost at 75% margin and $20?".
"""

from __future__ import annotations

import re
from typing import Any

from assistant.planner import inputs
from assistant.planner.builder import Planner
from assistant.planner.graph import GOALS
from assistant.planner.inputs import PRIMARY
from assistant.planner.refs import is_ref, ref
from assistant.planner.steps import Ask

__all__ = ["SYMBOL_VARS", "goal_seek"]

SYMBOL_VARS = {"queries_per_user_per_day": "queries_per_user", "price_per_1k": "token_price",
               "price_per_token": "token_price", "price_per_1m": "token_price", "gpu_hourly_usd": "gpu_hourly",
               "monthly_saving": "saving", "gross_margin": "margin", "self_host_per_1m": "token_price"}


def goal_seek(planner: Planner, var: str) -> Ask | None:
    """Solve for an asked input whose output the question gives as a target (a budget, a $/1M target)."""
    for bill in ("monthly_cost", "yearly_cost"):  # a bill given beside an asked input: "$120k a year for LLM spend"
        if var in ("queries_per_user", "users", "tokens_per_query", "token_price") and "budget" not in planner.vals \
                and bill in planner.r.givens_vars() and not is_ref(planner.vals.get(bill)):
            planner.vals["budget"] = planner.vals.pop(bill)
            planner.out.used.add(bill)
    if var in ("queries_per_user", "tokens_per_query", "token_price") and "budget" not in planner.vals \
            and {"margin", "price_per_user"} <= set(planner.vals) and "monthly_cost" not in planner.vals \
            and "cost_per_user" not in planner.vals and "users" not in planner.r.givens_vars():
        return _seek_within_margin(planner, var)
    if var in ("queries_per_user", "users", "tokens_per_query", "token_price") and "budget" in planner.vals:
        return _seek_monthly(planner, var)
    if var in GOALS["self_host_per_1m"] and "token_price" in planner.vals and (
            "gpu_hourly" in planner.vals or var == "gpu_hourly"):  # "the most per GPU-hour for $0.50 per 1M"
        knowns = {"self_host_per_1m": planner.vals["token_price"], "gpu_hourly_usd": planner.vals.get("gpu_hourly"),
                  "gpus": planner.vals.get("gpus", 1), "tokens_per_second": planner.vals.get("tokens_per_second"),
                  **_per_gpu(planner),
                  "utilization": _fraction(planner, "utilization")}
        knowns.pop(GOALS["self_host_per_1m"][var], None)  # the unknown is sought, not known
        return _solve(planner, "self_host_per_1m", GOALS["self_host_per_1m"][var], knowns)
    # "what price breaks even with 1,200 subscribers?"
    if var == "price_per_user" and {"users", "paying_users"} & planner.r.givens_vars() and \
            {"users", "fixed_costs", "cost_per_user"} <= set(planner.vals):
        knowns = {"break_even_users": planner.vals["users"], "fixed_costs": planner.vals["fixed_costs"],
                  "cost_per_user": planner.vals["cost_per_user"]}
        return _solve(planner, "break_even_users", "price_per_user", knowns)
    if var in ("investment", "saving") and "months" in planner.vals and ({"investment", "saving"} - {var}) <= set(
            planner.vals):  # "payback within 18 months: the most we can spend upfront?", or the saving it needs
        planner.out.used.add("months")
        knowns = {"payback_months": planner.vals["months"], "investment": planner.vals.get("investment"),
                  "monthly_saving": planner.vals.get("saving")}
        return _solve(planner, "payback_months", "monthly_saving" if var == "saving" else var, knowns)
    if var == "cost_per_query" and {"margin", "price_per_user", "queries_per_user"} <= set(planner.vals) \
            and "cost_per_query" not in planner.r.givens_vars() and "queries_per_user" in planner.r.givens_vars() \
            and planner.meta.get("query_period") in (None, "month"):  # "users average 150 queries a month: the
        knowns = {"max_queries": planner.vals["queries_per_user"],  # most we can spend per query at 70%?"
                  "plan_price": planner.vals["price_per_user"], "target_margin": _fraction(planner, "margin")}
        planner.out.used.add("queries_per_user")
        return _solve(planner, "max_queries", "cost_per_query", knowns)
    if var == "cost_per_user" and {"margin", "price_per_user"} <= set(planner.vals):
        return _cost_at_margin(planner)
    if var in ("tokens_per_query", "token_price") and not {"budget", "monthly_cost", "cost_per_query", "margin"} \
            & set(planner.vals) and _AFFORD.search(planner.r.norm) and not planner.r.unplaced:
        planner.out.missing.append(PRIMARY["budget"])  # "how many tokens per query can we afford at $0.30 per 1M
        # ...?": afford within what?
    return None


_AFFORD = re.compile(r"\b(?:afford|budget|fit|within|stay under|keep (?:it |us )?under)\b", re.I)


def _cost_at_margin(planner: Planner) -> Ask | None:
    """'What can a user cost at a 75% margin and $20?': the margin relation solved for the cost per user."""
    knowns = {"gross_margin": _fraction(planner, "margin"), "price_per_user": planner.vals["price_per_user"]}
    return _solve(planner, "gross_margin", "cost_per_user", knowns)


def _seek_within_margin(planner: Planner, var: str) -> Ask | None:
    """'At $10 a user and a 70% margin, how big can a query get?': what one user may cost, then the seek within it."""
    if _cost_at_margin(planner) is None:
        return None
    planner.vals["budget"], planner.vals["users"] = ref("solve", "value"), 1
    planner.out.notes.append("The budget of the seek is what one user may cost a month at the target margin.")
    return _seek_monthly(planner, var)


def _per_gpu(planner: Planner) -> dict[str, Any]:
    """One GPU's throughput: the price per 1M of one GPU is the deployment's, so seek with gpus = 1."""
    per_gpu = planner.vals.get("tokens_per_second_per_gpu")
    return {} if per_gpu is None or "tokens_per_second" in planner.vals else {"gpus": 1, "tokens_per_second": per_gpu}


def _fraction(planner: Planner, var: str) -> Any:
    v = planner.vals.get(var)
    return None if v is None else v if isinstance(v, str) else f"{v:g}%"

def _seek_monthly(planner: Planner, var: str) -> Ask | None:
    unit = planner.meta.get("token_price_unit") or "per_1m"
    if var == "token_price":
        unit = planner.meta.get("asked_unit") or unit
    price_symbol = {"per_1k": "price_per_1k", "per_token": "price_per_token"}.get(unit, "price_per_1m")
    period = planner.meta.get("query_period")
    if period not in (None, "day", "week", "month", "year") or (period not in (None, "day") and var in (
            "queries_per_user", "users") and "price" in planner.known() and planner.vals.get("token_price") is None):
        return None  # the relation counts queries per day; solve turns a week's, month's or year's into a day's
    if var in ("queries_per_user", "users") and "cost_per_query" in planner.vals \
            and planner.vals.get("token_price") is None:  # "one query costs us $0.0008 all in; a $12k cap"
        knowns = {"monthly_cost": planner.vals["budget"], "users": planner.vals.get("users"),
                  "queries_per_user_per_day": planner.vals.get("queries_per_user"),
                  "cost_per_query": planner.vals["cost_per_query"]}
        return _solve(planner, "monthly_cost_per_query", GOALS["monthly_cost"][var], knowns)
    if var in ("queries_per_user", "users") and planner.vals.get("token_price") is None \
            and "price" in planner.known():  # a model or split prices: one query's cost first, then the seek
        return _seek_per_query(planner, var)
    if var == "tokens_per_query" and planner.vals.get("token_price") is None and "price" in planner.known():
        return _seek_tokens_on_a_model(planner)
    knowns = {"monthly_cost": planner.vals["budget"], "users": planner.vals.get("users"),
              "queries_per_user_per_day": planner.vals.get("queries_per_user"),
              "tokens_per_query": planner.vals.get("tokens_per_query"), price_symbol: planner.vals.get("token_price")}
    if knowns["tokens_per_query"] is None and var != "tokens_per_query":
        knowns["tokens_per_query"] = inputs.TOKENS_PER_QUERY
        planner.out.notes.append(inputs.NO_QUERY_SIZE)
    symbol = price_symbol if var == "token_price" else GOALS["monthly_cost"][var]
    relation = {"price_per_1k": "monthly_cost", "price_per_token": "monthly_cost_per_token"}.get(
        price_symbol, "monthly_cost_per_1m")
    asked = _solve(planner, relation, symbol, knowns)
    if asked is not None and period not in (None, "day") and var != "queries_per_user":
        planner.out.steps[-1][1]["queries_period"] = period  # "~1.5M requests/month": solve makes them a day's
    return asked


def _one_query(planner: Planner, *sized: str) -> dict[str, Any]:
    """token_cost's arguments for pricing one query (its model or prices), without the usage (and `sized` fields)."""
    one = planner.fill("token_cost", frozenset({"price"}))
    for field in ("users", "queries_per_user", "query_period", "active_days_per_month", *sized):
        one.pop(field, None)
    return one


def _seek_per_query(planner: Planner, var: str) -> Ask | None:
    """Users or queries within a budget when a model (or an input and an output price) prices each query.

    "12k users on Claude Haiku 4.5, 900 input + 250 output tokens a query, a $9,000 ceiling: queries a day?":
    token_cost prices one query, and solve seeks the unknown of monthly cost = users x queries a day x 30 x it.
    """
    one = _one_query(planner)
    knowns = {"monthly_cost": planner.vals["budget"], "users": planner.vals.get("users"),
              "queries_per_user_per_day": planner.vals.get("queries_per_user"),
              "cost_per_query": ref("token_cost", "cost_per_query_usd")}
    knowns = {k: v for k, v in knowns.items() if k != GOALS["monthly_cost"][var]}
    if all(v is not None for v in knowns.values()):  # else the seek below says what is missing
        planner.out.steps.append(("token_cost", {**one, "users": 1, "queries_per_user": 1}))
    return _solve(planner, "monthly_cost_per_query", GOALS["monthly_cost"][var], knowns)


def _seek_tokens_on_a_model(planner: Planner) -> Ask | None:
    """Tokens per query within a budget on a named model ("$5k, 20k users x 5 a day on gpt-4o-mini: tokens?").

    The model's blended price per 1M tokens is the cost of one query of 1M tokens at the query's split (the stated
    default when none was given), from token_cost; solve then seeks the tokens within the budget at that price.
    """
    one = _one_query(planner, "tokens_per_query", "input_tokens_per_query", "output_tokens_per_query")
    knowns = {"monthly_cost": planner.vals["budget"], "users": planner.vals.get("users"),
              "queries_per_user_per_day": planner.vals.get("queries_per_user"),
              "price_per_1m": ref("token_cost", "cost_per_query_usd")}
    if all(v is not None for v in knowns.values()):  # else the seek below says what is missing
        planner.out.steps.append(("token_cost", {**one, "tokens_per_query": 1_000_000, "users": 1,
                                                 "queries_per_user": 1}))
        planner.out.notes.append("The model's price per 1M tokens is the cost of one query of 1M tokens at the "
                                 "query's input/output split.")
    return _solve(planner, "monthly_cost_per_1m", "tokens_per_query", knowns)


def _solve(planner: Planner, relation: str, unknown: str, knowns: dict[str, Any]) -> Ask | None:
    knowns = {k: v for k, v in knowns.items() if k != unknown}
    missing = [k for k, v in knowns.items() if v is None]
    if missing:
        planner.out.missing += [PRIMARY.get(SYMBOL_VARS.get(m, m), m.replace("_", " ")) for m in missing]
        return None
    planner.out.used |= {SYMBOL_VARS.get(k, k) for k in knowns} | {"budget"}
    args: dict[str, Any] = {"relation": relation, "unknown": unknown, "knowns": knowns}
    budget = planner.r.get("budget") or planner.r.get("monthly_cost") or planner.r.get("yearly_cost")
    period = (budget.period if budget is not None else None) or planner.meta.get("budget_period")  # else the scenario's
    if "monthly_cost" in knowns and period in ("year", "quarter", "week", "day"):
        args["monthly_cost_period"] = period  # "the annual budget is $360,000": the tool makes it monthly
    planner.out.steps.append(("solve", args))
    return Ask(unknown, "solve", "value")
