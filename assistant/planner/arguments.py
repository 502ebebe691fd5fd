"""How the planner's known variables become a calculator's arguments, by the variable each field declares.

Percentages are passed as '45%', periods and price units beside the figures they qualify, and each calculator's
modes keep only the arguments they take. Nothing is computed here.
"""

from __future__ import annotations

import re
from typing import Any

from assistant.planner import inputs
from assistant.planner.graph import PRODUCERS, Producer, input_vars
from assistant.planner.reading import Reading
from assistant.planner.refs import is_ref
from assistant.planner.steps import Chain

__all__ = ["Arguments"]


_SHARES = ("margin", "provider_share", "hit_rate", "hit_cost_ratio", "prompt_reduction", "input_share", "cached_share",
           "api_input_share", "price_change",
           "cache_write_share", "cache_write_1h_share", "reasoning_share", "utilization", "other_cogs_share",
           "region_multiplier", "benchmark_margin")
"""Variables passed as percentages ('45%')."""
class Arguments:
    """The argument filling of the planner's working state (`Planner` holds the values and the steps)."""

    r: Reading
    vals: dict[str, Any]
    meta: dict[str, Any]
    out: Chain
    _periods: dict[str, str | None]

    def known(self) -> set[str]:
        """The variables known now (the planner's own)."""
        raise NotImplementedError

    def fill(self, tool: str, need: frozenset[str]) -> dict[str, Any]:
        """The arguments the known variables give `tool`'s producer that needs `need` (no step is added)."""
        prod = next(p for ps in PRODUCERS.values() for p in ps if p.tool == tool and need in p.needs)
        return self._fill(prod, need)

    def _fill(self, prod: Producer, need: frozenset[str]) -> dict[str, Any]:
        other = set().union(*prod.needs) - need if prod.tool == "margin" else set()  # margin's modes exclude
        args: dict[str, Any] = {}
        for fld, var in input_vars(prod.tool).items():
            value = self.value_for(prod.tool, var)
            if value is None or (var in other and var not in need):
                continue
            args[fld] = value
            self.out.used.add(var)
        periods = {v: f for f, v in input_vars(prod.tool).items() if v.endswith("_period")}
        for var in [v for v in need if f"{v}_period" in periods]:  # "$240k a year in fixed costs"
            if (period := self._periods.get(var)) and period != "month":
                args[periods[f"{var}_period"]] = period
        self._prices(prod.tool, args, need)
        if prod.tool == "margin" and "revenue" in need and self.meta.get("money_period") in ("year", "quarter"):
            args["period"] = self.meta["money_period"]
        if prod.tool == "margin" and "revenue" in need and "provider_share" not in need:
            bill = "yearly_cost" if "yearly_cost" in need else "monthly_cost"
            args["cogs_usd"] = self.vals[bill]
            self.out.used.add(bill)
            args.pop("price_per_user_usd", None)
            args.pop("cost_per_user_usd", None)
        if prod.tool == "margin" and not {"price_per_user_usd", "cost_per_user_usd"} <= set(args):
            args.pop("users", None)  # the month's totals are per user: "headcount: 23" beside revenue and COGS
        if prod.tool == "break_even" and prod.mode:
            args["mode"] = prod.mode
            keep = {"users": ("fixed_costs_usd", "fixed_costs_period", "price_per_user_usd",
                              "variable_cost_per_user_usd", *(("paying_users",) if "users" in need else ())),
                    "price": ("target_margin", "variable_cost_per_user_usd"),
                    "payback": ("upfront_investment_usd", "monthly_saving_usd", "monthly_contribution_usd",
                                "build_months", *(("users_brought", "price_per_user_usd", "variable_cost_per_user_usd")
                                                  if need >= {"users", "price_per_user"} else ()))}[prod.mode]
            args = {k: v for k, v in args.items() if k in keep or k == "mode"}
        if prod.tool == "pricing_plan" and "queries_per_user_per_month" in args and self._median_usage():
            args["median_queries_per_user_per_month"] = args.pop("queries_per_user_per_month")
        if prod.tool == "token_cost" and self.meta.get("query_period"):
            args["query_period"] = self.meta["query_period"]
        if prod.tool == "token_cost" and need == frozenset({"price"}) and "users" not in args:
            args.update(users=1, queries_per_user=1)  # only the cost of one query is wanted
            args.pop("query_period", None)
            self.out.notes.append("The cost per query is worked out for one query; it does not depend on how many "
                                  "users there are.")
        if prod.tool == "token_cost" and "users" not in need and "queries_per_user" in need and "users" not in args:
            args["users"] = 1
            self.out.notes.append("The cost is worked out for one user; the cost per user does not depend on how "
                                  "many users there are.")
        if prod.tool == "token_cost" and "cost_per_query" in need:
            args = {k: v for k, v in args.items() if k in ("users", "queries_per_user", "query_period",
                                                           "active_days_per_month")
                    or (k == "calls_per_query" and self._cost_per_call())}
            args["cost_per_query_usd"] = self.vals["cost_per_query"]  # the whole bill of a query, as given
            self.out.used.add("cost_per_query")
            return args
        if prod.tool == "token_cost" and not ({"tokens_per_query", "input_price"} & set(args)) \
                and not {"input_tokens_per_query", "output_tokens_per_query", "words_per_query",
                         "input_words_per_query", "output_words_per_query"} & set(args):
            args["tokens_per_query"] = inputs.TOKENS_PER_QUERY
            self.out.notes.append(inputs.NO_QUERY_SIZE)
        return args

    def _cost_per_call(self) -> bool:
        """'Each triage request costs 1.8 cents ... every claim needs ~3 triage requests': the cost given is one call's.

        The calls' noun names what the cost is said of; "each task costs $0.05, a task = 5 calls" is a task's.
        """
        cost, calls = self.r.get("cost_per_query"), self.r.get("calls_per_query")
        if cost is None or calls is None or cost.start < 0 or calls.start < 0:
            return False
        after = self.r.norm[calls.start + len(calls.text):].strip()
        noun = re.match(r"[\d,.~]*\s*(?:[a-z-]+\s+)?([a-z-]+?)s?\b", after, re.I)
        said = re.split(r"[.;?!]\s", self.r.norm[:cost.start])[-1].lower()
        return noun is not None and re.search(rf"\b{re.escape(noun.group(1).lower())}s?\b", said) is not None

    def _median_usage(self) -> bool:
        """'Our median user makes about 200 queries a month': the usage given is the median, not the mean."""
        given = self.r.get("queries_per_user")
        if given is None:  # the usage is the scenario's: a median stays a median
            return bool(self.meta["usage_median"]) and "queries_per_user" in self.vals
        return given.start > 0 and re.search(
            r"\bmedian\b[^.;?!]{0,40}$", self.r.norm[:given.start], re.I) is not None  # "typical" is one user

    def value_for(self, tool: str, var: str) -> Any:
        """The argument value for variable `var` (percentages as '45%', counts as integers where needed)."""
        if var in _SHARES and var in self.vals:
            v = self.vals[var]
            return v if is_ref(v) or isinstance(v, str) else f"{v:g}%"
        if var == "token_price_per_1m":
            return self.vals.get("token_price") if self.meta.get("token_price_unit") == "per_1m" else None
        if var == "queries_per_user_month":
            return self.vals.get("queries_per_user") if "queries_per_user_month" in self.known() else None
        if var in ("query_period", "price_unit", "money_period"):
            return None
        if var == "gpus" and var in self.vals:
            return int(self.vals[var]) if not is_ref(self.vals[var]) else self.vals[var]
        if var == "extra_regions" and var in self.vals:
            return int(self.vals[var])
        return self.vals.get(var)

    def _prices(self, tool: str, args: dict[str, Any], need: frozenset[str]) -> None:
        unit = self.meta.get("token_price_unit")
        if "price" in args or "input_price" in args:
            args.pop("model", None)
            if unit and "price_unit" in input_vars(tool):  # every calculator taking the shared pricing
                args["price_unit"] = unit
        if tool == "self_host" and "gpu_hourly_usd" in args and not (
                "model_params_b" in args and "tokens_per_second" not in args):
            args.pop("gpu", None)  # a rate given replaces the catalog's, unless the GPU names a reference throughput
        if tool == "self_host" and {"tokens_per_second", "tokens_per_second_per_gpu"} & set(args):
            args.pop("model_params_b", None)  # a measured throughput wins over the reference
        if tool == "pricing_plan" and "cost_per_query_usd" in args:
            for k in ("price", "input_price", "output_price", "model", "price_unit", "tokens_per_query",
                      "input_tokens_per_query", "output_tokens_per_query"):
                args.pop(k, None)
